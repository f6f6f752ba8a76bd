"""A figure is exactly its rows (issue 23 A): for every role, every figure on the home page and on the dashboard
links to a list, and that list counts (or adds up to) the figure.

The demo is loaded on a frozen day; the test logs in as each demo user, reads every linked figure the way a
leader reads it (the number in the card or on the link), follows the link and reads the list's
「共 N 条」 — or its 「合计」 line when the figure is a sum (class hours, service hours).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import loaded_once

pytestmark = pytest.mark.django_db

FROZEN = dt.datetime(2027, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ROLES = ("bureau", "leader", "shoushan", "hengqu", "binhe", "agency", "evaluator", "tianjiaan")

CARD = re.compile(
    r'<a class="card[^"]*" href="(?P<url>[^"#][^"]*)">\s*<div class="card-body[^"]*">\s*'
    r'<div class="[^"]*small[^"]*">(?P<label>[^<]+)</div>\s*<div class="stat[^"]*"[^>]*>(?P<value>[^<]+)</div>'
)
# A figure inside a dashboard panel or table: a link whose text is a number (and perhaps its unit).
LINKED_NUMBER = re.compile(r'<a href="(?P<url>/[^"]+)"[^>]*>(?P<value>[\d,.]+)(?:<small>(?P<unit>[^<]*)</small>)?</a>')
COUNT = re.compile(r"共 ([\d,]+) 条")
MEETING = re.compile(r"([\d,]+) 个社区（村）中 ([\d,]+) 个达标")
TOTAL = re.compile(r'<span class="list-total"[^>]*>合计\s*([\d,.]+)\s*([^<]*)</span>')


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", "").strip())


def listed(client, url: str) -> tuple[int, dict[str, Decimal], str]:
    response = client.get(html.unescape(url))
    assert response.status_code == 200, url
    body = response.content.decode()
    totals = {unit.strip(): number(value) for value, unit in TOTAL.findall(body)}
    summary = MEETING.search(body)  # the per-community summary: "12 个社区（村）中 5 个达标"
    if summary:
        return int(summary.group(2)), totals, body
    found = COUNT.search(body)
    assert found, f"{url} shows no count"
    return int(found.group(1).replace(",", "")), totals, body


def check(client, where: str, label: str, url: str, value: str, unit: str = "") -> str | None:
    """None when the list behind the figure counts (or sums to) it; else a line saying what differs."""
    count, totals, body = listed(client, url)
    shown = number(value.split("/")[0])  # "3 / 12": three of twelve, the link lists the three
    if "/stations/stations/?" in url and "tier=" in url:
        # A figure of the one station of a tier at a region (its area, its staff): the list is that station,
        # and shows the figure in its row.
        in_row = re.search(rf">\s*{re.escape(value)}\s*<", body) or totals.get(unit) == shown
        if count > 1 or shown and (count != 1 or not in_row):
            return f"{where} {label} = {shown}{unit}: its list has {count} stations, not one showing it ({url})"
        return None
    if unit and unit in totals:
        if totals[unit] != shown:
            return f"{where} {label} = {shown}{unit}, its list adds up to {totals[unit]}{unit} ({url})"
        return None
    if count != shown:
        return f"{where} {label} = {shown}{unit}, its list has {count} rows ({url})"
    return None


@pytest.fixture(scope="module")
def frozen_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo on a frozen day, its dashboard refreshed: loaded once for the module's tests (tests/conftest.py,
    ``loaded_once``)."""
    def load():
        call_command("load_demo", verbosity=0)
        from wulian.dashboard import refresh

        refresh(FROZEN.year)

    media = tmp_path_factory.mktemp("demo-media")
    with time_machine.travel(FROZEN, tick=False), loaded_once(django_db_blocker, media, load):
        yield media


@pytest.fixture
def media_root(settings, frozen_demo):
    """(conftest's autouse ``media_root``: here the demo's folder)"""
    settings.MEDIA_ROOT = frozen_demo
    return frozen_demo


def test_every_figure_of_every_home_page_and_dashboard_equals_its_list(frozen_demo, client):
    from wulian.models import User

    faults, followed = [], 0
    for username in ROLES:
        client.force_login(User.objects.get(username=username))
        home = client.get(reverse("home")).content.decode()
        cards = list(CARD.finditer(home))
        assert cards, f"{username}'s home shows no figure"
        for card in cards:
            if card.group("url").startswith(reverse("wulian:dashboard")):
                continue
            followed += 1
            faults.append(check(client, f"{username} home", card.group("label"), card.group("url"), card.group("value")))
        dashboard = client.get(reverse("wulian:dashboard"))
        if dashboard.status_code != 200:
            continue
        body = dashboard.content.decode()
        start = body.find('id="dashboard-kpis"')
        for card in CARD.finditer(body[start:]):
            if "%" in card.group("value"):
                continue  # the share: checked below against the two lists it divides
            followed += 1
            faults.append(check(client, f"{username} dashboard", card.group("label"), card.group("url"), card.group("value")))
        for link in LINKED_NUMBER.finditer(body[start:]):
            unit = link.group("unit") or ""
            if unit == "%" or "/core/" in link.group("url") and "figures" not in link.group("url"):
                continue
            followed += 1
            faults.append(check(client, f"{username} dashboard", "", link.group("url"), link.group("value"), unit))
    faults = [f for f in faults if f]
    assert followed > 40
    assert not faults, "\n".join(faults)


def test_the_share_of_targets_met_links_to_the_figures_it_divides(frozen_demo, client):
    from wulian.models import User

    client.force_login(User.objects.get(username="bureau"))
    body = client.get(reverse("wulian:dashboard")).content.decode()
    share = re.search(r'href="([^"]+)">\s*<div class="card-body[^"]*">\s*<div[^>]*>目标达成率</div>\s*'
                      r'<div class="stat[^"]*" id="kpi-share">([\d.]+)%', body)
    assert share, "目标达成率 links nowhere"
    counted, _totals, page = listed(client, share.group(1))
    met = int(re.search(r'id="kpi-met">(\d+)<', body).group(1))
    assert Decimal(met * 100 / counted).quantize(Decimal("0.1")) == Decimal(share.group(2))
    assert "已达成" in page and "未达成" in page


RANKING_ALL = re.compile(r'id="ranking-all" href="(?P<url>[^"]+)">查看全部 (?P<count>\d+) 个<')
RANKED_NAME = re.compile(r'<tr[^>]*>\s*<td[^>]*>\s*(\d+)\s*</td>\s*<td[^>]*>\s*([^<\s]+)\s*</td>')


def test_the_ranking_panel_opens_the_complete_ranking_with_its_count_and_order(frozen_demo, client):
    """「查看全部 N 个」 opens the whole ranking: N rows, the panel's regions first and in the panel's order."""
    from wulian.models import User

    followed = 0
    for username in ROLES:
        client.force_login(User.objects.get(username=username))
        response = client.get(reverse("wulian:dashboard"))
        if response.status_code != 200 or not response.context["dash"].ranking:
            continue
        body = response.content.decode()
        link = RANKING_ALL.search(body)
        assert link, f"{username}'s ranking panel has no 「查看全部」"
        dash = response.context["dash"]
        count, _totals, page = listed(client, link.group("url"))
        assert count == int(link.group("count")) == dash.ranking_count, username
        rows = RANKED_NAME.findall(page)
        assert [name for _rank, name in rows[: len(dash.ranking)]] == [t.region.name for t in dash.ranking]
        assert [int(rank) for rank, _name in rows] == list(range(1, len(rows) + 1))
        followed += 1
    assert followed >= 2


def test_a_long_ranking_shows_its_top_and_bottom_and_the_list_holds_them_all(frozen_demo, client):
    """More regions than twice the panel's limit: the top and the bottom, and the list's first and last rows
    are those regions, ranked the same (a limit of 2 stands for the province's 10 of 800 towns)."""
    from wulian.dashboard import overview
    from wulian.models import User

    user = User.objects.get(username="bureau")
    whole = overview(user, user.region, FROZEN.year, ranking_limit=100)
    assert len(whole.ranking) > 4 and not whole.ranking_bottom
    short = overview(user, user.region, FROZEN.year, ranking_limit=2)
    assert short.ranking_count == len(whole.ranking)
    assert [t.region for t in short.ranking] == [t.region for t in whole.ranking[:2]]
    assert [t.region for t in short.ranking_bottom] == [t.region for t in whole.ranking[-2:]]
    assert [(t.met, t.not_met, t.no_data) for t in short.ranking_bottom] == [
        (t.met, t.not_met, t.no_data) for t in whole.ranking[-2:]
    ]
    client.force_login(user)
    url = reverse("wulian:ranking_list") + f"?region={user.region.pk}&level={whole.ranking_level}&year={FROZEN.year}&per_page=100"
    rows = RANKED_NAME.findall(client.get(url).content.decode())
    assert [name for _rank, name in rows] == [t.region.name for t in whole.ranking]
