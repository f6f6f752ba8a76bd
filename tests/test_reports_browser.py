"""The report centre in Chromium: a user asks for a report, watches the progress bar move while a real Celery
worker builds it, then downloads it. Screenshots go to var/screenshots/ for a person to look at."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from django.urls import reverse

from tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("celery"), pytest.mark.celery]


@pytest.fixture
def slow_ledger():
    """The real monthly ledger, slowed down so a person (and the test) can watch it being built."""
    from wulian.reports import registry

    original = registry["station_ledger"]
    real_build = original.build

    def build(job, handle, progress):
        class Slow:
            def __getattr__(self, name):
                return getattr(progress, name)

            def stage(self, *args, **kwargs):
                progress.stage(*args, **kwargs)
                time.sleep(0.4)

            def __call__(self, done, total):
                progress(done, total)
                if done % max(1, total // 20) == 0:  # about 20 pauses a stage, whatever its size
                    time.sleep(0.1)

        return real_build(job, handle, Slow())

    from dataclasses import replace

    registry["station_ledger"] = replace(original, build=build)
    yield
    registry["station_ledger"] = original


def test_the_progress_bar_moves_while_a_real_worker_builds_the_ledger(live_server, browser_cast, page, slow_ledger, settings):
    from stations import demo
    from tests.report_worker import report_worker
    from wulian.models import ReportJob, ReportStatus

    demo.load()
    login(page, live_server.url, "shoushan")
    page.goto(live_server.url + reverse("wulian:report_center"))
    form = page.locator("#report-station_ledger")
    # A town user has one area, its own: nothing to choose, only the month.
    assert form.locator("select[name='station_ledger-region']").count() == 0
    assert form.locator("select[name='station_ledger-month'] option:checked").count() == 1
    screenshot(page, "report-centre-form")
    widths, notes = [], set()
    with report_worker(settings):
        form.locator("button[type=submit]").click()
        page.wait_for_load_state("domcontentloaded")
        job = ReportJob.objects.get(report="station_ledger")
        row = page.locator(f"#job-{job.pk}")
        bar = row.locator(".progress")
        deadline = time.monotonic() + 120
        shot = False
        while time.monotonic() < deadline and row.locator(".progress").count():
            try:  # (the row is swapped when the job ends: the bar counted a moment ago may be gone now)
                value = bar.get_attribute("aria-valuenow", timeout=1000) if bar.count() else None
                note = row.locator(".report-note").inner_text(timeout=1000) if value is not None else None
            except PlaywrightTimeoutError:
                value = None
            if value is not None:
                widths.append(int(value))
                notes.add(note)
                if not shot and 20 < int(value) < 90:
                    screenshot(page, "report-centre-progress")
                    shot = True
            time.sleep(0.2)
        row.locator("a:has-text('下载')").wait_for(timeout=60_000)
    moving = sorted(set(w for w in widths if 0 < w < 100))
    assert len(moving) >= 3, widths  # the bar moved on the page, without a reload
    assert any("正在写入台账明细" in note for note in notes), notes  # the stage being built is named
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE
    assert "保留至" in row.inner_text()
    screenshot(page, "report-centre-done")
    with page.expect_download() as info:
        row.locator("a:has-text('下载')").click()
    assert info.value.suggested_filename.startswith("社工站工作台账月报-首善街道-")


def test_an_evaluator_picks_a_project_in_the_report_centre_and_gets_its_evaluation_report(live_server, browser_cast, page, settings):
    """Type part of the title, choose it, press 生成 once: a real worker builds the PDF, the row names the file."""
    from projects import testing as t
    from projects.choices import ProjectStatus
    from projects.models import Project
    from tests.report_worker import report_worker
    from wulian.models import ReportJob, ReportStatus

    cast = browser_cast
    people = t.people_of(cast)
    t.make_sheet(cast.mei)
    project = t.advance(
        t.make_project(cast.shoushan, proposer=cast.user_shoushan, title="滨河社区“银龄守护”特殊老人关爱服务项目"),
        ProjectStatus.IN_SERVICE, people,
    )
    t.evaluate(project, people.evaluator)
    Project.objects.filter(pk=project.pk).update(evaluator=people.evaluator)
    project.refresh_from_db()
    login(page, live_server.url, "evaluator")
    page.goto(live_server.url + reverse("wulian:report_center"))
    form = page.locator("#report-project_evaluation")
    form.locator(".ts-control").click()
    page.keyboard.type("银龄")
    option = page.locator(".ts-dropdown .option", has_text="银龄守护").first
    option.wait_for()
    option.click()
    screenshot(page, "report-centre-project-chosen")
    with report_worker(settings):
        form.get_by_role("button", name="生成").click()  # one click, with the picker still open
        page.wait_for_url("**/core/reports/")
        job = ReportJob.objects.get(report="project_evaluation", user__username="evaluator")
        row = page.locator(f"#job-{job.pk}")
        row.locator("a:has-text('下载')").wait_for(timeout=60_000)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE and job.params["project"] == project.pk
    assert f"中期督导报告-{project.code}.pdf" in row.inner_text()
    screenshot(page, "report-centre-project-done")
    with page.expect_download() as info:
        row.locator("a:has-text('下载')").click()
    assert info.value.suggested_filename == f"中期督导报告-{project.code}.pdf"
