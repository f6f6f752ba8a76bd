import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wulian.money import MoneyColumn
from wulian.tables import ObjectTable

from . import years
from .models import BudgetLine, Donation, Entry

NOWRAP = {"td": {"class": "text-nowrap"}}


class BudgetLineTable(ObjectTable):
    line = tables.Column(verbose_name=_("budget line"), accessor="pk", linkify=lambda record: record.get_absolute_url(),
                         order_by=("-year", "region__path"))
    year = tables.Column(attrs=NOWRAP)
    region = tables.Column(order_by=("region__path",), attrs=NOWRAP)
    source = tables.Column(order_by=("source__name",))
    budget = MoneyColumn()
    committed = MoneyColumn()
    spent = MoneyColumn()
    available = MoneyColumn(verbose_name=_("available balance"), accessor="available_amount")

    class Meta(ObjectTable.Meta):
        model = BudgetLine
        fields = ("line", "year", "region", "source", "purpose", "category", "budget", "committed", "spent",
                  "available")

    def render_line(self, record):
        return str(record.station if record.station_id else record.project)

    def value_line(self, record):
        return self.render_line(record)

    def render_year(self, value):
        return years.label(value)


class EntryTable(ObjectTable):
    number = tables.Column(linkify=True, attrs=NOWRAP)
    date = tables.DateColumn(attrs=NOWRAP)
    amount = MoneyColumn()
    # A line reads as source, place and year, a project as its code and title: neither has one order to offer.
    line = tables.Column(linkify=True, orderable=False)
    project = tables.Column(linkify=True, orderable=False)
    reverses = tables.Column(linkify=True, attrs=NOWRAP, order_by=("reverses__number",))

    class Meta(ObjectTable.Meta):
        model = Entry
        fields = ("number", "date", "kind", "amount", "line", "project", "voucher_number", "reverses", "reason")


class DonationTable(ObjectTable):
    number = tables.Column(linkify=True, attrs=NOWRAP)
    received_on = tables.DateColumn(attrs=NOWRAP)
    donor = tables.Column(verbose_name=_("donor"), accessor="donor_name", orderable=False)
    value = MoneyColumn(verbose_name=_("value (yuan)"), accessor="value", orderable=False)
    region = tables.Column(order_by=("region__path",), attrs=NOWRAP)
    project = tables.Column(linkify=True, order_by=("project__code",))
    station = tables.Column(linkify=True, order_by=("station__name",))
    entry = tables.Column(linkify=True, order_by=("entry__number",))

    class Meta(ObjectTable.Meta):
        model = Donation
        fields = ("number", "received_on", "donor_kind", "donor", "form", "value", "goods_description",
                  "receipt_number", "restricted", "intended_use", "region", "project", "station", "entry")

    # Not a declared personal field (a consenting donor is named): the name is masked here, row by row, unless
    # the export is the logged one with personal data.
    def render_donor(self, record):
        return record.donor_shown(reveal=self.reveal_personal_data)

    def value_donor(self, record):
        return self.render_donor(record)
