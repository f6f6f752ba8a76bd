"""axe-core finds no serious or critical violation on the main page of every app and on every form,
on a desktop and on a phone (issue 10 item 6).

axe is injected by Playwright into a context that bypasses the page's Content-Security-Policy: the
portal's CSP stays as strict for users as it is (no inline or foreign script is allowed).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser import PHONE, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

# (user, url name): each app's main page and every form a user fills.
PAGES = [
    ("bureau", "home"),
    ("bureau", "stations:station_list"),
    ("bureau", "stations:activity_list"),
    ("bureau", "organizations:agency_list"),
    ("bureau", "organizations:socialorganization_list"),
    ("bureau", "organizations:community_summary"),
    ("bureau", "volunteers:volunteer_list"),
    ("bureau", "volunteers:servicehours_list"),
    ("bureau", "volunteers:rates"),
    ("bureau", "wulian:report_center"),
    ("bureau", "wulian:region_list"),
    ("bureau", "wulian:user_list"),
    ("bureau", "wulian:accesslog_list"),
    ("bureau", "stations:station_add"),
    ("bureau", "stations:staffmember_add"),
    ("bureau", "stations:staffassignment_add"),
    ("bureau", "stations:certificate_add"),
    ("bureau", "stations:agencyplacement_add"),
    ("bureau", "stations:training_add"),
    ("bureau", "organizations:agency_add"),
    ("bureau", "organizations:socialorganization_add"),
    ("bureau", "volunteers:volunteerteam_add"),
    ("bureau", "volunteers:servicehours_add"),
    ("bureau", "volunteers:volunteercertificate_add"),
    ("sysadmin", "wulian:user_add"),
    ("auditor", "wulian:auditevent_list"),
    ("hengqu", "account_security"),
    ("bureau", "wulian:region_add"),
    ("binhe", "home"),
    ("binhe", "stations:activity_add"),
    ("binhe", "volunteers:volunteer_add"),
    ("binhe", "volunteers:volunteeractivity_add"),
    ("binhe", "volunteers:volunteeractivity_list"),
    ("leader", "home"),
    ("agency", "home"),
    ("evaluator", "home"),
    (None, "login"),
    (None, "volunteers:certificate_verify"),
]


def axe_violations(page) -> list[str]:
    """Serious and critical axe-core violations of the page, one line each. axe is injected unless the page has it
    already (``axe_context`` pages get it as an init script on every document they open)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [", ".join(node["target"]) for node in violation["nodes"][:6]]
            found.append(f"{violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    return found


@pytest.fixture
def axe_context(chromium):
    contexts = []

    def make(phone: bool):
        options = {"locale": "zh-CN", "bypass_csp": True}
        options.update({"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {"viewport": {"width": 1280, "height": 860}})
        context = chromium.new_context(**options)
        # axe as an init script, compiled once for the context, rather than a script tag added to each page: the
        # crawl below opens some 380 pages, and each tag cost 0.15 s to send and compile (the crawl of the bureau's
        # 98 pages: 67 s with a tag per page, 42 s with the init script)
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_no_serious_accessibility_violation(live_server, browser_cast, axe_context, phone):
    assert AXE.exists(), "node_modules/axe-core is missing: run `npm install` (scripts/bootstrap.sh test does)"
    pages = {}
    problems = {}
    for username, url_name in PAGES:
        if username not in pages:
            pages[username] = axe_context(phone)
            if username:
                login(pages[username], live_server.url, username)
        page = pages[username]
        response = page.goto(live_server.url + reverse(url_name))
        assert response.status == 200, (username, url_name, response.status)
        found = axe_violations(page)
        if found:
            problems[f"{username} {url_name}"] = found
            screenshot(page, f"axe-{'phone' if phone else 'desktop'}-{url_name.replace(':', '-')}")
    assert problems == {}


# -- issue 23 G: every page each role reaches ---------------------------------------------------------------------
# Each demo role's home page and menu are followed: every page they link to, and on each list the first record's
# page and its edit page (one per kind of page: ids and query strings do not make a page new). Downloads, exports,
# actions that change something and pages outside the portal are not opened. One desktop pass keeps it bounded.
CRAWL_ROLES = ("bureau", "shoushan", "binhe", "agency", "evaluator", "leader", "sysadmin", "secadmin", "auditor")  # one user a role
CRAWL_REPORT = Path(__file__).resolve().parent.parent / "var" / "axe-crawl.txt"
NOT_OPENED = ("export=", "/download", "template=", ".pdf", ".png", ".xlsx", ".json", "/admin/", "/api/", "/logout",
              "/i18n/", "/actions/", "/delete/", "/poster/", "personal-data", "anonymise", "/read", "/refresh",
              "/retry", "/toggle", "/check-in/", "/public/", "/accounts/password/done", "/healthz")
LINKS = """() => Array.from(document.querySelectorAll('nav a[href], main a[href], #content a[href], .container-fluid a[href]'))
  .map(a => a.getAttribute('href')).filter(h => h && h.startsWith('/'))"""
FIRST_RECORD = """() => { const a = Array.from(document.querySelectorAll('table a[href]'))
  .map(a => a.getAttribute('href')).find(h => /^\\/[a-z\\/-]+\\/\\d+\\/$/.test(h)); return a || null; }"""


def page_kind(href: str) -> str:
    return re.sub(r"\d+", "N", href.split("?")[0].split("#")[0])


def crawl(page, base: str, found: dict, username: str) -> int:
    """Open every page the role's home and menu link to, one record page and its edit page per list; axe each."""
    seen, queue = set(), ["/"]
    while queue:
        href = queue.pop(0)
        kind = page_kind(href)
        if kind in seen or any(part in href for part in NOT_OPENED):
            continue
        seen.add(kind)
        response = page.goto(base + href)
        if response is None or response.status != 200 or not page.url.startswith(base):
            continue
        problems = axe_violations(page)
        if problems:
            found[f"{username} {href}"] = problems
            with CRAWL_REPORT.open("a") as report:  # written as found: the whole list, not pytest's truncation
                report.write(f"{username} {href}\n" + "".join(f"  {p}\n" for p in problems))
        if href == "/":
            queue.extend(page.evaluate(LINKS))
        record = page.evaluate(FIRST_RECORD)
        if record:
            queue.append(record)
        if re.fullmatch(r"/[a-z/-]+/\d+/", href.split("?")[0]):
            queue.extend(h for h in page.evaluate(LINKS) if h.split("?")[0].endswith("/edit/"))
    return len(seen)


def test_every_page_each_role_reaches_has_no_serious_violation(live_server, transactional_db, axe_context):
    import time

    from django.core.management import call_command

    from tests.conftest import load_cast

    CRAWL_REPORT.parent.mkdir(parents=True, exist_ok=True)
    CRAWL_REPORT.write_text("")
    load_cast()  # the cast's test password (the demo keeps the passwords of accounts it finds)
    call_command("load_demo", force=True, verbosity=0)
    started, found, opened = time.monotonic(), {}, {}
    for username in CRAWL_ROLES:
        page = axe_context(False)
        login(page, live_server.url, username)
        opened[username] = crawl(page, live_server.url, found, username)
        page.context.close()
    print(f"axe crawl: {sum(opened.values())} pages ({opened}) in {time.monotonic() - started:.0f} s")
    assert sum(opened.values()) > 150, opened  # the menus' pages, not only the 36 above
    assert found == {}
