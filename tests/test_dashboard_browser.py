"""The dashboard in real Chromium: charts drawn by ECharts from static/, drill-down by clicking, phone width."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]

YEAR = dt.date.today().year


@pytest.fixture
def computed(browser_cast):
    from decimal import Decimal

    from stations.choices import StationTier
    from stations.models import Station
    from wulian.dashboard import refresh

    # 横渠镇's station meets the area target: it leads the ranking with a bar one can click.
    Station.objects.create(
        name="横渠镇社工站", tier=StationTier.TOWN_STATION, region=browser_cast.hengqu, office_area=Decimal("62")
    )
    refresh(YEAR)
    return browser_cast


def test_a_leader_sees_the_charts_and_drills_down_by_clicking(live_server, computed, page):
    cast = computed
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server.url, "leader")
    page.goto(f"{live_server.url}/core/dashboard/?year={YEAR}")
    ranking = page.locator("#chart-ranking")
    ranking.wait_for()
    page.wait_for_selector("#chart-ranking[data-rendered] canvas")
    box = ranking.bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    # ECharts drew something: the canvas is not blank.
    painted = page.evaluate(
        """() => { const c = document.querySelector('#chart-ranking canvas');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""
    )
    assert painted > 1000
    page.wait_for_selector("#chart-volunteershours[data-rendered] canvas")
    screenshot(page, "dashboard-county")
    # Drill down: click the town in the table, then a community's page is one more click away.
    page.locator("a.dash-drill", has_text="首善街道").first.click()
    page.wait_for_load_state("networkidle")
    assert re.search(rf"region={cast.shoushan.pk}&year={YEAR}", page.url)
    assert page.locator("#dashboard-crumbs").inner_text().replace("\n", "").startswith("眉县")
    assert page.locator(".dash-table").get_by_text("滨河社区").count() >= 1
    # Back up through the breadcrumb.
    page.locator("#dashboard-crumbs a", has_text="眉县").click()
    page.wait_for_load_state("networkidle")
    assert f"region={cast.mei.pk}" in page.url
    assert errors == []


def test_clicking_a_bar_of_the_ranking_opens_that_town(live_server, computed, page):
    login(page, live_server.url, "leader")
    page.goto(f"{live_server.url}/core/dashboard/?year={YEAR}")
    page.wait_for_selector("#chart-ranking[data-rendered] canvas")
    page.locator("#chart-ranking").scroll_into_view_if_needed()
    page.wait_for_timeout(1200)  # the bars' entry animation
    # Where ECharts drew the best town's bar (the top one), in page pixels; click the middle of it.
    target = page.evaluate(
        """() => { const el = document.getElementById('chart-ranking');
                   const ranking = JSON.parse(document.getElementById('dashboard-data').textContent).ranking;
                   const shown = Math.min(ranking.length, 30), best = ranking[0];
                   const chart = echarts.getInstanceByDom(el);
                   const [x, y] = chart.convertToPixel({seriesIndex: 0}, [best.value / 2, shown - 1]);
                   const r = el.getBoundingClientRect();
                   return {x: r.left + x, y: r.top + y, url: best.url, label: best.label}; }"""
    )
    assert target["label"] == "横渠镇"
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(lambda url: url.endswith(target["url"]))
    assert page.locator("#dashboard-crumbs li.active").inner_text() == "横渠镇"


def test_the_home_page_of_a_leader_loads_the_dashboard(live_server, computed, page):
    login(page, live_server.url, "leader")
    page.wait_for_selector("#dashboard #chart-ranking[data-rendered] canvas")
    assert page.locator("#home-title").inner_text() == "总览"


def test_the_dashboard_fits_a_phone(live_server, computed, chromium):
    context = chromium.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        login(page, live_server.url, "leader")
        page.goto(f"{live_server.url}/core/dashboard/?year={YEAR}")
        page.wait_for_selector("#chart-ranking[data-rendered] canvas")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert page.locator("#chart-ranking").bounding_box()["width"] <= 340
        screenshot(page, "dashboard-phone")
    finally:
        context.close()


def test_the_dashboard_marks_reported_targets_in_chromium(live_server, browser_cast, page):
    """A county's dashboard shows a reported target (填报) in its own column, beside the computed ones."""
    from wulian.dashboard import refresh
    from wulian.models import PolicyProfile, Target, TargetReport

    cast = browser_cast
    profile = PolicyProfile.objects.for_region(cast.shoushan)
    target = Target.objects.create(
        profile=profile, indicator="", measure="日间照料中心覆盖", level="town", comparator="present",
        period="annual", status="accepted", clause="§四", quote="各镇街日间照料中心实现全覆盖。", position=900)
    TargetReport.objects.create(target=target, region=cast.shoushan, year=YEAR, in_place=True,
                                entered_by=cast.user_shoushan)
    refresh(YEAR)
    login(page, live_server.url, "leader")
    page.goto(f"{live_server.url}/core/dashboard/?year={YEAR}")
    head = page.locator(".dash-table th.dash-col", has_text="日间照料中心覆盖")
    head.wait_for()
    assert head.locator(".reported-mark").inner_text() == "填报"
    assert page.locator(".dash-table th.dash-col .reported-mark").count() == 1  # computed columns are unmarked
    head.scroll_into_view_if_needed()
    screenshot(page, "dashboard-reported-target")
