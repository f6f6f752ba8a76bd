"""The goods ledger of a 慈善超市: stock in, issues signed for by the recipient, the monthly stock-take, and the
expiry warning.

A lot's ``on_hand`` changes only here, under the lot's row lock (``lock_rows``) inside the write that saves the
issue or the count: twenty clerks issuing from one lot at once queue on it, each sees what the others took,
and the last ones are refused in Chinese — the stock never goes below zero (the database checks it again,
``goodslot_never_negative``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import F, Q
from django.utils.translation import gettext as _

from wulian.writes import Refused, lock_rows, write

from .models import GoodsIssue, GoodsLot, StockCount

EXPIRY_WARNING = relativedelta(months=2)  # NOTES "Money": an expiry warning two months ahead


def _number(day: dt.date) -> str:
    from wulian.models import next_number

    return f"RK{day.year}-{next_number('funding:goods', day.year):05d}"


def stock_in(user, lot: GoodsLot) -> GoodsLot:
    """Take a new lot into stock: its whole quantity is on hand."""

    def save():
        if not lot.number:
            lot.number = _number(lot.received_on or dt.date.today())
        if lot.pk is None:
            lot.on_hand = lot.quantity
        lot.save()
        return lot

    return write(user, "add" if lot.pk is None else "change", save)


def issue(user, goods_issue: GoodsIssue) -> GoodsIssue:
    """Issue goods from a lot against the recipient's signature, never more than is on hand."""

    def save():
        if not goods_issue.signed:
            raise Refused(_("Goods are issued only against the recipient's signature."), field="signed")
        if not goods_issue.quantity or goods_issue.quantity <= 0:
            raise Refused(_("Give a quantity above zero."), field="quantity")
        lot = lock_rows(GoodsLot, [goods_issue.lot_id]).get(goods_issue.lot_id)
        if lot is None:
            raise Refused(_("This stock-in no longer exists."), field="lot")
        if goods_issue.quantity > lot.on_hand:
            raise Refused(_("Only %(on_hand)s %(unit)s of “%(item)s” are in stock; %(quantity)s cannot be issued. "
                            "Nothing was recorded.") % {"on_hand": _num(lot.on_hand), "unit": lot.unit,
                                                        "item": lot.item, "quantity": _num(goods_issue.quantity)},
                          field="quantity")
        if goods_issue.issued_by_id is None:
            goods_issue.issued_by = user
        goods_issue.save()
        GoodsLot.objects.filter(pk=lot.pk).update(on_hand=F("on_hand") - goods_issue.quantity)
        return goods_issue

    return write(user, "add", save)


def count(user, stock_count: StockCount) -> StockCount:
    """A stock-take: the book quantity is the lot's on hand at the count; a difference needs its reason and
    sets the lot's on hand to what was counted."""

    def save():
        lot = lock_rows(GoodsLot, [stock_count.lot_id]).get(stock_count.lot_id)
        if lot is None:
            raise Refused(_("This stock-in no longer exists."), field="lot")
        if stock_count.counted is None or stock_count.counted < 0:
            raise Refused(_("A counted quantity is not below zero."), field="counted")
        stock_count.book = lot.on_hand
        stock_count.difference = stock_count.counted - lot.on_hand
        if stock_count.difference and not (stock_count.reason or "").strip():
            raise Refused(_("The count differs from the book by %(difference)s %(unit)s: give the reason.")
                          % {"difference": _num(stock_count.difference), "unit": lot.unit}, field="reason")
        if stock_count.counted_by_id is None:
            stock_count.counted_by = user
        stock_count.save()
        GoodsLot.objects.filter(pk=lot.pk).update(on_hand=stock_count.counted)
        return stock_count

    return write(user, "add", save)


def _num(value) -> str:
    value = Decimal(value).normalize()
    return f"{value:f}"


def expiring_q(today: dt.date) -> Q:
    """Lots still in stock that expire within two months (or have expired)."""
    return Q(on_hand__gt=0, expires_on__isnull=False, expires_on__lte=today + EXPIRY_WARNING)


def expiring(queryset, today: dt.date):
    return queryset.filter(expiring_q(today))


def is_expiring(lot: GoodsLot, today: dt.date) -> bool:
    return bool(lot.on_hand > 0 and lot.expires_on and lot.expires_on <= today + EXPIRY_WARNING)
