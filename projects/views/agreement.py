"""Step 3: the agreement with its targets and milestones, its amendments, and the milestones' reports."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian import writes
from wulian.views import generic
from wulian.views.generic import Inline

from .. import forms as f
from ..models import Agreement, Milestone
from .base import EvidenceActionView, ProjectPartView, ProjectRecordEditView


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

    from ..models import Amendment as model  # noqa: N813

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
        from ..models import amend_agreement

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


class MilestoneReportView(EvidenceActionView):
    """The agency reports a milestone reached, with its evidence."""

    model = Milestone
    form_class = f.MilestoneReportForm
    transition = "report"
    done = gettext_lazy("The milestone was reported with its evidence.")

    def next_url(self, row):
        return row.project.get_absolute_url()
