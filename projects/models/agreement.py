"""Step 3: the service agreement and what it binds (``Agreement`` with ``amend_agreement`` and ``Amendment``,
``PerformanceTarget``, the payment ``Milestone``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wulian.choices import Role
from wulian.models import AttachmentKind, AttachmentsMixin, RemembersLoaded, ScopedModel
from wulian.workflow import Stateful, Transition, Workflow
from wulian.writes import Refused

from .. import guards
from ..choices import Measure, MilestoneStatus
from ..querysets import MilestoneQuerySet
from .base import AGENCY, BUREAU, MONEY, S, _child_rule, _own_child_rows, _while
from .project import Project


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
