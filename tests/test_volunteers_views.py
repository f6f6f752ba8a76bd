"""Volunteers, teams, activities, hours and certificates: the scope matrix of every page, masking, reveal."""

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from tests.matrix import ScopeMatrix
from volunteers.choices import HoursStatus
from volunteers.models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian.choices import AccessAction
from wulian.models import AccessLog

REGION_VISIBLE = {
    "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a",
    "agency": "", "evaluator": "", "leader": "ab",
}
REGION_CHANGEABLE = {
    "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a",
    "agency": "", "evaluator": "", "leader": "",
}
NOBODY = {"bureau": "", "shoushan": "", "hengqu": "", "binhe": "", "agency": "", "evaluator": "", "leader": ""}
REGION_USERS = ("bureau", "shoushan", "hengqu", "binhe", "leader")
WORKERS = ("bureau", "shoushan", "hengqu", "binhe")


class TestVolunteerViews(ScopeMatrix):
    model = Volunteer
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = REGION_VISIBLE
    changeable = REGION_CHANGEABLE
    # Deleting from the registry is for the town and the bureau; a community marks a volunteer inactive.
    deletable = {
        "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "",
        "agency": "", "evaluator": "", "leader": "",
    }
    list_users = REGION_USERS
    add_users = WORKERS

    def make(self, cast, place, key):
        return make_volunteer(place, name=f"{place.name}志愿者{key}")


class TestVolunteerTeamViews(ScopeMatrix):
    model = VolunteerTeam
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = REGION_VISIBLE
    changeable = REGION_CHANGEABLE
    list_users = REGION_USERS
    add_users = WORKERS

    def make(self, cast, place, key):
        team = VolunteerTeam.objects.create(name=f"{place.name}服务队{key}", region=place, organising_body="居委会")
        team.members.add(make_volunteer(place))
        return team


class TestVolunteerActivityViews(ScopeMatrix):
    model = VolunteerActivity
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = REGION_VISIBLE
    changeable = REGION_CHANGEABLE
    list_users = REGION_USERS
    add_users = WORKERS

    def make(self, cast, place, key):
        activity = make_activity(place, title=f"{place.name}活动{key}")
        make_hours(activity, make_volunteer(place))
        return activity


class TestServiceHoursViews(ScopeMatrix):
    model = ServiceHours
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = REGION_VISIBLE
    changeable = REGION_CHANGEABLE
    list_users = REGION_USERS
    add_users = WORKERS

    def make(self, cast, place, key):
        return make_hours(make_activity(place, title=f"{place.name}活动{key}"), make_volunteer(place, name=f"张{key}"))


class TestVolunteerCertificateViews(ScopeMatrix):
    model = VolunteerCertificate
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = REGION_VISIBLE
    changeable = NOBODY  # an issued certificate is archived, never edited or deleted
    has_edit = False
    has_delete = False
    list_users = REGION_USERS
    add_users = WORKERS

    def make(self, cast, place, key):
        volunteer = make_volunteer(place)
        return VolunteerCertificate.objects.create(
            number=VolunteerCertificate.generate_number(volunteer.registered_on),
            volunteer=volunteer,
            period_start="2024-01-01",
            period_end="2024-12-31",
            hours=Decimal("12.50"),
            issuer_name="测试居委会",
            person_in_charge="王主任",
            handler="刘芳",
            contact_phone="0917-5500000",
            issued_by=cast.user_bureau,
        )


# -- masking and reveal -------------------------------------------------------------------------------------


def _volunteer(cast):
    return make_volunteer(cast.binhe, name="李秀英", id_number="11010119900307123X", phone="13812345678")


def test_export_masks_for_a_leader(as_user, cast):
    _volunteer(cast)
    response = as_user("leader").get(reverse("volunteers:volunteer_list"), {"export": "xlsx"})
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    cells = {str(c) for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c is not None}
    assert "110101********123X" in cells and "11010119900307123X" not in cells
    assert AccessLog.objects.filter(action=AccessAction.EXPORT, model="volunteers.Volunteer").exists()


def test_detail_masks_until_revealed_and_the_reveal_is_logged(as_user, cast):
    volunteer = _volunteer(cast)
    client = as_user("binhe")
    body = client.get(volunteer.get_absolute_url()).content.decode()
    assert "110101********123X" in body and "11010119900307123X" not in body
    assert 'id="reveal-button"' in body
    assert not AccessLog.objects.filter(action=AccessAction.REVEAL).exists()
    body = client.post(volunteer.get_absolute_url()).content.decode()
    assert "11010119900307123X" in body and "13812345678" in body
    log = AccessLog.objects.get(action=AccessAction.REVEAL)
    assert (log.user, log.model, log.object_id) == (cast.user_binhe, "volunteers.Volunteer", str(volunteer.pk))


def test_a_leader_cannot_reveal(as_user, cast):
    volunteer = _volunteer(cast)
    client = as_user("leader")
    assert 'id="reveal-button"' not in client.get(volunteer.get_absolute_url()).content.decode()
    assert client.post(volunteer.get_absolute_url()).status_code == 403
    assert not AccessLog.objects.filter(action=AccessAction.REVEAL).exists()


def test_nobody_reveals_a_volunteer_outside_their_area(as_user, cast):
    volunteer = make_volunteer(cast.hengqu_village)
    assert as_user("shoushan").post(volunteer.get_absolute_url()).status_code == 404
    assert not AccessLog.objects.exists()


def test_the_volunteer_search_does_not_match_id_numbers(as_user, cast):
    _volunteer(cast)
    body = as_user("bureau").get(reverse("volunteers:volunteer_list"), {"q": "1101011990"}).content.decode()
    assert "李秀英" not in body


# -- registering ----------------------------------------------------------------------------------------------


def _volunteer_form(cast, **overrides):
    data = {
        "name": "王建国", "id_type": "resident_id", "id_number": "11010519491231002x", "volunteer_number": "",
        "phone": "13900001111", "community": cast.binhe.pk, "skills": "驾驶", "registered_on": "2024-03-01",
        "status": "active",
    }
    data.update(overrides)
    return data


def test_a_community_worker_registers_a_volunteer_and_gets_a_number(as_user, cast):
    response = as_user("binhe").post(reverse("volunteers:volunteer_add"), _volunteer_form(cast))
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(name="王建国")
    assert volunteer.id_number == "11010519491231002X"  # normalised
    assert len(volunteer.volunteer_number) == 10 and volunteer.volunteer_number.startswith("2024")


def test_a_bad_checksum_is_refused_with_a_chinese_message(as_user, cast):
    response = as_user("binhe").post(reverse("volunteers:volunteer_add"), _volunteer_form(cast, id_number="110105194912310021"))
    assert response.status_code == 200
    assert "校验码" in response.content.decode()
    assert not Volunteer.objects.filter(name="王建国").exists()


def test_the_same_id_number_cannot_register_twice(as_user, cast):
    make_volunteer(cast.hengqu_village, id_number="11010519491231002X")
    response = as_user("binhe").post(reverse("volunteers:volunteer_add"), _volunteer_form(cast))
    assert response.status_code == 200
    assert "该证件号码的志愿者已注册" in response.content.decode()


def test_a_community_worker_cannot_register_into_another_community(as_user, cast):
    response = as_user("binhe").post(reverse("volunteers:volunteer_add"), _volunteer_form(cast, community=cast.jingxian.pk))
    assert response.status_code == 200
    assert not Volunteer.objects.filter(name="王建国").exists()


# -- teams and activities -----------------------------------------------------------------------------------


def test_a_team_takes_only_members_of_its_region(as_user, cast):
    inside, outside = make_volunteer(cast.binhe), make_volunteer(cast.jingxian)
    response = as_user("shoushan").post(
        reverse("volunteers:volunteerteam_add"),
        {"name": "滨河服务队", "region": cast.binhe.pk, "organising_body": "滨河社区居委会", "members": [inside.pk, outside.pk]},
    )
    assert response.status_code == 200
    assert outside.name in response.content.decode()
    assert not VolunteerTeam.objects.exists()


def _activity_form(cast, **overrides):
    data = {
        "title": "敬老活动", "region": cast.binhe.pk, "date": "2024-10-11", "start_time": "09:00", "end_time": "11:30",
        "place": "滨河社区", "organiser_name": "滨河社区社工室", "content": "陪伴老人", "status": "open",
    }
    data.update(overrides)
    return data


def test_an_activity_needs_exactly_one_organiser_and_an_end_after_its_start(as_user, cast):
    client = as_user("binhe")
    team = VolunteerTeam.objects.create(name="滨河服务队", region=cast.binhe, organising_body="居委会")
    response = client.post(reverse("volunteers:volunteeractivity_add"), _activity_form(cast, team=team.pk))
    assert "只填写一个组织者" in response.content.decode()
    response = client.post(reverse("volunteers:volunteeractivity_add"), _activity_form(cast, end_time="08:00"))
    assert "结束时间必须晚于开始时间" in response.content.decode()
    assert not VolunteerActivity.objects.exists()
    assert client.post(reverse("volunteers:volunteeractivity_add"), _activity_form(cast)).status_code == 302
    activity = VolunteerActivity.objects.get()
    assert len(activity.token) >= 20 and str(activity.pk) not in activity.token


def test_the_activity_page_shows_the_check_in_qr_code(as_user, cast):
    activity = make_activity(cast.binhe)
    body = as_user("binhe").get(activity.get_absolute_url()).content.decode()
    assert "<svg" in body and reverse("volunteers:check_in", args=[activity.token]) in body
    png = as_user("binhe").get(reverse("volunteers:activity_qr", args=[activity.pk]))
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")


def test_staff_record_the_same_hours_for_several_volunteers(as_user, cast):
    activity = make_activity(cast.binhe)
    a, b = make_volunteer(cast.binhe), make_volunteer(cast.binhe)
    client = as_user("binhe")
    response = client.post(reverse("volunteers:activity_hours", args=[activity.pk]), {"volunteers": [a.pk, b.pk], "hours": "3"})
    assert response.status_code == 302
    records = ServiceHours.objects.filter(activity=activity)
    assert {(r.volunteer_id, r.hours, r.status) for r in records} == {
        (a.pk, Decimal("3.00"), HoursStatus.CONFIRMED), (b.pk, Decimal("3.00"), HoursStatus.CONFIRMED),
    }
    # A second entry naming one of them again saves nothing and says who.
    c = make_volunteer(cast.binhe)
    response = client.post(reverse("volunteers:activity_hours", args=[activity.pk]), {"volunteers": [a.pk, c.pk], "hours": "1"})
    assert response.status_code == 200
    assert a.name in response.content.decode()
    assert not ServiceHours.objects.filter(volunteer=c).exists()


def test_bulk_hours_over_24_are_refused(as_user, cast):
    activity = make_activity(cast.binhe)
    a = make_volunteer(cast.binhe)
    response = as_user("binhe").post(reverse("volunteers:activity_hours", args=[activity.pk]), {"volunteers": [a.pk], "hours": "25"})
    assert response.status_code == 200 and not ServiceHours.objects.exists()


def test_staff_cannot_record_hours_on_another_towns_activity(as_user, cast):
    activity = make_activity(cast.hengqu_village)
    a = make_volunteer(cast.binhe)
    response = as_user("shoushan").post(reverse("volunteers:activity_hours", args=[activity.pk]), {"volunteers": [a.pk], "hours": "2"})
    assert response.status_code == 404 and not ServiceHours.objects.exists()


def test_a_leader_cannot_record_or_confirm_hours(as_user, cast):
    activity = make_activity(cast.binhe)
    record = make_hours(activity, make_volunteer(cast.binhe), status=HoursStatus.PENDING)
    response = as_user("leader").post(reverse("volunteers:servicehours_bulk_action", args=["confirm"]), {"pk": [record.pk]})
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.status == HoursStatus.PENDING


def test_staff_confirm_and_reject_self_recorded_hours(as_user, cast):
    activity = make_activity(cast.binhe)
    yes = make_hours(activity, make_volunteer(cast.binhe), status=HoursStatus.PENDING, source="check_in")
    no = make_hours(activity, make_volunteer(cast.binhe), status=HoursStatus.PENDING, source="check_in")
    open_ = make_hours(activity, make_volunteer(cast.binhe), hours=None, status=HoursStatus.PENDING, source="check_in")
    client = as_user("binhe")
    client.post(reverse("volunteers:servicehours_bulk_action", args=["confirm"]), {"pk": [yes.pk, open_.pk]})
    # Rejecting asks for a reason: without one nothing changes.
    client.post(reverse("volunteers:servicehours_bulk_action", args=["reject"]), {"pk": [no.pk]})
    assert ServiceHours.objects.get(pk=no.pk).status == HoursStatus.PENDING
    client.post(reverse("volunteers:servicehours_bulk_action", args=["reject"]), {"pk": [no.pk], "reason": "当天未到场"})
    statuses = {r.pk: (r.status, r.reviewed_by_id) for r in ServiceHours.objects.all()}
    assert statuses[yes.pk] == (HoursStatus.CONFIRMED, cast.user_binhe.pk)
    assert statuses[no.pk] == (HoursStatus.REJECTED, cast.user_binhe.pk)
    assert statuses[open_.pk] == (HoursStatus.PENDING, None)  # never checked out: no hours to confirm


def test_single_entry_refuses_impossible_times(as_user, cast):
    activity = make_activity(cast.binhe)
    a = make_volunteer(cast.binhe)
    client = as_user("binhe")
    base = {"activity": activity.pk, "volunteer": a.pk, "status": "confirmed", "note": ""}
    response = client.post(
        reverse("volunteers:servicehours_add"),
        {**base, "hours": "2", "checked_in_at": "2024-05-01T10:00", "checked_out_at": "2024-05-01T09:00"},
    )
    assert "签退时间必须晚于签到时间" in response.content.decode()
    response = client.post(
        reverse("volunteers:servicehours_add"),
        {**base, "hours": "", "checked_in_at": "2024-05-01T10:00", "checked_out_at": "2024-05-02T12:00"},
    )
    assert "超过24小时" in response.content.decode()
    assert not ServiceHours.objects.exists()
    response = client.post(
        reverse("volunteers:servicehours_add"),
        {**base, "hours": "", "checked_in_at": "2024-05-01T09:00", "checked_out_at": "2024-05-01T11:30"},
    )
    assert response.status_code == 302
    assert ServiceHours.objects.get().hours == Decimal("2.50")


def test_bulk_entry_and_confirmation_are_kept_in_each_records_history(as_user, cast):
    from auditlog.models import LogEntry

    activity = make_activity(cast.binhe)
    a, b = make_volunteer(cast.binhe), make_volunteer(cast.binhe)
    pending = make_hours(activity, make_volunteer(cast.binhe), status=HoursStatus.PENDING, source="check_in")
    client = as_user("binhe")
    url = reverse("volunteers:activity_hours", args=[activity.pk])
    client.post(url, {"volunteers": [a.pk, b.pk], "hours": "3"})
    for record in ServiceHours.objects.filter(volunteer__in=[a, b]):
        created = LogEntry.objects.get_for_object(record).get(action=LogEntry.Action.CREATE)
        assert created.actor == cast.user_binhe
    client.post(reverse("volunteers:servicehours_bulk_action", args=["confirm"]), {"pk": [pending.pk]})
    change = LogEntry.objects.get_for_object(pending).get(action=LogEntry.Action.UPDATE)
    assert change.actor == cast.user_binhe
    assert change.changes_dict["status"][1] == HoursStatus.CONFIRMED
