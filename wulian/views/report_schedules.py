"""The bureau sets up its scheduled reports in the report centre (issue 23 G), not a superuser in Django admin.

A schedule runs as the bureau user who sets it up, for a region of that user's area; the model's own rules
(``ReportSchedule.clean``: a report of the centre, a day from 1 to 28, an account whose scope covers the region)
are checked on the form, and the save goes through the write path.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wulian import writes
from wulian.choices import Role
from wulian.models import Region, ReportSchedule
from wulian.reports import region_choices, reports_for


def may_schedule(user) -> bool:
    return user.is_superuser or (user.role == Role.BUREAU_ADMIN and user.region_id is not None)


class ScheduleForm(forms.ModelForm):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=gettext_lazy("region"), empty_label=None)

    class Meta:
        model = ReportSchedule
        fields = ["report", "region", "period", "frequency", "day", "fmt", "title"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.run_as = user
        reports = reports_for(user)
        self.fields["report"] = forms.ChoiceField(
            label=gettext_lazy("report"), choices=[(r.code, r.title) for r in reports]
        )
        ids = [pk for pk, _name, _level in region_choices(user)]
        self.fields["region"].queryset = Region.objects.filter(pk__in=ids).order_by("path")
        self.fields["region"].initial = user.region_id
        formats = sorted({f for r in reports for f in r.formats})
        self.fields["fmt"] = forms.ChoiceField(
            label=gettext_lazy("format"), required=False,
            choices=[("", gettext_lazy("The report's own format")), *((f, f.upper()) for f in formats)],
        )


def _scoped(user):
    schedules = ReportSchedule.objects.all()
    if not user.is_superuser:
        schedules = schedules.filter(region__path__startswith=user.scope_path or "-")
    return schedules


@login_required
def schedule_add(request):
    if not may_schedule(request.user):
        raise PermissionDenied
    form = ScheduleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            writes.write(request.user, "add", form.save)
        except writes.Refused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The scheduled report was set up; its files arrive in the report centre."))
            return redirect(reverse("wulian:report_center") + "#report-schedules")
    return render(request, "wulian/report_schedule_form.html", {"form": form})


@login_required
@require_POST
def schedule_toggle(request, pk):
    if not may_schedule(request.user):
        raise PermissionDenied
    schedule = get_object_or_404(_scoped(request.user), pk=pk)
    schedule.active = not schedule.active
    writes.write(request.user, "change", lambda: schedule.save(update_fields=["active"]) or schedule)
    messages.success(request, _("The scheduled report was resumed.") if schedule.active else _("The scheduled report was stopped."))
    return redirect(reverse("wulian:report_center") + "#report-schedules")
