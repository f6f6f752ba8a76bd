"""Pages of the service projects: the six steps, each done by the person who does it in real life.

Lists and the project page are the generic views; the pages of one step of one project (the proposal with
its surveys and needs, the notice with its criteria, a bid with its team, the scoring sheet and award, the
agreement with its targets and milestones, an evaluation on the indicator sheet) are small views that find
the project through ``restrict`` (404 outside scope), save through the one write path (``wulian.writes``) and
take transitions through ``wulian.workflow.perform`` — never a second way round the rules.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian import writes
from wulian.attachments import save_attachments
from wulian.models import AttachmentKind
from wulian.models.base import user_can
from wulian.views import generic
from wulian.views.generic import Inline
from wulian.workflow import perform

from . import forms as f
from .filtersets import BidFilterSet, EvaluationFilterSet, ProjectFilterSet, RectificationFilterSet
from .models import (
    Agreement,
    Bid,
    BidScore,
    Evaluation,
    Milestone,
    Notice,
    Project,
    Rectification,
)
from .tables import BidTable, EvaluationTable, ProjectTable, RectificationTable
from .pages import project_page_context

# -- lists -----------------------------------------------------------------------------------------------------


class ProjectListView(generic.ObjectListView):
    model = Project
    queryset = Project.objects.select_related("region", "agency")
    table_class = ProjectTable
    filterset_class = ProjectFilterSet
    period_field = "planned_start"


class BidListView(generic.ObjectListView):
    model = Bid
    queryset = Bid.objects.select_related("project", "agency")
    table_class = BidTable
    filterset_class = BidFilterSet
    action_buttons = ("export",)


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


# -- the project page -------------------------------------------------------------------------------------------


class ProjectDetailView(generic.ObjectDetailView):
    model = Project
    queryset = Project.objects.select_related("region", "station", "agency", "evaluator", "proposed_by")
    template_name = "projects/project_detail.html"
    detail_fields = [
        "code",
        "region",
        "station",
        "domain",
        "goals",
        "expected_beneficiaries",
        "budget",
        "planned_start",
        "planned_end",
        "year",
        "phase",
        "is_professional",
        "is_micro_venture",
        "agency",
        "evaluator",
        "proposed_by",
    ]

    def field_rows(self, obj):
        rows = super().field_rows(obj)
        field = Project._meta.get_field("target_groups")
        labels = dict(f.TargetGroup.choices)
        rows.insert(4, (field.verbose_name, "、".join(str(labels.get(g, g)) for g in obj.target_groups or []), field))
        return rows

    def extra_context(self, obj):
        return project_page_context(self.request.user, obj, self.offered)


# -- step 1: the proposal with its surveys and needs --------------------------------------------------------------


class ProjectEditView(generic.ObjectEditView):
    model = Project
    form_class = f.ProjectForm
    template_name = "projects/formset_edit.html"
    inlines = (
        Inline("surveys", f.SurveyFormSet, gettext_lazy("Visits and surveys")),
        Inline("needs", f.NeedFormSet, gettext_lazy("Residents' needs")),
    )

    def page_title(self, obj):
        return _("Needs assessment and proposal") if obj.pk is None else None

    def new_object(self):
        """The proposal is for the user's own town or community, preselected."""
        user = self.request.user
        region = user.region if user.region_id and user.region.level >= 4 else None
        return Project(region=region, year=timezone.localdate().year)


class AssignmentView(generic.ObjectEditView):
    """The bureau assigns the evaluator (never one of the contracted agency) and the supervision due date."""

    model = Project
    form_class = f.AssignmentForm
    edit_action = "request_acceptance"
    success_message = gettext_lazy("The evaluator and the supervision date were saved.")


class ProjectDeleteView(generic.ObjectDeleteView):
    model = Project


# -- pages of one step of one project ----------------------------------------------------------------------------


class ProjectPartView(generic.ScopedView):
    """A page about one step of a project: the project comes through ``restrict(user, "view")`` (404 outside)."""

    part_title = None  # "Notice of %(project)s"

    def get_project(self):
        queryset = Project.objects.select_related("region", "agency").restrict(self.request.user, "view")
        return get_object_or_404(queryset, pk=self.kwargs["project"])


class ProjectRecordEditView(ProjectPartView, generic.ObjectEditView):
    """The edit page of a project's one record of ``model`` (its notice, its agreement): found through
    ``restrict(user, "change")`` once it exists (404 otherwise), a new one for those who may add it."""

    template_name = "projects/formset_edit.html"

    def get_object(self):
        self.project = self.get_project()
        record = self.model.objects.filter(project=self.project).first()
        if record is None:
            self.check_model_permission("add")
            return self.model(project=self.project)
        return get_object_or_404(self.get_queryset("change"), pk=record.pk)

    def form_kwargs(self):
        return {"project": self.project}

    def page_title(self, obj):
        return self.part_title % {"project": self.project}

    def cancel_url(self, obj):
        return self.project.get_absolute_url()

    def success_url(self, obj):
        return self.project.get_absolute_url()

    def extra_context(self, obj):
        return {"project": self.project}


class NoticeEditView(ProjectRecordEditView):
    """The notice (bureau): scope, ceiling, method, qualifications, deadline and the scoring criteria."""

    model = Notice
    form_class = f.NoticeForm
    template_name = "projects/notice_edit.html"
    inlines = (Inline("criteria", f.CriterionFormSet, gettext_lazy("Scoring criteria (weights total 100)")),)
    part_title = gettext_lazy("Notice of %(project)s")


class BidEditView(generic.ObjectEditView):
    """A bid (agency staff): proposal, price, the team with their certificates, attachments. The agency's one
    bid for a project is edited at the project's bid address as well."""

    model = Bid
    form_class = f.BidForm
    template_name = "projects/bid_edit.html"
    inlines = (Inline("members", f.BidMemberFormSet, gettext_lazy("Team members and their certificates")),)

    def get_object(self):
        if "pk" not in self.kwargs:
            self.check_model_permission("add")
            self.project = get_object_or_404(Project.objects.restrict(self.request.user, "view"), pk=self.kwargs["project"])
            own = self.get_queryset("change").filter(project=self.project).first()
            return own or Bid(project=self.project)
        bid = super().get_object()
        self.project = bid.project
        return bid

    def form_kwargs(self):
        return {"project": self.project}

    def page_title(self, obj):
        return _("Bid for %(project)s") % {"project": self.project}

    def extra_context(self, obj):
        return {"project": self.project, "notice": getattr(self.project, "notice", None)}


class BidDetailView(generic.ObjectDetailView):
    model = Bid
    queryset = Bid.objects.select_related("project", "agency", "submitted_by")
    template_name = "projects/bid_detail.html"
    detail_fields = ["project", "agency", "price", "proposal", "status", "submitted_at", "submitted_by"]

    def extra_context(self, obj):
        from .models import BidMember

        user = self.request.user
        return {
            "members": BidMember.objects.restrict(user).filter(bid=obj),
            "scores": BidScore.objects.restrict(user).filter(bid=obj).select_related("criterion"),
        }


class BidScoringView(ProjectPartView):
    """The bureau's comparison of the bids after the deadline: a score per bid and criterion, then the award."""

    model = Bid
    template_name = "projects/bid_scoring.html"

    def setup_page(self):
        self.project = self.get_project()
        if not user_can(self.request.user, BidScore, "add"):
            raise PermissionDenied
        self.notice = get_object_or_404(Notice, project=self.project)
        bids = Bid.objects.restrict(self.request.user, "view").filter(project=self.project).exclude(status="withdrawn")
        self.bids = list(bids.select_related("agency").prefetch_related("members").order_by("price", "pk"))
        self.criteria = list(self.notice.criteria.order_by("pk"))

    def score_form(self, data=None):
        saved = BidScore.objects.restrict(self.request.user).filter(bid__in=self.bids, criterion__in=self.criteria)
        scores = {(s.bid_id, s.criterion_id): s.score for s in saved}
        return f.BidScoresForm(data, bids=self.bids, criteria=self.criteria, saved=scores)

    def render_page(self, form=None, award_form=None):
        form = form or self.score_form()
        award_form = award_form or f.AwardForm(project=self.project, bids=self._bid_qs(), user=self.request.user)
        deadline = self.notice.bid_deadline
        return render(self.request, self.template_name, self.base_context(
            project=self.project, notice=self.notice, criteria=self.criteria, rows=form.rows(), errors=form.messages(),
            award_form=award_form, deadline_passed=deadline is None or deadline <= timezone.now(),
            award_url=reverse("projects:project_award", args=[self.project.pk]),
        ))

    def _bid_qs(self):
        return Bid.objects.restrict(self.request.user, "view").filter(pk__in=[b.pk for b in self.bids]).select_related("agency")

    def get(self, request, *args, **kwargs):
        self.setup_page()
        return self.render_page()

    def post(self, request, *args, **kwargs):
        self.setup_page()
        form = self.score_form(request.POST)
        if not (form.is_valid() and writes.write_form(request.user, "add", form, lambda: form.save(request.user))):
            return self.render_page(form)
        messages.success(request, _("The scores were saved."))
        return redirect(request.path)


class AwardView(BidScoringView):
    """Award one scored bid with reasons — or, for a single-source notice, its agency with the justification.

    The chosen bid is saved on the project and the ``award`` transition taken in one transaction: a refusal
    (deadline, unscored bids, a team short of certified social workers, someone else faster) undoes both.
    """

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.setup_page()
        form = f.AwardForm(request.POST, project=self.project, bids=self._bid_qs(), user=request.user)
        if not (form.is_valid() and writes.write_form(request.user, "award", form, lambda: self.award(form.cleaned_data))):
            return self.render_page(award_form=form)
        messages.success(request, _("The project was awarded; the other bidders are notified."))
        return redirect(self.project.get_absolute_url())

    def award(self, data):
        """The bid chosen saved on the project, then its ``award`` transition (inside one write)."""
        project = get_object_or_404(Project.objects.restrict(self.request.user, "award"), pk=self.project.pk)
        if data.get("bid") is not None:
            project.awarded_bid = data["bid"]
            project.save(update_fields=["awarded_bid", "updated_at"])
        return perform(self.request.user, Project, self.project.pk, "award", reason=data["reason"])


# -- step 3: the agreement --------------------------------------------------------------------------------------


class AgreementEditView(ProjectRecordEditView):
    """The agreement (bureau): amount, period, stations, deliverables, targets and payment milestones (the
    targets and milestones are rows of the project)."""

    model = Agreement
    form_class = f.AgreementForm
    template_name = "projects/agreement_edit.html"
    inlines = (
        Inline("targets", f.TargetFormSet, gettext_lazy("Performance targets")),
        Inline("milestones", f.MilestoneFormSet, gettext_lazy("Payment milestones (their amounts total the agreement amount)")),
    )
    part_title = gettext_lazy("Agreement of %(project)s")
    success_message = gettext_lazy("The agreement was saved.")

    def inline_parent(self, obj):
        return self.project

    def valid_together(self, form, formsets):
        milestones = formsets[1][1]
        milestones.amount = form.cleaned_data.get("amount")
        milestones.full_clean()
        return milestones.is_valid()


class AmendmentAddView(ProjectPartView):
    """After signing, the agreement changes only by a recorded amendment (``projects.models.amend_agreement``)."""

    from .models import Amendment as model  # noqa: N813

    template_name = "projects/formset_edit.html"

    def setup_page(self):
        self.check_model_permission("add")
        self.project = self.get_project()
        self.agreement = get_object_or_404(Agreement.objects.restrict(self.request.user, "view"), project=self.project)

    def render_page(self, form):
        context = self.base_context(
            object=self.agreement,
            form=form,
            formsets=[],
            project=self.project,
            page_title=_("Amendment of agreement %(number)s") % {"number": self.agreement.number},
            cancel_url=self.project.get_absolute_url(),
        )
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        self.setup_page()
        return self.render_page(f.AmendmentForm(agreement=self.agreement))

    def post(self, request, *args, **kwargs):
        self.setup_page()
        form = f.AmendmentForm(request.POST, agreement=self.agreement)
        if not (form.is_valid() and self.amend(form)):
            return self.render_page(form)
        messages.success(request, _("The amendment was recorded."))
        return redirect(self.project.get_absolute_url())

    def amend(self, form) -> bool:
        from .models import amend_agreement

        try:
            amend_agreement(self.request.user, self.agreement.pk, form.changes(), form.cleaned_data["reason"])
        except Agreement.DoesNotExist:
            raise Http404 from None
        except writes.Refused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return False
        return True


# -- milestones ------------------------------------------------------------------------------------------------


class MilestoneDetailView(generic.ObjectDetailView):
    model = Milestone
    queryset = Milestone.objects.select_related("project", "reported_by", "confirmed_by")
    detail_fields = ["project", "name", "amount", "due_on", "condition", "status", "reported_by", "reported_at", "confirmed_by", "confirmed_at"]


class EvidenceActionView(generic.ScopedView):
    """A transition taken with its evidence in one step: the files saved and the state changed, or neither."""

    http_method_names = ["post"]
    form_class = None
    transition = ""
    done = None  # the success message

    def post(self, request, pk):
        row = get_object_or_404(self.model.objects.restrict(request.user, "view"), pk=pk)
        form = self.form_class(request.POST, request.FILES)
        if form.is_valid() and self.take(row, form):
            messages.success(request, self.done)
        for error in (e for errors in form.errors.values() for e in errors):
            messages.error(request, error)
        return redirect(self.next_url(row))

    def take(self, row, form) -> bool:
        user = self.request.user
        try:
            with transaction.atomic():
                save_attachments(form.cleaned_data["evidence"], owner=row, kind=AttachmentKind.OTHER, user=user)
                perform(user, self.model, row.pk, self.transition, reason=form.cleaned_data.get("answer", ""))
        except self.model.DoesNotExist:
            raise Http404 from None
        except writes.Refused as exc:
            form.add_error(None, exc.message)
            return False
        return True

    def next_url(self, row):
        return row.get_absolute_url()


class MilestoneReportView(EvidenceActionView):
    """The agency reports a milestone reached, with its evidence."""

    model = Milestone
    form_class = f.MilestoneReportForm
    transition = "report"
    done = gettext_lazy("The milestone was reported with its evidence.")

    def next_url(self, row):
        return row.project.get_absolute_url()


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
    from .models import IndicatorSheet

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
