"""No dead ends (issue 23, open item 1): for every demo role, every internal link on the pages it reaches from its
home page and menus opens — no 403, 404 or 500 behind a link the page itself offered.

The crawl is the accessibility crawl's (tests/test_accessibility.py: home and menu, one page per kind explored, a
list's records and their edit pages) with Django's test client instead of a browser: every distinct link found on
an explored page is opened (GET), each once per role. Downloads, exports, logout and links that act are not
followed, as in the axe crawl. The demo is loaded once inside the test's transaction.

Before: a row's link led to a record the viewer may not open (a town's cadre clicking a region of the county in
the regions table, a station of the county's list) and answered 404.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import load_cast, verify_second_factor

pytestmark = pytest.mark.django_db

ROLES = ("bureau", "shoushan", "hengqu", "binhe", "agency", "chunhui", "evaluator", "leader", "sysadmin", "secadmin",
         "auditor", "tianjiaan", "finance", "expert1")
NOT_OPENED = ("export=", "/download", "template=", ".pdf", ".png", ".xlsx", ".json", ".csv", "/admin/", "/api/",
              "/logout", "/i18n/", "/actions/", "/delete/", "/poster/", "personal-data", "anonymise", "/read",
              "/refresh", "/retry", "/toggle", "/check-in/", "/accounts/password/done", "/healthz", "/static/",
              "/media/", "format=", "/signout", "/setlang")
REPORT = Path(__file__).resolve().parent.parent / "var" / "dead-ends.txt"


class Links(HTMLParser):
    """The ``href``s of the page's links (``<a href="/…">``), in order."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        href = dict(attrs).get("href") or ""
        if href.startswith("/") and not href.startswith("//"):
            self.found.append(href.split("#")[0])


def links_of(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return [h for h in dict.fromkeys(parser.found) if h and not any(part in h for part in NOT_OPENED)]


def page_kind(href: str) -> str:
    return re.sub(r"\d+", "N", href.split("?")[0])


PER_KIND = 12  # records of one kind opened per role (a list's first page), enough to meet each scope case


def crawl(client) -> tuple[dict, int]:
    """(dead links → the page that offered them, links opened)."""
    status: dict[str, int] = {}
    dead: dict[str, str] = {}
    explored: set[str] = set()
    paths: set[str] = set()
    per_kind: dict[str, int] = {}
    queue = [("/", "")]
    while queue:
        href, source = queue.pop(0)
        path, kind = href.split("?")[0], page_kind(href)
        # One query string per path (sorting, filters and pages of a list are the list), a dozen records per kind.
        if href in status or (href != path and path in paths) or per_kind.get(kind, 0) >= PER_KIND:
            continue
        paths.add(path)
        per_kind[kind] = per_kind.get(kind, 0) + 1
        response = client.get(href)
        status[href] = response.status_code
        if response.status_code in (403, 404) or response.status_code >= 500:
            dead[href] = source
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", "") or kind in explored:
            continue
        explored.add(kind)  # the pages explored further: one per kind
        queue.extend((link, href) for link in links_of(response.content.decode(errors="replace")))
    return dead, len(status)


def test_no_link_a_role_is_offered_leads_to_an_error(client, settings):
    started = time.monotonic()
    load_cast()
    call_command("load_demo", force=True, verbosity=0)
    loaded = time.monotonic()
    from wulian.models import User

    users = {u.username: u for u in User.objects.filter(username__in=ROLES)}
    assert set(users) == set(ROLES)
    dead, opened = {}, {}
    for username in ROLES:
        client.logout()
        client.force_login(users[username])
        verify_second_factor(client)
        found, opened[username] = crawl(client)
        dead.update({f"{username} {href}": source for href, source in found.items()})
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("".join(f"{key}  ← {source}\n" for key, source in sorted(dead.items())))
    print(f"dead-end crawl: demo {loaded - started:.0f} s, {sum(opened.values())} links ({opened}) "
          f"in {time.monotonic() - loaded:.0f} s")
    assert dead == {}


def test_a_related_record_links_only_for_a_viewer_who_may_open_it(client, cast):
    """The activity's 记录人 is an account: the bureau opens accounts of its county, a town's cadre does not — the
    cadre reads the name as plain text (before: a link that answered 404)."""
    from stations.models import Activity
    from tests.stations_helpers import station_at

    station = station_at(cast.hengqu)
    activity = Activity.objects.create(station=station, kind="visit", title="入户走访", date=dt.date(2026, 6, 1),
                                       recorded_by=cast.user_bureau)
    account = cast.user_bureau.get_absolute_url()
    client.force_login(cast.user_bureau)
    assert f'href="{account}"' in client.get(activity.get_absolute_url()).content.decode()
    assert client.get(account).status_code == 200
    client.force_login(cast.user_hengqu)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert f'href="{account}"' not in page and cast.user_bureau.display_name in page
    assert f'href="{station.get_absolute_url()}"' in page  # the station of the cadre's own town opens
    assert client.get(station.get_absolute_url()).status_code == 200
    assert client.get(account).status_code == 404
