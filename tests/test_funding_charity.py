"""Charity resources (issue 19 items 8–9): 社区基金 as sub-ledgers of a host charity (income and use posted as
the host's ledger entries, a use only with the committee's majority, 不动本 refuses the principal), 募捐项目 with
their filed plan, the 慈善超市 goods ledger (stock never below zero, a stock-take posts its difference with a
reason, the expiry warning two months ahead), and the disclosure due flags (慈善法第79条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from funding.charity import goods, rules
from funding.charity.models import (CharityMovement, Disclosure, DisclosureKind, Fundraising, GoodsIssue, GoodsLot,
                                    MovementKind,
                                    StockCount)
from funding.charity.testing import charity, fund, fundraising, issue, lot, majority, move, supermarket
from funding.choices import EntryKind, Purpose
from funding.models import BudgetLine, Entry
from wulian.writes import Refused

M = MovementKind


@pytest.fixture
def host(cast):
    return charity(cast.mei)


def test_fund_income_and_use_are_entries_of_the_host_charitys_line(cast, host):
    bureau = cast.user_bureau
    f = fund(host, cast.binhe)
    move(bureau, f, M.PRINCIPAL, "20000")
    move(bureau, f, M.EARNING, "600")
    use = move(bureau, f, M.USE, "1500", approvers=majority(f), beneficiary="孙桂英")
    line = BudgetLine.objects.get(purpose=Purpose.CHARITY, charity=host)
    assert line.budget == Decimal("20600") and line.spent == Decimal("1500") and line.region == cast.binhe
    assert use.entry.kind == EntryKind.USE and use.entry.line == line and use.entry.amount == Decimal("1500")
    assert Entry.objects.filter(line=line).count() == 3
    assert f.figures() == {"income": Decimal("20600"), "used": Decimal("1500"), "balance": Decimal("19100"),
                           "principal": Decimal("20000"), "earning": Decimal("600"), "usable": Decimal("19100")}
    # A use in a later budget year draws on the same books (a fund's balance is not a yearly budget).
    g = fund(host, cast.hengqu, name="横渠镇社区基金")
    move(bureau, g, M.PRINCIPAL, "900", day=timezone.localdate() - relativedelta(years=1, days=10))
    later = move(bureau, g, M.USE, "900", approvers=majority(g))
    assert later.entry.line.year < timezone.localdate().year and g.figures()["balance"] == 0
    # The fund has no account of its own: no budget line names it, only the host's.
    assert not BudgetLine.objects.exclude(charity=host).filter(purpose=Purpose.CHARITY).exists()
    assert BudgetLine.objects.filter(purpose=Purpose.CHARITY).count() == 2  # one per region served


def test_a_use_without_the_committees_majority_is_refused(cast, host):
    bureau = cast.user_bureau
    f = fund(host, cast.binhe)
    move(bureau, f, M.PRINCIPAL, "5000")
    members = list(f.members.order_by("pk"))
    for approvers in ([], members[:2]):
        with pytest.raises(Refused, match="须经基金管理委员会过半数成员批准"):
            move(bureau, f, M.USE, "100", approvers=approvers, approved_on=timezone.localdate())
    other = fund(host, cast.hengqu, name="横渠镇社区基金")
    with pytest.raises(Refused, match="只有本基金管理委员会的在任成员"):
        move(bureau, f, M.USE, "100", approvers=list(other.members.all())[:3])
    assert CharityMovement.objects.filter(kind=M.USE).count() == 0
    assert Entry.objects.filter(kind=EntryKind.USE).count() == 0
    move(bureau, f, M.USE, "100", approvers=members[:3])  # three of five: a majority
    assert CharityMovement.objects.get(kind=M.USE).approved_by.count() == 3


def test_a_fund_that_keeps_its_principal_uses_only_its_income(cast, host):
    bureau = cast.user_bureau
    f = fund(host, cast.binhe, keeps_principal=True)
    move(bureau, f, M.PRINCIPAL, "100000")
    move(bureau, f, M.EARNING, "1800")
    move(bureau, f, M.USE, "1500", approvers=majority(f))
    with pytest.raises(Refused) as refused:
        move(bureau, f, M.USE, "300.01", approvers=majority(f))
    assert "不动本" in refused.value.message and "300.00" in refused.value.message
    assert "本金100,000.00元不得动用" in refused.value.message
    assert CharityMovement.objects.filter(kind=M.USE).count() == 1
    move(bureau, f, M.USE, "300", approvers=majority(f))  # exactly the rest of the income
    assert f.figures()["usable"] == 0 and f.figures()["balance"] == Decimal("100000")
    # A fund that may use its principal (动本) draws on it, but never beyond its balance.
    g = fund(host, cast.hengqu, name="横渠镇社区基金")
    move(bureau, g, M.PRINCIPAL, "1000")
    move(bureau, g, M.USE, "800", approvers=majority(g))
    with pytest.raises(Refused, match="余额为200.00元"):
        move(bureau, g, M.USE, "200.01", approvers=majority(g))


def test_a_fundraising_project_keeps_its_filed_plan_and_posts_donations_and_uses(cast, host):
    bureau = cast.user_bureau
    drive = fundraising(host, cast.shoushan)
    move(bureau, drive, M.DONATION, "3000")
    move(bureau, drive, M.USE, "1200", description="购买冬衣40件")
    assert drive.figures()["balance"] == Decimal("1800")
    with pytest.raises(Refused, match="募捐项目接收捐赠"):
        move(bureau, drive, M.PRINCIPAL, "10")
    with pytest.raises(Refused, match="余额为1,800.00元"):
        move(bureau, drive, M.USE, "1800.01")
    line = BudgetLine.objects.get(purpose=Purpose.CHARITY, region=cast.shoushan)
    assert line.budget == Decimal("3000") and line.spent == Decimal("1200")


def test_the_filed_plan_is_required_on_the_page(as_user, cast, host):
    response = as_user("shoushan").post(reverse("funding:fundraising_add"), {"title": "助学募捐", "host": host.pk})
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("备案编号", "募捐目的", "募捐区域", "负责人", "银行账户", "受益人", "使用计划", "剩余财产处理"):
        assert label in html
    assert html.count("此项必填。") >= 8 and not Fundraising.objects.exists()


# -- the goods ledger ---------------------------------------------------------------------------------------------
def test_issues_never_take_the_stock_below_zero_and_a_count_posts_its_difference(cast):
    town = cast.user_shoushan
    shop = supermarket(cast.binhe)
    rice = lot(town, shop, "大米", "10")
    issue(town, rice, "7")
    with pytest.raises(Refused, match="库存仅剩3袋"):
        issue(town, rice, "4")
    assert GoodsLot.objects.get(pk=rice.pk).on_hand == Decimal("3")
    with pytest.raises(Refused, match="须由领取人签收"):
        goods.issue(town, GoodsIssue(lot=rice, quantity=1, recipient="孙桂英", issued_on=timezone.localdate()))
    with pytest.raises(Refused, match="请说明原因"):
        goods.count(town, StockCount(lot=rice, counted=Decimal("2"), counted_on=timezone.localdate()))
    counted = goods.count(town, StockCount(lot=rice, counted=Decimal("2"), counted_on=timezone.localdate(),
                                           reason="一袋破损报废"))
    assert (counted.book, counted.difference) == (Decimal("3"), Decimal("-1"))
    assert GoodsLot.objects.get(pk=rice.pk).on_hand == Decimal("2")
    assert StockCount.objects.count() == 1 and GoodsIssue.objects.count() == 1


@pytest.mark.parametrize("days, warned", [(-1, True), (0, True), (1, False)])
def test_expiry_warning_two_months_ahead(cast, days, warned):
    today = timezone.localdate()
    edge = today + relativedelta(months=2)
    shop = supermarket(cast.binhe)
    milk = lot(cast.user_bureau, shop, "牛奶", "24", unit="盒", expires_on=edge + dt.timedelta(days=days))
    assert goods.is_expiring(milk, today) is warned
    assert goods.expiring(GoodsLot.objects.all(), today).exists() is warned
    # An item all issued is no longer warned about.
    issue(cast.user_bureau, milk, "24")
    assert not goods.expiring(GoodsLot.objects.all(), today).exists()


def test_expiring_goods_show_on_the_town_home_and_the_lot_list(as_user, cast):
    shop = supermarket(cast.binhe)
    lot(cast.user_bureau, shop, "食用油", "12", unit="桶", expires_on=timezone.localdate() + dt.timedelta(days=20))
    lot(cast.user_bureau, shop, "棉被", "5", unit="床")
    home = as_user("shoushan").get("/").content.decode()
    assert "两个月内到期的物资" in home
    page = as_user("shoushan").get(reverse("funding:goodslot_list") + "?expiring=true").content.decode()
    assert "食用油" in page and "棉被" not in page and "两个月内到期" in page
    assert "两个月内到期的物资" not in as_user("hengqu").get("/").content.decode()


# -- disclosure ----------------------------------------------------------------------------------------------------
def test_disclosure_due_every_three_months_and_final_within_three_months_of_the_end(cast, host):
    start = dt.date(2025, 1, 10)
    drive = fundraising(host, cast.shoushan, starts_on=start, ends_on=dt.date(2025, 12, 31))
    assert rules.disclosure_status(drive, dt.date(2025, 4, 9)) == {"due_on": dt.date(2025, 4, 10), "overdue": False,
                                                                    "final": False, "last": None}
    assert not rules.disclosure_due(drive, dt.date(2025, 4, 9))
    assert rules.disclosure_due(drive, dt.date(2025, 4, 10))
    assert rules.disclosure_status(drive, dt.date(2025, 4, 11))["overdue"]
    Disclosure.objects.create(fundraising=drive, region=drive.region, published_on=dt.date(2025, 4, 8))
    status = rules.disclosure_status(drive, dt.date(2025, 7, 7))
    assert status["due_on"] == dt.date(2025, 7, 8) and not status["overdue"]
    # After the end: a final disclosure within three months, overdue the day after.
    status = rules.disclosure_status(drive, dt.date(2026, 3, 31))
    assert status == {"due_on": dt.date(2026, 3, 31), "overdue": False, "final": True, "last": dt.date(2025, 4, 8)}
    assert rules.disclosure_status(drive, dt.date(2026, 4, 1))["overdue"]
    Disclosure.objects.create(fundraising=drive, region=drive.region, published_on=dt.date(2026, 4, 2),
                              kind=DisclosureKind.FINAL)
    assert rules.disclosure_status(drive, dt.date(2026, 6, 1))["due_on"] is None


def test_filing_a_disclosure_records_the_figures_and_clears_the_flag(as_user, cast, host):
    f = fund(host, cast.binhe, established_on=timezone.localdate() - dt.timedelta(days=120))
    move(cast.user_bureau, f, M.PRINCIPAL, "8000")
    move(cast.user_bureau, f, M.USE, "500", approvers=majority(f))
    client = as_user("bureau")
    page = client.get(reverse("funding:communityfund_list")).content.decode()
    assert "逾期" in page
    home = client.get("/").content.decode()
    assert "慈善信息公开逾期" in home
    response = client.post(reverse("funding:disclosure_add"), {"fund": f.pk, "kind": "periodic",
                                                               "published_on": timezone.localdate().isoformat(),
                                                               "where": "五联门户公开页", "note": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    d = Disclosure.objects.get()
    assert (d.income, d.used, d.balance) == (Decimal("8000"), Decimal("500"), Decimal("7500"))
    assert not rules.disclosure_status(f, timezone.localdate())["overdue"]
    assert "慈善信息公开逾期" not in client.get("/").content.decode()


def test_public_page_shows_income_use_and_balance_and_names_nobody(client, cast, host):
    f = fund(host, cast.binhe)
    move(cast.user_bureau, f, M.PRINCIPAL, "8000")
    move(cast.user_bureau, f, M.USE, "500", approvers=majority(f), beneficiary="孙桂英")
    drive = fundraising(host, cast.shoushan)
    move(cast.user_bureau, drive, M.DONATION, "2500")
    page = client.get(reverse("funding:charity_public"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f.name in html and "8,000.00" in html and "500.00" in html and "7,500.00" in html
    assert drive.record_number in html and "2,500.00" in html
    assert "孙桂英" not in html and "孙" not in html.split("public-funds")[1].split("</table>")[0]
    assert reverse("funding:charity_public") in client.get(reverse("public_projects:list")).content.decode()
