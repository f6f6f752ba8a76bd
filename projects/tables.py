"""Tables of the project lists: newest first, dates as 2023年6月30日, real dates and numbers in Excel."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wulian.money import MoneyColumn
from wulian.tables import ObjectTable

from .choices import ProjectStatus
from .models import Bid, Evaluation, Project, Rectification

NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}

# Badge colour of each state (one place says how a state looks).
STATUS_TONES = {
    ProjectStatus.DRAFT: "secondary",
    ProjectStatus.SUBMITTED: "warning",
    ProjectStatus.RETURNED: "danger",
    ProjectStatus.APPROVED: "info",
    ProjectStatus.PUBLISHED: "primary",
    ProjectStatus.AWARDED: "primary",
    ProjectStatus.AGENCY_SIGNED: "primary",
    ProjectStatus.CONTRACTED: "success",
    ProjectStatus.IN_SERVICE: "success",
    ProjectStatus.EVALUATING: "warning",
    ProjectStatus.ACCEPTED: "dark",
    ProjectStatus.CANCELLED: "light",
}


class LongDateColumn(tables.DateColumn):
    """Dates as 2023年6月30日 (DATE_FORMAT) on the page; real dates in the Excel export."""

    def value(self, value, **kwargs):
        return value


def date_column(**kwargs):
    return LongDateColumn(short=False, **kwargs)


def status_badge(status, label):
    tone = STATUS_TONES.get(status, "secondary")
    text = " text-dark border" if tone == "light" else ""
    return format_html('<span class="badge text-bg-{}{}">{}</span>', tone, text, label)


class ProjectTable(ObjectTable):
    code = tables.Column(linkify=True, attrs=NOWRAP)
    title = tables.Column(linkify=True, attrs={"td": {"style": "min-width: 10em"}})
    region = tables.Column(order_by=("region__path",), attrs=NOWRAP)
    status = tables.Column(attrs=NOWRAP)
    agency = tables.Column(order_by=("agency__name",))
    budget = MoneyColumn()
    planned_start = date_column(attrs=NOWRAP)

    class Meta(ObjectTable.Meta):
        model = Project
        fields = ("code", "title", "region", "year", "domain", "status", "budget", "agency", "planned_start")

    def render_status(self, record, value):
        return status_badge(record.status, value)


class BidTable(ObjectTable):
    bid = tables.Column(verbose_name=_("Bid"), accessor="pk", linkify=lambda record: record.get_absolute_url(), order_by=("-submitted_at",))
    project = tables.Column(order_by=("project__code",))
    agency = tables.Column(order_by=("agency__name",))
    submitted_at = tables.DateTimeColumn(short=False, attrs=NOWRAP)
    price = MoneyColumn()

    class Meta(ObjectTable.Meta):
        model = Bid
        fields = ("bid", "project", "agency", "price", "status", "submitted_at")

    def render_bid(self, record):
        return str(record)

    def value_bid(self, record):
        return str(record)


class EvaluationTable(ObjectTable):
    evaluation = tables.Column(verbose_name=_("Evaluation"), accessor="pk", linkify=lambda record: record.get_absolute_url(), order_by=("-date",))
    project = tables.Column(order_by=("project__code",))
    agency = tables.Column(accessor="project__agency", verbose_name=_("agency"), order_by=("project__agency__name",))
    date = date_column(attrs=NOWRAP)

    class Meta(ObjectTable.Meta):
        model = Evaluation
        fields = ("evaluation", "project", "agency", "kind", "date", "score")

    def render_evaluation(self, record):
        return str(record)

    def value_evaluation(self, record):
        return str(record)


class RectificationTable(ObjectTable):
    description = tables.Column(linkify=True, attrs={"td": {"style": "min-width: 12em"}})
    project = tables.Column(accessor="evaluation__project", verbose_name=_("project"), order_by=("evaluation__project__code",))
    deadline = date_column(attrs=NOWRAP)
    status = tables.Column(attrs=NOWRAP)

    class Meta(ObjectTable.Meta):
        model = Rectification
        fields = ("description", "project", "deadline", "status")
        row_attrs = {"class": lambda record: "table-danger" if is_overdue(record) else ""}

    def render_deadline(self, record, value):
        if is_overdue(record):
            return format_html(
                '<span class="text-danger fw-semibold">{} <span class="badge text-bg-danger">{}</span></span>',
                date_format(value),
                _("Overdue"),
            )
        return date_format(value)

    def value_deadline(self, value):
        return value


def is_overdue(item) -> bool:
    return item.status in ("open", "answered") and item.deadline is not None and item.deadline < timezone.localdate()
