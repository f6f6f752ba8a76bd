from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from wulian import writes
from wulian.choices import RegionLevel
from wulian.models import Region
from wulian.models.base import user_can
from wulian.net import client_address
from wulian.throttle import CERTIFICATE_VERIFY
from wulian.subqueries import count_subquery, sum_subquery
from wulian.views import generic

from . import certificates
from .checkin import CheckInRefused, check_in, check_out, guard_attempts, identify, record_failure
from .choices import HoursSource, HoursStatus
from .filtersets import (
    ServiceHoursFilterSet,
    VolunteerActivityFilterSet,
    VolunteerCertificateFilterSet,
    VolunteerFilterSet,
    VolunteerTeamFilterSet,
)
from .forms import (
    BulkHoursForm,
    CheckInForm,
    RatesForm,
    ServiceHoursForm,
    VolunteerActivityForm,
    VolunteerCertificateForm,
    VolunteerForm,
    VolunteerTeamForm,
)
from .importers import ServiceHoursImporter, VolunteerImporter
from .models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam
from .rates import ACTIVITIES, PARTICIPATION, REGISTRATION, column_requirement, rates_under, standards_for
from .tables import (
    ServiceHoursTable,
    VolunteerActivityTable,
    VolunteerCertificateTable,
    VolunteerTable,
    VolunteerTeamTable,
)

# -- volunteers ---------------------------------------------------------------------------------------------


class VolunteerListView(generic.ObjectListView):
    model = Volunteer
    queryset = Volunteer.objects.select_related("community")
    table_class = VolunteerTable
    filterset_class = VolunteerFilterSet
    import_url_name = "volunteers:volunteer_import"


class VolunteerDetailView(generic.ObjectDetailView):
    """ID and phone show masked; roles allowed to press “显示” (the generic detail view's reveal, logged)."""

    model = Volunteer
    queryset = Volunteer.objects.select_related("community")
    template_name = "volunteers/volunteer_detail.html"
    detail_fields = [
        "volunteer_number", "name", "id_type", "id_number", "phone", "community", "skills", "registered_on", "status",
    ]
    def extra_context(self, obj):
        user = self.request.user
        hours = (
            ServiceHours.objects.restrict(user)
            .filter(volunteer=obj)
            .select_related("activity")
            .order_by("-activity__date")
        )
        totals = hours.aggregate(
            confirmed=Sum("hours", filter=Q(status=HoursStatus.CONFIRMED)),
            activities=Count("pk", filter=Q(status=HoursStatus.CONFIRMED)),
        )
        return {
            "recent_hours": hours[:20],
            "totals": totals,
            "teams": obj.teams.restrict(user).order_by("name"),
            "certificates": obj.certificates.restrict(user).order_by("-issued_on")[:20],
            "can_issue": user_can(user, VolunteerCertificate, "add"),
        }


class VolunteerEditView(generic.ObjectEditView):
    model = Volunteer
    form_class = VolunteerForm


class VolunteerDeleteView(generic.ObjectDeleteView):
    model = Volunteer


class VolunteerImportView(generic.ObjectImportView):
    importer_class = VolunteerImporter


# -- teams ----------------------------------------------------------------------------------------------------


class VolunteerTeamListView(generic.ObjectListView):
    model = VolunteerTeam
    queryset = VolunteerTeam.objects.select_related("region", "leader").annotate(
        member_count=count_subquery(VolunteerTeam.members.through.objects.all(), "volunteerteam")
    )
    table_class = VolunteerTeamTable
    filterset_class = VolunteerTeamFilterSet


class VolunteerTeamDetailView(generic.ObjectDetailView):
    model = VolunteerTeam
    queryset = VolunteerTeam.objects.select_related("region", "leader")
    template_name = "volunteers/volunteerteam_detail.html"
    detail_fields = ["name", "region", "organising_body", "leader", "founded_on", "description"]
    related = (
        generic.RelatedList("members", Volunteer, "teams", ("volunteer_number",), ("community",)),
        generic.RelatedList("activities", VolunteerActivity, "team", ("-date",), limit=20),
    )


class VolunteerTeamEditView(generic.ObjectEditView):
    model = VolunteerTeam
    form_class = VolunteerTeamForm


class VolunteerTeamDeleteView(generic.ObjectDeleteView):
    model = VolunteerTeam


# -- activities -----------------------------------------------------------------------------------------------


def check_in_url(request, activity) -> str:
    return request.build_absolute_uri(reverse("volunteers:check_in", args=[activity.token]))


class VolunteerActivityListView(generic.ObjectListView):
    model = VolunteerActivity
    period_field = "date"
    queryset = VolunteerActivity.objects.select_related("region", "team", "organization").annotate(
        volunteer_count=count_subquery(ServiceHours.objects.filter(status=HoursStatus.CONFIRMED), "activity"),
        confirmed_hours=sum_subquery(ServiceHours.objects.filter(status=HoursStatus.CONFIRMED), "activity", "hours"),
    )
    table_class = VolunteerActivityTable
    filterset_class = VolunteerActivityFilterSet


class VolunteerActivityDetailView(generic.ObjectDetailView):
    model = VolunteerActivity
    queryset = VolunteerActivity.objects.select_related("region", "team", "organization", "log_activity")
    template_name = "volunteers/volunteeractivity_detail.html"
    detail_fields = [
        "title", "region", "date", "start_time", "end_time", "place", "team", "organization", "organiser_name",
        "content", "status", "log_activity",
    ]

    def extra_context(self, obj, bulk_form=None):
        user = self.request.user
        records = ServiceHours.objects.restrict(user).filter(activity=obj).select_related("volunteer").order_by(
            "status", "volunteer__volunteer_number"
        )
        can_record = (
            user_can(user, ServiceHours, "add") and VolunteerActivity.objects.restrict(user, "change").filter(pk=obj.pk).exists()
        )
        url = check_in_url(self.request, obj)
        return {
            "records": records,
            "totals": records.aggregate(
                confirmed=Sum("hours", filter=Q(status=HoursStatus.CONFIRMED)),
                pending=Count("pk", filter=Q(status=HoursStatus.PENDING)),
            ),
            "can_record": can_record,
            "bulk_form": bulk_form or (BulkHoursForm(user=user, activity=obj) if can_record else None),
            "check_in_url": url,
            "qr_svg": mark_safe(segno.make(url, error="m").svg_inline(scale=4, dark="#222")),  # noqa: S308 - our own URL
            "hours_statuses": HoursStatus,
        }


class VolunteerActivityEditView(generic.ObjectEditView):
    """Also opened from a work-log entry (``?log_activity=<pk>``, issue 23 F): prefilled from the entry, and once
    saved it leads straight to the hours entry of the new activity."""

    model = VolunteerActivity
    form_class = VolunteerActivityForm

    def initial_from_query(self, form) -> dict:
        initial = super().initial_from_query(form)
        if "log_activity" in initial:
            entry = form.fields["log_activity"].queryset.select_related("station").get(pk=initial["log_activity"])
            initial.update(form.prefill_from_log(entry))
        return initial

    def success_url(self, obj):
        if obj.log_activity_id and not obj.hours.exists():
            return obj.get_absolute_url() + "#hours"
        return super().success_url(obj)


class VolunteerActivityDeleteView(generic.ObjectDeleteView):
    model = VolunteerActivity


class ActivityHoursView(VolunteerActivityDetailView):
    """POST on an activity: record the same hours for several volunteers (all or none, through the write path).

    Confirming or rejecting self-recorded hours is the hours' own transition (``ServiceHours.workflow``), posted
    to the generic bulk action from the activity's list of records.
    """

    def get_activity(self):
        if not user_can(self.request.user, ServiceHours, "add"):
            raise PermissionDenied
        return get_object_or_404(
            VolunteerActivity.objects.restrict(self.request.user, "change"), pk=self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        return redirect(reverse("volunteers:volunteeractivity_detail", args=[self.kwargs["pk"]]))

    def post(self, request, *args, **kwargs):
        activity = self.get_activity()
        form = BulkHoursForm(request.POST, user=request.user, activity=activity)
        if form.is_valid():
            now = timezone.now()

            def save():
                # One save per record (not bulk_create), so each lands in the history with who entered it.
                return [
                    ServiceHours.objects.create(
                        activity=activity,
                        volunteer=volunteer,
                        hours=form.cleaned_data["hours"],
                        status=HoursStatus.CONFIRMED,
                        source=HoursSource.STAFF,
                        reviewed_by=request.user,
                        reviewed_at=now,
                    )
                    for volunteer in form.cleaned_data["volunteers"]
                ]

            try:
                writes.write(request.user, "add", save)
            except writes.Refused as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request, _("Hours recorded for %(count)d volunteers.") % {"count": len(form.cleaned_data["volunteers"])}
                )
                return redirect(activity.get_absolute_url() + "#hours")
        messages.error(request, _("Nothing was saved: correct the hours form below."))
        self._bulk_form = form
        return super().get(request, *args, **kwargs)

    def extra_context(self, obj, bulk_form=None):
        return super().extra_context(obj, bulk_form=getattr(self, "_bulk_form", None))


class ActivityQrView(generic.ScopedView):
    """The activity's check-in QR code as PNG, for printing on a poster."""

    model = VolunteerActivity

    def get(self, request, pk):
        activity = get_object_or_404(self.get_queryset("view"), pk=pk)
        buffer = io.BytesIO()
        segno.make(check_in_url(request, activity), error="m").save(buffer, kind="png", scale=10, border=2)
        response = HttpResponse(buffer.getvalue(), content_type="image/png")
        response["Content-Disposition"] = content_disposition_header(False, f"{activity.title}.png")
        return response


class ActivityPosterView(generic.ScopedView):
    """A printable A4 poster of the activity: title, date, place, the check-in QR code and how to use it."""

    model = VolunteerActivity

    def get(self, request, pk):
        activity = get_object_or_404(self.get_queryset("view").select_related("region"), pk=pk)
        url = check_in_url(request, activity)
        qr = segno.make(url, error="m").svg_inline(scale=9, dark="#000")
        context = {"activity": activity, "check_in_url": url, "qr_svg": mark_safe(qr)}  # noqa: S308 - our own URL
        return render(request, "volunteers/activity_poster.html", context)


def check_in_manifest(request, token):
    """A web-app manifest so a volunteer can add the activity's check-in page to a phone's home screen."""
    from django.templatetags.static import static

    activity = get_object_or_404(VolunteerActivity, token=token)
    manifest = {
        "name": f"{_('Volunteer check-in')} · {activity.title}",
        "short_name": str(_("Check-in")),
        "lang": "zh-CN",
        "start_url": reverse("volunteers:check_in", args=[token]),
        "scope": reverse("volunteers:check_in", args=[token]),
        "display": "standalone",
        "background_color": "#f5f6f8",
        "theme_color": "#b3261e",
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@method_decorator(never_cache, name="dispatch")
class CheckInView(View):
    """The public check-in page behind the activity's QR code: no account, mobile number + birthday (MMDD)."""

    template_name = "volunteers/check_in.html"

    def get_activity(self, token):
        return get_object_or_404(VolunteerActivity.objects.select_related("region"), token=token)

    def get(self, request, token):
        activity = self.get_activity(token)
        return render(request, self.template_name, {"activity": activity, "form": CheckInForm()})

    def post(self, request, token):
        activity = self.get_activity(token)
        form = CheckInForm(request.POST)
        context = {"activity": activity, "form": form}
        if form.is_valid():
            action = request.POST.get("action")
            address = client_address(request)
            number = form.cleaned_data["phone"]
            try:
                guard_attempts(activity, number, address)
                try:
                    volunteer = identify(number, form.cleaned_data["birth_mmdd"])
                except CheckInRefused:
                    record_failure(activity, number, address)
                    raise
                if action == "check_out":
                    record = check_out(activity, volunteer)
                    context["done"] = _("Checked out. You served %(hours)s hours; the staff will confirm them.") % {
                        "hours": record.hours
                    }
                else:
                    record = check_in(activity, volunteer)
                    context["done"] = _("Checked in at %(time)s. Remember to check out when you leave.") % {
                        "time": timezone.localtime(record.checked_in_at).strftime("%H:%M")
                    }
                context["greeting"] = certificates.mask_name(volunteer.name)
                context["form"] = CheckInForm()
            except CheckInRefused as exc:
                context["refused"] = exc.message
        return render(request, self.template_name, context, status=200)


# -- hours ----------------------------------------------------------------------------------------------------


class ServiceHoursListView(generic.ObjectListView):
    model = ServiceHours
    period_field = "activity__date"
    totals = (("hours", "小时"),)
    queryset = ServiceHours.objects.select_related("activity", "volunteer")
    table_class = ServiceHoursTable
    filterset_class = ServiceHoursFilterSet
    import_url_name = "volunteers:servicehours_import"


class ServiceHoursDetailView(generic.ObjectDetailView):
    model = ServiceHours
    queryset = ServiceHours.objects.select_related("activity", "volunteer", "reviewed_by")
    detail_fields = [
        "activity", "volunteer", "hours", "status", "source", "checked_in_at", "checked_out_at", "reviewed_by",
        "reviewed_at", "note",
    ]


class ServiceHoursEditView(generic.ObjectEditView):
    model = ServiceHours
    form_class = ServiceHoursForm


class ServiceHoursDeleteView(generic.ObjectDeleteView):
    model = ServiceHours


class ServiceHoursImportView(generic.ObjectImportView):
    importer_class = ServiceHoursImporter


# -- certificates ---------------------------------------------------------------------------------------------


class VolunteerCertificateListView(generic.ObjectListView):
    model = VolunteerCertificate
    period_field = "issued_on"
    mine_field = "issued_by"
    queryset = VolunteerCertificate.objects.select_related("volunteer", "issued_by")
    table_class = VolunteerCertificateTable
    filterset_class = VolunteerCertificateFilterSet


class VolunteerCertificateDetailView(generic.ObjectDetailView):
    model = VolunteerCertificate
    queryset = VolunteerCertificate.objects.select_related("volunteer", "issued_by")
    template_name = "volunteers/volunteercertificate_detail.html"
    detail_fields = [
        "number", "volunteer", "period_start", "period_end", "hours", "activities_count", "issuer_name",
        "person_in_charge", "handler", "contact_phone", "remarks", "issued_on", "issued_by",
    ]


class VolunteerCertificateIssueView(generic.ObjectEditView):
    """Issue (and register) a certificate; add only — an issued certificate is never edited."""

    model = VolunteerCertificate
    form_class = VolunteerCertificateForm
    template_name = "volunteers/volunteercertificate_issue.html"

    def get_object(self):
        self.check_model_permission("add")
        return VolunteerCertificate()

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj, data=request.POST)
        if not form.is_valid():
            return self.render_form(obj, form)
        issued = {}

        def save():
            certificate, issued["new"] = certificates.issue_once(form.save(commit=False), request.user)
            return certificate

        try:
            certificate = writes.write(request.user, "add", save)
        except writes.Refused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.render_form(VolunteerCertificate(), form)
        if issued["new"]:
            messages.success(request, _("Certificate %(number)s was issued.") % {"number": certificate.number})
        else:
            # Issuing is idempotent: the same volunteer and period (a double click, a second clerk) get the first.
            messages.info(
                request,
                _("A certificate for this volunteer and period was already issued on %(date)s (number %(number)s); it was not issued again.")
                % {"date": formats.date_format(certificate.issued_on, "DATE_FORMAT"), "number": certificate.number},
            )
        return redirect(certificate.get_absolute_url())


class VolunteerCertificatePdfView(generic.ScopedView):
    model = VolunteerCertificate

    def get(self, request, pk):
        certificate = get_object_or_404(self.get_queryset("view").select_related("volunteer"), pk=pk)
        response = HttpResponse(certificates.certificate_pdf(certificate), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, f"志愿服务记录证明-{certificate.number}.pdf")
        return response


class CertificateVerifyView(View):
    """Public: is this a certificate we issued? Shows the masked name, hours, period and issuer only."""

    template_name = "volunteers/certificate_verify.html"

    def get(self, request):
        number = (request.GET.get("number") or "").strip().upper()[:30]
        certificate = None
        throttled = bool(number) and not CERTIFICATE_VERIFY.allow(client_address(request))
        if number and not throttled:
            certificate = VolunteerCertificate.objects.select_related("volunteer").filter(number=number).first()
        return render(
            request,
            self.template_name,
            {
                "number": number,
                "certificate": certificate,
                "throttled": throttled,
                "masked_name": certificates.mask_name(certificate.volunteer.name) if certificate else "",
            },
            status=429 if throttled else 200,
        )


# -- rates ----------------------------------------------------------------------------------------------------


class RatesView(generic.ScopedView):
    """Registration and participation rates, activities and hours, for a region and its children, by year."""

    model = Volunteer
    template_name = "volunteers/rates.html"

    def get(self, request):
        user = request.user
        self.check_model_permission("view")
        this_year = timezone.localdate().year
        first = VolunteerActivity.objects.restrict(user).order_by("date").values_list("date__year", flat=True).first()
        years = list(range(this_year, min(first or this_year, this_year) - 1, -1))
        form = RatesForm(request.GET or None, user=user, years=years)
        root = user.region
        year = this_year
        if form.is_valid():
            root = form.cleaned_data.get("region") or root
            year = form.cleaned_data.get("year") or year
        if root is None:  # a superuser without a scope: the first county
            root = Region.objects.filter(level=RegionLevel.COUNTY).order_by("path").first()
        if root is None:
            raise PermissionDenied
        total, rows, book, page = rates_under(root, year, request.GET.get("page"))
        ancestors = Region.objects.restrict(user).filter(path__in=root.ancestors_path_prefixes(), level__gte=RegionLevel.COUNTY)
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "root": root,
                "year": year,
                "total": total,
                "rows": rows,
                "page_obj": page,
                "ancestors": ancestors,
                # The documents the rows follow and what each asks (from the policy targets, never a copy).
                "standards": standards_for(book, [total.region, *(r.region for r in rows)]),
                # Each column's requirement when every child row has the same one ("" none has, None they
                # differ); the total row (a street the document asks nothing of) says its own only if it has one.
                "requirements": {
                    "registration": column_requirement(rows or [total], REGISTRATION),
                    "participation": column_requirement(rows or [total], PARTICIPATION),
                    "activities": column_requirement(rows or [total], ACTIVITIES),
                },
            },
        )
