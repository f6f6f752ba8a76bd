"""Policy targets: what a county's (or city's) policy document asks of its towns, communities and stations.

A ``PolicyProfile`` is one document (眉县五社联动试点方案 2022, 淮南市三社联动试点实施意见 2020, or any a
superuser adds). Regions are attached to a profile; a region follows the profile of its nearest attached
ancestor (itself included), so attaching 眉县 covers every town and community under it. A ``Target`` names an
indicator of the registry (``wulian.indicators``) by code, the level it applies to (or named regions, such as
the pilot 首善街道), a comparator and a threshold; only accepted targets count. Thresholds live here and
nowhere else: station compliance, the organisation targets and the volunteer rates read them.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.choices import REGION_ROLES, WORKER_ROLES, CommunityKind, RegionLevel

from .attachments import AttachmentKind, AttachmentsMixin
from wulian.workflow import Stateful, Transition, Workflow

from .base import ScopedModel, ScopedQuerySetMixin, ScopeRule


class TargetLevel(models.TextChoices):
    """Where a target applies: a level of the region tree, a kind of community, or a tier of station."""

    COUNTY = "county", _("County/district")
    TOWN = "town", _("Town/street")
    URBAN_COMMUNITY = "urban_community", _("Urban community")
    RURAL_COMMUNITY = "rural_community", _("Rural community (village)")
    COMMUNITY = "community", _("Community (urban and rural)")
    STATION_COUNTY_HUB = "station_county_hub", _("County social work service hub")
    STATION_TOWN = "station_town", _("Town social work service station")
    STATION_COMMUNITY = "station_community", _("Community social work room")


# The region level each target level is measured on.
TARGET_REGION_LEVEL = {
    TargetLevel.COUNTY: RegionLevel.COUNTY,
    TargetLevel.TOWN: RegionLevel.TOWN,
    TargetLevel.URBAN_COMMUNITY: RegionLevel.COMMUNITY,
    TargetLevel.RURAL_COMMUNITY: RegionLevel.COMMUNITY,
    TargetLevel.COMMUNITY: RegionLevel.COMMUNITY,
    TargetLevel.STATION_COUNTY_HUB: RegionLevel.COUNTY,
    TargetLevel.STATION_TOWN: RegionLevel.TOWN,
    TargetLevel.STATION_COMMUNITY: RegionLevel.COMMUNITY,
}
# The community kind a target level is limited to ("" for any).
TARGET_COMMUNITY_KIND = {
    TargetLevel.URBAN_COMMUNITY: CommunityKind.URBAN,
    TargetLevel.RURAL_COMMUNITY: CommunityKind.RURAL,
}
# Station tiers (``stations.choices.StationTier`` values) by target level; the core names them by string.
STATION_TIER_OF_LEVEL = {
    TargetLevel.STATION_COUNTY_HUB: "county_hub",
    TargetLevel.STATION_TOWN: "town_station",
    TargetLevel.STATION_COMMUNITY: "community_room",
}
LEVEL_OF_STATION_TIER = {tier: level for level, tier in STATION_TIER_OF_LEVEL.items()}


class Comparator(models.TextChoices):
    GTE = "gte", _("at least")
    GT = "gt", _("more than")
    LTE = "lte", _("at most")
    EQ = "eq", _("exactly")
    PRESENT = "present", _("must exist")


COMPARATOR_SIGNS = {"gte": "≥", "gt": ">", "lte": "≤", "eq": "=", "present": ""}


class TargetUnit(models.TextChoices):
    GE = "个", "个"
    JIA = "家", "家"
    REN = "人", "人"
    MING = "名", "名"
    SQUARE_METRES = "平方米", "平方米"
    TEN_THOUSAND_YUAN = "万元", "万元"
    YUAN = "元", "元"
    CLASS_HOURS = "课时", "课时"
    PERCENT = "%", "%"
    TIMES = "次", "次"
    # Ratios keep their denominator (issue 20): 每百户30平方米, 每万城镇常住人口25人.
    SQUARE_METRES_PER_100_HOUSEHOLDS = "平方米/百户", "平方米/百户"
    PEOPLE_PER_10000 = "人/万人", "人/万人"
    PEOPLE_PER_1000 = "人/千人", "人/千人"
    # The units a county's documents count in most after those (session 21: a third of the corpus's 3,763 targets
    # were in a unit the list lacked, and were accepted with none): beds, homes, places, households ...
    ZHANG = "张", "张"
    SUO = "所", "所"
    CHU = "处", "处"
    HU = "户", "户"
    ZUO = "座", "座"
    XIANG = "项", "项"
    DONG = "栋", "栋"
    PERSON_TIMES = "人次", "人次"
    HOURS = "小时", "小时"
    MU = "亩", "亩"
    PER_MILLE = "‰", "‰"
    # ... a benefit paid to each person per month or year (低保, 特困, 孤儿, 高龄津贴), a subsidy per thing ...
    YUAN_PER_PERSON_MONTH = "元/人/月", "元/人/月"
    YUAN_PER_PERSON_YEAR = "元/人/年", "元/人/年"
    YUAN_PER_PERSON = "元/人", "元/人"
    YUAN_PER_HOUSEHOLD = "元/户", "元/户"
    YUAN_PER_BED = "元/张", "元/张"
    YUAN_PER_UNIT = "元/个", "元/个"
    YUAN_PER_BODY = "元/具", "元/具"
    # ... and a provision per so many people.
    BEDS_PER_1000 = "张/千人", "张/千人"
    BEDS_PER_10000 = "张/万人", "张/万人"
    UNITS_PER_1000 = "个/千人", "个/千人"
    UNITS_PER_10000 = "个/万人", "个/万人"
    SQUARE_METRES_PER_PERSON = "平方米/人", "平方米/人"
    SQUARE_METRES_PER_1000 = "平方米/千人", "平方米/千人"


class TargetPeriod(models.TextChoices):
    ANNUAL = "annual", _("Every year")
    BY_DEADLINE = "by_deadline", _("By a deadline")
    ONGOING = "ongoing", _("At all times")


class TargetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


# Who reviews a document and its targets: the superuser only (the scope rules name no role; a superuser passes).
NOBODY = frozenset()


class ProfileStatus(models.TextChoices):
    ACTIVE = "active", _("Profile in use")
    INACTIVE = "inactive", _("Profile not in use")


class PolicyProfileQuerySet(ScopedQuerySetMixin, models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_region(self, region) -> PolicyProfile | None:
        """The profile ``region`` follows: that of its nearest attached ancestor (itself included); None
        when no region above it is attached to an active profile (one query)."""
        return profiles_for([region]).get(region.pk)


def attachments() -> list[tuple[str, PolicyProfile]]:
    """(region path, profile) of every attachment to an active profile, deepest first (one query)."""
    links = ProfileRegion.objects.filter(profile__is_active=True).select_related("profile", "region")
    return sorted(((link.region.path, link.profile) for link in links), key=lambda pair: -len(pair[0]))


def profile_of_path(path: str, links: list[tuple[str, PolicyProfile]]) -> PolicyProfile | None:
    for prefix, profile in links:
        if path.startswith(prefix):
            return profile
    return None


def profiles_for(regions) -> dict[int, PolicyProfile]:
    """``{region_id: profile}`` for each of ``regions`` that follows one (one query whatever their number)."""
    links = attachments()
    found = {}
    for region in regions:
        profile = profile_of_path(region.path, links)
        if profile is not None:
            found[region.pk] = profile
    return found


def has_accepted_target(profile, user) -> None:
    """Guard of "activate": a profile counts only through targets someone accepted."""
    from wulian.writes import Refused

    if not profile.targets.filter(status=TargetStatus.ACCEPTED).exists():
        raise Refused(_("Accept at least one target before activating the profile."))


class PolicyProfile(Stateful, models.Model):
    """One policy document and the targets, phases and leading group it sets.

    Whether it counts is its ``status``, changed by the transitions "activate" and "deactivate" (each leaves a
    ``StateChange`` row); ``is_active`` follows it on every save, for the queries that filter on it."""

    scope_rule = ScopeRule(view=NOBODY, add=NOBODY, change=NOBODY, delete=NOBODY, region=())
    workflow = Workflow(
        "status",
        Transition("activate", _("Activate the profile"), source=[ProfileStatus.INACTIVE], target=ProfileStatus.ACTIVE,
                   guard=has_accepted_target, style="success", icon="check2-circle"),
        Transition("deactivate", _("Deactivate the profile"), source=[ProfileStatus.ACTIVE],
                   target=ProfileStatus.INACTIVE, style="outline-secondary"),
    )

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.SlugField(_("short code"), max_length=40, unique=True)
    title = models.CharField(_("document title"), max_length=300, blank=True)
    document_number = models.CharField(
        _("document number"), max_length=60, blank=True, help_text=_("e.g. 淮府办〔2020〕8号")
    )
    issuer = models.CharField(_("issuing office"), max_length=100, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    regions = models.ManyToManyField(
        "wulian.Region",
        through="ProfileRegion",
        related_name="policy_profiles",
        verbose_name=_("regions"),
        blank=True,
    )
    status = models.CharField(_("status"), max_length=10, choices=ProfileStatus.choices, default=ProfileStatus.ACTIVE)
    is_active = models.BooleanField(_("active"), default=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PolicyProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy profile")
        verbose_name_plural = _("policy profiles")
        ordering = ["issued_on", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.is_active = self.status == ProfileStatus.ACTIVE
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "is_active"}
        super().save(*args, **kwargs)

    def accepted_targets(self):
        return self.targets.filter(status=TargetStatus.ACCEPTED)

    def last_target_position(self) -> int:
        """Where the profile's targets end (0 for none): a target added by hand or imported goes after it, one
        ``TARGET_POSITION_STEP`` further, as the drafter numbers them."""
        return self.targets.aggregate(last=models.Max("position"))["last"] or 0


# Targets are numbered 10, 20, 30…, so that one can later be put between two (a PositiveSmallIntegerField: at most
# MAX_TARGET_POSITION).
TARGET_POSITION_STEP = 10
MAX_TARGET_POSITION = 32767


class ProfileRegion(models.Model):
    """A region attached to a profile: it and everything below it follow the profile (unless a descendant
    is attached to another one). A region is attached to at most one profile."""

    profile = models.ForeignKey(PolicyProfile, verbose_name=_("policy profile"), on_delete=models.CASCADE)
    region = models.OneToOneField(
        "wulian.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="profile_link"
    )

    class Meta:
        verbose_name = _("region following the profile")
        verbose_name_plural = _("regions following the profile")

    def __str__(self) -> str:
        return f"{self.region} → {self.profile}"


class TargetQuerySet(ScopedQuerySetMixin, models.QuerySet):
    pass


class Target(Stateful, models.Model):
    """One measurable requirement of a profile: indicator, where it applies, comparator and threshold.

    Its review is a workflow (accept, reject, back to review): each change is a ``StateChange`` row."""

    scope_rule = ScopeRule(view=NOBODY, add=NOBODY, change=NOBODY, delete=NOBODY, region=())
    workflow = Workflow(
        "status",
        Transition("accept", _("Accept"), source=[TargetStatus.DRAFT], target=TargetStatus.ACCEPTED,
                   style="success", icon="check-lg"),
        Transition("reject", _("Reject"), source=[TargetStatus.DRAFT], target=TargetStatus.REJECTED,
                   style="outline-danger", icon="x-lg"),
        Transition("reopen", _("Back to review"), source=[TargetStatus.ACCEPTED, TargetStatus.REJECTED],
                   target=TargetStatus.DRAFT, style="outline-secondary", icon="arrow-counterclockwise"),
    )

    profile = models.ForeignKey(
        PolicyProfile, verbose_name=_("policy profile"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.CharField(
        _("indicator"), max_length=50, blank=True,
        help_text=_("Code of an indicator of the registry, e.g. orgs_per_community; empty for a reported target."),
    )
    measure = models.CharField(
        _("what is measured"), max_length=200, blank=True,
        help_text=_("What a reported target measures, as the document says it (城乡社区综合服务设施覆盖率)."),
    )
    level = models.CharField(_("applies to"), max_length=30, choices=TargetLevel.choices)
    regions = models.ManyToManyField(
        "wulian.Region",
        related_name="named_targets",
        verbose_name=_("named regions"),
        blank=True,
        help_text=_("Only these regions (e.g. the pilot street); empty: every region of the level."),
    )
    comparator = models.CharField(_("comparator"), max_length=10, choices=Comparator.choices, default=Comparator.GTE)
    threshold = models.DecimalField(_("threshold"), max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=12, choices=TargetUnit.choices, blank=True)
    period = models.CharField(_("time frame"), max_length=20, choices=TargetPeriod.choices, default=TargetPeriod.ANNUAL)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    parameters = models.JSONField(
        _("parameters"),
        default=dict,
        blank=True,
        help_text=_('What the indicator needs besides the threshold, e.g. {"rooms": ["office", "case"]}.'),
    )
    clause = models.CharField(_("clause"), max_length=60, blank=True, help_text=_("e.g. 000 §三.一"))
    quote = models.TextField(_("quoted sentence"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TargetStatus.choices, default=TargetStatus.DRAFT)
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # Which row of a seeded document this is, so seeding again adds what is missing and never overwrites
    # what an admin changed; empty for targets added by hand or drafted by the parser.
    seed_key = models.CharField(max_length=60, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["profile", "position", "pk"]
        indexes = [models.Index(fields=["profile", "status", "indicator"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(comparator="present") | models.Q(threshold__isnull=False),
                name="target_threshold_unless_present",
            ),
            models.CheckConstraint(
                condition=~models.Q(period="by_deadline") | models.Q(deadline__isnull=False),
                name="target_deadline_when_by_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile.code} {self.indicator} {self.get_level_display()} {self.requirement}"

    @property
    def requirement(self) -> str:
        """The requirement as a user reads it: "≥ 15 个", "> 50 %", "must exist"."""
        if self.comparator == Comparator.PRESENT:
            return str(Comparator.PRESENT.label)
        value = Decimal(self.threshold).normalize() if self.threshold is not None else ""
        return f"{COMPARATOR_SIGNS[self.comparator]} {value:f}{' ' if self.unit else ''}{self.unit}".strip()

    @property
    def is_reported(self) -> bool:
        """No app computes it: the level it names enters its value per period (``TargetReport``)."""
        from wulian import indicators

        return indicators.get(self.indicator) is None

    @property
    def name(self) -> str:
        """What the target measures: the indicator's (Chinese) name, or the document's words for a reported one."""
        from wulian import indicators

        if self.indicator:
            return indicators.label(self.indicator)
        return self.measure or str(_("Reported target"))

    @property
    def region_level(self) -> int:
        return TARGET_REGION_LEVEL[TargetLevel(self.level)]

    @property
    def community_kind(self) -> str:
        return TARGET_COMMUNITY_KIND.get(TargetLevel(self.level), "")

    @property
    def station_tier(self) -> str | None:
        return STATION_TIER_OF_LEVEL.get(TargetLevel(self.level))

    def clean(self):
        errors = {}
        if self.comparator != Comparator.PRESENT and self.threshold is None:
            errors["threshold"] = _("Give the threshold (only “must exist” needs none).")
        if self.threshold is not None and self.threshold < 0:
            errors["threshold"] = _("The threshold cannot be negative.")
        if self.period == TargetPeriod.BY_DEADLINE and not self.deadline:
            errors["deadline"] = _("Give the deadline of a target to be met by a deadline.")
        if self.unit == TargetUnit.PERCENT and self.threshold is not None and self.threshold > 100:
            errors["threshold"] = _("A share cannot exceed 100 %.")
        from wulian import indicators

        if self.indicator and self.indicator not in indicators.codes() and self.status == TargetStatus.ACCEPTED:
            errors["indicator"] = _("No indicator has the code “%(code)s”.") % {"code": self.indicator}
        if errors:
            raise ValidationError(errors)

    def compare(self, value) -> bool | None:
        """Whether ``value`` meets the target; None when there is no value (no data)."""
        if value is None:
            return None
        if self.comparator == Comparator.PRESENT:
            return bool(value)
        value = Decimal(value) if not isinstance(value, Decimal) else value
        threshold = self.threshold
        return {
            Comparator.GTE: value >= threshold,
            Comparator.GT: value > threshold,
            Comparator.LTE: value <= threshold,
            Comparator.EQ: value == threshold,
        }[Comparator(self.comparator)]

    def gap(self, value) -> Decimal | None:
        """How far ``value`` falls short (positive), 0 when met; None without a value or for “must exist”."""
        if value is None or self.comparator == Comparator.PRESENT or self.threshold is None:
            return None
        value = Decimal(value) if not isinstance(value, Decimal) else value
        if self.compare(value):
            return Decimal(0)
        if self.comparator == Comparator.LTE:
            return value - self.threshold
        if self.comparator == Comparator.GT:
            # "More than 50 %": one step beyond the threshold (0.1 for a share, 1 for a count).
            step = Decimal("0.1") if self.unit == TargetUnit.PERCENT else Decimal(1)
            return self.threshold - value + step
        return abs(self.threshold - value)


class Phase(models.Model):
    """A stage of the programme: 试点, 全面推广, 中期评估, 终期评估, 示范点…"""

    profile = models.ForeignKey(
        PolicyProfile, verbose_name=_("policy profile"), on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("name"), max_length=100)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty: open-ended."))
    regions = models.ManyToManyField(
        "wulian.Region", related_name="phases", verbose_name=_("regions"), blank=True
    )
    description = models.TextField(_("description"), blank=True)
    clause = models.CharField(_("clause"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("programme phase")
        verbose_name_plural = _("programme phases")
        ordering = ["profile", "position", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(start__isnull=True) | models.Q(end__gte=models.F("start")),
                name="phase_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile.code} {self.name}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A phase cannot end before it starts.")})


class LeadingGroupPosition(models.TextChoices):
    LEADER = "leader", _("Group leader")
    DEPUTY = "deputy", _("Deputy group leader")
    MEMBER = "member", _("Group member")
    OFFICE_DIRECTOR = "office_director", _("Office director")
    OFFICE_DEPUTY = "office_deputy", _("Office deputy director")


class LeadingGroupMember(models.Model):
    """A member of the programme's leading group (领导小组), e.g. seed 004's annex."""

    profile = models.ForeignKey(
        PolicyProfile, verbose_name=_("policy profile"), on_delete=models.CASCADE, related_name="leading_group"
    )
    position = models.CharField(_("position"), max_length=20, choices=LeadingGroupPosition.choices)
    name = models.CharField(_("name or office"), max_length=100)
    unit = models.CharField(_("unit and post"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("leading group member")
        verbose_name_plural = _("leading group members")
        ordering = ["profile", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_position_display()} {self.name}"


class TargetReport(AttachmentsMixin, ScopedModel):
    """A value of a reported target (one no indicator computes) entered for a region and a year, with its
    evidence attached and who entered it. Entries are never edited: a correction is a new entry, so the list of
    a target's entries is its history and the latest one counts."""

    scope_rule = ScopeRule(
        region=("region",), view=REGION_ROLES, add=WORKER_ROLES, change=frozenset(), delete=frozenset()
    )
    attachment_kinds = (AttachmentKind.OTHER, AttachmentKind.PHOTO)

    target = models.ForeignKey(Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="reports")
    region = models.ForeignKey(
        "wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="target_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    in_place = models.BooleanField(_("in place"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        "wulian.User", verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        ordering = ["target", "region", "-year", "-created_at", "-pk"]
        indexes = [models.Index(fields=["target", "region", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | models.Q(in_place__isnull=False),
                name="target_report_has_a_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target.name} {self.region} {self.year}"

    @property
    def figure(self):
        """What the report says, as the target compares it: a bool for “must exist”, else the value."""
        return self.in_place if self.target.comparator == Comparator.PRESENT else self.value

    def check_rules(self):
        from wulian.attainment import applies
        from wulian.writes import Refused

        if not self.target.is_reported:
            raise Refused(_("This target is computed from the data; it is not entered by hand."))
        if self.target.status != TargetStatus.ACCEPTED:
            raise Refused(_("Only accepted targets are reported."))
        if not applies(self.target, self.region):
            raise Refused(_("This target does not apply to %(region)s.") % {"region": self.region.name})
        if self.figure is None:
            raise Refused(_("Enter the value."), field="value")
