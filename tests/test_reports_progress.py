"""Progress is seen while a report is built by a real Celery worker on Redis: the JSON endpoint the page polls
reports values between 0 and 100 while the task runs, then the download."""

import time

import pytest
from django.urls import reverse

from wulian.models import ReportJob, ReportStatus
from wulian.reports import Progress, register, registry


@pytest.fixture
def slow_report():
    @register("test_slow", "slow", "xlsx")
    def build(job, handle, progress):
        progress.stage("第一步", 0, 50)
        for i in range(1, 11):
            time.sleep(0.15)
            progress(i, 10)
        progress.stage("第二步", 50, 99)
        for i in range(1, 11):
            time.sleep(0.15)
            progress(i, 10)
        handle.write(b"PK done")
        return "slow.xlsx"

    yield
    registry.pop("test_slow")


def test_progress_writes_only_when_a_whole_percent_more_is_done(cast, django_assert_max_num_queries):
    job = ReportJob.objects.create(user=cast.user_bureau, report="region_population")
    progress = Progress(job)
    with django_assert_max_num_queries(101):
        for i in range(1, 10_001):
            progress(i, 10_000)
    job.refresh_from_db()
    assert job.progress == 99  # 100 only when the file is in place


def test_the_progress_endpoint_is_personal(as_user, cast):
    job = ReportJob.objects.create(user=cast.user_hengqu, report="region_population", progress=40, progress_note="写入")
    data = as_user("hengqu").get(reverse("wulian:report_job_progress", args=[job.pk])).json()
    assert data["progress"] == 40 and data["active"] is True and data["note"] == "写入"
    assert data["status"] == "pending" and data["status_label"] == "排队中"
    assert as_user("shoushan").get(reverse("wulian:report_job_progress", args=[job.pk])).status_code == 404


@pytest.mark.celery
@pytest.mark.xdist_group("celery")
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_shows_intermediate_progress_then_the_download(client, settings, slow_report):
    from tests.conftest import get_cast, load_cast
    from tests.report_worker import report_worker

    load_cast()
    cast = get_cast()
    seen = []
    with report_worker(settings):
        client.force_login(cast.user_bureau)
        response = client.post(reverse("wulian:report_request", args=["test_slow"]))
        assert response.status_code == 302
        job = ReportJob.objects.get(user=cast.user_bureau, report="test_slow")
        url = reverse("wulian:report_job_progress", args=[job.pk])
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            data = client.get(url).json()
            seen.append((data["status"], data["progress"], data["note"]))
            if not data["active"]:
                break
            time.sleep(0.1)
    running = [p for status, p, _note in seen if status == ReportStatus.RUNNING]
    assert any(0 < p < 100 for p in running), seen
    assert len(set(running)) >= 3, seen  # it moves, not a jump from 0 to 100
    assert running == sorted(running), seen  # and never backwards
    assert {"第一步", "第二步"} <= {note for _s, _p, note in seen}, seen
    assert seen[-1][:2] == (ReportStatus.DONE, 100), seen
    data = client.get(url).json()
    assert data["download_url"] == reverse("wulian:report_download", args=[job.pk])
    assert client.get(data["download_url"]).status_code == 200
