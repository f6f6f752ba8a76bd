"""Each role's day in Chromium: every navigation entry answers 200 in Chinese, no page names a module the
portal lacks, and the phone pages fit 360 px without horizontal scrolling (issue 10 items 1 and 7)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

USERS = ["bureau", "shoushan", "binhe", "agency", "evaluator", "leader"]
# Modules the portal does not have yet: no page may link to them or promise them.
# Service projects (issue 11) and funding (issue 19) exist: no module is missing any more.
ABSENT: list[str] = []
CJK = re.compile(r"[\u4e00-\u9fff]")
# Pages that quote the county's policy document, whose targets name funds and service projects (shown as
# "暂无数据" until those modules record data): the document is not a promise of a module.
QUOTES_THE_POLICY = {"/core/targets/", "/core/dashboard/"}


@pytest.mark.parametrize("username", USERS)
def test_every_navigation_entry_answers_in_chinese(live_server, browser_cast, page, username):
    login(page, live_server.url, username)
    links = page.eval_on_selector_all(
        "#mainNav a.dropdown-item[href], #mainNav a.nav-link[href]:not([href='#']), #home-actions a[href]",
        "els => [...new Set(els.map(e => e.getAttribute('href')))]",
    )
    assert links, username
    for href in links:
        response = page.goto(live_server.url + href)
        assert response.status == 200, (username, href, response.status)
        assert page.locator("html").get_attribute("lang") == "zh-hans"
        title = page.locator("h1").first.inner_text()
        assert CJK.search(title), (username, href, title)
        if page.locator("#dashboard-slot").count():
            page.wait_for_selector("#dashboard")
        body = page.content()
        if href in QUOTES_THE_POLICY:
            assert "暂无数据" in body, (username, href)
            continue
        if page.locator("#dashboard").count():
            # A home page with the dashboard of its area below it: the dashboard quotes the policy (above);
            # what must not promise an absent module is the rest of the page.
            body = page.evaluate("() => { const d = document.documentElement.cloneNode(true);"
                                 " d.querySelector('#dashboard').remove(); return d.outerHTML; }")
        for word in ABSENT:
            assert word not in body, (username, href, word)
    page.goto(live_server.url + "/")
    screenshot(page, f"walk-home-{username}")


@pytest.fixture
def narrow_page(chromium):
    context = chromium.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


FITS = """() => {
  const wide = document.documentElement.scrollWidth;
  // A button's text wraps when its characters sit on more than one line.
  const wrapped = [...document.querySelectorAll('.btn')].filter(b => {
    if (!b.offsetParent || !b.innerText.trim()) return false;
    const range = document.createRange();
    range.selectNodeContents(b);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    return tops.size > 1;
  }).map(b => b.innerText.trim());
  return {wide, wrapped};
}"""


def test_phone_pages_fit_360_px_and_buttons_stay_on_one_line(live_server, browser_cast, narrow_page):
    from volunteers.testing import make_activity

    activity = make_activity(browser_cast.binhe, title="重阳节敬老志愿服务")
    page = narrow_page
    page.goto(live_server.url + reverse("volunteers:check_in", args=[activity.token]))
    pages = {"check-in": page.evaluate(FITS)}
    screenshot(page, "phone360-check-in")
    login(page, live_server.url, "binhe")
    for name in [
        "home",
        "stations:activity_list",
        "stations:activity_add",
        "volunteers:volunteer_list",
        "volunteers:volunteer_add",
        "volunteers:volunteeractivity_list",
        "volunteers:volunteeractivity_add",
        "volunteers:servicehours_list",
        "volunteers:servicehours_add",
    ]:
        page.goto(live_server.url + reverse(name))
        pages[name] = page.evaluate(FITS)
        screenshot(page, f"phone360-{name.replace(':', '-')}")
    page.goto(live_server.url + activity.get_absolute_url())
    pages["activity detail"] = page.evaluate(FITS)
    screenshot(page, "phone360-activity-detail")
    too_wide = {name: r["wide"] for name, r in pages.items() if r["wide"] > 360}
    wrapped = {name: r["wrapped"] for name, r in pages.items() if r["wrapped"]}
    assert too_wide == {} and wrapped == {}


def test_the_check_in_page_can_be_added_to_a_phone_home_screen(client, db):
    from tests.conftest import load_cast, get_cast
    from volunteers.testing import make_activity

    load_cast()
    activity = make_activity(get_cast().binhe, title="植树")
    body = client.get(reverse("volunteers:check_in", args=[activity.token])).content.decode()
    manifest_url = reverse("volunteers:check_in_manifest", args=[activity.token])
    assert f'<link rel="manifest" href="{manifest_url}">' in body
    assert 'rel="icon"' in body
    manifest = client.get(manifest_url)
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == reverse("volunteers:check_in", args=[activity.token])
    assert data["display"] == "standalone" and "植树" in data["name"]
    from django.conf import settings
    from django.contrib.staticfiles import finders

    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL)), icon
    assert client.get("/favicon.ico").status_code == 301
