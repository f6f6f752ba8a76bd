"""Builders the charity tests and the demo share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from . import goods, rules
from .models import (Charity, CharityMovement, CommitteeMember, CommunityFund, Fundraising, GoodsIssue, GoodsLot,
                     MovementKind, Supermarket)

MEMBERS = [("王建国", "主任"), ("李秀兰", "副主任"), ("张伟", "委员"), ("刘芳", "委员"), ("陈明", "委员")]


def charity(region, name="眉县慈善协会") -> Charity:
    host, _ = Charity.objects.get_or_create(name=name, defaults={"region": region, "credit_code": "51610326MJ0000000X",
                                                                 "bank_account": "眉县农商银行 2701 0000 1234"})
    return host


def fund(host, region, *, name=None, keeps_principal=False, established_on=None, members=MEMBERS) -> CommunityFund:
    created = CommunityFund.objects.create(
        name=name or f"{region.name}社区基金", host=host, region=region, keeps_principal=keeps_principal,
        established_on=established_on or dt.date.today() - dt.timedelta(days=30), purpose="社区困难群众帮扶与邻里互助")
    for member, duty in members:
        CommitteeMember.objects.create(fund=created, name=member, duty=duty)
    return created


def fundraising(host, region, *, starts_on=None, ends_on=None, record_number="53610326MJ0000000X-2025-001",
                title="困境儿童微心愿募捐") -> Fundraising:
    starts_on = starts_on or dt.date.today() - dt.timedelta(days=30)
    return Fundraising.objects.create(
        title=title, host=host, record_number=record_number, region=region, purpose="为困境儿童实现微心愿",
        starts_on=starts_on, ends_on=ends_on or starts_on + dt.timedelta(days=365), area="眉县行政区域内",
        person_in_charge="赵敏", receiving="银行转账、现场捐赠（开具捐赠票据）", bank_account="眉县农商银行 2701 0000 5678",
        beneficiaries="眉县困境儿童约120名", use_plan="学习用品、冬衣及助学", target=Decimal("50000"), cost=Decimal("0"),
        leftovers="结余用于同类困境儿童帮扶项目")


def move(user, owner, kind, amount, *, day=None, approvers=(), description="", **fields) -> CharityMovement:
    field = "fund" if isinstance(owner, CommunityFund) else "fundraising"
    movement = CharityMovement(**{field: owner}, kind=kind, amount=Decimal(amount), date=day or dt.date.today(),
                               description=description or ("困难家庭临时帮扶" if kind == MovementKind.USE else "爱心捐入"),
                               **fields)
    if kind == MovementKind.USE and not fields.get("approved_on") and approvers:
        movement.approved_on = movement.date
    return rules.record(user, movement, list(approvers))


def majority(owner) -> list:
    members = list(owner.members.filter(active=True).order_by("pk"))
    return members[: len(members) // 2 + 1]


def supermarket(region, name=None, host=None) -> Supermarket:
    return Supermarket.objects.create(name=name or f"{region.name}慈善超市", region=region, host=host,
                                      address=f"{region.name}便民服务中心一楼")


def lot(user, shop, item="大米", quantity="100", *, unit="袋", value="5000", expires_on=None, received_on=None,
        donation=None) -> GoodsLot:
    return goods.stock_in(user, GoodsLot(supermarket=shop, item=item, quantity=Decimal(quantity), unit=unit,
                                         value=Decimal(value), expires_on=expires_on, donation=donation,
                                         received_on=received_on or dt.date.today()))


def issue(user, from_lot, quantity, recipient="孙桂英", *, consent=False, day=None) -> GoodsIssue:
    return goods.issue(user, GoodsIssue(lot=from_lot, quantity=Decimal(quantity), recipient=recipient,
                                        recipient_consent=consent, signed=True, issued_on=day or dt.date.today()))
