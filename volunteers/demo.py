"""Demo volunteers of 首善街道 (and a few in 横渠镇): a few hundred with valid ID numbers, teams, and a
year and a bit of activities with hours. Deterministic (seeded) and idempotent; bulk inserts keep it fast."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from organizations.models import SocialOrganization
from wulian.demo import CHONGYANG, demo_today, region_named
from wulian.models import User

from .choices import ActivityStatus, HoursSource, HoursStatus, IdType, VolunteerStatus
from .models import ServiceHours, Volunteer, VolunteerActivity, VolunteerTeam
from .validators import id_check_char

SEED = 20221018
# community → number of volunteers
VOLUNTEERS = {"滨河社区": 110, "景贤社区": 60, "迎宾社区": 45, "东关社区": 40, "西关社区": 15, "城北村": 10, "横渠社区": 20}
# community → activities a month (滨河 meets the ≥10 a year target, the others do not)
ACTIVITIES_PER_MONTH = {"滨河社区": 1.0, "景贤社区": 0.75, "迎宾社区": 0.5, "东关社区": 0.5, "横渠社区": 0.34}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "秀英桂兰建国志强丽娟海燕明华春梅晓东文静雪梅红霞玉珍国庆建军小红永刚淑芬德胜子涵欣怡浩然思远佳怡宇航"
SKILLS = ["", "", "医疗护理", "心理疏导", "法律咨询", "文艺演出", "摄影", "书法", "驾驶", "电脑维修", "理发", "家电维修", "教学辅导"]
TITLES = [
    ("关爱空巢老人上门探访", "走访辖区空巢、独居老人，帮助打扫卫生、测量血压并陪伴聊天。"),
    ("社区环境卫生整治", "清理楼道堆放杂物、小广告和绿化带垃圾。"),
    ("四点半课堂作业辅导", "为双职工家庭儿童提供课后作业辅导和安全看护。"),
    ("防诈骗宣传进小区", "发放防范电信诈骗宣传资料，讲解常见诈骗手段。"),
    ("义务理发进社区", "为行动不便老人和残疾人免费理发。"),
    ("文明交通劝导", "在路口劝导行人和非机动车文明出行。"),
    ("困境儿童周末陪伴", "陪伴困境儿童开展阅读、手工等活动。"),
    ("慈善超市义卖", "协助慈善超市整理捐赠物资并开展义卖。"),
    ("垃圾分类入户宣传", "入户讲解垃圾分类知识，指导居民正确投放。"),
]
# Festivals on their real dates: (title, content, date of a year or None, communities).
FESTIVALS = [
    ("重阳节敬老活动", "为社区高龄老人组织文艺演出和健康义诊。", lambda year: CHONGYANG.get(year), ["滨河社区", "景贤社区"]),
    ("学雷锋志愿服务日", "在社区广场开展义诊、义剪、家电维修等便民服务。", lambda year: dt.date(year, 3, 5), ["滨河社区", "东关社区"]),
]


def resident_id(rng: random.Random, index: int) -> str:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 54 * 365))
    first17 = f"610326{birth:%Y%m%d}{index % 1000:03d}"
    return first17 + id_check_char(first17)


def load(stdout=None) -> None:
    rng = random.Random(SEED)
    volunteers = _volunteers(rng)
    teams = _teams(rng, volunteers)
    added_activities, added_hours = _activities(rng, volunteers, teams)
    if stdout is not None:
        stdout.write(
            f"  volunteers: {sum(len(v) for v in volunteers.values())} volunteers, {len(teams)} teams, "
            f"{added_activities} activities and {added_hours} hour records added"
        )


def _volunteers(rng: random.Random) -> dict[str, list[Volunteer]]:
    existing = set(Volunteer.objects.values_list("id_number", flat=True))
    new = []
    index = 0
    for community_name, count in VOLUNTEERS.items():
        community = region_named(community_name)
        for _ in range(count):
            index += 1
            id_number = resident_id(rng, index)
            name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
            phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
            registered = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))
            skills = rng.choice(SKILLS)
            status = VolunteerStatus.INACTIVE if index % 37 == 0 else VolunteerStatus.ACTIVE
            if id_number in existing:
                continue
            new.append(
                Volunteer(
                    name=name,
                    id_type=IdType.RESIDENT_ID,
                    id_number=id_number,
                    volunteer_number=f"2021{index:06d}",
                    phone=phone,
                    community=community,
                    skills=skills,
                    registered_on=registered,
                    status=status,
                )
            )
    Volunteer.objects.bulk_create(new)
    by_community: dict[str, list[Volunteer]] = {}
    for v in Volunteer.objects.filter(volunteer_number__startswith="2021").select_related("community").order_by("pk"):
        by_community.setdefault(v.community.name, []).append(v)
    return by_community


def _teams(rng: random.Random, volunteers) -> dict[str, VolunteerTeam]:
    teams = {}
    for community_name in ACTIVITIES_PER_MONTH:
        community = region_named(community_name)
        people = [v for v in volunteers.get(community_name, []) if v.status == VolunteerStatus.ACTIVE]
        team, created = VolunteerTeam.objects.get_or_create(
            region=community,
            name=f"{community_name}志愿服务队",
            defaults={
                "organising_body": f"{community_name}{'村民委员会' if community.kind == 'rural' else '居民委员会'}",
                "founded_on": dt.date(2021, 3, 5),
                "leader": people[0] if people else None,
            },
        )
        if created and people:
            team.members.add(*people[: max(10, len(people) * 2 // 3)])
        teams[community_name] = team
    return teams


def _activities(rng: random.Random, volunteers, teams) -> tuple[int, int]:
    today = demo_today()
    start = dt.date(today.year - 1, 1, 1)
    station = "首善街道社会工作服务站"
    orgs = {o.region.name: o for o in SocialOrganization.objects.filter(name__endswith="服务队").select_related("region")}
    existing = set(VolunteerActivity.objects.values_list("region_id", "title", "date"))
    staff = User.objects.filter(username="binhe").first()
    new_activities = []
    serial = 0
    plan = []  # (activity, volunteers, pending?)
    for community_name, per_month in ACTIVITIES_PER_MONTH.items():
        community = region_named(community_name)
        people = [v for v in volunteers.get(community_name, []) if v.status == VolunteerStatus.ACTIVE]
        if not people:
            continue
        month_index = 0
        credit = 0.0
        month = start
        while month < today:
            credit += per_month
            while credit >= 1:
                credit -= 1
                day = month.replace(day=rng.randrange(3, 27))
                serial += 1
                title, content = TITLES[(month_index + serial) % len(TITLES)]
                hour = rng.choice((8, 9, 14, 15))
                length = rng.choice((2, 3, 3, 4))
                kind = rng.random()
                organiser = {"team": teams.get(community_name)}
                if kind > 0.8 and community_name in orgs:
                    organiser = {"organization": orgs[community_name]}
                elif kind > 0.65:
                    organiser = {"organiser_name": station}
                activity = VolunteerActivity(
                    title=title,
                    region=community,
                    date=day,
                    start_time=dt.time(hour, 0),
                    end_time=dt.time(hour + length, 0),
                    place=f"{community_name}党群服务中心",
                    content=content,
                    status=ActivityStatus.CLOSED if day < today else ActivityStatus.OPEN,
                    **organiser,
                )
                chosen = rng.sample(people, min(len(people), rng.randrange(6, 22)))
                pending = day >= today - dt.timedelta(days=20)
                if (community.pk, title, day) not in existing:
                    new_activities.append(activity)
                    plan.append((activity, chosen, pending, length))
            month_index += 1
            month = (month.replace(day=28) + dt.timedelta(days=5)).replace(day=1)
    # Always a few days ago in 滨河社区: self-recorded hours the staff still have to confirm.
    recent = ("关爱空巢老人上门探访", "走访辖区空巢、独居老人，帮助打扫卫生、测量血压并陪伴聊天。", None, ["滨河社区"])
    for title, content, day_of, communities in [*FESTIVALS, recent]:
        for year in range(start.year, today.year + 1):
            if day_of is None and year != today.year:
                continue
            day = day_of(year) if day_of is not None else today - dt.timedelta(days=3)
            if day is None or day >= today:
                continue
            for community_name in communities:
                community = region_named(community_name)
                people = [v for v in volunteers.get(community_name, []) if v.status == VolunteerStatus.ACTIVE]
                if not people or (community.pk, title, day) in existing:
                    continue
                activity = VolunteerActivity(
                    title=title, region=community, date=day, start_time=dt.time(9, 0), end_time=dt.time(12, 0),
                    place=f"{community_name}党群服务中心", content=content, status=ActivityStatus.CLOSED,
                    organiser_name=station,
                )
                new_activities.append(activity)
                chosen = rng.sample(people, min(len(people), rng.randrange(10, 25)))
                plan.append((activity, chosen, day >= today - dt.timedelta(days=20), 3))
    VolunteerActivity.objects.bulk_create(new_activities)
    now = timezone.now()
    hours = []
    for activity, chosen, pending, length in plan:
        if activity.date >= today:
            continue  # planned: nobody has served yet
        for v in chosen:
            served = Decimal(length) - Decimal(rng.choice((0, 0, 0, 5, 10))) / 10
            fields = {}
            if pending:
                # Self check-in by QR code: arrived at the start, left when the served time was up.
                arrived = timezone.make_aware(dt.datetime.combine(activity.date, activity.start_time))
                fields = {"checked_in_at": arrived, "checked_out_at": arrived + dt.timedelta(hours=float(served))}
            hours.append(
                ServiceHours(
                    activity=activity,
                    volunteer=v,
                    hours=served,
                    status=HoursStatus.PENDING if pending else HoursStatus.CONFIRMED,
                    source=HoursSource.CHECK_IN if pending else HoursSource.STAFF,
                    reviewed_by=None if pending else staff,
                    reviewed_at=None if pending else now,
                    **fields,
                )
            )
    ServiceHours.objects.bulk_create(hours, ignore_conflicts=True)
    return len(new_activities), len(hours)
