"""The agency's service log: entries of the stations' activity log linked to a project (``ServiceRecord``).

Projects stand above stations, so projects registers this link into ``stations.links`` (from ``ProjectsConfig
.ready``): agency staff see the entries of their agency's projects and log them while the project's service runs
(``SERVING_STATES``, kept here once); the activity form and the API gain the project field; saving the entry
saves its record and checks it against the agreement, inside the same write.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject

from stations.links import ActivityLink
from wulian.pickers import use_picker
from stations.models import Activity, Station
from wulian.choices import Role

from .choices import SERVING_STATES
from .models import Project, ServiceRecord


def record_service(activity: Activity, project: Project | None) -> Activity:
    """Save ``activity`` as a service record of ``project`` (``None``: of no project) and check the record;
    call it inside ``write()`` so a refusal leaves nothing."""
    if activity.pk is None or activity._state.adding:
        activity.save()
    link_project(activity, project)
    return activity


def link_project(activity: Activity, project: Project | None) -> None:
    """Make the saved ``activity`` a service record of ``project`` (or of none) and check it."""
    record = ServiceRecord.objects.filter(activity=activity).first()
    if project is None:
        if record is not None:
            record.delete()
        return
    if record is None:
        record = ServiceRecord(activity=activity, project=project)
    record.project, record.activity = project, activity
    record.save()
    record.check_rules()


def project_of(activity: Activity) -> Project | None:
    record = getattr(activity, "service_record", None)  # a missing one-to-one raises an AttributeError
    return record.project if record is not None else None


class ServiceProjectField(serializers.PrimaryKeyRelatedField):
    """The API's ``project`` of an activity: read from its service record."""

    def get_attribute(self, instance):
        record = getattr(instance, "service_record", None)
        return PKOnlyObject(pk=record.project_id) if record is not None else None


def _preselect_the_only_station(form, stations) -> None:
    """Agency staff serve in the stations their agreements name: with one, it is the answer; with none, the form
    says why no station can be chosen instead of a bare 「这个字段是必需的」."""
    choices = list(stations[:2])
    if len(choices) == 1 and not form.instance.pk:
        form.initial["station"] = choices[0].pk
    elif not choices:
        form.fields["station"].error_messages["required"] = _(
            "The agreements of your projects name no station served (进驻): ask the civil affairs bureau to "
            "name the stations in the agreement."
        )


class ProjectServiceLink(ActivityLink):
    def agency_rows(self, scope) -> Q | None:
        agency_id = getattr(scope.user, "agency_id", None)
        if not agency_id:
            return None
        q = Q(service_record__project__agency_id=agency_id)
        return q if scope.action == "view" else q & Q(service_record__project__status__in=SERVING_STATES)

    def extend_form(self, form) -> None:
        """A service record names a project whose service runs, among those the user sees; agency staff log only
        for their agency's projects (the project is then required) in the stations its agreements name (进驻)."""
        user = form.user
        queryset = Project.objects.restrict(user, "view") if user is not None else Project.objects.none()
        field = forms.ModelChoiceField(
            label=_("service project"), required=False, queryset=queryset.filter(status__in=SERVING_STATES).order_by("-year", "-pk"),
            help_text=_("For a service record of a project: the project it belongs to."),
        )
        if getattr(user, "role", None) == Role.AGENCY_STAFF:
            field.queryset = field.queryset.filter(agency_id=user.agency_id)
            field.required = True
            stations = form.fields["station"].queryset = Station.objects.filter(
                project_agreements__project__agency_id=user.agency_id,
                project_agreements__project__status__in=SERVING_STATES,
            ).distinct()
            _preselect_the_only_station(form, stations)
        instance = form.instance
        if instance.pk is not None and "project" not in form.initial:
            record = ServiceRecord.objects.filter(activity_id=instance.pk).first()
            form.initial["project"] = record.project_id if record is not None else None
        form.fields["project"] = field
        narrowing = {"status__in": [str(state) for state in SERVING_STATES]}
        if getattr(user, "role", None) == Role.AGENCY_STAFF:
            narrowing["agency_id"] = user.agency_id
        use_picker(field, narrowing)  # searched like every other choice of a record (tests/test_pickers.py)
        names = [name for name in form.fields if name != "project"]
        at = names.index("notes") if "notes" in names else len(names)
        form.order_fields([*names[:at], "project", *names[at:]])  # where the field stood: before the notes

    def save_form(self, form, activity) -> None:
        if "project" in form.fields:
            link_project(activity, form.cleaned_data.get("project"))

    def api_related(self) -> tuple[str, ...]:
        return ("service_record",)

    def api_fields(self, serializer) -> dict:
        return {"project": ServiceProjectField(
            queryset=Project.objects.all(), required=False, allow_null=True,
            help_text="The service project this entry is a service record of, if any.",
        )}

    def save_api(self, activity, values: dict) -> None:
        if "project" in values:
            link_project(activity, values["project"])
        else:
            record = ServiceRecord.objects.filter(activity=activity).select_related("project").first()
            if record is not None:
                record.check_rules()  # an edit of the date or station still lies within the agreement
