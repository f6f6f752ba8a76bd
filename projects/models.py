"""Service projects (服务项目): the six steps from a community's needs assessment to the acceptance report.

1 needs (``NeedsSurvey``, ``Need``, the proposal on ``Project``; ``Review`` rounds), 2 publication (``Notice``
with its scoring ``Criterion`` rows), 3 bids and award (``Bid``, ``BidMember``, ``BidScore``; the award on
``Project``) and the agreement (``Agreement``, ``Amendment``, ``PerformanceTarget``, ``Milestone``),
4–5 service (the stations' activity log: ``stations.Activity.project``), 6 supervision and acceptance
(``IndicatorSheet``/``IndicatorItem``, ``Evaluation`` with ``EvaluationParty`` and ``ItemScore``,
``Rectification``; ``AgencyMark`` for a 不合格 result).

The project's steps are states of one explicit transition table (``Project.workflow``); each transition is an
action of the scope rule (who, on which rows) and has a guard (``projects.guards``: when). Child rows are
scoped through their project. Money is ``Decimal`` in 元 with fen precision.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q, Sum
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wulian.choices import NOBODY, REGION_ROLES, WORKER_ROLES, RegionLevel, Role
from wulian.models import AttachmentKind, AttachmentsMixin, RemembersLoaded, ScopedModel, ScopeRule, next_number
from wulian.models.base import NOTHING
from wulian.validators import validate_plausible_date
from wulian.workflow import Stateful, Transition, Workflow
from wulian.writes import Refused

from . import guards
from .choices import (
    CANCELLABLE,
    DRAFTING,
    PUBLIC_STATES,
    BidStatus,
    EvaluationKind,
    Grade,
    IndicatorGroup,
    Measure,
    MemberCertificate,
    MilestoneStatus,
    Party,
    Phase,
    ProcurementMethod,
    ProjectStatus,
    RectificationStatus,
    ReviewDecision,
    ServiceDomain,
    SurveyMethod,
    TargetGroup,
    Urgency,
)
from .querysets import (
    BidQuerySet,
    MilestoneQuerySet,
    ProjectQuerySet,
    RectificationQuerySet,
)

S = ProjectStatus
BUREAU = frozenset({Role.BUREAU_ADMIN})
AGENCY = frozenset({Role.AGENCY_STAFF})
EVALUATOR = frozenset({Role.EVALUATOR})
PROPOSERS = WORKER_ROLES  # the bureau, a town, a community record needs and proposals
ALL_PROJECT_ROLES = REGION_ROLES | AGENCY | EVALUATOR
EVERY_ROW = Q()
MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


def _status(prefix: str, states) -> Q:
    return Q(**{f"{prefix}status__in": list(states)})


# -- rows of agency staff ------------------------------------------------------------------------------------
#
# What of a project each role sees (issue 17; one declaration: ``Project.scope_rule`` with its ``parties`` and
# ``public`` fields, which the page, the API, reports, attachments, history and search all read):
#
# - the public (no login) and any agency that is no party: the public page's facts (``PUBLIC_FIELDS``);
#   an agency sees a project it is no party to only while its call for bids is open (``published``), to bid;
# - its parties see the whole project as far as each child's own rule allows: the bureau, towns and
#   communities of its area and the leader (their region), the evaluator assigned to it, and the agency
#   contracted (``Project.agency``). A bidder is a party to its own bid (and that bid's scores), not to the
#   project: once the award is made, a losing bidder reads the result on the public page;
# - nobody else: another county, another town, an unassigned evaluator, another agency — 404.


def agency_projects(scope, prefix: str = "") -> Q:
    """Projects an agency sees: its own (contracted) and every call for bids that is open."""
    agency_id = getattr(scope.user, "agency_id", None)
    if not agency_id:
        return NOTHING
    return _status(prefix, [S.PUBLISHED]) | Q(**{f"{prefix}agency_id": agency_id})


def _project_rows_for_agency(scope) -> Q | None:
    if scope.action == "view":
        return agency_projects(scope)
    return scope.agency()  # agency_sign, start: the agency's own contracted project


def _public_child_rows(prefix: str):
    """Agency rows of a child shown with the public notice (notice, criteria)."""

    def rows(scope):
        if scope.action != "view":
            return None
        return agency_projects(scope, prefix)

    return rows


def _own_child_rows(scope) -> Q | None:
    """Agency rows of a child of its own contracted project (agreement, targets, milestones, evaluations)."""
    return scope.agency()


# The fields of a project the public page shows (``projects.public``); the grade and score become public only
# once it is accepted, which no non-party viewer reaches (it sees open calls only).
PUBLIC_FIELDS = ("code", "title", "region", "domain", "target_groups", "goals", "year", "phase", "is_professional",
                 "is_micro_venture", "status", "agency", "awarded_at")


def _drafting_for_town(scope) -> Q | None:
    """Towns and communities change a proposal only while it is a draft or was returned."""
    q = scope.region()
    if scope.action in ("change", "delete"):
        return q & _status("", DRAFTING)
    return q


class Project(Stateful, AttachmentsMixin, ScopedModel):
    """A service project: the proposal of a town or community, then the notice, award, agreement, service and
    evaluation (项目). ``region`` (the town or community served) is the scope column.

    ``code`` is given on the first save when left blank: ``<county>-<year>-<three digits>`` (眉县-2023-007).
    """

    scope_rule = ScopeRule(
        region=("region",),
        agency="agency",
        evaluator="evaluator",
        view=ALL_PROJECT_ROLES,
        add=PROPOSERS,
        change=PROPOSERS,
        delete=PROPOSERS,
        rows={
            Role.AGENCY_STAFF: _project_rows_for_agency,
            Role.TOWN_STAFF: _drafting_for_town,
            Role.COMMUNITY_WORKER: _drafting_for_town,
        },
        where={
            "change": ~Q(status__in=[S.ACCEPTED, S.CANCELLED]),
            "delete": Q(status=S.DRAFT),
        },
        # An agency is a party to the project it is contracted for; the call for bids it may view besides shows
        # it only what the public page shows.
        parties={Role.AGENCY_STAFF: lambda s: s.agency()},
        public=PUBLIC_FIELDS,
        # Each transition below is an action of this rule, with the roles it names (``Transition.roles``).
    )
    attachment_kinds = (AttachmentKind.OTHER, AttachmentKind.PHOTO, AttachmentKind.SIGN_IN)
    workflow = Workflow(
        "status",
        Transition("submit", _("Submit for review"), roles=frozenset({Role.TOWN_STAFF, Role.BUREAU_ADMIN}), source=DRAFTING, target=S.SUBMITTED,
                   guard=guards.can_submit, method="on_submit", icon="send"),
        Transition("return", _("Return"), roles=BUREAU, source=[S.SUBMITTED], target=S.RETURNED, reason=True,
                   method="on_return", style="danger", icon="arrow-counterclockwise"),
        Transition("approve", _("Approve"), roles=BUREAU, source=[S.SUBMITTED], target=S.APPROVED, reason=True,
                   reason_label=_("Review opinion"), method="on_approve", style="success", icon="check2"),
        Transition("publish", _("Publish the notice"), roles=BUREAU, source=[S.APPROVED], target=S.PUBLISHED,
                   guard=guards.can_publish, method="on_publish", icon="megaphone",
                   confirm=_("Publish the notice? Agencies see it at once and its terms no longer change.")),
        Transition("award", _("Award"), roles=BUREAU, source=[S.PUBLISHED], target=S.AWARDED, reason=True,
                   guard=guards.can_award, method="on_award", style="success", icon="award"),
        Transition("agency_sign", _("Sign as the agency"), roles=AGENCY, source=[S.AWARDED], target=S.AGENCY_SIGNED,
                   guard=guards.can_agency_sign, method="on_agency_sign", icon="pen",
                   confirm=_("Sign the agreement as the agency? It binds the agency to its terms.")),
        Transition("sign", _("Sign as the bureau"), roles=BUREAU, source=[S.AGENCY_SIGNED], target=S.CONTRACTED,
                   guard=guards.can_sign, method="on_sign", style="success", icon="pen",
                   confirm=_("Sign the agreement as the bureau? It then changes only by a recorded amendment.")),
        Transition("start", _("Start the service"), roles=frozenset({Role.AGENCY_STAFF, Role.BUREAU_ADMIN}), source=[S.CONTRACTED], target=S.IN_SERVICE, icon="play"),
        Transition("request_acceptance", _("Request acceptance"), roles=BUREAU, source=[S.IN_SERVICE], target=S.EVALUATING,
                   guard=guards.can_request_acceptance, method="on_request_acceptance", icon="clipboard-check",
                   note=_("Reason for an early acceptance (needed while the service period runs and a target is not reached)"),
                   confirm=_("Request the acceptance evaluation? The evaluator is asked to score the project.")),
        Transition("accept", _("Accept the project"), roles=EVALUATOR, source=[S.EVALUATING], target=S.ACCEPTED,
                   guard=guards.can_accept, method="on_accept", style="success", icon="patch-check",
                   confirm=_("Accept the project with its score? The result is final.")),
        Transition("fail", _("Fail and return to service"), roles=EVALUATOR, source=[S.EVALUATING], target=S.IN_SERVICE,
                   reason=True, guard=guards.can_fail, method="on_fail", style="danger", icon="x-octagon"),
        Transition("cancel", _("Cancel the project"), roles=BUREAU, source=CANCELLABLE, target=S.CANCELLED, reason=True,
                   style="danger", icon="x-lg"),
    )

    code = models.CharField(
        _("project code"), max_length=40, unique=True, blank=True,
        help_text=_("E.g. 眉县-2023-007; given on saving when left blank."),
    )
    title = models.CharField(_("project title"), max_length=200)
    region = models.ForeignKey(
        "wulian.Region", verbose_name=_("town or community served"), on_delete=models.PROTECT,
        related_name="projects",
    )
    station = models.ForeignKey(
        "stations.Station", verbose_name=_("station"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="projects",
    )
    domain = models.CharField(_("service domain"), max_length=30, choices=ServiceDomain.choices, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    goals = models.TextField(_("goals"), max_length=2000, blank=True)
    expected_beneficiaries = models.PositiveIntegerField(_("expected beneficiaries"), default=0)
    budget = models.DecimalField(_("budget (yuan)"), **MONEY)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    is_professional = models.BooleanField(_("professional service project"), default=False)
    is_micro_venture = models.BooleanField(_("micro public-welfare venture"), default=False)
    phase = models.CharField(_("programme phase"), max_length=10, choices=Phase.choices, default=Phase.ROLLOUT)
    status = models.CharField(_("step"), max_length=20, choices=ProjectStatus.choices, default=S.DRAFT)
    agency = models.ForeignKey(
        "wulian.Agency", verbose_name=_("contracted agency"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="projects",
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="evaluated_projects", limit_choices_to={"role": Role.EVALUATOR},
        help_text=_("The third-party evaluator the bureau assigned."),
    )
    supervision_due = models.DateField(
        _("mid-term supervision due"), null=True, blank=True,
        help_text=_("When the mid-term supervision should have taken place."),
    )
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, blank=True)
    final_score = models.DecimalField(_("final score"), max_digits=5, decimal_places=2, null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="proposed_projects", editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    awarded_bid = models.ForeignKey(
        "projects.Bid", verbose_name=_("awarded bid"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    award_reason = models.TextField(_("reasons for the award"), max_length=2000, blank=True)
    awarded_at = models.DateTimeField(_("awarded at"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("service project")
        verbose_name_plural = _("service projects")
        ordering = ["-year", "-pk"]
        indexes = [models.Index(fields=["status", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_start__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
                name="project_ends_after_start",
                violation_error_message=_("The planned end is before the planned start."),
            ),
        ]

    def get_public_url(self) -> str:
        """The project's page on the public site (what a viewer who is no party may read of it)."""
        from django.urls import reverse

        return reverse("public_projects:detail", args=[self.pk])

    def __str__(self):
        return f"{self.code} {self.title}" if self.code else self.title

    # -- saving ----------------------------------------------------------------------------------------------

    def save(self, *args, **kwargs):
        if not self.code and self.region_id and self.year:
            with transaction.atomic():  # the number and the row commit together: no gap, no duplicate
                self.code = self.next_code()
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)

    def next_code(self) -> str:
        county_path = self.region.ancestor_path(RegionLevel.COUNTY)
        county = type(self.region).objects.filter(path=county_path).first() if county_path else None
        prefix = f"{(county or self.region).name}-{self.year}-"

        def used() -> int:  # codes given before the counter existed
            taken = Project.objects.filter(code__startswith=prefix).values_list("code", flat=True)
            return max((int(c[len(prefix):]) for c in taken if c[len(prefix):].isdigit()), default=0)

        # A counter row locked until the project is saved (wulian.models.sequences): no two projects share a code.
        with transaction.atomic():
            number = next_number(f"projects:code:{(county or self.region).pk}", self.year, start=used)
        return f"{prefix}{number:03d}"

    def clean(self):
        super().clean()
        errors = {}
        if self.region_id and self.region.level not in (RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.COMMUNITY):
            errors["region"] = _("Choose a county, town, street or community.")
        if not isinstance(self.target_groups or [], list):
            errors["target_groups"] = _("Unknown target group: %s") % str(self.target_groups)[:50]
        else:
            unknown = [str(c) for c in self.target_groups or [] if c not in TargetGroup.values]
            if unknown:
                errors["target_groups"] = _("Unknown target group: %s") % "、".join(unknown[:10])[:200]
            elif len(set(self.target_groups or [])) != len(self.target_groups or []):
                errors["target_groups"] = _("Each target group is named once.")
        if self.evaluator_id and self.evaluator.role != Role.EVALUATOR:
            errors["evaluator"] = _("Choose a user with the evaluator role.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What the award decided stays as decided (the award transition writes it; nothing edits it after).
        if "status" in instance.__dict__ and instance.status not in (*DRAFTING, S.SUBMITTED, S.APPROVED, S.PUBLISHED):
            instance._fixed = {**getattr(instance, "_fixed", {}), **{
                name: instance.__dict__.get(cls._meta.get_field(name).attname)
                for name in ("awarded_bid", "award_reason", "agency")}}
        return instance

    def check_rules(self):
        guards.project_rules(self)

    # -- methods called by the transitions -------------------------------------------------------------------

    def on_submit(self, user, reason=""):
        self.submitted_at = timezone.now()
        if self.proposed_by_id is None:
            self.proposed_by = user
        from wulian.notifications import notify_role

        with translation.override(settings.LANGUAGE_CODE):
            notify_role(Role.BUREAU_ADMIN, self.region, _("To review: %(project)s") % {"project": self.title},
                        _("%(region)s submitted a project proposal for review.") % {"region": self.region.name},
                        link=self.get_url("detail") or "", key=f"projects:review:{self.pk}", within=False)

    def _tell(self, person, title, body="", key=""):
        """Notify one person of this project (title and body built lazily, in the portal's language)."""
        from wulian.notifications import notify

        if person is not None:
            with translation.override(settings.LANGUAGE_CODE):
                notify(person, str(title), str(body), link=self.get_url("detail") or "", key=key)

    def _review(self, user, decision, opinion):
        last = self.reviews.aggregate(n=models.Max("round"))["n"] or 0
        Review.objects.create(project=self, round=last + 1, decision=decision, opinion=opinion, reviewer=user)

    def on_return(self, user, reason=""):
        self._review(user, ReviewDecision.RETURN, reason)
        self._tell(self.proposed_by, format_lazy(_("Returned: {}"), self.title), reason,
                   key=f"projects:review:{self.pk}")
        # The town that submitted it hears too (issue 23 E), not only the community that proposed it.
        from wulian.notifications import notify_role

        with translation.override(settings.LANGUAGE_CODE):
            notify_role(Role.TOWN_STAFF, self.region, format_lazy(_("Returned: {}"), self.title), reason,
                        link=self.get_url("detail") or "", key=f"projects:review:{self.pk}", within=False)

    def on_approve(self, user, reason=""):
        self._review(user, ReviewDecision.APPROVE, reason)

    def on_publish(self, user, reason=""):
        Notice.objects.filter(project=self).update(published_at=timezone.now())

    def on_award(self, user, reason=""):
        guards.award(self, user, reason)

    def on_agency_sign(self, user, reason=""):
        Agreement.objects.filter(project=self).update(agency_signed_on=timezone.localdate(), agency_signer=user)

    def on_sign(self, user, reason=""):
        now = timezone.now()
        Agreement.objects.filter(project=self).update(
            bureau_signed_on=timezone.localdate(), bureau_signer=user, published_at=now
        )

    def on_request_acceptance(self, user, reason=""):
        guards.acceptance_due(self, reason)
        self._tell(self.evaluator, format_lazy(_("To evaluate: {}"), self.title),
                   _("The bureau requests the acceptance evaluation of this project."),
                   key=f"projects:acceptance:{self.pk}")

    def on_accept(self, user, reason=""):
        evaluation = self.acceptance_evaluation()
        self.final_score, self.grade = evaluation.score, evaluation.grade
        self.accepted_at = timezone.now()

    def on_fail(self, user, reason=""):
        evaluation = self.acceptance_evaluation()
        self.final_score, self.grade = evaluation.score, Grade.FAIL
        AgencyMark.objects.create(agency_id=self.agency_id, project=self, evaluation=evaluation, reason=reason,
                                  created_by=user)

    # -- reading ---------------------------------------------------------------------------------------------

    def acceptance_evaluation(self):
        return self.evaluations.filter(kind=EvaluationKind.ACCEPTANCE).order_by("-date", "-pk").first()

    def get_target_groups_display(self) -> str:
        labels = dict(TargetGroup.choices)
        return "、".join(str(labels.get(code, code)) for code in self.target_groups or [])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATES

    def bidder_marks(self):
        """不合格 marks of the agencies bidding for (or chosen for) this project: shown to the bureau when it
        awards, so a failed acceptance weighs on the next award."""
        agencies = list(self.bids.exclude(status=BidStatus.WITHDRAWN).values_list("agency_id", flat=True))
        notice = getattr(self, "notice", None)
        if notice is not None and notice.direct_agency_id:
            agencies.append(notice.direct_agency_id)
        return AgencyMark.objects.filter(agency_id__in=agencies).select_related("agency", "project")


def _child_rule(*, view=ALL_PROJECT_ROLES, add=NOBODY, change=NOBODY, delete=NOBODY, prefix="project__",
                agency_rows=None, where=None, actions=None, **kwargs) -> ScopeRule:
    rows = kwargs.pop("rows", {})
    if agency_rows is not None:
        rows = {Role.AGENCY_STAFF: agency_rows, **rows}
    return ScopeRule(
        region=(f"{prefix}region",),
        agency=f"{prefix}agency",
        evaluator=f"{prefix}evaluator",
        view=view, add=add, change=change, delete=delete,
        rows=rows, where=where or {}, actions=actions or {}, **kwargs,
    )


def _while(prefix: str, *states) -> Q:
    return _status(prefix, states)


# -- step 1: needs and review ----------------------------------------------------------------------------------

PROPOSAL_EDITS = {a: _while("project__", *DRAFTING) for a in ("add", "change", "delete")}


class NeedsSurvey(ScopedModel):
    """A visit, questionnaire or forum of the needs assessment (需求调研)."""

    fixed_fields = ("project",)

    scope_rule = _child_rule(add=PROPOSERS, change=PROPOSERS, delete=PROPOSERS, where=PROPOSAL_EDITS)

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="surveys")
    date = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=20, choices=SurveyMethod.choices)
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_method_display()} {self.date:%Y-%m-%d}"


class Need(ScopedModel):
    """A need of residents found by the assessment: which group, how many people, how urgent."""

    fixed_fields = ("project",)

    scope_rule = _child_rule(add=PROPOSERS, change=PROPOSERS, delete=PROPOSERS, where=PROPOSAL_EDITS)

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="needs")
    target_group = models.CharField(_("target group"), max_length=30, choices=TargetGroup.choices, blank=True)
    count = models.PositiveIntegerField(_("people"), default=0)
    domain = models.CharField(_("service domain"), max_length=30, choices=ServiceDomain.choices, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM)
    description = models.TextField(_("description"), max_length=1000)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["pk"]

    def __str__(self):
        return self.description[:40]


class Review(ScopedModel):
    """One round of the county hub's review of a proposal; written by ``approve`` and ``return``, every round kept."""

    scope_rule = _child_rule(view=REGION_ROLES)

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveSmallIntegerField(_("round"))
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    opinion = models.TextField(_("opinion"), max_length=2000, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["project", "round"]
        constraints = [
            models.UniqueConstraint(fields=["project", "round"], name="review_one_per_round",
                                    violation_error_message=_("This round of review is already recorded."))
        ]

    def __str__(self):
        return f"{self.project} #{self.round}"


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
    budget_ceiling = models.DecimalField(_("budget ceiling (yuan)"), **MONEY)
    method = models.CharField(_("procurement method"), max_length=30, choices=ProcurementMethod.choices)
    min_certified_workers = models.PositiveSmallIntegerField(
        _("certified social workers required"), default=1,
        help_text=_("A bidding team must include at least this many certified social workers."),
    )
    qualifications = models.TextField(_("qualification requirements"), max_length=2000, blank=True)
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
        from .choices import DIRECT_METHODS

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


class Bid(Stateful, AttachmentsMixin, ScopedModel):
    """An agency's bid (投标/响应文件): proposal, price, team. Only its own agency sees it before the deadline;
    the bureau and towns see bids only after it."""

    fixed_fields = ("project", "agency")

    scope_rule = ScopeRule(
        region=("project__region",),
        agency="agency",
        view=REGION_ROLES | AGENCY,
        add=AGENCY,
        change=AGENCY,
        delete=NOBODY,
        rows={
            Role.AGENCY_STAFF: _bid_rows_for_agency,
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
    price = models.DecimalField(_("price (yuan)"), **MONEY)
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
    """A member of the bid's team, with their social work certificate."""

    fixed_fields = ("bid",)

    scope_rule = ScopeRule(
        region=("bid__project__region",),
        agency="bid__agency",
        view=REGION_ROLES | AGENCY,
        add=AGENCY,
        change=AGENCY,
        delete=AGENCY,
        rows={
            Role.AGENCY_STAFF: lambda s: s.agency() if s.action == "view" else s.agency() & Q(
                bid__status=BidStatus.SUBMITTED, bid__project__status=S.PUBLISHED,
                bid__project__notice__bid_deadline__gt=timezone.now()),
            **dict.fromkeys(REGION_ROLES, lambda s: s.region() & Q(bid__project__notice__bid_deadline__lte=timezone.now())),
        },
    )

    bid = models.ForeignKey(Bid, verbose_name=_("bid"), on_delete=models.CASCADE, related_name="members")
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


# -- step 3: the agreement -------------------------------------------------------------------------------------

AGREEMENT_EDITS = {a: _while("project__", S.AWARDED) for a in ("add", "change", "delete")}


class Agreement(RemembersLoaded, ScopedModel):
    """The service agreement (服务协议): amount ≤ ceiling, period ≤ 1 year (≤ 3 for a stable service), deliverables,
    the stations the agency works in (进驻). Once signed by both sides it changes only by an ``Amendment``."""

    fixed_fields = ("project",)

    scope_rule = _child_rule(add=BUREAU, change=BUREAU, delete=BUREAU, where=AGREEMENT_EDITS,
                             agency_rows=_own_child_rows)

    project = models.OneToOneField(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                   related_name="agreement")
    number = models.CharField(_("agreement number"), max_length=50, unique=True)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"))
    stable_service = models.BooleanField(
        _("stable, continuing service"), default=False,
        help_text=_("A service of continuing, stable need may run up to three years (财政部令第102号 art. 24)."),
    )
    deliverables = models.TextField(_("deliverables"), max_length=5000)
    stations = models.ManyToManyField("stations.Station", verbose_name=_("stations served (进驻)"), blank=True,
                                      related_name="project_agreements")
    agency_signed_on = models.DateField(_("signed by the agency on"), null=True, blank=True, editable=False)
    agency_signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed for the agency by"),
                                      on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                      editable=False)
    bureau_signed_on = models.DateField(_("signed by the bureau on"), null=True, blank=True, editable=False)
    bureau_signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed for the bureau by"),
                                      on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                      editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="agreement_ends_after_start",
                                   violation_error_message=_("The agreement ends before it starts."))
        ]

    def __str__(self):
        return self.number

    # What the parties sign: changed after signing only through ``amend``.
    SIGNED_FIELDS = ("number", "amount", "start", "end", "stable_service", "deliverables")

    @classmethod
    def remembered(cls) -> tuple[str, ...]:
        return (*super().remembered(), "agency_signed_on", *cls.SIGNED_FIELDS)

    @property
    def _original(self) -> dict | None:
        """As loaded: whether the agency had signed, and the signed fields (``guards.agreement_rules``)."""
        loaded = self.loaded_values
        if loaded is None:
            return None
        return {"signed": bool(loaded.get("agency_signed_on")),
                "values": {name: loaded[name] for name in self.SIGNED_FIELDS if name in loaded}}

    @property
    def is_signed(self) -> bool:
        return bool(self.agency_signed_on and self.bureau_signed_on)

    def check_rules(self):
        guards.agreement_rules(self)

    def amend(self, user, changes: dict, reason: str, summary: str = "") -> Amendment:
        """Change a signed agreement: apply ``changes`` (field → new value) and record the amendment (call it
        inside ``write``, which checks the changed agreement's rules)."""
        if not (reason or "").strip():
            raise Refused(_("Give the reason for the amendment."), field="reason")
        unknown = [name for name in changes if name not in ("amount", "start", "end", "deliverables")]
        if unknown:
            raise Refused(_("These fields are not changed by an amendment: %s") % "、".join(unknown))
        recorded = {}
        for name, value in changes.items():
            before = getattr(self, name)
            if before != value:
                recorded[name] = [str(before), str(value)]
                setattr(self, name, value)
        if not recorded:
            raise Refused(_("The amendment changes nothing."))
        self._amending = True
        self.save()
        label = summary or "；".join(
            f"{self._meta.get_field(name).verbose_name}：{a} → {b}" for name, (a, b) in recorded.items()
        )
        return Amendment.objects.create(agreement=self, summary=label, changes=recorded, reason=reason, by=user)


def amend_agreement(user, pk, changes: dict, reason: str, summary: str = "") -> Amendment:
    """Change the signed agreement ``pk`` by an amendment, for a user who may record amendments on it (the
    bureau of its area, while the project runs): locked, checked and recorded in one transaction."""
    from django.core.exceptions import PermissionDenied

    from wulian.models.base import user_can
    from wulian.workflow import locked
    from wulian.writes import write

    if not user_can(user, Amendment, "add"):
        raise PermissionDenied

    def save():
        agreement = locked(Agreement, user, pk, "view")
        if agreement.project.status not in (S.CONTRACTED, S.IN_SERVICE, S.EVALUATING):
            raise Refused(_("Only an agreement in force is amended."))
        return [agreement, agreement.amend(user, changes, reason, summary)]

    return write(user, "view", save)[1]


class Amendment(ScopedModel):
    """A recorded change of a signed agreement: what changed, why, by whom."""

    fixed_fields = ("agreement",)

    scope_rule = _child_rule(
        prefix="agreement__project__", add=BUREAU, agency_rows=_own_child_rows,
        where={"add": Q(agreement__project__status__in=[S.CONTRACTED, S.IN_SERVICE, S.EVALUATING])},
    )

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.PROTECT,
                                  related_name="amendments")
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("what changes"), max_length=2000)
    changes = models.JSONField(_("fields changed"), default=dict, blank=True,
                               help_text=_("Field name → [before, after]."))
    reason = models.TextField(_("reason"), max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
                           null=True, blank=True, related_name="+", editable=False)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["agreement", "date", "pk"]

    def __str__(self):
        return f"{self.agreement}：{self.date:%Y-%m-%d}"


class PerformanceTarget(ScopedModel):
    """A performance target of the agreement (绩效目标): an indicator with a target value and how progress is
    counted from the project's entries in the stations' activity log (``projects.progress``).

    ``min_participants``: an entry counts toward an entry-counting measure only with at least this many
    participants ("≥ 200 people").
    """

    fixed_fields = ("project",)

    scope_rule = _child_rule(add=BUREAU, change=BUREAU, delete=BUREAU, where=AGREEMENT_EDITS,
                             agency_rows=_own_child_rows)

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=10, decimal_places=1,
                                       validators=[MinValueValidator(Decimal("0.1"))])
    measure = models.CharField(_("counted from"), max_length=20, choices=Measure.choices, default=Measure.MANUAL)
    min_participants = models.PositiveIntegerField(_("minimum participants per entry"), null=True, blank=True)
    manual_value = models.DecimalField(_("value reached (by hand)"), max_digits=10, decimal_places=1, null=True,
                                       blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("performance target")
        verbose_name_plural = _("performance targets")
        ordering = ["project", "order", "pk"]

    def __str__(self):
        return self.indicator


def _milestone_rows_for_agency(scope) -> Q | None:
    return scope.agency()


class Milestone(Stateful, AttachmentsMixin, ScopedModel):
    """A payment milestone of the agreement, with its condition. The agency reports it met with evidence (an
    attachment); the bureau confirms or rejects. The amounts of a project's milestones total the agreement."""

    fixed_fields = ("project",)

    scope_rule = _child_rule(
        add=BUREAU, change=BUREAU, delete=BUREAU, agency_rows=_milestone_rows_for_agency,
        where=AGREEMENT_EDITS,
    )
    attachment_kinds = (AttachmentKind.OTHER, AttachmentKind.PHOTO, AttachmentKind.SIGN_IN)
    workflow = Workflow(
        "status",
        Transition("report", _("Report as met"), roles=AGENCY, source=[MilestoneStatus.SCHEDULED, MilestoneStatus.NOT_MET],
                   target=MilestoneStatus.REPORTED, guard=guards.milestone_can_report, method="on_report",
                   icon="flag"),
        Transition("confirm", _("Confirm"), roles=BUREAU, source=[MilestoneStatus.REPORTED], target=MilestoneStatus.MET,
                   guard=guards.milestone_can_confirm, method="on_confirm", style="success", icon="check2"),
        Transition("reject", _("Reject"), roles=BUREAU, source=[MilestoneStatus.REPORTED], target=MilestoneStatus.NOT_MET,
                   reason=True, style="danger", icon="x-lg"),
    )

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="milestones")
    name = models.CharField(_("milestone"), max_length=100)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    due_on = models.DateField(_("due on"))
    condition = models.TextField(_("condition"), max_length=1000)
    status = models.CharField(_("status"), max_length=15, choices=MilestoneStatus.choices,
                              default=MilestoneStatus.SCHEDULED)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+", editable=False)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"),
                                     on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                     editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("payment milestone")
        verbose_name_plural = _("payment milestones")
        ordering = ["project", "due_on", "pk"]

    def __str__(self):
        return self.name

    def check_rules(self):
        guards.milestone_rules(self)

    def on_report(self, user, reason=""):
        from wulian.notifications import notify_role

        self.reported_by, self.reported_at = user, timezone.now()
        project = self.project
        with translation.override(settings.LANGUAGE_CODE):
            notify_role(Role.BUREAU_ADMIN, project.region,
                        _("Milestone to confirm: %(project)s") % {"project": project.title},
                        _("%(agency)s reports “%(milestone)s” met.") % {"agency": project.agency, "milestone": self.name},
                        link=project.get_url("detail") or "", key=f"projects:milestone:{self.pk}", within=False)

    def on_confirm(self, user, reason=""):
        self.confirmed_by, self.confirmed_at = user, timezone.now()


# -- step 6: indicator sheets and evaluations ------------------------------------------------------------------


def _everyone_views(scope) -> Q | None:
    return EVERY_ROW if scope.action == "view" else None


class IndicatorSheet(RemembersLoaded, ScopedModel):
    """An indicator sheet (评估指标体系) of a county: items whose maximum scores total 100, and the score bands of
    the grades. A sheet used by an evaluation is never edited in place: ``new_version()`` copies it."""

    scope_rule = ScopeRule(
        region=("region",),
        view=ALL_PROJECT_ROLES,
        add=BUREAU,
        change=BUREAU,
        delete=BUREAU,
        rows={
            Role.AGENCY_STAFF: _everyone_views, Role.EVALUATOR: _everyone_views,
            Role.TOWN_STAFF: _everyone_views, Role.COMMUNITY_WORKER: _everyone_views,
            Role.LEADER: _everyone_views,
        },
    )

    region = models.ForeignKey("wulian.Region", verbose_name=_("county"), on_delete=models.PROTECT,
                               related_name="indicator_sheets")
    name = models.CharField(_("name"), max_length=100)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_active = models.BooleanField(_("in use for new evaluations"), default=True)
    excellent_min = models.DecimalField(_("excellent from"), max_digits=5, decimal_places=2, default=Decimal("90"))
    good_min = models.DecimalField(_("good from"), max_digits=5, decimal_places=2, default=Decimal("80"))
    pass_min = models.DecimalField(_("pass from"), max_digits=5, decimal_places=2, default=Decimal("60"))

    class Meta:
        verbose_name = _("indicator sheet")
        verbose_name_plural = _("indicator sheets")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name", "version"], name="indicatorsheet_unique_version",
                                    violation_error_message=_("This version of the sheet already exists.")),
            models.CheckConstraint(
                condition=Q(excellent_min__gt=models.F("good_min"), good_min__gt=models.F("pass_min"),
                            pass_min__gt=0, excellent_min__lte=100),
                name="indicatorsheet_bands_ordered",
                violation_error_message=_("The bands must rise: pass < good < excellent ≤ 100."),
            ),
        ]

    def __str__(self):
        return f"{self.name}（第{self.version}版）"

    @property
    def _loaded_from_db(self) -> bool:
        return self.loaded_values is not None

    @property
    def is_used(self) -> bool:
        return self.evaluations.exists()

    def total_max(self) -> Decimal:
        return self.items.aggregate(t=Sum("max_score"))["t"] or Decimal("0")

    def grade_for(self, score: Decimal | None) -> str:
        if score is None:
            return ""
        if score >= self.excellent_min:
            return Grade.EXCELLENT
        if score >= self.good_min:
            return Grade.GOOD
        if score >= self.pass_min:
            return Grade.PASS
        return Grade.FAIL

    def check_rules(self):
        guards.sheet_rules(self)

    def new_version(self, user=None) -> IndicatorSheet:
        """A copy of the sheet with the next version number and its items (the old one stays as it was)."""
        last = IndicatorSheet.objects.filter(region_id=self.region_id, name=self.name).aggregate(
            v=models.Max("version"))["v"] or self.version
        copy = IndicatorSheet.objects.create(
            region_id=self.region_id, name=self.name, version=last + 1, is_active=True,
            excellent_min=self.excellent_min, good_min=self.good_min, pass_min=self.pass_min,
        )
        IndicatorItem.objects.bulk_create(
            [IndicatorItem(sheet=copy, group=i.group, content=i.content, standard=i.standard, evidence=i.evidence,
                           max_score=i.max_score, order=i.order) for i in self.items.all()]
        )
        IndicatorSheet.objects.filter(pk=self.pk).update(is_active=False)
        return copy


class IndicatorItem(ScopedModel):
    """An item of an indicator sheet under a first-level indicator (一级指标)."""

    fixed_fields = ("sheet",)

    scope_rule = ScopeRule(
        region=("sheet__region",),
        view=ALL_PROJECT_ROLES,
        add=BUREAU,
        change=BUREAU,
        delete=BUREAU,
        rows=IndicatorSheet.scope_rule.rows,
    )

    sheet = models.ForeignKey(IndicatorSheet, verbose_name=_("indicator sheet"), on_delete=models.CASCADE,
                              related_name="items")
    group = models.CharField(_("first-level indicator"), max_length=20, choices=IndicatorGroup.choices)
    content = models.CharField(_("content"), max_length=200)
    standard = models.TextField(_("standard"), max_length=1000, blank=True)
    evidence = models.TextField(_("evidence required"), max_length=1000, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=5, decimal_places=2,
                                    validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator item")
        verbose_name_plural = _("indicator items")
        ordering = ["sheet", "order", "pk"]

    def __str__(self):
        return self.content

    def check_rules(self):
        guards.sheet_item_rules(self)


EVALUATORS = frozenset({Role.BUREAU_ADMIN, Role.EVALUATOR})
EVALUATION_EDITS = {a: _while("project__", S.IN_SERVICE, S.EVALUATING) for a in ("add", "change", "delete")}


def _evaluation_rows_for_agency(scope) -> Q | None:
    return scope.agency() if scope.action == "view" else None


class Evaluation(ScopedModel):
    """A mid-term supervision (中期督导) or the acceptance evaluation (评估验收), scored on one version of an
    indicator sheet by one or more parties. ``score`` = Σ weight × party total / 100; ``grade`` from the bands."""

    fixed_fields = ("project", "kind", "sheet")
    # One supervision (or acceptance) of a project a day: a repeated creation answers the first (``wulian.api``).
    idempotent_on = ("project", "kind", "date")

    scope_rule = _child_rule(add=EVALUATORS, change=EVALUATORS, delete=EVALUATORS, where=EVALUATION_EDITS,
                             agency_rows=_evaluation_rows_for_agency)

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT,
                                related_name="evaluations")
    kind = models.CharField(_("kind"), max_length=15, choices=EvaluationKind.choices)
    sheet = models.ForeignKey(IndicatorSheet, verbose_name=_("indicator sheet"), on_delete=models.PROTECT,
                              related_name="evaluations")
    date = models.DateField(_("date"), default=timezone.localdate)
    findings = models.TextField(_("findings"), max_length=5000, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, blank=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    editable=False)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["project", "date", "pk"]

    def __str__(self):
        return f"{self.project.code} {self.get_kind_display()} {self.date:%Y-%m-%d}"

    def check_rules(self):
        guards.evaluation_rules(self)

    def compute(self, save: bool = True):
        """Score and grade from the parties' item scores (None while a party or an item is unscored)."""
        from .scoring import evaluation_score

        self.score = evaluation_score(self)
        self.grade = self.sheet.grade_for(self.score)
        if save and self.pk:
            Evaluation.objects.filter(pk=self.pk).update(score=self.score, grade=self.grade)
        return self.score


class EvaluationParty(ScopedModel):
    """A party scoring an evaluation (third party, buyer, supervisor) with its weight; weights total 100."""

    fixed_fields = ("evaluation",)

    scope_rule = _child_rule(prefix="evaluation__project__", add=EVALUATORS, change=EVALUATORS, delete=EVALUATORS,
                             agency_rows=_evaluation_rows_for_agency,
                             where={a: _while("evaluation__project__", S.IN_SERVICE, S.EVALUATING)
                                    for a in ("add", "change", "delete")})

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE,
                                   related_name="parties")
    party = models.CharField(_("party"), max_length=15, choices=Party.choices)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)])
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("scorer"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("scoring party")
        verbose_name_plural = _("scoring parties")
        ordering = ["evaluation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "party"], name="evaluationparty_one_per_party",
                                    violation_error_message=_("This party already scores this evaluation."))
        ]

    def __str__(self):
        return self.get_party_display()

    def check_rules(self):
        guards.party_rules(self)


class ItemScore(ScopedModel):
    """A party's score on one item of the sheet (at most the item's maximum)."""

    fixed_fields = ("party", "item")

    scope_rule = _child_rule(prefix="party__evaluation__project__", add=EVALUATORS, change=EVALUATORS,
                             delete=EVALUATORS, agency_rows=_evaluation_rows_for_agency,
                             where={a: _while("party__evaluation__project__", S.IN_SERVICE, S.EVALUATING)
                                    for a in ("add", "change", "delete")})

    party = models.ForeignKey(EvaluationParty, verbose_name=_("party"), on_delete=models.CASCADE,
                              related_name="scores")
    item = models.ForeignKey(IndicatorItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="scores")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        ordering = ["party", "item__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["party", "item"], name="itemscore_one_per_item",
                                    violation_error_message=_("This item is already scored by this party.")),
        ]

    def __str__(self):
        return f"{self.item}：{self.score}"

    def check_rules(self):
        guards.item_score_rules(self)


def _rectification_rows_for_agency(scope) -> Q | None:
    return scope.agency()


class Rectification(Stateful, AttachmentsMixin, ScopedModel):
    """A rectification item (整改事项) of an evaluation, with its deadline. The agency answers it with evidence;
    the reviewer (the bureau or the evaluator) closes or reopens it; the bureau may waive it with a reason."""

    fixed_fields = ("evaluation",)

    scope_rule = _child_rule(
        prefix="evaluation__project__", add=EVALUATORS, change=EVALUATORS, delete=EVALUATORS,
        agency_rows=_rectification_rows_for_agency,
        where={"add": _while("evaluation__project__", S.IN_SERVICE, S.EVALUATING),
               "change": Q(status=RectificationStatus.OPEN) & _while("evaluation__project__", S.IN_SERVICE, S.EVALUATING),
               "delete": Q(status=RectificationStatus.OPEN) & _while("evaluation__project__", S.IN_SERVICE, S.EVALUATING)},
    )
    attachment_kinds = (AttachmentKind.OTHER, AttachmentKind.PHOTO)
    workflow = Workflow(
        "status",
        Transition("answer", _("Answer"), roles=AGENCY, source=[RectificationStatus.OPEN], target=RectificationStatus.ANSWERED,
                   reason=True, method="on_answer", icon="reply"),
        Transition("close", _("Close"), roles=EVALUATORS, source=[RectificationStatus.ANSWERED], target=RectificationStatus.CLOSED,
                   method="on_close", style="success", icon="check2"),
        Transition("reopen", _("Reopen"), roles=EVALUATORS, source=[RectificationStatus.ANSWERED, RectificationStatus.CLOSED],
                   target=RectificationStatus.OPEN, reason=True, style="danger", icon="arrow-counterclockwise"),
        Transition("waive", _("Waive"), roles=BUREAU, source=[RectificationStatus.OPEN, RectificationStatus.ANSWERED],
                   target=RectificationStatus.WAIVED, reason=True, method="on_close", style="secondary",
                   icon="slash-circle"),
    )

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE,
                                   related_name="rectifications")
    description = models.TextField(_("what must be rectified"), max_length=1000)
    deadline = models.DateField(_("rectification deadline"))
    status = models.CharField(_("status"), max_length=10, choices=RectificationStatus.choices,
                              default=RectificationStatus.OPEN)
    answer = models.TextField(_("answer"), max_length=2000, blank=True, editable=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+", editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+", editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    objects = RectificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        ordering = ["evaluation", "deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return self.description[:40]

    @property
    def is_overdue(self) -> bool:
        return self.status in (RectificationStatus.OPEN, RectificationStatus.ANSWERED) and (
            self.deadline < timezone.localdate()
        )

    def check_rules(self):
        guards.rectification_rules(self)

    def on_answer(self, user, reason=""):
        self.answer, self.answered_by, self.answered_at = reason, user, timezone.now()
        project = self.evaluation.project
        with translation.override(settings.LANGUAGE_CODE):
            body = _("%(agency)s answered “%(item)s”: %(answer)s") % {
                "agency": project.agency, "item": self.description[:60], "answer": reason}
        project._tell(project.evaluator, format_lazy(_("Rectification answered: {}"), project.title), body,
                      key=f"projects:rectification:{self.pk}")

    def save(self, *args, **kwargs):
        new = self._state.adding
        super().save(*args, **kwargs)
        if new:  # the agency hears of a new item at once (issue 23 E)
            from django.utils import formats

            from wulian.models import User

            project = self.evaluation.project
            with translation.override(settings.LANGUAGE_CODE):
                body = _("%(item)s (deadline %(deadline)s)") % {
                    "item": self.description, "deadline": formats.date_format(self.deadline, "DATE_FORMAT")}
            for person in User.objects.filter(role=Role.AGENCY_STAFF, agency_id=project.agency_id, is_active=True):
                project._tell(person, format_lazy(_("Rectification item: {}"), project.title), body,
                              key=f"projects:rectification:{self.pk}")

    def on_close(self, user, reason=""):
        self.closed_by, self.closed_at = user, timezone.now()


__all__ = [
    "Agreement", "Amendment", "AgencyMark", "Bid", "BidMember", "BidScore", "Criterion", "Evaluation",
    "EvaluationParty", "IndicatorItem", "IndicatorSheet", "ItemScore", "Milestone", "Need", "NeedsSurvey",
    "Notice", "PerformanceTarget", "Project", "Rectification", "Refused", "Review", "amend_agreement",
]
