"""Related lists and many-to-many fields on detail pages pass through the scope rule (leak regressions)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from organizations.models import Agency
from stations.choices import CertificateLevel, TrainingKind
from stations.models import Certificate, StaffAssignment, StaffMember, Training
from tests.stations_helpers import station_at
from tests.test_api_apps import ENDPOINTS, build_town
from volunteers.testing import make_volunteer


@pytest.fixture
def moved(cast):
    """A social worker who worked in 首善街道 (post, certificate, training there) and moved to 横渠镇."""
    old_station, new_station = station_at(cast.shoushan), station_at(cast.hengqu)
    person = StaffMember.objects.create(name="调动社工", region=cast.shoushan)
    StaffAssignment.objects.create(
        person=person, station=old_station, start_date=dt.date(2021, 1, 1), end_date=dt.date(2023, 12, 31)
    )
    training = Training.objects.create(
        topic="首善街道内部督导会", date=dt.date(2023, 3, 1), hours=Decimal("4"), kind=TrainingKind.SUPERVISION,
        organizer=old_station,
    )
    training.attendees.add(person)
    person.region = cast.hengqu
    person.save()
    StaffAssignment.objects.create(person=person, station=new_station, start_date=dt.date(2024, 1, 1))
    Certificate.objects.create(person=person, level=CertificateLevel.ASSISTANT, number="MOVED-1", year=2020)
    return person, old_station, new_station, training


def test_the_staff_page_of_a_person_who_moved_town_shows_only_the_new_towns_posts(as_user, moved):
    person, old_station, new_station, training = moved
    body = as_user("hengqu").get(person.get_absolute_url()).content.decode()
    assert new_station.name in body
    assert "MOVED-1" in body
    assert old_station.name not in body, "the old town's station leaked onto the new town's page"
    assert training.topic not in body, "the old town's training leaked onto the new town's page"


def test_the_bureau_sees_the_whole_career_of_a_person_who_moved(as_user, moved):
    person, old_station, new_station, training = moved
    body = as_user("bureau").get(person.get_absolute_url()).content.decode()
    assert old_station.name in body and new_station.name in body and training.topic in body


def test_the_old_town_no_longer_opens_the_person(as_user, moved):
    assert as_user("shoushan").get(moved[0].get_absolute_url()).status_code == 404


def test_many_to_many_fields_on_a_detail_page_show_only_rows_in_scope(as_user, cast):
    station = station_at(cast.shoushan)
    local = StaffMember.objects.create(name="首善本地社工", region=cast.shoushan)
    visitor = StaffMember.objects.create(name="横渠来访社工", region=cast.hengqu)
    other_agency = Agency.objects.create(name="横渠某社工机构", region=cast.hengqu)
    training = Training.objects.create(
        topic="联合培训", date=dt.date(2024, 4, 1), hours=Decimal("3"), kind=TrainingKind.PRACTICE, organizer=station
    )
    training.attendees.add(local, visitor)
    training.agencies.add(other_agency, cast.agency)
    body = as_user("shoushan").get(training.get_absolute_url()).content.decode()
    assert local.name in body
    assert visitor.name not in body
    assert other_agency.name not in body
    body = as_user("bureau").get(training.get_absolute_url()).content.decode()
    assert visitor.name in body and other_agency.name in body
    # Agency staff see the session their agency took part in, not the other agency nor the people.
    body = as_user("agency").get(training.get_absolute_url()).content.decode()
    assert cast.agency.name in body
    assert other_agency.name not in body and visitor.name not in body


def test_a_team_page_lists_only_members_in_scope(as_user, cast):
    from volunteers.models import VolunteerTeam

    team = VolunteerTeam.objects.create(name="横渠志愿服务队", region=cast.hengqu, organising_body="横渠镇")
    team.members.add(make_volunteer(cast.hengqu_village, name="横渠队员"), make_volunteer(cast.binhe, name="首善队员"))
    body = as_user("hengqu").get(team.get_absolute_url()).content.decode()
    assert "横渠队员" in body and "首善队员" not in body


@pytest.fixture
def linked_world(cast):
    """Both towns hold one row of every model; 横渠's rows are linked by many-to-many and by history to 首善's."""
    shoushan = build_town(cast, cast.shoushan, cast.binhe, "首善", cast.user_bureau)
    hengqu = build_town(cast, cast.hengqu, cast.hengqu_village, "横渠", cast.user_bureau)
    hengqu.training.attendees.add(shoushan.person)
    hengqu.training.agencies.add(shoushan.agency)
    hengqu.volunteerteam.members.add(shoushan.volunteer)
    hengqu.socialorganization.is_federation = True
    hengqu.socialorganization.save()
    shoushan.socialorganization.federation = hengqu.socialorganization
    shoushan.socialorganization.save()
    StaffAssignment.objects.create(
        person=hengqu.person, station=shoushan.station, start_date=dt.date(2020, 1, 1), end_date=dt.date(2021, 12, 31)
    )
    return shoushan, hengqu


@pytest.mark.parametrize("attribute", sorted(set(ENDPOINTS.values())))
def test_no_detail_page_of_one_town_shows_a_row_of_the_other(as_user, linked_world, attribute):
    shoushan, hengqu = linked_world
    mine = getattr(hengqu, attribute)
    response = as_user("hengqu").get(mine.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    for name, theirs in vars(shoushan).items():
        assert str(theirs) not in body, f"{attribute}'s page shows 首善's {name} “{theirs}”"
