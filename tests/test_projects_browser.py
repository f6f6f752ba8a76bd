"""The six steps of a service project walked in Chromium, each step by the person who does it in real life:
a community worker proposes, the town submits, the bureau returns it once and then approves and publishes, two
agencies bid, the bureau scores and awards, the agency signs, the bureau signs, the agency logs its service and
reports a milestone, the evaluator supervises, the agency answers, the reviewer closes, the evaluator accepts.

Only the passing of the bid deadline is simulated (the deadline is moved a minute into the past: a test does not
wait ten days). Screenshots go to var/screenshots/ for a person to look at.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def setting(browser_cast):
    """The county's data an administrator set up before: stations, an indicator sheet, a second agency."""
    from projects import testing as t
    from stations import demo
    from tests.conftest import TEST_PASSWORD
    from wulian.models import Agency

    demo.load()
    cast = browser_cast
    t.make_sheet(cast.mei)
    Agency.objects.filter(pk=cast.agency.pk).update(certified_staff_count=3)
    rival = t.second_agency(cast.mei)
    rival_user = t.agency_user(rival, "tongxin")
    rival_user.set_password(TEST_PASSWORD)
    rival_user.save()
    return cast


def logout(page, base):
    page.context.clear_cookies()


def as_(page, base, username):
    logout(page, base)
    login(page, base, username)


def go(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")


def click(page, selector):
    page.click(selector)
    page.wait_for_load_state("networkidle")


def act(page, name, reason=None):
    """Press a transition button of the page (with its reason, when it asks for one; confirming a step with
    consequences)."""
    page.click(f"#action-{name}")
    if reason is not None:
        page.fill(f"#reason-{name}", reason)
    if page.locator(f"#action-{name}-submit").count():
        page.click(f"#action-{name}-submit")
    page.wait_for_load_state("networkidle")


def pick(page, field_id, text):
    """Choose an option of a searchable picker by typing part of its label."""
    page.locator(f"#{field_id} + .ts-wrapper .ts-control").click()
    page.keyboard.type(text)
    option = page.locator(".ts-dropdown .option", has_text=text).first
    option.wait_for()
    option.click()
    # The choice is made when the underlying <select> holds it (a loaded machine may lag behind the click).
    page.wait_for_function(
        "([id, text]) => [...document.getElementById(id).selectedOptions].some(o => o.text.includes(text))",
        arg=[field_id, text],
    )
    page.keyboard.press("Escape")


def status_of(project):
    return type(project).objects.values_list("status", flat=True).get(pk=project.pk)


def test_a_project_travels_from_needs_to_acceptance(live_server, setting, page, tmp_path):
    from projects import testing as t
    from projects.models import Bid, Evaluation, Milestone, Notice, Project, Rectification
    from stations.models import Activity

    base = live_server.url
    evidence = tmp_path / "验收材料.pdf"
    evidence.write_bytes(PDF)
    today = timezone.localdate()

    # -- 1 a community worker records the visits, the needs and the proposal ------------------------------------
    login(page, base, "binhe")
    go(page, f"{base}/projects/projects/add/")
    page.fill("#id_title", "滨河社区困境儿童成长陪伴项目")
    page.select_option("#id_domain", "child_welfare")
    page.check("input[name=target_groups][value=children_in_difficulty]")
    page.fill("#id_goals", "为38名困境儿童提供课后陪伴、成长小组和家庭走访。")
    page.fill("#id_expected_beneficiaries", "38")
    page.fill("#id_budget", "180000")
    page.fill("#id_planned_start", today.isoformat())
    page.fill("#id_planned_end", (today + dt.timedelta(days=330)).isoformat())
    page.fill("#id_surveys-0-date", today.isoformat())
    page.select_option("#id_surveys-0-method", "home_visit")
    page.fill("#id_surveys-0-people_reached", "46")
    page.click("#add-surveys")
    page.fill("#id_surveys-1-date", today.isoformat())
    page.select_option("#id_surveys-1-method", "forum")
    page.fill("#id_surveys-1-people_reached", "20")
    page.select_option("#id_needs-0-target_group", "children_in_difficulty")
    page.fill("#id_needs-0-count", "38")
    page.select_option("#id_needs-0-urgency", "high")
    page.fill("#id_needs-0-description", "留守儿童课后无人看护，缺少心理支持")
    screenshot(page, "projects-1-proposal-form")
    click(page, "#save-button")
    project = Project.objects.get(title="滨河社区困境儿童成长陪伴项目")
    assert page.url.endswith(project.get_absolute_url())
    assert project.region == setting.binhe and project.proposed_by.username == "binhe"
    assert project.surveys.count() == 2 and project.needs.count() == 1
    assert project.code.startswith(f"眉县-{today.year}-")
    # The community worker cannot submit: the town does.
    assert page.locator("#action-submit").count() == 0
    screenshot(page, "projects-1-draft")

    # -- the town submits; the bureau returns it once, the town submits again, the bureau approves ---------------
    as_(page, base, "shoushan")
    go(page, base + project.get_absolute_url())
    act(page, "submit")
    assert status_of(project) == "submitted"
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    act(page, "return", "预算测算依据不足，请补充人员经费明细")
    assert status_of(project) == "returned"
    as_(page, base, "shoushan")
    go(page, base + project.get_absolute_url())
    click(page, "#edit-button")
    page.fill("#id_goals", "为38名困境儿童提供课后陪伴、成长小组和家庭走访；人员经费12万元，活动经费6万元。")
    click(page, "#save-button")
    act(page, "submit")
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    act(page, "approve", "需求清晰，预算已补充明细，同意立项")
    assert status_of(project) == "approved"
    rounds = page.locator("#reviews .review-round")
    assert rounds.count() == 2
    assert "预算测算依据不足" in page.locator("#reviews").inner_text()
    screenshot(page, "projects-1-reviewed")

    # -- 2 the bureau writes the notice (a wrong weight total is refused in Chinese) and publishes it -----------
    click(page, "#notice-button")
    page.fill("#id_scope_of_service", "困境儿童个案服务、成长小组、四点半课堂")
    page.select_option("#id_method", "competitive_consultation")
    page.fill("#id_min_certified_workers", "2")
    page.fill("#id_qualifications", "具有社会工作者职业资格证书的专职人员不少于2名")
    page.fill("#id_bid_deadline", (timezone.localtime() + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_criteria-0-name", "服务方案")
    page.fill("#id_criteria-0-weight", "60")
    page.click("#add-criteria")
    page.fill("#id_criteria-1-name", "团队与资质")
    page.fill("#id_criteria-1-weight", "30")
    click(page, "#save-button")
    assert "90" in page.locator("#criteria-errors").inner_text() and "100" in page.locator("#criteria-errors").inner_text()
    assert not Notice.objects.filter(project=project).exists()
    page.click("#add-criteria")
    page.fill("#id_criteria-2-name", "报价")
    page.fill("#id_criteria-2-weight", "10")
    screenshot(page, "projects-2-notice-form")
    click(page, "#save-button")
    assert Notice.objects.get(project=project).criteria.count() == 3
    act(page, "publish")
    assert status_of(project) == "published"

    # -- 3 two agencies bid; nobody sees the other's bid ----------------------------------------------------------
    for username, price, team in (
        ("agency", "176000", [("陈静", "social_worker", "SW2019001"), ("刘洋", "assistant", "AS2021007")]),
        ("tongxin", "168000", [("孙悦", "social_worker", "SW2020033"), ("王芳", "social_worker", "SW2022101")]),
    ):
        as_(page, base, username)
        go(page, base + "/")
        assert project.title in page.locator("#open-tenders").inner_text()
        go(page, base + project.get_absolute_url())
        click(page, "#bid-button")
        page.fill("#id_proposal", "以儿童之家为阵地开展四点半课堂、成长小组与家访。")
        page.fill("#id_price", price)
        for i, (name, certificate, number) in enumerate(team):
            page.fill(f"#id_members-{i}-name", name)
            page.select_option(f"#id_members-{i}-certificate", certificate)
            page.fill(f"#id_members-{i}-certificate_number", number)
        page.set_input_files("#id_files", str(evidence))
        if username == "agency":
            screenshot(page, "projects-3-bid-form")
        click(page, "#save-button")
        assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()
    assert Bid.objects.filter(project=project).count() == 2
    go(page, base + "/projects/bids/")
    assert "眉县同心社会工作服务社" in page.content() and setting.agency.name not in page.locator("table").inner_text()

    # The bid deadline passes (simulated); the bureau compares, scores and awards.
    t.close_bidding(project)
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    click(page, "#scoring-button")
    bids = {b.agency.name: b for b in Bid.objects.filter(project=project).select_related("agency")}
    criteria = list(Notice.objects.get(project=project).criteria.order_by("pk"))
    scores = {setting.agency.name: ("52", "27", "8"), "眉县同心社会工作服务社": ("48", "26", "9")}
    for agency_name, values in scores.items():
        for criterion, value in zip(criteria, values, strict=True):
            page.fill(f"#score-{bids[agency_name].pk}-{criterion.pk}", value)
    click(page, "#save-scores")
    totals = page.locator("#scoring-sheet .bid-total").all_inner_texts()
    assert sorted(totals) == ["83", "87"]
    screenshot(page, "projects-3-scoring-sheet")
    page.check(f"input[name=bid][value='{bids[setting.agency.name].pk}']")
    page.fill("#id_reason", "综合评分第一，团队持证社工2名，服务方案针对性强")
    click(page, "#award-button")
    project.refresh_from_db()
    assert project.status == "awarded" and project.agency == setting.agency
    assert Bid.objects.get(pk=bids["眉县同心社会工作服务社"].pk).status == "not_awarded"

    # -- the bureau draws up the agreement with targets and milestones (a wrong total is refused) ---------------
    click(page, "#agreement-button")
    page.fill("#id_number", "MX-2024-XY-017")
    page.fill("#id_deliverables", "服务台账、个案档案、中期与结项报告")
    pick(page, "id_stations", "滨河社区社工室")
    page.fill("#id_targets-0-indicator", "开展成长小组")
    page.fill("#id_targets-0-unit", "次")
    page.fill("#id_targets-0-target_value", "2")
    page.select_option("#id_targets-0-measure", "group_activities")
    page.fill("#id_milestones-0-name", "首期款")
    page.fill("#id_milestones-0-amount", "70400")
    page.fill("#id_milestones-0-due_on", today.isoformat())
    page.fill("#id_milestones-0-condition", "协议签订后")
    page.click("#add-milestones")
    page.fill("#id_milestones-1-name", "尾款")
    page.fill("#id_milestones-1-amount", "100000")
    page.fill("#id_milestones-1-due_on", (today + dt.timedelta(days=300)).isoformat())
    page.fill("#id_milestones-1-condition", "评估验收合格后")
    click(page, "#save-button")
    errors = page.locator("#milestones-errors")
    assert errors.count(), page.locator(".invalid-feedback, .alert-danger, .errorlist").all_inner_texts()
    assert "176,000.00" in errors.inner_text() or "176000" in errors.inner_text()
    page.fill("#id_milestones-1-amount", "105600")
    screenshot(page, "projects-3-agreement-form")
    click(page, "#save-button")
    assert page.url.endswith(project.get_absolute_url())
    assert Milestone.objects.filter(project=project).count() == 2

    # -- the agency signs, the bureau signs, the agency starts ----------------------------------------------------
    as_(page, base, "agency")
    go(page, base + project.get_absolute_url())
    act(page, "agency_sign")
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    act(page, "sign")
    assert status_of(project) == "contracted"
    click(page, "#assign-button")
    page.select_option("#id_evaluator", label="赵敏")
    page.fill("#id_supervision_due", (today + dt.timedelta(days=90)).isoformat())
    click(page, "#save-button")
    as_(page, base, "agency")
    go(page, base + project.get_absolute_url())
    act(page, "start")
    assert status_of(project) == "in_service"

    # -- 4 the agency logs its service in the stations' activity log and reports a milestone --------------------
    for title in ("成长小组第一节：认识你我", "成长小组第二节：情绪小管家"):
        click(page, "#log-service-button")
        assert page.locator("#id_project option:checked").inner_text().endswith(project.title)
        page.fill("#id_title", title)
        page.select_option("#id_kind", "group")
        page.fill("#id_participants", "12")
        click(page, "#save-button")
        go(page, base + project.get_absolute_url())
    assert Activity.objects.filter(service_record__project=project).count() == 2
    assert page.locator("#targets .target").first.get_attribute("data-share") == "100"
    first = Milestone.objects.get(project=project, name="首期款")
    page.set_input_files(f"#evidence-{first.pk}", str(evidence))
    click(page, f"#report-{first.pk}")
    screenshot(page, "projects-4-service")
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    page.locator(f"#milestone-{first.pk} #action-confirm").click()
    page.wait_for_load_state("networkidle")
    assert Milestone.objects.get(pk=first.pk).status == "met"

    # -- 5 the evaluator supervises: findings, scores, a rectification item ---------------------------------------
    as_(page, base, "evaluator")
    go(page, base + "/")
    assert project.title in page.locator("#assigned-projects").inner_text()
    go(page, base + project.get_absolute_url())
    click(page, "#evaluate-button")
    page.fill("#id_findings", "台账基本完整，个案记录需规范。")
    for field in page.locator("input.item-score.party-third_party").all():
        field.fill(field.get_attribute("data-max"))
    page.fill("#id_rectifications-0-description", "补齐个案服务记录的评估与结案表")
    page.fill("#id_rectifications-0-deadline", (today + dt.timedelta(days=14)).isoformat())
    screenshot(page, "projects-5-supervision-form")
    click(page, "#save-button")
    evaluation = Evaluation.objects.get(project=project, kind="midterm")
    assert evaluation.score == Decimal("100.00")
    item = Rectification.objects.get(evaluation=evaluation)

    # The agency answers the item with its evidence; the reviewer closes it.
    as_(page, base, "agency")
    go(page, base + item.get_absolute_url())
    page.fill("#id_answer", "已补齐12份个案的评估表和结案表。")
    page.set_input_files("#id_evidence", str(evidence))
    click(page, "#answer-button")
    assert Rectification.objects.get(pk=item.pk).status == "answered"
    as_(page, base, "evaluator")
    go(page, base + item.get_absolute_url())
    act(page, "close")
    assert Rectification.objects.get(pk=item.pk).status == "closed"

    # -- 6 the bureau requests acceptance; the evaluator scores it and accepts ------------------------------------
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    act(page, "request_acceptance", "服务内容已按计划完成，申请提前验收")
    assert status_of(project) == "evaluating"
    as_(page, base, "evaluator")
    go(page, base + project.get_absolute_url())
    click(page, "#evaluate-button")
    assert page.locator("#id_kind").input_value() == "acceptance"
    page.fill("#id_findings", "绩效目标全部完成，服务对象满意度高。")
    for field in page.locator("input.item-score.party-third_party").all():
        field.fill(str(Decimal(field.get_attribute("data-max")) * Decimal("0.9")))
    click(page, "#save-button")
    go(page, base + project.get_absolute_url())
    act(page, "accept")
    project.refresh_from_db()
    assert project.status == "accepted" and project.grade == "excellent"
    assert page.locator("#project-steps [data-state=done]").count() == 6
    screenshot(page, "projects-6-accepted")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_project_pages_have_no_serious_accessibility_violation(live_server, setting, chromium, phone):
    """axe-core on the project pages a person fills or reads, on a desktop and on a phone."""
    from django.urls import reverse

    from projects import testing as t
    from projects.models import Rectification
    from tests.browser import PHONE
    from tests.test_accessibility import AXE, axe_violations

    cast = setting
    people = t.people_of(cast)
    serving = t.advance(t.make_project(cast.binhe, proposer=people.town), "in_service", people)
    evaluation = t.evaluate(serving, cast.user_bureau)
    item = Rectification.objects.create(evaluation=evaluation, description="补齐个案记录", deadline=timezone.localdate())
    awarded = t.advance(t.make_project(cast.binhe, proposer=people.town), "awarded", people)
    pages = [
        ("bureau", reverse("projects:project_list")),
        ("bureau", serving.get_absolute_url()),
        ("bureau", reverse("projects:bid_scoring", args=[awarded.pk])),
        ("bureau", reverse("projects:agreement_edit", args=[awarded.pk])),
        ("bureau", reverse("projects:evaluation_add", args=[serving.pk])),
        ("bureau", evaluation.get_absolute_url()),
        ("shoushan", reverse("projects:project_add")),
        ("agency", item.get_absolute_url()),
        ("agency", "/"),
    ]
    options = {"locale": "zh-CN", "bypass_csp": True}
    options.update({"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {"viewport": {"width": 1280, "height": 860}})
    problems = {}
    context = chromium.new_context(**options)
    try:
        page = context.new_page()
        current = None
        for username, url in pages:
            if username != current:
                context.clear_cookies()
                login(page, live_server.url, username)
                current = username
            response = page.goto(live_server.url + url)
            assert response.status == 200, (username, url, response.status)
            found = axe_violations(page)
            if found:
                problems[f"{username} {url}"] = found
                screenshot(page, f"axe-projects-{'phone' if phone else 'desktop'}-{len(problems)}")
    finally:
        context.close()
    assert AXE.exists()
    assert problems == {}, "\n".join(f"{where}: {found}" for where, found in problems.items())
