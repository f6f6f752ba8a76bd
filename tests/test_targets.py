"""Policy profiles and targets: both seeded documents carry every row of the design's target table, with
clause, level, comparator, threshold, unit and deadline; regions follow their nearest attached ancestor; the
seed is additive (an admin's changes survive it); only superusers edit thresholds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian import attainment, demo, policy_seed
from wulian.choices import CommunityKind, RegionLevel
from wulian.models import LeadingGroupMember, Phase, PolicyProfile, ProfileRegion, Region, Target

D = dt.date
MEI_2023 = D(2023, 12, 31)
MEI_2022 = D(2022, 12, 31)
HN_END = D(2021, 5, 31)

# The design's table (DESIGN.md §2 "Targets carried by the two documents"), row by row:
# (profile, indicator, level, comparator, threshold, unit, deadline, clause, named regions)
DESIGN_TABLE = [
    ("meixian2022", "orgs_per_community", "urban_community", "gte", 15, "个", MEI_2023, "000 §二", ()),
    ("meixian2022", "orgs_per_community", "rural_community", "gte", 5, "个", MEI_2023, "000 §二", ()),
    ("huainan2020", "orgs_per_community", "urban_community", "gte", 10, "家", HN_END, "004 §一", ()),
    ("huainan2020", "orgs_per_community", "rural_community", "gte", 5, "家", HN_END, "004 §一", ()),
    ("meixian2022", "orgs_service_share", "community", "gt", 50, "%", MEI_2023, "000 §二", ()),
    ("huainan2020", "orgs_registered", "community", "gte", 5, "家", HN_END, "004 §二.3", ()),
    ("huainan2020", "orgs_filed", "community", "gte", 5, "家", HN_END, "004 §二.3", ()),
    ("meixian2022", "federation", "town", "present", None, "", None, "000 §六.二", ()),
    ("huainan2020", "federation", "community", "present", None, "", HN_END, "004 §二.3", ()),
    ("meixian2022", "station_area", "station_county_hub", "gte", 100, "平方米", None, "000 §三.一", ()),
    ("meixian2022", "station_area", "station_town", "gte", 60, "平方米", None, "000 §三.一", ()),
    ("meixian2022", "station_area", "station_community", "gte", 30, "平方米", None, "000 §三.一", ()),
    ("meixian2022", "station_rooms", "station_town", "present", None, "", None, "000 §三.一", ()),
    ("meixian2022", "station_rooms", "station_community", "present", None, "", None, "000 §三.一", ()),
    ("meixian2022", "station_staff", "station_county_hub", "gte", 3, "人", None, "000 §三.一", ()),
    ("meixian2022", "station_professionals", "station_county_hub", "gte", 2, "人", None, "000 §三.一", ()),
    ("meixian2022", "station_staff", "station_town", "gte", 3, "名", None, "000 §三.一", ()),
    ("meixian2022", "station_professionals", "station_town", "gte", 1, "名", None, "000 §三.一", ()),
    ("huainan2020", "station_professionals", "station_town", "gte", 2, "个", None, "004 §二.1", ()),
    ("huainan2020", "station_professionals", "station_community", "gte", 1, "个", None, "004 §二.1", ()),
    ("huainan2020", "certified_share", "community", "gte", 40, "%", HN_END, "004 §一", ()),
    ("meixian2022", "agencies_cultivated", "town", "gte", 2, "个", MEI_2022, "000 §三.二.1", ("首善街道",)),
    ("meixian2022", "agencies_cultivated", "town", "gte", 1, "个", MEI_2022, "000 §三.二.1", ()),
    ("meixian2022", "agency_training_hours", "county", "gte", 48, "课时", None, "000 §三.二.2", ()),
    ("meixian2022", "operating_funds", "station_county_hub", "gte", 50000, "元", None, "000 §三.三.1", ()),
    ("meixian2022", "operating_funds", "station_town", "gte", 20000, "元", None, "000 §三.三.1", ()),
    ("meixian2022", "operating_funds", "station_community", "gte", 10000, "元", None, "000 §三.三.1", ()),
    ("huainan2020", "professional_projects", "community", "gte", 3, "个", None, "004 §二.2", ()),
    ("huainan2020", "micro_venture_projects", "community", "gte", 1, "次", None, "004 §二.2", ()),
    ("huainan2020", "volunteer_registration_rate", "community", "gte", 16, "%", None, "004 §二.2", ()),
    ("huainan2020", "volunteer_activities", "community", "gte", 10, "个", None, "004 §二.2", ()),
    ("huainan2020", "volunteer_participation_rate", "community", "gte", 10, "%", None, "004 §二.2", ()),
]


def _rows():
    found = []
    for t in Target.objects.filter(status="accepted").select_related("profile").prefetch_related("regions"):
        found.append(
            (
                t.profile.code, t.indicator, t.level, t.comparator,
                None if t.threshold is None else int(t.threshold) if t.threshold == int(t.threshold) else t.threshold,
                t.unit, t.deadline, t.clause, tuple(sorted(r.name for r in t.regions.all())),
            )
        )
    return found


@pytest.mark.parametrize("row", DESIGN_TABLE, ids=lambda r: f"{r[0]}-{r[1]}-{r[2]}-{r[4]}")
def test_every_row_of_the_design_table_is_seeded_as_an_accepted_target(cast, row):
    assert row in _rows()


def test_the_seeded_targets_are_the_design_table_and_the_hub_equipment(cast):
    extra = [r for r in _rows() if r not in DESIGN_TABLE]
    # 眉县 §三.一 also lists the hub's office equipment (桌椅、电脑、打印机、档案柜): the one row beyond the table.
    assert [(r[0], r[1], r[2]) for r in extra] == [("meixian2022", "station_equipment", "station_county_hub")]
    hub = Target.objects.get(indicator="station_equipment")
    assert hub.parameters == {"equipment": ["desks", "computers", "printers", "filing_cabinets"]}
    town_rooms = Target.objects.get(indicator="station_rooms", level="station_town")
    assert town_rooms.parameters == {"rooms": ["office", "case", "group", "meeting"]}
    room_funds = Target.objects.get(indicator="operating_funds", level="station_community")
    assert room_funds.parameters == {"community_kind": "urban"}  # 城镇社区社会工作服务室 only


def test_each_target_quotes_the_sentence_that_sets_its_threshold(cast):
    for target in Target.objects.exclude(threshold=None):
        number = f"{target.threshold.normalize():f}"
        if target.unit == "元":  # the document says 5万元, 2万元, 1万元
            number = f"{(target.threshold / 10000).normalize():f}万元"
        assert number in target.quote, (target.indicator, target.level, number)
        assert target.clause.split()[0] in ("000", "004")


def test_the_profiles_carry_their_documents(cast):
    mei = PolicyProfile.objects.get(code="meixian2022")
    hn = PolicyProfile.objects.get(code="huainan2020")
    assert mei.name == "眉县五社联动试点方案 (2022)" and mei.issued_on == D(2022, 11, 3)
    assert hn.name == "淮南市三社联动试点实施意见 (淮府办〔2020〕8号)" and hn.document_number == "淮府办〔2020〕8号"
    assert hn.issued_on == D(2020, 6, 24)


def test_the_phases_of_both_documents(cast):
    mei = {p.name: p for p in Phase.objects.filter(profile__code="meixian2022")}
    pilot = mei["试点阶段"]
    assert (pilot.start, pilot.end) == (D(2022, 10, 1), D(2023, 6, 30))
    assert sorted(r.name for r in pilot.regions.all()) == sorted(["首善街道", "滨河社区", "景贤社区", "迎宾社区", "东关社区"])
    assert (mei["全面推广阶段"].start, mei["全面推广阶段"].end) == (D(2023, 7, 1), None)
    hn = list(Phase.objects.filter(profile__code="huainan2020").order_by("position"))
    assert [(p.name, p.start, p.end) for p in hn] == [
        ("谋划准备阶段", D(2020, 6, 1), D(2020, 7, 31)),
        ("全面推进阶段", D(2020, 8, 1), D(2020, 11, 30)),
        ("中期评估阶段", D(2020, 12, 1), D(2020, 12, 31)),
        ("完善提升阶段", D(2021, 1, 1), D(2021, 2, 28)),
        ("总结评估阶段", D(2021, 3, 1), D(2021, 5, 31)),
        ("示范点", D(2021, 6, 1), None),
    ]
    assert "示范点" in hn[-1].description


def test_huainans_leading_group_is_the_annex(cast):
    members = list(LeadingGroupMember.objects.filter(profile__code="huainan2020"))
    assert len(members) == 18
    assert (members[0].get_position_display(), members[0].name, members[0].unit) == ("组长", "邬平川", "副市长")
    deputies = [m.name for m in members if m.position == "deputy"]
    assert deputies == ["王中", "孙道军"]
    assert sum(m.position == "member" for m in members) == 13
    assert ("曹峰", "田家庵区政府副区长") in [(m.name, m.unit) for m in members]
    office = [(m.position, m.name) for m in members if m.position.startswith("office")]
    assert office == [("office_director", "王中（兼）"), ("office_deputy", "袁先进")]
    assert not LeadingGroupMember.objects.filter(profile__code="meixian2022").exists()


# -- which profile a region follows -----------------------------------------------------------------------
def test_a_region_follows_its_nearest_attached_ancestor(cast):
    district = demo.load_huainan()  # attaches 淮南市 to the Huainan document
    mei, hn = PolicyProfile.objects.get(code="meixian2022"), PolicyProfile.objects.get(code="huainan2020")
    for region in (cast.mei, cast.shoushan, cast.binhe, cast.hengqu_village):
        assert PolicyProfile.objects.for_region(region) == mei
    community = Region.objects.get(name="洞山社区")
    assert PolicyProfile.objects.for_region(district) == hn
    assert PolicyProfile.objects.for_region(community) == hn
    assert PolicyProfile.objects.for_region(Region.objects.get(name="陕西省")) is None
    # A town given a document of its own follows it; its neighbours keep the county's.
    own = PolicyProfile.objects.create(name="首善街道深化方案", code="shoushan2024")
    ProfileRegion.objects.create(profile=own, region=cast.shoushan)
    assert PolicyProfile.objects.for_region(cast.binhe) == own
    assert PolicyProfile.objects.for_region(cast.hengqu) == mei
    own.status = "inactive"  # what the transition "deactivate" sets; is_active follows it
    own.save()
    assert PolicyProfile.objects.for_region(cast.binhe) == mei


def test_a_region_is_attached_to_one_profile_at_most(cast):
    other = PolicyProfile.objects.create(name="另一方案", code="other")
    with pytest.raises(Exception):  # noqa: B017 - the database refuses the second row
        ProfileRegion.objects.create(profile=other, region=cast.mei)


# -- threshold lookups for other pages ----------------------------------------------------------------------
def test_threshold_comes_from_the_regions_own_document(cast):
    demo.load_huainan()
    village = cast.hengqu_village
    assert village.kind == CommunityKind.RURAL
    assert attainment.threshold(cast.binhe, "orgs_per_community") == Decimal(15)
    assert attainment.threshold(village, "orgs_per_community") == Decimal(5)
    assert attainment.threshold(Region.objects.get(name="洞山社区"), "orgs_per_community") == Decimal(10)
    assert attainment.threshold(Region.objects.get(name="洞山社区"), "volunteer_registration_rate") == Decimal(16)
    # 眉县's document sets no volunteer rate: no standard, not Huainan's figure.
    assert attainment.threshold(cast.binhe, "volunteer_registration_rate") is None
    # Named regions take precedence: the pilot street 首善街道 ≥ 2 agencies, other towns ≥ 1.
    assert attainment.threshold(cast.shoushan, "agencies_cultivated") == Decimal(2)
    assert attainment.threshold(cast.hengqu, "agencies_cultivated") == Decimal(1)
    assert attainment.threshold(cast.hengqu, "station_area", level="station_town") == Decimal(60)
    assert attainment.threshold(cast.mei, "agency_training_hours") == Decimal(48)
    # Urban community rooms only: a village's room has no operating-fund minimum.
    assert attainment.threshold(cast.binhe, "operating_funds", level="station_community") == Decimal(10000)
    assert attainment.threshold(village, "operating_funds", level="station_community") is None


def test_threshold_follows_an_admins_change_and_ignores_unaccepted_targets(cast):
    target = Target.objects.get(profile__code="meixian2022", indicator="orgs_per_community", level="urban_community")
    target.threshold = 12
    target.save()
    assert attainment.threshold(cast.binhe, "orgs_per_community") == Decimal(12)
    target.status = "draft"
    target.save()
    assert attainment.threshold(cast.binhe, "orgs_per_community") is None


def test_targets_for_many_regions_cost_three_queries(cast, django_assert_num_queries):
    communities = list(Region.objects.filter(level=RegionLevel.COMMUNITY))
    with django_assert_num_queries(3):
        found = attainment.targets_for_regions(communities, "orgs_per_community")
    assert {found[c.pk].threshold for c in communities} == {Decimal(15), Decimal(5)}


# -- the seed -------------------------------------------------------------------------------------------------
def test_seeding_again_adds_what_is_missing_and_keeps_an_admins_changes(cast):
    counts = (PolicyProfile.objects.count(), Target.objects.count(), Phase.objects.count(), LeadingGroupMember.objects.count())
    changed = Target.objects.get(profile__code="meixian2022", indicator="station_area", level="station_town")
    changed.threshold = 80
    changed.save()
    Target.objects.get(profile__code="huainan2020", indicator="volunteer_activities").delete()
    created = policy_seed.seed()
    assert created["targets"] == 1 and created["profiles"] == 0
    assert (PolicyProfile.objects.count(), Target.objects.count(), Phase.objects.count(), LeadingGroupMember.objects.count()) == counts
    changed.refresh_from_db()
    assert changed.threshold == 80
    assert policy_seed.seed() == {k: 0 for k in created}


def test_the_seed_command_reports_what_it_created(cast):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("seed_policies", stdout=out)
    assert "targets: 0" in out.getvalue()


# -- rules of one target --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fields, field",
    [
        ({"comparator": "gte", "threshold": None}, "threshold"),
        ({"threshold": Decimal("-1")}, "threshold"),
        ({"unit": "%", "threshold": Decimal("120")}, "threshold"),
        ({"period": "by_deadline", "deadline": None}, "deadline"),
        ({"indicator": "no_such_indicator"}, "indicator"),
    ],
)
def test_a_target_refuses_bad_values_with_a_message(cast, fields, field):
    profile = PolicyProfile.objects.get(code="meixian2022")
    values = {"profile": profile, "indicator": "orgs_per_community", "level": "town", "comparator": "gte",
              "threshold": Decimal(3), "unit": "个", "period": "annual", "status": "accepted", **fields}
    with pytest.raises(ValidationError) as exc:
        Target(**values).full_clean()
    assert field in exc.value.message_dict


@pytest.mark.parametrize(
    "comparator, threshold, value, met, gap",
    [
        ("gte", 15, 15, True, 0),
        ("gte", 15, 11, False, 4),
        ("gt", 50, Decimal("50.0"), False, Decimal("0.1")),  # "超过50%": exactly half is not enough
        ("gt", 50, Decimal("50.1"), True, 0),
        ("lte", 10, 12, False, 2),
        ("eq", 2, 2, True, 0),
        ("present", None, True, True, None),
        ("present", None, False, False, None),
        ("gte", 15, None, None, None),
    ],
)
def test_compare_and_gap(comparator, threshold, value, met, gap):
    target = Target(comparator=comparator, threshold=threshold, unit="%" if comparator == "gt" else "个")
    assert target.compare(value) is met
    assert target.gap(value) == gap


def test_requirement_reads_like_the_document():
    assert Target(comparator="gte", threshold=Decimal("15.00"), unit="个").requirement == "≥ 15 个"
    assert Target(comparator="gt", threshold=Decimal("50"), unit="%").requirement == "> 50 %"


# -- admin: thresholds are edited by superusers only ----------------------------------------------------------
def test_superusers_edit_profiles_and_thresholds_in_the_admin(client, cast, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x-strong-pass-1")
    client.force_login(admin)
    profile = PolicyProfile.objects.get(code="meixian2022")
    page = client.get(reverse("admin:wulian_policyprofile_change", args=[profile.pk]))
    assert page.status_code == 200 and "000 §三.一" in page.content.decode()
    assert client.get(reverse("admin:wulian_target_changelist")).status_code == 200


def test_staff_who_are_not_superusers_cannot_open_the_targets_admin(client, cast):
    bureau = cast.user_bureau
    bureau.is_staff = True
    bureau.save()
    client.force_login(bureau)
    assert client.get(reverse("admin:wulian_target_changelist")).status_code in (302, 403)
