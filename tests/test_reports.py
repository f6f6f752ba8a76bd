"""The report pipeline: request, build in the background, download; in-scope rows only; no half files."""

import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from wulian.models import ReportJob, ReportStatus
from wulian.reports import register, registry, run_job


def request_report(client, code, django_capture_on_commit_callbacks, **params):
    data = {f"{code}-{k}": v for k, v in params.items()}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wulian:report_request", args=[code]), data)
    assert response.status_code == 302
    return ReportJob.objects.latest("pk")


def download_rows(client, job, sheet=0):
    response = client.get(reverse("wulian:report_download", args=[job.pk]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [row for row in wb.worksheets[sheet].iter_rows(values_only=True)]


def test_a_town_worker_gets_only_its_own_towns_rows(as_user, cast, django_capture_on_commit_callbacks):
    client = as_user("hengqu")
    job = request_report(client, "region_population", django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    rows = download_rows(client, job)
    towns = {r[0] for r in rows[1:]}
    assert towns == {"横渠镇"}
    assert ("横渠镇", "崖下村") in {(r[0], r[1]) for r in rows[1:]}
    assert job.filename.endswith("横渠镇.xlsx")


def test_the_download_list_is_personal(as_user, cast, django_capture_on_commit_callbacks):
    job = request_report(as_user("bureau"), "region_population", django_capture_on_commit_callbacks)
    other = as_user("shoushan")
    assert other.get(reverse("wulian:report_download", args=[job.pk])).status_code == 404
    assert other.get(reverse("wulian:report_job_row", args=[job.pk])).status_code == 404
    assert f'id="job-{job.pk}"' not in other.get(reverse("wulian:report_center")).content.decode()


def test_report_centre_lists_the_job_with_its_status(as_user, cast, django_capture_on_commit_callbacks):
    client = as_user("bureau")
    job = request_report(client, "region_population", django_capture_on_commit_callbacks)
    page = client.get(reverse("wulian:report_center")).content.decode()
    assert f'id="job-{job.pk}"' in page
    assert "下载" in page and "已完成" in page


@pytest.fixture
def flaky_report():
    state = {"fail": True}

    @register("test_flaky", "flaky", "xlsx")
    def build(job, handle, progress):
        handle.write(b"PK half a file")
        if state["fail"]:
            raise RuntimeError("worker killed")
        return "ok.xlsx"

    yield state
    registry.pop("test_flaky")


def test_a_job_that_dies_half_way_leaves_no_file_and_can_run_again(cast, flaky_report):
    job = ReportJob.objects.create(user=cast.user_bureau, report="test_flaky")
    with pytest.raises(RuntimeError):
        run_job(job)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and "worker killed" in job.error
    assert not job.file
    folder = Path(settings.MEDIA_ROOT) / "reports"
    leftovers = [p for p in folder.rglob(f"job-{job.pk}.*")] if folder.exists() else []
    assert leftovers == []
    flaky_report["fail"] = False
    run_job(job)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE and job.progress == 100
    assert os.path.exists(job.file.path)


@pytest.mark.celery
@pytest.mark.xdist_group("celery")
@pytest.mark.django_db(transaction=True)
def test_a_report_is_built_by_a_real_celery_worker_on_redis(client):
    """Through the broker named by CELERY_BROKER_URL (Redis in CI) and a worker thread, not in-process."""
    from celery.contrib.testing.worker import start_worker

    from tests.conftest import get_cast, load_cast
    from wulian.celery import app

    assert settings.CELERY_BROKER_URL.startswith("redis://"), "this test needs the real Redis broker"
    load_cast()
    cast = get_cast()
    app.conf.task_always_eager = False
    try:
        app.control.purge()
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            client.force_login(cast.user_bureau)
            response = client.post(reverse("wulian:report_request", args=["region_population"]))
            assert response.status_code == 302
            job = ReportJob.objects.get(user=cast.user_bureau)
            deadline = time.monotonic() + 60
            while job.is_active and time.monotonic() < deadline:
                time.sleep(0.2)
                job.refresh_from_db()
    finally:
        app.conf.task_always_eager = True
    assert job.status == ReportStatus.DONE, job.error
    rows = download_rows(client, job)
    assert {r[0] for r in rows[1:]} >= {"首善街道", "横渠镇", "齐镇"}


def test_old_reports_and_their_files_are_purged(cast, flaky_report):
    import datetime as dt

    from django.utils import timezone

    from wulian.tasks import purge_old_reports

    flaky_report["fail"] = False
    old = ReportJob.objects.create(user=cast.user_bureau, report="test_flaky")
    run_job(old)
    old.refresh_from_db()
    path = old.file.path
    ReportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=31))
    fresh = ReportJob.objects.create(user=cast.user_bureau, report="test_flaky")
    assert purge_old_reports(days=30) == 1
    assert not ReportJob.objects.filter(pk=old.pk).exists()
    assert not os.path.exists(path)
    assert ReportJob.objects.filter(pk=fresh.pk).exists()


def test_the_purge_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["purge-old-reports"]
    assert entry["task"] == "wulian.tasks.purge_old_reports"
    from wulian.celery import app

    assert "wulian.tasks.purge_old_reports" in app.tasks


def test_a_large_list_export_is_built_in_the_background_with_the_same_scope_and_filters(
    as_user, cast, settings, django_capture_on_commit_callbacks
):
    from wulian.models import Agency
    from wulian.models import AccessLog

    settings.WULIAN_EXPORT_SYNC_ROWS = 1
    Agency.objects.create(name="横渠导出一", region=cast.hengqu, legal_representative="甲")
    Agency.objects.create(name="横渠导出二", region=cast.hengqu, legal_representative="乙")
    Agency.objects.create(name="首善导出", region=cast.shoushan)
    client = as_user("hengqu")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/organizations/agencies/", {"export": "xlsx", "q": "导出"})
    assert response.status_code == 302 and response["Location"] == reverse("wulian:report_center")
    job = ReportJob.objects.get(user=cast.user_hengqu, report="list_export")
    assert job.status == ReportStatus.DONE, job.error
    rows = download_rows(client, job)
    names = {r[0] for r in rows[1:]}
    assert names == {"横渠导出一", "横渠导出二"}
    assert AccessLog.objects.filter(user=cast.user_hengqu, action="export", row_count=2).exists()


def test_list_exports_are_not_offered_in_the_report_centre(as_user, cast):
    client = as_user("bureau")
    assert 'id="report-list_export"' not in client.get(reverse("wulian:report_center")).content.decode()
    assert client.post(reverse("wulian:report_request", args=["list_export"])).status_code == 404


def test_station_compliance_report_lists_each_station_with_what_is_missing(
    as_user, cast, django_capture_on_commit_callbacks
):
    from decimal import Decimal

    from stations.choices import StationTier
    from stations.models import Station

    Station.objects.create(
        name="滨河社区社工室", tier=StationTier.COMMUNITY_ROOM, region=cast.binhe, office_area=Decimal("45"),
        has_case_room=True, has_group_room=True,
    )
    Station.objects.create(name="景贤社区社工室", tier=StationTier.COMMUNITY_ROOM, region=cast.jingxian, office_area=Decimal("20"))
    Station.objects.create(name="崖下村社工室", tier=StationTier.COMMUNITY_ROOM, region=cast.hengqu_village)
    client = as_user("shoushan")
    job = request_report(client, "station_compliance", django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    rows = {r[1]: r for r in download_rows(client, job)[1:]}
    assert set(rows) == {"滨河社区社工室", "景贤社区社工室"}  # 崖下村 is another town's
    assert rows["滨河社区社工室"][0] == "首善街道"
    assert rows["滨河社区社工室"][7] == "达标"
    assert rows["景贤社区社工室"][7] == "未达标"
    assert "办公面积（要求 不少于30 m²，实际 20 m²）" in rows["景贤社区社工室"][8]
    assert "小组活动室" in rows["景贤社区社工室"][8]
    summary = download_rows(client, job, sheet=1)
    # The rate is a number Excel can compute with, shown as a percentage.
    assert ("社区（村）社工室", 2, 1, 1, 0, 0.5) in [tuple(r) for r in summary]
    response = client.get(reverse("wulian:report_download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[1]
    assert sheet["F4"].number_format == "0.0%" and sheet["F2"].value is None
