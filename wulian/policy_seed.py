"""The two policy documents of the programme as data: profiles, targets, phases and 淮南's leading group.

Seed 000 (眉县人民政府办公室, 2022-11-03) and seed 004 (淮府办〔2020〕8号, 2020-06-24), every row of the design's
target table with its clause and the sentence it comes from. ``seed(...)`` is idempotent and additive: it
creates what is missing (a profile by code, a target by ``seed_key``, a phase by name, the leading group when
the profile has none, a region's attachment when the region follows no profile yet) and never overwrites
what an admin changed. It runs from the data migration (historical models) and from the demo loader (after
the regions exist, to attach 眉县 and 淮南市).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

D = dt.date

MEIXIAN = {
    "code": "meixian2022",
    "name": "眉县五社联动试点方案 (2022)",
    "title": "关于实施“五社联动”助力基层治理和乡村振兴的试点工作方案",
    "document_number": "",
    "issuer": "眉县人民政府办公室",
    "issued_on": D(2022, 11, 3),
    # Attached to: (region name, level, parent name or None)
    "attach": [("眉县", 3)],
}
HUAINAN = {
    "code": "huainan2020",
    "name": "淮南市三社联动试点实施意见 (淮府办〔2020〕8号)",
    "title": "淮南市人民政府办公室关于全面推进“三社联动”试点工作的实施意见",
    "document_number": "淮府办〔2020〕8号",
    "issuer": "淮南市人民政府办公室",
    "issued_on": D(2020, 6, 24),
    "attach": [("淮南市", 2)],
}

MEI_ORGS = "到2023年底，每个城镇社区的社会组织达到15个以上, 每个农村社区的社会组织达到5个以上(其中服务性、公益性、互助性社会组织占比超过50%)"
MEI_HUB = (
    "在县民政局设立全县社会工作服务总站，办公面积不少于100平米，配置桌椅、电脑、打印机、档案柜等办公用品。"
    "从2022年招录的社区专职工作人员中配备驻站社区专职工作人员不少于3人，其中，专业社工不少于2人。"
)
MEI_TOWN = (
    "在各镇街建设社会工作服务站，办公面积不少于60平方米，配置办公室、个案室（心理咨询室）、小组活动室、共享会议室等功能部室，"
    " 配备驻站社区专职工作人员不少于3名，其中，专业社工不少于1名。"
)
MEI_ROOM = "社区(村)社工室。办公用房不少于30平方米，配备个案室（心理咨询室）、小组活动室等基本功能部室"
MEI_AGENCIES = "2022年底前，试点镇街首善街道培育2个以上社会工作服务机构，其他镇培育1个以上社会工作服务机构"
MEI_TRAINING = "县民政局每年对社会工作服务机构开展督导、实务及政策法规培训不少于48课时"
MEI_FUNDS = (
    "县财政每年用于全县社会工作服务总站经费不少于5万元，镇街社会工作服务站经费不少于2万元，"
    "城镇社区社会工作服务室经费不少于1万元"
)
MEI_FEDERATION = "要成立镇街社区社会组织联合会"

HN_GOAL = (
    "到试点完成时，参与试点的街道（乡镇）中城市社区社会组织达到10家，农村社区社会组织达到5家，"
    "社区工作者中取得全国社会工作者职业水平证书人数占社区工作者总数比例达40%"
)
HN_POSTS = "按照每个街道（乡镇）社会工作服务中心至少设置2个、每个社区社会工作服务站至少设置1个专业社工岗位标准"
HN_PROJECTS = "试点期间每年开展至少3个社会工作专业服务项目；至少开展1次微公益创投活动"
HN_VOLUNTEERS = (
    "所辖社区志愿者注册率不低于16%，每年开展志愿服务活动不少于10个，注册志愿者参与志愿服务活动比率不低于10%"
)
HN_ORGS = "培育发展至少5家依法登记的社区社会组织和5 家备案管理的社区服务组织，在此基础上引导社区成立社区社会组织联合会"

ROOMS_TOWN = ["office", "case", "group", "meeting"]
ROOMS_COMMUNITY = ["case", "group"]
EQUIPMENT_HUB = ["desks", "computers", "printers", "filing_cabinets"]

MEI_END_2023 = D(2023, 12, 31)
MEI_END_2022 = D(2022, 12, 31)
HN_PILOT_END = D(2021, 5, 31)


def t(key, indicator, level, comparator, threshold, unit, period, clause, quote, deadline=None, regions=(), **params):
    return {
        "seed_key": key,
        "indicator": indicator,
        "level": level,
        "comparator": comparator,
        "threshold": None if threshold is None else Decimal(threshold),
        "unit": unit,
        "period": period,
        "deadline": deadline,
        "clause": clause,
        "quote": quote,
        "regions": regions,
        "parameters": params,
    }


MEIXIAN_TARGETS = [
    t("orgs-urban", "orgs_per_community", "urban_community", "gte", 15, "个", "by_deadline", "000 §二", MEI_ORGS, MEI_END_2023),
    t("orgs-rural", "orgs_per_community", "rural_community", "gte", 5, "个", "by_deadline", "000 §二", MEI_ORGS, MEI_END_2023),
    t("orgs-share", "orgs_service_share", "community", "gt", 50, "%", "by_deadline", "000 §二", MEI_ORGS, MEI_END_2023),
    t("hub-area", "station_area", "station_county_hub", "gte", 100, "平方米", "ongoing", "000 §三.一", MEI_HUB),
    t("hub-equipment", "station_equipment", "station_county_hub", "present", None, "", "ongoing", "000 §三.一", MEI_HUB,
      equipment=EQUIPMENT_HUB),
    t("hub-staff", "station_staff", "station_county_hub", "gte", 3, "人", "ongoing", "000 §三.一", MEI_HUB),
    t("hub-professionals", "station_professionals", "station_county_hub", "gte", 2, "人", "ongoing", "000 §三.一", MEI_HUB),
    t("town-area", "station_area", "station_town", "gte", 60, "平方米", "ongoing", "000 §三.一", MEI_TOWN),
    t("town-rooms", "station_rooms", "station_town", "present", None, "", "ongoing", "000 §三.一", MEI_TOWN, rooms=ROOMS_TOWN),
    t("town-staff", "station_staff", "station_town", "gte", 3, "名", "ongoing", "000 §三.一", MEI_TOWN),
    t("town-professionals", "station_professionals", "station_town", "gte", 1, "名", "ongoing", "000 §三.一", MEI_TOWN),
    t("room-area", "station_area", "station_community", "gte", 30, "平方米", "ongoing", "000 §三.一", MEI_ROOM),
    t("room-rooms", "station_rooms", "station_community", "present", None, "", "ongoing", "000 §三.一", MEI_ROOM,
      rooms=ROOMS_COMMUNITY),
    t("agencies-pilot", "agencies_cultivated", "town", "gte", 2, "个", "by_deadline", "000 §三.二.1", MEI_AGENCIES,
      MEI_END_2022, regions=[("首善街道", 4, "眉县")]),
    t("agencies-towns", "agencies_cultivated", "town", "gte", 1, "个", "by_deadline", "000 §三.二.1", MEI_AGENCIES, MEI_END_2022),
    t("agency-training", "agency_training_hours", "county", "gte", 48, "课时", "annual", "000 §三.二.2", MEI_TRAINING),
    t("funds-hub", "operating_funds", "station_county_hub", "gte", 50000, "元", "annual", "000 §三.三.1", MEI_FUNDS),
    t("funds-town", "operating_funds", "station_town", "gte", 20000, "元", "annual", "000 §三.三.1", MEI_FUNDS),
    t("funds-room", "operating_funds", "station_community", "gte", 10000, "元", "annual", "000 §三.三.1", MEI_FUNDS,
      community_kind="urban"),
    t("federation-town", "federation", "town", "present", None, "", "ongoing", "000 §六.二", MEI_FEDERATION),
]

HUAINAN_TARGETS = [
    t("orgs-urban", "orgs_per_community", "urban_community", "gte", 10, "家", "by_deadline", "004 §一", HN_GOAL, HN_PILOT_END),
    t("orgs-rural", "orgs_per_community", "rural_community", "gte", 5, "家", "by_deadline", "004 §一", HN_GOAL, HN_PILOT_END),
    t("certified-share", "certified_share", "community", "gte", 40, "%", "by_deadline", "004 §一", HN_GOAL, HN_PILOT_END),
    t("town-posts", "station_professionals", "station_town", "gte", 2, "个", "ongoing", "004 §二.1", HN_POSTS),
    t("room-posts", "station_professionals", "station_community", "gte", 1, "个", "ongoing", "004 §二.1", HN_POSTS),
    t("projects", "professional_projects", "community", "gte", 3, "个", "annual", "004 §二.2", HN_PROJECTS),
    t("micro-venture", "micro_venture_projects", "community", "gte", 1, "次", "annual", "004 §二.2", HN_PROJECTS),
    t("registration-rate", "volunteer_registration_rate", "community", "gte", 16, "%", "annual", "004 §二.2", HN_VOLUNTEERS),
    t("activities", "volunteer_activities", "community", "gte", 10, "个", "annual", "004 §二.2", HN_VOLUNTEERS),
    t("participation-rate", "volunteer_participation_rate", "community", "gte", 10, "%", "annual", "004 §二.2", HN_VOLUNTEERS),
    t("orgs-registered", "orgs_registered", "community", "gte", 5, "家", "by_deadline", "004 §二.3", HN_ORGS, HN_PILOT_END),
    t("orgs-filed", "orgs_filed", "community", "gte", 5, "家", "by_deadline", "004 §二.3", HN_ORGS, HN_PILOT_END),
    t("federation-community", "federation", "community", "present", None, "", "by_deadline", "004 §二.3", HN_ORGS, HN_PILOT_END),
]

MEI_PILOT_REGIONS = [("首善街道", 4, "眉县"), ("滨河社区", 5, "首善街道"), ("景贤社区", 5, "首善街道"),
                     ("迎宾社区", 5, "首善街道"), ("东关社区", 5, "首善街道")]

MEIXIAN_PHASES = [
    {"name": "试点阶段", "start": D(2022, 10, 1), "end": D(2023, 6, 30), "clause": "000 §四.一", "regions": MEI_PILOT_REGIONS,
     "description": "首善街道作为全市试点，在滨河、景贤、迎宾、东关4个社区率先开展“五社联动”试点工作。"},
    {"name": "全面推广阶段", "start": D(2023, 7, 1), "end": None, "clause": "000 §四.二", "regions": [],
     "description": "在首善街道试点的基础上总结经验做法，形成可复制、可推广的服务模式，全面推行。"},
]
HUAINAN_PHASES = [
    {"name": "谋划准备阶段", "start": D(2020, 6, 1), "end": D(2020, 7, 31), "clause": "004 §三.一", "regions": [],
     "description": "下发试点工作文件，遴选确定试点街道（乡镇）、社区和社会工作服务机构，7月底前报送市民政局。"},
    {"name": "全面推进阶段", "start": D(2020, 8, 1), "end": D(2020, 11, 30), "clause": "004 §三.二", "regions": [],
     "description": "各试点单位依据试点工作方案全面推进试点工作。"},
    {"name": "中期评估阶段", "start": D(2020, 12, 1), "end": D(2020, 12, 31), "clause": "004 §三.三", "regions": [],
     "description": "市民政局委托第三方机构对试点工作成效进行检查评估，形成中期评估报告。"},
    {"name": "完善提升阶段", "start": D(2021, 1, 1), "end": D(2021, 2, 28), "clause": "004 §三.四", "regions": [],
     "description": "针对中期检查评估发现的问题，进一步改进和完善工作措施。"},
    {"name": "总结评估阶段", "start": D(2021, 3, 1), "end": D(2021, 5, 31), "clause": "004 §三.五", "regions": [],
     "description": "市民政局对试点工作进行总结和终期评估，向市政府提交总结报告。"},
    {"name": "示范点", "start": D(2021, 6, 1), "end": None, "clause": "004 §三.五", "regions": [],
     "description": "对试点期满验收合格的，授予参与试点的街道（乡镇）、社区“全市‘三社联动’示范点”称号。"},
]

HUAINAN_LEADING_GROUP = [
    ("leader", "邬平川", "副市长"),
    ("deputy", "王中", "市民政局局长"),
    ("deputy", "孙道军", "市人民政府办公室副主任"),
    ("member", "张琳娜", "市财政局副局长"),
    ("member", "祝应茂", "市人社局副局长"),
    ("member", "袁先进", "市民政局副局长"),
    ("member", "施性平", "寿县政府副县长"),
    ("member", "李传峰", "凤台县政府副县长"),
    ("member", "曹峰", "田家庵区政府副区长"),
    ("member", "邵朝辉", "大通区政府副区长"),
    ("member", "桂超林", "谢家集区政府副区长"),
    ("member", "陈福建", "八公山区政府副区长"),
    ("member", "程晓玲", "潘集区政府副区长"),
    ("member", "柏发淮", "毛集社会发展综合实验区工委委员、人武部部长"),
    ("member", "胡涛", "经济技术开发区工委委员、管委会副主任"),
    ("member", "王毅", "高新区工委委员、管委会副主任"),
    ("office_director", "王中（兼）", "领导小组办公室（设在市民政局）"),
    ("office_deputy", "袁先进", "领导小组办公室（设在市民政局）"),
]

DOCUMENTS = [
    (MEIXIAN, MEIXIAN_TARGETS, MEIXIAN_PHASES, []),
    (HUAINAN, HUAINAN_TARGETS, HUAINAN_PHASES, HUAINAN_LEADING_GROUP),
]


def _region(Region, name: str, level: int, parent: str | None = None):
    """The region called ``name`` at ``level`` (under a region called ``parent``), or None; unique or nothing."""
    qs = Region.objects.filter(name=name, level=level)
    if parent:
        parents = list(Region.objects.filter(name=parent).values_list("path", flat=True))
        if not parents:
            return None
        matches = [r for r in qs if any(r.path.startswith(p) for p in parents)]
    else:
        matches = list(qs[:2])
    return matches[0] if len(matches) == 1 else None


def _regions(Region, specs):
    found = [_region(Region, *spec) for spec in specs]
    return [r for r in found if r is not None]


def seed(models=None, source_text: dict | None = None) -> dict:
    """Create what is missing of both documents; returns counts of what was created."""
    if models is None:
        from wulian import models as real

        models = real
    PolicyProfile, Target, Phase = models.PolicyProfile, models.Target, models.Phase
    LeadingGroupMember, ProfileRegion, Region = models.LeadingGroupMember, models.ProfileRegion, models.Region
    created = {"profiles": 0, "targets": 0, "phases": 0, "leading_group": 0, "attached": 0, "named": 0}
    for document, targets, phases, group in DOCUMENTS:
        fields = {k: document[k] for k in ("name", "title", "document_number", "issuer", "issued_on")}
        profile = PolicyProfile.objects.filter(code=document["code"]).first()
        if profile is None:
            profile = PolicyProfile.objects.create(code=document["code"], **fields)
            created["profiles"] += 1
        existing = {t.seed_key: t for t in Target.objects.filter(profile=profile).exclude(seed_key="")}
        for position, spec in enumerate(targets, start=1):
            target = existing.get(spec["seed_key"])
            if target is None:
                values = {k: v for k, v in spec.items() if k != "regions"}
                target = Target.objects.create(profile=profile, status="accepted", position=position * 10, **values)
                created["targets"] += 1
            if spec["regions"] and not target.regions.exists():
                named = _regions(Region, spec["regions"])
                if named:
                    target.regions.set(named)
                    created["named"] += 1
        for position, spec in enumerate(phases, start=1):
            phase = Phase.objects.filter(profile=profile, name=spec["name"]).first()
            if phase is None:
                values = {k: v for k, v in spec.items() if k != "regions"}
                phase = Phase.objects.create(profile=profile, position=position, **values)
                created["phases"] += 1
            if spec["regions"] and not phase.regions.exists():
                phase.regions.set(_regions(Region, spec["regions"]))
        if group and not LeadingGroupMember.objects.filter(profile=profile).exists():
            LeadingGroupMember.objects.bulk_create(
                LeadingGroupMember(profile=profile, position=position, name=name, unit=unit, order=order)
                for order, (position, name, unit) in enumerate(group, start=1)
            )
            created["leading_group"] += len(group)
        for spec in document["attach"]:
            region = _region(Region, *spec)
            if region is not None and not ProfileRegion.objects.filter(region=region).exists():
                ProfileRegion.objects.create(profile=profile, region=region)
                created["attached"] += 1
    return created
