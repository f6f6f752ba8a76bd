"""Demo service projects of 眉县: one or more in every step of the six, the 首善街道 pilot ones among them.

- 滨河社区 “银龄守护” (pilot, open tender): accepted with 优秀, its evaluation report built as a PDF;
- 景贤社区 “四点半课堂” (pilot, 微公益创投): failed its acceptance (不合格), back in service, the agency marked;
- 迎宾社区 “邻里议事” (pilot): in service with an overdue rectification from the mid-term supervision;
- 横渠社区 “一户一策” (single source, with its justification): in service;
- and one each submitted, returned (with the review's reasons), approved, published (bids open),
  awarded, signed by the agency, contracted, under evaluation, a draft and a cancelled one.

Every date counts back from the day the demo is loaded (``demo_today``); the transitions are on each project's
timeline (``StateChange`` rows dated when they happened). Records are written directly (a demo is history, not
a walk through the guards); idempotent: a project already there (same title and place) is left alone.
Another agency with a login (``chunhui``) bids against the demo agency; a third agency has no login.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wulian.choices import RegionLevel, Role, ServiceDomain, TargetGroup
from wulian.demo import DEMO_AGENCY, demo_today, mei_county, region_named
from wulian.models import Agency, ReportJob, StateChange, User

from .choices import (
    BidStatus,
    EvaluationKind,
    IndicatorGroup,
    Measure,
    MilestoneStatus,
    Party,
    Phase,
    ProcurementMethod,
    ProjectStatus,
    RectificationStatus,
    ReviewDecision,
    SurveyMethod,
    Urgency,
)
from .models import (
    AgencyMark,
    Agreement,
    Bid,
    BidMember,
    Criterion,
    Evaluation,
    EvaluationParty,
    IndicatorItem,
    IndicatorSheet,
    ItemScore,
    Milestone,
    Need,
    NeedsSurvey,
    Notice,
    PerformanceTarget,
    Project,
    Rectification,
    Review,
    ServiceRecord,
)

S = ProjectStatus
SEED = 20230701
CENT = Decimal("0.01")
SHEET_NAME = "眉县政府购买社会工作服务项目绩效评价指标"

# Agencies besides the core demo agency (眉县仁和社会工作服务中心, login "agency").
AGENCIES = {
    "chunhui": ("眉县春晖社会工作服务中心", "52610326MJ0000002R", "首善街道"),
    "yangguang": ("宝鸡市阳光社会工作服务中心", "52610300MJ0000015K", None),
}
# The second agency's login (username, surname, given name), listed with the demo logins.
AGENCY_USER = ("chunhui", "吴", "晓燕")
# The experts who sit on the scoring panels (评审专家; the evaluator role, registered for the county): username, surname, name.
EXPERTS = [("expert1", "周", "文"), ("expert2", "郑", "华"), ("expert3", "冯", "丽")]
# A tender's 评标委员会 needs five: two outside experts without an account, recorded by name.
OUTSIDE_EXPERTS = ["李明远", "高淑琴"]
# Printed by load_demo with the core's logins (the demo agency's "agency" and the "evaluator" are the core's).
DEMO_LOGINS = [("chunhui", f"{Role.AGENCY_STAFF.label} · {AGENCIES['chunhui'][0]}"),
               *[(u, f"{Role.EVALUATOR.label} · 评审专家（评审小组成员）") for u, _l, _f in EXPERTS]]
# Each agency's staff on record (name, certificate level or None): a bid's team is chosen from them.
TEAM = [("王敏", "social_worker"), ("李静", "assistant"), ("张伟", "assistant"), ("刘芳", None)]

# (group, content, standard, evidence, max score)
SHEET_ITEMS = [
    (IndicatorGroup.MANAGEMENT, "项目团队配置", "按协议配备持证社会工作者，人员稳定", "人员名册、资格证书", 8),
    (IndicatorGroup.MANAGEMENT, "制度与档案管理", "服务制度健全，档案完整、规范、及时", "制度文本、服务档案", 7),
    (IndicatorGroup.MANAGEMENT, "进度管理", "按计划推进，月报按时报送", "工作计划、月度报告", 5),
    (IndicatorGroup.MANAGEMENT, "信息公开", "服务信息按要求公开", "公开截图、公示照片", 5),
    (IndicatorGroup.OUTCOMES, "产出数量", "个案、小组、社区活动达到协议绩效目标", "服务台账、签到表", 15),
    (IndicatorGroup.OUTCOMES, "服务质量", "服务计划、过程记录和评估完整，专业方法运用恰当", "个案与小组记录", 12),
    (IndicatorGroup.OUTCOMES, "服务对象满意度", "满意度不低于90%", "满意度调查表", 10),
    (IndicatorGroup.OUTCOMES, "志愿者参与", "链接志愿者参与服务并记录时长", "志愿服务记录", 8),
    (IndicatorGroup.FINANCE, "预算执行", "按预算使用资金，执行率不低于90%", "财务账目、凭证", 8),
    (IndicatorGroup.FINANCE, "财务规范", "专款专用，票据合规", "财务报表、审计意见", 7),
    (IndicatorGroup.IMPACT, "社区参与与资源链接", "链接社区资源，带动居民参与", "资源链接记录", 8),
    (IndicatorGroup.IMPACT, "示范与宣传", "形成服务经验，宣传报道", "案例集、报道", 7),
]

CRITERIA = [
    ("服务方案", 40, "需求分析准确、服务目标明确、方案可行"),
    ("团队资质", 30, "持证社会工作者数量与经验"),
    ("报价", 20, "报价合理，低于最高限价"),
    ("机构业绩", 10, "近三年同类项目经验"),
]

# One spec per project. days: how many days ago the town submitted it (the other steps follow from it).
PROJECTS = [
    {
        "key": "binhe", "region": "滨河社区", "status": S.ACCEPTED, "days": 420, "phase": Phase.PILOT,
        "title": "滨河社区“银龄守护”特殊老人关爱服务项目", "domain": ServiceDomain.ELDERLY_CARE,
        "groups": [TargetGroup.SPECIAL_ELDERLY], "budget": "300000", "amount": "286000",
        "method": ProcurementMethod.OPEN_TENDER, "agency": "renhe", "rival": "chunhui",
        "professional": True, "quality": 0.93, "midterm": 0.86,
        "goals": "为辖区高龄、独居、失能等特殊老人提供上门探访、个案支持和互助小组服务，建立社区关爱网络。",
    },
    {
        "key": "jingxian", "region": "景贤社区", "status": "failed", "days": 400, "phase": Phase.PILOT,
        "title": "景贤社区困境儿童“四点半课堂”项目", "domain": ServiceDomain.CHILD_WELFARE,
        "groups": [TargetGroup.CHILDREN_IN_DIFFICULTY], "budget": "80000", "amount": "76000",
        "method": ProcurementMethod.COMPETITIVE_CONSULTATION, "agency": "chunhui", "rival": "yangguang",
        "micro": True, "quality": 0.55, "midterm": 0.68,
        "goals": "为困境儿童提供课后学业辅导、安全看护和成长小组，提升儿童自我保护能力。",
    },
    {
        "key": "yingbin", "region": "迎宾社区", "status": S.IN_SERVICE, "days": 250, "phase": Phase.PILOT,
        "title": "迎宾社区“邻里议事”社区治理项目", "domain": ServiceDomain.COMMUNITY_GOVERNANCE,
        "groups": [TargetGroup.MIGRANTS], "budget": "120000", "amount": "115000",
        "method": ProcurementMethod.INQUIRY, "agency": "renhe", "rival": "yangguang",
        "professional": True, "midterm": 0.76, "overdue": True,
        "goals": "培育居民议事会，围绕老旧小区治理开展协商议事，带动流动人口参与社区事务。",
    },
    {
        "key": "hengqu", "region": "横渠社区", "status": S.IN_SERVICE, "days": 150, "phase": Phase.ROLLOUT,
        "title": "横渠镇社会救助对象“一户一策”帮扶项目", "domain": ServiceDomain.SOCIAL_ASSISTANCE,
        "groups": [TargetGroup.ASSISTANCE_RECIPIENTS], "budget": "60000", "amount": "58000",
        "method": ProcurementMethod.SINGLE_SOURCE, "agency": "chunhui", "professional": True,
        "justification": "该机构已在横渠镇社工站驻站服务两年，掌握全部救助对象档案；为保证服务连续，经集体研究采用单一来源方式。",
        "goals": "为低保、特困等救助对象建立“一户一策”帮扶档案，开展个案管理和资源链接。",
    },
    {
        "key": "dongguan", "region": "东关社区", "status": S.EVALUATING, "days": 380, "phase": Phase.PILOT,
        "title": "东关社区残疾人康复支持项目", "domain": ServiceDomain.SOCIAL_AFFAIRS,
        "groups": [TargetGroup.DISABLED], "budget": "150000", "amount": "142000",
        "method": ProcurementMethod.OPEN_TENDER, "agency": "renhe", "rival": "yangguang",
        "professional": True, "quality": 0.88, "midterm": 0.82,
        "goals": "为辖区残疾人提供康复指导、家属支持小组和社区融合活动。",
    },
    {
        "key": "huaiya", "region": "槐芽社区", "status": S.CONTRACTED, "days": 70, "phase": Phase.ROLLOUT,
        "title": "槐芽镇留守儿童关爱服务项目", "domain": ServiceDomain.CHILD_WELFARE,
        "groups": [TargetGroup.CHILDREN_IN_DIFFICULTY], "budget": "100000", "amount": "96000",
        "method": ProcurementMethod.COMPETITIVE_CONSULTATION, "agency": "yangguang", "rival": "chunhui",
        "professional": True, "goals": "为农村留守儿童提供陪伴成长、心理支持和家庭教育指导。",
    },
    {
        "key": "tangyu", "region": "汤峪社区", "status": S.AGENCY_SIGNED, "days": 62, "phase": Phase.ROLLOUT,
        "title": "汤峪镇农村空巢老人互助养老项目", "domain": ServiceDomain.ELDERLY_CARE,
        "groups": [TargetGroup.SPECIAL_ELDERLY], "budget": "90000", "amount": "88000",
        "method": ProcurementMethod.INQUIRY, "agency": "renhe", "rival": "yangguang",
        "goals": "组建邻里互助小组，为农村空巢老人提供探访、助餐和精神慰藉服务。",
    },
    {
        "key": "changxing", "region": "常兴社区", "status": S.AWARDED, "days": 55, "phase": Phase.ROLLOUT,
        "title": "常兴镇社区矫正对象社会融入项目", "domain": ServiceDomain.PUBLIC_SAFETY,
        "groups": [TargetGroup.COMMUNITY_CORRECTIONS], "budget": "70000", "amount": "68000",
        "method": ProcurementMethod.COMPETITIVE_CONSULTATION, "agency": "chunhui", "rival": "renhe",
        "goals": "为社区矫正对象提供心理辅导、就业支持和家庭关系修复服务。",
    },
    {
        "key": "jinqu", "region": "金渠社区", "status": S.PUBLISHED, "days": 25, "phase": Phase.ROLLOUT,
        "title": "金渠镇特扶家庭关爱服务项目", "domain": ServiceDomain.SOCIAL_AFFAIRS,
        "groups": [TargetGroup.SPECIAL_SUPPORT_FAMILIES], "budget": "80000",
        "method": ProcurementMethod.OPEN_TENDER, "bidder": "renhe",
        "goals": "为计划生育特殊家庭提供心理慰藉、生活照料链接和节日关怀。",
    },
    {
        "key": "yingtou", "region": "营头社区", "status": S.APPROVED, "days": 18, "phase": Phase.ROLLOUT,
        "title": "营头镇乡村振兴“巧手工坊”项目", "domain": ServiceDomain.RURAL_REVITALISATION,
        "groups": [TargetGroup.DISABLED, TargetGroup.ASSISTANCE_RECIPIENTS], "budget": "50000",
        "method": ProcurementMethod.INQUIRY, "micro": True,
        "goals": "组织留守妇女和残疾人学习手工技能，发展社区小微生计项目。",
    },
    {
        "key": "qizhen", "region": "齐镇社区", "status": S.SUBMITTED, "days": 6, "phase": Phase.ROLLOUT,
        "title": "齐镇流动人口社区融入项目", "domain": ServiceDomain.COMMUNITY_GOVERNANCE,
        "groups": [TargetGroup.MIGRANTS], "budget": "60000",
        "goals": "为新迁入居民开展社区融入活动，建立新老居民互助网络。",
    },
    {
        "key": "xiguan", "region": "西关社区", "status": S.RETURNED, "days": 20, "phase": Phase.PILOT,
        "title": "西关社区居家养老服务提升项目", "domain": ServiceDomain.ELDERLY_CARE,
        "groups": [TargetGroup.SPECIAL_ELDERLY], "budget": "200000",
        "return_reason": "预算明显偏高且缺少测算依据；需求调研仅有一次座谈会，请补充入户走访数据后重新提交。",
        "goals": "为居家老人提供助餐、助洁和健康监测服务。",
    },
    {
        "key": "chengbei", "region": "城北村", "status": S.DRAFT, "days": 3, "phase": Phase.PILOT,
        "title": "城北村留守老人“幸福院”互助服务项目", "domain": ServiceDomain.ELDERLY_CARE,
        "groups": [TargetGroup.SPECIAL_ELDERLY], "budget": "40000", "micro": True,
        "goals": "依托村幸福院开展互助养老，培育村级志愿服务队。",
    },
    {
        "key": "yaxia", "region": "崖下村", "status": S.CANCELLED, "days": 90, "phase": Phase.ROLLOUT,
        "title": "崖下村防灾减灾社区教育项目", "domain": ServiceDomain.PUBLIC_SAFETY,
        "groups": [], "budget": "30000", "method": ProcurementMethod.INQUIRY,
        "cancel_reason": "该服务已纳入县应急管理局年度项目，为避免重复购买，终止本项目。",
        "goals": "开展防灾减灾知识宣传和应急演练。",
    },
]

# The order of the steps (and who takes them: bureau, town, agency, evaluator).
PATH = [
    ("submit", S.DRAFT, S.SUBMITTED, "town"),
    ("approve", S.SUBMITTED, S.APPROVED, "bureau"),
    ("publish", S.APPROVED, S.PUBLISHED, "bureau"),
    ("award", S.PUBLISHED, S.AWARDED, "bureau"),
    ("agency_sign", S.AWARDED, S.AGENCY_SIGNED, "agency"),
    ("sign", S.AGENCY_SIGNED, S.CONTRACTED, "bureau"),
    ("start", S.CONTRACTED, S.IN_SERVICE, "agency"),
    ("request_acceptance", S.IN_SERVICE, S.EVALUATING, "bureau"),
    ("accept", S.EVALUATING, S.ACCEPTED, "evaluator"),
]
STEP_INDEX = {to: i for i, (_a, _f, to, _w) in enumerate(PATH)}
# Days after the submission at which each step happens (the service then runs a year from the start).
OFFSETS = {"submit": 0, "approve": 7, "publish": 12, "award": 35, "agency_sign": 40, "sign": 42, "start": 44}
BID_DEADLINE_AFTER_PUBLISH = 20


def load(stdout=None) -> None:
    today = demo_today()
    rng = random.Random(SEED)
    mei = mei_county()
    users = {u.username: u for u in User.objects.filter(username__in=["bureau", "evaluator", "agency", "shoushan", "hengqu"])}
    if "bureau" not in users:
        return
    agencies = _agencies(mei)
    users["chunhui"] = _agency_user(agencies["chunhui"])
    users["experts"] = [_expert(*row, county=mei) for row in EXPERTS]
    sheet = _sheet(mei)
    added = 0
    for spec in PROJECTS:
        region = region_named(spec["region"])
        if Project.objects.filter(title=spec["title"], region=region).exists():
            continue
        _project(spec, region, today, rng, users, agencies, sheet)
        added += 1
    report = _build_report(users["bureau"])
    if stdout is not None:
        stdout.write(f"  projects: {added} demo projects added; evaluation report {'built' if report else 'already there'}")


# -- the cast ------------------------------------------------------------------------------------------------


def _agencies(mei) -> dict[str, Agency]:
    agencies = {"renhe": Agency.objects.get(name=DEMO_AGENCY)}
    for key, (name, code, town) in AGENCIES.items():
        agencies[key], _ = Agency.objects.get_or_create(
            name=name,
            defaults={"region": mei, "credit_code": code, "cultivated_by": region_named(town) if town else None},
        )
    return agencies


def _agency_user(agency) -> User:
    username, last, first = AGENCY_USER
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username)
        user.set_password(settings.WULIAN_DEMO_PASSWORD)
    user.role, user.region, user.agency, user.last_name, user.first_name = Role.AGENCY_STAFF, None, agency, last, first
    user.save()
    return user


def _expert(username, last, first, county) -> User:
    """An expert's account registered for the county that engaged it (its panels offer the county's accounts)."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username)
        user.set_password(settings.WULIAN_DEMO_PASSWORD)
    user.role, user.region, user.agency, user.last_name, user.first_name = Role.EVALUATOR, county, None, last, first
    user.save()
    return user


def _staff(agency) -> list:
    """The agency's staff on record with their certificates (what its bids' teams are chosen from)."""
    from stations.models import Certificate, StaffMember
    people = []
    for index, (name, level) in enumerate(TEAM):
        person, _ = StaffMember.objects.get_or_create(name=name, agency=agency, defaults={
            "region": agency.region, "is_professional": level is not None})
        if level and not Certificate.objects.filter(person=person).exists():
            Certificate.objects.create(person=person, level=level, number=f"SW{agency.pk:03d}{index:03d}", year=2021)
        people.append(person)
    return people


def _panel(notice, bids, users, rng, qualities, formed_on) -> None:
    """The panel that scored the bids (three experts; a tender's committee adds two outside experts named), each
    member's scores, and the panel's averages as the bids' scores (what the award recorded)."""
    from .guards import record_panel_scores
    from .models import MemberScore, Panel, PanelMember

    panel = Panel.objects.create(notice=notice, formed_by=users["bureau"], formed_on=formed_on)
    members = [PanelMember.objects.create(panel=panel, user=user, is_chair=i == 0) for i, user in enumerate(users["experts"])]
    if notice.method in (ProcurementMethod.OPEN_TENDER, ProcurementMethod.INVITED_TENDER):
        members += [PanelMember.objects.create(panel=panel, name=name) for name in OUTSIDE_EXPERTS]
    MemberScore.objects.bulk_create([
        MemberScore(member=member, bid=bid, criterion=criterion, entered_by=member.user or users["bureau"],
                    score=_money(criterion.weight * Decimal(str(min(1.0, quality + rng.uniform(-0.05, 0.05))))))
        for member in members for bid, quality in zip(bids, qualities, strict=True) for criterion in notice.criteria.all()
    ])
    record_panel_scores(notice)


def _sheet(mei) -> IndicatorSheet:
    sheet, created = IndicatorSheet.objects.get_or_create(region=mei, name=SHEET_NAME, version=1)
    if created or not sheet.items.exists():
        IndicatorItem.objects.bulk_create(
            [
                IndicatorItem(sheet=sheet, group=g, content=c, standard=s, evidence=e, max_score=Decimal(m), order=i)
                for i, (g, c, s, e, m) in enumerate(SHEET_ITEMS, start=1)
            ]
        )
    return sheet


# -- one project ---------------------------------------------------------------------------------------------


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _station_for(region):
    """The station serving the region: its own room, else its town's station."""
    Station = Project._meta.get_field("station").related_model
    station = Station.objects.filter(region=region).first()
    if station is None and region.level == RegionLevel.COMMUNITY:
        town_path = region.ancestor_path(RegionLevel.TOWN)
        station = Station.objects.filter(region__path=town_path).first()
    return station


def _project(spec, region, today, rng, users, agencies, sheet) -> Project:
    status = spec["status"]
    failed = status == "failed"
    final = S.IN_SERVICE if failed else status
    submitted = today - dt.timedelta(days=spec["days"])
    town_user = users["shoushan"] if region.ancestor_path(RegionLevel.TOWN) == region_named("首善街道").path else users["bureau"]
    actors = {"town": town_user, "bureau": users["bureau"], "evaluator": users["evaluator"]}
    agency = agencies.get(spec.get("agency", ""))
    # The agency's own login takes its steps (阳光 has none: its steps carry no user).
    actors["agency"] = {"renhe": users["agency"], "chunhui": users["chunhui"]}.get(spec.get("agency", ""))
    station = _station_for(region)
    budget = _money(spec["budget"])
    start = submitted + dt.timedelta(days=OFFSETS["start"])
    project = Project.objects.create(
        title=spec["title"], region=region, station=station, domain=spec["domain"], target_groups=list(spec["groups"]),
        goals=spec["goals"], expected_beneficiaries=rng.randint(40, 200), budget=budget,
        planned_start=start, planned_end=start + dt.timedelta(days=364), year=start.year,
        is_professional=spec.get("professional", False), is_micro_venture=spec.get("micro", False),
        phase=spec["phase"], status=final, proposed_by=town_user,
    )
    changes = []  # (action, from, to, user, datetime, reason)
    _needs(project, spec, submitted, rng)

    reached = STEP_INDEX.get(final, -1) if status not in (S.RETURNED, S.CANCELLED, S.DRAFT) else -1
    if failed:
        reached = STEP_INDEX[S.EVALUATING]

    def step_day(action):
        return submitted + dt.timedelta(days=OFFSETS[action])

    if status != S.DRAFT:
        changes.append(("submit", S.DRAFT, S.SUBMITTED, town_user, _at(submitted, 9), ""))
        Project.objects.filter(pk=project.pk).update(submitted_at=_at(submitted, 9))
    if status == S.RETURNED:
        reason = spec["return_reason"]
        Review.objects.create(project=project, round=1, decision=ReviewDecision.RETURN, opinion=reason,
                              reviewer=users["bureau"], reviewed_at=_at(submitted + dt.timedelta(days=5), 15))
        changes.append(("return", S.SUBMITTED, S.RETURNED, users["bureau"], _at(submitted + dt.timedelta(days=5), 15), reason))
    if reached >= STEP_INDEX[S.APPROVED] or status == S.CANCELLED:
        day = step_day("approve")
        Review.objects.create(project=project, round=1, decision=ReviewDecision.APPROVE,
                              opinion="需求调研充分，目标明确，预算合理，同意立项。", reviewer=users["bureau"],
                              reviewed_at=_at(day, 16))
        changes.append(("approve", S.SUBMITTED, S.APPROVED, users["bureau"], _at(day, 16), ""))
        notice = _notice(project, spec, budget, agencies)
    if status == S.CANCELLED:
        day = step_day("approve") + dt.timedelta(days=9)
        changes.append(("cancel", S.APPROVED, S.CANCELLED, users["bureau"], _at(day, 11), spec["cancel_reason"]))
    if reached >= STEP_INDEX[S.PUBLISHED]:
        published = _at(step_day("publish"), 9)
        deadline = _at(step_day("publish") + dt.timedelta(days=BID_DEADLINE_AFTER_PUBLISH), 17)
        if notice.method in (ProcurementMethod.SINGLE_SOURCE, ProcurementMethod.ENTRUSTED):
            deadline = None
        Notice.objects.filter(pk=notice.pk).update(published_at=published, bid_deadline=deadline)
        notice.published_at, notice.bid_deadline = published, deadline
        changes.append(("publish", S.APPROVED, S.PUBLISHED, users["bureau"], published, ""))
        if spec.get("bidder"):
            _bid(project, agencies[spec["bidder"]], users, budget, rng, submitted_at=published + dt.timedelta(days=6))
    if reached >= STEP_INDEX[S.AWARDED]:
        awarded_at = _at(step_day("award"), 15)
        winner = None
        if notice.deadline_passed or notice.bid_deadline is not None:
            winner = _bid(project, agency, users, budget, rng, submitted_at=awarded_at - dt.timedelta(days=18), price=spec["amount"])
            bids, qualities = [winner], [0.9]
            if spec.get("rival"):
                rival = _bid(project, agencies[spec["rival"]], users, budget, rng, submitted_at=awarded_at - dt.timedelta(days=17))
                Bid.objects.filter(pk=rival.pk).update(status=BidStatus.NOT_AWARDED)
                bids, qualities = [winner, rival], [0.9, 0.72]
            _panel(notice, bids, users, rng, qualities, (awarded_at - dt.timedelta(days=2)).date())
            Bid.objects.filter(pk=winner.pk).update(status=BidStatus.AWARDED)
            reason = "综合评分最高，服务方案针对性强，团队持证社工配备充足。"
        else:
            reason = "单一来源采购，理由见公告。"
        Project.objects.filter(pk=project.pk).update(agency=agency, awarded_bid=winner, award_reason=reason, awarded_at=awarded_at)
        changes.append(("award", S.PUBLISHED, S.AWARDED, users["bureau"], awarded_at, reason))
        agreement = _agreement(project, spec, start)
        if station is not None:
            agreement.stations.set([station])  # the station the agency works in (进驻), named by the agreement
    if reached >= STEP_INDEX[S.AGENCY_SIGNED]:
        day = step_day("agency_sign")
        Agreement.objects.filter(pk=agreement.pk).update(agency_signed_on=day, agency_signer=actors["agency"])
        changes.append(("agency_sign", S.AWARDED, S.AGENCY_SIGNED, actors["agency"], _at(day, 10), ""))
    if reached >= STEP_INDEX[S.CONTRACTED]:
        day = step_day("sign")
        Agreement.objects.filter(pk=agreement.pk).update(bureau_signed_on=day, bureau_signer=users["bureau"], published_at=_at(day, 17))
        changes.append(("sign", S.AGENCY_SIGNED, S.CONTRACTED, users["bureau"], _at(day, 11), ""))
    if reached >= STEP_INDEX[S.IN_SERVICE]:
        changes.append(("start", S.CONTRACTED, S.IN_SERVICE, actors["agency"], _at(start, 9), ""))
        _activities(project, spec, station, start, min(today, start + dt.timedelta(days=364)), actors["agency"], rng)
    _service(project, spec, start, today, rng, users, sheet, changes, final)
    _timeline(project, changes)
    return project


def _needs(project, spec, submitted, rng) -> None:
    NeedsSurvey.objects.create(project=project, date=submitted - dt.timedelta(days=21), method=SurveyMethod.HOME_VISIT,
                               people_reached=rng.randint(25, 80), notes="社区工作人员会同网格员入户走访，填写需求登记表。")
    NeedsSurvey.objects.create(project=project, date=submitted - dt.timedelta(days=12), method=SurveyMethod.FORUM,
                               people_reached=rng.randint(12, 30), notes="召开居民代表座谈会，梳理需求优先次序。")
    for index, group in enumerate(spec["groups"] or [""]):
        Need.objects.create(project=project, target_group=group, count=rng.randint(20, 120), domain=spec["domain"],
                            urgency=Urgency.HIGH if index == 0 else Urgency.MEDIUM,
                            description="走访发现服务需求集中、现有服务供给不足，居民希望有专业社工持续介入。")


def _notice(project, spec, budget, agencies) -> Notice:
    method = spec.get("method", ProcurementMethod.INQUIRY)
    direct = method in (ProcurementMethod.SINGLE_SOURCE, ProcurementMethod.ENTRUSTED)
    notice = Notice.objects.create(
        project=project, budget_ceiling=budget, method=method, min_certified_workers=2,
        scope_of_service=f"{spec['goals']}服务期一年，按协议完成绩效目标并接受中期督导和评估验收。",
        qualifications="依法登记的社会工作服务机构，近三年无不良记录，评估等级3A及以上优先。",
        direct_agency=agencies.get(spec.get("agency", "")) if direct else None,
        single_source_justification=spec.get("justification", ""),
    )
    if not direct:
        Criterion.objects.bulk_create(
            [Criterion(notice=notice, name=n, weight=Decimal(w), description=d, order=i) for i, (n, w, d) in enumerate(CRITERIA, 1)]
        )
    return notice


def _bid(project, agency, users, budget, rng, *, submitted_at, price=None) -> Bid:
    price = _money(price) if price else _money(budget * Decimal(rng.randint(90, 99)) / 100)
    submitter = users["agency"] if agency.name == DEMO_AGENCY else users.get("chunhui") if agency.name == AGENCIES["chunhui"][0] else None
    bid = Bid.objects.create(project=project, agency=agency, price=price, submitted_by=submitter,
                             proposal="服务方案：需求分析、服务目标、服务内容与进度安排、人员配置、质量控制与风险预案。")
    Bid.objects.filter(pk=bid.pk).update(submitted_at=submitted_at)
    for person in _staff(agency):
        BidMember.objects.create(bid=bid, staff=person)
    return bid


def _agreement(project, spec, start) -> Agreement:
    amount = _money(spec["amount"])
    agreement = Agreement.objects.create(
        project=project, number=f"MXMZ-{start.year}-{project.pk:03d}", amount=amount, start=start,
        end=start + dt.timedelta(days=364),
        deliverables="服务计划书、月度工作报告、个案与小组服务记录、中期自评报告、结项报告及服务成效评估报告。",
    )
    targets = [
        ("开展小组工作", "个", Measure.GROUP_ACTIVITIES, 7, None),
        ("开展个案服务", "个", Measure.CASEWORK, 12, None),
        ("开展社区活动（每场不少于30人）", "场", Measure.COMMUNITY_EVENTS, 6, 30),
        ("服务人次", "人次", Measure.PARTICIPANTS, 600, None),
        ("志愿者参与人次", "人次", Measure.VOLUNTEERS, 80, None),
    ]
    PerformanceTarget.objects.bulk_create(
        [
            PerformanceTarget(project=project, indicator=i, unit=u, measure=m, target_value=Decimal(v), min_participants=p, order=n)
            for n, (i, u, m, v, p) in enumerate(targets, 1)
        ]
    )
    first = _money(amount * Decimal("0.3"))
    second = _money(amount * Decimal("0.4"))
    third = amount - first - second
    Milestone.objects.bulk_create(
        [
            Milestone(project=project, name="首期款", amount=first, due_on=start + dt.timedelta(days=15),
                      condition="协议签订并提交服务计划书后支付"),
            Milestone(project=project, name="中期款", amount=second, due_on=start + dt.timedelta(days=190),
                      condition="中期督导合格、整改事项完成后支付"),
            Milestone(project=project, name="尾款", amount=third, due_on=start + dt.timedelta(days=380),
                      condition="评估验收合格后支付"),
        ]
    )
    return agreement


def _activities(project, spec, station, start, until, recorder, rng) -> None:
    """The agency's service records in the stations' activity log, linked to the project."""
    if station is None or until <= start:
        return
    from stations.choices import ActivityKind
    from stations.models import Activity

    kinds = set(ActivityKind.values)
    days = (until - start).days
    # A full year reaches the targets when the quality is good; a weak project falls short.
    share = min(1.0, days / 330) * (spec.get("quality") or spec.get("midterm") or 0.85)
    plan = [("group", 8, "成长支持小组", 8, 15), ("casework", 13, "个案跟进服务", 1, 1), ("community", 7, "社区主题活动", 30, 90)]
    rows = []
    for kind, full, title, low, high in plan:
        if kind not in kinds:
            continue
        for n in range(round(full * share)):
            day = start + dt.timedelta(days=int(days * (n + 0.5) / max(1, round(full * share))))
            rows.append(
                Activity(
                    station=station, region=station.region, kind=kind, date=day,
                    title=f"{title}（第{n + 1}次）", place=station.name, domain=spec["domain"],
                    target_groups=list(spec["groups"]), participants=rng.randint(low, high),
                    volunteers=rng.randint(2, 8) if kind != "casework" else 0,
                    hours=Decimal(rng.choice(["1.5", "2", "2.5", "3"])), recorded_by=recorder,
                    notes="服务对象签到表、照片已归档。",
                )
            )
    Activity.objects.bulk_create(rows)
    ServiceRecord.objects.bulk_create([ServiceRecord(activity=row, project=project) for row in rows])


# -- supervision and evaluation --------------------------------------------------------------------------------


def _evaluation(project, kind, day, sheet, quality, users, rng, *, complete=True, findings="") -> Evaluation:
    evaluation = Evaluation.objects.create(project=project, kind=kind, sheet=sheet, date=day, findings=findings,
                                           recorded_by=users["evaluator"])
    parties = [
        # Each party names its own scorer: the evaluator, the bureau's officer, the town's supervisor (issue 23 E).
        EvaluationParty.objects.create(evaluation=evaluation, party=party, weight=Decimal(weight), scorer=scorer,
                                       scorer_name=scorer.display_name)
        for party, weight, scorer in ((Party.THIRD_PARTY, 70, users["evaluator"]), (Party.BUYER, 20, users["bureau"]),
                                      (Party.SUPERVISOR, 10, users["shoushan"]))
    ]
    items = list(sheet.items.order_by("order"))
    scores = []
    for p_index, party in enumerate(parties):
        if not complete and p_index > 0:
            break
        for item in items:
            q = max(0.0, min(1.0, quality + rng.uniform(-0.07, 0.05) + (0.02 if p_index else 0)))
            score = (item.max_score * Decimal(str(q))).quantize(Decimal("0.5"), rounding=ROUND_HALF_UP)
            scores.append(ItemScore(party=party, item=item, score=min(score, item.max_score)))
    ItemScore.objects.bulk_create(scores)
    evaluation.compute()
    return evaluation


def _rectify(evaluation, description, deadline, status, users, answered=None, closed=None, answer="") -> Rectification:
    r = Rectification.objects.create(evaluation=evaluation, description=description, deadline=deadline, status=status)
    fields = {}
    if answered:
        fields.update(answer=answer or "已按要求整改，整改材料已上传。", answered_by=users["agency"], answered_at=_at(answered, 16))
    if closed:
        fields.update(closed_by=users["evaluator"], closed_at=_at(closed, 11))
    if fields:
        Rectification.objects.filter(pk=r.pk).update(**fields)
    changes = []
    if answered:
        changes.append(("answer", RectificationStatus.OPEN, RectificationStatus.ANSWERED, users["agency"], _at(answered, 16), fields["answer"]))
    if closed and status == RectificationStatus.CLOSED:
        changes.append(("close", RectificationStatus.ANSWERED, RectificationStatus.CLOSED, users["evaluator"], _at(closed, 11), ""))
    if closed and status == RectificationStatus.WAIVED:
        changes.append(("waive", RectificationStatus.ANSWERED if answered else RectificationStatus.OPEN, RectificationStatus.WAIVED,
                        users["bureau"], _at(closed, 11), "该事项受疫情管控影响无法按期完成，经研究同意免于整改。"))
    _timeline(r, changes)
    return r


def _service(project, spec, start, today, rng, users, sheet, changes, final) -> None:
    """Mid-term supervision, acceptance and their rectifications, per the project's step."""
    project.refresh_from_db()
    if final not in (S.IN_SERVICE, S.EVALUATING, S.ACCEPTED) or "midterm" not in spec:
        if final in (S.IN_SERVICE, S.CONTRACTED):
            Project.objects.filter(pk=project.pk).update(supervision_due=start + dt.timedelta(days=180))
        return
    Project.objects.filter(pk=project.pk).update(evaluator=users["evaluator"], supervision_due=start + dt.timedelta(days=180))
    mid_day = min(start + dt.timedelta(days=175), today - dt.timedelta(days=40))
    midterm = _evaluation(
        project, EvaluationKind.MIDTERM, mid_day, sheet, spec["midterm"], users, rng,
        findings="项目按计划推进，服务对象反馈良好；个案记录不够规范，小组活动频次偏低，需限期整改。",
    )
    milestones = list(project.milestones.order_by("due_on"))
    Milestone.objects.filter(pk=milestones[0].pk).update(
        status=MilestoneStatus.MET, reported_by=users["agency"], reported_at=_at(start + dt.timedelta(days=12)),
        confirmed_by=users["bureau"], confirmed_at=_at(start + dt.timedelta(days=14)),
    )
    if spec.get("overdue"):
        _rectify(midterm, "规范个案服务记录，补齐需求评估表和结案评估表。", mid_day + dt.timedelta(days=30),
                 RectificationStatus.CLOSED, users, answered=mid_day + dt.timedelta(days=20), closed=mid_day + dt.timedelta(days=24))
        _rectify(midterm, "小组活动频次不足，补开至少2个小组并提交过程记录。", today - dt.timedelta(days=10), RectificationStatus.OPEN, users)
        _rectify(midterm, "补充服务对象满意度调查，样本不少于30份。", today + dt.timedelta(days=5), RectificationStatus.ANSWERED,
                 users, answered=today - dt.timedelta(days=2), answer="已完成满意度调查35份，汇总表已上传。")
        Milestone.objects.filter(pk=milestones[1].pk).update(status=MilestoneStatus.REPORTED, reported_by=users["agency"],
                                                             reported_at=_at(today - dt.timedelta(days=3)))
        return
    _rectify(midterm, "规范个案服务记录，补齐需求评估表和结案评估表。", mid_day + dt.timedelta(days=30),
             RectificationStatus.CLOSED, users, answered=mid_day + dt.timedelta(days=18), closed=mid_day + dt.timedelta(days=22))
    _rectify(midterm, "小组活动频次偏低，下半年每月至少开展一次小组活动。", mid_day + dt.timedelta(days=45),
             RectificationStatus.CLOSED if spec["key"] != "dongguan" else RectificationStatus.WAIVED, users,
             answered=mid_day + dt.timedelta(days=30), closed=mid_day + dt.timedelta(days=33))
    Milestone.objects.filter(pk=milestones[1].pk).update(
        status=MilestoneStatus.MET, reported_by=users["agency"], reported_at=_at(mid_day + dt.timedelta(days=35)),
        confirmed_by=users["bureau"], confirmed_at=_at(mid_day + dt.timedelta(days=37)),
    )
    if final == S.IN_SERVICE and spec["status"] != "failed":
        return
    requested = today - dt.timedelta(days=25 if spec["key"] != "binhe" else 30)
    changes.append(("request_acceptance", S.IN_SERVICE, S.EVALUATING, users["bureau"], _at(requested, 10), ""))
    if spec["key"] == "dongguan":  # under evaluation: the third party has scored, the others not yet
        _evaluation(project, EvaluationKind.ACCEPTANCE, today - dt.timedelta(days=4), sheet, spec["quality"], users, rng,
                    complete=False, findings="")
        return
    accepted_day = today - dt.timedelta(days=15 if spec["status"] == "failed" else 10)
    if spec["status"] == "failed":
        findings = ("产出指标完成不足六成，服务档案缺失严重，资金使用凭证不全；综合得分低于合格线，评估结论为不合格。"
                    "请承接机构在三十日内完成整改后申请复评。")
    else:
        findings = ("项目团队稳定，服务档案规范完整，各项绩效目标全部完成，服务对象满意度达96%；"
                    "“时间银行”互助模式具有推广价值。综合评定为优秀。")
    acceptance = _evaluation(project, EvaluationKind.ACCEPTANCE, accepted_day, sheet, spec["quality"], users, rng, findings=findings)
    acceptance.refresh_from_db()
    if spec["status"] == "failed":
        reason = "评估得分低于合格线：产出不足、档案缺失、财务凭证不全。"
        Project.objects.filter(pk=project.pk).update(final_score=acceptance.score, grade="fail")
        AgencyMark.objects.create(agency_id=project.agency_id, project=project, evaluation=acceptance, reason=reason,
                                  created_by=users["evaluator"])
        _rectify(acceptance, "补齐全部个案与小组服务档案，补开未完成的小组活动。", today + dt.timedelta(days=20), RectificationStatus.OPEN, users)
        _rectify(acceptance, "补充完善财务凭证并出具专项审计说明。", today + dt.timedelta(days=20), RectificationStatus.OPEN, users)
        changes.append(("fail", S.EVALUATING, S.IN_SERVICE, users["evaluator"], _at(accepted_day, 16), reason))
        return
    Project.objects.filter(pk=project.pk).update(final_score=acceptance.score, grade=acceptance.grade, accepted_at=_at(accepted_day, 16))
    Milestone.objects.filter(pk=milestones[2].pk).update(
        status=MilestoneStatus.MET, reported_by=users["agency"], reported_at=_at(accepted_day + dt.timedelta(days=1)),
        confirmed_by=users["bureau"], confirmed_at=_at(accepted_day + dt.timedelta(days=3)),
    )
    changes.append(("accept", S.EVALUATING, S.ACCEPTED, users["evaluator"], _at(accepted_day, 16), ""))


def _timeline(obj, changes) -> None:
    """The state changes of ``obj``, dated when they happened (the log stamps "now" on creation)."""
    content_type = ContentType.objects.get_for_model(type(obj))
    for action, before, after, user, at, reason in changes:
        row = StateChange.objects.create(content_type=content_type, object_id=obj.pk, action=action, from_state=before,
                                         to_state=after, user=user, reason=reason)
        StateChange.objects.filter(pk=row.pk).update(at=at)


def _build_report(bureau) -> bool:
    """Build the evaluation report of the accepted demo project now (in-process), unless it is there."""
    from wulian.models import ReportStatus
    from wulian.reports import run_job

    project = Project.objects.filter(status=S.ACCEPTED, title=PROJECTS[0]["title"]).first()
    if project is None:
        return False
    done = ReportJob.objects.filter(report="project_evaluation", params__project=project.pk, status=ReportStatus.DONE)
    if done.exists():
        return False
    evaluation = project.evaluations.filter(kind=EvaluationKind.ACCEPTANCE).order_by("-date").first()
    job = ReportJob.objects.create(user=bureau, report="project_evaluation",
                                   params={"project": project.pk, "evaluation": evaluation.pk})
    run_job(job)
    return True
