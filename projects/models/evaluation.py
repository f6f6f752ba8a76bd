"""Step 6: supervision and acceptance (``IndicatorSheet``/``IndicatorItem``, ``Evaluation`` with
``EvaluationParty`` and ``ItemScore``, ``Rectification``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wulian.choices import Role
from wulian.models import AttachmentKind, AttachmentsMixin, RemembersLoaded, ScopedModel, ScopeRule
from wulian.workflow import Stateful, Transition, Workflow

from .. import guards
from ..choices import EvaluationKind, Grade, IndicatorGroup, Party, RectificationStatus
from ..querysets import RectificationQuerySet
from .base import AGENCY, ALL_PROJECT_ROLES, BUREAU, EVERY_ROW, S, _child_rule, _while
from .project import Project


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
        from ..scoring import evaluation_score

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
    scorer_name = models.CharField(_("scorer's name"), max_length=50, blank=True,
                                   help_text=_("The person who scores for this party and signs the report."))

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

    @property
    def scorer_label(self) -> str:
        """Who scored for this party: the name the party gave, else the account that entered its scores."""
        return self.scorer_name or (self.scorer.display_name if self.scorer_id else "")

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
