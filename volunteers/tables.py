import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wulian.exports import export_as_str
from wulian.tables import ObjectTable

from .models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam


class VolunteerTable(ObjectTable):
    volunteer_number = tables.Column(linkify=True)
    name = tables.Column(linkify=True)
    community = tables.Column(verbose_name=_("community"), order_by=("community__path",))

    class Meta(ObjectTable.Meta):
        model = Volunteer
        fields = (
            "volunteer_number",
            "name",
            "id_type",
            "id_number",
            "phone",
            "community",
            "skills",
            "registered_on",
            "status",
        )


class VolunteerTeamTable(ObjectTable):
    name = tables.Column(linkify=True)
    region = tables.Column(verbose_name=_("town or community"), order_by=("region__path",))
    leader = tables.Column(verbose_name=_("team leader"))
    member_count = tables.Column(verbose_name=_("members"), orderable=True)

    class Meta(ObjectTable.Meta):
        model = VolunteerTeam
        fields = ("name", "region", "organising_body", "leader", "member_count", "founded_on")


class VolunteerActivityTable(ObjectTable):
    title = tables.Column(linkify=True)
    region = tables.Column(verbose_name=_("town or community"), order_by=("region__path",))
    organiser = tables.Column(verbose_name=_("organiser"), empty_values=(), orderable=False)
    volunteer_count = tables.Column(verbose_name=_("volunteers"))
    confirmed_hours = tables.Column(verbose_name=_("confirmed hours"))

    class Meta(ObjectTable.Meta):
        model = VolunteerActivity
        fields = ("title", "date", "start_time", "end_time", "region", "place", "organiser", "status",
                  "volunteer_count", "confirmed_hours")

    def render_organiser(self, record):
        return record.organiser

    def value_organiser(self, record):
        return record.organiser


class ServiceHoursTable(ObjectTable):
    record = tables.Column(verbose_name=_("record"), accessor="pk", linkify=lambda record: record.get_absolute_url(),
                           orderable=False)
    activity__date = tables.Column(verbose_name=_("date"))
    volunteer__volunteer_number = tables.Column(verbose_name=_("volunteer number"))
    volunteer = tables.Column(verbose_name=_("volunteer"))

    class Meta(ObjectTable.Meta):
        model = ServiceHours
        fields = ("record", "activity__date", "volunteer", "volunteer__volunteer_number", "hours", "status", "source",
                  "checked_in_at", "checked_out_at")

    def render_record(self, record):
        return str(record)

    value_record = export_as_str  # str(record), read from the values its __str__ is made of


class VolunteerCertificateTable(ObjectTable):
    number = tables.Column(linkify=True)
    volunteer = tables.Column(verbose_name=_("volunteer"))
    issued_by = tables.Column(verbose_name=_("issued by"))

    class Meta(ObjectTable.Meta):
        model = VolunteerCertificate
        fields = ("number", "volunteer", "period_start", "period_end", "hours", "activities_count", "issuer_name",
                  "issued_on", "issued_by")
