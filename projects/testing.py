"""Builders for tests, demos and the shell: a valid project in any step, driven there by the real transitions.

``advance(project, "in_service", people)`` takes a draft through submit, approve, publish, bids, award,
agreement, both signatures and the start — each step by the person who takes it (``people``: bureau, town,
agency, evaluator users), through ``wulian.workflow.perform``, so every guard runs. Setup rows (surveys,
notice, bids, agreement…) are created directly; what a page would write through ``write`` is created here
with ``write`` as well where its rules matter.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from wulian.choices import RegionLevel, Role
from wulian.models import Agency, Attachment, Region, User
from wulian.workflow import perform

from .choices import (
    EvaluationKind,
    IndicatorGroup,
    Measure,
    MemberCertificate,
    Party,
    ProcurementMethod,
    ProjectStatus,
    SurveyMethod,
    TargetGroup,
    Urgency,
)
from .models import (
    Agreement,
    Bid,
    BidMember,
    Criterion,
    Evaluation,
    EvaluationParty,
    IndicatorItem,
    IndicatorSheet,
    ItemScore,
    MemberScore,
    Milestone,
    Need,
    NeedsSurvey,
    Notice,
    Panel,
    PanelMember,
    PerformanceTarget,
    Project,
)

S = ProjectStatus
_serial = itertools.count(1)

ORDER = [S.DRAFT, S.SUBMITTED, S.APPROVED, S.PUBLISHED, S.AWARDED, S.AGENCY_SIGNED, S.CONTRACTED, S.IN_SERVICE,
         S.EVALUATING, S.ACCEPTED]


@dataclass
class People:
    """Who takes the steps: the bureau, the town that proposes, the agency that bids, the evaluator."""

    bureau: User
    town: User
    agency: User
    evaluator: User


def people_of(cast) -> People:
    return People(bureau=cast.user_bureau, town=cast.user_shoushan, agency=cast.user_agency, evaluator=cast.user_evaluator)


def make_project(region, *, proposer=None, surveyed: bool = True, **fields) -> Project:
    """A complete draft proposal at ``region`` with one survey and one need (ready to submit)."""
    serial = next(_serial)
    today = timezone.localdate()
    defaults = {
        "title": f"困境儿童关爱服务项目{serial}",
        "region": region,
        "domain": "child_welfare",
        "target_groups": [TargetGroup.CHILDREN_IN_DIFFICULTY],
        "goals": "为辖区困境儿童提供个案帮扶和成长小组服务。",
        "expected_beneficiaries": 120,
        "budget": Decimal("150000.00"),
        "planned_start": today,
        "planned_end": today + dt.timedelta(days=300),
        "year": today.year,
        "is_professional": True,
        "proposed_by": proposer,
    }
    defaults.update(fields)
    project = Project.objects.create(**defaults)
    if surveyed:
        NeedsSurvey.objects.create(project=project, date=today, method=SurveyMethod.HOME_VISIT, people_reached=46)
        Need.objects.create(project=project, target_group=TargetGroup.CHILDREN_IN_DIFFICULTY, count=38,
                            domain="child_welfare", urgency=Urgency.HIGH, description="留守儿童课后陪伴与心理支持不足")
    return project


def make_notice(project, *, method=ProcurementMethod.COMPETITIVE_CONSULTATION, ceiling=None, deadline=None,
                direct_agency=None, min_certified=1) -> Notice:
    direct = method in (ProcurementMethod.SINGLE_SOURCE, ProcurementMethod.ENTRUSTED)
    notice = Notice.objects.create(
        project=project,
        scope_of_service="个案服务、成长小组、社区活动",
        budget_ceiling=ceiling or project.budget,
        method=method,
        min_certified_workers=min_certified,
        qualifications="具有社会工作者职业资格证书的专职人员不少于1名",
        bid_deadline=None if direct else (deadline or timezone.now() + dt.timedelta(days=10)),
        direct_agency=direct_agency,
        single_source_justification="该机构已在本社区进驻三年，服务具有连续性" if direct else "",
    )
    if not direct:
        Criterion.objects.create(notice=notice, name="服务方案", weight=Decimal("60"), order=1)
        Criterion.objects.create(notice=notice, name="团队与资质", weight=Decimal("30"), order=2)
        Criterion.objects.create(notice=notice, name="报价", weight=Decimal("10"), order=3)
    return notice


def second_agency(region, name: str = "眉县同心社会工作服务社") -> Agency:
    agency, _ = Agency.objects.get_or_create(name=name, defaults={"region": region, "certified_staff_count": 3})
    return agency


def agency_user(agency, username: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username, defaults={"role": Role.AGENCY_STAFF, "agency": agency, "last_name": "孙", "first_name": "悦"}
    )
    return user


def make_bid(project, agency, user=None, *, price=None, certified: int = 2) -> Bid:
    """A bid whose team is ``certified`` certified social workers and an assistant without a certificate, all
    of the agency's staff on record."""
    people = staff_on_record(agency, [(f"社工{i + 1}", MemberCertificate.SOCIAL_WORKER) for i in range(certified)]
                             + [("助理", None)])
    bid = Bid.objects.create(project=project, agency=agency, proposal="以儿童之家为阵地，开展“四点半课堂”和成长小组。",
                             price=price or project.notice.budget_ceiling - Decimal("2000"), submitted_by=user)
    for person in people:
        BidMember.objects.create(bid=bid, staff=person)
    return bid


def close_bidding(project) -> None:
    """The bid deadline passes (moved to a minute ago: tests do not wait ten days)."""
    Notice.objects.filter(project=project).update(bid_deadline=timezone.now() - dt.timedelta(minutes=1))


def expert(username: str, county=None) -> User:
    """An expert's account (评审专家) who sits on scoring panels: the evaluator role, registered for a county (by
    default the first county of the tree: the cast's)."""
    names = {"expert1": ("周", "文"), "expert2": ("郑", "华"), "expert3": ("冯", "丽")}
    last, first = names.get(username, ("专", username[-2:]))
    county = county or Region.objects.filter(level=RegionLevel.COUNTY).order_by("path").first()
    user, _ = User.objects.get_or_create(username=username, defaults={
        "role": Role.EVALUATOR, "last_name": last, "first_name": first, "region": county})
    return user


def staff_on_record(agency, people) -> list:
    """The agency's staff on record (``stations.StaffMember``), each with a certificate of the level given (None:
    no certificate); what a bid's team is chosen from and its eligibility computed on."""
    from stations.models import Certificate, StaffMember

    rows = []
    for name, level in people:
        person, _ = StaffMember.objects.get_or_create(name=name, agency=agency, defaults={"region": agency.region})
        if level and not person.certificates.exists():
            Certificate.objects.create(person=person, level=level, number=f"{level[:2].upper()}{agency.pk:03d}{person.pk:05d}",
                                       year=2020)
        rows.append(person)
    return rows


def form_panel(notice, bureau, *, size=None) -> Panel:
    """A panel of outside experts named (the method's least size), formed by ``bureau``."""
    from .procurement import PANELS

    panel, created = Panel.objects.get_or_create(notice=notice, defaults={"formed_by": bureau})
    if created:
        size = size or PANELS[notice.method].minimum
        for i in range(size):
            PanelMember.objects.create(panel=panel, name=f"评审专家{'甲乙丙丁戊己庚'[i]}", is_chair=i == 0)
    return panel


def score_bids(project, user, *, fraction=Decimal("0.8")) -> None:
    """The panel (formed when there is none) scores every bid on every criterion at ``fraction`` of its weight."""
    notice = project.notice
    panel = form_panel(notice, user)
    for member in panel.members.all():
        for bid in project.bids.exclude(status="withdrawn"):
            for criterion in notice.criteria.all():
                MemberScore.objects.get_or_create(member=member, bid=bid, criterion=criterion, defaults={
                    "score": (criterion.weight * fraction).quantize(Decimal("0.01")), "entered_by": user})


def make_agreement(project, *, amount=None, stations=None) -> Agreement:
    """The agreement; ``stations`` by default the ones the project requires (its station, or the first station
    where it serves: ``guards.stations_required``)."""
    today = timezone.localdate()
    amount = amount or project.notice.budget_ceiling - Decimal("2000")
    agreement = Agreement.objects.create(
        project=project, number=f"MX-XY-{project.pk:04d}", amount=amount, start=today,
        end=today + dt.timedelta(days=364), deliverables="服务台账、个案档案、中期与结项报告",
    )
    if stations is None:
        from stations.models import Station

        stations = [project.station] if project.station_id else list(
            Station.objects.filter(region__path__startswith=project.region.path).order_by("pk")[:1])
    agreement.stations.set(stations)
    PerformanceTarget.objects.create(project=project, indicator="开展成长小组", unit="次", target_value=Decimal("7"),
                                     measure=Measure.GROUP_ACTIVITIES, order=1)
    PerformanceTarget.objects.create(project=project, indicator="服务人次", unit="人次", target_value=Decimal("350"),
                                     measure=Measure.PARTICIPANTS, order=2)
    first = (amount * Decimal("0.4")).quantize(Decimal("0.01"))
    Milestone.objects.create(project=project, name="首期款", amount=first, due_on=today + dt.timedelta(days=30),
                             condition="协议签订后")
    Milestone.objects.create(project=project, name="尾款", amount=amount - first, due_on=agreement.end,
                             condition="评估验收合格后")
    return agreement


def make_sheet(region, name: str = "眉县社会工作服务项目评估指标") -> IndicatorSheet:
    sheet = IndicatorSheet.objects.create(region=region, name=name,
                                          version=(IndicatorSheet.objects.filter(name=name).count() + 1))
    rows = [
        (IndicatorGroup.MANAGEMENT, "项目管理制度健全", Decimal("20")),
        (IndicatorGroup.OUTCOMES, "绩效目标完成情况", Decimal("40")),
        (IndicatorGroup.FINANCE, "资金使用规范", Decimal("20")),
        (IndicatorGroup.IMPACT, "服务对象满意度", Decimal("20")),
    ]
    for order, (group, content, max_score) in enumerate(rows, 1):
        IndicatorItem.objects.create(sheet=sheet, group=group, content=content, standard="查阅资料、访谈服务对象",
                                     evidence="台账、照片、满意度问卷", max_score=max_score, order=order)
    return sheet


def attach(owner, user, name: str = "证明材料.pdf") -> Attachment:
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile

    attachment = Attachment(owner_type=ContentType.objects.get_for_model(type(owner)), owner_id=owner.pk,
                            original_name=name, mime_type="application/pdf", size=8, uploaded_by=user,
                            kind="other")
    attachment.file.save(name, ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    return attachment


def evaluate(project, user, *, kind=EvaluationKind.MIDTERM, sheet=None, fraction=Decimal("0.85"),
             parties=((Party.THIRD_PARTY, Decimal("100")),)) -> Evaluation:
    """An evaluation scored by each party at ``fraction`` of every item's maximum."""
    county = _county_of(project)
    sheet = sheet or IndicatorSheet.objects.filter(region=county, is_active=True).first() or make_sheet(county)
    evaluation = Evaluation.objects.create(project=project, kind=kind, sheet=sheet, findings="台账较完整。",
                                           recorded_by=user)
    for party, weight in parties:
        row = EvaluationParty.objects.create(evaluation=evaluation, party=party, weight=weight, scorer=user)
        for item in sheet.items.all():
            ItemScore.objects.create(party=row, item=item, score=(item.max_score * fraction).quantize(Decimal("0.01")))
    evaluation.compute()
    return evaluation


def _county_of(project):
    from wulian.choices import RegionLevel
    from wulian.models import Region

    return Region.objects.get(path=project.region.ancestor_path(RegionLevel.COUNTY))


def advance(project, target: str, people: People, *, method=ProcurementMethod.COMPETITIVE_CONSULTATION,
            fraction=Decimal("0.85")) -> Project:
    """Drive ``project`` from where it is to ``target`` along the main path; return it fresh."""
    target_index = ORDER.index(target)

    def at() -> str:
        return Project.objects.values_list("status", flat=True).get(pk=project.pk)

    def step(user, name, reason=""):
        perform(user, Project, project.pk, name, reason=reason)

    while True:
        state = at()
        position = ORDER.index(S.DRAFT) if state == S.RETURNED else ORDER.index(state) if state in ORDER else None
        if position is None or position >= target_index:
            break
        if state in (S.DRAFT, S.RETURNED):
            step(people.town, "submit")
        elif state == S.SUBMITTED:
            step(people.bureau, "approve", "需求清晰，同意立项")
        elif state == S.APPROVED:
            if not Notice.objects.filter(project=project).exists():
                direct = people.agency.agency if method in (ProcurementMethod.SINGLE_SOURCE,
                                                            ProcurementMethod.ENTRUSTED) else None
                make_notice(project, method=method, direct_agency=direct)
            step(people.bureau, "publish")
            end_publicity(project)
        elif state == S.PUBLISHED:
            fresh = Project.objects.get(pk=project.pk)
            if not fresh.notice.is_direct:
                if not fresh.bids.exists():
                    make_bid(fresh, people.agency.agency, people.agency)
                close_bidding(fresh)
                score_bids(fresh, people.bureau)
                if fresh.awarded_bid_id is None:
                    Project.objects.filter(pk=project.pk).update(
                        awarded_bid=fresh.bids.filter(agency=people.agency.agency).first()
                    )
            step(people.bureau, "award", "综合评分第一")
        elif state == S.AWARDED:
            fresh = Project.objects.get(pk=project.pk)
            if not Agreement.objects.filter(project=project).exists():
                make_agreement(fresh)
            step(people.agency, "agency_sign")
        elif state == S.AGENCY_SIGNED:
            step(people.bureau, "sign")
        elif state == S.CONTRACTED:
            step(people.agency, "start")
        elif state == S.IN_SERVICE:
            fresh = Project.objects.get(pk=project.pk)
            if not fresh.evaluations.filter(kind=EvaluationKind.MIDTERM).exists():
                evaluate(fresh, people.bureau)
            if fresh.evaluator_id is None:
                Project.objects.filter(pk=project.pk).update(evaluator=people.evaluator)
            step(people.bureau, "request_acceptance", "服务内容已按计划完成，申请提前验收")
        elif state == S.EVALUATING:
            fresh = Project.objects.get(pk=project.pk)
            if fresh.acceptance_evaluation() is None:
                evaluate(fresh, people.evaluator, kind=EvaluationKind.ACCEPTANCE, fraction=fraction)
            step(people.evaluator, "accept")
    return Project.objects.get(pk=project.pk)


def end_publicity(project) -> None:
    """A single source's publicity period has run (published moved a fortnight back: tests do not wait)."""
    Notice.objects.filter(project=project, method=ProcurementMethod.SINGLE_SOURCE).update(
        published_at=timezone.now() - dt.timedelta(days=14)
    )


def deadline_passed(notice) -> None:
    Notice.objects.filter(pk=notice.pk).update(bid_deadline=F("bid_deadline") - dt.timedelta(days=365))
