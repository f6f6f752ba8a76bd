"""The leader's dashboard: summaries computed by a refresh, read by the page; drill-down, scope, query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.dashboard import refresh
from wulian.models import AttainmentFigure, DashboardFigure, Region, SummaryRefresh, User

YEAR = dt.date.today().year


def town_station(region, area):
    from stations.choices import StationTier
    from stations.models import Station

    return Station.objects.create(name=f"{region.name}社工站", tier=StationTier.TOWN_STATION, region=region, office_area=area)


def figure(region, indicator, year=YEAR):
    return AttainmentFigure.objects.select_related("target").get(region=region, indicator=indicator, year=year)


def dashboard(client, region=None, year=YEAR):
    params = {"year": year}
    if region is not None:
        params["region"] = region.pk
    return client.get(reverse("wulian:dashboard"), params)


def test_a_refresh_stores_each_regions_value_status_and_gap(cast):
    """眉县 asks ≥ 60 m² of a town station (000 §三.一): 横渠镇 has 62 (met), 槐芽镇 none at all (short by 60)."""
    town_station(cast.hengqu, Decimal("62"))
    huaiya = Region.objects.get(name="槐芽镇")
    refresh(YEAR)
    met = figure(cast.hengqu, "station_area")
    assert (met.value, met.status, met.gap, met.shortfall) == (Decimal("62.00"), "met", Decimal("0.00"), Decimal("0.0"))
    assert met.target.threshold == Decimal("60") and met.target.clause.startswith("000")
    short = figure(huaiya, "station_area")
    assert (short.value, short.status, short.gap, short.shortfall) == (Decimal("0.00"), "not_met", Decimal("60.00"), Decimal("100.0"))
    assert met.url and "/stations/" in met.url
    assert SummaryRefresh.objects.get(year=YEAR).refreshed_at is not None


def test_a_refresh_replaces_the_years_figures(cast):
    refresh(YEAR)
    first = AttainmentFigure.objects.filter(year=YEAR).count()
    town_station(cast.hengqu, Decimal("62"))
    refresh(YEAR)
    assert AttainmentFigure.objects.filter(year=YEAR).count() == first
    assert figure(cast.hengqu, "station_area").status == "met"


def test_a_refresh_writes_no_history_and_deletes_in_one_statement(cast):
    """The summaries are replaced every hour: no history entry per figure, no DELETE per row."""
    from auditlog.models import LogEntry

    refresh(YEAR)
    before = LogEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        refresh(YEAR)
    assert LogEntry.objects.count() == before
    deletes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DELETE")]
    assert len(deletes) == 2, deletes


def test_volunteer_hours_by_month_add_up_the_tree(cast):
    """2.5 + 1 confirmed hours in 滨河社区 in March; 0.5 pending ones do not count; the town and county see 3.5."""
    from volunteers.choices import HoursStatus
    from volunteers.testing import make_activity, make_hours, make_volunteer

    march = make_activity(cast.binhe, date=dt.date(YEAR, 3, 8))
    make_hours(march, make_volunteer(cast.binhe), hours="2.50")
    make_hours(march, make_volunteer(cast.binhe), hours="1.00")
    make_hours(march, make_volunteer(cast.binhe), hours="0.50", status=HoursStatus.PENDING)
    make_hours(make_activity(cast.binhe, date=dt.date(YEAR - 1, 3, 8)), make_volunteer(cast.binhe), hours="9.00")
    refresh(YEAR)
    for region in (cast.binhe, cast.shoushan, cast.mei):
        assert DashboardFigure.objects.get(region=region, year=YEAR, key="volunteers.hours.03").value == Decimal("3.50")
    assert not DashboardFigure.objects.filter(region=cast.hengqu, key="volunteers.hours.03").exists()


def test_the_county_dashboard_lists_its_towns_with_links_down(as_user, cast):
    town_station(cast.hengqu, Decimal("62"))
    refresh(YEAR)
    body = dashboard(as_user("leader")).content.decode()
    assert "眉县" in body
    assert f'href="{reverse("wulian:dashboard")}?region={cast.shoushan.pk}&amp;year={YEAR}">首善街道</a>' in body
    assert "62<small>平方米</small>" in body  # 横渠镇's station area, as the table shows it


def test_a_province_sized_table_of_children_comes_a_page_at_a_time(as_user, cast, monkeypatch):
    """A county's towns fit on one page (no pager); with more children than a page holds (a province's 100
    counties, two towns a page here) the table pages, and the area's own figures still count every child."""
    import wulian.dashboard as dashboard_module
    from wulian.models import Region

    refresh(YEAR)
    client = as_user("leader")
    towns = list(Region.objects.filter(path__startswith=cast.mei.path, depth=cast.mei.depth + 1).order_by("path"))
    assert len(towns) > 2
    whole = dashboard(client)
    assert 'id="children-pages"' not in whole.content.decode()
    monkeypatch.setattr(dashboard_module, "CHILDREN_PER_PAGE", 2)
    response = client.get(reverse("wulian:dashboard"), {"region": cast.mei.pk, "year": YEAR, "page": 2})
    body = response.content.decode()
    assert f"下级区域共 {len(towns)} 个，第 3–4 个" in body
    assert f'href="/core/dashboard/?region={cast.mei.pk}&amp;year={YEAR}&amp;page=3"' in body  # the next page, same area
    shown = [row.region for table in response.context["dash"].tables for row in table.rows]
    assert set(shown) <= set(towns[2:4]) and shown
    assert response.context["dash"].tally == whole.context["dash"].tally  # the area's tally: every child


def test_drilling_down_to_a_town_shows_its_communities_and_the_way_back(as_user, cast):
    refresh(YEAR)
    body = dashboard(as_user("leader"), cast.shoushan).content.decode()
    assert "滨河社区" in body and "景贤社区" in body
    assert f'?region={cast.mei.pk}&amp;year={YEAR}">眉县</a>' in body  # breadcrumb back up
    assert "横渠社区" not in body  # another town's community


def test_a_community_shows_its_own_targets(as_user, cast):
    refresh(YEAR)
    response = dashboard(as_user("leader"), cast.binhe)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="dashboard-title"' in body and "滨河社区" in body


def test_every_value_links_to_the_rows_it_counts(as_user, cast):
    town_station(cast.hengqu, Decimal("62"))
    refresh(YEAR)
    body = dashboard(as_user("leader")).content.decode()
    url = figure(cast.hengqu, "station_area").url
    assert f'<a href="{url.replace("&", "&amp;")}"' in body


def test_towns_are_ranked_by_the_share_of_targets_met(as_user, cast):
    town_station(cast.hengqu, Decimal("62"))
    refresh(YEAR)
    response = dashboard(as_user("leader"))
    ranking = response.context["dash"].ranking
    shares = [t.share for t in ranking]
    assert shares == sorted(shares, reverse=True)
    hengqu = next(t for t in ranking if t.region == cast.hengqu)
    huaiya = next(t for t in ranking if t.region.name == "槐芽镇")
    assert hengqu.met > huaiya.met and hengqu.share > huaiya.share


def test_the_largest_shortfalls_come_first(as_user, cast):
    refresh(YEAR)
    shortfalls = dashboard(as_user("leader")).context["dash"].shortfalls
    assert shortfalls
    values = [f.shortfall for f in shortfalls]
    assert values == sorted(values, reverse=True)
    assert all(f.status == "not_met" and f.due for f in shortfalls)


def test_the_tallies_kept_by_a_refresh_count_every_figure_at_or_below_a_region(cast):
    """The page reads a region's "targets met" from the refresh's tally; it must equal counting the figures."""
    town_station(cast.hengqu, Decimal("62"))
    refresh(YEAR)
    for region in (cast.mei, cast.hengqu, cast.shoushan, Region.objects.get(name="崖下村")):
        counted = {
            status: AttainmentFigure.objects.filter(year=YEAR, region__path__startswith=region.path, status=status).count()
            for status in ("met", "not_met", "no_data")
        }
        kept = {
            key.removeprefix("attainment."): int(value)
            for key, value in DashboardFigure.objects.filter(
                year=YEAR, region=region, key__startswith="attainment."
            ).values_list("key", "value")
        }
        assert {k: v for k, v in counted.items() if v} == kept, region.name
        assert sum(counted.values()) > 0


def test_the_shortfall_rank_orders_every_area_the_same_way(cast):
    """Largest shortfall first; ties by region (path), then the target's place in its document."""
    refresh(YEAR)
    ranked = list(
        AttainmentFigure.objects.filter(year=YEAR, shortfall_rank__isnull=False)
        .select_related("region", "target").order_by("shortfall_rank")
    )
    late = AttainmentFigure.objects.filter(year=YEAR, status="not_met", due=True, shortfall__isnull=False)
    assert len(ranked) == late.count() > 10
    assert [f.shortfall_rank for f in ranked] == list(range(1, len(ranked) + 1))
    keys = [(-f.shortfall, f.region.path, f.target.position, f.target.pk) for f in ranked]
    assert keys == sorted(keys)
    assert not AttainmentFigure.objects.filter(year=YEAR, status="met", shortfall_rank__isnull=False).exists()


def test_a_town_leader_sees_only_its_town(client, cast):
    leader = User.objects.create_user("hengqu-leader", role="leader", region=cast.hengqu, first_name="横渠书记")
    client.force_login(leader)
    refresh(YEAR)
    response = dashboard(client)
    body = response.content.decode()
    assert response.status_code == 200
    assert "横渠社区" in body and "崖下村" in body
    for other in ("首善街道", "滨河社区", "槐芽镇"):
        assert other not in body, other
    assert {f.region.pk for f in response.context["dash"].shortfalls} <= set(
        Region.objects.under(cast.hengqu).values_list("pk", flat=True)
    )
    assert dashboard(client, cast.shoushan).status_code == 404
    assert dashboard(client, cast.mei).status_code == 404


def test_roles_outside_the_region_tree_have_no_dashboard(as_user, cast):
    assert as_user("agency").get(reverse("wulian:dashboard")).status_code == 404
    assert as_user("evaluator").get(reverse("wulian:dashboard")).status_code == 404


def test_a_region_that_is_not_a_number_is_not_found(as_user, cast):
    assert as_user("leader").get(reverse("wulian:dashboard"), {"region": "x"}).status_code == 404


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_dashboard_query_count_does_not_grow_with_the_regions(as_user, cast):
    client = as_user("leader")
    url = f"{reverse('wulian:dashboard')}?year={YEAR}"
    refresh(YEAR)
    client.get(url)  # warm the session and caches
    before = count_queries(client, url)
    for t in range(6):
        town = Region.objects.add_child(cast.mei, {"name": f"新增镇{t}", "level": 4})
        for c in range(4):
            Region.objects.add_child(town, {"name": f"新增{t}社区{c}", "level": 5, "kind": "urban" if c % 2 else "rural",
                                             "population": 1000})
    refresh(YEAR)
    after = count_queries(client, url)
    assert after == before
    assert after <= 30


def test_the_complete_ranking_costs_the_same_queries_for_more_towns(as_user, cast, django_assert_max_num_queries):
    client = as_user("leader")
    url = f"{reverse('wulian:ranking_list')}?region={cast.mei.pk}&level=4&year={YEAR}"
    refresh(YEAR)
    client.get(url)
    before = count_queries(client, url)
    for t in range(30):  # past a page of the list (25 rows) and past the panel's top and bottom ten
        town = Region.objects.add_child(cast.mei, {"name": f"新增镇{t}", "level": 4})
        Region.objects.add_child(town, {"name": f"新增{t}社区", "level": 5, "kind": "rural", "population": 1000})
    refresh(YEAR)
    assert count_queries(client, url) == before
    body = client.get(url).content.decode()
    assert "共 " in body and "新增镇" in body
    with django_assert_max_num_queries(30):
        dashboard(client)
    panel = dashboard(client).context["dash"]
    assert len(panel.ranking) == 10 and len(panel.ranking_bottom) == 10 and panel.ranking_count > 30


def test_the_bureau_can_refresh_now(as_user, cast):
    client = as_user("bureau")
    response = client.post(reverse("wulian:dashboard_refresh"), {"year": YEAR, "next": "/core/dashboard/"})
    assert response.status_code == 302 and response["Location"] == "/core/dashboard/"
    done = SummaryRefresh.objects.get(year=YEAR)
    assert done.refreshed_by == cast.user_bureau
    assert AttainmentFigure.objects.filter(year=YEAR, region=cast.hengqu).exists()


def test_a_leader_reads_but_does_not_refresh(as_user, cast):
    client = as_user("leader")
    assert client.post(reverse("wulian:dashboard_refresh"), {"year": YEAR}).status_code == 403
    assert 'id="dashboard-refresh"' not in dashboard(client).content.decode()


def test_the_refresh_does_not_send_anyone_elsewhere(as_user, cast):
    response = as_user("bureau").post(reverse("wulian:dashboard_refresh"), {"year": YEAR, "next": "//evil.example/"})
    assert response["Location"] == reverse("wulian:dashboard")


def test_a_year_never_computed_is_computed_on_first_sight(as_user, cast):
    assert not SummaryRefresh.objects.filter(year=YEAR - 1).exists()
    response = dashboard(as_user("leader"), year=YEAR - 1)
    assert response.status_code == 200
    assert SummaryRefresh.objects.filter(year=YEAR - 1).exists()  # eager in tests: already done
    assert response.context["dash"].refreshed is not None


def test_leaders_and_the_bureau_land_on_the_dashboard(as_user, cast):
    """Their home page loads the dashboard right after itself (htmx): the slot, then the fragment it fetches."""
    refresh(YEAR)
    for username in ("leader", "bureau"):
        client = as_user(username)
        body = client.get(reverse("home")).content.decode()
        slot = f'hx-get="{reverse("wulian:dashboard")}?embed=1"'
        assert 'id="dashboard-slot"' in body and slot in body, username
        assert "vendor/echarts/echarts.min.js" in body and "js/dashboard.js" in body
        fragment = client.get(reverse("wulian:dashboard"), {"embed": 1}).content.decode()
        assert fragment.lstrip().startswith('<section id="dashboard"') and "<html" not in fragment
        assert "横渠镇" in fragment
    assert 'id="dashboard-slot"' not in as_user("binhe").get(reverse("home")).content.decode()


def test_the_chart_data_is_json_in_the_page_not_a_script(as_user, cast):
    refresh(YEAR)
    body = dashboard(as_user("leader")).content.decode()
    assert '<script id="dashboard-data" type="application/json">' in body
    assert "chartjs" not in body


@pytest.mark.parametrize("username", ["leader", "bureau", "shoushan"])
def test_the_dashboard_stays_within_its_query_budget(as_user, cast, username, django_assert_max_num_queries):
    refresh(YEAR)
    client = as_user(username)
    with django_assert_max_num_queries(30):
        assert dashboard(client).status_code == 200


def test_project_panels_wait_for_the_project_pages(as_user, cast):
    """No panel promises a module whose pages are not there yet; the figures are computed all the same."""
    from django.urls import NoReverseMatch

    refresh(YEAR)
    try:
        reverse("projects:project_list")
        has_pages = True
    except NoReverseMatch:
        has_pages = False
    codes = [view.series.code for view in dashboard(as_user("leader")).context["dash"].series]
    assert ("projects.status" in codes) == has_pages
    assert "volunteers.hours" in codes


@pytest.mark.parametrize("who, level", [("bureau", 4), ("hengqu", 5)])
def test_the_complete_ranking_opened_bare_is_the_panels_level_and_this_year(as_user, cast, who, level):
    # Opened from the menu or a bookmark, the list ranks what the user's own dashboard ranks — the towns of the
    # county, the communities of a town — for this year, never every level mixed with the county itself.
    refresh(YEAR)
    client = as_user(who)
    response = client.get(reverse("wulian:ranking_list"))
    assert response.status_code == 200
    rows = list(response.context["table"].data)
    assert rows and {r.level for r in rows} == {level}
    form = response.context["filter_form"]
    assert str(form["year"].value()) == str(YEAR) and str(form["level"].value()) == str(level)
    # A level cleared on purpose stays cleared: every ranked level, as asked.
    mixed = list(client.get(reverse("wulian:ranking_list") + "?level=&year=" + str(YEAR)).context["table"].data)
    assert len({r.level for r in mixed}) > 1
