"""Demo data of the station network in 眉县 and 田家庵区: idempotent (natural keys).

The county hub at 眉县民政局, a station for every town and street, a room for every community and village
(some meet the standard, some do not), staff with certificates, agencies stationed, training sessions and
a few weeks of activity log. Trainings and the log are dated back from the day the demo is loaded, so
this month has activities and this year has trainings; the stations' history (opening, posts) stays fixed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wulian.demo import DEMO_AGENCY, HUAINAN_TOWNS, MEI_COUNTY_TOWNS, demo_today, huainan_district, mei_county, region_named
from wulian.models import Agency

from .choices import ActivityKind, CertificateLevel, Post, ServiceDomain, StationTier, TargetGroup, TrainingKind
from .models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ["静", "伟", "芳", "敏", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚"]
ALL_ROOMS = {"has_office": True, "has_case_room": True, "has_group_room": True, "has_meeting_room": True}
# Towns whose station falls short of the standard, and how.
SHORT_TOWNS = {"槐芽镇": {"office_area": Decimal("58.50")}, "营头镇": {"has_meeting_room": False}, "齐镇": {"staff": 2}}


def person_name(index: int) -> str:
    return SURNAMES[index % len(SURNAMES)] + GIVEN[(index * 7) % len(GIVEN)]


def station(region, tier, name, **fields) -> Station:
    obj, created = Station.objects.get_or_create(region=region, tier=tier, defaults={"name": name, **fields})
    return obj


def staff(station_obj, index: int, *, post=Post.RESIDENT_WORKER, professional=False, start=dt.date(2022, 10, 1), agency=None):
    person, _ = StaffMember.objects.get_or_create(
        name=person_name(index),
        region=station_obj.region,
        defaults={"is_professional": professional, "phone": f"139{index:08d}", "agency": agency},
    )
    StaffAssignment.objects.get_or_create(person=person, station=station_obj, defaults={"post": post, "start_date": start})
    return person


def certificate(person, level, index: int, year: int):
    Certificate.objects.get_or_create(
        number=f"S{year}61032600{index:04d}", defaults={"person": person, "level": level, "year": year}
    )


def load(stdout=None) -> None:
    mei = mei_county()
    hub = station(
        mei,
        StationTier.COUNTY_HUB,
        "眉县社会工作服务总站",
        address="眉县民政局（首善街道平阳街）",
        office_area=Decimal("120.00"),
        has_office=True,
        has_meeting_room=True,
        desks=12,
        computers=6,
        printers=2,
        filing_cabinets=4,
        opened_on=dt.date(2022, 9, 20),
        phone="0917-5521234",
    )
    counter = 0
    for i, post_professional in enumerate([True, True, False]):
        counter += 1
        person = staff(hub, counter, professional=post_professional, post=Post.SOCIAL_WORKER if post_professional else Post.RESIDENT_WORKER)
        if post_professional:
            certificate(person, CertificateLevel.SOCIAL_WORKER if i == 0 else CertificateLevel.ASSISTANT, counter, 2020 + i)

    town_stations = {}
    for (town_name, _code), communities in MEI_COUNTY_TOWNS.items():
        town = region_named(town_name)
        short = SHORT_TOWNS.get(town_name, {})
        fields = {
            "address": f"眉县{town_name}便民服务中心二楼",
            "office_area": short.get("office_area", Decimal("80.00") if town_name == "首善街道" else Decimal("62.00")),
            **ALL_ROOMS,
            "desks": 6,
            "computers": 3,
            "printers": 1,
            "filing_cabinets": 2,
            "opened_on": dt.date(2022, 10, 8) if town_name == "首善街道" else dt.date(2023, 7, 1),
            "is_pilot": town_name == "首善街道",
        }
        if "has_meeting_room" in short:
            fields["has_meeting_room"] = short["has_meeting_room"]
        ts = station(town, StationTier.TOWN_STATION, f"{town_name}社会工作服务站", **fields)
        town_stations[town_name] = ts
        for n in range(short.get("staff", 3)):
            counter += 1
            professional = n == 0
            post = Post.SOCIAL_WORKER if professional else Post.RESIDENT_WORKER
            person = staff(ts, counter, professional=professional, post=post, start=fields["opened_on"])
            if professional:
                certificate(person, CertificateLevel.ASSISTANT, counter, 2021)
        for index, (community_name, kind, _population) in enumerate(communities):
            community = region_named(community_name)
            compliant = index % 3 != 2  # every third room lacks its group activity room and is too small
            room = station(
                community,
                StationTier.COMMUNITY_ROOM,
                f"{community_name}社工室",
                address=f"{community_name}党群服务中心",
                office_area=Decimal("36.00") if compliant else Decimal("24.00"),
                has_office=True,
                has_case_room=True,
                has_group_room=compliant,
                desks=2,
                computers=1,
                opened_on=dt.date(2022, 11, 1) if town_name == "首善街道" else dt.date(2023, 8, 1),
                is_pilot=town_name == "首善街道" and community_name in {"滨河社区", "景贤社区", "迎宾社区", "东关社区"},
            )
            counter += 1
            staff(room, counter, post=Post.COMMITTEE_MEMBER, start=room.opened_on or dt.date(2023, 6, 30))

    agency = Agency.objects.filter(name=DEMO_AGENCY).first()
    if agency is not None:
        AgencyPlacement.objects.get_or_create(
            agency=agency,
            station=town_stations["首善街道"],
            defaults={"start_date": dt.date(2022, 11, 1), "services": "社区养老、困境儿童个案服务"},
        )
        binhe_room = Station.objects.get(region=region_named("滨河社区"), tier=StationTier.COMMUNITY_ROOM)
        AgencyPlacement.objects.get_or_create(
            agency=agency, station=binhe_room, defaults={"start_date": dt.date(2023, 3, 1), "services": "小组工作"}
        )
        counter += 1
        staff(binhe_room, counter, post=Post.AGENCY_WORKER, professional=True, start=dt.date(2023, 3, 1), agency=agency)

    today = demo_today()
    trainings = [
        ("社会工作实务技巧培训", this_year(today, 0.2), Decimal("16"), TrainingKind.PRACTICE),
        ("社会工作督导：个案管理", this_year(today, 0.4), Decimal("12"), TrainingKind.SUPERVISION),
        ("“五社联动”政策法规解读", this_year(today, 0.6), Decimal("8"), TrainingKind.POLICY),
        ("社区社会组织培育实务", this_year(today, 0.8), Decimal("8"), TrainingKind.PRACTICE),
    ]
    hub_staff = list(StaffMember.objects.filter(assignments__station=hub))
    for topic, date, hours, kind in trainings:
        training, created = Training.objects.get_or_create(
            topic=topic,
            date=date,
            defaults={"hours": hours, "kind": kind, "organizer": hub, "lecturer": "宝鸡市社会工作协会", "place": "眉县民政局会议室"},
        )
        if created:
            if agency is not None:
                training.agencies.add(agency)
            training.attendees.add(*hub_staff)
    Training.objects.get_or_create(
        topic="社工站规范化建设培训",
        date=this_year(today, 0.7),
        defaults={"hours": Decimal("4"), "kind": TrainingKind.POLICY, "organizer": town_stations["首善街道"], "place": "首善街道社工站"},
    )

    # A few weeks of activity log in the 首善街道 pilot communities and in 横渠镇, up to today.
    plan = [
        ("滨河社区", ActivityKind.VISIT, "独居老人入户走访", ServiceDomain.ELDERLY_CARE, [TargetGroup.SPECIAL_ELDERLY], 6, 2),
        ("滨河社区", ActivityKind.GROUP, "“快乐成长”困境儿童小组", ServiceDomain.CHILD_WELFARE, [TargetGroup.CHILDREN_IN_DIFFICULTY], 10, 3),
        ("景贤社区", ActivityKind.COMMUNITY, "邻里节社区活动", ServiceDomain.COMMUNITY_GOVERNANCE, [TargetGroup.MIGRANTS], 60, 12),
        ("迎宾社区", ActivityKind.CASEWORK, "低保家庭个案跟进", ServiceDomain.SOCIAL_ASSISTANCE, [TargetGroup.ASSISTANCE_RECIPIENTS], 1, 0),
        ("东关社区", ActivityKind.COMMUNITY, "残疾人康复知识讲座", ServiceDomain.SOCIAL_AFFAIRS, [TargetGroup.DISABLED], 25, 4),
        ("横渠社区", ActivityKind.VISIT, "特扶家庭走访", ServiceDomain.SOCIAL_ASSISTANCE, [TargetGroup.SPECIAL_SUPPORT_FAMILIES], 8, 1),
        ("崖下村", ActivityKind.COMMUNITY, "乡村振兴志愿服务日", ServiceDomain.RURAL_REVITALISATION, [TargetGroup.SPECIAL_ELDERLY, TargetGroup.DISABLED], 40, 15),
    ]
    rooms = {s.region.name: s for s in Station.objects.filter(tier=StationTier.COMMUNITY_ROOM).select_related("region")}
    for week in range(6):
        for offset, (community, kind, title, domain, groups, participants, volunteers) in enumerate(plan):
            date = today - dt.timedelta(days=7 * week + offset)
            Activity.objects.get_or_create(
                station=rooms[community],
                date=date,
                title=title,
                defaults={
                    "kind": kind,
                    "place": f"{community}党群服务中心",
                    "domain": domain,
                    "target_groups": [str(g) for g in groups],
                    "participants": participants + week,
                    "volunteers": volunteers,
                    "hours": Decimal("2.0") if kind != ActivityKind.CASEWORK else Decimal("1.5"),
                },
            )
    load_huainan(today)
    if stdout is not None:
        stdout.write(
            f"stations: {Station.objects.count()} stations, {StaffMember.objects.count()} staff, "
            f"{Training.objects.count()} trainings, {Activity.objects.count()} activities"
        )


def this_year(today: dt.date, share: float) -> dt.date:
    """A day ``share`` of the way from 1 January to ``today``: this year, never in the future."""
    start = today.replace(month=1, day=1)
    return start + dt.timedelta(days=int((today - start).days * share))


def load_huainan(today: dt.date) -> None:
    """田家庵区: its hub, a station per street, a room per community, and this month's log in 洞山街道."""
    district = huainan_district()
    if district is None:  # the regions were loaded without the 淮南 subtree (tests' cast)
        return
    hub = station(
        district, StationTier.COUNTY_HUB, "田家庵区社会工作服务中心", address="田家庵区民政局", office_area=Decimal("150.00"),
        opened_on=dt.date(2020, 7, 20), **ALL_ROOMS,
    )
    rooms = {}
    for (town_name, _code), communities in HUAINAN_TOWNS.items():
        town = region_named_under(district, town_name)
        station(town, StationTier.TOWN_STATION, f"{town_name}社会工作服务站", office_area=Decimal("80.00"), **ALL_ROOMS)
        for community, _kind, _population in communities:
            region = region_named_under(district, community)
            rooms[community] = station(region, StationTier.COMMUNITY_ROOM, f"{community}社工室", office_area=Decimal("30.00"))
    plan = [
        ("洞山社区", ActivityKind.VISIT, "社区矫正对象走访", ServiceDomain.SOCIAL_ASSISTANCE, [TargetGroup.COMMUNITY_CORRECTIONS], 3, 0),
        ("淮河新城社区", ActivityKind.GROUP, "流动儿童成长小组", ServiceDomain.CHILD_WELFARE, [TargetGroup.CHILDREN_IN_DIFFICULTY], 12, 2),
        ("山南社区", ActivityKind.COMMUNITY, "“三社联动”邻里议事会", ServiceDomain.COMMUNITY_GOVERNANCE, [TargetGroup.MIGRANTS], 35, 6),
    ]
    for week in range(4):
        for offset, (community, kind, title, domain, groups, participants, volunteers) in enumerate(plan):
            Activity.objects.get_or_create(
                station=rooms[community],
                date=today - dt.timedelta(days=7 * week + offset),
                title=title,
                defaults={
                    "kind": kind, "place": f"{community}综合服务中心", "domain": domain,
                    "target_groups": [str(g) for g in groups], "participants": participants + week,
                    "volunteers": volunteers, "hours": Decimal("2.0"),
                },
            )
    Training.objects.get_or_create(
        topic="“三社联动”试点社工实务培训", date=this_year(today, 0.5),
        defaults={"hours": Decimal("8"), "kind": TrainingKind.PRACTICE, "organizer": hub, "place": "田家庵区民政局"},
    )


def region_named_under(root, name: str):
    from wulian.models import Region

    return Region.objects.under(root).get(name=name)
