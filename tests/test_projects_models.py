"""The rules of service projects, one case each that a broken rule would let through.

Writes go through the write path (``wulian.writes.write``) or the action path (``perform``), as pages, imports
and the API do; every refusal is in Chinese and leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from projects.choices import (
    BidStatus,
    EvaluationKind,
    MemberCertificate,
    MilestoneStatus,
    ProcurementMethod,
    ProjectStatus,
    RectificationStatus,
)
from projects.models import (
    Agreement,
    Evaluation,
    Amendment,
    Bid,
    BidScore,
    Criterion,
    EvaluationParty,
    IndicatorItem,
    IndicatorSheet,
    ItemScore,
    MemberScore,
    Milestone,
    Notice,
    PerformanceTarget,
    Project,
    Rectification,
    amend_agreement,
)
from projects.progress import progress
from projects.service import record_service
from projects.testing import (
    advance,
    form_panel,
    staff_on_record,
    agency_user,
    attach,
    close_bidding,
    evaluate,
    make_agreement,
    make_bid,
    make_notice,
    make_project,
    make_sheet,
    people_of,
    score_bids,
    second_agency,
)
from stations.models import Activity
from tests.stations_helpers import station_at
from wulian.choices import Role
from wulian.models import Notification, User
from wulian.workflow import perform
from wulian.writes import Refused, write

pytestmark = pytest.mark.django_db
S = ProjectStatus


def saved(user, obj, action="change"):
    return write(user, action, lambda: (obj.save(), obj)[1])


def at(cast, state, **kwargs):
    return advance(make_project(cast.shoushan, proposer=cast.user_shoushan), state, people_of(cast), **kwargs)


def unchanged(project):
    return Project.objects.values().get(pk=project.pk)


# -- step 1 ----------------------------------------------------------------------------------------------------


def test_no_submission_without_the_needs_assessment(cast):
    project = make_project(cast.shoushan, surveyed=False)
    with pytest.raises(Refused) as refused:
        perform(cast.user_shoushan, Project, project.pk, "submit")
    assert "至少一次走访或调研" in refused.value.message and "至少一项需求" in refused.value.message
    assert Project.objects.get(pk=project.pk).status == S.DRAFT


def test_a_project_code_counts_up_per_county_and_year(cast):
    first = make_project(cast.shoushan, year=2023)
    second = make_project(cast.hengqu, year=2023)
    assert (first.code, second.code) == ("眉县-2023-001", "眉县-2023-002")


def test_a_submitted_proposal_is_no_longer_edited_by_its_town(cast):
    project = make_project(cast.shoushan)
    assert Project.objects.restrict(cast.user_shoushan, "change").filter(pk=project.pk).exists()
    perform(cast.user_shoushan, Project, project.pk, "submit")
    assert not Project.objects.restrict(cast.user_shoushan, "change").filter(pk=project.pk).exists()
    assert Project.objects.restrict(cast.user_bureau, "change").filter(pk=project.pk).exists()


# -- step 2 ----------------------------------------------------------------------------------------------------


def test_no_publication_without_an_approving_review(cast):
    project = make_project(cast.shoushan)
    make_notice(project)
    Project.objects.filter(pk=project.pk).update(status=S.APPROVED)  # approved by a back door, no review row
    with pytest.raises(Refused) as refused:
        perform(cast.user_bureau, Project, project.pk, "publish")
    assert "未通过审核" in refused.value.message


def test_no_publication_without_a_complete_notice(cast):
    project = at(cast, S.APPROVED)
    with pytest.raises(Refused, match="请先填写项目公告"):
        perform(cast.user_bureau, Project, project.pk, "publish")
    notice = make_notice(project)
    Criterion.objects.filter(notice=notice, name="报价").update(weight=Decimal("5"))
    with pytest.raises(Refused, match="权重合计为95"):
        perform(cast.user_bureau, Project, project.pk, "publish")
    Criterion.objects.filter(notice=notice, name="报价").update(weight=Decimal("10"))
    Notice.objects.filter(pk=notice.pk).update(bid_deadline=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(Refused, match="投标截止时间已过"):
        perform(cast.user_bureau, Project, project.pk, "publish")
    Notice.objects.filter(pk=notice.pk).update(bid_deadline=timezone.now() + dt.timedelta(days=3), scope_of_service="")
    with pytest.raises(Refused, match="服务内容"):
        perform(cast.user_bureau, Project, project.pk, "publish")
    assert Project.objects.get(pk=project.pk).status == S.APPROVED


def test_the_ceiling_stays_within_the_budget(cast):
    project = at(cast, S.APPROVED)
    notice = Notice(project=project, scope_of_service="x", budget_ceiling=project.budget + 1,
                    method=ProcurementMethod.INQUIRY, bid_deadline=timezone.now() + dt.timedelta(days=3))
    with pytest.raises(Refused, match="超过立项预算"):
        saved(cast.user_bureau, notice, "add")
    assert not Notice.objects.filter(project=project).exists()


# -- step 3: bids ----------------------------------------------------------------------------------------------


@pytest.fixture
def tender(cast):
    """A published 首善街道 project taking bids for ten more days (ceiling 150,000 元)."""
    return at(cast, S.PUBLISHED)


def new_bid(project, agency, price="140000.00"):
    return Bid(project=project, agency=agency, proposal="方案", price=Decimal(price))


def test_an_agency_bids_within_the_ceiling_with_certified_workers(cast, tender):
    # Eligibility is read from the staff on record with their certificates (issue 23 C), not a declared count.
    certified = [("社工1", MemberCertificate.SOCIAL_WORKER), ("社工2", MemberCertificate.SOCIAL_WORKER)]
    staff_on_record(cast.agency, certified)
    bid = saved(cast.user_agency, new_bid(tender, cast.agency), "add")
    assert bid.status == BidStatus.SUBMITTED
    other = second_agency(cast.mei)
    staff_on_record(other, certified)
    with pytest.raises(Refused, match="超过预算上限"):
        saved(cast.user_agency, new_bid(tender, other, "150000.01"), "add")


def test_an_agency_without_enough_certified_workers_cannot_bid(cast, tender):
    Notice.objects.filter(project=tender).update(min_certified_workers=3)
    cast.agency.certified_staff_count = 2
    cast.agency.save()
    with pytest.raises(Refused, match="至少3名持证社工"):
        saved(cast.user_agency, new_bid(tender, cast.agency), "add")
    assert not Bid.objects.filter(project=tender).exists()


def test_no_bids_after_the_deadline(cast, tender):
    cast.agency.certified_staff_count = 2
    cast.agency.save()
    close_bidding(tender)
    with pytest.raises(Refused):
        saved(cast.user_agency, new_bid(tender, cast.agency), "add")
    assert not Bid.objects.filter(project=tender).exists()


def test_nobody_sees_another_agencys_bid_before_the_deadline_nor_the_bureau(cast, tender):
    other = second_agency(cast.mei)
    other_staff = agency_user(other, "agency2")
    mine = make_bid(tender, cast.agency, cast.user_agency)
    theirs = make_bid(tender, other, other_staff)

    def seen(user):
        return set(Bid.objects.restrict(user, "view").values_list("pk", flat=True))

    assert seen(cast.user_agency) == {mine.pk}
    assert seen(other_staff) == {theirs.pk}
    for name in ("bureau", "shoushan", "leader", "evaluator", "hengqu"):
        assert seen(cast.users[name]) == set(), name
    close_bidding(tender)
    assert seen(cast.user_bureau) == {mine.pk, theirs.pk}
    assert seen(cast.user_shoushan) == {mine.pk, theirs.pk}
    assert seen(cast.user_hengqu) == set()
    assert seen(cast.user_agency) == {mine.pk}
    assert seen(cast.user_evaluator) == set()


def test_a_bid_is_withdrawn_only_before_the_deadline(cast, tender):
    bid = make_bid(tender, cast.agency, cast.user_agency)
    close_bidding(tender)
    with pytest.raises((Refused, Bid.DoesNotExist)):
        perform(cast.user_agency, Bid, bid.pk, "withdraw")
    assert Bid.objects.get(pk=bid.pk).status == BidStatus.SUBMITTED


def test_a_score_is_at_most_the_criterions_weight(cast, tender):
    bid = make_bid(tender, cast.agency, cast.user_agency)
    close_bidding(tender)
    criterion = tender.notice.criteria.get(name="报价")
    with pytest.raises(Refused, match="超过该评分标准的权重10"):
        saved(cast.user_bureau, BidScore(bid=bid, criterion=criterion, score=Decimal("10.5")), "add")


def test_the_award_waits_for_the_deadline_and_a_complete_scoring(cast, tender):
    mine = make_bid(tender, cast.agency, cast.user_agency)
    other = second_agency(cast.mei)
    theirs = make_bid(tender, other, None, certified=3)
    Project.objects.filter(pk=tender.pk).update(awarded_bid=mine)
    with pytest.raises(Refused, match="截止后方可确定"):
        perform(cast.user_bureau, Project, tender.pk, "award", reason="评分第一")
    close_bidding(tender)
    with pytest.raises(Refused, match="请先组建评审小组"):  # scoring is by a panel (issue 23 C)
        perform(cast.user_bureau, Project, tender.pk, "award", reason="评分第一")
    panel = form_panel(tender.notice, cast.user_bureau)
    criterion = tender.notice.criteria.first()
    MemberScore.objects.create(member=panel.members.first(), bid=mine, criterion=criterion, entered_by=cast.user_bureau,
                               score=(criterion.weight * Decimal("0.8")).quantize(Decimal("0.01")))  # as score_bids
    with pytest.raises(Refused, match="每位成员对每份投标评分后方可确定成交"):
        perform(cast.user_bureau, Project, tender.pk, "award", reason="评分第一")
    score_bids(tender, cast.user_bureau)
    Project.objects.filter(pk=tender.pk).update(awarded_bid=None)
    with pytest.raises(Refused, match="请先选择拟中标的投标"):
        perform(cast.user_bureau, Project, tender.pk, "award", reason="评分第一")
    Project.objects.filter(pk=tender.pk).update(awarded_bid=mine)
    Notice.objects.filter(project=tender).update(min_certified_workers=3)
    with pytest.raises(Refused, match="所选投标团队有2名持证社工"):
        perform(cast.user_bureau, Project, tender.pk, "award", reason="评分第一")
    assert Project.objects.get(pk=tender.pk).status == S.PUBLISHED
    Notice.objects.filter(project=tender).update(min_certified_workers=1)
    perform(cast.user_bureau, Project, tender.pk, "award", reason="评分第一")
    project = Project.objects.get(pk=tender.pk)
    assert (project.status, project.agency, project.award_reason) == (S.AWARDED, cast.agency, "评分第一")
    assert dict(Bid.objects.filter(project=tender).values_list("pk", "status")) == {
        mine.pk: BidStatus.AWARDED, theirs.pk: BidStatus.NOT_AWARDED,
    }


def test_the_other_bidders_are_notified_of_the_award(cast, tender):
    other = second_agency(cast.mei)
    other_staff = agency_user(other, "agency2")
    make_bid(tender, cast.agency, cast.user_agency)
    make_bid(tender, other, other_staff, certified=3)
    advance(tender, S.AWARDED, people_of(cast))
    note = Notification.objects.get(recipient=other_staff)
    assert note.title.startswith("未中标：") and cast.agency.name in note.body
    # It links to the agency's own bid, not to a project it is no party to (issue 17).
    assert note.link == Bid.objects.get(project=tender, agency=other).get_absolute_url()
    assert Notification.objects.get(recipient=cast.user_agency).title.startswith("中标：")


def test_a_bid_is_not_awarded_from_another_project(cast, tender):
    elsewhere = at(cast, S.PUBLISHED)
    foreign = make_bid(elsewhere, cast.agency, cast.user_agency)
    tender.awarded_bid = foreign
    with pytest.raises(Refused, match="不是本项目的有效投标"):
        saved(cast.user_bureau, tender)


# -- step 3: the agreement -------------------------------------------------------------------------------------


@pytest.fixture
def awarded(cast):
    return at(cast, S.AWARDED)


def test_the_agreement_amount_stays_within_the_ceiling(cast, awarded):
    agreement = Agreement(project=awarded, number="XY-1", amount=awarded.notice.budget_ceiling + Decimal("0.01"),
                          start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), deliverables="台账")
    with pytest.raises(Refused, match="超过预算上限"):
        saved(cast.user_bureau, agreement, "add")
    assert not Agreement.objects.filter(project=awarded).exists()


def test_the_period_is_one_year_or_three_for_a_stable_service(cast, awarded):
    agreement = Agreement(project=awarded, number="XY-2", amount=Decimal("100000"), start=dt.date(2024, 1, 1),
                          end=dt.date(2025, 1, 2), deliverables="台账")
    with pytest.raises(Refused, match="最长一年"):
        saved(cast.user_bureau, agreement, "add")
    agreement.end = dt.date(2024, 12, 31)
    saved(cast.user_bureau, agreement, "add")
    agreement.stable_service, agreement.end = True, dt.date(2026, 12, 31)
    saved(cast.user_bureau, agreement)
    agreement.end = dt.date(2027, 1, 2)
    with pytest.raises(Refused, match="最长三年"):
        saved(cast.user_bureau, agreement)
    assert Agreement.objects.get(pk=agreement.pk).end == dt.date(2026, 12, 31)


def test_the_agency_signs_only_a_complete_agreement_whose_milestones_total_the_amount(cast, awarded):
    with pytest.raises(Refused, match="尚无可签署的协议"):
        perform(cast.user_agency, Project, awarded.pk, "agency_sign")
    agreement = make_agreement(awarded)
    Milestone.objects.filter(project=awarded, name="尾款").update(amount=Decimal("1"))
    with pytest.raises(Refused, match="应等于协议金额"):
        perform(cast.user_agency, Project, awarded.pk, "agency_sign")
    Milestone.objects.filter(project=awarded, name="尾款").update(
        amount=agreement.amount - Milestone.objects.get(project=awarded, name="首期款").amount
    )
    PerformanceTarget.objects.filter(project=awarded).delete()
    with pytest.raises(Refused, match="没有绩效目标"):
        perform(cast.user_agency, Project, awarded.pk, "agency_sign")
    assert Project.objects.get(pk=awarded.pk).status == S.AWARDED


def test_only_the_awarded_agency_signs(cast, awarded):
    make_agreement(awarded)
    stranger = agency_user(second_agency(cast.mei), "agency2")
    with pytest.raises(Project.DoesNotExist):
        perform(stranger, Project, awarded.pk, "agency_sign")
    with pytest.raises(Refused, match="已确定承接机构"):
        perform(cast.user_bureau, Project, awarded.pk, "sign")  # not before the agency has signed


def test_a_signed_agreement_changes_only_by_an_amendment(cast):
    project = at(cast, S.CONTRACTED)
    agreement = Agreement.objects.get(project=project)
    before = agreement.amount
    agreement.amount = before - 1000
    with pytest.raises(Refused, match="只能通过登记补充协议变更"):
        saved(cast.user_bureau, agreement)
    agreement = Agreement.objects.get(project=project)
    with pytest.raises(Refused, match="请填写变更理由"):
        amend_agreement(cast.user_bureau, agreement.pk, {"end": agreement.end}, reason="")
    with pytest.raises(PermissionDenied):
        amend_agreement(cast.user_hengqu, agreement.pk, {"end": agreement.end}, reason="x")
    new_end = agreement.end - dt.timedelta(days=30)
    amend_agreement(cast.user_bureau, agreement.pk, {"end": new_end}, reason="服务对象减少，提前结束")
    assert Agreement.objects.get(pk=agreement.pk).end == new_end
    amendment = Amendment.objects.get(agreement=agreement)
    assert amendment.reason == "服务对象减少，提前结束" and amendment.by == cast.user_bureau
    assert list(amendment.changes) == ["end"]
    assert Agreement.objects.get(pk=agreement.pk).amount == before


# -- step 5: progress ------------------------------------------------------------------------------------------


def test_progress_is_counted_from_the_activity_log_in_one_query(cast, django_assert_num_queries):
    project = at(cast, S.IN_SERVICE)
    station = station_at(cast.shoushan)
    PerformanceTarget.objects.create(project=project, indicator="≥30人的社区活动", unit="场", target_value=2,
                                     measure="community_events", min_participants=30)
    PerformanceTarget.objects.create(project=project, indicator="服务时长", unit="小时", target_value=10,
                                     measure="volunteer_hours")
    PerformanceTarget.objects.create(project=project, indicator="满意度", unit="%", target_value=90, measure="manual",
                                     manual_value=Decimal("92"))
    rows = [("group", 12, None), ("group", 8, None), ("community", 45, Decimal("3")), ("community", 20, Decimal("2.5")),
            ("casework", 1, None)]
    for kind, participants, hours in rows:
        record_service(Activity(station=station, kind=kind, title="活动", participants=participants, hours=hours),
                       project)
    Activity.objects.create(station=station, kind="group", title="别的项目之外", participants=99)
    targets = list(project.targets.all())
    with django_assert_num_queries(1):
        result = {r.target.indicator: (r.value, r.percent) for r in progress(project, targets)}
    assert result == {
        "开展成长小组": (Decimal(2), Decimal("28.6")),
        "服务人次": (Decimal(86), Decimal("24.6")),
        "≥30人的社区活动": (Decimal(1), Decimal("50.0")),
        "服务时长": (Decimal("5.5"), Decimal("55.0")),
        "满意度": (Decimal(92), Decimal("102.2")),
    }


def test_agency_staff_log_service_records_of_their_project_in_its_stations(cast):
    project = at(cast, S.IN_SERVICE)
    station, elsewhere = station_at(cast.shoushan), station_at(cast.hengqu)
    project.agreement.stations.set([station])
    entry = Activity(station=station, kind="group", title="成长小组第1节", participants=10)
    write(cast.user_agency, "add", lambda: record_service(entry, project))
    assert Activity.objects.restrict(cast.user_agency).filter(pk=entry.pk).exists()
    with pytest.raises(Refused, match="不在该项目服务协议的进驻站点之中"):
        write(cast.user_agency, "add", lambda: record_service(Activity(station=elsewhere, kind="group", title="x"), project))
    assert not Activity.objects.filter(title="x").exists()
    unrelated = Activity.objects.create(station=station, kind="visit", title="走访")
    assert not Activity.objects.restrict(cast.user_agency).filter(pk=unrelated.pk).exists()
    stranger = agency_user(second_agency(cast.mei), "agency2")
    assert not Activity.objects.restrict(stranger).filter(pk=entry.pk).exists()


# -- step 6 ----------------------------------------------------------------------------------------------------


def test_no_acceptance_request_before_a_supervision_with_every_rectification_settled(cast):
    project = at(cast, S.IN_SERVICE)
    Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    with pytest.raises(Refused, match="至少完成一次中期督导"):
        perform(cast.user_bureau, Project, project.pk, "request_acceptance")
    supervision = evaluate(project, cast.user_bureau)
    item = Rectification.objects.create(evaluation=supervision, description="个案档案不完整",
                                        deadline=timezone.localdate() + dt.timedelta(days=10))
    with pytest.raises(Refused, match="还有1项整改事项"):
        perform(cast.user_bureau, Project, project.pk, "request_acceptance")
    perform(cast.user_agency, Rectification, item.pk, "answer", reason="已补齐12份个案档案")
    with pytest.raises(Refused, match="还有1项整改事项"):
        perform(cast.user_bureau, Project, project.pk, "request_acceptance")
    perform(cast.user_bureau, Rectification, item.pk, "close")
    perform(cast.user_bureau, Project, project.pk, "request_acceptance", reason="服务内容已完成，提前验收")
    assert Project.objects.get(pk=project.pk).status == S.EVALUATING


def test_nobody_from_the_contracted_agency_evaluates(cast):
    project = at(cast, S.IN_SERVICE)
    evaluate(project, cast.user_bureau)
    insider = User.objects.create(username="insider", role=Role.EVALUATOR, region=cast.mei, agency=cast.agency)
    project.evaluator = insider
    with pytest.raises(Refused, match="属于承接机构"):
        saved(cast.user_bureau, project)
    Project.objects.filter(pk=project.pk).update(evaluator=insider)
    with pytest.raises(Refused, match="属于承接机构"):
        perform(cast.user_bureau, Project, project.pk, "request_acceptance")
    Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    perform(cast.user_bureau, Project, project.pk, "request_acceptance", reason="服务内容已完成，提前验收")
    evaluation = evaluate(project, cast.user_evaluator, kind=EvaluationKind.ACCEPTANCE)
    party = EvaluationParty(evaluation=evaluation, party="supervisor", weight=Decimal("0"), scorer=cast.user_agency)
    with pytest.raises(Refused, match="属于承接机构"):
        saved(cast.user_bureau, party, "add")


def test_the_grade_comes_from_the_sheets_bands(cast):
    project = at(cast, S.IN_SERVICE)
    grades = {}
    for fraction in ("0.95", "0.90", "0.85", "0.60", "0.5950"):
        evaluation = evaluate(project, cast.user_bureau, fraction=Decimal(fraction))
        grades[fraction] = (evaluation.score, evaluation.grade)
    assert grades == {
        "0.95": (Decimal("95.00"), "excellent"), "0.90": (Decimal("90.00"), "excellent"),
        "0.85": (Decimal("85.00"), "good"), "0.60": (Decimal("60.00"), "pass"), "0.5950": (Decimal("59.50"), "fail"),
    }


def test_parties_weigh_their_totals_and_their_weights_total_100(cast):
    project = at(cast, S.IN_SERVICE)
    evaluation = evaluate(project, cast.user_bureau, fraction=Decimal("0.9"),
                          parties=(("third_party", Decimal("60")), ("buyer", Decimal("30"))))
    assert evaluation.score is None  # weights total 90: incomplete
    extra = EvaluationParty(evaluation=evaluation, party="supervisor", weight=Decimal("20"))
    with pytest.raises(Refused, match="合计将为110"):
        saved(cast.user_bureau, extra, "add")
    extra.weight = Decimal("10")
    saved(cast.user_bureau, extra, "add")
    evaluation.refresh_from_db()
    assert evaluation.score is None  # the supervisor has not scored yet
    for item in evaluation.sheet.items.all():
        saved(cast.user_bureau, ItemScore(party=extra, item=item, score=item.max_score * Decimal("0.5")), "add")
    evaluation.refresh_from_db()
    assert evaluation.score == Decimal("86.00")  # 0.6×90 + 0.3×90 + 0.1×50
    item = evaluation.sheet.items.first()
    score = ItemScore.objects.get(party=extra, item=item)
    score.score = item.max_score + 1
    with pytest.raises(Refused, match="超过该指标的满分"):
        saved(cast.user_bureau, score)
    assert Evaluation.objects.get(pk=evaluation.pk).score == Decimal("86.00")


def test_a_used_sheet_is_versioned_not_edited(cast):
    sheet = make_sheet(cast.mei)
    item = sheet.items.first()
    item.max_score += 1
    with pytest.raises(Refused, match="合计将为101"):
        saved(cast.user_bureau, item)
    project = at(cast, S.IN_SERVICE)
    evaluate(project, cast.user_bureau, sheet=sheet)
    sheet = IndicatorSheet.objects.get(pk=sheet.pk)
    sheet.pass_min = Decimal("50")
    with pytest.raises(Refused, match="生成新版本"):
        saved(cast.user_bureau, sheet)
    item = IndicatorItem.objects.get(pk=item.pk)
    item.content = "改过的内容"
    with pytest.raises(Refused, match="生成新版本"):
        saved(cast.user_bureau, item)
    copy = sheet.new_version()
    assert (copy.version, copy.items.count(), copy.total_max()) == (2, 4, Decimal("100"))
    assert not IndicatorSheet.objects.get(pk=sheet.pk).is_active
    assert IndicatorSheet.objects.get(pk=sheet.pk).pass_min == Decimal("60")


def test_an_evaluation_needs_a_sheet_totalling_100(cast):
    project = at(cast, S.IN_SERVICE)
    sheet = make_sheet(cast.mei, name="残缺指标")
    IndicatorItem.objects.filter(sheet=sheet).first().delete()
    with pytest.raises(Refused, match="指标分值合计为80"):
        saved(cast.user_bureau, Evaluation(project=project, kind=EvaluationKind.MIDTERM, sheet=sheet), "add")


# -- milestones and rectifications -----------------------------------------------------------------------------


def test_no_milestone_met_without_evidence_and_the_bureaus_confirmation(cast):
    project = at(cast, S.IN_SERVICE)
    milestone = Milestone.objects.filter(project=project).first()
    with pytest.raises(Refused, match="请先上传证明材料"):
        perform(cast.user_agency, Milestone, milestone.pk, "report")
    attach(milestone, cast.user_agency)
    perform(cast.user_agency, Milestone, milestone.pk, "report")
    with pytest.raises(Exception):  # noqa: B017 - the agency may not confirm its own milestone
        perform(cast.user_agency, Milestone, milestone.pk, "confirm")
    perform(cast.user_bureau, Milestone, milestone.pk, "confirm")
    milestone.refresh_from_db()
    assert (milestone.status, milestone.confirmed_by, milestone.reported_by) == (
        MilestoneStatus.MET, cast.user_bureau, cast.user_agency)
    other = Milestone.objects.filter(project=project).exclude(pk=milestone.pk).first()
    other.status = MilestoneStatus.MET
    with pytest.raises(Refused, match="经民政局确认"):
        write(cast.user_bureau, "view", lambda: (other.save(), other)[1])
    assert Milestone.objects.get(pk=other.pk).status == MilestoneStatus.SCHEDULED


def test_a_rectification_is_answered_closed_reopened_or_waived(cast):
    project = at(cast, S.IN_SERVICE)
    evaluation = evaluate(project, cast.user_bureau)
    item = Rectification.objects.create(evaluation=evaluation, description="小组记录缺签到表",
                                        deadline=timezone.localdate() - dt.timedelta(days=1))
    assert Rectification.objects.overdue().filter(pk=item.pk).exists()
    with pytest.raises(Refused, match="待整改"):
        perform(cast.user_bureau, Rectification, item.pk, "close")
    perform(cast.user_agency, Rectification, item.pk, "answer", reason="已补签到表")
    assert Rectification.objects.overdue().filter(pk=item.pk).exists()  # answered is not closed
    perform(cast.user_bureau, Rectification, item.pk, "reopen", reason="签到表仍不全")
    assert Rectification.objects.get(pk=item.pk).status == RectificationStatus.OPEN
    with pytest.raises(Exception):  # noqa: B017 - the evaluator may not waive
        perform(cast.user_evaluator, Rectification, item.pk, "waive", reason="x")
    perform(cast.user_bureau, Rectification, item.pk, "waive", reason="活动已结束无法补救")
    assert not Rectification.objects.overdue().filter(pk=item.pk).exists()


# -- overdue flags ---------------------------------------------------------------------------------------------


def test_the_overdue_flags(cast):
    today = timezone.localdate()
    tender = at(cast, S.PUBLISHED)
    serving = at(cast, S.IN_SERVICE)
    quiet = at(cast, S.IN_SERVICE)
    assert not Project.objects.overdue().filter(pk__in=[tender.pk, serving.pk, quiet.pk]).exists()
    close_bidding(tender)
    assert list(Project.objects.award_overdue().filter(pk=tender.pk)) == [tender]
    Project.objects.filter(pk=serving.pk).update(supervision_due=today - dt.timedelta(days=1))
    assert list(Project.objects.supervision_overdue()) == [serving]
    evaluation = evaluate(serving, cast.user_bureau)
    assert not Project.objects.supervision_overdue().exists()
    Rectification.objects.create(evaluation=evaluation, description="x", deadline=today - dt.timedelta(days=2))
    assert list(Project.objects.with_overdue_rectifications()) == [serving]
    Agreement.objects.filter(project=quiet).update(start=today - dt.timedelta(days=365), end=today - dt.timedelta(days=1))
    assert list(Project.objects.contract_ended()) == [quiet]
    assert set(Project.objects.overdue().filter(Q(pk__in=[tender.pk, serving.pk, quiet.pk]))) == {tender, serving,
                                                                                                   quiet}


# -- figures for the policy targets ----------------------------------------------------------------------------


def test_professional_and_micro_venture_projects_are_counted_once_contracted(cast):
    from projects import figures

    year = timezone.localdate().year
    at(cast, S.CONTRACTED)  # professional, 首善街道
    advance(make_project(cast.binhe, is_micro_venture=True, is_professional=False), S.IN_SERVICE, people_of(cast))
    at(cast, S.AWARDED)  # not yet contracted
    hengqu_people = people_of(cast)
    hengqu_people.town = cast.user_hengqu
    advance(make_project(cast.hengqu, year=year - 1), S.CONTRACTED, hengqu_people)  # another year
    regions = [cast.mei, cast.shoushan, cast.binhe, cast.hengqu]
    assert figures.professional_projects(regions, year) == {
        cast.mei.pk: 1, cast.shoushan.pk: 1, cast.binhe.pk: 0, cast.hengqu.pk: 0}
    assert figures.micro_venture_projects(regions, year) == {
        cast.mei.pk: 1, cast.shoushan.pk: 1, cast.binhe.pk: 1, cast.hengqu.pk: 0}
    assert figures.professional_projects([cast.hengqu], year - 1) == {cast.hengqu.pk: 1}
    pipeline = figures.pipeline(cast.mei, year)
    assert (pipeline[S.CONTRACTED], pipeline[S.IN_SERVICE], pipeline[S.AWARDED], pipeline[S.DRAFT]) == (1, 1, 1, 0)


def test_the_bureau_sees_the_marks_of_the_bidders_when_awarding(cast):
    people = people_of(cast)
    failed = advance(make_project(cast.shoushan), S.EVALUATING, people)
    evaluate(failed, cast.user_evaluator, kind=EvaluationKind.ACCEPTANCE, fraction=Decimal("0.4"))
    perform(cast.user_evaluator, Project, failed.pk, "fail", reason="目标完成不足一半")
    tender = at(cast, S.PUBLISHED)
    make_bid(tender, cast.agency, cast.user_agency)
    make_bid(tender, second_agency(cast.mei), None, certified=3)
    marks = list(tender.bidder_marks())
    assert [(m.agency, m.project, m.reason) for m in marks] == [(cast.agency, failed, "目标完成不足一半")]
