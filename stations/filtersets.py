import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from wulian.models import Agency
from wulian.choices import RegionLevel
from wulian.filtersets import DateRangeFilter, RegionFilter, ScopedFilterSet, YesNoWidget
from wulian.pickers import use_picker

from .choices import ActivityKind, CertificateLevel, Post, ServiceDomain, StationTier, TargetGroup, TrainingKind
from .compliance import COMPLIANCE_CHOICES, standard_qs
from .models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training


def yes_no(label, **kwargs):
    return django_filters.BooleanFilter(label=label, widget=YesNoWidget(), **kwargs)


class ActiveFilter(django_filters.BooleanFilter):
    """Current (start passed, no end or end not yet reached) or ended."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Current"))
        kwargs.setdefault("widget", YesNoWidget())
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        today = timezone.localdate()
        current = Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
        return qs.filter(current) if value else qs.exclude(current)


class StationFilterSet(ScopedFilterSet):
    search_fields = ("name", "address")
    region = RegionFilter(lookup="region")
    tier = django_filters.ChoiceFilter(choices=StationTier.choices, label=_("tier"))
    is_pilot = yes_no(_("pilot"))
    compliance = django_filters.ChoiceFilter(choices=COMPLIANCE_CHOICES, label=_("Compliance"), method="filter_compliance")
    opened_on = DateRangeFilter(label=_("opened on"))

    class Meta:
        model = Station
        fields = ["region", "tier", "is_pilot", "compliance", "opened_on"]

    def filter_compliance(self, queryset, name, value):
        # The list's queryset carries the staff counts (``with_compliance``) the rule needs; the standard of
        # each station is the targets of its region's policy profile (stations without one are neither).
        if value not in ("yes", "no", "none"):
            return queryset
        has, compliant = standard_qs()
        if value == "yes":
            return queryset.filter(compliant)
        if value == "no":
            return queryset.filter(has & ~compliant)
        return queryset.exclude(has)


class StaffMemberFilterSet(ScopedFilterSet):
    search_fields = ("name",)  # and the full phone: personal fields are matched whole
    region = RegionFilter(lookup="region")
    station = django_filters.ModelChoiceFilter(
        queryset=Station.objects.all(), label=_("station"), method="filter_station"
    )
    is_professional = yes_no(_("professional social worker"))
    certificate_level = django_filters.ChoiceFilter(
        choices=CertificateLevel.choices, label=_("certificate level"), method="filter_certificate"
    )
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), label=_("agency"))

    class Meta:
        model = StaffMember
        fields = ["region", "station", "is_professional", "certificate_level", "agency"]

    # Subqueries, not joins: a person with two certificates or stations is listed once.
    @extend_schema_field(OpenApiTypes.INT)  # the API takes the station's id
    def filter_station(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=StaffAssignment.objects.active().filter(station=value).values("person_id"))

    def filter_certificate(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Certificate.objects.filter(level=value).values("person_id"))


class StaffAssignmentFilterSet(ScopedFilterSet):
    search_fields = ("person__name", "station__name")
    region = RegionFilter(lookup="station__region")
    station = django_filters.ModelChoiceFilter(queryset=Station.objects.all(), label=_("station"))
    post = django_filters.ChoiceFilter(choices=Post.choices, label=_("post"))
    current = ActiveFilter()
    start_date = DateRangeFilter(label=_("start date"))

    class Meta:
        model = StaffAssignment
        fields = ["region", "station", "post", "current", "start_date"]


class CertificateFilterSet(ScopedFilterSet):
    search_fields = ("number", "person__name")
    region = RegionFilter(lookup="person__region")
    level = django_filters.ChoiceFilter(choices=CertificateLevel.choices, label=_("certificate level"))
    year = django_filters.RangeFilter(label=_("year obtained"))

    class Meta:
        model = Certificate
        fields = ["region", "level", "year"]


class AgencyPlacementFilterSet(ScopedFilterSet):
    search_fields = ("agency__name", "station__name", "services")
    region = RegionFilter(lookup="station__region")
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), label=_("agency"))
    station = django_filters.ModelChoiceFilter(queryset=Station.objects.all(), label=_("station"))
    current = ActiveFilter()
    start_date = DateRangeFilter(label=_("start date"))

    class Meta:
        model = AgencyPlacement
        fields = ["region", "agency", "station", "current", "start_date"]


class TrainingFilterSet(ScopedFilterSet):
    search_fields = ("topic", "lecturer", "place")
    region = RegionFilter(lookup="organizer__region")
    kind = django_filters.ChoiceFilter(choices=TrainingKind.choices, label=_("kind"))
    organizer = django_filters.ModelChoiceFilter(
        queryset=Station.objects.exclude(tier=StationTier.COMMUNITY_ROOM), label=_("organiser")
    )
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), label=_("agency"), method="filter_agency"
    )
    date = DateRangeFilter(label=_("date"))
    # The sessions the indicator "training class hours for agencies" counts (issue 23 A: its figure's rows).
    for_agencies = django_filters.BooleanFilter(
        label=_("Trained social work agencies"), method="filter_for_agencies", widget=YesNoWidget()
    )

    class Meta:
        model = Training
        fields = ["region", "kind", "organizer", "agency", "date", "for_agencies"]

    def filter_for_agencies(self, queryset, name, value):
        if value is None:
            return queryset
        agencies = Q(pk__in=Training.agencies.through.objects.values("training_id")) | Q(
            pk__in=Training.attendees.through.objects.filter(staffmember__agency__isnull=False).values("training_id")
        )
        return queryset.filter(agencies) if value else queryset.exclude(agencies)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Community rooms organise no training: their picker does not offer them either.
        use_picker(self.form.fields["organizer"], {"tier__in": [StationTier.COUNTY_HUB.value, StationTier.TOWN_STATION.value]})

    @extend_schema_field(OpenApiTypes.INT)  # the API takes the agency's id
    def filter_agency(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Training.agencies.through.objects.filter(agency=value).values("training_id"))


class ActivityFilterSet(ScopedFilterSet):
    search_fields = ("title", "place", "notes")
    region = RegionFilter(lookup="region", levels=[RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.COMMUNITY])
    station = django_filters.ModelChoiceFilter(queryset=Station.objects.all(), label=_("station"))
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("type"))
    domain = django_filters.ChoiceFilter(choices=ServiceDomain.choices, label=_("service domain"))
    target_group = django_filters.ChoiceFilter(
        choices=TargetGroup.choices, label=_("target group"), method="filter_target_group"
    )
    date = DateRangeFilter(label=_("date"))

    class Meta:
        model = Activity
        fields = ["region", "station", "kind", "domain", "target_group", "date"]

    def filter_target_group(self, queryset, name, value):
        if not value:
            return queryset
        # Codes are stored quoted in the JSON list, so a quoted match cannot hit a longer code.
        return queryset.filter(target_groups__icontains=f'"{value}"')
