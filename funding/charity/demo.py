"""Demo charity resources for 眉县 (idempotent): a 社区基金 of 滨河社区 kept by the county's 慈善协会 (不动本, its
principal and interest received, one use approved by its committee, its last disclosure filed), a 募捐项目 of
首善街道 with its filed plan whose disclosure is due, and a 慈善超市 with stock, signed issues, a stock-take and one
item within two months of its expiry. Every balance stays at or above zero."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wulian.demo import demo_today, mei_county, region_named

from .models import Charity, CommitteeMember, CommunityFund, Disclosure, Fundraising, MovementKind, StockCount
from .testing import issue, lot, majority, move, supermarket

M = MovementKind
MEMBERS = [("王建国", "主任"), ("李秀兰", "副主任"), ("张志强", "委员"), ("刘芳", "委员"), ("陈明亮", "委员")]


def load(bureau, stdout=None) -> None:
    if Charity.objects.filter(name="眉县慈善协会").exists():
        return
    from . import goods, rules

    today = demo_today()
    mei, binhe, shoushan = mei_county(), region_named("滨河社区"), region_named("首善街道")
    host = Charity.objects.create(name="眉县慈善协会", region=mei, credit_code="51610326MJ2800116H",
                                  bank_account="眉县农村商业银行城关支行 2701 0512 0000 1186")
    # The fund: 20,000 元 principal kept (不动本); it lives on its interest and the donations for its uses.
    fund = CommunityFund.objects.create(name="滨河社区邻里互助基金", host=host, region=binhe, keeps_principal=True,
                                        established_on=today - dt.timedelta(days=200),
                                        purpose="困难老人助餐、临时困难家庭帮扶和邻里互助活动")
    for name, duty in MEMBERS:
        CommitteeMember.objects.create(fund=fund, name=name, duty=duty)
    move(bureau, fund, M.PRINCIPAL, "20000", day=today - dt.timedelta(days=190), description="辖区企业与居民认捐本金")
    move(bureau, fund, M.EARNING, "1860.00", day=today - dt.timedelta(days=100), description="本金定期存款利息及社区义卖收益")
    move(bureau, fund, M.USE, "1200.00", day=today - dt.timedelta(days=60), approvers=majority(fund),
         approved_on=today - dt.timedelta(days=62), resolution="管委会2025年第2次会议决议",
         description="高龄独居老人助餐补贴（12人×100元）")
    rules.file_disclosure(bureau, Disclosure(fund=fund, published_on=today - dt.timedelta(days=30),
                                             where="滨河社区居务公开栏、五联门户公开页"))
    # The fundraising project: running for 100 days, nothing disclosed yet — its first disclosure is due.
    drive = Fundraising.objects.create(
        title="首善街道困境儿童“微心愿”募捐", host=host, record_number="53610326MJ2800116H2025001", region=shoushan,
        purpose="为首善街道困境儿童实现学习用品、冬衣等微心愿", starts_on=today - dt.timedelta(days=100),
        ends_on=today + dt.timedelta(days=265), area="眉县行政区域", person_in_charge="赵敏",
        receiving="对公账户转账；现场捐赠开具捐赠票据", bank_account="眉县农村商业银行城关支行 2701 0512 0000 1186",
        beneficiaries="首善街道困境儿童约120名", use_plan="学习用品40%，冬衣及被褥45%，助学交通补贴15%",
        target=Decimal("60000"), cost=Decimal("0"), leftovers="结余转入同类困境儿童帮扶项目并公开说明")
    move(bureau, drive, M.DONATION, "18500.00", day=today - dt.timedelta(days=80), description="线下募捐箱及对公转账")
    move(bureau, drive, M.USE, "6420.00", day=today - dt.timedelta(days=40), description="购置冬衣、书包文具（86份）")
    # The supermarket: stock, signed issues, a monthly count with its difference, and oil near expiry.
    shop = supermarket(binhe, "滨河社区慈善超市")
    rice = lot(bureau, shop, "大米（10kg）", "60", unit="袋", value="3600", received_on=today - dt.timedelta(days=45),
               expires_on=today + dt.timedelta(days=300))
    oil = lot(bureau, shop, "食用油（5L）", "30", unit="桶", value="2250", received_on=today - dt.timedelta(days=40),
              expires_on=today + dt.timedelta(days=45))
    lot(bureau, shop, "冬季棉被", "20", unit="床", value="3000", received_on=today - dt.timedelta(days=20))
    for i, (who, qty) in enumerate([("孙桂英", "2"), ("赵大山", "1"), ("周玉兰", "2"), ("吴建平", "1")]):
        issue(bureau, rice, qty, who, day=today - dt.timedelta(days=30 - i))
    issue(bureau, oil, "4", "孙桂英", day=today - dt.timedelta(days=25))
    goods.count(bureau, StockCount(lot=rice, counted_on=today - dt.timedelta(days=5), counted=Decimal("53"),
                                   reason="一袋包装破损受潮，报损"))
    if stdout is not None:
        stdout.write("  charity: 1 community fund, 1 fundraising project (disclosure due), 1 charity supermarket")
