"""Volunteer indicators: the arithmetic of the rates, roll-up from community to town, and the page; each region
judged against its own document's targets (淮南 004 §二.2 sets volunteer targets, 眉县's document none)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from volunteers.choices import HoursStatus, VolunteerStatus
from volunteers.rates import rate, rates_for, rates_under
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian import demo
from wulian.models import Region, Target, User


def test_rate_is_a_decimal_and_none_without_a_denominator():
    assert rate(16, 100) == Decimal("0.1600")
    assert rate(1, 3) == Decimal("0.3333")
    assert rate(5, 0) is None
    assert rate(5, None) is None


def _setup(cast, year=2024):
    Region.objects.filter(pk=cast.binhe.pk).update(population=100)
    Region.objects.filter(pk=cast.jingxian.pk).update(population=0)
    people = [make_volunteer(cast.binhe, registered_on=dt.date(2023, 1, 1)) for _ in range(20)]
    make_volunteer(cast.binhe, registered_on=dt.date(year + 1, 1, 1))  # registered after the year: not counted
    make_volunteer(cast.binhe, registered_on=dt.date(2023, 1, 1), status=VolunteerStatus.INACTIVE)
    make_volunteer(cast.jingxian, registered_on=dt.date(2023, 1, 1))
    activity = make_activity(cast.binhe, date=dt.date(year, 5, 1))
    make_hours(activity, people[0], hours="2.5")
    make_hours(activity, people[1], hours="1.5")
    make_hours(activity, people[2], hours="3", status=HoursStatus.PENDING)  # not confirmed: not counted
    make_hours(make_activity(cast.binhe, date=dt.date(year, 6, 1)), people[0], hours="1")
    make_hours(make_activity(cast.binhe, date=dt.date(year - 1, 6, 1)), people[3], hours="4")  # other year
    make_activity(cast.shoushan, date=dt.date(year, 7, 1))  # a town-level activity
    return people


def test_rates_of_a_community_and_its_town(cast):
    _setup(cast)
    binhe, jingxian, town = (Region.objects.get(pk=r.pk) for r in (cast.binhe, cast.jingxian, cast.shoushan))
    rows = {r.region.name: r for r in rates_for([binhe, jingxian, town], town, 2024)}
    b = rows["滨河社区"]
    assert (b.population, b.registered, b.participants, b.activities, b.hours) == (100, 20, 2, 2, Decimal("5.00"))
    assert b.registration_rate == Decimal("0.2000") and b.participation_rate == Decimal("0.1000")
    # 眉县's document sets no volunteer target: no verdict, never the Huainan figures.
    assert b.targets == {} and b.meets_registration is None and b.meets_participation is None
    assert b.meets_activities is None
    j = rows["景贤社区"]
    assert j.population == 0 and j.registration_rate is None and j.registration_percent is None
    assert j.meets_registration is None
    t = rows["首善街道"]
    assert t.registered == 21 and t.participants == 2 and t.activities == 3
    assert t.meets_activities is None
    # The town's population is the sum of its communities' known populations.
    assert t.population == sum(r.population or 0 for r in Region.objects.filter(path__startswith=town.path, level=5))


def test_a_community_without_population_shows_a_dash(as_user, cast):
    Region.objects.filter(pk=cast.binhe.pk).update(population=None)
    make_volunteer(cast.binhe)
    response = as_user("binhe").get(reverse("volunteers:rates"))
    assert response.status_code == 200
    total = response.context["total"]
    assert total.population is None and total.registration_rate is None
    assert 'data-rate="registration">—<' in response.content.decode()


def test_the_rates_page_drills_down_and_says_meixian_sets_no_standard(as_user, cast):
    _setup(cast)
    response = as_user("shoushan").get(reverse("volunteers:rates"), {"year": 2024, "region": cast.shoushan.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert [r.region.name for r in response.context["rows"]][:2] == ["滨河社区", "景贤社区"]
    assert "20.0%" in body
    assert "眉县五社联动试点方案 (2022)未设志愿服务指标" in body and "未设标准" in body
    assert "16 %" not in body and "淮南" not in body and "text-danger" not in body and "text-success" not in body
    assert response.context["requirements"] == {"registration": "", "participation": "", "activities": ""}


@pytest.fixture
def huainan(cast):
    """淮南市田家庵区 beside 眉县: 洞山社区 (100 residents, 20 volunteers, 2 served, 10 activities in 2023)."""
    district = demo.load_huainan()
    demo.load_huainan_users(district, password="x")
    dongshan = Region.objects.get(name="洞山社区")
    Region.objects.filter(pk=dongshan.pk).update(population=100)
    people = [make_volunteer(dongshan, registered_on=dt.date(2023, 1, 1)) for _ in range(20)]
    for month in range(1, 11):
        activity = make_activity(dongshan, date=dt.date(2023, month, 5))
        if month <= 2:
            make_hours(activity, people[month])
    make_volunteer(Region.objects.get(name="山南社区"), registered_on=dt.date(2023, 1, 1))  # 1 of 7,600
    return Region.objects.get(pk=dongshan.pk)


def test_a_huainan_community_is_held_to_16_10_and_10(client, huainan, cast):
    client.force_login(User.objects.get(username="tianjiaan"))
    town = Region.objects.get(name="洞山街道")
    response = client.get(reverse("volunteers:rates"), {"year": 2023, "region": town.pk})
    assert response.status_code == 200
    rows = {r.region.name: r for r in response.context["rows"]}
    d = rows["洞山社区"]
    assert (d.registration_percent, d.participation_percent, d.activities) == (Decimal("20.0"), Decimal("10.0"), 10)
    assert {code: (t.threshold, t.clause) for code, t in d.targets.items()} == {
        "volunteer_registration_rate": (16, "004 §二.2"),
        "volunteer_participation_rate": (10, "004 §二.2"),
        "volunteer_activities": (10, "004 §二.2"),
    }
    assert d.meets_registration is True and d.meets_participation is True and d.meets_activities is True
    s = rows["山南社区"]
    assert s.meets_registration is False and s.meets_participation is False and s.meets_activities is False
    assert response.context["total"].targets == {}  # the street itself: the document asks it of communities
    assert response.context["requirements"]["registration"] == "≥ 16 %"  # said once, in the column's header
    body = response.content.decode()
    assert "淮南市三社联动试点实施意见 (淮府办〔2020〕8号) 004 §二.2" in body
    assert "≥ 16 %" in body and "≥ 10 %" in body and "眉县" not in body
    row = body[body.index('data-region="洞山社区"'):]
    row = row[: row.index("</tr>")]
    assert 'text-success" data-rate="registration">20.0%' in row and "text-danger" not in row

    # The 眉县 bureau in the same installation sees no standard for its own communities.
    client.force_login(cast.user_bureau)
    body = client.get(reverse("volunteers:rates"), {"year": 2023, "region": cast.shoushan.pk}).content.decode()
    assert "未设标准" in body and "≥ 16 %" not in body


def test_an_admin_changing_a_threshold_changes_the_verdict(client, huainan):
    client.force_login(User.objects.get(username="tianjiaan"))
    url, params = reverse("volunteers:rates"), {"year": 2023, "region": Region.objects.get(name="洞山街道").pk}
    row = next(r for r in client.get(url, params).context["rows"] if r.region.pk == huainan.pk)
    assert row.meets_registration is True
    target = Target.objects.get(profile__code="huainan2020", indicator="volunteer_registration_rate")
    target.threshold = Decimal("25")
    target.save()
    response = client.get(url, params)
    row = next(r for r in response.context["rows"] if r.region.pk == huainan.pk)
    assert row.meets_registration is False and row.registration_target.requirement == "≥ 25 %"
    assert "≥ 25 %" in response.content.decode()


def test_the_rates_page_costs_the_same_queries_for_more_communities(client, huainan):
    client.force_login(User.objects.get(username="tianjiaan"))
    town = Region.objects.get(name="洞山街道")
    url, params = reverse("volunteers:rates"), {"year": 2023, "region": town.pk}
    client.get(url, params)
    with CaptureQueriesContext(connection) as few:
        client.get(url, params)
    for i in range(12):
        demo.child(town, f"新社区{i}", 5, kind="urban", population=1000)
    client.get(url, params)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, params)
    assert len(response.context["rows"]) == 15
    assert all(r.registration_target is not None for r in response.context["rows"])
    assert len(many) == len(few)


def test_the_rates_page_refuses_a_region_outside_the_scope(as_user, cast):
    response = as_user("shoushan").get(reverse("volunteers:rates"), {"region": cast.hengqu.pk})
    assert response.context["root"] == cast.user_shoushan.region  # the forged region is ignored


def test_rates_queries_do_not_grow_with_volunteers(cast, as_user):
    client = as_user("bureau")
    make_volunteer(cast.binhe)
    client.get(reverse("volunteers:rates"))  # recomputes what the migration and the volunteer marked
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("volunteers:rates"))
    _setup(cast)
    for _ in range(20):
        make_volunteer(cast.hengqu_village)
    with CaptureQueriesContext(connection) as refreshing:
        client.get(reverse("volunteers:rates"))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("volunteers:rates"))
    assert len(many) == len(few) <= 19  # one is the navigation bar's unread-notification count, three the targets
    # Recomputing the marked regions costs a fixed handful of grouped queries, however many rows changed.
    assert len(refreshing) <= len(few) + 15  # take the marks, lock, four grouped counts, write, release
    assert not any("volunteers_servicehours" in q["sql"] for q in many.captured_queries)


def test_agency_staff_see_no_volunteer_indicators(as_user):
    assert as_user("agency").get(reverse("volunteers:rates")).status_code == 403


def test_rates_under_returns_the_total_and_one_row_per_child(cast):
    total, rows, _book, _page = rates_under(Region.objects.get(pk=cast.shoushan.pk), 2024)
    assert total.region.name == "首善街道" and len(rows) == 6


def test_the_drill_down_reads_its_figures_summed_to_the_childrens_depth(cast):
    """A province's rates page read its 9,000 communities' rows and summed them in Python for each of its 100
    counties; the database now sums them to the children's depth, with the same totals."""
    from volunteers import stats

    _setup(cast)
    county = Region.objects.get(pk=cast.mei.pk)
    towns = list(Region.objects.filter(path__startswith=county.path, depth=county.depth + 1))
    grouped = stats.figures(county, 2024, county.depth + 1)
    assert grouped.groups and all(len(path) <= len(towns[0].path) for path in grouped.groups)
    every = stats.figures(county, 2024)
    assert len(every.groups) > len(grouped.groups)
    for region in [county, *towns]:
        assert grouped.total(region) == every.total(region)
    total, rows, _book, _page = rates_under(county, 2024)
    shoushan = next(r for r in rows if r.region.pk == cast.shoushan.pk)
    assert (shoushan.registered, shoushan.hours) == (21, Decimal("5.00"))
    assert total.registered == 21
    # A town without its own population counts its communities' known ones, summed in the database too.
    Region.objects.filter(pk=cast.shoushan.pk).update(population=None)
    _total, rows, _book, _page = rates_under(county, 2024)
    shoushan = next(r for r in rows if r.region.pk == cast.shoushan.pk)
    known = [p for p in Region.objects.filter(path__startswith=cast.shoushan.path, level=5).values_list("population", flat=True) if p]
    assert known and shoushan.population == sum(known)


def test_a_province_sees_its_children_a_page_at_a_time_and_the_total_of_all(as_user, cast, monkeypatch):
    """A province's 100 counties are shown 50 a page (as the attainment page): the page costs what the city's
    does; the total row still counts every child, and every child is on exactly one page."""
    from volunteers import rates

    monkeypatch.setattr(rates, "CHILDREN_PER_PAGE", 4)
    _setup(cast)
    town = Region.objects.get(pk=cast.shoushan.pk)
    total, every, _book, _page = rates_under(town, 2024, per_page=100)
    client = as_user("bureau")
    seen = []
    for number in (1, 2):
        response = client.get(reverse("volunteers:rates"), {"region": town.pk, "year": 2024, "page": number})
        assert response.status_code == 200
        seen += [row.region.pk for row in response.context["rows"]]
        assert response.context["total"].registered == total.registered
        assert f"下级区域共 {len(every)} 个" in response.content.decode()
        assert "合计行为全部下级区域" in response.content.decode()
        other = 2 if number == 1 else 1
        assert f'href="?region={town.pk}&amp;year=2024&amp;page={other}"' in response.content.decode()
    assert len(every) == 6 and seen == [row.region.pk for row in every]
