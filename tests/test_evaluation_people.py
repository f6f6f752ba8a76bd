"""People who act on an evaluation (issue 23 E): each scoring party names its own scorer, in the form and in the
PDF (before, the evaluator was named for all three); 100.00 does not wrap in the PDF's total row; the report is
built from the project page (a GET answered 405); the evaluation pages show how far each target is.
"""

from __future__ import annotations

import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects import testing as t
from projects.choices import Party, ProjectStatus
from projects.models import EvaluationParty, PerformanceTarget, Project
from projects.reports import report_context
from wulian.pdf import render_pdf

S = ProjectStatus
pytestmark = pytest.mark.django_db


def serving(cast):
    project = t.advance(t.make_project(cast.binhe, proposer=cast.user_shoushan), S.IN_SERVICE, t.people_of(cast))
    Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    return project


def sheet_post(sheet, parties):
    data = {"kind": "midterm", "date": timezone.localdate().isoformat(), "findings": "总体良好",
            "rectifications-TOTAL_FORMS": "0", "rectifications-INITIAL_FORMS": "0"}
    for code, weight, scorer in parties:
        data[f"weight-{code}"] = weight
        if scorer is not None:
            data[f"scorer-{code}"] = scorer
        data.update({f"score-{code}-{item.pk}": str(item.max_score) for item in sheet.items.all()})
    return data


def test_each_party_names_its_own_scorer(as_user, cast):
    project = serving(cast)
    sheet = t.make_sheet(cast.mei)
    client = as_user("evaluator")
    url = reverse("projects:evaluation_add", args=[project.pk])
    page = client.get(url).content.decode()
    assert 'name="scorer-third_party"' in page and f'value="{cast.user_evaluator.display_name}"' in page
    refused = client.post(url, sheet_post(sheet, [("third_party", "70", None), ("buyer", "20", ""),
                                                  ("supervisor", "10", "李娜")])).content.decode()
    assert f"请填写{Party.BUYER.label}的评分人" in refused
    assert not EvaluationParty.objects.exists()
    response = client.post(url, sheet_post(sheet, [("third_party", "70", None), ("buyer", "20", "王建国"),
                                                   ("supervisor", "10", "李娜")]))
    assert response.status_code == 302
    names = dict(EvaluationParty.objects.values_list("party", "scorer_name"))
    assert names == {"third_party": cast.user_evaluator.display_name, "buyer": "王建国", "supervisor": "李娜"}
    evaluation = project.evaluations.get()
    # The PDF names each party's scorer, and the full marks of the total row stay on one line.
    pdf = render_pdf("projects/pdf/evaluation_report.html", report_context(Project.objects.get(pk=project.pk), evaluation))
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert f"评分人（签字）：{cast.user_evaluator.display_name}" in text
    assert "评分人（签字）：王建国" in text and "评分人（签字）：李娜" in text
    total_row = next(line for line in text.splitlines() if line.strip().startswith("合计"))
    assert total_row.split()[1:] == ["100", "100.00", "100.00", "100.00", "100.00"], total_row


def test_the_report_is_built_from_the_project_page(as_user, cast):
    project = serving(cast)
    t.evaluate(project, cast.user_bureau)
    client = as_user("bureau")
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'id="evaluation-report-button"' in page
    url = reverse("project_reports:evaluation", args=[project.pk])
    response = client.get(url)
    assert response.status_code == 200 and 'id="build-report"' in response.content.decode()
    assert client.post(url).status_code == 302


def test_the_evaluation_pages_show_how_far_each_target_is(as_user, cast):
    project = serving(cast)
    evaluation = t.evaluate(project, cast.user_bureau)
    PerformanceTarget.objects.filter(project=project, indicator="服务人次").update(target_value=Decimal("400"))
    client = as_user("evaluator")
    for url in (evaluation.get_absolute_url(), reverse("projects:evaluation_edit", args=[evaluation.pk])):
        page = client.get(url).content.decode()
        assert 'id="targets"' in page and "开展成长小组" in page and "0 / 400 人次" in page, url
