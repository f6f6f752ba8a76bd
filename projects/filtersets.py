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
# What is overdue, as the dashboard's 逾期事项 names it: each figure links here with its key (issue 23 A).
OVERDUE_CHOICES = [
    ("true", _("Yes")),
    ("false", _("No")),
    ("award", _("Bids closed, no agency chosen")),
    ("supervision", _("Mid-term supervision overdue")),
    ("contract_ended", _("Agreement ended, not yet evaluated")),
    ("rectification", _("Rectifications overdue")),
    ("milestone", _("Projects with milestones overdue")),
]
SERVING = ("contracted", "in_service", "evaluating")


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
    overdue = django_filters.ChoiceFilter(
        label=_("Something overdue"), method="filter_overdue", choices=OVERDUE_CHOICES, empty_label=_("All"),
    )
    # The agency's tenders open for bids, and its contracts in service (what its home page counts).
    tender_open = django_filters.BooleanFilter(label=_("Open for bids"), method="filter_tender_open", widget=YesNoWidget())
    serving = django_filters.BooleanFilter(label=_("Under contract"), method="filter_serving", widget=YesNoWidget())
    # What the policy targets count: an agreement signed by both sides (contracted, in service, evaluated).
    signed = django_filters.BooleanFilter(label=_("Agreement signed by both sides"), method="filter_signed", widget=YesNoWidget())

    class Meta:
        model = Project
        fields = [
            "region", "step", "status", "year", "agency", "domain", "is_professional", "is_micro_venture", "overdue", "signed",
            "tender_open", "serving",
        ]

    def filter_tender_open(self, queryset, name, value):
        if value is None:
            return queryset
        from .choices import DIRECT_METHODS

        open_ = Q(status="published", notice__bid_deadline__gt=timezone.now()) & ~Q(notice__method__in=DIRECT_METHODS)
        return queryset.filter(open_) if value else queryset.exclude(open_)

    def filter_serving(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(status__in=SERVING) if value else queryset.exclude(status__in=SERVING)

    def filter_signed(self, queryset, name, value):
        if value is None:
            return queryset
        signed = Q(status__in=CONTRACTED_STATES)
        return queryset.filter(signed) if value else queryset.exclude(signed)

    def filter_step(self, queryset, name, value):
        return queryset.filter(status__in=STEPS[value]) if value in STEPS else queryset

    def filter_overdue(self, queryset, name, value):
        """Overdue in any way (``true``), or in the one way the dashboard's figure counts (its key): the same
        queries as ``projects.dashboard.overdue``."""
        if not value:
            return queryset
        from .models import Milestone

        today = timezone.localdate()
        everything = Project.objects.all()
        late = {
            "true": everything.overdue(today),
            "false": everything.overdue(today),
            "award": everything.award_overdue(),
            "supervision": everything.supervision_overdue(today),
            "contract_ended": everything.contract_ended(today),
            "rectification": everything.filter(pk__in=Rectification.objects.overdue(today).values("evaluation__project_id")),
            "milestone": everything.filter(pk__in=Milestone.objects.overdue(today).values("project_id")),
        }[value]
        ids = late.values("pk")
        return queryset.exclude(pk__in=ids) if value == "false" else queryset.filter(pk__in=ids)


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
    region = RegionFilter(lookup="evaluation__project__region", levels=[RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.COMMUNITY], label=_("town / community"))
    status = django_filters.ChoiceFilter(choices=RectificationStatus.choices, label=_("status"))
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue", widget=YesNoWidget())

    class Meta:
        model = Rectification
        fields = ["region", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status__in=OPEN_ITEMS, deadline__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
