"""Child rows through the API (issue 17, item 5): which parent a row belongs to and what a step froze hold on every
path — a rectification item does not move to another project, nothing is added to an accepted project, a
mid-term supervision does not become the acceptance, the award is not rewritten, dates are plausible and a
target group is named once. Each refusal is in Chinese and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from projects.choices import EvaluationKind, ProjectStatus
from projects.models import Evaluation, Notice, Project, Rectification
from projects.testing import People, advance, agency_user, evaluate, make_project, people_of, second_agency

pytestmark = pytest.mark.django_db
S = ProjectStatus
JSON = "application/json"


def item(evaluation, text="台账不全"):
    return Rectification.objects.create(evaluation=evaluation, description=text,
                                        deadline=timezone.localdate() + dt.timedelta(days=7))


@pytest.fixture
def two(cast):
    """Two projects in service of the bureau's county, each with a mid-term supervision and an open item."""
    people = people_of(cast)
    a = advance(make_project(cast.shoushan), S.IN_SERVICE, people)
    other = agency_user(second_agency(cast.mei), "agency2")
    b = advance(make_project(cast.hengqu), S.IN_SERVICE,
                People(bureau=cast.user_bureau, town=cast.user_hengqu, agency=other, evaluator=cast.user_evaluator))
    ea, eb = evaluate(a, cast.user_bureau), evaluate(b, cast.user_bureau)
    return a, b, ea, eb, item(ea)


def test_a_rectification_item_does_not_move_to_another_project(client, cast, two):
    a, b, ea, eb, open_item = two
    client.force_login(cast.user_bureau)
    response = client.patch(f"/api/project-rectifications/{open_item.pk}/", {"evaluation": eb.pk}, content_type=JSON)
    assert response.status_code == 409
    assert "不能更改" in response.json()["detail"] and response.json()["field"] == "evaluation"
    assert Rectification.objects.get(pk=open_item.pk).evaluation_id == ea.pk
    # Its text still changes while it is open.
    response = client.patch(f"/api/project-rectifications/{open_item.pk}/", {"description": "补齐个案记录"},
                            content_type=JSON)
    assert response.status_code == 200 and Rectification.objects.get(pk=open_item.pk).description == "补齐个案记录"


def test_a_mid_term_supervision_does_not_become_the_acceptance(client, cast, two):
    a, b, ea, eb, open_item = two
    client.force_login(cast.user_bureau)
    response = client.patch(f"/api/project-evaluations/{ea.pk}/", {"kind": EvaluationKind.ACCEPTANCE}, content_type=JSON)
    assert response.status_code in (400, 409)
    assert Evaluation.objects.get(pk=ea.pk).kind == EvaluationKind.MIDTERM
    response = client.patch(f"/api/project-evaluations/{ea.pk}/", {"project": b.pk}, content_type=JSON)
    assert response.status_code in (400, 409) and Evaluation.objects.get(pk=ea.pk).project_id == a.pk


def test_nothing_is_added_to_an_accepted_project(client, cast):
    project = advance(make_project(cast.shoushan), S.ACCEPTED, people_of(cast))
    evaluation = project.evaluations.first()
    client.force_login(cast.user_bureau)
    before = Rectification.objects.count()
    response = client.post("/api/project-rectifications/", {
        "evaluation": evaluation.pk, "description": "验收后新增的整改事项",
        "deadline": (timezone.localdate() + dt.timedelta(days=5)).isoformat()}, content_type=JSON)
    assert response.status_code in (400, 409)
    assert "整改事项只能在服务期或评估期间记录" in str(response.json())
    assert Rectification.objects.count() == before


def test_the_award_is_not_rewritten_after_the_award(client, cast, two):
    a, *_ = two
    reason, bid = a.award_reason, a.awarded_bid_id
    client.force_login(cast.user_bureau)
    client.patch(f"/api/projects/{a.pk}/", {"award_reason": "事后改写的理由"}, content_type=JSON)
    assert Project.objects.get(pk=a.pk).award_reason == reason
    other = a.bids.exclude(pk=bid).first()
    if other is not None:
        response = client.patch(f"/api/projects/{a.pk}/", {"awarded_bid": other.pk}, content_type=JSON)
        assert response.status_code in (400, 409)
        assert Project.objects.get(pk=a.pk).awarded_bid_id == bid


def test_a_bid_deadline_in_year_1_is_refused(client, cast):
    project = advance(make_project(cast.shoushan), S.APPROVED, people_of(cast))
    from projects.testing import make_notice

    notice = make_notice(project)
    client.force_login(cast.user_bureau)
    response = client.patch(f"/api/project-notices/{notice.pk}/", {"bid_deadline": "0001-01-01T09:00:00+08:00"},
                            content_type=JSON)
    assert response.status_code == 400
    assert "请输入" in str(response.json()["bid_deadline"]) or "1949" in str(response.json()["bid_deadline"])
    assert Notice.objects.get(pk=notice.pk).bid_deadline.year > 2000


def test_a_target_group_is_named_once(client, cast):
    project = make_project(cast.shoushan)
    client.force_login(cast.user_bureau)
    response = client.patch(f"/api/projects/{project.pk}/", {"target_groups": ["children_in_difficulty"] * 10000},
                            content_type=JSON)
    assert response.status_code == 400
    assert "每个服务对象只能选择一次" in str(response.json())
    assert Project.objects.get(pk=project.pk).target_groups == ["children_in_difficulty"]


def test_a_second_evaluation_of_the_same_day_is_a_repeat_or_a_conflict(client, cast, two):
    """The same body again answers the first row; a different one for the same project, kind and day is refused."""
    a, b, ea, eb, open_item = two
    client.force_login(cast.user_bureau)
    body = {"project": a.pk, "kind": EvaluationKind.MIDTERM, "sheet": ea.sheet_id, "date": ea.date.isoformat(),
            "findings": ea.findings}
    again = client.post("/api/project-evaluations/", body, content_type=JSON)
    assert again.status_code == 200 and again.json()["id"] == ea.pk
    other = client.post("/api/project-evaluations/", {**body, "findings": "另一份记录"}, content_type=JSON)
    assert other.status_code == 409 and "日期相同的评估，未保存" in other.json()["detail"]
    assert Evaluation.objects.filter(project=a).count() == 1
