"""Funding pages and API as people use them: the bureau creates a line with its allocation, posts, transfers
and reverses; nobody edits or deletes an entry (pages, API, admin); the scope matrix; the operating funds
against the 50,000 / 20,000 / 10,000 minimums and the dashboard indicator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.test import Client
from django.urls import reverse

from funding import ledger
from funding.choices import EntryKind
from funding.models import BudgetLine, Entry
from funding.testing import confirm, contracted_project, payer_of, source, station_line
from tests.stations_helpers import station_at
from wulian import indicators
from wulian.choices import CommunityKind
from wulian.models import Region

K = EntryKind
YEAR = 2025


@pytest.fixture
def hub(cast):
    return station_at(cast.mei)


def test_funding_answers_and_the_menu_names_it(as_user):
    client = as_user("bureau")
    page = client.get("/funding/", follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert "预算项目" in html and "资金分录" in html and "社工站运行经费" in html


def test_bureau_creates_a_line_with_its_allocation_once(as_user, cast, hub):
    client = as_user("bureau")
    form = client.get(reverse("funding:budgetline_add"))
    key = form.context["form"].initial["request_key"]
    data = {"source": source().pk, "year": YEAR, "purpose": "station", "station": hub.pk, "category": "office",
            "amount": "50000", "request_key": key}
    assert client.post(reverse("funding:budgetline_add"), data).status_code == 302
    line = BudgetLine.objects.get(station=hub)
    assert (line.budget, line.region_id) == (Decimal("50000.00"), cast.mei.pk)
    detail = client.get(line.get_absolute_url()).content.decode()
    assert "50,000.00" in detail and "首次下达" in detail
    assert "预算下达" in detail


def test_posting_form_shows_the_overspending_refusal_and_posts_once(as_user, cast, hub):
    line = station_line(cast.user_bureau, hub, "1000", year=YEAR)
    client = as_user("bureau")
    url = reverse("funding:entry_add")
    data = {"line": line.pk, "kind": "spending", "amount": "1000.01", "date": "2025-03-01", "request_key": "k1"}
    page = client.post(url, data)
    assert page.status_code == 200 and "可用 1,000.00元，记 1,000.01元将超支，未记账" in page.content.decode()
    data["amount"] = "400"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the same form submitted twice
    assert BudgetLine.objects.get(pk=line.pk).spent == Decimal("400")


def test_reversal_page_shows_original_and_reason_and_history(as_user, cast, hub):
    line = station_line(cast.user_bureau, hub, "1000", year=YEAR)
    wrong = ledger.post_one(cast.user_bureau, line, K.SPENDING, 300)
    client = as_user("bureau")
    assert client.post(reverse("funding:entry_reverse", args=[wrong.pk]), {"reason": "", "request_key": "r"}).status_code == 200
    response = client.post(reverse("funding:entry_reverse", args=[wrong.pk]), {"reason": "重复录入", "request_key": "r"})
    fix = Entry.objects.get(reverses=wrong)
    assert response.url == fix.get_absolute_url()
    page = client.get(wrong.get_absolute_url()).content.decode()
    assert "已被冲销" in page and fix.number in page and "重复录入" in page
    assert "reverse-button" not in page  # once only


def test_no_edit_or_delete_of_an_entry_on_pages_api_or_admin(as_user, cast, hub):
    line = station_line(cast.user_bureau, hub, "1000", year=YEAR)
    entry = line.entries.get()
    client = as_user("bureau")
    assert client.get(f"/funding/entries/{entry.pk}/edit/").status_code == 404
    assert client.get(f"/funding/entries/{entry.pk}/delete/").status_code == 404
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(f"/api/funding/entries/{entry.pk}/", {"amount": "1"},
                                           content_type="application/json")
        assert response.status_code == 405
    admin = site._registry[Entry]
    assert not admin.has_change_permission(None, entry) and not admin.has_delete_permission(None, entry)
    assert Entry.objects.get(pk=entry.pk).amount == Decimal("1000")


def test_api_posts_once_per_idempotency_key_and_refuses_in_chinese(as_user, cast, hub):
    line = station_line(cast.user_bureau, hub, "500", year=YEAR)
    client = as_user("bureau")
    body = {"line": line.pk, "kind": "spending", "amount": "200.00", "date": "2025-05-01"}
    first = client.post("/api/funding/entries/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="x1")
    again = client.post("/api/funding/entries/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="x1")
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    body["amount"] = "300.01"
    over = client.post("/api/funding/entries/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="x2")
    assert over.status_code == 409 and "超支" in over.json()["detail"]
    assert BudgetLine.objects.get(pk=line.pk).spent == Decimal("200")


def test_scope_matrix_of_lines_and_entries(as_user, cast, hub):
    project, line = contracted_project(cast)
    first = confirm(project.milestones.order_by("due_on").first(), cast)
    paid = ledger.pay_milestone(payer_of(cast), first.pk, voucher_number="PZ-7", voucher_date=first.due_on)
    station = station_line(cast.user_bureau, hub, "50000", year=YEAR)
    hengqu_line = station_line(cast.user_bureau, station_at(cast.hengqu), "20000", year=YEAR)
    seen = {}
    for name in ("bureau", "leader", "shoushan", "hengqu", "agency", "evaluator"):
        client = as_user(name)
        response = client.get("/api/funding/entries/")
        seen[name] = {row["id"] for row in response.json()["results"]} if response.status_code == 200 else None
    assert paid.pk in seen["bureau"] and station.entries.get().pk in seen["leader"]
    assert paid.pk in seen["agency"]  # its own contract's payment
    assert station.entries.get().pk not in seen["agency"] and hengqu_line.entries.get().pk not in seen["agency"]
    assert hengqu_line.entries.get().pk not in seen["shoushan"] and paid.pk in seen["shoushan"]
    assert seen["evaluator"] is None  # evaluators have no business with the ledger (403)
    # Leaders read, never post; an agency never posts; an agency sees no other agency's payment page.
    leader = as_user("leader")
    assert leader.get(reverse("funding:entry_add")).status_code == 403
    assert leader.post("/api/funding/entries/", {"line": station.pk, "kind": "spending", "amount": "1"},
                       content_type="application/json").status_code == 403
    agency = as_user("agency")
    assert agency.get(paid.get_absolute_url()).status_code == 200
    assert agency.get(station.entries.get().get_absolute_url()).status_code == 404
    assert agency.post(reverse("funding:milestone_pay", args=[first.pk]),
                       {"voucher_number": "x", "voucher_date": "2025-01-01", "request_key": "a"}).status_code == 403


def test_list_pages_bounded_queries_and_money_in_excel(as_user, cast, hub, django_assert_max_num_queries):
    import io

    from openpyxl import load_workbook

    for i in range(12):
        station_line(cast.user_bureau, hub, Decimal("1000.10") + i, year=YEAR)
    client = as_user("bureau")
    with django_assert_max_num_queries(25):
        assert client.get("/funding/lines/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get("/funding/entries/").status_code == 200
    response = client.get("/funding/lines/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headers = [c.value for c in sheet[1]]
    col = headers.index("预算") + 1
    values = [sheet.cell(row=r, column=col) for r in range(2, sheet.max_row + 1)]
    assert all(c.number_format == '#,##0.00"元"' for c in values)
    assert sum(Decimal(str(c.value)) for c in values) == sum(Decimal("1000.10") + i for i in range(12))


# -- operating funds against the minimums --------------------------------------------------------------------


@pytest.mark.parametrize("amount, meets", [("49999.99", False), ("50000", True), ("50000.01", True)])
def test_county_hub_threshold(cast, hub, amount, meets):
    station_line(cast.user_bureau, hub, amount, year=YEAR)
    value = indicators.compute("operating_funds", [cast.mei], YEAR, "station_county_hub")[cast.mei.pk]
    assert value == Decimal(amount) and (value >= 50000) is meets


@pytest.mark.parametrize("amount", ["19999.99", "20000", "20000.01"])
def test_town_station_threshold(cast, amount):
    station_line(cast.user_bureau, station_at(cast.hengqu), amount, year=YEAR)
    value = indicators.compute("operating_funds", [cast.hengqu], YEAR, "station_town")[cast.hengqu.pk]
    assert value == Decimal(amount)


def test_urban_room_threshold_and_page(as_user, cast):
    binhe = cast.binhe
    assert Region.objects.get(pk=binhe.pk).kind == CommunityKind.URBAN
    room = station_at(binhe)
    station_line(cast.user_bureau, room, "9999.99", year=YEAR)
    assert indicators.compute("operating_funds", [binhe], YEAR, "station_community")[binhe.pk] == Decimal("9999.99")
    assert indicators.compute("operating_funds", [binhe], YEAR + 1, "station_community")[binhe.pk] == 0
    page = as_user("bureau").get(f"{reverse('funding:operating_funds')}?year={YEAR}").content.decode()
    row = page[page.index(f'data-station="{room.pk}"'):]
    row = row[: row.index("</tr>")]
    assert "9,999.99" in row and "10,000.00" in row and "低于最低标准" in row and "0.01" in row
    link = indicators.get("operating_funds").url(binhe, YEAR, "station_community")
    assert link == f"/funding/entries/?station_region={binhe.pk}&tier=community_room&year={YEAR}&effect=budget"
    ledger.post_one(cast.user_bureau, room.budget_lines.get(), K.SPENDING, Decimal("100"))  # not in the figure
    listed = as_user("bureau").get(link).content.decode()
    assert "9,999.99" in listed and "合计 9999.99 元" in listed


def test_transfers_and_reversals_count_in_the_indicator(cast, hub):
    a = station_line(cast.user_bureau, hub, "60000", year=YEAR)
    other = station_line(cast.user_bureau, station_at(cast.hengqu), "0", year=YEAR)
    ledger.transfer(cast.user_bureau, a, other, Decimal("10000.01"), reason="调剂给横渠")
    assert indicators.compute("operating_funds", [cast.mei], YEAR, "station_county_hub")[cast.mei.pk] == Decimal("49999.99")
    transfer_in = other.entries.get(kind=K.TRANSFER_IN)
    out = a.entries.get(kind=K.TRANSFER_OUT)
    ledger.reverse(cast.user_bureau, transfer_in.pk, "调剂撤回")
    ledger.reverse(cast.user_bureau, out.pk, "调剂撤回")
    assert indicators.compute("operating_funds", [cast.mei], YEAR, "station_county_hub")[cast.mei.pk] == Decimal("60000")


def test_anonymous_is_sent_to_login():
    assert Client().get("/funding/lines/").status_code == 302
    assert dt.date.today()  # the dates above are fixed budget years


def test_project_and_station_pages_show_their_money(as_user, cast, hub, client):
    project, line = contracted_project(cast)
    first = confirm(project.milestones.order_by("due_on").first(), cast)
    payer = payer_of(cast)
    client.force_login(payer)
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'id="project-money"' in page and "登记付款" in page
    assert f'href="/funding/milestones/{first.pk}/pay/"' in page
    ledger.pay_milestone(payer, first.pk, voucher_number="PZ-11", voucher_date=first.due_on)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "已支付" in page and "PZ-11" in page
    agency_page = as_user("agency").get(project.get_absolute_url()).content.decode()
    assert "PZ-11" in agency_page and "登记付款" not in agency_page
    station_line(cast.user_bureau, hub, "50000", year=YEAR)
    station_page = as_user("leader").get(hub.get_absolute_url()).content.decode()
    assert 'id="station-money"' in station_page and "50,000.00" in station_page
