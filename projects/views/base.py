"""What the pages of one step of one project share: the project found through ``restrict`` (404 outside scope),
the edit page of a project's one record, and a transition taken with its evidence.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from wulian import writes
from wulian.attachments import save_attachments
from wulian.models import AttachmentKind
from wulian.views import generic
from wulian.workflow import perform

from ..models import Project


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
