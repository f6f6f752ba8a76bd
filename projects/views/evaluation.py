"""Steps 5 and 6: evaluations on the indicator sheet and their rectification items."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.views import generic
from wulian.views.generic import Inline

from .. import forms as f
from ..filtersets import EvaluationFilterSet, RectificationFilterSet
from ..models import Evaluation, Project, Rectification
from ..tables import EvaluationTable, RectificationTable
from .base import EvidenceActionView


# -- lists -----------------------------------------------------------------------------------------------------


class EvaluationListView(generic.ObjectListView):
    model = Evaluation
    queryset = Evaluation.objects.select_related("project", "project__agency")
    table_class = EvaluationTable
    filterset_class = EvaluationFilterSet


class RectificationListView(generic.ObjectListView):
    model = Rectification
    queryset = Rectification.objects.select_related("evaluation", "evaluation__project")
    table_class = RectificationTable
    filterset_class = RectificationFilterSet


# -- steps 5 and 6: evaluations and rectifications ---------------------------------------------------------------


class EvaluationDetailView(generic.ObjectDetailView):
    model = Evaluation
    queryset = Evaluation.objects.select_related("project", "sheet", "recorded_by")
    template_name = "projects/evaluation_detail.html"
    detail_fields = ["project", "kind", "sheet", "date", "score", "grade", "findings", "recorded_by"]

    def field_rows(self, obj):
        # An indicator sheet has no page of its own: its name is shown, not linked.
        return [(label, str(value) if field.name == "sheet" else value, field) for label, value, field in super().field_rows(obj)]

    def extra_context(self, obj):
        rectifications = list(Rectification.objects.restrict(self.request.user).filter(evaluation=obj).order_by("deadline", "pk"))
        for item in rectifications:
            item.overdue = item.is_overdue
        return {"score_sheet": f.ScoreSheet(obj, self.request.user), "rectifications": rectifications}


def active_sheet(project):
    """The indicator sheet in use for the project's county (the newest active version)."""
    from ..models import IndicatorSheet

    sheets = IndicatorSheet.objects.filter(is_active=True).select_related("region").order_by("-version", "-pk")
    return next((s for s in sheets if project.region.path.startswith(s.region.path)), None)


class EvaluationEditView(generic.ObjectEditView):
    """An evaluation (evaluator or bureau): findings, the score sheet on the indicator sheet, rectifications."""

    model = Evaluation
    queryset = Evaluation.objects.select_related("project", "sheet")
    form_class = f.EvaluationForm
    template_name = "projects/evaluation_edit.html"
    inlines = (Inline("rectifications", f.RectificationFormSet, gettext_lazy("Rectification items")),)

    def get_object(self):
        if "pk" in self.kwargs:
            evaluation = super().get_object()
            self.project = evaluation.project
            return evaluation
        self.check_model_permission("add")
        self.project = get_object_or_404(Project.objects.select_related("region").restrict(self.request.user, "view"), pk=self.kwargs["project"])
        kind = "acceptance" if self.project.status == "evaluating" else "midterm"
        return Evaluation(project=self.project, sheet=active_sheet(self.project), kind=kind, date=timezone.localdate())

    def form_kwargs(self):
        return {"project": self.project}

    def page_title(self, obj):
        return _("Evaluation of %(project)s") % {"project": self.project}

    def extra_context(self, obj):
        sheet = getattr(self, "score_sheet", None) or f.ScoreSheet(obj, self.request.user)
        return {"project": self.project, "score_sheet": sheet}

    def valid_together(self, form, formsets):
        self.score_sheet = f.ScoreSheet(form.instance, self.request.user, self.request.POST)
        return self.score_sheet.is_valid()

    def post(self, request, *args, **kwargs):
        if self.get_object().sheet_id is None:
            messages.error(request, _("No indicator sheet is in use; the bureau must set one up first."))
            return redirect(self.project.get_absolute_url())
        return super().post(request, *args, **kwargs)

    def save_form(self, form):
        evaluation = form.save(commit=False)
        evaluation.recorded_by = evaluation.recorded_by or self.request.user
        evaluation.save()
        return evaluation

    def save(self, form, formsets):
        """The evaluation, its rectification items and its scores on the sheet; the score computed last."""
        *rows, evaluation = super().save(form, formsets)
        scores = self.score_sheet.save(evaluation, self.request.user)
        evaluation.compute()
        return [*scores, *rows, evaluation]


class RectificationDetailView(generic.ObjectDetailView):
    model = Rectification
    queryset = Rectification.objects.select_related("evaluation", "evaluation__project", "answered_by", "closed_by")
    template_name = "projects/rectification_detail.html"
    detail_fields = ["evaluation", "description", "deadline", "status", "answer", "answered_by", "answered_at", "closed_by", "closed_at"]

    def extra_context(self, obj):
        # The agency answers through its own form (text and evidence together), not the bare transition button.
        offered = [
            (t, reverse(Rectification.url_name("action"), args=[obj.pk, t.name]))
            for t in Rectification.workflow.offered(obj, self.request.user)
        ]
        may_answer = any(t.name == "answer" for t, _url in offered)
        return {
            "transitions": [(t, url) for t, url in offered if t.name != "answer"],
            "answer_form": f.RectificationAnswerForm() if may_answer else None,
            "overdue": obj.is_overdue,
        }


class RectificationAnswerView(EvidenceActionView):
    """The agency answers a rectification item with its evidence (text, files and the transition, at once)."""

    model = Rectification
    form_class = f.RectificationAnswerForm
    transition = "answer"
    done = gettext_lazy("The answer was sent to the reviewer.")
