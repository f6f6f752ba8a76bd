"""Step 1: the project and its proposal (``Project`` with its workflow, ``NeedsSurvey``, ``Need``, ``Review``).

The project's steps are states of one explicit transition table (``Project.workflow``); each transition is an
action of the scope rule (who, on which rows) and has a guard (``projects.guards``: when).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wulian.money import MoneyField
from wulian.choices import REGION_ROLES, RegionLevel, Role
from wulian.models import AttachmentKind, AttachmentsMixin, ScopedModel, ScopeRule, next_number
from wulian.workflow import Stateful, Transition, Workflow

from .. import guards
from ..choices import (
    CANCELLABLE,
    DRAFTING,
    PUBLIC_STATES,
    BidStatus,
    EvaluationKind,
    Grade,
    Phase,
    ProjectStatus,
    ReviewDecision,
    ServiceDomain,
    SurveyMethod,
    TargetGroup,
    Urgency,
)
from ..querysets import ProjectQuerySet
from .base import (
    AGENCY,
    ALL_PROJECT_ROLES,
    BUREAU,
    EVALUATOR,
    PROPOSERS,
    S,
    _child_rule,
    _status,
    _while,
    agency_projects,
)


def _project_rows_for_agency(scope) -> Q | None:
    if scope.action == "view":
        return agency_projects(scope)
    return scope.agency()  # agency_sign, start: the agency's own contracted project


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
    budget = MoneyField(_("budget (yuan)"))
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
        # ("year", "id") walks the list's order backward: the first page reads 25 projects, not every project of
        # the scope sorted (a province's 50,000 took 90 ms, a city's 5,000 a tenth of it).
        indexes = [models.Index(fields=["status", "year"]), models.Index(fields=["year", "id"], name="project_year_id_idx")]
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
        from .tender import Notice

        Notice.objects.filter(project=self).update(published_at=timezone.now())

    def on_award(self, user, reason=""):
        guards.award(self, user, reason)

    def on_agency_sign(self, user, reason=""):
        from .agreement import Agreement

        Agreement.objects.filter(project=self).update(agency_signed_on=timezone.localdate(), agency_signer=user)

    def on_sign(self, user, reason=""):
        from .agreement import Agreement

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
        from .tender import AgencyMark

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
        from .tender import AgencyMark

        agencies = list(self.bids.exclude(status=BidStatus.WITHDRAWN).values_list("agency_id", flat=True))
        notice = getattr(self, "notice", None)
        if notice is not None and notice.direct_agency_id:
            agencies.append(notice.direct_agency_id)
        return AgencyMark.objects.filter(agency_id__in=agencies).select_related("agency", "project")


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
