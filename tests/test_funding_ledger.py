"""The ledger never loses or overspends: allocations, spending, transfers, reversals, idempotent postings,
commitments and tranche payments (none before the condition, never twice, none after 不合格)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.utils import InternalError
from django.utils import timezone

from funding import ledger
from funding.choices import Condition, EntryKind
from funding.models import BudgetLine, Entry, Tranche
from funding.testing import confirm, contracted_project, payer_of, station_line
from projects.choices import EvaluationKind
from projects.testing import evaluate
from tests.stations_helpers import station_at
from wulian.writes import Refused

K = EntryKind
YEAR = 2024
TODAY = timezone.localdate()


@pytest.fixture
def hub(cast):
    return station_at(cast.mei)


def fresh(line):
    return BudgetLine.objects.get(pk=line.pk)


def test_allocation_and_spending_move_the_sums_and_refuse_overspending(cast, hub):
    line = station_line(cast.user_bureau, hub, "50000", year=YEAR)
    assert (line.budget, line.committed, line.spent, line.available) == (Decimal("50000.00"), 0, 0, Decimal("50000"))
    ledger.post_one(cast.user_bureau, line, K.SPENDING, Decimal("49999.99"))
    with pytest.raises(Refused, match=r"可用 0\.01元.*0\.02元"):
        ledger.post_one(cast.user_bureau, line, K.SPENDING, Decimal("0.02"))
    line = fresh(line)
    assert line.spent == Decimal("49999.99") and line.available == Decimal("0.01")
    assert Entry.objects.filter(line=line).count() == 2  # the refused one left nothing


def test_amount_must_be_positive(cast, hub):
    line = station_line(cast.user_bureau, hub, "100", year=YEAR)
    with pytest.raises(Refused, match="金额须大于零"):
        ledger.post_one(cast.user_bureau, line, K.SPENDING, Decimal("0"))


def test_the_same_key_posts_once(cast, hub):
    line = station_line(cast.user_bureau, hub, "1000", year=YEAR)
    first = ledger.post_one(cast.user_bureau, line, K.SPENDING, Decimal("300"), key="form:abc")
    again = ledger.post_one(cast.user_bureau, line, K.SPENDING, Decimal("300"), key="form:abc")
    assert first.pk == again.pk
    assert fresh(line).spent == Decimal("300")


def test_numbers_run_per_year_without_gap(cast, hub):
    line = station_line(cast.user_bureau, hub, "1000", year=YEAR)
    a = ledger.post_one(cast.user_bureau, line, K.SPENDING, 1, date=dt.date(2031, 3, 1))
    b = ledger.post_one(cast.user_bureau, line, K.SPENDING, 1, date=dt.date(2031, 4, 1))
    assert (a.number, b.number) == ("2031-000001", "2031-000002")


def test_transfer_and_carry_forward_are_explicit_entries(cast, hub):
    a = station_line(cast.user_bureau, hub, "30000", year=YEAR)
    b = station_line(cast.user_bureau, hub, "0", year=YEAR)
    out, into = ledger.transfer(cast.user_bureau, a, b, Decimal("5000"), reason="办公经费调剂")
    assert (out.kind, into.kind, into.counterpart_id) == (K.TRANSFER_OUT, K.TRANSFER_IN, out.pk)
    assert (fresh(a).budget, fresh(b).budget) == (Decimal("25000"), Decimal("5000"))
    nxt = station_line(cast.user_bureau, hub, "0", year=YEAR + 1)
    with pytest.raises(Refused, match="下一预算年度"):
        ledger.transfer(cast.user_bureau, a, b, Decimal("1"), reason="结转", carry=True)
    ledger.transfer(cast.user_bureau, a, nxt, Decimal("25000"), reason="年末结转", carry=True)
    assert fresh(a).budget == 0 and fresh(nxt).budget == Decimal("25000")
    with pytest.raises(Refused, match="超支"):
        ledger.transfer(cast.user_bureau, a, b, Decimal("0.01"), reason="再调")


def test_a_reversal_names_the_original_and_the_reason_and_happens_once(cast, hub):
    line = station_line(cast.user_bureau, hub, "20000", year=YEAR)
    wrong = ledger.post_one(cast.user_bureau, line, K.SPENDING, Decimal("2000"))
    with pytest.raises(Refused, match="冲销原因"):
        ledger.reverse(cast.user_bureau, wrong.pk, "  ")
    fix = ledger.reverse(cast.user_bureau, wrong.pk, "金额录错")
    assert (fix.kind, fix.reverses_id, fix.reason, fix.d_spent) == (K.REVERSAL, wrong.pk, "金额录错", Decimal("-2000"))
    assert fresh(line).spent == 0
    with pytest.raises(Refused, match="不能冲销"):
        ledger.reverse(cast.user_bureau, wrong.pk, "再冲一次")
    with pytest.raises(Refused, match="不能冲销"):
        ledger.reverse(cast.user_bureau, fix.pk, "冲销冲销")


def test_reversing_an_allocation_already_spent_is_refused(cast, hub):
    line = station_line(cast.user_bureau, hub, "10000", year=YEAR)
    allocation = line.entries.get(kind=K.ALLOCATION)
    ledger.post_one(cast.user_bureau, line, K.SPENDING, Decimal("1"))
    with pytest.raises(Refused, match="超支"):
        ledger.reverse(cast.user_bureau, allocation.pk, "预算撤回")


def test_the_database_refuses_update_and_delete_of_a_posted_entry(cast, hub):
    assert connection.vendor == "postgresql"
    line = station_line(cast.user_bureau, hub, "10000", year=YEAR)
    entry = line.entries.get()
    for sql in ("UPDATE funding_entry SET amount = 1 WHERE id = %s", "DELETE FROM funding_entry WHERE id = %s"):
        with pytest.raises(InternalError, match="已过账的分录不能修改或删除"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.pk])
    assert Entry.objects.get(pk=entry.pk).amount == Decimal("10000")


def test_the_database_refuses_a_line_overspent_behind_the_ledger(cast, hub):
    line = station_line(cast.user_bureau, hub, "100", year=YEAR)
    with pytest.raises(Exception, match="budgetline_never_overspent"), transaction.atomic():
        BudgetLine.objects.filter(pk=line.pk).update(spent=Decimal("100.01"))


# -- contracts ------------------------------------------------------------------------------------------------


def test_a_signed_agreement_commits_its_amount_once(cast):
    project, line = contracted_project(cast)
    agreement = project.agreement
    assert line.committed == agreement.amount
    with pytest.raises(Refused, match="已承诺"):
        ledger.commit_agreement(cast.user_bureau, agreement, line, key="again")


def test_a_tranche_is_paid_after_its_confirmation_once_by_another_clerk(cast):
    project, line = contracted_project(cast)
    payer = payer_of(cast)
    first = project.milestones.order_by("due_on").first()
    with pytest.raises(Refused, match="尚未确认达成"):
        ledger.pay_milestone(payer, first.pk, voucher_number="PZ-1", voucher_date=first.due_on)
    first = confirm(first, cast)
    with pytest.raises(Refused, match="确认付款节点的人不能同时登记"):
        ledger.pay_milestone(cast.user_bureau, first.pk, voucher_number="PZ-1", voucher_date=first.due_on)
    with pytest.raises(Refused, match="凭证日期晚于今天"):
        ledger.pay_milestone(payer, first.pk, voucher_number="PZ-1", voucher_date=TODAY + dt.timedelta(days=1))
    with pytest.raises(Refused, match="到期"):
        ledger.pay_milestone(payer, first.pk, voucher_number="PZ-1", voucher_date=first.due_on - dt.timedelta(days=1))
    paid = ledger.pay_milestone(payer, first.pk, voucher_number="PZ-1", voucher_date=first.due_on)
    assert (paid.kind, paid.amount, paid.voucher_number) == (K.PAYMENT, first.amount, "PZ-1")
    again = ledger.pay_milestone(payer, first.pk, voucher_number="PZ-1", voucher_date=first.due_on)
    assert again.pk == paid.pk  # the same request twice pays once
    with pytest.raises(Refused, match="已支付"):
        ledger.pay_milestone(payer, first.pk, voucher_number="PZ-2", voucher_date=first.due_on, key="other")
    line = fresh(line)
    assert line.spent == first.amount and line.committed == project.agreement.amount - first.amount
    # A reversed payment may be paid again (a new event), and only once more.
    ledger.reverse(cast.user_bureau, paid.pk, "凭证号录错")
    repaid = ledger.pay_milestone(payer, first.pk, voucher_number="PZ-1A", voucher_date=first.due_on)
    assert repaid.pk != paid.pk and fresh(line).spent == first.amount


def test_conditions_deliverables_and_evaluation(cast):
    project, line = contracted_project(cast)
    payer = payer_of(cast)
    first = confirm(project.milestones.order_by("due_on").first(), cast)
    tranche = Tranche.objects.create(milestone=first, line=line, condition=Condition.DELIVERABLES, deliverables=3)
    with pytest.raises(Refused, match="3 条服务记录中已登记 0 条"):
        ledger.pay_milestone(payer, first.pk, voucher_number="PZ-9", voucher_date=first.due_on)
    tranche.condition, tranche.evaluation_kind = Condition.EVALUATION, EvaluationKind.ACCEPTANCE
    tranche.save()
    with pytest.raises(Refused, match="评估尚未通过"):
        ledger.pay_milestone(payer, first.pk, voucher_number="PZ-9", voucher_date=first.due_on)


def test_a_failed_evaluation_freezes_the_remaining_tranches(cast):
    project, line = contracted_project(cast)
    payer = payer_of(cast)
    first = confirm(project.milestones.order_by("due_on").first(), cast)
    evaluate(project, cast.user_bureau, kind=EvaluationKind.MIDTERM, fraction=Decimal("0.3"))
    with pytest.raises(Refused, match="不合格.*冻结"):
        ledger.pay_milestone(payer, first.pk, voucher_number="PZ-3", voucher_date=first.due_on)
    assert fresh(line).spent == 0
