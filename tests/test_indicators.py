"""Every registered indicator against a small data set computed by hand, including the Huainan rates, the
"more than 50 % service organisations" rule, zero denominators and roll-up from communities to their town;
each costs a fixed number of queries whatever the number of regions, and links to the rows it counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import SocialOrganization
from stations.choices import CertificateLevel, Post, StationTier
from stations.models import Certificate, StaffMember, Station, Training
from tests.stations_helpers import add_staff, station_at
from volunteers.choices import HoursStatus, VolunteerStatus
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian import indicators
from wulian.choices import RegionLevel
from wulian.models import Agency, Region

D = dt.date


def compute(code, regions, year=2023, level="", params=None):
    return indicators.compute(code, [Region.objects.get(pk=r.pk) for r in regions], year, level, params)


def org(region, name, category="service", status="filed", founded=None, **fields):
    number = f"5161{SocialOrganization.objects.count():014d}" if status == "registered" else ""
    return SocialOrganization.objects.create(
        region=region, name=name, category=category, status=status, registration_number=number, founded_on=founded,
        **fields,
    )


def test_every_code_of_the_plan_is_catalogued_and_the_built_apps_register_theirs():
    expected = {
        "orgs_per_community", "orgs_service_share", "orgs_registered", "orgs_filed", "federation", "station_area",
        "station_rooms", "station_staff", "station_professionals", "certified_share", "agencies_cultivated",
        "agency_training_hours", "operating_funds", "professional_projects", "micro_venture_projects",
        "volunteer_registration_rate", "volunteer_activities", "volunteer_participation_rate",
    }
    assert expected <= set(indicators.CATALOGUE)
    registered = set(indicators.REGISTRY)
    assert expected - registered <= {"professional_projects", "micro_venture_projects"}
    assert "operating_funds" in registered and indicators.get("operating_funds").app == "funding"
    assert indicators.compute("operating_funds", [], 2023) == {}
    for entry in indicators.REGISTRY.values():
        assert entry.definition, entry.code
        assert entry.app in {"stations", "organizations", "volunteers", "projects", "funding"}


# -- organisations ----------------------------------------------------------------------------------------
@pytest.fixture
def orgs(cast):
    # 横渠社区 (urban): 10 organisations, 5 of them service/public-welfare/mutual-aid → exactly 50 %.
    for i, category in enumerate(["service", "public_welfare", "mutual_aid", "service", "service",
                                  "culture_sports", "culture_sports", "other", "other", "culture_sports"]):
        org(cast.hengqu_community, f"横渠组织{i}", category, "registered" if i < 3 else "filed", D(2020, 1, 1))
    # 崖下村 (rural): 3 organisations, 2 service → 66.7 %; one founded after 2023 is not counted that year.
    org(cast.hengqu_village, "崖下互助会", "mutual_aid", "filed")  # founding date unknown: counts
    org(cast.hengqu_village, "崖下文艺队", "culture_sports", "filed", D(2023, 12, 31))
    org(cast.hengqu_village, "崖下志愿队", "public_welfare", "registered", D(2023, 6, 1))
    org(cast.hengqu_village, "崖下新组织", "service", "filed", D(2024, 1, 1))
    # The town's federation (a town-level organisation).
    org(cast.hengqu, "横渠镇社区社会组织联合会", "service", "registered", D(2023, 3, 1), is_federation=True)
    return cast


def test_organisations_per_community_and_their_town(orgs):
    c = orgs
    values = compute("orgs_per_community", [c.hengqu_community, c.hengqu_village, c.binhe, c.hengqu])
    assert values == {c.hengqu_community.pk: 10, c.hengqu_village.pk: 3, c.binhe.pk: 0, c.hengqu.pk: 14}
    assert compute("orgs_per_community", [c.hengqu_village], 2024)[c.hengqu_village.pk] == 4


def test_the_service_share_must_be_more_than_half(orgs):
    c = orgs
    values = compute("orgs_service_share", [c.hengqu_community, c.hengqu_village, c.binhe])
    assert values[c.hengqu_community.pk] == Decimal("50.0")  # 5 of 10
    assert values[c.hengqu_village.pk] == Decimal("66.7")  # 2 of 3
    assert values[c.binhe.pk] is None  # no organisation at all: no share, no data (not 0 %)
    from wulian.models import Target

    rule = Target.objects.get(profile__code="meixian2022", indicator="orgs_service_share")
    assert rule.compare(values[c.hengqu_community.pk]) is False  # exactly half is not "more than 50 %"
    assert rule.compare(values[c.hengqu_village.pk]) is True
    assert rule.compare(values[c.binhe.pk]) is None


def test_registered_and_filed_organisations(orgs):
    c = orgs
    assert compute("orgs_registered", [c.hengqu_community, c.hengqu_village]) == {
        c.hengqu_community.pk: 3, c.hengqu_village.pk: 1,
    }
    assert compute("orgs_filed", [c.hengqu_community, c.hengqu_village]) == {
        c.hengqu_community.pk: 7, c.hengqu_village.pk: 2,
    }


def test_a_federation_exists_in_the_town_not_in_its_communities(orgs):
    c = orgs
    assert compute("federation", [c.hengqu, c.shoushan]) == {c.hengqu.pk: True, c.shoushan.pk: False}
    assert compute("federation", [c.hengqu, c.shoushan], year=2022)[c.hengqu.pk] is False  # founded 2023
    assert compute("federation", [c.hengqu_community])[c.hengqu_community.pk] is False


def test_agencies_cultivated_by_each_town_by_the_end_of_the_year(cast):
    assert cast.agency.cultivated_by_id == cast.shoushan.pk and cast.agency.cultivated_on is None  # the cast's
    Agency.objects.create(name="首善一号机构", region=cast.shoushan, cultivated_by=cast.shoushan, cultivated_on=D(2022, 5, 1))
    Agency.objects.create(name="首善二号机构", region=cast.shoushan, cultivated_by=cast.shoushan, cultivated_on=D(2023, 3, 1))
    Agency.objects.create(name="横渠机构", region=cast.hengqu, cultivated_by=cast.hengqu)  # date unknown: counts
    Agency.objects.create(name="外来机构", region=cast.hengqu)  # cultivated by nobody
    assert compute("agencies_cultivated", [cast.shoushan, cast.hengqu], 2022) == {cast.shoushan.pk: 2, cast.hengqu.pk: 1}
    assert compute("agencies_cultivated", [cast.shoushan, cast.hengqu], 2023) == {cast.shoushan.pk: 3, cast.hengqu.pk: 1}
    assert compute("agencies_cultivated", [cast.mei], 2023) == {cast.mei.pk: 4}


# -- stations --------------------------------------------------------------------------------------------------
def test_station_figures_per_region_of_a_tier(cast):
    town = station_at(cast.shoushan, office_area=Decimal("72.5"), has_office=True, has_case_room=True, has_group_room=True)
    add_staff(town, 3, professional=1)
    add_staff(town, 1, post=Post.COMMITTEE_MEMBER)  # not resident staff
    add_staff(town, 1, start=D(2020, 1, 1), end=D(2022, 6, 30))  # left before 2023
    towns = [cast.shoushan, cast.hengqu]  # 横渠镇 has no town station
    level = "station_town"
    assert compute("station_area", towns, level=level) == {cast.shoushan.pk: Decimal("72.50"), cast.hengqu.pk: 0}
    assert compute("station_staff", towns, level=level) == {cast.shoushan.pk: 3, cast.hengqu.pk: 0}
    # Counted on the year's last day: in 2021 only the one who left in mid-2022 was there.
    assert compute("station_staff", towns, 2021, level=level)[cast.shoushan.pk] == 1
    assert compute("station_professionals", towns, level=level) == {cast.shoushan.pk: 1, cast.hengqu.pk: 0}
    rooms = {"rooms": ["office", "case", "group", "meeting"]}
    assert compute("station_rooms", towns, level=level, params=rooms) == {cast.shoushan.pk: False, cast.hengqu.pk: False}
    assert compute("station_rooms", towns, level=level, params={"rooms": ["case", "group"]})[cast.shoushan.pk] is True
    Station.objects.filter(pk=town.pk).update(has_meeting_room=True)
    assert compute("station_rooms", towns, level=level, params=rooms)[cast.shoushan.pk] is True
    # The county hub's equipment: one of each item.
    hub = station_at(cast.mei, desks=3, computers=2, printers=1, filing_cabinets=0)
    equipment = {"equipment": ["desks", "computers", "printers", "filing_cabinets"]}
    assert compute("station_equipment", [cast.mei], level="station_county_hub", params=equipment) == {cast.mei.pk: False}
    Station.objects.filter(pk=hub.pk).update(filing_cabinets=1)
    assert compute("station_equipment", [cast.mei], level="station_county_hub", params=equipment) == {cast.mei.pk: True}
    assert Station.objects.filter(tier=StationTier.TOWN_STATION).count() == 1


def test_certified_share_of_community_workers(cast):
    people = [StaffMember.objects.create(name=f"工作人员{i}", region=cast.binhe) for i in range(4)]
    Certificate.objects.create(person=people[0], level=CertificateLevel.ASSISTANT, number="A-1", year=2021)
    Certificate.objects.create(person=people[0], level=CertificateLevel.SOCIAL_WORKER, number="A-2", year=2022)
    Certificate.objects.create(person=people[1], level=CertificateLevel.ASSISTANT, number="A-3", year=2024)
    StaffMember.objects.create(name="景贤工作人员", region=cast.jingxian)
    regions = [cast.binhe, cast.jingxian, cast.hengqu_community, cast.shoushan]
    values = compute("certified_share", regions, 2023)
    assert values[cast.binhe.pk] == Decimal("25.0")  # one person of four, counted once for two certificates
    assert values[cast.jingxian.pk] == Decimal("0.0")
    assert values[cast.hengqu_community.pk] is None  # nobody on the roster: no data
    assert values[cast.shoushan.pk] == Decimal("20.0")  # 1 of the town's 5
    assert compute("certified_share", [cast.binhe], 2024)[cast.binhe.pk] == Decimal("50.0")


def test_agency_training_hours_of_the_county(cast):
    hub = station_at(cast.mei)
    town = station_at(cast.shoushan)
    agency = cast.agency
    for hours, day, organiser in ((20, D(2023, 3, 1), hub), (30, D(2023, 9, 1), town), (6, D(2022, 9, 1), hub)):
        Training.objects.create(topic="督导", date=day, hours=Decimal(hours), kind="supervision", organizer=organiser).agencies.add(agency)
    Training.objects.create(topic="内部培训", date=D(2023, 4, 1), hours=Decimal(10), kind="policy", organizer=hub)  # no agency
    stationed = StaffMember.objects.create(name="机构社工", region=cast.shoushan, agency=agency)
    via_staff = Training.objects.create(topic="实务", date=D(2023, 5, 1), hours=Decimal(8), kind="practice", organizer=town)
    via_staff.attendees.add(stationed)
    assert compute("agency_training_hours", [cast.mei]) == {cast.mei.pk: Decimal("58.0")}
    assert compute("agency_training_hours", [cast.mei], 2022) == {cast.mei.pk: Decimal("6.0")}


# -- volunteers (淮南 §二.2) --------------------------------------------------------------------------------------
@pytest.fixture
def volunteers(cast):
    Region.objects.filter(pk=cast.binhe.pk).update(population=50)
    Region.objects.filter(pk=cast.jingxian.pk).update(population=0)
    people = [make_volunteer(cast.binhe, registered_on=D(2022, 1, 1)) for _ in range(8)]
    make_volunteer(cast.binhe, registered_on=D(2024, 2, 1))  # after 2023: not counted
    make_volunteer(cast.binhe, registered_on=D(2022, 1, 1), status=VolunteerStatus.INACTIVE)
    activity = make_activity(cast.binhe, date=D(2023, 5, 1))
    make_hours(activity, people[0])
    make_hours(make_activity(cast.binhe, date=D(2023, 8, 1)), people[0])  # counted once
    make_hours(activity, people[1])
    make_hours(activity, people[2], status=HoursStatus.PENDING)  # not confirmed
    make_hours(make_activity(cast.binhe, date=D(2022, 8, 1)), people[3])  # another year
    make_activity(cast.shoushan, date=D(2023, 7, 1))  # the town's own activity
    return people


def test_volunteer_registration_rate(volunteers, cast):
    values = compute("volunteer_registration_rate", [cast.binhe, cast.jingxian, cast.hengqu_community])
    assert values[cast.binhe.pk] == Decimal("16.0")  # 8 of 50 residents: just meets ≥ 16 %
    assert values[cast.jingxian.pk] is None  # population 0: no rate
    assert values[cast.hengqu_community.pk] == Decimal("0.0")  # 0 of 4300
    # A town without its own population figure: the sum of its communities' known ones.
    town = Region.objects.get(pk=cast.shoushan.pk)
    assert town.population is None
    population = sum(r.population or 0 for r in Region.objects.filter(path__startswith=town.path, level=RegionLevel.COMMUNITY))
    assert compute("volunteer_registration_rate", [town])[town.pk] == (Decimal(8 * 100) / population).quantize(Decimal("0.1"))


def test_volunteer_participation_rate(volunteers, cast):
    values = compute("volunteer_participation_rate", [cast.binhe, cast.jingxian, cast.shoushan])
    assert values[cast.binhe.pk] == Decimal("25.0")  # 2 of 8 registered have a confirmed record in 2023
    assert values[cast.jingxian.pk] is None  # nobody registered
    assert values[cast.shoushan.pk] == Decimal("25.0")
    assert compute("volunteer_participation_rate", [cast.binhe], 2022)[cast.binhe.pk] == Decimal("12.5")


def test_volunteer_activities(volunteers, cast):
    assert compute("volunteer_activities", [cast.binhe, cast.jingxian, cast.shoushan]) == {
        cast.binhe.pk: 2, cast.jingxian.pk: 0, cast.shoushan.pk: 3,
    }


# -- cost and links ------------------------------------------------------------------------------------------
LEVEL_OF = {"station_area": "station_community", "station_rooms": "station_community", "station_equipment": "station_community",
            "station_staff": "station_community", "station_professionals": "station_community",
            "station_certified_share": "station_community"}


def _queries(code, regions):
    with CaptureQueriesContext(connection) as ctx:
        indicators.compute(code, regions, 2023, LEVEL_OF.get(code, "community"), {"rooms": ["case"], "equipment": ["desks"]})
    return len(ctx.captured_queries)


def test_each_indicator_costs_the_same_queries_for_many_regions(cast):
    few = list(Region.objects.filter(level=RegionLevel.COMMUNITY)[:2])
    for code in indicators.REGISTRY:
        before = _queries(code, few)
        assert before <= 4, code
    town = Region.objects.get(pk=cast.hengqu.pk)
    for i in range(30):
        Region.objects.add_child(town, {"name": f"新村{i}", "level": RegionLevel.COMMUNITY, "kind": "rural", "population": 100 + i})
    many = list(Region.objects.filter(level=RegionLevel.COMMUNITY))
    assert len(many) > 40
    for code in indicators.REGISTRY:
        assert _queries(code, many) == _queries(code, few), code


def test_each_figure_links_to_the_filtered_list_of_its_rows(as_user, orgs, cast):
    client = as_user("bureau")
    region = Region.objects.get(pk=cast.hengqu_community.pk)
    url = indicators.get("orgs_registered").url(region, 2023, "community")
    assert url.startswith(reverse("organizations:socialorganization_list"))
    body = client.get(url).content.decode()
    assert "横渠组织0" in body and "横渠组织5" not in body  # registered only
    for code, entry in indicators.REGISTRY.items():
        link = entry.url(region, 2023, LEVEL_OF.get(code, "community"))
        assert link, code
        assert client.get(link).status_code == 200, (code, link)
