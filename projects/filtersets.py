import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel, ServiceDomain
from wulian.filtersets import RegionFilter, ScopedFilterSet, YesNoWidget
from wulian.models import Agency

from .choices import CONTRACTED_STATES, BidStatus, EvaluationKind, ProjectStatus, RectificationStatus
from .models import Bid, Evaluation, Project, Rectification

# The six steps of seed 000 §五, as groups of states (a list filters by step or by state).
STEPS = {
    "1": ("draft", "submitted", "returned"),
    "2": ("approved", "published"),
    "3": ("awarded", "agency_signed", "contracted"),
    "4": ("in_service",),
    "6": ("evaluating", "accepted"),
}
STEP_CHOICES = [
    ("1", _("1 Needs assessment")),
    ("2", _("2 Publication")),
    ("3", _("3 Agreement")),
    ("4", _("4–5 Service and supervision")),
    ("6", _("6 Acceptance")),
]
OPEN_ITEMS = (RectificationStatus.OPEN, RectificationStatus.ANSWERED)


def overdue_rectifications():
    return Rectification.objects.filter(status__in=OPEN_ITEMS, deadline__lt=timezone.localdate())


class ProjectFilterSet(ScopedFilterSet):
    search_fields = ("code", "title")
    region = RegionFilter(lookup="region", levels=[RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.COMMUNITY], label=_("town / community"))
    step = django_filters.ChoiceFilter(choices=STEP_CHOICES, label=_("Step"), method="filter_step")
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label=_("status"))
    year = django_filters.NumberFilter(label=_("year"))
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), label=_("agency"))
    domain = django_filters.ChoiceFilter(choices=ServiceDomain.choices, label=_("service domain"))
    is_professional = django_filters.BooleanFilter(label=_("professional service project"), widget=YesNoWidget())
    is_micro_venture = django_filters.BooleanFilter(label=_("micro public-welfare venture"), widget=YesNoWidget())
    overdue = django_filters.BooleanFilter(label=_("Something overdue"), method="filter_overdue", widget=YesNoWidget())
    # What the policy targets count: an agreement signed by both sides (contracted, in service, evaluated).
    signed = django_filters.BooleanFilter(label=_("Agreement signed by both sides"), method="filter_signed", widget=YesNoWidget())

    class Meta:
        model = Project
        fields = [
            "region", "step", "status", "year", "agency", "domain", "is_professional", "is_micro_venture", "overdue", "signed",
        ]

    def filter_signed(self, queryset, name, value):
        if value is None:
            return queryset
        signed = Q(status__in=CONTRACTED_STATES)
        return queryset.filter(signed) if value else queryset.exclude(signed)

    def filter_step(self, queryset, name, value):
        return queryset.filter(status__in=STEPS[value]) if value in STEPS else queryset

    def filter_overdue(self, queryset, name, value):
        """Overdue: a rectification past its deadline, or a signed agreement past its end still in service."""
        if value is None:
            return queryset
        today = timezone.localdate()
        late = Q(pk__in=overdue_rectifications().values("evaluation__project_id")) | Q(
            status="in_service", agreement__end__lt=today
        )
        return queryset.filter(late) if value else queryset.exclude(late)


class BidFilterSet(ScopedFilterSet):
    search_fields = ("project__code", "project__title", "agency__name")
    status = django_filters.ChoiceFilter(choices=BidStatus.choices, label=_("status"))
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), label=_("agency"))

    class Meta:
        model = Bid
        fields = ["status", "agency"]


class EvaluationFilterSet(ScopedFilterSet):
    search_fields = ("project__code", "project__title")
    kind = django_filters.ChoiceFilter(choices=EvaluationKind.choices, label=_("kind"))

    class Meta:
        model = Evaluation
        fields = ["kind"]


class RectificationFilterSet(ScopedFilterSet):
    search_fields = ("description", "evaluation__project__title")
    status = django_filters.ChoiceFilter(choices=RectificationStatus.choices, label=_("status"))
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue", widget=YesNoWidget())

    class Meta:
        model = Rectification
        fields = ["status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status__in=OPEN_ITEMS, deadline__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
