"""The apps' REST endpoints (stations, organisations, volunteers): scope, forged ids, read-only roles,
masking of personal data, the secret check-in token, model validation, query counts and the schema."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db.models import Model

from organizations.models import SocialOrganization
from wulian.models import Agency
from stations.models import (
    Activity,
    AgencyPlacement,
    Certificate,
    StaffAssignment,
    StaffMember,
    Station,
    Training,
)
from tests.stations_helpers import new_community, station_at
from volunteers.models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam
from volunteers.testing import make_activity, make_hours, make_volunteer, valid_id_number

JSON = "application/json"


def build_town(cast, town, community, tag: str, issuer) -> SimpleNamespace:
    """One of everything the endpoints serve, in ``town`` (and its ``community``)."""
    w = SimpleNamespace()
    w.station = station_at(town)
    w.room = station_at(community)
    w.agency = Agency.objects.create(name=f"{tag}API机构", region=town)
    w.person = StaffMember.objects.create(name=f"{tag}社工", region=town, phone="13812345678", agency=w.agency)
    w.spare_person = StaffMember.objects.create(name=f"{tag}后备社工", region=town)
    w.staffassignment = StaffAssignment.objects.create(person=w.person, station=w.station, start_date=dt.date(2022, 1, 1))
    w.certificate = Certificate.objects.create(person=w.person, level="assistant", number=f"{tag}-CERT-1", year=2020)
    w.agencyplacement = AgencyPlacement.objects.create(agency=w.agency, station=w.station, start_date=dt.date(2023, 1, 1))
    w.training = Training.objects.create(
        topic=f"{tag}督导培训", date=dt.date(2024, 5, 1), hours=Decimal("3.0"), kind="supervision", organizer=w.station
    )
    w.training.agencies.add(w.agency)
    w.training.attendees.add(w.person)
    w.activity = Activity.objects.create(station=w.room, kind="visit", title=f"{tag}入户走访", date=dt.date(2024, 6, 1))
    w.socialorganization = SocialOrganization.objects.create(
        region=community, name=f"{tag}调解队", category="service", status="filed"
    )
    w.volunteer = make_volunteer(community, name=f"{tag}志愿者")
    w.spare_volunteer = make_volunteer(community, name=f"{tag}志愿者二")
    w.volunteerteam = VolunteerTeam.objects.create(name=f"{tag}志愿服务队", region=community, organising_body="居委会")
    w.volunteerteam.members.add(w.volunteer)
    w.volunteeractivity = make_activity(community, title=f"{tag}敬老活动")
    w.servicehours = make_hours(w.volunteeractivity, w.volunteer)
    w.volunteercertificate = VolunteerCertificate.objects.create(
        number=f"ZM{tag}", volunteer=w.volunteer, period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
        hours=Decimal("2.50"), activities_count=1, issuer_name="社区居委会", person_in_charge="王主任", handler="李",
        contact_phone="0917-5512345", issued_by=issuer,
    )
    return w


@pytest.fixture
def world(cast):
    """首善街道 (with 滨河社区) and 横渠镇 (with 崖下村), each holding one row of every endpoint."""
    return SimpleNamespace(
        shoushan=build_town(cast, cast.shoushan, cast.binhe, "首善", cast.user_bureau),
        hengqu=build_town(cast, cast.hengqu, cast.hengqu_village, "横渠", cast.user_bureau),
    )


# endpoint → the attribute of ``build_town`` holding its row
ENDPOINTS = {
    "stations": "station",
    "staff": "person",
    "staff-assignments": "staffassignment",
    "certificates": "certificate",
    "placements": "agencyplacement",
    "trainings": "training",
    "activities": "activity",
    "social-organizations": "socialorganization",
    "volunteers": "volunteer",
    "volunteer-teams": "volunteerteam",
    "volunteer-activities": "volunteeractivity",
    "service-hours": "servicehours",
    "volunteer-certificates": "volunteercertificate",
}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def row(world, town: str, endpoint: str) -> Model:
    return getattr(getattr(world, town), ENDPOINTS[endpoint])


# -- scope ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_town_worker_never_sees_another_towns_rows(as_user, world, endpoint):
    client = as_user("hengqu")
    mine, theirs = row(world, "hengqu", endpoint), row(world, "shoushan", endpoint)
    listed = ids(client.get(f"/api/{endpoint}/"))
    assert mine.pk in listed
    assert theirs.pk not in listed
    assert client.get(f"/api/{endpoint}/{mine.pk}/").status_code == 200
    assert client.get(f"/api/{endpoint}/{theirs.pk}/").status_code == 404


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e != "volunteer-certificates"])
def test_another_towns_row_cannot_be_changed_or_deleted(as_user, world, endpoint):
    client = as_user("hengqu")
    theirs = row(world, "shoushan", endpoint)
    assert client.patch(f"/api/{endpoint}/{theirs.pk}/", {}, content_type=JSON).status_code == 404
    assert client.delete(f"/api/{endpoint}/{theirs.pk}/").status_code == 404
    assert type(theirs).objects.filter(pk=theirs.pk).exists()


def test_the_region_filter_narrows_within_scope(as_user, world, cast):
    client = as_user("bureau")
    assert ids(client.get("/api/volunteers/", {"region": cast.hengqu.pk})) == {
        world.hengqu.volunteer.pk,
        world.hengqu.spare_volunteer.pk,
    }
    # A region outside the user's scope is not a valid choice of the filter.
    assert as_user("hengqu").get("/api/volunteers/", {"region": cast.shoushan.pk}).status_code == 400


# -- forged ids -------------------------------------------------------------------------------------
# endpoint → (payload for a 横渠镇 user given (own town, other town, cast), the field the forgery goes in)
def _payloads():
    return {
        "stations": (
            lambda h, s, c, region: {"tier": "community_room", "region": region.pk, "name": "API新社工室"},
            "region",
            lambda h, s, c: c.hengqu_community,
            lambda h, s, c: c.jingxian,
        ),
        "staff": (
            lambda h, s, c, region: {"name": "API新社工", "region": region.pk, "phone": "13900000000"},
            "region",
            lambda h, s, c: c.hengqu,
            lambda h, s, c: c.shoushan,
        ),
        "staff-assignments": (
            lambda h, s, c, station: {"person": h.spare_person.pk, "station": station.pk, "start_date": "2024-01-01"},
            "station",
            lambda h, s, c: h.station,
            lambda h, s, c: s.station,
        ),
        "certificates": (
            lambda h, s, c, person: {"person": person.pk, "level": "social_worker", "number": "API-CERT-9", "year": 2021},
            "person",
            lambda h, s, c: h.spare_person,
            lambda h, s, c: s.spare_person,
        ),
        "placements": (
            lambda h, s, c, station: {"agency": h.agency.pk, "station": station.pk, "start_date": "2024-01-01"},
            "station",
            lambda h, s, c: h.room,
            lambda h, s, c: s.room,
        ),
        "trainings": (
            lambda h, s, c, station: {
                "topic": "API培训", "date": "2024-03-01", "hours": "2.0", "kind": "policy", "organizer": station.pk,
                "agencies": [h.agency.pk], "attendees": [h.person.pk],
            },
            "organizer",
            lambda h, s, c: h.station,
            lambda h, s, c: s.station,
        ),
        "activities": (
            lambda h, s, c, station: {"station": station.pk, "kind": "group", "title": "API小组活动", "date": "2024-03-01"},
            "station",
            lambda h, s, c: h.room,
            lambda h, s, c: s.room,
        ),
        "social-organizations": (
            lambda h, s, c, region: {"region": region.pk, "name": "API文艺队", "category": "culture_sports", "status": "filed"},
            "region",
            lambda h, s, c: c.hengqu_village,
            lambda h, s, c: c.binhe,
        ),
        "volunteers": (
            lambda h, s, c, region: {
                "name": "API志愿者", "id_type": "resident_id", "id_number": valid_id_number(901, area="610326"),
                "phone": "13912345678", "community": region.pk,
            },
            "community",
            lambda h, s, c: c.hengqu_village,
            lambda h, s, c: c.binhe,
        ),
        "volunteer-teams": (
            lambda h, s, c, region: {"name": "API服务队", "region": region.pk, "organising_body": "村委会"},
            "region",
            lambda h, s, c: c.hengqu_village,
            lambda h, s, c: c.binhe,
        ),
        "volunteer-activities": (
            lambda h, s, c, region: {
                "title": "API活动", "region": region.pk, "date": "2024-03-01", "start_time": "09:00",
                "end_time": "11:00", "place": "村委会", "organiser_name": "村社工室", "content": "义诊",
            },
            "region",
            lambda h, s, c: c.hengqu_village,
            lambda h, s, c: c.binhe,
        ),
        "service-hours": (
            lambda h, s, c, activity: {"activity": activity.pk, "volunteer": h.spare_volunteer.pk, "hours": "2.00"},
            "activity",
            lambda h, s, c: h.volunteeractivity,
            lambda h, s, c: s.volunteeractivity,
        ),
    }


PAYLOADS = _payloads()


@pytest.mark.parametrize("endpoint", PAYLOADS)
def test_a_forged_id_of_another_town_is_rejected_and_nothing_is_saved(as_user, cast, world, endpoint):
    payload, field, own, other = PAYLOADS[endpoint]
    h, s = world.hengqu, world.shoushan
    model = type(row(world, "hengqu", endpoint))
    client = as_user("hengqu")
    before = model.objects.count()

    response = client.post(f"/api/{endpoint}/", payload(h, s, cast, other(h, s, cast)), content_type=JSON)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert model.objects.count() == before

    # The same payload with the user's own record is accepted: the forgery alone was refused.
    response = client.post(f"/api/{endpoint}/", payload(h, s, cast, own(h, s, cast)), content_type=JSON)
    assert response.status_code == 201, response.content
    assert model.objects.count() == before + 1
    created = response.json()["id"]

    # Moving one's own record to the other town is refused too, and the record stays.
    response = client.patch(
        f"/api/{endpoint}/{created}/", {field: other(h, s, cast).pk}, content_type=JSON
    )
    if endpoint == "service-hours":
        # Who served in which activity is fixed once recorded: the field is read-only on change.
        assert response.status_code == 200
    else:
        assert response.status_code == 400, response.content
        assert field in response.json()
    saved = model.objects.get(pk=created)
    assert getattr(saved, field).pk == own(h, s, cast).pk


def test_a_forged_many_to_many_id_is_rejected(as_user, world):
    client = as_user("hengqu")
    response = client.patch(
        f"/api/trainings/{world.hengqu.training.pk}/", {"attendees": [world.shoushan.person.pk]}, content_type=JSON
    )
    assert response.status_code == 400
    assert "attendees" in response.json()
    assert list(world.hengqu.training.attendees.all()) == [world.hengqu.person]


# -- read-only and unrelated roles -----------------------------------------------------------------
@pytest.mark.parametrize("endpoint", PAYLOADS)
def test_leaders_read_everything_in_scope_but_never_write(as_user, cast, world, endpoint):
    payload, _field, own, _other = PAYLOADS[endpoint]
    h, s = world.hengqu, world.shoushan
    model = type(row(world, "hengqu", endpoint))
    client = as_user("leader")
    assert ids(client.get(f"/api/{endpoint}/")) >= {row(world, "hengqu", endpoint).pk, row(world, "shoushan", endpoint).pk}
    before = model.objects.count()
    assert client.post(f"/api/{endpoint}/", payload(h, s, cast, own(h, s, cast)), content_type=JSON).status_code == 403
    mine = row(world, "hengqu", endpoint)
    assert client.patch(f"/api/{endpoint}/{mine.pk}/", {}, content_type=JSON).status_code == 404
    assert client.delete(f"/api/{endpoint}/{mine.pk}/").status_code == 404
    assert model.objects.count() == before


def test_volunteer_certificates_are_read_only_over_the_api(as_user, world):
    client = as_user("bureau")
    cert = world.hengqu.volunteercertificate
    assert client.get(f"/api/volunteer-certificates/{cert.pk}/").json()["number"] == "ZM横渠"
    assert client.patch(f"/api/volunteer-certificates/{cert.pk}/", {"remarks": "改"}, content_type=JSON).status_code == 405
    assert client.delete(f"/api/volunteer-certificates/{cert.pk}/").status_code == 405
    assert VolunteerCertificate.objects.filter(pk=cert.pk, remarks="").exists()


NOT_PARTY = [e for e in ENDPOINTS if e not in ("placements", "trainings")]


@pytest.mark.parametrize("username", ["agency", "evaluator"])
@pytest.mark.parametrize("endpoint", NOT_PARTY)
def test_agency_staff_and_evaluators_see_nothing_of_stations_and_volunteers(as_user, world, username, endpoint):
    client = as_user(username)
    if username == "agency" and endpoint in ("activities", "staff", "certificates"):
        # Agency staff see the service records of their own projects only (tests/test_projects_models.py), and
        # the staff and certificates of their own agency (issue 23 E: the record a bid's eligibility reads).
        assert ids(client.get(f"/api/{endpoint}/")) == set()
    else:
        assert client.get(f"/api/{endpoint}/").status_code == 403
    assert client.get(f"/api/{endpoint}/{row(world, 'hengqu', endpoint).pk}/").status_code in (403, 404)


@pytest.mark.parametrize("endpoint", ["placements", "trainings"])
def test_agency_staff_see_only_their_own_agencys_placements_and_trainings(as_user, cast, world, endpoint):
    own = AgencyPlacement.objects.create(agency=cast.agency, station=world.hengqu.room, start_date=dt.date(2024, 1, 1))
    world.hengqu.training.agencies.add(cast.agency)
    expected = {"placements": own.pk, "trainings": world.hengqu.training.pk}[endpoint]
    assert ids(as_user("agency").get(f"/api/{endpoint}/")) == {expected}
    assert as_user("evaluator").get(f"/api/{endpoint}/").status_code == 403


def test_agency_staff_see_their_own_agencys_staff_and_certificates(as_user, cast, world):
    own = StaffMember.objects.create(name="机构社工甲", region=world.hengqu.room.region, agency=cast.agency)
    assert ids(as_user("agency").get("/api/staff/")) == {own.pk}
    assert as_user("agency").get(f"/api/staff/{row(world, 'hengqu', 'staff').pk}/").status_code == 404


# -- personal data ----------------------------------------------------------------------------------
@pytest.fixture
def identified(cast):
    id_number = valid_id_number(14, area="610326", birth=dt.date(1985, 4, 2))
    volunteer = make_volunteer(cast.hengqu_village, name="张秀英", id_number=id_number, phone="13812345678")
    person = StaffMember.objects.create(name="李社工", region=cast.hengqu, phone="13812345678")
    return SimpleNamespace(volunteer=volunteer, person=person, id_number=id_number)


def test_leaders_read_masked_id_numbers_and_phones(as_user, identified):
    client = as_user("leader")
    masked_id = identified.id_number[:6] + "********" + identified.id_number[-4:]
    assert masked_id.startswith("610326********")
    for response in (
        client.get(f"/api/volunteers/{identified.volunteer.pk}/"),
        client.get("/api/volunteers/", {"q": "张秀英"}),
    ):
        body = response.content.decode()
        data = response.json()
        data = data["results"][0] if "results" in data else data
        assert data["id_number"] == masked_id
        assert data["phone"] == "138****5678"
        assert identified.id_number not in body and "13812345678" not in body
    staff = client.get(f"/api/staff/{identified.person.pk}/").json()
    assert staff["phone"] == "138****5678"


@pytest.mark.parametrize("username", ["bureau", "hengqu"])
def test_roles_that_may_reveal_read_masked_values_too(as_user, identified, username):
    """The API has no reveal: a reveal is a logged act on the record's page."""
    client = as_user(username)
    data = client.get(f"/api/volunteers/{identified.volunteer.pk}/").json()
    assert data["id_number"] == identified.id_number[:6] + "********" + identified.id_number[-4:]
    assert data["phone"] == "138****5678"
    assert client.get(f"/api/staff/{identified.person.pk}/").json()["phone"] == "138****5678"


def test_writes_need_the_full_values(as_user, cast, identified):
    client = as_user("hengqu")
    masked = identified.id_number[:6] + "********" + identified.id_number[-4:]
    response = client.patch(
        f"/api/volunteers/{identified.volunteer.pk}/", {"id_number": masked}, content_type=JSON
    )
    assert response.status_code == 400
    identified.volunteer.refresh_from_db()
    assert identified.volunteer.id_number == identified.id_number
    response = client.patch(f"/api/volunteers/{identified.volunteer.pk}/", {"phone": "13987654321"}, content_type=JSON)
    assert response.status_code == 200
    assert response.json()["phone"] == "139****4321"
    identified.volunteer.refresh_from_db()
    assert identified.volunteer.phone == "13987654321"


# -- the check-in token -----------------------------------------------------------------------------
def test_the_check_in_token_never_leaves_the_server(as_user, cast, world):
    client = as_user("hengqu")
    activity = world.hengqu.volunteeractivity
    responses = [
        client.get("/api/volunteer-activities/"),
        client.get(f"/api/volunteer-activities/{activity.pk}/"),
        client.patch(f"/api/volunteer-activities/{activity.pk}/", {"place": "村广场", "token": "chosen"}, content_type=JSON),
        client.options("/api/volunteer-activities/"),
    ]
    created = client.post(
        "/api/volunteer-activities/",
        {
            "title": "新活动", "region": cast.hengqu_village.pk, "date": "2024-03-01", "start_time": "09:00",
            "end_time": "11:00", "place": "村委会", "organiser_name": "村社工室", "content": "义诊", "token": "chosen",
        },
        content_type=JSON,
    )
    assert created.status_code == 201
    responses.append(created)
    new = VolunteerActivity.objects.get(pk=created.json()["id"])
    assert new.token != "chosen" and len(new.token) >= 20
    activity.refresh_from_db()
    assert activity.token != "chosen"
    for response in responses:
        assert response.status_code in (200, 201)
        body = response.content.decode()
        assert activity.token not in body and new.token not in body
        assert '"token"' not in body


# -- model validation -------------------------------------------------------------------------------
def test_a_bad_id_checksum_is_refused_with_the_models_message(as_user, cast):
    good = valid_id_number(77, area="610326")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    response = as_user("hengqu").post(
        "/api/volunteers/",
        {"name": "错号志愿者", "id_type": "resident_id", "id_number": bad, "phone": "13912345678",
         "community": cast.hengqu_village.pk},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["id_number"] == ["身份证号码校验码不正确，请核对号码。"]
    assert not Volunteer.objects.filter(name="错号志愿者").exists()


def test_clean_normalises_what_is_saved(as_user, cast):
    number = valid_id_number(880, area="610326", birth=dt.date(1970, 1, 1))
    response = as_user("hengqu").post(
        "/api/volunteers/",
        {"name": "空格志愿者", "id_type": "resident_id", "id_number": f" {number[:6]} {number[6:].lower()}",
         "phone": "13912345678", "community": cast.hengqu_village.pk},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert Volunteer.objects.get(name="空格志愿者").id_number == number


def test_a_station_on_a_region_of_the_wrong_level_is_refused(as_user, cast):
    response = as_user("hengqu").post(
        "/api/stations/", {"tier": "town_station", "region": cast.hengqu_village.pk, "name": "错层级社工站"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["region"] == ["镇（街）社会工作服务站应设在镇（街道），不能设在社区（村）。"]
    assert not Station.objects.filter(name="错层级社工站").exists()


def test_an_end_time_before_the_start_time_is_refused(as_user, cast, world):
    client = as_user("hengqu")
    payload = {
        "title": "倒序活动", "region": cast.hengqu_village.pk, "date": "2024-03-01", "start_time": "11:00",
        "end_time": "09:00", "place": "村委会", "organiser_name": "村社工室", "content": "义诊",
    }
    response = client.post("/api/volunteer-activities/", payload, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["end_time"] == ["结束时间必须晚于开始时间（活动须在当日结束）。"]
    assert not VolunteerActivity.objects.filter(title="倒序活动").exists()
    # A partial change is checked against the whole record as it would be saved.
    activity = world.hengqu.volunteeractivity
    response = client.patch(f"/api/volunteer-activities/{activity.pk}/", {"end_time": "00:00"}, content_type=JSON)
    assert response.status_code == 400
    assert "end_time" in response.json()
    activity.refresh_from_db()
    assert activity.end_time == dt.time(23, 59, 59)


def test_a_check_constraint_answers_400_with_its_message(as_user, world):
    response = as_user("hengqu").post(
        "/api/staff-assignments/",
        {"person": world.hengqu.spare_person.pk, "station": world.hengqu.station.pk, "start_date": "2024-05-01",
         "end_date": "2024-01-01"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["结束日期早于开始日期。"]
    assert not StaffAssignment.objects.filter(person=world.hengqu.spare_person).exists()


def test_hours_out_of_range_are_refused_and_the_record_kept(as_user, world):
    record = world.hengqu.servicehours
    response = as_user("hengqu").patch(f"/api/service-hours/{record.pk}/", {"hours": "30"}, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["hours"] == ["服务时长须大于0且不超过24小时。"]
    record.refresh_from_db()
    assert record.hours == Decimal("2.50")


def test_a_team_member_from_elsewhere_is_refused(as_user, cast, world):
    other_village = world.hengqu.spare_volunteer  # registered in 崖下村
    team = VolunteerTeam.objects.create(name="横渠社区服务队", region=cast.hengqu_community, organising_body="居委会")
    response = as_user("hengqu").patch(
        f"/api/volunteer-teams/{team.pk}/", {"members": [other_village.pk]}, content_type=JSON
    )
    assert response.status_code == 400
    assert "以下志愿者未在横渠社区注册" in response.json()["members"][0]
    assert not team.members.exists()


def test_staff_entered_hours_record_who_confirmed_them(as_user, cast, world):
    response = as_user("hengqu").post(
        "/api/service-hours/",
        {"activity": world.hengqu.volunteeractivity.pk, "volunteer": world.hengqu.spare_volunteer.pk, "hours": "1.5",
         "source": "check_in"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    record = ServiceHours.objects.get(pk=response.json()["id"])
    assert record.source == "staff"
    assert record.status == "confirmed" and record.reviewed_by == cast.user_hengqu and record.reviewed_at is not None


def test_activities_record_who_logged_them(as_user, cast, world):
    response = as_user("hengqu").post(
        "/api/activities/",
        {"station": world.hengqu.room.pk, "kind": "visit", "title": "走访", "target_groups": ["nope"]},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "target_groups" in response.json()
    response = as_user("hengqu").post(
        "/api/activities/", {"station": world.hengqu.room.pk, "kind": "visit", "title": "走访"}, content_type=JSON
    )
    assert response.status_code == 201
    assert Activity.objects.get(pk=response.json()["id"]).recorded_by == cast.user_hengqu


# -- stations' compliance ---------------------------------------------------------------------------
def test_stations_carry_their_compliance(as_user, cast, world):
    from tests.stations_helpers import town_station_meeting_standard

    client = as_user("bureau")
    station = world.hengqu.station
    data = client.get(f"/api/stations/{station.pk}/").json()
    assert data["compliant"] is False
    assert data["resident_staff_count"] == 1 and data["professional_count"] == 0
    assert data["missing"] == [
        "办公面积", "办公室", "个案室（心理咨询室）", "小组活动室", "共享会议室", "驻站人员", "其中专业社工"
    ]
    good = town_station_meeting_standard(new_community(cast.hengqu, "API达标村"))
    data = client.get(f"/api/stations/{good.pk}/").json()
    assert data["compliant"] is True and data["missing"] == []
    # A write answers with the same computed fields.
    response = client.patch(f"/api/stations/{station.pk}/", {"notes": "已核查"}, content_type=JSON)
    assert response.status_code == 200
    assert response.json()["resident_staff_count"] == 1 and response.json()["compliant"] is False


# -- query counts -----------------------------------------------------------------------------------
@pytest.fixture
def crowd(cast, world):
    """About ten rows of every endpoint in 首善街道."""
    s = world.shoushan
    for i in range(10):
        community = new_community(cast.shoushan, f"API测试社区{i}")
        room = station_at(community)
        agency = Agency.objects.create(name=f"首善API机构{i}", region=cast.shoushan)
        person = StaffMember.objects.create(name=f"首善社工{i}", region=cast.shoushan, phone=f"1380000{i:04d}")
        StaffAssignment.objects.create(person=person, station=room, start_date=dt.date(2022, 1, 1))
        Certificate.objects.create(person=person, level="assistant", number=f"CROWD-{i}", year=2021)
        AgencyPlacement.objects.create(agency=agency, station=room, start_date=dt.date(2023, 1, 1))
        training = Training.objects.create(
            topic=f"培训{i}", date=dt.date(2024, 1, 1), hours=Decimal("2.0"), kind="practice", organizer=s.station
        )
        training.agencies.add(agency, s.agency)
        training.attendees.add(person, s.person)
        Activity.objects.create(station=room, kind="group", title=f"小组{i}", date=dt.date(2024, 2, 1))
        SocialOrganization.objects.create(region=community, name=f"组织{i}", category="service", status="filed")
        volunteer = make_volunteer(community)
        team = VolunteerTeam.objects.create(name=f"服务队{i}", region=community, organising_body="居委会", leader=volunteer)
        team.members.add(volunteer, make_volunteer(community))
        activity = make_activity(community, team=team, organiser_name="")
        make_hours(activity, volunteer)
        VolunteerCertificate.objects.create(
            number=f"ZMCROWD{i}", volunteer=volunteer, period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 12, 31), hours=Decimal(1), issuer_name="居委会", person_in_charge="王",
            handler="李", contact_phone="0917-5512345", issued_by=cast.user_bureau,
        )


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_lists_cost_a_bounded_number_of_queries(as_user, crowd, endpoint, django_assert_max_num_queries):
    client = as_user("shoushan")
    client.get(f"/api/{endpoint}/")  # the session is warm
    with django_assert_max_num_queries(8):
        response = client.get(f"/api/{endpoint}/")
    assert len(response.json()["results"]) >= 10


# -- the schema -------------------------------------------------------------------------------------
def test_the_schema_lists_every_endpoint_and_hides_the_token(as_user, cast):
    response = as_user("bureau").get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    for endpoint in [*ENDPOINTS, "agencies", "regions"]:
        assert f"/api/{endpoint}/" in schema["paths"], endpoint
        assert f"/api/{endpoint}/{{id}}/" in schema["paths"], endpoint
    assert "token" not in schema["components"]["schemas"]["VolunteerActivity"]["properties"]
    assert schema["components"]["schemas"]["Station"]["properties"]["compliant"]["type"] == "boolean"
    assert "post" not in schema["paths"]["/api/volunteer-certificates/"]
