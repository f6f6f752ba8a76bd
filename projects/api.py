"""API endpoints of projects, under the same scope rules as the pages (``/api/projects/`` …).

States change only through the core's action route (``POST /api/<prefix>/<id>/actions/<name>/``), never by
writing a status field: every status, signature, score and award field is read-only here. Reviews, the
agency marks and amendments are read-only (they are written by transitions and the agreement's ``amend``), and so
are the scoring panels, their members and the members' scores (formed and scored on their pages).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from wulian.api import ScopedSerializer, ScopedViewSet, router

from . import models as m
from .progress import progress

READ_ONLY = ["get", "head", "options"]


def serializer_for(model, fields="__all__", read_only=(), extra=None):
    meta = type("Meta", (), {"model": model, "fields": fields, "read_only_fields": list(read_only)})
    return type(f"{model.__name__}Serializer", (ScopedSerializer,), {"Meta": meta, **(extra or {})})


def viewset_for(model, serializer, queryset=None, save=None, read_only=False, doc="", extra=None):
    attrs = {"queryset": queryset if queryset is not None else model.objects.all(), "serializer_class": serializer,
             "__doc__": doc or model.__doc__}
    if read_only:
        attrs["http_method_names"] = READ_ONLY
    if save is not None:
        attrs["save_kwargs"] = save
    attrs.update(extra or {})
    return type(f"{model.__name__}ViewSet", (ScopedViewSet,), attrs)


def _created_by(field):
    def save_kwargs(self, serializer):
        return {field: self.request.user} if serializer.instance is None else {}

    return save_kwargs


def _bid_save(self, serializer):
    if serializer.instance is not None:
        return {}
    return {"agency": getattr(self.request.user, "agency", None), "submitted_by": self.request.user}


class ProgressRowSerializer(serializers.Serializer):
    """One performance target and how far the activity log has brought it."""

    target = serializers.IntegerField()
    indicator = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    target_value = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)
    value = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    percent = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=True)


class ProjectProgressMixin:
    @extend_schema(summary="Progress of the performance targets, counted from the activity log", request=None,
                   responses=ProgressRowSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def progress(self, request, pk=None):
        project = self.get_object()
        # Only the targets the user may see (an agency sees another's public project, not its contract).
        rows = progress(project, project.targets.all().restrict(request.user, "view"))
        return Response([
            {"target": r.target.pk, "indicator": r.target.indicator, "unit": r.target.unit,
             "target_value": str(r.target.target_value), "value": str(r.value), "percent": str(r.percent)}
            for r in rows
        ])


PROJECT_READ_ONLY = ["code", "status", "agency", "grade", "final_score", "proposed_by", "submitted_at", "awarded_at",
                     "award_reason", "accepted_at", "created_at", "updated_at"]
STAMPS = ["created_at", "updated_at"]

ENDPOINTS = [
    # prefix, model, serializer options, viewset options
    ("projects", m.Project, {"read_only": PROJECT_READ_ONLY},
     {"queryset": m.Project.objects.select_related("region"), "save": _created_by("proposed_by"),
      "mixin": ProjectProgressMixin}),
    ("project-surveys", m.NeedsSurvey, {"read_only": STAMPS}, {}),
    ("project-needs", m.Need, {"read_only": STAMPS}, {}),
    ("project-reviews", m.Review, {"read_only": "__all__"}, {"read_only": True}),
    ("project-notices", m.Notice, {"read_only": ["published_at", *STAMPS]}, {}),
    ("project-criteria", m.Criterion, {"read_only": STAMPS}, {}),
    ("project-bids", m.Bid, {"read_only": ["agency", "submitted_at", "submitted_by", "status", *STAMPS]},
     {"save": _bid_save}),
    ("project-bid-members", m.BidMember, {"read_only": STAMPS}, {}),
    ("project-bid-scores", m.BidScore, {"read_only": ["scored_by", *STAMPS]}, {"save": _created_by("scored_by")}),
    ("project-agency-marks", m.AgencyMark, {"read_only": "__all__"}, {"read_only": True}),
    ("project-agreements", m.Agreement,
     {"read_only": ["agency_signed_on", "agency_signer", "bureau_signed_on", "bureau_signer", "published_at", *STAMPS]},
     {}),
    ("project-amendments", m.Amendment, {"read_only": "__all__"}, {"read_only": True}),
    ("project-targets", m.PerformanceTarget, {"read_only": STAMPS}, {}),
    ("project-milestones", m.Milestone,
     {"read_only": ["status", "reported_by", "reported_at", "confirmed_by", "confirmed_at", *STAMPS]}, {}),
    ("indicator-sheets", m.IndicatorSheet, {"read_only": STAMPS}, {}),
    ("indicator-items", m.IndicatorItem, {"read_only": STAMPS}, {}),
    ("project-evaluations", m.Evaluation, {"read_only": ["score", "grade", "recorded_by", *STAMPS]},
     {"save": _created_by("recorded_by")}),
    ("project-evaluation-parties", m.EvaluationParty, {"read_only": STAMPS}, {}),
    ("project-item-scores", m.ItemScore, {"read_only": STAMPS}, {}),
    # The scoring panel (issue 23 C): read-only here — the panel is formed on its page (size and share of experts
    # checked together, ``guards.panel_size``) and members score on their sheets; the award is a transition.
    ("project-panels", m.Panel, {"read_only": "__all__"},
     {"read_only": True, "queryset": m.Panel.objects.select_related("notice")}),
    ("project-panel-members", m.PanelMember, {"read_only": "__all__"}, {"read_only": True}),
    ("project-member-scores", m.MemberScore, {"read_only": "__all__"}, {"read_only": True}),
    ("project-rectifications", m.Rectification,
     {"read_only": ["status", "answer", "answered_by", "answered_at", "closed_by", "closed_at", *STAMPS]}, {}),
]


def _all_fields(model):
    return [f.name for f in model._meta.concrete_fields] + [f.name for f in model._meta.many_to_many]


def register():
    for prefix, model, s_opts, v_opts in ENDPOINTS:
        fields = ["id", *[f for f in _all_fields(model) if f != "id"]]
        read_only = fields if s_opts.get("read_only") == "__all__" else s_opts.get("read_only", ())
        serializer = serializer_for(model, fields=fields, read_only=read_only)
        v_opts = dict(v_opts)
        mixin = v_opts.pop("mixin", None)
        viewset = viewset_for(model, serializer, **v_opts)
        if mixin is not None:
            viewset = type(viewset.__name__, (mixin, viewset), {"__doc__": viewset.__doc__})
        router.register(prefix, viewset, basename=f"project-{model._meta.model_name}")


register()
