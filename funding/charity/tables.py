import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wulian.money import MoneyColumn
from wulian.tables import ObjectTable

from .models import (Charity, CharityMovement, CommunityFund, Disclosure, Fundraising, GoodsIssue, GoodsLot,
                     StockCount, Supermarket)

NOWRAP = {"td": {"class": "text-nowrap"}}


def record_column(label):
    """The row as it names itself, linked to its page (what a picker and an export show)."""
    return tables.Column(verbose_name=label, accessor="pk", linkify=lambda record: record.get_absolute_url(),
                         orderable=False)


class Named:
    def render_record(self, record):
        return str(record)

    def value_record(self, record):
        return str(record)


class CharityTable(ObjectTable):
    name = tables.Column(linkify=True)
    region = tables.Column(order_by=("region__path",), attrs=NOWRAP)

    class Meta(ObjectTable.Meta):
        model = Charity
        fields = ("name", "region", "credit_code", "bank_account")


class DueColumns(ObjectTable):
    """Income, use, balance and the disclosure due date (annotated by the list's queryset)."""

    income = MoneyColumn(verbose_name=_("income (yuan)"), accessor="income_total", orderable=False)
    used = MoneyColumn(verbose_name=_("used (yuan)"), accessor="use_total", orderable=False)
    balance = MoneyColumn(verbose_name=_("balance (yuan)"), accessor="balance_total", orderable=False)
    disclosure = tables.Column(verbose_name=_("disclosure due"), accessor="pk", orderable=False)

    def render_disclosure(self, record):
        status = record.due
        if status["due_on"] is None:
            return _("Final disclosure filed")
        label = _("overdue since %(date)s") if status["overdue"] else _("due by %(date)s")
        css = "danger" if status["overdue"] else "secondary"
        return format_html('<span class="badge text-bg-{}">{}</span>', css, label % {"date": status["due_on"]})

    def value_disclosure(self, record):
        status = record.due
        return str(status["due_on"] or "")


class CommunityFundTable(DueColumns):
    name = tables.Column(linkify=True)
    host = tables.Column(order_by=("host__name",))
    region = tables.Column(order_by=("region__path",), attrs=NOWRAP)

    class Meta(ObjectTable.Meta):
        model = CommunityFund
        fields = ("name", "host", "region", "keeps_principal", "established_on", "income", "used", "balance",
                  "disclosure")


class FundraisingTable(DueColumns):
    title = tables.Column(linkify=True)
    host = tables.Column(order_by=("host__name",))
    region = tables.Column(order_by=("region__path",), attrs=NOWRAP)

    class Meta(ObjectTable.Meta):
        model = Fundraising
        fields = ("title", "record_number", "host", "region", "starts_on", "ends_on", "income", "used", "balance",
                  "disclosure")


class MovementTable(ObjectTable):
    number = tables.Column(linkify=True, attrs=NOWRAP)
    date = tables.DateColumn(attrs=NOWRAP)
    amount = MoneyColumn()
    fund = tables.Column(linkify=True, order_by=("fund__name",))
    fundraising = tables.Column(linkify=True, order_by=("fundraising__title",))
    beneficiary = tables.Column(orderable=False)
    entry = tables.Column(linkify=True, order_by=("entry__number",))

    class Meta(ObjectTable.Meta):
        model = CharityMovement
        fields = ("number", "date", "kind", "amount", "fund", "fundraising", "description", "beneficiary",
                  "approved_on", "entry")

    # The beneficiary is named only with consent (慈善法第82条), in lists and exports alike.
    def render_beneficiary(self, record):
        return record.beneficiary_shown(reveal=self.reveal_personal_data)

    def value_beneficiary(self, record):
        return self.render_beneficiary(record)


class DisclosureTable(Named, ObjectTable):
    record = record_column(_("disclosure"))
    published_on = tables.DateColumn(attrs=NOWRAP)
    fund = tables.Column(linkify=True, order_by=("fund__name",))
    fundraising = tables.Column(linkify=True, order_by=("fundraising__title",))
    income = MoneyColumn()
    used = MoneyColumn()
    balance = MoneyColumn()

    class Meta(ObjectTable.Meta):
        model = Disclosure
        fields = ("record", "published_on", "kind", "fund", "fundraising", "income", "used", "balance", "where")


class SupermarketTable(ObjectTable):
    name = tables.Column(linkify=True)
    region = tables.Column(order_by=("region__path",), attrs=NOWRAP)
    host = tables.Column(order_by=("host__name",))

    class Meta(ObjectTable.Meta):
        model = Supermarket
        fields = ("name", "region", "host", "address")


class GoodsLotTable(Named, ObjectTable):
    record = record_column(_("stock-in"))
    supermarket = tables.Column(linkify=True, order_by=("supermarket__name",))
    value = MoneyColumn()
    expires_on = tables.DateColumn(attrs=NOWRAP)
    warning = tables.Column(verbose_name=_("expiry warning"), accessor="pk", orderable=False)

    class Meta(ObjectTable.Meta):
        model = GoodsLot
        fields = ("record", "received_on", "supermarket", "item", "quantity", "unit", "on_hand", "value",
                  "expires_on", "warning")

    def render_warning(self, record):
        if getattr(record, "expiring", False):
            return format_html('<span class="badge text-bg-warning">{}</span>', _("Expires within two months"))
        return "—"

    def value_warning(self, record):
        return str(_("Expires within two months")) if getattr(record, "expiring", False) else ""


class GoodsIssueTable(Named, ObjectTable):
    record = record_column(_("goods issue"))
    issued_on = tables.DateColumn(attrs=NOWRAP)
    lot = tables.Column(linkify=True, order_by=("lot__number",))
    recipient = tables.Column(orderable=False)

    class Meta(ObjectTable.Meta):
        model = GoodsIssue
        fields = ("record", "issued_on", "lot", "quantity", "recipient", "signed", "note")

    def render_recipient(self, record):
        return record.recipient_shown(reveal=self.reveal_personal_data)

    def value_recipient(self, record):
        return self.render_recipient(record)


class StockCountTable(Named, ObjectTable):
    record = record_column(_("stock-take"))
    counted_on = tables.DateColumn(attrs=NOWRAP)
    lot = tables.Column(linkify=True, order_by=("lot__number",))

    class Meta(ObjectTable.Meta):
        model = StockCount
        fields = ("record", "counted_on", "lot", "book", "counted", "difference", "reason")
