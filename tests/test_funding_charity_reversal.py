"""A reversal reaches the fund (issue 19, session 3): reversing a charity movement's ledger entry writes the
counter-movement in the same transaction, so the fund's income, use and balance, the list, the public page, a
filed disclosure and the disclosure statement PDF all follow; a reversal that would leave a 不动本 fund's usable
income or a balance below zero is refused in Chinese and changes nothing. On PostgreSQL the database refuses
UPDATE and DELETE of the append-only charity rows."""

from __future__ import annotations

import subprocess
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from funding import ledger
from funding.charity import goods
from funding.charity.models import (CharityMovement, Disclosure, GoodsIssue, GoodsLot, MovementKind, StockCount)
from funding.charity.rules import file_disclosure
from funding.charity.testing import charity, fund, fundraising, issue, lot, majority, move, supermarket
from funding.models import BudgetLine, Entry
from wulian.models import ReportJob, ReportStatus
from wulian.writes import Refused

M = MovementKind


@pytest.fixture
def host(cast):
    return charity(cast.mei)


def _statement_text(client, pk, tmp_path) -> str:
    assert client.post(reverse("funding:disclosure_statement", args=["fund", pk])).status_code == 302
    job = ReportJob.objects.filter(report="charity_disclosure").latest("pk")
    assert job.status == ReportStatus.DONE, job.error
    path = tmp_path / f"statement-{job.pk}.pdf"
    path.write_bytes(job.file.read())
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.replace(" ", "")


def test_reversing_a_use_gives_the_balance_back_everywhere(client, as_user, cast, host, tmp_path):
    bureau = cast.user_bureau
    f = fund(host, cast.binhe)
    move(bureau, f, M.PRINCIPAL, "8000", description="爱心企业注入本金")
    use = move(bureau, f, M.USE, "500", approvers=majority(f), beneficiary="孙桂英", description="困难老人助餐")
    assert f.figures()["balance"] == Decimal("7500")
    assert "7,500.00" in client.get(reverse("funding:charity_public")).content.decode()

    fix = ledger.reverse(bureau, use.entry_id, "重复登记")
    counter = CharityMovement.objects.get(reverses=use)
    assert counter.entry == fix and counter.kind == M.USE and counter.amount == Decimal("-500")
    assert counter.fund == f and counter.region_id == f.region_id and "重复登记" in counter.description
    figures = f.figures()
    assert figures["income"] == Decimal("8000") and figures["used"] == 0 and figures["balance"] == Decimal("8000")
    line = BudgetLine.objects.get(pk=use.entry.line_id)
    assert line.spent == 0 and line.budget == Decimal("8000")
    # The public page, the fund list and a disclosure filed now show the figures after the reversal.
    public = client.get(reverse("funding:charity_public")).content.decode()
    assert "8,000.00" in public and "7,500.00" not in public
    listing = as_user("binhe").get(reverse("funding:communityfund_list")).content.decode()
    assert "8,000.00" in listing and "7,500.00" not in listing
    filed = file_disclosure(bureau, Disclosure(fund=f, published_on=timezone.localdate()))
    assert (filed.income, filed.used, filed.balance) == (Decimal("8000"), Decimal("0"), Decimal("8000"))
    flat = _statement_text(as_user("binhe"), f.pk, tmp_path)
    assert "8,000.00" in flat and "7,500.00" not in flat and "孙桂英" not in flat

    # Reversed twice: refused, and nothing changes.
    with pytest.raises(Refused, match="不能冲销|已冲销"):
        ledger.reverse(bureau, use.entry_id, "再冲一次")
    with pytest.raises(Refused):
        ledger.reverse(bureau, fix.pk, "冲销冲销分录")
    assert CharityMovement.objects.filter(reverses__isnull=False).count() == 1
    assert Entry.objects.filter(kind="reversal").count() == 1
    assert f.figures()["balance"] == Decimal("8000")


def test_a_reversed_income_is_taken_back_and_a_use_can_no_longer_draw_it(cast, host):
    bureau = cast.user_bureau
    drive = fundraising(host, cast.shoushan)
    gift = move(bureau, drive, M.DONATION, "2500")
    move(bureau, drive, M.DONATION, "1000")
    ledger.reverse(bureau, gift.entry_id, "捐赠人撤回，票据作废")
    assert drive.figures()["income"] == Decimal("1000") and drive.figures()["balance"] == Decimal("1000")
    with pytest.raises(Refused, match="余额为1,000.00元"):
        move(bureau, drive, M.USE, "1000.01", description="学习用品")


def test_a_reversal_that_would_take_a_kept_principal_funds_income_below_zero_is_refused(cast, host):
    bureau = cast.user_bureau
    f = fund(host, cast.binhe, keeps_principal=True)
    move(bureau, f, M.PRINCIPAL, "100000")
    interest = move(bureau, f, M.EARNING, "1800")
    move(bureau, f, M.USE, "1500", approvers=majority(f))
    before = (Entry.objects.count(), CharityMovement.objects.count(), BudgetLine.objects.get().budget)
    with pytest.raises(Refused) as refused:
        ledger.reverse(bureau, interest.entry_id, "利息登记有误")
    assert "不动本" in refused.value.message and "-1,500.00" in refused.value.message
    assert (Entry.objects.count(), CharityMovement.objects.count(), BudgetLine.objects.get().budget) == before
    assert f.figures()["usable"] == Decimal("300")
    # 动本: the principal may be taken back only while the balance covers it.
    g = fund(host, cast.hengqu, name="横渠镇社区基金")
    principal = move(bureau, g, M.PRINCIPAL, "1000")
    move(bureau, g, M.USE, "800", approvers=majority(g))
    with pytest.raises(Refused, match="余额将为-800.00元"):
        ledger.reverse(bureau, principal.entry_id, "本金退回捐赠人")
    assert g.figures()["balance"] == Decimal("200") and not CharityMovement.objects.filter(fund=g, reverses__isnull=False)


def test_the_reversal_page_reaches_the_fund(as_user, cast, host):
    f = fund(host, cast.binhe)
    move(cast.user_bureau, f, M.PRINCIPAL, "3000")
    use = move(cast.user_bureau, f, M.USE, "1200", approvers=majority(f))
    page = as_user("bureau")
    assert page.get(reverse("funding:entry_reverse", args=[use.entry_id])).status_code == 200
    response = page.post(reverse("funding:entry_reverse", args=[use.entry_id]), {"reason": "金额录错", "request_key": "rev-1"})
    assert response.status_code == 302
    assert f.figures()["balance"] == Decimal("3000")
    assert CharityMovement.objects.get(reverses=use).amount == Decimal("-1200")


def _refused(sql: str, params) -> str:
    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    return str(refused.value)


def test_the_database_refuses_update_and_delete_of_append_only_charity_rows(cast, host):
    bureau = cast.user_bureau
    f = fund(host, cast.binhe)
    movement = move(bureau, f, M.PRINCIPAL, "5000")
    disclosure = file_disclosure(bureau, Disclosure(fund=f, published_on=timezone.localdate()))
    shop = supermarket(cast.binhe)
    rice = lot(bureau, shop, quantity="10")
    handed = issue(bureau, rice, "2")
    count = goods.count(bureau, StockCount(lot=rice, counted_on=timezone.localdate(), counted=Decimal("7"),
                                           reason="一袋破损"))
    for model, row, column, value in ((CharityMovement, movement, "amount", 1), (Disclosure, disclosure, "balance", 1),
                                      (GoodsIssue, handed, "quantity", 1), (StockCount, count, "counted", 8),
                                      (GoodsLot, rice, "quantity", 99)):
        table = model._meta.db_table
        message = _refused(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, row.pk])
        assert "不能修改或删除" in message, (table, message)
        message = _refused(f"DELETE FROM {table} WHERE id = %s", [row.pk])
        assert "不能修改或删除" in message, (table, message)
    movement.refresh_from_db()
    rice.refresh_from_db()
    assert movement.amount == Decimal("5000") and rice.quantity == Decimal("10") and rice.on_hand == Decimal("7")
    # What the write path itself does still works: a lot's on hand moves, a movement gets its entry once.
    issue(bureau, rice, "1")
    rice.refresh_from_db()
    assert rice.on_hand == Decimal("6")
    message = _refused("UPDATE funding_charitymovement SET entry_id = NULL WHERE id = %s", [movement.pk])
    assert "不能修改或删除" in message
