"""The rights of a volunteer in the data (个人信息保护法 第44–47条), issue 21.

- ``export``: what is held about one person — the record with its full values, hours, activities, teams and
  certificates — as a JSON file, for staff allowed to reveal personal data; logged as an export of personal data.
- ``anonymise``: deletion on request or after the retention period, as anonymisation: name, ID number, phone and
  skills are replaced, the history of the record loses them too, and the hours, the community, the status and the
  registration date stay, so every count and sum on the dashboards is what it was. Logged.
Correction is the normal edit page (in the history like any change).
"""

from __future__ import annotations

import json
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.choices import AccessAction
from wulian.models import AccessLog
from wulian.personal import can_reveal, scrub_history
from wulian.security import audit
from wulian.security.audit import AuditAction

from .models import ServiceHours, Volunteer

ANONYMOUS_NAME = "（已匿名）"


def person_record(volunteer: Volunteer) -> dict:
    hours = (
        ServiceHours.objects.filter(volunteer=volunteer).select_related("activity").order_by("activity__date", "pk")
    )
    return {
        "generated_at": timezone.now().isoformat(),
        "record": {
            "volunteer_number": volunteer.volunteer_number, "name": volunteer.name, "id_type": volunteer.id_type,
            "id_number": volunteer.id_number, "phone": volunteer.phone, "community": str(volunteer.community),
            "skills": volunteer.skills, "registered_on": volunteer.registered_on.isoformat(),
            "status": volunteer.status,
        },
        "hours": [
            {"activity": h.activity.title, "date": h.activity.date.isoformat(), "hours": str(h.hours or ""),
             "status": h.status, "source": h.source}
            for h in hours
        ],
        "activities": sorted({h.activity.title for h in hours}),
        "teams": [str(t) for t in volunteer.teams.order_by("name")],
        "certificates": [
            {"number": c.number, "period": [c.period_start.isoformat(), c.period_end.isoformat()],
             "hours": str(c.hours), "issued_on": c.issued_on.isoformat()}
            for c in volunteer.certificates.order_by("issued_on")
        ],
    }


def _volunteer(request, pk, action):
    volunteer = Volunteer.objects.restrict(request.user, action).select_related("community").filter(pk=pk).first()
    if volunteer is None:
        raise Http404
    return volunteer


@login_required
def export(request, pk):
    if not can_reveal(request.user):
        raise PermissionDenied
    volunteer = _volunteer(request, pk, "change")
    AccessLog.record(request, AccessAction.EXPORT_PERSONAL, Volunteer, object_id=volunteer.pk)
    audit.record_request(request, AuditAction.PERSON, obj=audit.describe(volunteer), detail="export of a person's data")
    body = json.dumps(person_record(volunteer), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{volunteer.volunteer_number}.json"'
    return response


def anonymise_volunteer(volunteer: Volunteer) -> None:
    """Replace what identifies the person; keep what the figures count."""
    with transaction.atomic():
        volunteer.name = ANONYMOUS_NAME
        volunteer.id_number = f"ANON{secrets.token_hex(8).upper()}"
        volunteer.phone = ""
        volunteer.skills = ""
        volunteer.save()
        scrub_history(volunteer, ("name", "id_number", "phone", "skills"), ANONYMOUS_NAME)


@login_required
@require_POST
def anonymise(request, pk):
    volunteer = _volunteer(request, pk, "delete")  # those who may delete a volunteer may anonymise one
    anonymise_volunteer(volunteer)
    audit.record_request(request, AuditAction.PERSON, obj=f"volunteers.Volunteer#{volunteer.pk}",
                         detail="anonymised (hours kept)")
    messages.success(request, _("The volunteer was anonymised: the hours stay, the person does not."))
    return redirect(volunteer.get_absolute_url())
