"""The evaluation report PDF (评估报告), built by the report pipeline and read back with poppler's tools."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.choices import EvaluationKind, IndicatorGroup, Party, ProjectStatus, RectificationStatus
from projects.models import IndicatorItem, IndicatorSheet, Rectification
from projects.reports import report_context
from projects.service import record_service
from projects.testing import advance, evaluate, make_project, people_of
from stations.models import Activity
from tests.stations_helpers import station_at
from wulian.models import ReportJob, ReportStatus
from wulian.reports import run_job

pytestmark = pytest.mark.django_db
S = ProjectStatus
GROUPS = [IndicatorGroup.MANAGEMENT, IndicatorGroup.OUTCOMES, IndicatorGroup.FINANCE, IndicatorGroup.IMPACT]


def long_sheet(county) -> IndicatorSheet:
    """40 items of 2.5 points: a table that cannot fit on one page."""
    IndicatorSheet.objects.filter(region=county).update(is_active=False)
    sheet = IndicatorSheet.objects.create(region=county, name="测试长表", version=1)
    IndicatorItem.objects.bulk_create(
        [
            IndicatorItem(
                sheet=sheet, group=GROUPS[i // 10], content=f"第{i + 1}项 服务记录完整规范", order=i,
                standard="查阅服务档案，记录完整得满分，缺一项扣0.5分", evidence="服务档案、签到表", max_score=Decimal("2.5"),
            )
            for i in range(40)
        ]
    )
    return sheet


@pytest.fixture
def accepted(cast):
    """A project walked to acceptance by the real transitions, scored by three parties on a long sheet."""
    people = people_of(cast)
    long_sheet(cast.mei)
    project = make_project(cast.shoushan, proposer=cast.user_shoushan, title="滨河社区“银龄守护”关爱服务项目")
    project = advance(project, S.IN_SERVICE, people)
    # The agency's service log: 5 group sessions of 20 people (targets: 7 sessions, 350 people served).
    room = station_at(cast.shoushan)
    for i in range(5):
        record_service(Activity(station=room, kind="group", title=f"成长小组第{i + 1}节",
                                date=timezone.localdate(), participants=20), project)
    midterm = evaluate(project, people.bureau, kind=EvaluationKind.MIDTERM)
    late = Rectification.objects.create(evaluation=midterm, description="补齐个案档案<script>", deadline=timezone.localdate())
    Rectification.objects.filter(pk=late.pk).update(
        status=RectificationStatus.CLOSED, answer="已补齐个案档案12份", closed_at=timezone.now(), closed_by=people.evaluator
    )
    from projects.models import Project

    Project.objects.filter(pk=project.pk).update(evaluator=people.evaluator)
    advance(project, S.EVALUATING, people)
    evaluate(
        project, people.evaluator, kind=EvaluationKind.ACCEPTANCE, fraction=Decimal("0.92"),
        parties=((Party.THIRD_PARTY, Decimal("70")), (Party.BUYER, Decimal("20")), (Party.SUPERVISOR, Decimal("10"))),
    )
    return advance(project, S.ACCEPTED, people)


def build(user, project) -> ReportJob:
    job = ReportJob.objects.create(user=user, report="project_evaluation", params={"project": project.pk})
    try:
        run_job(job)
    except Exception:  # noqa: BLE001 - the job row says what failed
        pass
    job.refresh_from_db()
    return job


def text(path, *pages) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, path, "-"], capture_output=True, text=True, check=True).stdout


def test_the_report_reads_back_with_facts_table_header_on_page_two_and_embedded_subset_fonts(cast, accepted):
    job = build(cast.user_evaluator, accepted)
    assert job.status == ReportStatus.DONE, job.error
    assert job.filename == f"评估验收报告-{accepted.code}.pdf"
    path = job.file.path
    if os.environ.get("KEEP_REPORT"):  # to look at it: KEEP_REPORT=/tmp/report.pdf
        shutil.copy(path, os.environ["KEEP_REPORT"])

    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 3
    assert "595.276 x 841.89" in info  # A4 in points

    cover = text(path, 1)
    for fact in ("项目评估验收报告", accepted.title, accepted.code, cast.agency.name, "评估人员", "综合得分", "优秀"):
        assert fact in cover, fact
    agreement = accepted.agreement
    assert f"{agreement.amount:,.2f}" in cover
    assert f"{agreement.start.year}年{agreement.start.month}月{agreement.start.day}日" in cover
    assert cast.user_evaluator.display_name in cover

    # The indicator table breaks across pages and its header row repeats.
    body = [text(path, n) for n in range(2, pages + 1)]
    with_table = [page for page in body if "第" in page and "服务记录完整规范" in page]
    assert len(with_table) >= 2
    for page in with_table:
        assert "评估内容" in page and "加权得分" in page
    everything = "".join(body)
    assert "第40项" in everything
    assert "一、项目管理" in everything
    assert "第三方" in everything and "购买方" in everything
    # The rectification and how it was closed; the label is text, not markup.
    assert "补齐个案档案<script>" in everything and "已补齐个案档案12份" in everything and "复核通过" in everything
    assert "评估结论" in everything and "评分人（签字）" in everything  # each scoring party signs (issue 23 E)
    assert f"第2页/共{pages}页" in everything.replace(" ", "")
    # Target attainment: the server-side SVG chart, its text in the PDF.
    assert "绩效目标完成情况" in everything
    assert "5 / 7 次（71%）" in everything
    assert "100 / 350 人次（29%）" in everything

    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts, "no fonts"
    cjk = [line for line in fonts if "CJK" in line]
    assert cjk
    for line in fonts:
        columns = line.split()
        # name type encoding emb sub uni object ID: emb and sub are "yes" for every font
        assert columns[-5:-3] == ["yes", "yes"], line


def test_the_weighted_total_is_the_parties_weighted_sum(cast, accepted):
    evaluation = accepted.acceptance_evaluation()
    context = report_context(accepted, evaluation)
    parties = context["parties"]
    assert [p["weight"] for p in parties] == [Decimal("70"), Decimal("20"), Decimal("10")]
    # every item scored 2.5 × 0.92 = 2.30 by every party: each party totals 92.00
    assert all(p["total"] == Decimal("92.00") for p in parties)
    assert context["total"] == evaluation.score == Decimal("92.00")
    rows = [row for group in context["groups"] for row in group["rows"]]
    assert len(rows) == 40
    assert sum(row["weighted"] for row in rows) == Decimal("92.00")
    assert [g["max"] for g in context["groups"]] == [Decimal("25.0")] * 4
    assert context["grade_label"] == "优秀"


def test_someone_outside_the_project_gets_no_file(cast, accepted):
    job = build(cast.user_hengqu, accepted)  # another town
    assert job.status == ReportStatus.FAILED and not job.file


def test_the_project_page_button_starts_the_report_for_those_in_scope(cast, accepted, as_user):
    url = reverse("project_reports:evaluation", args=[accepted.pk])
    assert as_user("hengqu").post(url).status_code == 404
    response = as_user("agency").post(url)  # the contracted agency may read its report
    assert response.status_code == 302 and response["Location"] == reverse("wulian:report_center")
    job = ReportJob.objects.get(user=cast.user_agency, report="project_evaluation")
    assert job.status == ReportStatus.DONE, job.error  # in-process without a broker
    assert job.params["project"] == accepted.pk
    assert as_user("agency").get(url).status_code == 200  # a page with the build button, not 405 (issue 23 E)


def test_a_project_without_evaluation_says_so(cast, as_user):
    project = make_project(cast.shoushan, proposer=cast.user_shoushan)
    response = as_user("bureau").post(reverse("project_reports:evaluation", args=[project.pk]), follow=True)
    assert "该项目尚无评估记录，无法生成评估报告。" in response.content.decode()
    assert not ReportJob.objects.filter(report="project_evaluation").exists()


def test_the_midterm_report_of_a_project_in_service(cast):
    people = people_of(cast)
    project = advance(make_project(cast.shoushan, proposer=cast.user_shoushan), S.IN_SERVICE, people)
    evaluation = evaluate(project, people.bureau, kind=EvaluationKind.MIDTERM, fraction=Decimal("0.7"))
    Rectification.objects.create(evaluation=evaluation, description="补开小组活动", deadline=timezone.localdate() - dt.timedelta(days=3))
    job = build(cast.user_bureau, project)
    assert job.status == ReportStatus.DONE, job.error
    assert job.filename.startswith("中期督导报告-")
    content = text(job.file.path)
    assert "项目中期督导报告" in content and "补开小组活动" in content and "已逾期" in content


def test_the_report_centre_offers_the_evaluation_report_of_a_project_in_scope(cast, accepted, as_user):
    """Chosen in the report centre's own form: a project of one's scope with an evaluation, built as a PDF."""
    page = as_user("bureau").get(reverse("wulian:report_center")).content.decode()
    assert 'id="report-project_evaluation"' in page and 'name="project_evaluation-project"' in page
    assert accepted.code in page  # few projects: the choices are listed (the picker searches when there are many)
    url = reverse("wulian:report_request", args=["project_evaluation"])
    response = as_user("agency").post(url, {"project_evaluation-project": accepted.pk})
    assert response.status_code == 302
    job = ReportJob.objects.get(user=cast.user_agency, report="project_evaluation")
    assert job.status == ReportStatus.DONE, job.error
    assert job.params == {"project": accepted.pk} and job.filename.endswith(f"{accepted.code}.pdf")


def test_the_report_centre_refuses_a_project_out_of_scope_or_without_evaluation(cast, accepted, as_user):
    url = reverse("wulian:report_request", args=["project_evaluation"])
    page = as_user("hengqu").post(url, {"project_evaluation-project": accepted.pk}, follow=True).content.decode()
    assert accepted.code not in page.split('id="report-jobs"')[1]
    fresh = advance(make_project(cast.shoushan, proposer=cast.user_shoushan), S.IN_SERVICE, people_of(cast))
    page = as_user("bureau").post(url, {"project_evaluation-project": fresh.pk}, follow=True).content.decode()
    assert "该项目尚无评估记录，无法生成评估报告。" in page
    assert not ReportJob.objects.filter(report="project_evaluation").exists()
