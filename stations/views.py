from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from wulian.models import Agency, Attachment
from wulian.choices import Role
from wulian.models.base import can
from wulian.subqueries import count_subquery
from wulian.views import generic

from . import importers
from .filtersets import (
    ActivityFilterSet,
    AgencyPlacementFilterSet,
    CertificateFilterSet,
    StaffAssignmentFilterSet,
    StaffMemberFilterSet,
    StationFilterSet,
    TrainingFilterSet,
)
from .forms import (
    ActivityForm,
    AgencyPlacementForm,
    CertificateForm,
    StaffAssignmentForm,
    StaffMemberForm,
    StationForm,
    TrainingForm,
)
from .models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training
from .tables import (
    ActivityTable,
    AgencyPlacementTable,
    CertificateTable,
    StaffAssignmentTable,
    StaffMemberTable,
    StationTable,
    TrainingTable,
)
from .trainings import hours_by_agency, hours_by_organizer, meets, training_targets


# -- stations -------------------------------------------------------------------------------------
class StationListView(generic.ObjectListView):
    model = Station
    queryset = Station.objects.select_related("region").with_compliance()
    table_class = StationTable
    totals = (("office_area", "平方米"),)
    filterset_class = StationFilterSet
    import_url_name = "stations:station_import"


class StationImportView(generic.ObjectImportView):
    importer_class = importers.StationImporter


class StationDetailView(generic.ObjectDetailView):
    model = Station
    queryset = Station.objects.select_related("region").with_compliance()
    template_name = "stations/station_detail.html"
    detail_fields = [
        "tier",
        "region",
        "address",
        "phone",
        "office_area",
        "other_rooms",
        "other_equipment",
        "opened_on",
        "is_pilot",
        "notes",
    ]

    related = (
        generic.RelatedList(
            "assignments",
            StaffAssignment,
            "station",
            ("end_date", "person__name"),
            ("person",),
            prefetch=(("person__certificates", Certificate),),
        ),
        generic.RelatedList("placements", AgencyPlacement, "station", select_related=("agency", "agency__cultivated_by")),
        generic.RelatedList("activities", Activity, "station", limit=10),
    )

    def extra_context(self, obj):
        user = self.request.user
        return {
            "checks": obj.compliance,
            "standard": obj.standard,
            "rooms": [(f.verbose_name, getattr(obj, f.name)) for f in _fields(obj, "has_")],
            "equipment": [
                (Station._meta.get_field(n).verbose_name, getattr(obj, n))
                for n in ("desks", "computers", "printers", "filing_cabinets")
            ],
            "can_add_activity": can(user, "add", Activity),
        }


def _fields(obj, prefix):
    return [f for f in obj._meta.fields if f.name.startswith(prefix)]


class StationEditView(generic.ObjectEditView):
    model = Station
    form_class = StationForm


class StationDeleteView(generic.ObjectDeleteView):
    model = Station


# -- staff ----------------------------------------------------------------------------------------
class StaffMemberListView(generic.ObjectListView):
    model = StaffMember
    queryset = StaffMember.objects.select_related("region", "agency").prefetch_related(
        Prefetch(
            "assignments",
            queryset=StaffAssignment.objects.active().select_related("station"),
            to_attr="current_assignments",
        ),
        "certificates",
    )
    table_class = StaffMemberTable
    filterset_class = StaffMemberFilterSet
    import_url_name = "stations:staffmember_import"


class StaffMemberDetailView(generic.ObjectDetailView):
    model = StaffMember
    queryset = StaffMember.objects.select_related("region", "agency")
    template_name = "stations/staffmember_detail.html"
    detail_fields = ["name", "region", "phone", "is_professional", "agency", "notes"]
    related = (
        # History of posts: the stations in the viewer's area the person worked in, newest first.
        generic.RelatedList("assignments", StaffAssignment, "person", ("-start_date",), ("station",)),
        generic.RelatedList("certificates", Certificate, "person"),
        generic.RelatedList("trainings", Training, "attendees", ("-date",), limit=20),
    )

    def extra_context(self, obj):
        return {"can_add_assignment": can(self.request.user, "add", StaffAssignment)}


class StaffMemberEditView(generic.ObjectEditView):
    model = StaffMember
    form_class = StaffMemberForm


class StaffMemberDeleteView(generic.ObjectDeleteView):
    model = StaffMember


class StaffImportView(generic.ObjectImportView):
    importer_class = importers.StaffImporter


class StaffAssignmentListView(generic.ObjectListView):
    model = StaffAssignment
    queryset = StaffAssignment.objects.select_related("person", "station")
    table_class = StaffAssignmentTable
    filterset_class = StaffAssignmentFilterSet


class StaffAssignmentDetailView(generic.ObjectDetailView):
    model = StaffAssignment
    queryset = StaffAssignment.objects.select_related("person", "station")
    detail_fields = ["person", "station", "post", "start_date", "end_date", "notes"]


class StaffAssignmentEditView(generic.ObjectEditView):
    model = StaffAssignment
    form_class = StaffAssignmentForm


class StaffAssignmentDeleteView(generic.ObjectDeleteView):
    model = StaffAssignment


class CertificateListView(generic.ObjectListView):
    model = Certificate
    queryset = Certificate.objects.select_related("person", "person__region")
    table_class = CertificateTable
    filterset_class = CertificateFilterSet


class CertificateDetailView(generic.ObjectDetailView):
    model = Certificate
    queryset = Certificate.objects.select_related("person")
    detail_fields = ["person", "level", "number", "year"]


class CertificateEditView(generic.ObjectEditView):
    model = Certificate
    form_class = CertificateForm


class CertificateDeleteView(generic.ObjectDeleteView):
    model = Certificate


# -- agencies stationed ---------------------------------------------------------------------------
class AgencyPlacementListView(generic.ObjectListView):
    model = AgencyPlacement
    queryset = AgencyPlacement.objects.select_related("agency", "agency__cultivated_by", "station")
    table_class = AgencyPlacementTable
    filterset_class = AgencyPlacementFilterSet


class AgencyPlacementDetailView(generic.ObjectDetailView):
    model = AgencyPlacement
    queryset = AgencyPlacement.objects.select_related("agency", "agency__cultivated_by", "station")
    template_name = "stations/agencyplacement_detail.html"
    detail_fields = ["agency", "station", "start_date", "end_date", "services"]


class AgencyPlacementEditView(generic.ObjectEditView):
    model = AgencyPlacement
    form_class = AgencyPlacementForm


class AgencyPlacementDeleteView(generic.ObjectDeleteView):
    model = AgencyPlacement


# -- training -------------------------------------------------------------------------------------
class TrainingListView(generic.ObjectListView):
    model = Training
    period_field = "date"
    totals = (("hours", "课时"),)
    queryset = Training.objects.select_related("organizer").annotate(
        attendee_count=count_subquery(Training.attendees.through.objects.all(), "training"),
        agency_count=count_subquery(Training.agencies.through.objects.all(), "training"),
    )
    table_class = TrainingTable
    filterset_class = TrainingFilterSet
    template_name = "stations/training_list.html"


class TrainingDetailView(generic.ObjectDetailView):
    model = Training
    queryset = Training.objects.select_related("organizer")
    detail_fields = ["topic", "date", "hours", "kind", "organizer", "lecturer", "place", "agencies", "attendees", "notes"]


class TrainingEditView(generic.ObjectEditView):
    model = Training
    form_class = TrainingForm


class TrainingDeleteView(generic.ObjectDeleteView):
    model = Training


class TrainingHoursView(generic.ScopedView):
    """Class hours (课时) per year, per organiser and per agency, against the 48 hours agencies should get."""

    model = Training
    template_name = "stations/training_hours.html"

    def get(self, request, *args, **kwargs):
        self.check_model_permission("view")
        trainings = self.get_queryset()
        by_organizer, names = hours_by_organizer(trainings)
        organizer_rows = [
            {"year": year, "name": names[pk], "hours": hours, "sessions": sessions}
            for (year, pk), (hours, sessions) in sorted(by_organizer.items(), key=lambda kv: (-kv[0][0], names[kv[0][1]]))
        ]
        by_agency = hours_by_agency(trainings)
        # Agencies of the user's area with no training at all in a year still show, at 0 of 48.
        agencies = Agency.objects.restrict(request.user)
        in_scope = dict(agencies.values_list("pk", "name"))
        years = {year for year, _ in by_agency} | {timezone.localdate().year}
        for year in years:
            for pk in in_scope:
                by_agency.setdefault((year, pk), [Decimal(0), 0])
        missing = {pk for _, pk in by_agency} - set(in_scope)
        agency_names = {**in_scope, **dict(Agency.objects.filter(pk__in=missing).values_list("pk", "name"))}
        # Each agency against its own county's document (a region without a profile: no requirement).
        targets = training_targets(Agency.objects.filter(pk__in=set(agency_names)))
        agency_rows = [
            {
                "year": year,
                "name": agency_names.get(pk, "—"),
                "hours": hours,
                "sessions": count,
                **meets(hours, targets.get(pk)),
            }
            for (year, pk), (hours, count) in sorted(
                by_agency.items(), key=lambda kv: (-kv[0][0], agency_names.get(kv[0][1], ""))
            )
        ]
        context = self.base_context(
            organizer_rows=organizer_rows,
            agency_rows=agency_rows,
            clauses=sorted({f"{t.profile.name} {t.clause}" for t in targets.values()}),
            list_url=Training.url_name("list"),
        )
        return render(request, self.template_name, context)


# -- activity log ---------------------------------------------------------------------------------
class ActivityListView(generic.ObjectListView):
    model = Activity
    period_field = "date"
    totals = (("participants", "人次"),)
    mine_field = "recorded_by"
    queryset = Activity.objects.select_related("station").annotate(
        # Counted per shown row: attachments hang on any record by (owner type, owner id).
        attachment_count=count_subquery(
            Attachment.objects.filter(owner_type__app_label="stations", owner_type__model="activity"), "owner_id"
        )
    )
    table_class = ActivityTable
    filterset_class = ActivityFilterSet
    import_url_name = "stations:activity_import"


class ActivityDetailView(generic.ObjectDetailView):
    model = Activity
    queryset = Activity.objects.select_related("station", "recorded_by")
    detail_fields = ["title", "kind", "date", "station", "place", "domain", "participants", "volunteers", "hours", "notes"]

    def field_rows(self, obj):
        rows = super().field_rows(obj)
        field = Activity._meta.get_field("target_groups")
        rows.insert(6, (field.verbose_name, obj.get_target_groups_display(), field))
        field = Activity._meta.get_field("recorded_by")
        rows.append((field.verbose_name, self._related_value(obj.recorded_by), field))
        return rows


class ActivityEditView(generic.ObjectEditView):
    model = Activity
    form_class = ActivityForm

    def new_object(self):
        """Preselect the station the user works in (a community worker's room, a town's station); a
        ``?station=`` in the link takes precedence (the generic prefill)."""
        obj = super().new_object()
        user = self.request.user
        stations = Station.objects.restrict(user, "view")
        chosen = None
        if user.region_id:
            chosen = stations.filter(region_id=user.region_id).first()
        if chosen is None and user.role == Role.COMMUNITY_WORKER:
            chosen = stations.first()
        if chosen is not None:
            obj.station = chosen
        return obj


class ActivityDeleteView(generic.ObjectDeleteView):
    model = Activity


class ActivityImportView(generic.ObjectImportView):
    importer_class = importers.ActivityImporter
