"""Demo data of the core: the 眉县 region tree and one user per role.

Idempotent: regions are found by name under their parent, users by username.
"""

from __future__ import annotations

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
]

DEMO_AGENCY = "眉县仁和社会工作服务中心"


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
    return mei


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
        if role in {Role.BUREAU_ADMIN, Role.LEADER, Role.EVALUATOR}:
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


def load(stdout=None) -> None:
    mei = load_regions()
    load_users(mei)
