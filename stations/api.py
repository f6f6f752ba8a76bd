"""API endpoints of the station network: stations (with their compliance), staff, assignments,
certificates, agency placements, trainings and the activity log. Attachments stay on the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wulian.api import ScopedSerializer, ScopedViewSet, router

from .choices import TargetGroup
from .links import activity_links
from .filtersets import (
    ActivityFilterSet,
    AgencyPlacementFilterSet,
    CertificateFilterSet,
    StaffAssignmentFilterSet,
    StaffMemberFilterSet,
    StationFilterSet,
    TrainingFilterSet,
)
from .models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training


# -- stations -------------------------------------------------------------------------------------
class StationSerializer(ScopedSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    resident_staff_count = serializers.SerializerMethodField()
    professional_count = serializers.SerializerMethodField()
    compliant = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()

    class Meta:
        model = Station
        fields = [
            "id", "tier", "region", "region_name", "name", "address", "phone", "office_area", "has_office",
            "has_case_room", "has_group_room", "has_meeting_room", "other_rooms", "desks", "computers", "printers",
            "filing_cabinets", "other_equipment", "opened_on", "is_pilot", "notes",
            "resident_staff_count", "professional_count", "compliant", "missing",
        ]

    # The counts come from ``with_compliance()`` on lists and details; a freshly saved station is reloaded
    # with them by the view, so these never cost a query per row.
    def get_resident_staff_count(self, obj) -> int:
        return obj.resident_staff_count

    def get_professional_count(self, obj) -> int:
        return obj.professional_count

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_compliant(self, obj) -> bool | None:
        """True or false against the station's standard; null when its region follows no policy profile."""
        return obj.is_compliant

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing(self, obj) -> list[str]:
        return [str(check.label) for check in obj.missing_items]


class StationViewSet(ScopedViewSet):
    """Stations of the three tiers in your scope, with their compliance with the tier's standard."""

    queryset = Station.objects.select_related("region").with_compliance()
    serializer_class = StationSerializer
    filterset_class = StationFilterSet

    def _reload(self, serializer):
        serializer.instance = self.queryset.model.objects.select_related("region").with_compliance().get(
            pk=serializer.instance.pk
        )

    def perform_create(self, serializer):
        super().perform_create(serializer)
        self._reload(serializer)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self._reload(serializer)


# -- staff ----------------------------------------------------------------------------------------
class StaffMemberSerializer(ScopedSerializer):
    class Meta:
        model = StaffMember
        fields = ["id", "name", "region", "phone", "is_professional", "agency", "notes"]


class StaffMemberViewSet(ScopedViewSet):
    """People of the station network; phones read masked for every role."""

    queryset = StaffMember.objects.all()
    serializer_class = StaffMemberSerializer
    filterset_class = StaffMemberFilterSet


class StaffAssignmentSerializer(ScopedSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    station_name = serializers.CharField(source="station.name", read_only=True)

    class Meta:
        model = StaffAssignment
        fields = ["id", "person", "person_name", "station", "station_name", "post", "start_date", "end_date", "notes"]


class StaffAssignmentViewSet(ScopedViewSet):
    queryset = StaffAssignment.objects.select_related("person", "station")
    serializer_class = StaffAssignmentSerializer
    filterset_class = StaffAssignmentFilterSet


class CertificateSerializer(ScopedSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Certificate
        fields = ["id", "person", "person_name", "level", "number", "year"]


class CertificateViewSet(ScopedViewSet):
    queryset = Certificate.objects.select_related("person")
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilterSet


# -- agencies stationed, training, activity log ---------------------------------------------------
class AgencyPlacementSerializer(ScopedSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    station_name = serializers.CharField(source="station.name", read_only=True)

    class Meta:
        model = AgencyPlacement
        fields = ["id", "agency", "agency_name", "station", "station_name", "start_date", "end_date", "services"]


class AgencyPlacementViewSet(ScopedViewSet):
    queryset = AgencyPlacement.objects.select_related("agency", "station")
    serializer_class = AgencyPlacementSerializer
    filterset_class = AgencyPlacementFilterSet


class TrainingSerializer(ScopedSerializer):
    organizer_name = serializers.CharField(source="organizer.name", read_only=True)

    class Meta:
        model = Training
        fields = [
            "id", "topic", "date", "hours", "kind", "organizer", "organizer_name", "lecturer", "place", "agencies",
            "attendees", "notes",
        ]


class TrainingViewSet(ScopedViewSet):
    queryset = Training.objects.select_related("organizer").prefetch_related("agencies", "attendees")
    serializer_class = TrainingSerializer
    filterset_class = TrainingFilterSet


class ActivitySerializer(ScopedSerializer):
    station_name = serializers.CharField(source="station.name", read_only=True)
    # A flat list of known codes: a nested list or an object is a 400, not a 500 in the model's clean().
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False, max_length=len(TargetGroup.choices)
    )

    class Meta:
        model = Activity
        fields = [
            "id", "station", "station_name", "kind", "date", "title", "place", "domain", "target_groups",
            "participants", "volunteers", "hours", "notes", "recorded_by",
        ]
        read_only_fields = ["recorded_by"]

    # Apps above stations add their fields (projects: ``project``, the project of a service record) and save
    # them after the entry, inside the same write (``stations.links``).
    def get_fields(self):
        fields = super().get_fields()
        for link in activity_links():
            fields.update(link.api_fields(self))
        return fields

    def _save_linked(self, validated_data, save):
        names = {link: set(link.api_fields(self)) for link in activity_links()}
        parts = {link: {n: validated_data.pop(n) for n in wanted if n in validated_data} for link, wanted in names.items()}
        activity = save(validated_data)
        for link, values in parts.items():
            link.save_api(activity, values)
        return activity

    def create(self, validated_data):
        return self._save_linked(validated_data, super().create)

    def update(self, instance, validated_data):
        return self._save_linked(validated_data, lambda data: super(ActivitySerializer, self).update(instance, data))


class ActivityViewSet(ScopedViewSet):
    """The stations' activity log (工作台账); photos and sign-in sheets are uploaded on the pages."""

    queryset = Activity.objects.select_related("station")
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action not in ("list", "retrieve"):
            return queryset
        return queryset.select_related(*(name for link in activity_links() for name in link.api_related()))

    def save_kwargs(self, serializer):
        return {"recorded_by": self.request.user} if serializer.instance is None else {}


router.register("stations", StationViewSet, basename="station")
router.register("staff", StaffMemberViewSet, basename="staffmember")
router.register("staff-assignments", StaffAssignmentViewSet, basename="staffassignment")
router.register("certificates", CertificateViewSet, basename="certificate")
router.register("placements", AgencyPlacementViewSet, basename="agencyplacement")
router.register("trainings", TrainingViewSet, basename="training")
router.register("activities", ActivityViewSet, basename="activity")
