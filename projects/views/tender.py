"""Steps 2 and 3: the notice with its criteria, the bids with their teams, the scoring sheet and the award."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian import writes
from wulian.models.base import user_can
from wulian.views import generic
from wulian.views.generic import Inline
from wulian.workflow import perform

from .. import forms as f
from ..filtersets import BidFilterSet
from ..models import Bid, BidScore, Notice, Project
from ..tables import BidTable
from .base import ProjectPartView, ProjectRecordEditView


# -- lists -----------------------------------------------------------------------------------------------------


class BidListView(generic.ObjectListView):
    model = Bid
    queryset = Bid.objects.select_related("project", "agency")
    table_class = BidTable
    filterset_class = BidFilterSet
    action_buttons = ("export",)


# -- step 2: the notice ----------------------------------------------------------------------------------------


class NoticeEditView(ProjectRecordEditView):
    """The notice (bureau): scope, ceiling, method, qualifications, deadline and the scoring criteria."""

    model = Notice
    form_class = f.NoticeForm
    template_name = "projects/notice_edit.html"
    inlines = (Inline("criteria", f.CriterionFormSet, gettext_lazy("Scoring criteria (weights total 100)")),)
    part_title = gettext_lazy("Notice of %(project)s")


# -- step 3: bids, scores and the award ------------------------------------------------------------------------


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
        from ..models import BidMember

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
