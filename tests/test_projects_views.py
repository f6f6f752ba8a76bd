"""The project pages: each step's page opens for the person who does it, refuses bad input in Chinese and changes
nothing then, and every page is cut by the scope rule (404 outside it; an agency never sees another's bid, an
evaluator only the projects assigned to it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from projects import testing as t
from projects.choices import ProjectStatus
from projects.models import Agreement, Bid, Evaluation, Milestone, Notice, Project, Rectification
from tests.matrix import ALL, BUSINESS, ScopeMatrix

S = ProjectStatus
pytestmark = pytest.mark.django_db


def people_for(cast, place, agency_user=None):
    """Who takes the steps of a project at ``place``: the bureau submits (it may anywhere)."""
    return t.People(
        bureau=cast.user_bureau,
        town=cast.user_bureau,
        agency=agency_user or cast.user_agency,
        evaluator=cast.user_evaluator,
    )


def rival(cast):
    """A second agency with its own staff account."""
    agency = t.second_agency(cast.mei)
    return t.agency_user(agency, "tongxin")


def project_at(cast, place, state, agency_user=None, **kwargs):
    project = t.make_project(place)
    return t.advance(project, state, people_for(cast, place, agency_user), **kwargs)


class ExportByCode:
    """A project's export row carries its code and title in two columns; look for the code."""

    def export_key(self, obj) -> str:
        return obj.code


@pytest.mark.django_db
class TestDraftProjects(ExportByCode, ScopeMatrix):
    """Proposals are the town's and community's own until published: no agency or evaluator sees them."""

    model = Project
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", "agency": "", "evaluator": "", "leader": "ab"}
    changeable = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", "agency": "", "evaluator": "", "leader": ""}
    list_users = BUSINESS
    add_users = ("bureau", "shoushan", "hengqu", "binhe")

    def make(self, cast, place, key):
        return t.make_project(place, title=f"项目{key}")


@pytest.mark.django_db
class TestPublishedProjects(ExportByCode, ScopeMatrix):
    """A published notice is seen by every agency; a town no longer changes the proposal, nobody deletes it."""

    model = Project
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", "agency": "ab", "evaluator": "", "leader": "ab"}
    changeable = {"bureau": "ab", "shoushan": "", "hengqu": "", "binhe": "", "agency": "", "evaluator": "", "leader": ""}
    deletable = {u: "" for u in ALL}
    list_users = BUSINESS
    add_users = ("bureau", "shoushan", "hengqu", "binhe")

    def make(self, cast, place, key):
        return project_at(cast, place, S.PUBLISHED)


@pytest.mark.django_db
class TestContractedProjectsOfTwoAgencies(ExportByCode, ScopeMatrix):
    """Issue 17: once awarded, a project is its contracted agency's; another agency (even one that bid) reads it on
    the public page only — page, list, export and API answer as if it did not exist."""

    model = Project
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", "agency": "a", "evaluator": "", "leader": "ab"}
    changeable = {"bureau": "ab", "shoushan": "", "hengqu": "", "binhe": "", "agency": "", "evaluator": "", "leader": ""}
    deletable = {u: "" for u in ALL}
    list_users = BUSINESS
    add_users = ("bureau", "shoushan", "hengqu", "binhe")

    def make(self, cast, place, key):
        other = place == cast.hengqu_village
        project = project_at(cast, place, S.IN_SERVICE, agency_user=rival(cast) if other else None)
        if other and not project.bids.filter(agency=cast.agency).exists():
            t.make_bid(project, cast.agency)  # 仁和 lost this tender: still no party to the project
        return project


@pytest.mark.django_db
class TestAcceptedEvaluationsOfTwoAgencies(ScopeMatrix):
    """The evaluation of another agency's project (scores, findings, grade) is never the agency's to read."""

    model = Evaluation
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", "agency": "a", "evaluator": "ab", "leader": "ab"}
    changeable = {"bureau": "ab", "shoushan": "", "hengqu": "", "binhe": "", "agency": "", "evaluator": "ab", "leader": ""}
    list_users = BUSINESS
    has_delete = False
    has_add = False

    def make(self, cast, place, key):
        other = place == cast.hengqu_village
        project = project_at(cast, place, S.IN_SERVICE, agency_user=rival(cast) if other else None)
        Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
        return t.evaluate(project, cast.user_bureau)


def test_another_agencys_project_gives_an_agency_no_report_file_or_history(as_user, cast):
    """The evaluation report, a file of the project and its history: its parties only (issue 17)."""
    from django.core.files.base import ContentFile

    from wulian.models import Attachment, ReportJob

    theirs = project_at(cast, cast.hengqu_village, S.IN_SERVICE, agency_user=rival(cast))
    t.evaluate(theirs, cast.user_bureau)
    pdf = b"%PDF-1.4\n%%EOF\n"
    file = Attachment.objects.create(owner=theirs, kind="other", file=ContentFile(pdf, name="x.pdf"),
                                     original_name="协议附件.pdf", mime_type="application/pdf", size=len(pdf))
    agency = as_user("agency")
    assert agency.post(reverse("project_reports:evaluation", args=[theirs.pk])).status_code == 404
    agency.post(reverse("wulian:report_request", args=["project_evaluation"]), {"project_evaluation-project": theirs.pk})
    assert not ReportJob.objects.filter(user=cast.user_agency).exists()
    assert agency.get(file.get_absolute_url()).status_code == 404
    assert agency.get(theirs.get_absolute_url()).status_code == 404
    assert as_user("bureau").get(file.get_absolute_url()).status_code == 200


def test_an_open_call_shows_another_agency_the_notice_and_public_facts_only(as_user, cast):
    project = project_at(cast, cast.binhe, S.PUBLISHED)
    Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    page = as_user("agency").get(project.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert project.title in body and project.notice.scope_of_service[:10] in body
    assert cast.user_evaluator.display_name not in body and cast.user_bureau.display_name not in body
    data = as_user("agency").get(f"/api/projects/{project.pk}/").json()
    assert data["evaluator"] is None and data["budget"] is None and data["title"] == project.title
    assert as_user("bureau").get(f"/api/projects/{project.pk}/").json()["evaluator"] == cast.user_evaluator.pk


@pytest.mark.django_db
class TestBids(ScopeMatrix):
    """After the deadline the bureau and the town see the bids of their area; an agency only its own bid."""

    model = Bid
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", "agency": "a", "evaluator": "", "leader": "ab"}
    changeable = {u: "" for u in ALL}  # after the deadline nobody changes a bid
    # An expert's account (the evaluator role) lists the bids of the panels it sits on (issue 23 C): none here.
    list_users = ("bureau", "shoushan", "hengqu", "binhe", "agency", "evaluator", "leader")
    has_delete = False
    has_add = False  # a bid is added from its project's page (projects:bid_add takes the project)

    def make(self, cast, place, key):
        project = project_at(cast, place, S.PUBLISHED)
        if place == cast.hengqu_village:
            bid = t.make_bid(project, rival(cast).agency)
        else:
            bid = t.make_bid(project, cast.agency)
        t.close_bidding(project)
        return bid


@pytest.mark.django_db
class TestEvaluations(ScopeMatrix):
    """An evaluator sees the evaluations of the projects assigned to it; an agency those of its own projects."""

    model = Evaluation
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", "agency": "a", "evaluator": "a", "leader": "ab"}
    changeable = {"bureau": "ab", "shoushan": "", "hengqu": "", "binhe": "", "agency": "", "evaluator": "a", "leader": ""}
    list_users = BUSINESS
    has_delete = False
    has_add = False  # added from the project's page (projects:evaluation_add takes the project)

    def make(self, cast, place, key):
        other = place == cast.hengqu_village
        project = project_at(cast, place, S.IN_SERVICE, agency_user=rival(cast) if other else None)
        Project.objects.filter(pk=project.pk).update(evaluator=None if other else cast.user_evaluator)
        return t.evaluate(project, cast.user_bureau)


@pytest.mark.django_db
class TestRectifications(ScopeMatrix):
    model = Rectification
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", "agency": "a", "evaluator": "a", "leader": "ab"}
    # No edit page (an item changes by its actions); the API changes an open item for its reviewers.
    changeable = {"bureau": "ab", "shoushan": "", "hengqu": "", "binhe": "", "agency": "", "evaluator": "a", "leader": ""}
    list_users = BUSINESS
    has_edit = False
    has_delete = False
    has_add = False

    def make(self, cast, place, key):
        evaluation = TestEvaluations.make(self, cast, place, key)
        return Rectification.objects.create(
            evaluation=evaluation, description=f"补齐个案记录{key}", deadline=timezone.localdate() + dt.timedelta(days=7)
        )


# -- the pages of one step: for the right person only, bad input refused in Chinese ------------------------------


def test_nobody_sees_a_bid_before_the_deadline_but_its_own_agency(as_user, cast):
    project = project_at(cast, cast.binhe, S.PUBLISHED)
    ours = t.make_bid(project, cast.agency)
    theirs = t.make_bid(project, rival(cast).agency)
    for username in ("bureau", "shoushan", "leader"):
        client = as_user(username)
        assert client.get(ours.get_absolute_url()).status_code == 404
        assert client.get(reverse("projects:bid_scoring", args=[project.pk])).content.decode().count("bid-row") == 0
    client = as_user("agency")
    assert client.get(ours.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert theirs.agency.name not in client.get(project.get_absolute_url()).content.decode()


def test_an_evaluator_opens_only_the_projects_assigned_to_it(as_user, cast):
    mine = project_at(cast, cast.binhe, S.IN_SERVICE)
    other = project_at(cast, cast.hengqu_village, S.IN_SERVICE)
    Project.objects.filter(pk=mine.pk).update(evaluator=cast.user_evaluator)
    client = as_user("evaluator")
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("projects:evaluation_add", args=[other.pk])).status_code == 404
    home = client.get("/").content.decode()
    assert mine.title in home and other.title not in home


def test_the_agency_home_shows_open_tenders_and_its_contracts(as_user, cast):
    tender = project_at(cast, cast.binhe, S.PUBLISHED)
    contract = project_at(cast, cast.hengqu_village, S.CONTRACTED)
    home = as_user("agency").get("/").content.decode()
    assert 'id="open-tenders"' in home and tender.title in home
    assert 'id="our-contracts"' in home and contract.title in home
    # What is due on the contract: starting the service.
    assert "开始服务" in home


def test_the_proposal_saves_its_surveys_and_needs_together(as_user, cast):
    client = as_user("binhe")
    today = timezone.localdate()
    data = {
        "title": "滨河社区独居老人关爱项目",
        "region": cast.binhe.pk,
        "domain": "elderly_care",
        "target_groups": ["special_elderly"],
        "goals": "每周上门探访",
        "expected_beneficiaries": "40",
        "budget": "60000.50",
        "planned_start": today.isoformat(),
        "planned_end": (today + dt.timedelta(days=200)).isoformat(),
        "year": str(today.year),
        "phase": "pilot",
        "surveys-TOTAL_FORMS": "1", "surveys-INITIAL_FORMS": "0",
        "surveys-0-date": today.isoformat(), "surveys-0-method": "home_visit", "surveys-0-people_reached": "40",
        "needs-TOTAL_FORMS": "1", "needs-INITIAL_FORMS": "0",
        "needs-0-target_group": "special_elderly", "needs-0-count": "40", "needs-0-urgency": "high",
        "needs-0-description": "独居老人缺少照护",
    }
    response = client.post(reverse("projects:project_add"), data)
    project = Project.objects.get(title="滨河社区独居老人关爱项目")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.budget == Decimal("60000.50") and project.proposed_by == cast.user_binhe
    assert project.surveys.get().people_reached == 40 and project.needs.get().urgency == "high"
    # An end before the start is refused in Chinese and nothing is saved.
    data["title"] = "另一个项目"
    data["planned_end"] = (today - dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("projects:project_add"), data)
    assert response.status_code == 200
    assert "计划结束日期不能早于计划开始日期" in response.content.decode()
    assert not Project.objects.filter(title="另一个项目").exists()


def test_the_notice_refuses_criteria_that_do_not_total_100(as_user, cast):
    project = project_at(cast, cast.binhe, S.APPROVED)
    client = as_user("bureau")
    deadline = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "scope_of_service": "个案与小组", "budget_ceiling": "150000", "method": "competitive_consultation",
        "min_certified_workers": "1", "bid_deadline": deadline,
        "criteria-TOTAL_FORMS": "2", "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "方案", "criteria-0-weight": "60", "criteria-1-name": "报价", "criteria-1-weight": "30",
    }
    response = client.post(reverse("projects:notice_edit", args=[project.pk]), data)
    assert response.status_code == 200
    assert "评分标准权重合计为90，应为100。" in response.content.decode()
    assert not Notice.objects.filter(project=project).exists()
    data["criteria-1-weight"] = "40"
    response = client.post(reverse("projects:notice_edit", args=[project.pk]), data)
    assert response.status_code == 302
    assert Notice.objects.get(project=project).criteria.count() == 2
    # A town cannot write the notice.
    assert as_user("shoushan").get(reverse("projects:notice_edit", args=[project.pk])).status_code in (403, 404)


def test_a_bid_above_the_ceiling_is_refused(as_user, cast):
    project = project_at(cast, cast.binhe, S.PUBLISHED)
    from wulian.models import Agency

    Agency.objects.filter(pk=cast.agency.pk).update(certified_staff_count=3)
    (chen,) = t.staff_on_record(cast.agency, [("陈静", "social_worker")])
    client = as_user("agency")
    data = {
        "proposal": "方案", "price": str(project.notice.budget_ceiling + 1),
        "members-TOTAL_FORMS": "1", "members-INITIAL_FORMS": "0", "members-0-staff": str(chen.pk),
    }
    response = client.post(reverse("projects:bid_add", args=[project.pk]), data)
    assert response.status_code == 200
    assert "报价高于预算上限" in response.content.decode()
    assert not Bid.objects.filter(project=project).exists()
    data["price"] = "149000"
    response = client.post(reverse("projects:bid_add", args=[project.pk]), data)
    bid = Bid.objects.get(project=project)
    assert response.status_code == 302 and bid.agency == cast.agency and bid.members.get().name == "陈静"


def test_scores_above_the_weight_are_refused_and_the_award_needs_the_deadline(as_user, cast):
    project = project_at(cast, cast.binhe, S.PUBLISHED)
    bid = t.make_bid(project, cast.agency)
    client = as_user("bureau")
    award = reverse("projects:project_award", args=[project.pk])
    response = client.post(award, {"bid": bid.pk, "reason": "评分第一"})
    assert Project.objects.get(pk=project.pk).status == S.PUBLISHED
    t.close_bidding(project)
    response = client.post(award, {"bid": bid.pk, "reason": "评分第一"})
    assert "请先组建评审小组" in response.content.decode()
    assert Project.objects.get(pk=project.pk).status == S.PUBLISHED
    t.score_bids(project, cast.user_bureau)
    response = client.post(award, {"bid": bid.pk, "reason": "评分第一"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == S.AWARDED and project.awarded_bid == bid and project.award_reason == "评分第一"


def test_the_milestones_must_total_the_agreement_amount(as_user, cast):
    project = project_at(cast, cast.binhe, S.AWARDED)
    client = as_user("bureau")
    today = timezone.localdate()
    data = {
        "number": "MX-1", "amount": "100000", "start": today.isoformat(),
        "end": (today + dt.timedelta(days=360)).isoformat(), "deliverables": "台账",
        "targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "0",
        "targets-0-indicator": "小组", "targets-0-unit": "次", "targets-0-target_value": "7", "targets-0-measure": "group_activities",
        "milestones-TOTAL_FORMS": "2", "milestones-INITIAL_FORMS": "0",
        "milestones-0-name": "首期", "milestones-0-amount": "40000", "milestones-0-due_on": today.isoformat(), "milestones-0-condition": "签订后",
        "milestones-1-name": "尾款", "milestones-1-amount": "50000", "milestones-1-due_on": today.isoformat(), "milestones-1-condition": "验收后",
    }
    url = reverse("projects:agreement_edit", args=[project.pk])
    response = client.post(url, data)
    assert response.status_code == 200 and "付款节点合计" in response.content.decode()
    assert not Agreement.objects.filter(project=project).exists()
    data["end"] = (today + dt.timedelta(days=400)).isoformat()
    data["milestones-1-amount"] = "60000"
    response = client.post(url, data)
    assert response.status_code == 200 and "最长一年" in response.content.decode()
    data["end"] = (today + dt.timedelta(days=360)).isoformat()
    response = client.post(url, data)
    assert response.status_code == 302
    assert Agreement.objects.get(project=project).amount == Decimal("100000")
    assert sum(m.amount for m in Milestone.objects.filter(project=project)) == Decimal("100000")


def test_a_rectification_is_answered_only_with_evidence(as_user, cast):
    project = project_at(cast, cast.binhe, S.IN_SERVICE)
    evaluation = t.evaluate(project, cast.user_bureau)
    item = Rectification.objects.create(evaluation=evaluation, description="补齐记录", deadline=timezone.localdate())
    client = as_user("agency")
    url = reverse("projects:rectification_answer", args=[item.pk])
    client.post(url, {"answer": "已补齐"})
    assert Rectification.objects.get(pk=item.pk).status == "open"
    pdf = SimpleUploadedFile("整改.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(url, {"answer": "已补齐", "evidence": pdf})
    item.refresh_from_db()
    assert item.status == "answered" and item.answer == "已补齐" and item.attachments.count() == 1
    # Another agency cannot even see it.
    assert as_user("hengqu").get(item.get_absolute_url()).status_code == 404


def test_overdue_items_are_flagged_in_red(as_user, cast):
    project = project_at(cast, cast.binhe, S.IN_SERVICE)
    evaluation = t.evaluate(project, cast.user_bureau)
    Rectification.objects.create(evaluation=evaluation, description="逾期事项", deadline=timezone.localdate() - dt.timedelta(days=3))
    client = as_user("bureau")
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'data-overdue="1"' in page and 'id="overdue-badge"' in page
    listed = client.get(reverse("projects:rectification_list"), {"overdue": "true"}).content.decode()
    assert "逾期事项" in listed and "table-danger" in listed
    projects = client.get(reverse("projects:project_list"), {"overdue": "true"}).content.decode()
    assert project.get_absolute_url() in projects


def test_the_evaluation_score_sheet_refuses_a_score_above_the_maximum(as_user, cast):
    project = project_at(cast, cast.binhe, S.IN_SERVICE)
    Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    sheet = t.make_sheet(cast.mei)
    items = list(sheet.items.order_by("order"))
    client = as_user("evaluator")
    data = {
        "kind": "midterm", "date": timezone.localdate().isoformat(), "findings": "总体良好",
        "weight-third_party": "100",
        "rectifications-TOTAL_FORMS": "0", "rectifications-INITIAL_FORMS": "0",
    }
    data.update({f"score-third_party-{item.pk}": str(item.max_score) for item in items})
    data[f"score-third_party-{items[0].pk}"] = str(items[0].max_score + 5)
    url = reverse("projects:evaluation_add", args=[project.pk])
    response = client.post(url, data)
    assert response.status_code == 200 and "分数须在0到" in response.content.decode()
    assert not Evaluation.objects.filter(project=project).exists()
    data[f"score-third_party-{items[0].pk}"] = str(items[0].max_score - 2)
    response = client.post(url, data)
    evaluation = Evaluation.objects.get(project=project)
    assert response.status_code == 302 and evaluation.score == Decimal("98.00") and evaluation.recorded_by == cast.user_evaluator


def test_the_activity_form_offers_only_projects_in_service_of_the_agency(as_user, cast):
    ours = project_at(cast, cast.binhe, S.IN_SERVICE)
    theirs = project_at(cast, cast.hengqu_village, S.IN_SERVICE, agency_user=rival(cast))
    draft = t.make_project(cast.binhe)
    page = as_user("agency").get(reverse("stations:activity_add")).content.decode()
    assert ours.title in page and theirs.title not in page and draft.title not in page
    page = as_user("shoushan").get(reverse("stations:activity_add")).content.decode()
    assert ours.title in page and theirs.title not in page and draft.title not in page


def test_the_project_list_filters_by_step_and_costs_a_fixed_number_of_queries(as_user, cast, django_assert_max_num_queries):
    draft = t.make_project(cast.binhe)
    serving = project_at(cast, cast.binhe, S.IN_SERVICE)
    client = as_user("bureau")
    page = client.get(reverse("projects:project_list"), {"step": "4"}).content.decode()
    assert serving.get_absolute_url() in page and draft.get_absolute_url() not in page
    for _ in range(5):
        t.make_project(cast.hengqu_village)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("projects:project_list")).status_code == 200


def test_a_single_source_project_is_awarded_with_its_justification_and_no_bids(as_user, cast):
    from projects.choices import ProcurementMethod

    project = project_at(cast, cast.binhe, S.PUBLISHED, method=ProcurementMethod.SINGLE_SOURCE)
    client = as_user("bureau")
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'id="scoring-button"' in page and 'id="bid-button"' not in page
    page = client.get(reverse("projects:bid_scoring", args=[project.pk])).content.decode()
    assert 'id="scoring-sheet"' not in page and project.notice.single_source_justification in page
    # No agency bids on it.
    assert 'id="bid-button"' not in as_user("agency").get(project.get_absolute_url()).content.decode()
    client = as_user("bureau")
    response = client.post(reverse("projects:project_award", args=[project.pk]), {"reason": "进驻三年，服务连续"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == S.AWARDED and project.agency == cast.agency and project.awarded_bid is None


def test_a_signed_agreement_changes_only_by_a_recorded_amendment(as_user, cast):
    project = project_at(cast, cast.binhe, S.IN_SERVICE)
    agreement = project.agreement
    client = as_user("bureau")
    # The agreement form no longer opens once signed.
    assert client.get(reverse("projects:agreement_edit", args=[project.pk])).status_code == 404
    url = reverse("projects:amendment_add", args=[project.pk])
    data = {"amount": str(agreement.amount), "start": agreement.start.isoformat(), "end": agreement.end.isoformat(),
            "deliverables": agreement.deliverables + "；增加结项汇报会", "reason": ""}
    response = client.post(url, data)
    assert response.status_code == 200 and not agreement.amendments.exists()
    data["reason"] = "应社区要求增加结项汇报会"
    response = client.post(url, data)
    assert response.status_code == 302
    amendment = agreement.amendments.get()
    assert amendment.by == cast.user_bureau and "结项汇报会" in agreement.__class__.objects.get(pk=agreement.pk).deliverables
    assert as_user("agency").get(url).status_code == 403
    assert "应社区要求增加结项汇报会" in as_user("agency").get(project.get_absolute_url()).content.decode()


def test_a_milestone_is_reported_with_evidence_and_confirmed_by_the_bureau(as_user, cast):
    project = project_at(cast, cast.binhe, S.IN_SERVICE)
    milestone = Milestone.objects.filter(project=project).order_by("due_on").first()
    url = reverse("projects:milestone_report", args=[milestone.pk])
    agency = as_user("agency")
    agency.post(url, {})
    assert Milestone.objects.get(pk=milestone.pk).status == "scheduled"
    pdf = SimpleUploadedFile("首期报告.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    agency.post(url, {"evidence": pdf})
    assert Milestone.objects.get(pk=milestone.pk).status == "reported"
    bureau = as_user("bureau")
    page = bureau.get(project.get_absolute_url()).content.decode()
    confirm = reverse("projects:milestone_action", args=[milestone.pk, "confirm"])
    assert confirm in page
    bureau.post(confirm)
    milestone.refresh_from_db()
    assert milestone.status == "met" and milestone.confirmed_by == cast.user_bureau
    # The evidence is listed among the project's documents.
    assert "首期报告.pdf" in bureau.get(project.get_absolute_url()).content.decode()
