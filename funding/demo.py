"""Demo money for 眉县 (idempotent): the stations' operating funds of this budget year — the county hub exactly
at 50,000 元, one town station and one urban community room below their minimums —, integrated funds from two
origins, spending, a transfer, the contract payments of the demo projects by tranche (one project frozen after
its 不合格 acceptance, one payment reversed with its reason and paid again, a 预付款 paid on signing, two
performance bonds — one released —, a claw-back on a supervision finding with its reason), and the payer's login."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings

from wulian.choices import Role
from wulian.demo import demo_today, mei_county, region_named
from wulian.models import User
from wulian.writes import Refused

from . import ledger, years
from .choices import Category, ClawbackBasis, Condition, EntryKind, Purpose, SourceGroup
from .models import BudgetLine, Entry, SourceKind, Tranche

K = EntryKind
PAYER = ("finance", "钱", "会计")
DEMO_LOGINS = [("finance", f"{Role.BUREAU_ADMIN.label} · 眉县（财务，登记付款）")]

# (region, category, source, amount, spent)
STATION_LINES = [
    ("眉县", Category.PERSONNEL, "县级财政预算", "30000", "12000"),
    ("眉县", Category.OFFICE, "县级财政预算", "20000", "6500.50"),  # the hub: exactly 50,000
    ("首善街道", Category.OFFICE, "县级财政预算", "25000", "8200"),
    ("首善街道", Category.ACTIVITY, "整合资金·儿童福利", "5000", "1800"),
    ("横渠镇", Category.OFFICE, "县级财政预算", "16000", "4000"),  # with 3,000 integrated: 19,000 < 20,000
    ("横渠镇", Category.ACTIVITY, "整合资金·困难群众救助", "3000", "0"),
    ("滨河社区", Category.OFFICE, "县级财政预算", "8000", "2600"),  # below the 10,000 minimum
    ("景贤社区", Category.OFFICE, "县级财政预算", "12000", "3000"),
]


def _payer(mei) -> User:
    user = User.objects.filter(username=PAYER[0]).first()
    if user is None:
        user = User(username=PAYER[0])
        user.set_password(settings.WULIAN_DEMO_PASSWORD)
    user.role, user.region, user.last_name, user.first_name = Role.BUREAU_ADMIN, mei, PAYER[1], PAYER[2]
    user.save()
    return user


def _kind(name: str) -> SourceKind:
    kind = SourceKind.objects.filter(name=name).first()
    if kind is None:  # the migration seeds them; a database flushed by tests may lack them
        group = SourceGroup.INTEGRATED if name.startswith("整合资金") else SourceGroup.FISCAL
        kind = SourceKind.objects.create(name=name, group=group, origin=name.partition("·")[2])
    return kind


def _station_of(region):
    from stations.models import Station

    return Station.objects.filter(region=region).order_by("tier").first()


def _load_money(stdout=None) -> None:
    bureau = User.objects.filter(username="bureau").first()
    if bureau is None or Entry.objects.filter(idempotency_key__startswith="demo:").exists():
        return
    mei = mei_county()
    payer = _payer(mei)
    today = demo_today()
    year = years.budget_year_of(today)
    lines = 0
    for region_name, category, source, amount, spent in STATION_LINES:
        station = _station_of(region_named(region_name))
        if station is None:
            continue
        line = BudgetLine.objects.create(source=_kind(source), year=year, purpose=Purpose.STATION, station=station,
                                         category=category, created_by=bureau)
        ledger.post_one(bureau, line, K.ALLOCATION, Decimal(amount), key=f"demo:alloc:{line.pk}",
                        note="年初预算下达")
        if Decimal(spent):
            ledger.post_one(bureau, line, K.SPENDING, Decimal(spent), key=f"demo:spend:{line.pk}",
                            note="办公用品、水电及活动物料")
        lines += 1
    paid = _contracts(bureau, payer, year, today)
    if stdout is not None:
        stdout.write(f"  funding: {lines} station lines, {paid} tranche payments")


def _contracts(bureau, payer, year, today) -> int:
    """A line per contracted demo project, its agreement committed, and its confirmed tranches paid."""
    from projects.models import Agreement

    paid = 0
    purchase = _kind("政府购买服务")
    reversed_once = False
    terms = {"advance": False, "bonds": 0}
    for agreement in Agreement.objects.select_related("project").order_by("pk"):
        if not agreement.is_signed:
            continue
        project = agreement.project
        line = BudgetLine.objects.create(source=purchase, year=project.year or year, purpose=Purpose.PROJECT,
                                         project=project, category=Category.ACTIVITY, created_by=bureau)
        ledger.post_one(bureau, line, K.ALLOCATION, agreement.amount, key=f"demo:alloc:{line.pk}",
                        note="政府购买服务项目资金")
        ledger.commit_agreement(bureau, agreement, line, key=f"demo:commit:{agreement.pk}")
        terms = _terms(payer, agreement, line, terms, today)
        for milestone in project.milestones.order_by("due_on"):
            confirmed = milestone.confirmed_at.date() if milestone.confirmed_at else milestone.due_on
            day = min(max(milestone.due_on, confirmed) + dt.timedelta(days=5), today)
            try:
                entry = ledger.pay_milestone(payer, milestone.pk, voucher_number=f"眉财付{day:%Y}-{milestone.pk:04d}",
                                             voucher_date=day, key=f"demo:pay:{milestone.pk}")
            except Refused:
                continue  # not confirmed, not due, or frozen after 不合格: shown as such on the project page
            paid += 1
            if not reversed_once:
                ledger.reverse(bureau, entry.pk, "凭证号录错，冲销后按正确凭证重新登记", key=f"demo:rev:{entry.pk}")
                ledger.pay_milestone(payer, milestone.pk, voucher_number=f"眉财付{day:%Y}-{milestone.pk:04d}A",
                                     voucher_date=day, key=f"demo:repay:{milestone.pk}")
                reversed_once = True
    _claw_back(payer, today)
    return paid


def _terms(payer, agreement, line, terms: dict, today) -> dict:
    """The first two projects in good standing lodge a 5 % performance bond (the first is released after its
    acceptance); the first one's opening milestone is a 预付款 paid on signing."""
    project = agreement.project
    if ledger.failed(project) or terms["bonds"] >= 2:
        return terms
    start = min(agreement.start, today) if agreement.start else today
    bond = ledger.hold_bond(payer, project.pk, (agreement.amount * Decimal("0.05")).quantize(Decimal("0.01")),
                            date=start, note="中标后以保函形式提交", key=f"demo:bond:{project.pk}")
    if terms["bonds"] == 0:
        ledger.settle_bond(payer, bond.pk, forfeit=False, reason="服务期满验收合格，退还履约保证金", date=today,
                           key=f"demo:bond-release:{bond.pk}")
    if not terms["advance"]:
        first = project.milestones.order_by("due_on").first()
        if first is not None:
            Tranche.objects.get_or_create(milestone=first, defaults={"line": line, "condition": Condition.ADVANCE})
            terms["advance"] = True
    terms["bonds"] += 1
    return terms


def _claw_back(payer, today) -> None:
    """One payment partly recovered on a finding of the mid-term supervision, with its reason."""
    payment = (Entry.objects.filter(kind=K.PAYMENT, reversed_by__isnull=True, amount__gte=Decimal("3000"))
               .order_by("pk").last())
    if payment is None:
        return
    ledger.clawback(payer, payment.pk, Decimal("3000"), basis=ClawbackBasis.FINDING,
                    reason="中期督导抽查发现3场小组活动无签到记录，按合同追回对应经费", date=today,
                    key=f"demo:clawback:{payment.pk}")


def load(stdout=None) -> None:
    """The money, then the charity resources (funding/charity/demo.py)."""
    from .charity import demo as charity_demo

    _load_money(stdout)
    bureau = User.objects.filter(username="bureau").first()
    if bureau is not None:
        charity_demo.load(bureau, stdout)
