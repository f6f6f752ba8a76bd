import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wulian.tables import ObjectTable

from .models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training


class LongDateColumn(tables.DateColumn):
    """Dates as 2023年6月30日 (DATE_FORMAT) on the page; real dates in the Excel export."""

    def value(self, value, **kwargs):
        return value


def date_column(**kwargs):
    return LongDateColumn(short=False, **kwargs)


class ComplianceColumn(tables.Column):
    """Compliant, or what is missing, from the station's annotated checklist (no query per row)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("Compliance"))
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, record, **kwargs):
        if record.is_compliant is None:
            return format_html('<span class="badge text-bg-secondary">{}</span>', _("No standard"))
        missing = record.missing_items
        if not missing:
            return format_html('<span class="badge text-bg-success">{}</span>', _("Compliant"))
        return format_html(
            '<span class="badge text-bg-danger">{}</span> <small class="text-muted">{}</small>',
            _("Not compliant"),
            "、".join(str(check.label) for check in missing),
        )

    def value(self, record, **kwargs):
        if record.is_compliant is None:
            return str(_("No standard"))
        missing = record.missing_items
        if not missing:
            return str(_("Compliant"))
        return f"{_('Not compliant')}：{'、'.join(str(check.label) for check in missing)}"


class StationTable(ObjectTable):
    name = tables.Column(linkify=True)
    region = tables.Column(order_by=("region__path",))
    resident_staff_count = tables.Column(verbose_name=_("Resident staff"))
    professional_count = tables.Column(verbose_name=_("Professional social workers"))
    compliance = ComplianceColumn()
    opened_on = date_column()

    class Meta(ObjectTable.Meta):
        model = Station
        fields = (
            "name",
            "tier",
            "region",
            "office_area",
            "resident_staff_count",
            "professional_count",
            "compliance",
            "is_pilot",
            "opened_on",
        )


class StaffMemberTable(ObjectTable):
    name = tables.Column(linkify=True)
    region = tables.Column(order_by=("region__path",))
    stations = tables.Column(verbose_name=_("Current stations"), empty_values=(), orderable=False)
    certificates = tables.Column(verbose_name=_("Certificates"), empty_values=(), orderable=False)
    agency = tables.Column(order_by=("agency__name",))

    class Meta(ObjectTable.Meta):
        model = StaffMember
        fields = ("name", "region", "stations", "is_professional", "certificates", "agency", "phone")

    def render_stations(self, record):
        return "、".join(f"{a.station.name}（{a.get_post_display()}）" for a in record.current_assignments) or "—"

    def value_stations(self, record):
        return "、".join(a.station.name for a in record.current_assignments)

    def render_certificates(self, record):
        return "、".join(c.get_level_display() for c in record.certificates.all()) or "—"

    def value_certificates(self, record):
        return "、".join(f"{c.get_level_display()} {c.number}" for c in record.certificates.all())


class StaffAssignmentTable(ObjectTable):
    assignment = tables.Column(
        verbose_name=_("Assignment"), accessor="pk", linkify=lambda record: record.get_absolute_url(), order_by=("person__name",)
    )
    station = tables.Column(order_by=("station__name",))
    is_professional = tables.BooleanColumn(accessor="person__is_professional", verbose_name=_("professional social worker"))
    start_date = date_column()
    end_date = date_column()

    class Meta(ObjectTable.Meta):
        model = StaffAssignment
        fields = ("assignment", "station", "post", "is_professional", "start_date", "end_date")

    def render_assignment(self, record):
        return str(record)

    def value_assignment(self, record):
        return str(record)


class CertificateTable(ObjectTable):
    number = tables.Column(linkify=True)
    person = tables.Column(linkify=lambda record: record.person.get_absolute_url(), order_by=("person__name",))
    region = tables.Column(accessor="person__region", verbose_name=_("belongs to"), order_by=("person__region__path",))

    class Meta(ObjectTable.Meta):
        model = Certificate
        fields = ("number", "person", "level", "year", "region")


class AgencyPlacementTable(ObjectTable):
    placement = tables.Column(
        verbose_name=_("Placement"), accessor="pk", linkify=lambda record: record.get_absolute_url(), order_by=("agency__name",)
    )
    station = tables.Column(order_by=("station__name",))
    cultivated_by = tables.Column(accessor="agency__cultivated_by", verbose_name=_("cultivated by town"))
    cultivated_on = date_column(accessor="agency__cultivated_on", verbose_name=_("cultivated on"))
    start_date = date_column()
    end_date = date_column()

    class Meta(ObjectTable.Meta):
        model = AgencyPlacement
        fields = ("placement", "station", "start_date", "end_date", "services", "cultivated_by", "cultivated_on")

    def render_placement(self, record):
        return str(record)

    def value_placement(self, record):
        return str(record)


class TrainingTable(ObjectTable):
    topic = tables.Column(linkify=True)
    organizer = tables.Column(order_by=("organizer__name",))
    attendee_count = tables.Column(verbose_name=_("Attendees"))
    agency_count = tables.Column(verbose_name=_("Agencies"))
    date = date_column()

    class Meta(ObjectTable.Meta):
        model = Training
        fields = ("topic", "date", "kind", "hours", "organizer", "attendee_count", "agency_count")


NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}


class ActivityTable(ObjectTable):
    title = tables.Column(linkify=True, attrs={"td": {"style": "min-width: 9em"}})
    kind = tables.Column(attrs=NOWRAP)
    station = tables.Column(order_by=("station__name",), attrs=NOWRAP)
    domain = tables.Column(attrs=NOWRAP)
    target_groups = tables.Column(orderable=False)
    attachment_count = tables.Column(verbose_name=_("Attachments"))
    date = date_column(attrs=NOWRAP)

    class Meta(ObjectTable.Meta):
        model = Activity
        fields = (
            "date",
            "title",
            "kind",
            "station",
            "domain",
            "target_groups",
            "participants",
            "volunteers",
            "hours",
            "attachment_count",
        )

    def render_target_groups(self, record):
        return record.get_target_groups_display() or "—"

    def value_target_groups(self, record):
        return record.get_target_groups_display()
