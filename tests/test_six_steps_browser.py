"""One new project through all six steps in Chromium, each step by the user who takes it (issue 23, "Done when"):
binhe proposes, shoushan submits, the bureau returns it once (the reason and who resubmits shown on the edit
page), approves and publishes; agency and chunhui bid with teams named from their staff on record (a team short
of certified workers refused); the bureau forms a 磋商小组 (an even panel refused), two experts score in the
portal with their own accounts and the bureau enters the outside expert's sheet; the award waits for every member
and goes to the bid ranked first; the agreement, the signatures, a service record, the mid-term supervision and
the acceptance by the evaluator, who names the scorer and sees each target's progress.

Only the passing of the bid deadline is simulated (the deadline is moved into the past). Screenshots go to
var/screenshots/six-steps-*.png.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser import SCREENSHOTS, as_, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

RIVAL = "眉县春晖社会工作服务中心"


@pytest.fixture
def county(browser_cast):
    """What the county had before: stations, the indicator sheet, the second agency and its login, both agencies'
    staff and certificates on record, two experts' accounts."""
    from projects import testing as t
    from stations import demo
    from tests.conftest import TEST_PASSWORD
    from wulian.models import Agency

    demo.load()
    cast = browser_cast
    t.make_sheet(cast.mei)
    chunhui = Agency.objects.create(name=RIVAL, region=cast.mei)
    for username, agency in (("chunhui", chunhui),):
        user = t.agency_user(agency, username)
        user.set_password(TEST_PASSWORD)
        user.save()
    t.staff_on_record(cast.agency, [("陈静", "social_worker"), ("刘洋", "assistant"), ("周强", None)])
    t.staff_on_record(chunhui, [("吴晓燕", "social_worker"), ("孙悦", None), ("王芳", "assistant")])
    for username in ("expert1", "expert2"):
        user = t.expert(username)
        user.set_password(TEST_PASSWORD)
        user.save()
    return cast


def go(page, url):
    page.goto(url)  # waits for the load event: no sleeps, no network-idle pauses


def click(page, selector):
    """A click that leaves the page (a link, a form's submit): wait for the next page to load."""
    with page.expect_navigation():
        page.click(selector)


def act(page, name, reason=None):
    """A transition: its button either opens a confirmation (with a reason field) or posts at once."""
    if not page.locator(f"#action-{name}-submit").count():
        click(page, f"#action-{name}")
        return
    page.click(f"#action-{name}")
    if reason is not None:
        page.fill(f"#reason-{name}", reason)
    click(page, f"#action-{name}-submit")


def status_of(project):
    return type(project).objects.values_list("status", flat=True).get(pk=project.pk)


def test_one_project_through_six_steps_with_a_panel(live_server, county, page, settings):
    from projects import testing as t
    from projects.models import Bid, Evaluation, MemberScore, Notice, Panel, Project
    from stations.models import Activity, Station
    from tests.report_worker import report_worker
    from wulian.models import ReportJob, ReportStatus

    base = live_server.url
    today = timezone.localdate()

    # -- 1 binhe records the visit, the need and the proposal --------------------------------------------------
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
    page.select_option("#id_needs-0-target_group", "children_in_difficulty")
    page.fill("#id_needs-0-count", "38")
    page.fill("#id_needs-0-description", "留守儿童课后无人看护，缺少心理支持")
    click(page, "#save-button")
    project = Project.objects.get(title="滨河社区困境儿童成长陪伴项目")
    assert page.url.endswith(project.get_absolute_url())
    assert page.locator("#action-submit").count() == 0  # binhe does not submit: the town does

    # -- shoushan submits; the bureau returns it; the edit page shows why and who resubmits ---------------------
    as_(page, base, "shoushan")
    go(page, base + project.get_absolute_url())
    act(page, "submit")
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    act(page, "return", "预算测算依据不足，请补充人员经费明细")
    as_(page, base, "binhe")
    go(page, base + project.get_absolute_url())
    click(page, "#edit-button")
    reason = page.locator("#return-reason").inner_text()
    assert "预算测算依据不足" in reason and "镇街社工站工作人员" in page.locator("#who-resubmits").inner_text()
    screenshot(page, "six-steps-1-returned-edit")
    page.fill("#id_goals", "为38名困境儿童提供课后陪伴、成长小组和家庭走访；人员经费12万元，活动经费6万元。")
    click(page, "#save-button")
    as_(page, base, "shoushan")
    go(page, base + project.get_absolute_url())
    act(page, "submit")
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    act(page, "approve", "预算已补充明细，同意立项")
    assert status_of(project) == "approved"

    # -- 2 the bureau writes the notice and publishes it ---------------------------------------------------------
    click(page, "#notice-button")
    page.fill("#id_scope_of_service", "困境儿童个案服务、成长小组、四点半课堂")
    page.select_option("#id_method", "competitive_consultation")
    page.fill("#id_min_certified_workers", "2")
    deadline = (timezone.localtime() + dt.timedelta(days=11)).replace(hour=17, minute=30)
    page.fill("#id_bid_deadline", deadline.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_criteria-0-name", "服务方案")
    page.fill("#id_criteria-0-weight", "60")
    for i, (name, weight) in enumerate((("团队与资质", "30"), ("报价", "10")), start=1):
        page.click("#add-criteria")
        page.fill(f"#id_criteria-{i}-name", name)
        page.fill(f"#id_criteria-{i}-weight", weight)
    click(page, "#save-button")
    act(page, "publish")
    assert status_of(project) == "published"
    assert "17:30" in page.locator("#notice").inner_text()  # the deadline with its hour and minute

    # -- 3 agency and chunhui bid, each team named from its staff on record --------------------------------------
    for username, price, team in (("agency", "176000", ["陈静", "刘洋"]), ("chunhui", "168000", ["吴晓燕", "孙悦"])):
        as_(page, base, username)
        go(page, base + project.get_absolute_url())
        click(page, "#bid-button")
        page.fill("#id_proposal", "以儿童之家为阵地开展四点半课堂、成长小组与家访。")
        page.fill("#id_price", price)
        for i, name in enumerate(team):
            page.select_option(f"#id_members-{i}-staff", label=next(
                o for o in page.locator(f"#id_members-{i}-staff option").all_inner_texts() if o.startswith(name)))
        click(page, "#save-button")
        if username == "chunhui":  # 1 certified on record against 2 required: refused, nothing saved
            assert "持证社会工作者不少于2名，本团队只有1名" in page.locator(".alert-danger").first.inner_text()
            assert not Bid.objects.filter(project=project, agency__name=RIVAL).exists()
            screenshot(page, "six-steps-3-team-refused")
            page.select_option("#id_members-1-staff", label=next(
                o for o in page.locator("#id_members-1-staff option").all_inner_texts() if o.startswith("王芳")))
            click(page, "#save-button")
        assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()
    assert Bid.objects.filter(project=project).count() == 2

    # The deadline passes; the bureau forms the 磋商小组 (an even panel refused).
    t.close_bidding(project)
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    click(page, "#scoring-button")
    click(page, "#panel-button")
    screenshot(page, "six-steps-3-panel-form")
    experts = dict(type(county.user_bureau).objects.filter(username__in=["expert1", "expert2"]).values_list("username", "pk"))
    page.select_option("#id_members-0-user", value=str(experts["expert1"]))
    page.check("#id_members-0-is_chair")
    page.select_option("#id_members-1-user", value=str(experts["expert2"]))
    click(page, "#save-button")
    assert "3名以上单数" in page.locator("#form-errors").inner_text()
    assert not Panel.objects.exists()
    page.fill("#id_members-2-name", "李外聘")
    click(page, "#save-button")
    assert [m.name for m in Panel.objects.get().members.order_by("-is_chair", "pk")] == ["周文", "郑华", "李外聘"]
    screenshot(page, "six-steps-3-panel")

    # Each expert scores in the portal with their own account.
    criteria = list(Notice.objects.get(project=project).criteria.order_by("order", "pk"))
    bids = {b.agency.name: b for b in Bid.objects.filter(project=project).select_related("agency")}
    sheets = {"expert1": {county.agency.name: ("52", "27", "8"), RIVAL: ("48", "26", "9")},
              "expert2": {county.agency.name: ("50", "25", "8"), RIVAL: ("49", "27", "9")}}
    for username, sheet in sheets.items():
        as_(page, base, username)
        go(page, f"{base}/projects/projects/{project.pk}/panel/score/")
        for agency_name, values in sheet.items():
            for criterion, value in zip(criteria, values, strict=True):
                page.fill(f"#score-{bids[agency_name].pk}-{criterion.pk}", value)
        if username == "expert1":
            screenshot(page, "six-steps-3-member-sheet")
        click(page, "#save-member-scores")
        assert page.locator("#member-sheet input.score-input").count() == 0  # scored: shown, no longer editable
    assert MemberScore.objects.count() == 12

    # The award waits for the outside expert, whose sheet the bureau enters; then it goes to the first.
    as_(page, base, "bureau")
    go(page, f"{base}/projects/projects/{project.pk}/bids/")
    assert page.locator("#award-waits").count() == 1
    click(page, "#panel-result a:has-text('录入评分表')")
    for agency_name, values in {county.agency.name: ("51", "26", "8"), RIVAL: ("52", "27", "9")}.items():
        for criterion, value in zip(criteria, values, strict=True):
            page.fill(f"#score-{bids[agency_name].pk}-{criterion.pk}", value)
    click(page, "#save-member-scores")
    go(page, f"{base}/projects/projects/{project.pk}/bids/")
    averages = page.locator("#panel-result .panel-average").all_inner_texts()
    assert averages == ["85.33", "85"]  # 春晖 (83+85+88)/3 first, 仁和 (87+83+85)/3
    screenshot(page, "six-steps-3-panel-result")
    page.check(f"input[name=bid][value='{bids[RIVAL].pk}']")
    page.fill("#id_reason", "磋商小组综合评分第一")
    click(page, "#award-button")
    assert status_of(project) == "awarded"
    award = page.locator("#award").inner_text()
    assert all(name in award for name in ("周文", "郑华", "李外聘"))

    # -- the agreement, both signatures, the evaluator assigned, the service starts ------------------------------
    click(page, "#agreement-button")
    page.fill("#id_number", "MX-2024-XY-023")
    page.fill("#id_amount", "168000")
    page.fill("#id_deliverables", "服务台账、个案档案、中期与结项报告")
    room = Station.objects.get(region__name="滨河社区", tier="community_room")
    page.select_option("#id_stations", value=str(room.pk))  # the station chunhui serves in (进驻)
    page.fill("#id_targets-0-indicator", "开展成长小组")
    page.fill("#id_targets-0-unit", "次")
    page.fill("#id_targets-0-target_value", "2")
    page.select_option("#id_targets-0-measure", "group_activities")
    page.fill("#id_milestones-0-name", "全款")
    page.fill("#id_milestones-0-amount", "168000")
    page.fill("#id_milestones-0-due_on", (today + dt.timedelta(days=300)).isoformat())
    page.fill("#id_milestones-0-condition", "评估验收合格后")
    click(page, "#save-button")
    assert page.url.endswith(project.get_absolute_url()), page.locator(".alert-danger, .invalid-feedback").all_inner_texts()
    as_(page, base, "chunhui")
    go(page, base + project.get_absolute_url())
    act(page, "agency_sign")
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    act(page, "sign")
    click(page, "#assign-button")
    page.select_option("#id_evaluator", label="赵敏")
    click(page, "#save-button")
    as_(page, base, "chunhui")
    go(page, base + project.get_absolute_url())
    act(page, "start")
    assert status_of(project) == "in_service"

    # -- 4 chunhui logs a service record ---------------------------------------------------------------------
    assert "服务中" in page.locator("#project-status").inner_text()
    click(page, "#log-service-button")
    assert page.locator("#id_station").input_value() == str(room.pk)  # the only station of the agreement
    assert page.locator("#id_project").input_value() == str(project.pk)
    page.fill("#id_title", "成长小组第一节：认识你我")
    page.select_option("#id_kind", "group")
    page.fill("#id_participants", "12")
    click(page, "#save-button")
    assert page.locator(".invalid-feedback, .alert-danger").count() == 0, page.locator(
        ".invalid-feedback, .alert-danger").all_inner_texts()
    assert "成长小组第一节：认识你我" in page.locator("main").inner_text()
    activity = Activity.objects.get(service_record__project=project)
    assert (activity.station, activity.kind, activity.participants) == (room, "group", 12)
    screenshot(page, "six-steps-4-service-record")

    # -- 5 the evaluator supervises; 6 the bureau requests acceptance, the evaluator accepts --------------------
    as_(page, base, "evaluator")
    go(page, base + project.get_absolute_url())
    click(page, "#evaluate-button")
    assert page.locator("#scorer-third_party").input_value() == "赵敏"
    page.fill("#id_findings", "台账基本完整。")
    for field in page.locator("input.item-score.party-third_party").all():
        field.fill(field.get_attribute("data-max"))
    click(page, "#save-button")
    assert Evaluation.objects.get(project=project, kind="midterm").score == Decimal("100.00")
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    act(page, "request_acceptance", "成长小组一节已开展，申请提前验收")
    assert status_of(project) == "evaluating"
    as_(page, base, "evaluator")
    go(page, base + project.get_absolute_url())
    click(page, "#evaluate-button")
    progress = page.locator("#targets").inner_text()
    assert "开展成长小组" in progress and "1 / 2" in progress and "50%" in progress
    page.fill("#id_findings", "绩效目标基本完成，服务对象满意度高。")
    for field in page.locator("input.item-score.party-third_party").all():
        field.fill(str(Decimal(field.get_attribute("data-max")) * Decimal("0.9")))
    screenshot(page, "six-steps-6-acceptance-form")
    click(page, "#save-button")
    go(page, base + project.get_absolute_url())
    act(page, "accept")
    assert status_of(project) == "accepted"
    assert page.locator("#project-steps [data-state=done]").count() == 6
    screenshot(page, "six-steps-6-accepted")

    # -- the evaluation report, built from the project page by a real worker, downloaded as a PDF ---------------
    with report_worker(settings):
        click(page, "#evaluation-report-button")
        assert page.url.endswith("/core/reports/")
        job = ReportJob.objects.get(report="project_evaluation", user__username="evaluator")
        row = page.locator(f"#job-{job.pk}")
        row.locator("a:has-text('下载')").wait_for(timeout=60_000)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE and job.params["project"] == project.pk
    filename = f"评估验收报告-{project.code}.pdf"
    assert filename in row.inner_text()
    screenshot(page, "six-steps-6-report-done")
    with page.expect_download() as info:
        row.locator("a:has-text('下载')").click()
    assert info.value.suggested_filename == filename
    pdf = Path(info.value.path()).read_bytes()
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "项目评估验收报告" in text and "滨河社区困境儿童成长陪伴项目" in text and RIVAL in text
    assert "第三方评估机构 赵敏 100 90.00" in lines  # the scoring party, its scorer, weight and score
    assert "开展成长小组 1 / 2 次（50%）" in lines  # the target's progress: chunhui's one service record
    (SCREENSHOTS / "six-steps-evaluation-report.pdf").write_bytes(pdf)
