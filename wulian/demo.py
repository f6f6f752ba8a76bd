"""Demo data of the core: the 眉县 region tree and one user per role, and a 淮南 district (田家庵区,
seed 004) with its own bureau user, so each county sees only its own.

Idempotent: regions are found by name under their parent, users by username. The apps' demo records are
dated relative to the day the demo is loaded (``demo_today``), so a first login shows this month's work.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from wulian.choices import CommunityKind, RegionLevel, Role
from wulian.models import Agency, Region, User

U, R = CommunityKind.URBAN, CommunityKind.RURAL

# Town/street → [(community, kind, population)]; populations are demo figures of the right size.
MEI_COUNTY_TOWNS = {
    ("首善街道", "610326001"): [
        ("滨河社区", U, 8600), ("景贤社区", U, 7400), ("迎宾社区", U, 6900), ("东关社区", U, 9200),
        ("西关社区", U, 6100), ("城北村", R, 2600),
    ],
    ("横渠镇", "610326100"): [("横渠社区", U, 4300), ("崖下村", R, 2100), ("文谢村", R, 1900), ("井家堡村", R, 1700)],
    ("槐芽镇", "610326101"): [("槐芽社区", U, 3900), ("西街村", R, 2400), ("上王村", R, 2000), ("清湫村", R, 1800)],
    ("汤峪镇", "610326102"): [("汤峪社区", U, 3600), ("闫家村", R, 1500), ("五星村", R, 1400)],
    ("常兴镇", "610326103"): [("常兴社区", U, 4100), ("王长村", R, 2200), ("红崖头村", R, 1600)],
    ("金渠镇", "610326104"): [("金渠社区", U, 3800), ("田家寨村", R, 1900), ("宁渠村", R, 2000)],
    ("营头镇", "610326105"): [("营头社区", U, 2700), ("中北村", R, 1500), ("甘河村", R, 1300)],
    ("齐镇", "610326106"): [("齐镇社区", U, 3100), ("斜峪关村", R, 1700), ("坳王村", R, 1400)],
}

DEMO_USERS = [
    # username, role, region name (under 眉县; None = the county), surname, given name
    ("bureau", Role.BUREAU_ADMIN, None, "王", "建国"),
    ("shoushan", Role.TOWN_STAFF, "首善街道", "李", "娜"),
    ("hengqu", Role.TOWN_STAFF, "横渠镇", "张", "伟"),
    ("binhe", Role.COMMUNITY_WORKER, "滨河社区", "刘", "芳"),
    ("agency", Role.AGENCY_STAFF, None, "陈", "静"),
    ("evaluator", Role.EVALUATOR, None, "赵", "敏"),
    ("leader", Role.LEADER, None, "杨", "书记"),
    # 三员分立 (issue 21): accounts, rights, the audit trail — three people, none doing another's work.
    ("sysadmin", Role.SYSTEM_ADMIN, None, "孙", "系统"),
    ("secadmin", Role.SECURITY_ADMIN, None, "周", "安全"),
    ("auditor", Role.AUDIT_ADMIN, None, "吴", "审计"),
]

DEMO_AGENCY = "眉县仁和社会工作服务中心"

# 淮南市田家庵区 (seed 004: the 三社联动 pilot) — street → [(community, kind, population)].
HUAINAN_DISTRICT = ("田家庵区", "340403")
HUAINAN_TOWNS = {
    ("洞山街道", "340403004"): [("洞山社区", U, 9800), ("淮河新城社区", U, 8700), ("山南社区", U, 7600)],
    ("朝阳街道", "340403003"): [("朝阳社区", U, 8900), ("龙湖社区", U, 7300)],
    ("舜耕镇", "340403100"): [("舜耕社区", U, 5200), ("林场村", R, 2300)],
}
# username, role, street (None = the district), surname, given name
HUAINAN_USERS = [("tianjiaan", Role.BUREAU_ADMIN, None, "孙", "立新")]

# 重阳节 is the 9th day of the 9th lunar month: its Gregorian dates, from the official calendar.
CHONGYANG = {
    2021: dt.date(2021, 10, 14), 2022: dt.date(2022, 10, 4), 2023: dt.date(2023, 10, 23),
    2024: dt.date(2024, 10, 11), 2025: dt.date(2025, 10, 29), 2026: dt.date(2026, 10, 18),
    2027: dt.date(2027, 10, 8), 2028: dt.date(2028, 10, 26), 2029: dt.date(2029, 10, 16),
    2030: dt.date(2030, 10, 5), 2031: dt.date(2031, 10, 24), 2032: dt.date(2032, 10, 12),
}


def demo_today() -> dt.date:
    """The day the demo is loaded: every demo date is counted back from it."""
    from django.utils import timezone

    return timezone.localdate()


def child(parent: Region | None, name: str, level: int, **fields) -> Region:
    """The child of ``parent`` called ``name``, created if missing, its fields brought up to date."""
    qs = Region.objects.filter(name=name, level=level)
    qs = qs.filter(path__startswith=parent.path, depth=parent.depth + 1) if parent else qs.filter(depth=1)
    node = qs.first()
    if node is None:
        kwargs = {"name": name, "level": level, **fields}
        return Region.objects.add_child(parent, kwargs) if parent else Region.objects.add_root(kwargs)
    changed = [k for k, v in fields.items() if getattr(node, k) != v]
    if changed:
        for k in changed:
            setattr(node, k, fields[k])
        node.save(update_fields=changed)
    return node


def load_regions() -> Region:
    shaanxi = child(None, "陕西省", RegionLevel.PROVINCE, code="610000")
    baoji = child(shaanxi, "宝鸡市", RegionLevel.CITY, code="610300")
    mei = child(baoji, "眉县", RegionLevel.COUNTY, code="610326")
    for (town_name, code), communities in MEI_COUNTY_TOWNS.items():
        town = child(mei, town_name, RegionLevel.TOWN, code=code)
        for index, (name, kind, population) in enumerate(communities, start=1):
            child(town, name, RegionLevel.COMMUNITY, kind=kind, population=population, code=f"{code}{index:03d}")
    seed_policies()
    return mei


def load_huainan() -> Region:
    anhui = child(None, "安徽省", RegionLevel.PROVINCE, code="340000")
    huainan = child(anhui, "淮南市", RegionLevel.CITY, code="340400")
    name, code = HUAINAN_DISTRICT
    district = child(huainan, name, RegionLevel.COUNTY, code=code)
    for (town_name, town_code), communities in HUAINAN_TOWNS.items():
        town = child(district, town_name, RegionLevel.TOWN, code=town_code)
        for index, (community, kind, population) in enumerate(communities, start=1):
            child(town, community, RegionLevel.COMMUNITY, kind=kind, population=population, code=f"{town_code}{index:03d}")
    seed_policies()
    return district


def seed_policies() -> None:
    """Both policy documents as profiles (idempotent), 眉县 and 淮南市 attached to theirs once they exist."""
    from wulian import policy_seed

    policy_seed.seed()


def huainan_district() -> Region | None:
    return Region.objects.filter(name=HUAINAN_DISTRICT[0], level=RegionLevel.COUNTY).first()


def mei_county() -> Region:
    return Region.objects.get(name="眉县", level=RegionLevel.COUNTY)


def region_named(name: str) -> Region:
    return Region.objects.under(mei_county()).get(name=name)


def load_users(mei: Region, password: str | None = None) -> dict[str, User]:
    password = password or settings.WULIAN_DEMO_PASSWORD
    agency, _ = Agency.objects.get_or_create(
        name=DEMO_AGENCY,
        defaults={
            "region": mei,
            "credit_code": "52610326MJ0000001X",
            "legal_representative": "周红",
            "contact_person": "陈静",
            "phone": "0917-5541234",
            "address": "眉县首善街道平阳街88号",
            "cultivated_by": region_named("首善街道"),
        },
    )
    users = {}
    for username, role, region_name, last, first in DEMO_USERS:
        region = None
        if role in {Role.BUREAU_ADMIN, Role.LEADER, Role.EVALUATOR, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN,
                    Role.AUDIT_ADMIN}:
            region = mei  # an evaluator's account belongs to the county that engaged it
        elif region_name:
            region = region_named(region_name)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(password)
        user.role, user.region, user.last_name, user.first_name = role, region, last, first
        user.agency = agency if role == Role.AGENCY_STAFF else None
        user.save()
        users[username] = user
    return users


def load_huainan_users(district: Region, password: str | None = None) -> dict[str, User]:
    password = password or settings.WULIAN_DEMO_PASSWORD
    users = {}
    for username, role, town, last, first in HUAINAN_USERS:
        region = Region.objects.under(district).get(name=town) if town else district
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(password)
        user.role, user.region, user.last_name, user.first_name, user.agency = role, region, last, first, None
        user.save()
        users[username] = user
    return users


def load(stdout=None) -> None:
    mei = load_regions()
    load_users(mei)
    load_huainan_users(load_huainan())
