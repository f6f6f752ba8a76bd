"""The scope matrix of every funding page and API endpoint (issue 19 item 10), role by role: the bureau, the
bureau's second clerk who pays (``finance``), a town, a community, the agency (its own contracts' payments
only), the leader, the evaluator, the bureau of another county and the system administrator.

Written out by hand below (not derived from the code under test): which lines, entries and donations each role
sees; which pages open for it (200), which are forbidden (403) or not found (404); what it may post. An
individual donor is masked for every role on lists, details, exports and the API, and revealed only by a
logged reveal of a role allowed to reveal.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from funding import ledger
from funding.models import Donation, Entry
from funding.testing import confirm, contracted_project, payer_of, station_line
from tests.stations_helpers import station_at
from wulian.choices import RegionLevel, Role
from wulian.models import User

YEAR = 2025
TODAY = timezone.localdate()
ROLES = ("bureau", "finance", "shoushan", "binhe", "agency", "leader", "evaluator", "other", "sysadmin")

# Lines: T the town station's (首善), R the community room's (滨河, under 首善), P the agency's project's (at 首善).
# Entries: t, r their allocations; pa the project line's allocation, pc its commitment, pp a paid tranche, pb the
# performance bond. d: a donation at 滨河 from an individual who did not consent to be named.
SEES_LINES = {"bureau": "TRP", "finance": "TRP", "leader": "TRP", "shoushan": "TRP", "binhe": "R", "agency": "P",
              "evaluator": None, "other": "", "sysadmin": None}  # None: the list is forbidden (403)
SEES_ENTRIES = {"bureau": {"t", "r", "pa", "pc", "pp", "pb"}, "finance": {"t", "r", "pa", "pc", "pp", "pb"},
                "leader": {"t", "r", "pa", "pc", "pp", "pb"}, "shoushan": {"t", "r", "pa", "pc", "pp", "pb"},
                "binhe": {"r"}, "agency": {"pc", "pp", "pb"}, "evaluator": None, "other": set(), "sysadmin": None}
SEES_DONATION = {"bureau": True, "finance": True, "leader": True, "shoushan": True, "binhe": True, "agency": None,
                 "evaluator": None, "other": False, "sysadmin": None}
MAY_REVEAL = {"bureau", "finance", "shoushan", "binhe"}  # PERSONAL_DATA_ROLES
PAYERS = {"bureau", "finance"}  # post, transfer, reverse, commit, pay, bond, claw back (the bureau's own county)
OTHER_BUREAU = {"other"}  # a bureau role, but none of these rows is in its county
SEES_FUNDING_PAGES = {"bureau", "finance", "leader", "shoushan", "binhe", "agency", "other"}


@pytest.fixture
def world(cast):
    from wulian.demo import child

    bureau = cast.user_bureau
    town = station_line(bureau, station_at(cast.shoushan), "20000", year=YEAR)
    room = station_line(bureau, station_at(cast.binhe), "10000", year=YEAR)
    project, pline = contracted_project(cast)
    first = confirm(project.milestones.order_by("due_on").first(), cast)
    paid = ledger.pay_milestone(payer_of(cast), first.pk, voucher_number="PZ-1", voucher_date=first.due_on)
    bond = ledger.hold_bond(payer_of(cast), project.pk, Decimal("100"), date=TODAY)
    entries = {"t": town.entries.get(), "r": room.entries.get(), "pa": pline.entries.get(kind="allocation"),
               "pc": pline.entries.get(kind="commitment"), "pp": paid, "pb": bond}
    donation = Donation.objects.create(donor_kind="individual", donor_name="张三丰", form="money",
                                       amount=Decimal("500"), received_on=TODAY, receipt_number="PJ-001",
                                       region=cast.binhe)
    other_county = child(cast.mei.parent, "凤翔区", RegionLevel.COUNTY, code="610305")
    users = dict(cast.users)
    users["finance"] = payer_of(cast)
    users["other"] = User.objects.create(username="fengxiang", role=Role.BUREAU_ADMIN, region=other_county)
    return {"lines": {"T": town, "R": room, "P": pline}, "entries": entries, "donation": donation,
            "project": project, "milestone": project.milestones.order_by("due_on")[1], "users": users}


def _login(client, world, role):
    client.force_login(world["users"][role])
    return client


def _shown(body: str, objects: dict) -> set:
    return {key for key, obj in objects.items() if obj.get_absolute_url() in body}


def _not_visible(status: int) -> bool:
    return status in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_lists_details_exports_and_api_show_exactly_the_rows_in_scope(client, world, role):
    _login(client, world, role)
    lines, entries = world["lines"], world["entries"]
    expected_lines, expected_entries = SEES_LINES[role], SEES_ENTRIES[role]
    # Budget lines: page, export, API.
    page = client.get(reverse("funding:budgetline_list"))
    api = client.get("/api/funding/lines/")
    if expected_lines is None:
        assert page.status_code == api.status_code == 403
    else:
        assert page.status_code == api.status_code == 200
        assert _shown(page.content.decode(), lines) == set(expected_lines)
        assert {r["id"] for r in api.json()["results"]} == {lines[k].pk for k in expected_lines}
    for key, line in lines.items():
        status = client.get(line.get_absolute_url()).status_code
        assert status == 200 if expected_lines and key in expected_lines else _not_visible(status), (key, status)
    # Ledger entries: page, Excel export, API, details.
    page = client.get(reverse("funding:entry_list"))
    api = client.get("/api/funding/entries/")
    export = client.get(reverse("funding:entry_list"), {"export": "xlsx"})
    if expected_entries is None:
        assert page.status_code == api.status_code == export.status_code == 403
    else:
        assert page.status_code == api.status_code == export.status_code == 200
        assert _shown(page.content.decode(), entries) == expected_entries
        assert {r["id"] for r in api.json()["results"]} == {entries[k].pk for k in expected_entries}
        sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content)), read_only=True).worksheets[0]
        numbers = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert numbers == {entries[k].number for k in expected_entries}
    for key, entry in entries.items():
        status = client.get(entry.get_absolute_url()).status_code
        assert status == 200 if expected_entries and key in expected_entries else _not_visible(status), (key, status)
        assert _not_visible(client.get(f"/api/funding/entries/{entry.pk}/").status_code) == (
            not expected_entries or key not in expected_entries)


@pytest.mark.parametrize("role", ROLES)
def test_the_summary_pages_open_for_readers_and_sum_only_their_scope(client, world, role):
    _login(client, world, role)
    for name in ("funding:operating_funds", "funding:execution"):
        response = client.get(reverse(name), {"year": YEAR})
        assert response.status_code == (200 if role in SEES_FUNDING_PAGES else 403), name
    if role not in SEES_FUNDING_PAGES:
        return
    lines = world["lines"]
    years = {line.year for line in lines.values()}  # the project's line runs in the project's year
    shown = sum((client.get(reverse("funding:execution"), {"year": y, "by": "line"}).context["total"].budget
                 for y in years), Decimal(0))
    assert shown == sum((lines[k].budget for k in SEES_LINES[role]), Decimal(0))
    assert client.get(reverse("funding:index")).status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_posting_pages_open_for_the_bureau_of_the_county_only(client, world, role):
    _login(client, world, role)
    entries, project, milestone = world["entries"], world["project"], world["milestone"]
    payer = role in PAYERS
    pages = {
        "entry_add": reverse("funding:entry_add"),
        "transfer": reverse("funding:transfer"),
        "reverse": reverse("funding:entry_reverse", args=[entries["t"].pk]),
        "pay": reverse("funding:milestone_pay", args=[milestone.pk]),
        "commit": reverse("funding:agreement_commit", args=[project.pk]),
        "bond": reverse("funding:bond_hold", args=[project.pk]),
        "settle": reverse("funding:bond_settle", args=[entries["pb"].pk]),
        "clawback": reverse("funding:payment_clawback", args=[entries["pp"].pk]),
        "line_add": reverse("funding:budgetline_add"),
        "line_edit": reverse("funding:budgetline_edit", args=[world["lines"]["T"].pk]),
    }
    for name, url in pages.items():
        status = client.get(url).status_code
        if payer:
            assert status == 200, (name, status)
        elif role in OTHER_BUREAU and name in ("entry_add", "transfer", "line_add"):
            assert status == 200, (name, status)  # its own county's lines: none of ours among the choices
        else:
            assert _not_visible(status), (name, status)
    # Posting on the town's line: the county's bureau only; the other county's bureau is refused and nothing moves.
    town = world["lines"]["T"]
    before = Entry.objects.count()
    api = client.post("/api/funding/entries/", {"line": town.pk, "kind": "spending", "amount": "1",
                                                "date": TODAY.isoformat()},
                      content_type="application/json")
    page = client.post(pages["entry_add"], {"line": town.pk, "kind": "spending", "amount": "1",
                                            "date": TODAY.isoformat(), "request_key": f"m-{role}"})
    if payer:
        assert api.status_code == 201 and page.status_code == 302
        assert Entry.objects.count() == before + 2
    else:
        assert api.status_code in (400, 403, 404) and page.status_code in (200, 403)
        assert Entry.objects.count() == before
    # Paying over the API: the payers of the county only.
    status = client.post(f"/api/funding/entries/pay/{milestone.pk}/", {"voucher_number": "X", "voucher_date":
                         TODAY.isoformat()}, content_type="application/json").status_code
    assert status not in (200, 201) if not payer else status in (201, 409)
    assert status < 500


@pytest.mark.parametrize("role", ROLES)
def test_an_individual_donor_is_masked_for_every_role_unless_revealed_by_a_role_that_may(client, world, role):
    _login(client, world, role)
    donation = world["donation"]
    sees = SEES_DONATION[role]
    page = client.get(reverse("funding:donation_list"))
    api = client.get("/api/funding/donations/")
    export = client.get(reverse("funding:donation_list"), {"export": "xlsx"})
    detail = client.get(donation.get_absolute_url())
    if sees is None:
        assert page.status_code == api.status_code == export.status_code == 403
        assert _not_visible(detail.status_code)
        return
    if not sees:
        assert donation.get_absolute_url() not in page.content.decode()
        assert api.json()["results"] == [] and detail.status_code == 404
        return
    for body in (page.content.decode(), detail.content.decode()):
        assert "张**" in body and "张三丰" not in body
    assert [r["donor_name"] for r in api.json()["results"]] == ["张**"]
    cells = {str(c) for row in load_workbook(io.BytesIO(b"".join(export.streaming_content)), read_only=True)
             .worksheets[0].iter_rows(values_only=True) for c in row if c is not None}
    assert "张**" in cells and "张三丰" not in cells
    revealed = client.post(donation.get_absolute_url())
    if role in MAY_REVEAL:
        assert revealed.status_code == 200 and "张三丰" in revealed.content.decode()
    else:
        assert revealed.status_code == 403
        assert client.get(reverse("funding:donation_list"), {"export": "xlsx", "personal": "1"}).status_code == 403
