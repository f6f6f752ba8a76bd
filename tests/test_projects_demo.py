"""The 眉县 demo of projects: every step, the pilot ones, the accepted one with its PDF, the failed one, an
overdue rectification, a single source, the agencies' and the evaluator's logins."""

from __future__ import annotations

import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from projects.choices import ProcurementMethod, ProjectStatus
from projects.models import AgencyMark, Project, Rectification
from projects.ocds import errors
from wulian.models import Region, ReportJob, ReportStatus, StateChange, User
from wulian.workflow import timeline

pytestmark = pytest.mark.django_db
S = ProjectStatus


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


def test_every_step_has_a_project_the_accepted_one_its_report_the_failed_one_its_mark(demo):
    statuses = set(Project.objects.values_list("status", flat=True))
    assert statuses == set(S.values)
    shoushan = Region.objects.get(name="首善街道")
    assert Project.objects.filter(region__path__startswith=shoushan.path, phase="pilot").count() >= 4

    project = Project.objects.get(status=S.ACCEPTED)
    assert project.grade == "excellent" and project.final_score >= 90
    job = ReportJob.objects.get(report="project_evaluation", params__project=project.pk)
    assert job.status == ReportStatus.DONE and job.user.username == "bureau"
    text = subprocess.run(["pdftotext", job.file.path, "-"], capture_output=True, text=True, check=True).stdout
    assert project.title in text and "优秀" in text and "绩效目标完成情况" in text

    project = Project.objects.get(grade="fail")
    assert project.status == S.IN_SERVICE
    assert AgencyMark.objects.filter(project=project, agency=project.agency).exists()
    actions = [entry["change"].action for entry in timeline(project)]
    assert actions[0] == "fail" and "request_acceptance" in actions

    late = Rectification.objects.overdue()
    assert late.count() == 1 and late.get().evaluation.project.status == S.IN_SERVICE
    single = Project.objects.get(notice__method=ProcurementMethod.SINGLE_SOURCE)
    assert single.notice.single_source_justification and single.awarded_bid is None and single.agency is not None

    project = Project.objects.get(status=S.ACCEPTED)
    changes = list(StateChange.objects.filter(object_id=project.pk, content_type__model="project").order_by("at"))
    assert [c.action for c in changes] == [
        "submit", "approve", "publish", "award", "agency_sign", "sign", "start", "request_acceptance", "accept"
    ]
    assert changes[0].at < changes[-1].at


def test_the_demo_logins_see_their_work(demo, client):
    chunhui = User.objects.get(username="chunhui")
    assert chunhui.role == "agency_staff" and chunhui.agency.name == "眉县春晖社会工作服务中心"
    evaluator = User.objects.get(username="evaluator")
    assigned = Project.objects.restrict(evaluator)
    assert assigned.count() >= 3 and all(p.evaluator_id == evaluator.pk for p in assigned)
    agency = User.objects.get(username="agency")
    assert Project.objects.restrict(agency).filter(agency=agency.agency).count() >= 4

    html = client.get(reverse("public_projects:list")).content.decode()
    assert "滨河社区“银龄守护”特殊老人关爱服务项目" in html and "城北村" not in html
    package = client.get(reverse("public_projects:ocds")).json()
    assert errors(package) == []
    assert len(package["releases"]) == Project.objects.filter(notice__published_at__isnull=False).exclude(status=S.CANCELLED).count()
