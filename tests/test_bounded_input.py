"""Bounded input and bounded reports (issue 17, item 7): a text is refused past the length its meaning allows, on
the API, on a page and on every other path (the write path); a report that runs out of time fails with a Chinese
message and no file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from projects.choices import ProjectStatus
from projects.models import Rectification
from projects.testing import advance, evaluate, make_project, people_of
from wulian import writes
from wulian.models import ReportJob, ReportStatus
from wulian.reports import register, registry, run_job

pytestmark = pytest.mark.django_db
S = ProjectStatus
MEGABYTE = "整改" * 500_000


@pytest.fixture
def evaluation(cast):
    project = advance(make_project(cast.shoushan), S.IN_SERVICE, people_of(cast))
    return evaluate(project, cast.user_bureau)


def test_a_one_megabyte_rectification_is_refused_by_the_api(client, cast, evaluation):
    client.force_login(cast.user_bureau)
    response = client.post("/api/project-rectifications/", {
        "evaluation": evaluation.pk, "description": MEGABYTE,
        "deadline": (timezone.localdate() + dt.timedelta(days=7)).isoformat()}, content_type="application/json")
    assert response.status_code == 400
    assert "1000" in str(response.json()["description"])
    assert not Rectification.objects.exists()


def test_the_write_path_refuses_an_oversized_text_on_any_path(cast, evaluation):
    """An import or an action writes through ``writes.write`` too: the bound holds there, in Chinese."""
    with pytest.raises(writes.Refused) as refused:
        writes.write(cast.user_bureau, "add", lambda: Rectification.objects.create(
            evaluation=evaluation, description=MEGABYTE, deadline=timezone.localdate()))
    assert "过长" in refused.value.message and "1000" in refused.value.message
    assert not Rectification.objects.exists()
    # A field with no declared length still has the portal's ceiling.
    from wulian.models import Notification

    with pytest.raises(writes.Refused):
        writes.write(cast.user_bureau, "add", lambda: Notification.objects.create(
            recipient=cast.user_bureau, title="t", body="长" * 30_000))


def test_a_report_past_its_time_limit_fails_in_chinese_without_a_file(cast):
    from celery.exceptions import SoftTimeLimitExceeded

    @register("test_runaway", "runaway", "pdf", listed=False, time_limit=120)
    def runaway(job, handle, progress):
        handle.write(b"%PDF-")
        raise SoftTimeLimitExceeded()  # what Celery raises in the task when the soft limit is reached

    try:
        job = ReportJob.objects.create(user=cast.user_bureau, report="test_runaway", params={})
        with pytest.raises(SoftTimeLimitExceeded):
            run_job(job)
        job.refresh_from_db()
        assert job.status == ReportStatus.FAILED and not job.file
        assert job.error.startswith("报表生成超过时限（2 分钟），已停止")
    finally:
        registry.pop("test_runaway", None)


def test_the_evaluation_report_has_its_own_time_limit(settings):
    from wulian.reports import time_limit_of

    assert time_limit_of(registry["project_evaluation"]) == 300
    assert time_limit_of(registry["region_population"]) == settings.WULIAN_REPORT_TIME_LIMIT
