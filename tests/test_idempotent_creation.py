"""Creation a person means once is idempotent (issue 17, item 6), on PostgreSQL with 20 real threads: twenty
identical evaluation POSTs leave one row and every repeat gets the first's answer; twenty identical report
requests queue one job; a user's queued reports are bounded (item 7)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from projects.choices import EvaluationKind, ProjectStatus
from projects.models import Evaluation, IndicatorSheet
from projects.testing import advance, make_project, make_sheet, people_of
from tests.test_concurrency import client_of, in_threads
from wulian.models import ReportJob, ReportStatus

pytestmark = [pytest.mark.xdist_group("concurrency"), pytest.mark.django_db(transaction=True)]
S = ProjectStatus
CROWD = 20


def test_twenty_identical_evaluation_posts_leave_one_row_and_the_same_answer(crowd_cast):
    cast = crowd_cast
    project = advance(make_project(cast.shoushan), S.IN_SERVICE, people_of(cast))
    sheet = IndicatorSheet.objects.filter(region=cast.mei, is_active=True).first() or make_sheet(cast.mei)
    body = {"project": project.pk, "kind": EvaluationKind.MIDTERM, "sheet": sheet.pk, "findings": "台账较完整。"}
    responses = in_threads(CROWD, client_of(cast.user_evaluator if project.evaluator_id else cast.user_bureau),
                           lambda client: client.post("/api/project-evaluations/", body, content_type="application/json"))
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * (CROWD - 1) + [201], codes
    assert Evaluation.objects.filter(project=project).count() == 1
    ids = {r.json()["id"] for r in responses}
    assert ids == {Evaluation.objects.get(project=project).pk}


@pytest.fixture
def queue_without_worker():
    """Reports go to this helper's Redis with no worker listening: they stay waiting."""
    from wulian.celery import app

    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True
    app.control.purge()


def test_twenty_identical_report_requests_queue_one_job(crowd_cast, queue_without_worker):
    cast = crowd_cast
    url = reverse("wulian:report_request", args=["region_population"])
    responses = in_threads(CROWD, client_of(cast.user_bureau), lambda client: client.post(url))
    assert all(r.status_code == 302 for r in responses), [r.status_code for r in responses]
    assert ReportJob.objects.filter(user=cast.user_bureau).count() == 1
    assert ReportJob.objects.get(user=cast.user_bureau).status == ReportStatus.PENDING


def test_one_user_cannot_queue_more_than_the_limit(crowd_cast, queue_without_worker, settings):
    cast = crowd_cast
    settings.WULIAN_REPORT_USER_LIMIT = 2
    client = Client()
    client.force_login(cast.user_bureau)
    for code in ("region_population", "organization_summary"):
        client.post(reverse("wulian:report_request", args=[code]))
    before = ReportJob.objects.count()
    assert before == 2
    response = client.post(reverse("wulian:report_request", args=["station_compliance"]), follow=True)
    assert "份报表正在排队或生成" in response.content.decode(), [str(m) for m in response.context["messages"]]
    assert ReportJob.objects.count() == before
