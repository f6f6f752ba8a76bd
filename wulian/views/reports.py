"""The report centre: ask for a report, watch its progress, download it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wulian.models import ReportJob
from wulian.models import ReportStatus
from wulian.reports import BrokerUnavailable, default_year, registry, reports_for, retry, submit, year_choices


class ReportParamsForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    month = forms.TypedChoiceField(
        label=gettext_lazy("Month"), coerce=int, choices=[(m, f"{m}") for m in range(1, 13)]
    )

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]
        self.fields["year"].initial = default_year()
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]


@login_required
def report_center(request):
    available = [(r, ReportParamsForm(fields=r.params, prefix=r.code)) for r in reports_for(request.user)]
    jobs = ReportJob.objects.for_user(request.user)[:50]
    return render(request, "wulian/report_center.html", {"available": available, "jobs": jobs})


@login_required
@require_POST
def request_report(request, code):
    definition = registry.get(code)
    if definition is None or not definition.listed or not definition.available_to(request.user):
        raise Http404
    form = ReportParamsForm(request.POST, fields=definition.params, prefix=code)
    if not form.is_valid():
        messages.error(request, _("Choose the report's period."))
        return redirect("wulian:report_center")
    try:
        job = submit(request.user, code, form.cleaned_data)
    except BrokerUnavailable:
        messages.error(request, broker_down_message())
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
    job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk, status=ReportStatus.FAILED)
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
def download(request, pk):
    job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk)
    if job.status != ReportStatus.DONE or not job.file:  # never a file that is being (re)built
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
