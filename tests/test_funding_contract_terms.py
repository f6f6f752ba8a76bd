"""预付款, 履约保证金 and claw-back (issue 19 item 5): an advance tranche paid on signing; a performance bond of at
most 10 % of the contract (at and around the bound), held once and then released or forfeited as entries; a
claw-back after 不合格 or on a finding names the payment and the reason, never beyond it, never twice — also
with fifty people at once on PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from funding import ledger
from funding.choices import ClawbackBasis, Condition, EntryKind
from funding.models import BudgetLine, Entry, Tranche
from funding.testing import confirm, contracted_project, payer_of
from projects.choices import EvaluationKind
from projects.testing import evaluate
from tests.conftest import get_cast, load_cast
from tests.test_concurrency import in_threads
from wulian.writes import Refused

K = EntryKind
TODAY = timezone.localdate()


def fresh(line):
    return BudgetLine.objects.get(pk=line.pk)


def test_an_advance_tranche_is_paid_once_the_agreement_is_signed_before_any_confirmation(cast):
    project, line = contracted_project(cast)
    payer = payer_of(cast)
    milestones = list(project.milestones.order_by("due_on"))
    first = milestones[0]
    assert first.status != "met"
    with pytest.raises(Refused, match="尚未确认达成"):
        ledger.pay_milestone(payer, first.pk, voucher_number="YF-1", voucher_date=TODAY)
    Tranche.objects.create(milestone=first, line=line, condition=Condition.ADVANCE)
    paid = ledger.pay_milestone(payer, first.pk, voucher_number="YF-1", voucher_date=TODAY)
    assert (paid.kind, paid.amount) == (K.PAYMENT, first.amount)
    assert ledger.pay_milestone(payer, first.pk, voucher_number="YF-1", voucher_date=TODAY).pk == paid.pk
    with pytest.raises(Refused, match="已支付"):
        ledger.pay_milestone(payer, first.pk, voucher_number="YF-2", voucher_date=TODAY, key="again")
    # The next tranche still waits for its confirmation: the advance opens only its own.
    with pytest.raises(Refused, match="尚未确认达成"):
        ledger.pay_milestone(payer, milestones[1].pk, voucher_number="YF-3", voucher_date=TODAY)
    assert fresh(line).spent == first.amount


def test_an_advance_is_frozen_after_a_failed_evaluation_too(cast):
    project, line = contracted_project(cast)
    first = project.milestones.order_by("due_on").first()
    Tranche.objects.create(milestone=first, line=line, condition=Condition.ADVANCE)
    evaluate(project, cast.user_bureau, kind=EvaluationKind.MIDTERM, fraction=Decimal("0.3"))
    with pytest.raises(Refused, match="不合格.*冻结"):
        ledger.pay_milestone(payer_of(cast), first.pk, voucher_number="YF-1", voucher_date=TODAY)


@pytest.mark.parametrize("share, accepted", [
    (Decimal("0.0999"), True), (Decimal("0.10"), True), ("plus_one_fen", False), (Decimal("0.11"), False)])
def test_the_bond_is_at_most_ten_percent_of_the_contract(cast, share, accepted):
    project, line = contracted_project(cast)
    contract = project.agreement.amount
    amount = contract * Decimal("0.10") + Decimal("0.01") if share == "plus_one_fen" else (contract * share)
    amount = amount.quantize(Decimal("0.01"))
    before = fresh(line)
    if accepted:
        bond = ledger.hold_bond(payer_of(cast), project.pk, amount, date=TODAY)
        assert (bond.kind, bond.amount, bond.project_id, bond.line_id) == (K.BOND_HELD, amount, project.pk, line.pk)
    else:
        with pytest.raises(Refused, match=r"履约保证金不得超过合同金额的10%"):
            ledger.hold_bond(payer_of(cast), project.pk, amount, date=TODAY)
        assert not Entry.objects.filter(kind=K.BOND_HELD).exists()
    after = fresh(line)  # the agency's deposit is not budget: the line's sums do not move
    assert (after.budget, after.committed, after.spent) == (before.budget, before.committed, before.spent)


def test_a_bond_is_held_once_then_released_or_forfeited_once(cast):
    project, _line = contracted_project(cast)
    payer = payer_of(cast)
    bond = ledger.hold_bond(payer, project.pk, Decimal("1000"), date=TODAY)
    assert ledger.hold_bond(payer, project.pk, Decimal("1000"), date=TODAY).pk == bond.pk  # a retry: once
    with pytest.raises(Refused, match="履约保证金已收取"):
        ledger.hold_bond(payer, project.pk, Decimal("500"), date=TODAY, key="second")
    with pytest.raises(Refused, match="请填写没收的理由"):
        ledger.settle_bond(payer, bond.pk, forfeit=True, reason=" ", date=TODAY)
    released = ledger.settle_bond(payer, bond.pk, forfeit=False, reason="", date=TODAY)
    assert (released.kind, released.original_id, released.amount) == (K.BOND_RELEASED, bond.pk, bond.amount)
    with pytest.raises(Refused, match="已退还、没收或冲销"):
        ledger.settle_bond(payer, bond.pk, forfeit=True, reason="违约", date=TODAY, key="other")
    # After the release a new bond may be held (e.g. a renewed agreement) and forfeited with its reason.
    second = ledger.hold_bond(payer, project.pk, Decimal("800"), date=TODAY, key="renewed")
    lost = ledger.settle_bond(payer, second.pk, forfeit=True, reason="未履约，按合同没收", date=TODAY)
    assert (lost.kind, lost.original_id, lost.reason) == (K.BOND_FORFEITED, second.pk, "未履约，按合同没收")


def _paid_first(cast):
    project, line = contracted_project(cast)
    first = confirm(project.milestones.order_by("due_on").first(), cast)
    payment = ledger.pay_milestone(payer_of(cast), first.pk, voucher_number="PZ-1", voucher_date=first.due_on)
    return project, fresh(line), payment


def test_a_claw_back_needs_a_failed_evaluation_or_a_finding_names_the_payment_and_happens_once(cast):
    project, line, payment = _paid_first(cast)
    payer = payer_of(cast)
    with pytest.raises(Refused, match="未被评为不合格"):
        ledger.clawback(payer, payment.pk, Decimal("100"), basis=ClawbackBasis.FAILED, reason="评估不合格", date=TODAY)
    with pytest.raises(Refused, match="请填写追回的理由"):
        ledger.clawback(payer, payment.pk, Decimal("100"), basis=ClawbackBasis.FINDING, reason="", date=TODAY)
    with pytest.raises(Refused, match="至多追回该笔付款的"):
        ledger.clawback(payer, payment.pk, payment.amount + Decimal("0.01"), basis=ClawbackBasis.FINDING,
                        reason="审计发现", date=TODAY)
    evaluate(project, cast.user_bureau, kind=EvaluationKind.MIDTERM, fraction=Decimal("0.3"))
    back = ledger.clawback(payer, payment.pk, payment.amount, basis=ClawbackBasis.FAILED,
                           reason="中期评估不合格，追回首期款", date=TODAY)
    assert (back.kind, back.original_id, back.amount, back.milestone_id) == (
        K.CLAWBACK, payment.pk, payment.amount, payment.milestone_id)
    assert "不合格" in back.reason and "追回首期款" in back.reason
    assert fresh(line).spent == line.spent - payment.amount  # the money is back on the line
    with pytest.raises(Refused, match="已追回"):
        ledger.clawback(payer, payment.pk, Decimal("1"), basis=ClawbackBasis.FINDING, reason="再次", date=TODAY,
                        key="again")
    # The payment cannot be reversed while the claw-back names it; the claw-back itself is reversible.
    with pytest.raises(Refused, match="先冲销"):
        ledger.reverse(cast.user_bureau, payment.pk, "误付")
    ledger.reverse(cast.user_bureau, back.pk, "追回登记有误")
    assert fresh(line).spent == line.spent


def test_the_payment_page_offers_the_claw_back_and_the_entry_shows_it(cast, client):
    project, line, payment = _paid_first(cast)
    payer = payer_of(cast)
    client.force_login(payer)
    page = client.get(payment.get_absolute_url()).content.decode()
    assert reverse("funding:payment_clawback", args=[payment.pk]) in page
    url = reverse("funding:payment_clawback", args=[payment.pk])
    form = client.get(url)
    key = form.context["form"].initial["request_key"]
    data = {"amount": "1000", "basis": "finding", "reason": "审计发现虚报活动人数", "date": TODAY.isoformat(),
            "request_key": key}
    response = client.post(url, data)
    assert response.status_code == 302
    assert client.post(url, data).status_code == 302  # a double click posts once
    back = Entry.objects.get(kind=K.CLAWBACK)
    page = client.get(payment.get_absolute_url()).content.decode()
    assert back.number in page and "审计发现虚报活动人数" in page
    assert reverse("funding:payment_clawback", args=[payment.pk]) not in page
    # A town worker does not pay and cannot claw back.
    client.force_login(cast.user_shoushan)
    assert client.get(url).status_code == 403


def test_the_bond_pages_refuse_above_ten_percent_in_chinese_and_record_the_release(cast, client):
    project, _line = contracted_project(cast)
    client.force_login(payer_of(cast))
    url = reverse("funding:bond_hold", args=[project.pk])
    limit = (project.agreement.amount / 10).quantize(Decimal("0.01"))
    assert url in client.get(project.get_absolute_url()).content.decode()  # the project's money panel offers it
    assert "10%" in client.get(url).content.decode()  # the form says the bound
    response = client.post(url, {"amount": str(limit + Decimal("0.01")), "date": TODAY.isoformat(),
                                 "request_key": "a1"})
    assert response.status_code == 200 and "履约保证金不得超过合同金额的10%" in response.content.decode()
    assert not Entry.objects.filter(kind=K.BOND_HELD).exists()
    assert client.post(url, {"amount": str(limit), "date": TODAY.isoformat(), "request_key": "a2"}).status_code == 302
    bond = Entry.objects.get(kind=K.BOND_HELD)
    panel = client.get(project.get_absolute_url()).content.decode()
    assert bond.get_absolute_url() in panel and url not in panel
    settle = reverse("funding:bond_settle", args=[bond.pk])
    assert settle in client.get(bond.get_absolute_url()).content.decode()
    assert client.post(settle, {"outcome": "release", "date": TODAY.isoformat(), "reason": "验收合格，退还",
                                "request_key": "s1"}).status_code == 302
    assert Entry.objects.get(kind=K.BOND_RELEASED).original_id == bond.pk


# -- fifty at once, on PostgreSQL -----------------------------------------------------------------------------------

CROWD = 50


@pytest.fixture
def crowd_cast(transactional_db, settings):
    assert connection.vendor == "postgresql", "races are tested on PostgreSQL"
    settings.WULIAN_SINGLE_SESSION = False
    load_cast()
    return get_cast()


def _clients(user):
    def prepare(i):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return i, client

    return prepare


@pytest.mark.xdist_group("concurrency")
@pytest.mark.django_db(transaction=True)
def test_fifty_bonds_at_the_bound_and_fifty_claw_backs_at_once_post_once(crowd_cast):
    cast = crowd_cast
    project, line, payment = _paid_first(cast)
    payer = payer_of(cast)
    limit = (project.agreement.amount / 10).quantize(Decimal("0.01"))
    bond_url = reverse("funding:bond_hold", args=[project.pk])

    def hold(state):
        i, client = state
        return client.post(bond_url, {"amount": str(limit), "date": TODAY.isoformat(), "request_key": f"b{i}"})

    results = in_threads(CROWD, _clients(payer), hold)
    assert all(not isinstance(r, Exception) and r.status_code < 500 for r in results), results
    assert sum(r.status_code == 302 for r in results) == 1
    refused = [r for r in results if r.status_code == 200]
    assert len(refused) == CROWD - 1 and all("履约保证金已收取" in r.content.decode() for r in refused)
    assert list(Entry.objects.filter(kind=K.BOND_HELD).values_list("amount", flat=True)) == [limit]

    url = reverse("funding:payment_clawback", args=[payment.pk])

    def claw(state):
        i, client = state
        return client.post(url, {"amount": str(payment.amount), "basis": "finding", "reason": f"审计发现{i}",
                                 "date": TODAY.isoformat(), "request_key": f"c{i}"})

    results = in_threads(CROWD, _clients(payer), claw)
    assert all(not isinstance(r, Exception) and r.status_code < 500 for r in results), results
    assert sum(r.status_code == 302 for r in results) == 1
    refused = [r for r in results if r.status_code == 200]
    assert len(refused) == CROWD - 1 and all("已追回" in r.content.decode() for r in refused)
    backs = Entry.objects.filter(kind=K.CLAWBACK)
    assert backs.count() == 1 and backs.get().amount == payment.amount
    assert fresh(line).spent == line.spent - payment.amount


@pytest.mark.django_db
def test_the_demo_has_an_advance_two_bonds_one_released_and_a_claw_back_with_its_reason(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    advance = Tranche.objects.get(condition=Condition.ADVANCE)
    assert Entry.objects.filter(milestone=advance.milestone, kind=K.PAYMENT, reversed_by__isnull=True).exists()
    bonds = Entry.objects.filter(kind=K.BOND_HELD)
    assert bonds.count() == 2
    released = Entry.objects.get(kind=K.BOND_RELEASED)
    assert released.original in bonds and not Entry.objects.filter(kind=K.BOND_FORFEITED).exists()
    for bond in bonds:
        assert bond.amount <= bond.project.agreement.amount / 10
    back = Entry.objects.get(kind=K.CLAWBACK)
    assert back.original.kind == K.PAYMENT and back.amount == Decimal("3000") and "签到" in back.reason
