"""Attainment: two counties in one installation, each measured against its own document (眉县 2022, 淮南 2020);
value, threshold, verdict and gap per region; the pages' scope, drill-down and query cost; station compliance
on the same targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import SocialOrganization
from stations.choices import StationTier
from stations.models import Station
from tests.stations_helpers import add_staff, station_at
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian import attainment, demo
from wulian.attainment import MET, NO_DATA, NOT_MET
from wulian.choices import RegionLevel
from wulian.models import Region, Target

D = dt.date


def org(region, name, category="service", status="filed"):
    number = f"5161{SocialOrganization.objects.count():014d}" if status == "registered" else ""
    return SocialOrganization.objects.create(region=region, name=name, category=category, status=status, registration_number=number)


@pytest.fixture
def two_counties(cast):
    """眉县 (the cast) and 淮南市田家庵区, with a little data in each."""
    district = demo.load_huainan()
    demo.load_huainan_users(district, password="x")
    dongshan = Region.objects.get(name="洞山社区")
    Region.objects.filter(pk=dongshan.pk).update(population=100)
    # 滨河社区 (urban, 眉县: ≥ 15 organisations, > 50 % service): 16 organisations, 8 service → 50 %: not met.
    for i in range(16):
        org(cast.binhe, f"滨河组织{i}", "service" if i < 8 else "culture_sports")
    # 洞山社区 (淮南: ≥ 10, ≥ 5 registered, ≥ 5 filed, registration ≥ 16 %, ≥ 10 activities, participation ≥ 10 %).
    for i in range(6):
        org(dongshan, f"洞山组织{i}", status="registered")
    people = [make_volunteer(dongshan, registered_on=D(2023, 1, 1)) for _ in range(20)]
    for month in range(1, 11):
        activity = make_activity(dongshan, date=D(2023, month, 5))
        if month <= 2:
            make_hours(activity, people[month])
    return dongshan


def section_of(sections, code):
    for section in sections:
        for index, column in enumerate(section.columns):
            if column.indicator == code:
                return section, index
    return None, None


def cell(sections, region, code):
    section, index = section_of(sections, code)
    if section is None:
        return None
    row = next(r for r in section.rows if r.region.pk == region.pk)
    return row.cells[index]


def test_two_counties_each_against_its_own_document(two_counties, cast):
    dongshan = two_counties
    mei = attainment.attainment(Region.objects.get(pk=cast.shoushan.pk), 2023)
    assert {s.profile.code for s in mei.own + mei.children} == {"meixian2022"}
    binhe_orgs = cell(mei.children, cast.binhe, "orgs_per_community")
    assert (binhe_orgs.value, binhe_orgs.status, binhe_orgs.target.threshold, binhe_orgs.gap) == (16, MET, 15, 0)
    share = cell(mei.children, cast.binhe, "orgs_service_share")
    assert (share.value, share.status, share.gap) == (Decimal("50.0"), NOT_MET, Decimal("0.1"))
    # 眉县's document sets no volunteer rate: no such column for its communities.
    assert cell(mei.children, cast.binhe, "volunteer_registration_rate") is None

    town = Region.objects.get(name="洞山街道")
    hn = attainment.attainment(town, 2023)
    assert {s.profile.code for s in hn.own + hn.children} == {"huainan2020"}
    c = cell(hn.children, dongshan, "orgs_per_community")
    assert (c.value, c.status, c.target.threshold, c.gap) == (6, NOT_MET, 10, 4)
    assert cell(hn.children, dongshan, "orgs_registered").status == MET  # 6 ≥ 5
    filed = cell(hn.children, dongshan, "orgs_filed")
    assert (filed.value, filed.status, filed.gap) == (0, NOT_MET, 5)
    rate = cell(hn.children, dongshan, "volunteer_registration_rate")
    assert (rate.value, rate.status) == (Decimal("20.0"), MET)  # 20 of 100 ≥ 16 %
    activities = cell(hn.children, dongshan, "volunteer_activities")
    assert (activities.value, activities.status) == (10, MET)
    participation = cell(hn.children, dongshan, "volunteer_participation_rate")
    assert (participation.value, participation.status) == (Decimal("10.0"), MET)  # 2 of 20 ≥ 10 %
    # 眉县's organisation target (≥ 15) does not reach 淮南: its urban communities need 10.
    assert all(r.cells[section_of(hn.children, "orgs_per_community")[1]].target.threshold == 10
               for r in section_of(hn.children, "orgs_per_community")[0].rows if r.region.kind == "urban")


def test_operating_funds_come_from_the_ledger_and_the_deadline_decides_pending(cast):
    county = Region.objects.get(pk=cast.mei.pk)
    result = attainment.attainment(county, 2023)
    funds = cell(result.own, county, "operating_funds")  # the funding app computes it (issue 19): no line, 0 元
    assert funds.status == NOT_MET and funds.value == 0 and funds.url.startswith("/funding/")
    assert NO_DATA != funds.status
    agencies = cell(result.children, cast.hengqu, "agencies_cultivated")
    assert agencies.status == NOT_MET and agencies.due  # "2022年底前" has passed in 2023
    early = attainment.attainment(county, 2021)
    assert cell(early.children, cast.hengqu, "agencies_cultivated").pending  # not met yet, not due yet
    shoushan = cell(result.children, cast.shoushan, "agencies_cultivated")
    assert shoushan.target.threshold == 2 and cell(result.children, cast.hengqu, "agencies_cultivated").target.threshold == 1
    section, index = section_of(result.children, "agencies_cultivated")
    assert section.columns[index].requirement == ""  # the towns differ, so each cell states its own


def test_only_accepted_targets_count(cast):
    Target.objects.filter(profile__code="meixian2022", indicator="orgs_service_share").update(status="rejected")
    result = attainment.attainment(Region.objects.get(pk=cast.shoushan.pk), 2023)
    assert cell(result.children, cast.binhe, "orgs_service_share") is None
    assert cell(result.children, cast.binhe, "orgs_per_community") is not None


def test_a_region_without_a_profile_has_no_targets(cast):
    province = Region.objects.get(name="陕西省")
    other = Region.objects.add_child(
        Region.objects.get(name="宝鸡市"), {"name": "扶风县", "level": RegionLevel.COUNTY}
    )
    assert attainment.attainment(other, 2023).own == []
    assert attainment.attainment(province, 2023).children == []


# -- the pages --------------------------------------------------------------------------------------------------
def test_the_bureau_drills_from_county_to_town_with_links_to_the_rows(as_user, cast, two_counties):
    client = as_user("bureau")
    url = reverse("wulian:attainment")
    body = client.get(url, {"year": 2023}).content.decode()
    assert "眉县目标达成情况" in body
    assert f'?region={cast.shoushan.pk}&amp;year=2023' in body  # drill-down kept in the URL
    assert "洞山" not in body  # another county's data never shows
    body = client.get(url, {"region": cast.shoushan.pk, "year": 2023}).content.decode()
    assert "首善街道目标达成情况" in body and "滨河社区" in body
    assert reverse("organizations:socialorganization_list") + f"?region={cast.binhe.pk}" in body
    assert "眉县五社联动试点方案 (2022)" in body
    assert 'data-status="not_met"' in body and "差 0.1%" in body


def test_a_town_user_sees_only_its_town(as_user, cast, two_counties):
    client = as_user("hengqu")
    url = reverse("wulian:attainment")
    body = client.get(url, {"year": 2023}).content.decode()
    assert "横渠镇目标达成情况" in body and "崖下村" in body and "滨河社区" not in body
    assert client.get(url, {"region": cast.shoushan.pk}).status_code == 404
    assert client.get(url, {"region": cast.mei.pk}).status_code == 404
    assert client.get(url, {"region": two_counties.pk}).status_code == 404
    assert client.get(url, {"region": "x"}).status_code == 404
    assert client.get(url, {"region": cast.hengqu_village.pk}).status_code == 200


def test_the_huainan_bureau_sees_its_document_and_leading_group(client, two_counties):
    from wulian.models import User

    client.force_login(User.objects.get(username="tianjiaan"))
    body = client.get(reverse("wulian:targets")).content.decode()
    assert "淮府办〔2020〕8号" in body and "邬平川" in body and "004 §二.2" in body and "总结评估阶段" in body
    assert "眉县五社联动" not in body
    body = client.get(reverse("wulian:attainment"), {"region": Region.objects.get(name="洞山街道").pk, "year": 2023}).content.decode()
    assert "志愿者注册率" in body and "20%" in body


def test_the_targets_page_shows_the_counties_document(as_user, cast):
    body = as_user("binhe").get(reverse("wulian:targets")).content.decode()
    assert "关于实施“五社联动”助力基层治理和乡村振兴的试点工作方案" in body
    assert "000 §三.一" in body and "≥ 60 平方米" in body and "仅限 首善街道" in body
    assert "2022年10月1日" in body and "试点阶段" in body


def test_agency_staff_have_no_area_to_measure(as_user):
    assert as_user("agency").get(reverse("wulian:attainment")).status_code == 403
    assert as_user("agency").get(reverse("wulian:targets")).status_code == 403


def test_a_bad_year_falls_back_to_this_year(as_user, cast):
    body = as_user("bureau").get(reverse("wulian:attainment"), {"year": "abc"}).content.decode()
    assert f'<option value="{dt.date.today().year}" selected>' in body


def _page_queries(client, region, year=2023):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("wulian:attainment"), {"region": region.pk, "year": year}).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_costs_the_same_queries_for_more_regions(as_user, cast, django_assert_max_num_queries):
    client = as_user("bureau")
    county = Region.objects.get(pk=cast.mei.pk)
    town = Region.objects.get(pk=cast.hengqu.pk)
    before_county, before_town = _page_queries(client, county), _page_queries(client, town)
    for i in range(6):
        new_town = Region.objects.add_child(Region.objects.get(pk=county.pk), {"name": f"新镇{i}", "level": RegionLevel.TOWN})
        station_at(new_town, office_area=Decimal(70))
        for j in range(3):
            Region.objects.add_child(new_town, {"name": f"新镇{i}村{j}", "level": RegionLevel.COMMUNITY, "kind": "rural"})
    for j in range(10):
        Region.objects.add_child(Region.objects.get(pk=town.pk), {"name": f"横渠新村{j}", "level": RegionLevel.COMMUNITY, "kind": "rural"})
    assert _page_queries(client, county) == before_county
    assert _page_queries(client, town) == before_town
    with django_assert_max_num_queries(45):
        client.get(reverse("wulian:attainment"), {"region": town.pk, "year": 2023})


def test_the_children_come_a_page_at_a_time_and_the_parent_still_counts_them_all(as_user, cast, monkeypatch):
    """A province's 100 counties are shown 50 at a time; the parent's own figures still cover every child, and
    the pages together hold each child once, in the tree's order."""
    county = Region.objects.get(pk=cast.mei.pk)
    towns = list(Region.objects.filter(path__startswith=county.path, depth=county.depth + 1).order_by("path"))
    assert len(towns) > 2
    whole = attainment.attainment(county, 2023)
    assert not whole.page.has_other_pages()  # a county's towns on one page: the page as before
    shown = []
    for number in range(1, len(towns) // 2 + 2):
        paged = attainment.attainment(county, 2023, page=number, per_page=2)
        assert [(c.target.pk, c.value) for s in paged.own for r in s.rows for c in r.cells if c] == [
            (c.target.pk, c.value) for s in whole.own for r in s.rows for c in r.cells if c
        ]
        shown += [r.region for s in paged.children for r in s.rows if r.region not in shown]
    assert shown == [r.region for s in whole.children for r in s.rows]
    client = as_user("bureau")
    body = client.get(reverse("wulian:attainment"), {"region": county.pk, "year": 2023}).content.decode()
    assert 'id="children-pages"' not in body  # one page: no pager
    monkeypatch.setattr(attainment, "CHILDREN_PER_PAGE", 2)  # two towns a page stand for 50 counties
    body = client.get(reverse("wulian:attainment"), {"region": county.pk, "year": 2023, "page": 2}).content.decode()
    assert f"下级区域共 {len(towns)} 个，第 3–4 个" in body
    assert towns[2].name in body and f'data-region="{towns[0].pk}"' not in body


# -- station compliance on the same targets ------------------------------------------------------------------------
def test_station_compliance_follows_the_stations_own_document(cast, two_counties):
    town = Region.objects.get(name="洞山街道")
    hn_station = station_at(town, office_area=Decimal(20))  # 淮南 sets no area: only ≥ 2 professional posts
    add_staff(hn_station, 2, professional=2)
    station = Station.objects.with_compliance().get(pk=hn_station.pk)
    assert [c.code for c in station.compliance] == ["professional_social_workers"]
    assert station.is_compliant is True
    assert Station.objects.compliant().filter(pk=hn_station.pk).exists()
    # 眉县 holds the same area to 60 m².
    mei_station = station_at(cast.hengqu, office_area=Decimal(20))
    assert Station.objects.with_compliance().get(pk=mei_station.pk).is_compliant is False
    assert Station.objects.not_compliant().filter(pk=mei_station.pk).exists()
    # A county attached to no document: no standard, neither compliant nor short.
    fufeng = Region.objects.add_child(Region.objects.get(name="宝鸡市"), {"name": "扶风县", "level": RegionLevel.COUNTY})
    hub = Station.objects.create(name="扶风县总站", tier=StationTier.COUNTY_HUB, region=fufeng)
    listed = Station.objects.with_compliance().get(pk=hub.pk)
    assert listed.standard is None and listed.is_compliant is None and listed.compliance == []
    assert not Station.objects.compliant().filter(pk=hub.pk).exists()
    assert not Station.objects.not_compliant().filter(pk=hub.pk).exists()


def test_the_station_list_filters_stations_without_a_standard(as_user, cast, django_user_model):
    fufeng = Region.objects.add_child(Region.objects.get(name="宝鸡市"), {"name": "扶风县", "level": RegionLevel.COUNTY})
    Station.objects.create(name="扶风县总站", tier=StationTier.COUNTY_HUB, region=fufeng)
    station_at(cast.hengqu, office_area=Decimal(20))
    root = django_user_model.objects.create_superuser("root", password="x-strong-pass-1")
    from django.test import Client

    client = Client()
    client.force_login(root)
    url = reverse("stations:station_list")
    none = client.get(url, {"compliance": "none"}).content.decode()
    assert "扶风县总站" in none and "未设标准" in none
    short = client.get(url, {"compliance": "no"}).content.decode()
    assert "扶风县总站" not in short and "横渠镇" in short


def test_a_superuser_sees_every_document_and_drills_down_from_the_top(client, cast, django_user_model):
    demo.load_huainan()
    client.force_login(django_user_model.objects.create_superuser("root", password="x-strong-pass-1"))
    body = client.get(reverse("wulian:targets")).content.decode()
    assert "?profile=meixian2022" in body and "?profile=huainan2020" in body
    body = client.get(reverse("wulian:targets"), {"profile": "huainan2020"}).content.decode()
    assert "淮府办〔2020〕8号" in body
    # No region of its own: the top of the tree, whose cities carry no target, lists the regions to open.
    body = client.get(reverse("wulian:attainment")).content.decode()
    assert 'id="drill-list"' in body and "宝鸡市" in body


def test_the_child_pager_keeps_the_area_and_year_and_elides_a_province_of_pages():
    """One pager for the attainment page, the dashboard and the volunteer rates: every link keeps the page's own
    area and year, and a province's 9,000 communities (180 pages) read as a short row, not 180 links."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    page = Paginator(range(9000), 50).get_page(90)
    html = render_to_string("wulian/children_pages.html", {"page": page, "base": "?region=7&year=2026"})
    assert "下级区域共 9000 个，第 4451–4500 个" in html
    assert 'href="?region=7&amp;year=2026&amp;page=89">上一页' in html
    assert 'href="?region=7&amp;year=2026&amp;page=91">下一页' in html
    assert 'href="?region=7&amp;year=2026&amp;page=180"' in html and "…" in html
    assert html.count('class="page-link"') < 20
    assert 'aria-current="page">90<' in html
    single = render_to_string("wulian/children_pages.html", {"page": Paginator(range(10), 50).get_page(1), "base": "?"})
    assert not single.strip()
