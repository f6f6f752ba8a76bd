"""Steps 2 and 3: the notice with its scoring criteria, the bids with their teams and scores, and the marks of
agencies that failed an acceptance, which the bureau weighs when it awards (``Notice``, ``Criterion``, ``Bid``,
``BidMember``, ``BidScore``, ``AgencyMark``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wulian.money import MoneyField
from wulian.choices import NOBODY, REGION_ROLES, Role
from wulian.models import AttachmentKind, AttachmentsMixin, ScopedModel, ScopeRule
from wulian.validators import validate_plausible_date
from wulian.workflow import Stateful, Transition, Workflow

from .. import guards
from ..choices import CERTIFIED, BidStatus, MemberCertificate, ProcurementMethod, ScoringRule
from ..querysets import BidQuerySet
from .base import AGENCY, BUREAU, EVALUATOR, S, _child_rule, _public_child_rows, _while
from .project import Project


# -- step 2: the notice ----------------------------------------------------------------------------------------

NOTICE_EDITS = {a: _while("project__", S.APPROVED) for a in ("add", "change", "delete")}


class Notice(ScopedModel):
    """The project's notice (项目公告): scope of service, budget ceiling, method, qualifications, bid deadline.

    For single-source and entrusted projects there is no bidding: ``direct_agency`` is the agency chosen, with
    ``single_source_justification``.
    """

    fixed_fields = ("project",)

    scope_rule = _child_rule(add=BUREAU, change=BUREAU, delete=BUREAU, where=NOTICE_EDITS,
                             agency_rows=_public_child_rows("project__"))

    project = models.OneToOneField(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="notice")
    scope_of_service = models.TextField(_("scope of service"), max_length=5000)
    budget_ceiling = MoneyField(_("budget ceiling (yuan)"))
    method = models.CharField(_("procurement method"), max_length=30, choices=ProcurementMethod.choices)
    min_certified_workers = models.PositiveSmallIntegerField(
        _("certified social workers required"), default=1,
        help_text=_("A bidding team must include at least this many certified social workers."),
    )
    qualifications = models.TextField(_("qualification requirements"), max_length=2000, blank=True)
    scoring_rule = models.CharField(_("scoring rule"), max_length=20, choices=ScoringRule.choices,
                                    default=ScoringRule.COMPREHENSIVE,
                                    help_text=_("How the panel's scores decide: the rule stated in the notice."))
    bid_deadline = models.DateTimeField(_("bid deadline"), null=True, blank=True,
                                        validators=[validate_plausible_date])
    direct_agency = models.ForeignKey(
        "wulian.Agency", verbose_name=_("agency chosen directly"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", help_text=_("For single-source and entrusted projects."),
    )
    single_source_justification = models.TextField(_("justification for a single source"), max_length=2000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-pk"]

    def __str__(self):
        return str(self.project)

    @property
    def is_direct(self) -> bool:
        from ..choices import DIRECT_METHODS

        return self.method in DIRECT_METHODS

    @property
    def deadline_passed(self) -> bool:
        return self.bid_deadline is not None and self.bid_deadline <= timezone.now()

    def check_rules(self):
        guards.notice_rules(self)


class Criterion(ScopedModel):
    """A scoring criterion of the notice; the weights of a notice total 100."""

    fixed_fields = ("notice",)

    scope_rule = _child_rule(add=BUREAU, change=BUREAU, delete=BUREAU, prefix="notice__project__",
                             where={a: _while("notice__project__", S.APPROVED) for a in ("add", "change", "delete")},
                             agency_rows=_public_child_rows("notice__project__"))

    notice = models.ForeignKey(Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)])
    description = models.TextField(_("description"), max_length=1000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["notice", "order", "pk"]

    def __str__(self):
        return self.name


# -- step 3: bids and award ------------------------------------------------------------------------------------


def _bid_rows_for_agency(scope) -> Q | None:
    """An agency sees its own bids; it adds and changes them only while the project takes bids."""
    q = scope.agency()
    if scope.action == "view":
        return q
    return q & Q(project__status=S.PUBLISHED, project__notice__bid_deadline__gt=timezone.now())


def _bid_rows_for_region(scope) -> Q | None:
    """Nobody of the bureau or a town sees a bid before the deadline."""
    return scope.region() & Q(project__notice__bid_deadline__lte=timezone.now())


def panel_seat(prefix: str):
    """An expert's account sees the bids (and their teams) of the notices whose panel it sits on, after the
    deadline, to score them (issue 23 C); it changes nothing."""

    def rows(scope) -> Q | None:
        if scope.action != "view":
            return None
        return Q(**{f"{prefix}notice__panel__members__user": scope.user,
                    f"{prefix}notice__bid_deadline__lte": timezone.now()})

    return rows


class Bid(Stateful, AttachmentsMixin, ScopedModel):
    """An agency's bid (投标/响应文件): proposal, price, team. Only its own agency sees it before the deadline;
    the bureau and towns see bids only after it."""

    fixed_fields = ("project", "agency")

    scope_rule = ScopeRule(
        region=("project__region",),
        agency="agency",
        view=REGION_ROLES | AGENCY | EVALUATOR,
        add=AGENCY,
        change=AGENCY,
        delete=NOBODY,
        rows={
            Role.AGENCY_STAFF: _bid_rows_for_agency,
            Role.EVALUATOR: panel_seat("project__"),
            **dict.fromkeys(REGION_ROLES, _bid_rows_for_region),
        },
        where={"change": Q(status=BidStatus.SUBMITTED)},
    )
    attachment_kinds = (AttachmentKind.OTHER,)
    workflow = Workflow(
        "status",
        Transition("withdraw", _("Withdraw the bid"), roles=AGENCY, source=[BidStatus.SUBMITTED],
                   target=BidStatus.WITHDRAWN, guard=guards.before_deadline, style="danger", icon="x-lg"),
        # The award of the project settles its bids (``guards.award``).
        Transition("award", pgettext_lazy("bid status", "Awarded"), source=[BidStatus.SUBMITTED], target=BidStatus.AWARDED,
                   consequence_of="projects.Project.award", style="success", icon="award"),
        Transition("not_award", pgettext_lazy("bid status", "Not awarded"), source=[BidStatus.SUBMITTED], target=BidStatus.NOT_AWARDED,
                   consequence_of="projects.Project.award", style="secondary"),
    )

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="bids")
    agency = models.ForeignKey("wulian.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="bids")
    proposal = models.TextField(_("service proposal"), max_length=10000)
    price = MoneyField(_("price (yuan)"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )
    status = models.CharField(_("status"), max_length=15, choices=BidStatus.choices, default=BidStatus.SUBMITTED)

    objects = BidQuerySet.as_manager()

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["project", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "agency"], name="bid_one_per_agency",
                                    violation_error_message=_("This agency has already bid for this project."))
        ]

    def __str__(self):
        return f"{self.agency}（{self.project.code}）"

    def check_rules(self):
        guards.bid_rules(self)

    def total_score(self) -> Decimal | None:
        """The sum of its criterion scores (each out of the criterion's weight), None before any is given."""
        return self.scores.aggregate(total=Sum("score"))["total"]


class BidMember(ScopedModel):
    """A member of the bid's team: one of the agency's staff on record (``staff``); their name and certificate are
    read from the record (``stations.StaffMember`` and its ``Certificate``), never declared by the bid."""

    fixed_fields = ("bid",)

    scope_rule = ScopeRule(
        region=("bid__project__region",),
        agency="bid__agency",
        view=REGION_ROLES | AGENCY | EVALUATOR,
        add=AGENCY,
        change=AGENCY,
        delete=AGENCY,
        rows={
            Role.AGENCY_STAFF: lambda s: s.agency() if s.action == "view" else s.agency() & Q(
                bid__status=BidStatus.SUBMITTED, bid__project__status=S.PUBLISHED,
                bid__project__notice__bid_deadline__gt=timezone.now()),
            Role.EVALUATOR: panel_seat("bid__project__"),
            **dict.fromkeys(REGION_ROLES, lambda s: s.region() & Q(bid__project__notice__bid_deadline__lte=timezone.now())),
        },
    )

    bid = models.ForeignKey(Bid, verbose_name=_("bid"), on_delete=models.CASCADE, related_name="members")
    staff = models.ForeignKey(
        "stations.StaffMember", verbose_name=_("staff member on record"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="bid_seats",
        help_text=_("The team member from the agency's staff on record; their certificate is read from the record."),
    )
    name = models.CharField(_("full name"), max_length=50)
    certificate = models.CharField(_("certificate"), max_length=20, choices=MemberCertificate.choices,
                                   default=MemberCertificate.NONE)
    certificate_number = models.CharField(_("certificate number"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["bid", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.certificate != MemberCertificate.NONE and not self.certificate_number.strip():
            raise ValidationError({"certificate_number": _("Give the certificate number.")})

    def save(self, *args, **kwargs):
        self.from_record()
        super().save(*args, **kwargs)

    def from_record(self) -> None:
        """Name and certificate as on record: the highest certificate of the staff member, or none. A member not
        chosen from the staff on record counts as holding no certificate (``guards.certified_members``)."""
        if self.staff_id is None:
            return
        order = {level: i for i, level in enumerate(reversed(CERTIFIED))}
        held = sorted(self.staff.certificates.all(), key=lambda c: order.get(c.level, 99))
        self.name = self.staff.name
        self.certificate = held[0].level if held else MemberCertificate.NONE
        self.certificate_number = held[0].number if held else ""

    def check_rules(self):
        guards.bid_member_rules(self)


class BidScore(ScopedModel):
    """The bureau's score of one bid on one criterion (at most the criterion's weight)."""

    fixed_fields = ("bid", "criterion")

    scope_rule = ScopeRule(
        region=("bid__project__region",),
        agency="bid__agency",
        view=REGION_ROLES | AGENCY,
        add=BUREAU,
        change=BUREAU,
        delete=BUREAU,
        rows={
            # An agency sees the scores of its own bid once the award is made.
            Role.AGENCY_STAFF: lambda s: s.agency() & ~Q(bid__project__status=S.PUBLISHED) if s.action == "view" else None,
            **dict.fromkeys(REGION_ROLES, lambda s: s.region() & Q(bid__project__notice__bid_deadline__lte=timezone.now())),
        },
        where={a: Q(bid__project__status=S.PUBLISHED) for a in ("add", "change", "delete")},
    )

    bid = models.ForeignKey(Bid, verbose_name=_("bid"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scored by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bid score")
        verbose_name_plural = _("bid scores")
        ordering = ["bid", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="bidscore_one_per_criterion",
                                    violation_error_message=_("This bid is already scored on this criterion."))
        ]

    def __str__(self):
        return f"{self.bid}：{self.criterion}"

    def check_rules(self):
        guards.bid_score_rules(self)


class AgencyMark(ScopedModel):
    """An agency's project failed acceptance (不合格): shown to the bureau when it next awards a project."""

    scope_rule = _child_rule(view=REGION_ROLES | AGENCY, agency_rows=lambda s: s.agency() if s.action == "view" else None)

    agency = models.ForeignKey("wulian.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="project_marks")
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="marks")
    evaluation = models.ForeignKey("projects.Evaluation", verbose_name=_("evaluation"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    reason = models.TextField(_("reason"), max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("agency mark")
        verbose_name_plural = _("agency marks")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.agency}：{self.project.code}"
