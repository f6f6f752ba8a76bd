"""API endpoints of the volunteers app: volunteers (personal data masked by role), teams, activities (never
their check-in token), service hours and issued certificates (read-only)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from wulian.api import ScopedSerializer, ScopedViewSet, router

from .choices import HoursSource, HoursStatus
from .filtersets import (
    ServiceHoursFilterSet,
    VolunteerActivityFilterSet,
    VolunteerCertificateFilterSet,
    VolunteerFilterSet,
    VolunteerTeamFilterSet,
)
from .models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam

READ_ONLY = ["get", "head", "options"]


class VolunteerSerializer(ScopedSerializer):
    class Meta:
        model = Volunteer
        fields = [
            "id", "name", "id_type", "id_number", "volunteer_number", "phone", "community", "skills",
            "registered_on", "status",
        ]


class VolunteerViewSet(ScopedViewSet):
    """Registered volunteers. ID numbers and phones read masked for every role (a reveal is a logged act on the
    volunteer's page); a write gives the full values."""

    queryset = Volunteer.objects.all()
    serializer_class = VolunteerSerializer
    filterset_class = VolunteerFilterSet


class VolunteerTeamSerializer(ScopedSerializer):
    class Meta:
        model = VolunteerTeam
        fields = ["id", "name", "region", "organising_body", "leader", "members", "founded_on", "description"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        region = attrs.get("region", getattr(self.instance, "region", None))
        if region is not None:
            members = attrs["members"] if "members" in attrs else (self.instance.members.all() if self.instance else [])
            leader = attrs.get("leader", getattr(self.instance, "leader", None))
            people = [*members, *([leader] if leader is not None else [])]
            outside = sorted({v.name for v in people if not v.community.path.startswith(region.path)})
            if outside:
                raise serializers.ValidationError(
                    {
                        "members": _("These volunteers are not registered in %(region)s: %(names)s")
                        % {"region": region, "names": "、".join(outside)}
                    }
                )
        return attrs


class VolunteerTeamViewSet(ScopedViewSet):
    queryset = VolunteerTeam.objects.prefetch_related("members")
    serializer_class = VolunteerTeamSerializer
    filterset_class = VolunteerTeamFilterSet


class VolunteerActivitySerializer(ScopedSerializer):
    # The check-in token is a secret of the QR code on the pages: it is never a field here.
    class Meta:
        model = VolunteerActivity
        fields = [
            "id", "title", "region", "date", "start_time", "end_time", "place", "team", "organization",
            "organiser_name", "content", "status",
        ]


class VolunteerActivityViewSet(ScopedViewSet):
    queryset = VolunteerActivity.objects.all()
    serializer_class = VolunteerActivitySerializer
    filterset_class = VolunteerActivityFilterSet


class ServiceHoursSerializer(ScopedSerializer):
    class Meta:
        model = ServiceHours
        fields = [
            "id", "activity", "volunteer", "hours", "status", "source", "checked_in_at", "checked_out_at",
            "reviewed_by", "reviewed_at", "note",
        ]
        read_only_fields = ["source", "reviewed_by", "reviewed_at"]

    def get_fields(self):
        fields = super().get_fields()
        if isinstance(self.instance, ServiceHours):
            # Who served in which activity is fixed once recorded, as on the pages.
            for name in ("activity", "volunteer"):
                fields[name].read_only = True
        return fields


class ServiceHoursViewSet(ScopedViewSet):
    """Volunteers' service hours. Hours written here count as entered by staff; confirming or rejecting
    records who did it."""

    queryset = ServiceHours.objects.all()
    serializer_class = ServiceHoursSerializer
    filterset_class = ServiceHoursFilterSet

    def save_kwargs(self, serializer):
        kwargs = {}
        record = serializer.instance
        if record is None:
            kwargs["source"] = HoursSource.STAFF
        status = serializer.validated_data.get("status", record.status if record else HoursStatus.CONFIRMED)
        reviewed = record is None or status != record.status
        if reviewed and status in (HoursStatus.CONFIRMED, HoursStatus.REJECTED):
            kwargs.update(reviewed_by=self.request.user, reviewed_at=timezone.now())
        return kwargs


class VolunteerCertificateSerializer(ScopedSerializer):
    class Meta:
        model = VolunteerCertificate
        fields = [
            "id", "number", "volunteer", "period_start", "period_end", "hours", "activities_count", "issuer_name",
            "person_in_charge", "handler", "contact_phone", "remarks", "issued_on", "issued_by",
        ]
        read_only_fields = fields


class VolunteerCertificateViewSet(ScopedViewSet):
    """Issued certificates of volunteer service (read-only: they are issued and printed on the pages)."""

    queryset = VolunteerCertificate.objects.all()
    serializer_class = VolunteerCertificateSerializer
    filterset_class = VolunteerCertificateFilterSet
    http_method_names = READ_ONLY


router.register("volunteers", VolunteerViewSet, basename="volunteer")
router.register("volunteer-teams", VolunteerTeamViewSet, basename="volunteerteam")
router.register("volunteer-activities", VolunteerActivityViewSet, basename="volunteeractivity")
router.register("service-hours", ServiceHoursViewSet, basename="servicehours")
router.register("volunteer-certificates", VolunteerCertificateViewSet, basename="volunteercertificate")
