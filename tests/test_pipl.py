"""The rights of a person in the data (个人信息保护法 第44–47条, issue 21): their data as a file, and anonymisation
that keeps every figure of the dashboards; both logged."""

from __future__ import annotations

import datetime as dt
import io
import json

from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stations.models import StaffAssignment, StaffMember
from volunteers.models import Volunteer
from volunteers.testing import make_activity, make_hours, make_volunteer, valid_id_number
from wulian import dashboard
from wulian.models import AccessLog, AttainmentFigure, AuditEvent, DashboardFigure
from wulian.models.security import AuditAction
from wulian.tasks import anonymise_expired as anonymise_expired_task

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


# -- station staff: the same mechanism (wulian/pipl.py) -------------------------------------------------------


def _staff_with_a_record(cast, *, end=None):
    from stations.models import Activity, Certificate, Training
    from tests.stations_helpers import station_at

    station = station_at(cast.shoushan)
    person = StaffMember.objects.create(name="周敏", region=cast.shoushan, phone="13900001111", notes="家住首善街道",
                                        is_professional=True)
    StaffAssignment.objects.create(person=person, station=station, start_date=dt.date(2020, 3, 1), end_date=end,
                                   notes="周敏负责老年服务")
    Certificate.objects.create(person=person, level="assistant", number="Z2020610001", year=2020)
    training = Training.objects.create(organizer=station, topic="个案工作", date=dt.date(2021, 5, 6), hours="6.0")
    training.attendees.add(person)
    Activity.objects.create(station=station, kind="visit", title="重阳节探访", date=dt.date(2021, 10, 14))
    return station, person


def test_a_staff_members_data_file_holds_record_posts_certificates_trainings_work_logs_and_is_logged(as_user, cast):
    _, person = _staff_with_a_record(cast)
    url = reverse("stations:staffmember_personal_data", args=[person.pk])
    page = as_user("shoushan").get(person.get_absolute_url()).content.decode()
    assert url in page  # offered on the record's page
    response = as_user("shoushan").get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["record"]["name"] == "周敏" and data["record"]["phone"] == "13900001111"
    assert data["assignments"][0]["start_date"] == "2020-03-01"
    assert data["certificates"] == [{"level": "assistant", "number": "Z2020610001", "year": 2020}]
    assert data["trainings"][0]["topic"] == "个案工作"
    assert [log["title"] for log in data["work_logs"]] == ["重阳节探访"]
    assert AccessLog.objects.filter(action="export_pd", object_id=str(person.pk)).exists()
    assert AuditEvent.objects.filter(action=AuditAction.PERSON, user=cast.user_shoushan,
                                     object__startswith="stations.StaffMember").exists()
    assert as_user("leader").get(url).status_code == 403
    assert as_user("hengqu").get(url).status_code == 404  # another town's person


def test_anonymising_a_staff_member_keeps_the_figures_and_removes_the_person(as_user, cast):
    from stations.models import Certificate

    year = timezone.localdate().year
    _, person = _staff_with_a_record(cast)
    client = as_user("shoushan")
    client.post(person.get_url("edit"), {"name": "周敏敏", "region": cast.shoushan.pk, "phone": "13900001111",
                                         "is_professional": "on", "notes": "家住首善街道"})
    dashboard.refresh(year)
    before = sorted(DashboardFigure.objects.filter(year=year).values_list("region_id", "key", "value"))
    attainment_before = sorted(AttainmentFigure.objects.filter(year=year).values_list("region_id", "target_id", "value"))
    assert before and attainment_before

    response = client.post(reverse("stations:staffmember_anonymise", args=[person.pk]), follow=True)
    assert "已匿名化" in response.content.decode()
    person = StaffMember.objects.get(pk=person.pk)
    assert person.name == "（已匿名）" and person.phone == "" and person.notes == ""
    assert person.is_professional and person.assignments.count() == 1 and person.trainings.count() == 1
    certificate = Certificate.objects.get(person=person)
    assert certificate.level == "assistant" and certificate.number != "Z2020610001"
    history = " ".join(
        str(e.changes) + e.object_repr
        for obj in (person, certificate, person.assignments.get())
        for e in LogEntry.objects.get_for_object(obj)
    )
    assert "周敏" not in history and "Z2020610001" not in history and "1111" not in history
    dashboard.refresh(year)
    assert sorted(DashboardFigure.objects.filter(year=year).values_list("region_id", "key", "value")) == before
    assert sorted(AttainmentFigure.objects.filter(year=year).values_list("region_id", "target_id", "value")) == \
        attainment_before
    assert AuditEvent.objects.filter(action=AuditAction.PERSON, object=f"stations.StaffMember#{person.pk}",
                                     detail__startswith="anonymised").exists()
    assert as_user("binhe").post(reverse("stations:staffmember_anonymise", args=[person.pk])).status_code == 404


# -- retention --------------------------------------------------------------------------------------------------


def test_people_past_their_retention_period_are_listed_by_a_dry_run_then_anonymised_and_audited(cast, settings):
    settings.WULIAN_RETENTION_YEARS = {"volunteers": 3, "staff": 2}
    today = timezone.localdate()
    old_day = today - dt.timedelta(days=4 * 365)
    gone = make_volunteer(cast.binhe, name="王久别", registered_on=old_day - dt.timedelta(days=30))
    make_hours(make_activity(cast.binhe, title="旧活动", date=old_day), gone, hours="2.00")
    recent = make_volunteer(cast.binhe, name="李常来", registered_on=old_day)
    make_hours(make_activity(cast.binhe, title="新活动", date=today - dt.timedelta(days=30)), recent, hours="1.00")
    newcomer = make_volunteer(cast.binhe, name="赵新", registered_on=today)
    _, left = _staff_with_a_record(cast, end=today - dt.timedelta(days=3 * 365))
    still = StaffMember.objects.create(name="钱在岗", region=cast.shoushan)
    StaffAssignment.objects.create(person=still, station=left.assignments.get().station, start_date=dt.date(2015, 1, 1))
    figures_year = old_day.year
    dashboard.refresh(figures_year)
    before = sorted(DashboardFigure.objects.filter(year=figures_year).values_list("region_id", "key", "value"))

    out = io.StringIO()
    call_command("anonymise_expired", "--dry-run", stdout=out)
    listed = out.getvalue()
    assert "王久别" in listed and "周敏" in listed and "2 would be anonymised" in listed
    assert "李常来" not in listed and "赵新" not in listed and "钱在岗" not in listed
    assert Volunteer.objects.get(pk=gone.pk).name == "王久别"  # the dry run changed nothing
    assert not AuditEvent.objects.filter(action=AuditAction.PERSON).exists()

    assert "anonymise_expired" in settings.CELERY_BEAT_SCHEDULE["anonymise-after-retention"]["task"]
    assert anonymise_expired_task() == 2  # the daily beat task
    assert Volunteer.objects.get(pk=gone.pk).name == "（已匿名）"
    assert StaffMember.objects.get(pk=left.pk).name == "（已匿名）"
    for person in (recent, newcomer):
        assert Volunteer.objects.get(pk=person.pk).name == person.name
    assert StaffMember.objects.get(pk=still.pk).name == "钱在岗"
    events = AuditEvent.objects.filter(action=AuditAction.PERSON, detail__startswith="anonymised (retention")
    assert sorted(events.values_list("object", flat=True)) == sorted(
        [f"stations.StaffMember#{left.pk}", f"volunteers.Volunteer#{gone.pk}"])
    dashboard.refresh(figures_year)
    assert sorted(DashboardFigure.objects.filter(year=figures_year).values_list("region_id", "key", "value")) == before
    assert anonymise_expired_task() == 0  # once only
