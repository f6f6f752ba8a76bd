"""The rights of a person in the data (个人信息保护法 第44–47条, issue 21): their data as a file, and anonymisation
that keeps every figure of the dashboards; both logged."""

from __future__ import annotations

import json

from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from volunteers.models import Volunteer
from volunteers.testing import make_activity, make_hours, make_volunteer, valid_id_number
from wulian import dashboard
from wulian.models import AccessLog, AuditEvent, DashboardFigure
from wulian.models.security import AuditAction

ID = valid_id_number(91)


def test_a_persons_data_file_holds_the_record_hours_activities_and_is_logged(as_user, cast):
    volunteer = make_volunteer(cast.binhe, name="林静", id_number=ID, phone="13812340000")
    activity = make_activity(cast.binhe, title="重阳节敬老")
    make_hours(activity, volunteer, hours="3.00")
    response = as_user("binhe").get(reverse("volunteers:volunteer_personal_data", args=[volunteer.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["record"]["name"] == "林静" and data["record"]["id_number"] == ID
    assert data["record"]["phone"] == "13812340000"
    assert data["hours"][0]["hours"] == "3.00" and data["activities"] == ["重阳节敬老"]
    assert AccessLog.objects.filter(action="export_pd", object_id=str(volunteer.pk)).exists()
    assert AuditEvent.objects.filter(action=AuditAction.PERSON, user=cast.user_binhe).exists()
    # Roles that may not reveal personal data get no file.
    assert as_user("leader").get(reverse("volunteers:volunteer_personal_data", args=[volunteer.pk])).status_code == 403


def test_anonymisation_removes_the_person_keeps_the_figures_and_is_logged(as_user, cast):
    year = timezone.localdate().year
    volunteer = make_volunteer(cast.binhe, name="林静", id_number=ID, phone="13812340000")
    activity = make_activity(cast.binhe, title="重阳节敬老")
    make_hours(activity, volunteer, hours="3.00")
    client = as_user("shoushan")
    client.post(volunteer.get_url("edit"), {
        "name": "林静静", "id_type": "resident_id", "id_number": ID, "volunteer_number": volunteer.volunteer_number,
        "phone": "13812340000", "community": cast.binhe.pk, "skills": "", "registered_on": "2024-03-01",
        "status": "active",
    })
    dashboard.refresh(year)
    before = sorted(DashboardFigure.objects.filter(year=year).values_list("region_id", "key", "value"))
    assert before

    response = client.post(reverse("volunteers:volunteer_anonymise", args=[volunteer.pk]), follow=True)
    assert "已匿名化" in response.content.decode()
    volunteer = Volunteer.objects.get(pk=volunteer.pk)
    assert volunteer.name == "（已匿名）" and volunteer.id_number != ID and volunteer.phone == ""
    assert not Volunteer.objects.filter(id_number=ID).exists()
    assert volunteer.hours.get().hours == 3  # the hours stay
    history = " ".join(str(e.changes) + e.object_repr for e in LogEntry.objects.get_for_object(volunteer))
    assert "林静" not in history and ID[-4:] not in history
    dashboard.refresh(year)
    after = sorted(DashboardFigure.objects.filter(year=year).values_list("region_id", "key", "value"))
    assert after == before
    assert AuditEvent.objects.filter(action=AuditAction.PERSON, detail__startswith="anonymised").exists()
    # Only those who may delete a volunteer may anonymise one.
    other = make_volunteer(cast.binhe)
    assert as_user("binhe").post(reverse("volunteers:volunteer_anonymise", args=[other.pk])).status_code == 404
