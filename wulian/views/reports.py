"""The report centre: ask for a report, watch its progress, download it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wulian.choices import AccessAction
from wulian.models import AccessLog, ReportJob, ReportSchedule
from wulian.models import ReportStatus
from wulian.reports import (
    BrokerUnavailable,
    TooManyReports,
    default_year,
    region_choices,
    registry,
    reports_for,
    retry,
    submit,
    year_choices,
)

FORMAT_LABELS = {"xlsx": "Excel", "pdf": "PDF"}


class ReportParamsForm(forms.Form):
    """The request form of one report: the fields it declares (year, month, region, format)."""

    # Not required: without it a report covers the requester's whole scope.
    region = forms.TypedChoiceField(label=gettext_lazy("Area"), coerce=int, required=False, empty_value=None)
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    month = forms.TypedChoiceField(
        label=gettext_lazy("Month"), coerce=int, choices=[(m, f"{m}月") for m in range(1, 13)]
    )
    format = forms.ChoiceField(label=gettext_lazy("Format"))

    def __init__(self, *args, definition=None, user=None, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = definition.form_fields if definition else ()
        self.fields["year"].choices = [(y, f"{y}年") for y in year_choices()]
        self.fields["year"].initial = default_year()
        today = timezone.localdate()
        last_month = today.replace(day=1) - dt.timedelta(days=1)
        if "month" in fields:  # a monthly report: last month (the month being reported on) by default
            self.fields["year"].initial = last_month.year
            self.fields["month"].initial = last_month.month
        if "region" in fields:
            regions = regions if regions is not None else region_choices(user)
            if len(regions) <= 1:  # nothing to choose: the report covers the user's own area
                fields = tuple(f for f in fields if f != "region")
        if "region" in fields:
            self.fields["region"].choices = [
                (pk, ("\u3000" * max(0, level - regions[0][2])) + name) for pk, name, level in regions
            ] if regions else []
            self.fields["region"].initial = user.region_id if user and user.region_id else (regions[0][0] if regions else None)
        if "format" in fields:
            self.fields["format"].choices = [(f, FORMAT_LABELS.get(f, f)) for f in definition.formats]
            self.fields["format"].initial = definition.fmt
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]
        if definition is not None and definition.fields is not None:
            self.fields.update(definition.fields(user))

    def params(self) -> dict:
        """The job's parameters: what was chosen, a chosen row by its id (the params are stored as JSON)."""
        return {name: getattr(value, "pk", value) for name, value in self.cleaned_data.items()}


@login_required
def report_center(request):
    regions = region_choices(request.user)
    available = [
        (r, ReportParamsForm(definition=r, user=request.user, regions=regions, prefix=r.code))
        for r in reports_for(request.user)
    ]
    jobs = ReportJob.objects.for_user(request.user).select_related("shared_region")[:50]
    context = {
        "schedules": schedules_for(request.user),
        "may_schedule": may_schedule(request.user),
        "available": available,
        "jobs": jobs,
        "keep_days": settings.REPORT_KEEP_DAYS,
        "keep_scheduled_days": settings.REPORT_KEEP_SCHEDULED_DAYS,
    }
    return render(request, "wulian/report_center.html", context)


def may_schedule(user) -> bool:
    from wulian.views.report_schedules import may_schedule as allowed

    return allowed(user)


def schedules_for(user) -> list:
    """The active schedules whose files this user receives (their area's), to say what arrives when; for those
    who set schedules up, the stopped ones too (to resume them)."""
    schedules = ReportSchedule.objects.select_related("region")
    if not may_schedule(user):
        schedules = schedules.filter(active=True)
    if not user.is_superuser:
        if not user.scope_path:
            return []
        schedules = schedules.filter(region__path__startswith=user.scope_path)
    codes = {r.code for r in reports_for(user)}
    return [s for s in schedules.order_by("region__path", "report")[:50] if s.report in codes]


@login_required
@require_POST
def request_report(request, code):
    definition = registry.get(code)
    if definition is None or not definition.listed or not definition.available_to(request.user):
        raise Http404
    form = ReportParamsForm(request.POST, definition=definition, user=request.user, prefix=code)
    if not form.is_valid():
        errors = [str(e) for name, field_errors in form.errors.items() if name not in ("year", "month", "region", "format")
                  for e in field_errors]
        messages.error(request, errors[0] if errors else _("Choose the report's period and area from the lists."))
        return redirect("wulian:report_center")
    try:
        job = submit(request.user, code, form.params())
    except BrokerUnavailable:
        messages.error(request, broker_down_message())
        return redirect("wulian:report_center")
    except TooManyReports as exc:
        messages.error(request, exc.message)
        return redirect("wulian:report_center")
    # Without a broker the report is built before this line (in-process): say so, not "being prepared".
    job.refresh_from_db(fields=["status"])
    if job.status == ReportStatus.DONE:
        messages.success(request, _("“%(title)s” is ready: download it below.") % {"title": definition.title})
    elif job.status == ReportStatus.FAILED:
        messages.error(request, _("“%(title)s” could not be built; the row below says why.") % {"title": definition.title})
    else:
        messages.info(request, _("“%(title)s” is being prepared; it appears below when ready.") % {"title": definition.title})
    return redirect("wulian:report_center")


def broker_down_message() -> str:
    return _("The report service is not available at the moment; nothing was queued. Try again in a few minutes, or tell the administrator.")


@login_required
@require_POST
def retry_job(request, pk):
    """Queue a failed report again (the worker was lost, or the report failed)."""
    job = get_object_or_404(ReportJob.objects.filter(user=request.user), pk=pk, status=ReportStatus.FAILED)
    if job.definition is None or (job.definition.listed and not job.definition.available_to(request.user)):
        raise Http404
    try:
        retry(job)
    except BrokerUnavailable:
        messages.error(request, broker_down_message())
    else:
        messages.info(request, _("The report is being prepared again."))
    return redirect("wulian:report_center")


@login_required
def job_row(request, pk):
    job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk)
    return render(request, "wulian/report_job_row.html", {"job": job})


@login_required
def job_progress(request, pk):
    """The job's state as JSON, polled by the report centre's progress bars (static/js/reports.js)."""
    job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk)
    data = {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "note": job.progress_note,
        "active": job.is_active,
        "row_url": reverse("wulian:report_job_row", args=[job.pk]),
    }
    if job.status == ReportStatus.DONE:
        data["download_url"] = reverse("wulian:report_download", args=[job.pk])
    response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def download(request, pk):
    job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk)
    if job.status != ReportStatus.DONE or not job.file:  # never a file that is being (re)built
        raise Http404
    from wulian.attachments import stored_file_response

    response = stored_file_response(job.file, content_type=None, as_attachment=True, filename=job.filename)
    # Every download is one row of the access log (issue 23 G: nine downloads of three reports are nine rows).
    AccessLog.record(request, AccessAction.REPORT, ReportJob, object_id=job.pk, object_label=job.filename)
    return response
