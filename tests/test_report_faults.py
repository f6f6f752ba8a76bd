"""The report pipeline under faults: a dead broker, a killed worker, a failed run, files left behind."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from wulian.models import ReportJob, ReportStatus
from wulian.reports import register, registry, run_job
from wulian.tasks import reap_stale_reports

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def broker_down(monkeypatch):
    """Celery publishes to a Redis port where nothing listens (the broker is down)."""
    from wulian.celery import app

    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/5")
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def test_with_the_broker_down_a_report_is_refused_at_once_and_no_job_is_left(as_user, cast, broker_down):
    client = as_user("bureau")
    started = time.monotonic()
    response = client.post(reverse("wulian:report_request", args=["region_population"]), follow=True)
    assert time.monotonic() - started < 15
    assert response.status_code == 200
    assert "报表服务暂时不可用" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_with_the_broker_down_a_large_list_export_is_refused_with_a_message(as_user, cast, broker_down, settings):
    settings.WULIAN_EXPORT_SYNC_ROWS = 0
    response = as_user("bureau").get("/organizations/agencies/", {"export": "xlsx"}, follow=True)
    assert response.status_code == 200
    assert "报表服务暂时不可用" in response.content.decode()
    assert not ReportJob.objects.exists()


@pytest.fixture
def flaky_report():
    state = {"fail": True}

    @register("test_faulty", "faulty", "xlsx")
    def build(job, handle, progress):
        # What openpyxl does for a write-only sheet: spill the rows to a temporary file.
        spill = tempfile.NamedTemporaryFile(prefix="openpyxl.", delete=False)
        spill.write("610323199001011234 13912345678".encode())
        spill.close()
        state["spill"] = spill.name
        handle.write(b"PK half a file")
        if state["fail"]:
            raise RuntimeError("disk full")
        return "ok.xlsx"

    yield state
    registry.pop("test_faulty")


def test_a_failed_report_offers_a_retry_that_builds_it(as_user, cast, flaky_report, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "system-tmp"))
    os.makedirs(tempfile.tempdir)
    client = as_user("bureau")
    job = ReportJob.objects.create(user=cast.user_bureau, report="test_faulty")
    with pytest.raises(RuntimeError):
        run_job(job)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED
    # The spill file was written inside the report folder, and removed with the failure.
    assert Path(settings.MEDIA_ROOT, "reports") in Path(flaky_report["spill"]).parents
    assert not os.path.exists(flaky_report["spill"])
    assert os.listdir(tempfile.tempdir) == []
    assert client.get(reverse("wulian:report_download", args=[job.pk])).status_code == 404
    row = client.get(reverse("wulian:report_job_row", args=[job.pk])).content.decode()
    assert reverse("wulian:report_retry", args=[job.pk]) in row and "重新生成" in row
    flaky_report["fail"] = False
    response = client.post(reverse("wulian:report_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    assert client.get(reverse("wulian:report_download", args=[job.pk])).status_code == 200
    assert os.listdir(tempfile.tempdir) == []
    # Someone else's job cannot be retried.
    assert as_user("shoushan").post(reverse("wulian:report_retry", args=[job.pk])).status_code == 404


def test_a_job_whose_worker_vanished_is_failed_by_the_reaper_and_leftovers_are_removed(cast):
    long_ago = timezone.now() - dt.timedelta(seconds=settings.WULIAN_REPORT_TIME_LIMIT + 3600)
    stuck = ReportJob.objects.create(user=cast.user_bureau, report="region_population", status=ReportStatus.RUNNING, progress=11)
    ReportJob.objects.filter(pk=stuck.pk).update(started_at=long_ago)
    recent = ReportJob.objects.create(
        user=cast.user_bureau, report="region_population", status=ReportStatus.RUNNING, started_at=timezone.now()
    )
    reports = Path(settings.MEDIA_ROOT, "reports")
    (reports / "tmp" / f"job-{stuck.pk}").mkdir(parents=True)
    (reports / "tmp" / f"job-{stuck.pk}" / "openpyxl.abc").write_text("610323199001011234")
    (reports / "tmp" / f"job-{recent.pk}").mkdir(parents=True)
    (reports / "2026" / "01").mkdir(parents=True)
    old_part = reports / "2026" / "01" / "tmpabc.part"
    old_part.write_text("half")
    os.utime(old_part, (long_ago.timestamp(), long_ago.timestamp()))
    assert reap_stale_reports() == 1
    stuck.refresh_from_db()
    assert stuck.status == ReportStatus.FAILED and stuck.error
    recent.refresh_from_db()
    assert recent.status == ReportStatus.RUNNING
    assert not (reports / "tmp" / f"job-{stuck.pk}").exists()
    assert (reports / "tmp" / f"job-{recent.pk}").exists()
    assert not old_part.exists()


def test_the_reaper_is_scheduled_and_the_visibility_timeout_outlasts_the_longest_report(settings):
    from wulian.celery import app

    assert settings.CELERY_BEAT_SCHEDULE["reap-stale-reports"]["task"] == "wulian.tasks.reap_stale_reports"
    assert "wulian.tasks.reap_stale_reports" in app.tasks
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT


def test_a_report_that_keeps_killing_its_worker_is_failed_after_three_attempts(cast):
    job = ReportJob.objects.create(user=cast.user_bureau, report="region_population", attempts=3)
    run_job(job)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and not job.file


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


@pytest.mark.celery
@pytest.mark.xdist_group("celery")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_report_is_retried_to_completion_and_leaves_no_personal_data(client, tmp_path, settings):
    """A real worker process on Redis; its pool process is killed (SIGKILL) while the export is being written."""
    from tests.conftest import get_cast, load_cast
    from volunteers.models import Volunteer
    from volunteers.testing import valid_id_number
    from wulian.celery import app

    assert settings.CELERY_BROKER_URL.startswith("redis://"), "this test needs the real Redis broker"
    load_cast()
    cast = get_cast()
    rows = 20000  # long enough to be killed mid-file whatever the machine's speed
    Volunteer.objects.bulk_create(
        Volunteer(
            name=f"志愿者{i}",
            id_number=valid_id_number(i, birth=dt.date(1960, 1, 1) + dt.timedelta(days=i)),
            phone=f"139{i:08d}",
            community=cast.binhe,
            volunteer_number=f"K{i:08d}",
        )
        for i in range(rows)
    )
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"],
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        TMPDIR=str(system_tmp),
        PYTHONPATH=str(ROOT),
    )
    app.control.purge()
    worker_log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "wulian", "worker", "--pool=prefork", "--concurrency=1", "--loglevel=WARNING",
         "--without-heartbeat", "--without-gossip", "--without-mingle"],
        # The worker's log goes to a file: an unread pipe fills up and blocks the worker mid-report.
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=worker_log.open("wb"),
    )
    app.conf.task_always_eager = False
    killed = False
    try:
        client.force_login(cast.user_bureau)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(settings, "WULIAN_EXPORT_SYNC_ROWS", 10)
            response = client.get("/volunteers/people/", {"export": "xlsx"})
        assert response.status_code == 302
        job = ReportJob.objects.get(user=cast.user_bureau)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if not killed and job.status == ReportStatus.RUNNING and job.progress >= 2:
                assert client.get(reverse("wulian:report_download", args=[job.pk])).status_code == 404
                for child in _children(worker.pid):
                    os.kill(child, signal.SIGKILL)
                    killed = True
            if job.status in (ReportStatus.DONE, ReportStatus.FAILED):
                break
            time.sleep(0.05)
    finally:
        app.conf.task_always_eager = True
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    log = worker_log.read_text(errors="replace")[-3000:]
    assert killed, ("the worker was never caught mid-report", job.status, job.progress, job.attempts, log)
    assert job.status == ReportStatus.DONE, (job.error, log)
    assert job.attempts == 2  # the killed run, then the retry that finished
    response = client.get(reverse("wulian:report_download", args=[job.pk]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert sum(1 for _ in wb.worksheets[0].iter_rows()) == rows + 1
    # Nothing left behind: no openpyxl spill files in the system temp folder, no job folder, no half files.
    assert list(system_tmp.iterdir()) == []
    reports = Path(settings.MEDIA_ROOT, "reports")
    assert not any(reports.rglob("*.part"))
    assert not (reports / "tmp").exists() or list((reports / "tmp").iterdir()) == []


def test_openpyxl_spills_inside_the_job_folder(cast, tmp_path, monkeypatch):
    """Write-only workbooks spill rows to ``tempfile``'s folder; during a report that is the job's folder."""
    seen = {}

    @register("test_spill", "spill", "xlsx")
    def build(job, handle, progress):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(["610323199001011234"])
        seen["dir"] = tempfile.gettempdir()
        wb.save(handle)
        return "spill.xlsx"

    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    try:
        job = ReportJob.objects.create(user=cast.user_bureau, report="test_spill")
        run_job(job)
    finally:
        registry.pop("test_spill")
    assert Path(seen["dir"]).is_relative_to(Path(settings.MEDIA_ROOT, "reports"))
    assert tempfile.gettempdir() == str(system_tmp)
    assert list(system_tmp.iterdir()) == []
