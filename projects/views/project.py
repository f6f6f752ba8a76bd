"""Step 1: the list of projects, the project page, the proposal with its surveys and needs, the assignment."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.views import generic
from wulian.views.generic import Inline

from .. import forms as f
from ..filtersets import ProjectFilterSet
from ..models import Project
from ..tables import ProjectTable
from ..pages import project_page_context


# -- lists -----------------------------------------------------------------------------------------------------


class ProjectListView(generic.ObjectListView):
    model = Project
    queryset = Project.objects.select_related("region", "agency")
    table_class = ProjectTable
    filterset_class = ProjectFilterSet
    period_field = "planned_start"


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
