"""Output encoding (issue 17, item 10), in real Chromium: a region named like markup is text in the dashboard's
ranking tooltip; the attainment page's year selector works under the CSP (no inline handler)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]

YEAR = dt.date.today().year
EVIL = '<img src=x onerror="window.__xss=1">横渠镇'


@pytest.fixture
def computed(browser_cast):
    from decimal import Decimal

    from stations.choices import StationTier
    from stations.models import Station
    from wulian.dashboard import refresh
    from wulian.models import Region

    Region.objects.filter(pk=browser_cast.hengqu.pk).update(name=EVIL)
    Station.objects.create(
        name="横渠镇社工站", tier=StationTier.TOWN_STATION, region=browser_cast.hengqu, office_area=Decimal("62")
    )
    refresh(YEAR)
    return browser_cast


def test_a_region_named_like_markup_is_text_in_the_ranking_tooltip(live_server, computed, page):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server.url, "leader")
    page.goto(f"{live_server.url}/core/dashboard/?year={YEAR}")
    page.wait_for_selector("#chart-ranking[data-rendered] canvas")
    index = page.evaluate(
        """(evil) => { const el = document.getElementById('chart-ranking');
                       const ranking = JSON.parse(document.getElementById('dashboard-data').textContent).ranking;
                       const rows = ranking.slice(0, 30).reverse();
                       const i = rows.findIndex(r => r.label === evil);
                       echarts.getInstanceByDom(el).dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i});
                       return i; }""",
        EVIL,
    )
    assert index >= 0, "the town is in the ranking"
    page.wait_for_function("() => document.getElementById('chart-ranking').innerText.includes('横渠镇')")
    shown = page.locator("#chart-ranking").inner_text()
    assert '<img src=x onerror="window.__xss=1">横渠镇' in shown  # the name, as text
    assert page.locator("#chart-ranking img").count() == 0  # no element made of it
    assert page.evaluate("() => window.__xss") is None
    screenshot(page, "dashboard-tooltip-text")
    assert errors == []


def test_the_attainment_year_selector_changes_the_year(live_server, browser_cast, page):
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    login(page, live_server.url, "bureau")
    page.goto(f"{live_server.url}/core/targets/attainment/?region={browser_cast.mei.pk}&year={YEAR}")
    with page.expect_navigation():
        page.select_option("#year", str(YEAR - 1))
    assert f"year={YEAR - 1}" in page.url
    assert page.locator("#year").input_value() == str(YEAR - 1)
    assert violations == []
