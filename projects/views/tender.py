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
from wulian.models.base import can, can_add, user_can
from wulian.views import generic
from wulian.views.generic import Inline
from wulian.workflow import perform

from .. import forms as f
from ..filtersets import BidFilterSet
from .. import guards
from ..choices import ProjectStatus
from ..models import Bid, MemberScore, Notice, Panel, PanelMember, Project
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
            return own or Bid(project=self.project, agency_id=self.request.user.agency_id)
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
        from ..models import BidMember, BidScore

        user = self.request.user
        return {
            "members": BidMember.objects.restrict(user).filter(bid=obj),
            "scores": BidScore.objects.restrict(user).filter(bid=obj).select_related("criterion"),
        }


class BidScoringView(ProjectPartView):
    """The bureau's page of the bids after the deadline: the panel that scores them (formed here), each member's
    totals, the average and the rank under the notice's rule, then the award. The bureau scores nothing itself:
    each member scores on their own sheet (``PanelScoringView``)."""

    model = Bid
    template_name = "projects/bid_scoring.html"
    http_method_names = ["get"]

    def setup_page(self):
        self.project = self.get_project()
        if not user_can(self.request.user, Panel, "add"):
            raise PermissionDenied
        self.notice = get_object_or_404(Notice, project=self.project)
        bids = Bid.objects.restrict(self.request.user, "view").filter(project=self.project).exclude(status="withdrawn")
        self.bids = list(bids.select_related("agency").prefetch_related("members").order_by("price", "pk"))
        self.panel = Panel.objects.filter(notice=self.notice).select_related("formed_by").first()

    def render_page(self, award_form=None):
        award_form = award_form or f.AwardForm(project=self.project, bids=self._bid_qs(), user=self.request.user)
        deadline, result = self.notice.bid_deadline, self.panel.result() if self.panel else None
        return render(self.request, self.template_name, self.base_context(
            project=self.project, notice=self.notice, rows=self.bids, award_form=award_form, result=result,
            deadline_passed=deadline is None or deadline <= timezone.now(), panel=self.panel,
            panel_rule=guards.panel_rule(self.notice), can_form_panel=self.may_form_panel(),
            can_enter_for=self.may_enter_for(deadline),
            award_url=reverse("projects:project_award", args=[self.project.pk]),
        ))

    def may_enter_for(self, deadline) -> bool:
        """The bureau enters an outside expert's sheet after the deadline, before the award (a member's own
        pending bids decide per member, ``result.pending``)."""
        return (self.panel is not None and self.project.status == ProjectStatus.PUBLISHED
                and deadline is not None and deadline <= timezone.now() and can(self.request.user, "change", self.panel))

    def may_form_panel(self) -> bool:
        if self.panel is None:
            return can_add(self.request.user, Panel, self.project, "notice__project")
        return can(self.request.user, "change", self.panel) and not self.panel.scores_given()

    def _bid_qs(self):
        return Bid.objects.restrict(self.request.user, "view").filter(pk__in=[b.pk for b in self.bids]).select_related("agency")

    def get(self, request, *args, **kwargs):
        self.setup_page()
        return self.render_page()


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


# -- step 3: the scoring panel (issue 23 C) ----------------------------------------------------------------------


class PanelEditView(ProjectRecordEditView):
    """The bureau forms the panel of the notice (评标委员会 / 磋商小组 / 询价小组): accounts or outside experts
    named, the chair; its size is the method's (refused in Chinese when even or too small)."""

    model = Panel
    form_class = f.PanelForm
    inlines = (Inline("members", f.PanelMemberFormSet, gettext_lazy("Members of the panel")),)
    part_title = gettext_lazy("Scoring panel of %(project)s")
    success_message = gettext_lazy("The panel was saved.")

    def get_object(self):
        self.project = self.get_project()
        self.notice = get_object_or_404(Notice, project=self.project)
        record = Panel.objects.filter(notice=self.notice).first()
        if record is None:
            self.check_model_permission("add")
            return Panel(notice=self.notice, formed_by=self.request.user)
        return get_object_or_404(self.get_queryset("change"), pk=record.pk)

    def success_url(self, obj):
        return reverse("projects:bid_scoring", args=[self.project.pk])

    def get_formsets(self, obj, data=None, files=None):
        """The member rows offer the accounts of the user's county only (``PanelMemberForm``)."""
        parent = self.inline_parent(obj)
        return [(inline.name, inline.formset(data=data, files=files, instance=parent, prefix=inline.name,
                                             form_kwargs={"user": self.request.user}), inline.legend)
                for inline in self.inlines]

    def valid_together(self, form, formsets):
        try:
            members = formsets[0][1]
            guards.panel_size(self.notice, members.members(), members.experts())
        except writes.Refused as exc:
            form.add_error(None, exc.message)
            return False
        return True


class PanelScoringView(generic.ScopedView):
    """One member's scoring sheet: the member scores with their own account; the bureau enters the sheet of an
    outside expert recorded by name (``?member=``). Each bid is scored once, at once, never by a member of the
    bidding agency (``guards.member_score_rules``)."""

    model = MemberScore
    template_name = "projects/panel_score.html"

    def setup_page(self):
        self.member = find_member(self.request, self.kwargs["project"])
        self.notice = self.member.panel.notice
        self.project = self.notice.project
        bids = Bid.objects.restrict(self.request.user, "view").filter(project=self.project).exclude(status="withdrawn")
        self.bids = list(bids.select_related("agency").prefetch_related("members").order_by("price", "pk"))
        self.criteria = list(self.notice.criteria.order_by("order", "pk"))

    def sheet(self, data=None):
        saved = {(s.bid_id, s.criterion_id): s.score for s in MemberScore.objects.filter(member=self.member)}
        return f.MemberScoresForm(data, member=self.member, bids=self.bids, criteria=self.criteria, saved=saved)

    def get(self, request, *args, **kwargs):
        self.setup_page()
        return self.render_page(self.sheet())

    def post(self, request, *args, **kwargs):
        self.setup_page()
        form = self.sheet(request.POST)
        if not (form.is_valid() and writes.write_form(request.user, "add", form, lambda: form.save(request.user))):
            return self.render_page(form)
        messages.success(request, _("The scores of %(member)s were recorded.") % {"member": self.member.name})
        return redirect(request.get_full_path())

    def scoring_open(self) -> bool:
        deadline = self.notice.bid_deadline
        return self.project.status == ProjectStatus.PUBLISHED and deadline is not None and deadline <= timezone.now()

    def render_page(self, form):
        rows = form.rows()
        return render(self.request, self.template_name, self.base_context(
            project=self.project, notice=self.notice, member=self.member, rule=guards.panel_rule(self.notice),
            criteria=self.criteria, rows=rows, errors=form.messages(), entering_for=self.member.user_id is None,
            can_submit=self.scoring_open() and any(not r["scored"] and not r["conflict"] for r in rows),
            deadline_passed=self.notice.bid_deadline is not None and self.notice.bid_deadline <= timezone.now(),
            back_url=self.project.get_absolute_url() if self.member.user_id is None else reverse("home")))


def find_member(request, project_id):
    """The seat the user scores for: their own on the project's panel, or (the bureau) an outside expert's."""
    seats = PanelMember.objects.restrict(request.user).select_related("panel__notice__project", "user")
    seats = seats.filter(panel__notice__project_id=project_id)
    wanted = request.GET.get("member") or request.POST.get("member")
    if wanted and str(wanted).isdigit() and user_can(request.user, Panel, "change"):
        return get_object_or_404(seats, pk=int(wanted), user__isnull=True)
    return get_object_or_404(seats, user=request.user)
