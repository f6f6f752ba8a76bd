"""A profile's targets from the county's Excel 任务分解表 (``wulian.target_import``), through the import page every
list has; superusers only, as the pages reviewing drafted profiles, and back to the review page on success."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.models import PolicyProfile, Target
from wulian.target_import import TargetImporter
from wulian.views import generic


class TargetImportView(generic.ObjectImportView):
    importer_class = TargetImporter
    template_name = "wulian/policy_drafts/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not request.user.is_superuser:
                raise Http404  # as for any page outside the user's scope
            self.profile = get_object_or_404(PolicyProfile, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @property
    def verbose_name_plural(self) -> str:
        return str(Target._meta.verbose_name_plural)

    def get_importer(self):
        return TargetImporter(self.request.user, self.profile)

    def template_filename(self) -> str:
        return _("%s targets import template.xlsx") % self.profile.name

    def get_success_url(self) -> str:
        return reverse("wulian:policy_draft_review", args=[self.profile.pk])

    def base_context(self, **extra):
        return super().base_context(profile=self.profile, **extra)
