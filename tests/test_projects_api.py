"""The projects API: who sees what on every endpoint, transitions through the action route, and writes.

Two projects in service: A at 首善街道 (contracted to the cast's agency, assessed by the cast's evaluator, with
a losing bid of a second agency), B at 横渠镇 (contracted to the second agency, no evaluator). The tables
below say — by hand — which cast member sees which rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from projects.choices import ProjectStatus
from projects.models import Bid, Project, Rectification
from projects.testing import (
    People,
    advance,
    agency_user,
    evaluate,
    make_bid,
    make_project,
    people_of,
    second_agency,
)

pytestmark = pytest.mark.django_db
S = ProjectStatus
JSON = "application/json"
USERS = ("bureau", "shoushan", "hengqu", "binhe", "leader", "agency", "agency2", "evaluator")


@pytest.fixture
def world(cast, client):
    other = second_agency(cast.mei)
    other_staff = agency_user(other, "agency2")
    people = people_of(cast)
    a = advance(make_project(cast.shoushan, proposer=cast.user_shoushan), S.PUBLISHED, people)
    a_mine = make_bid(a, cast.agency, cast.user_agency)
    a_theirs = make_bid(a, other, other_staff, certified=3)
    a = advance(a, S.IN_SERVICE, people)
    Project.objects.filter(pk=a.pk).update(evaluator=cast.user_evaluator)
    people_b = People(bureau=cast.user_bureau, town=cast.user_hengqu, agency=other_staff, evaluator=cast.user_evaluator)
    b = advance(make_project(cast.hengqu, proposer=cast.user_hengqu), S.IN_SERVICE, people_b)
    rows = {}
    for key, project in (("A", a), ("B", b)):
        evaluation = evaluate(project, cast.user_bureau)
        party = evaluation.parties.get()
        rows[key] = {
            "projects": project,
            "project-surveys": project.surveys.get(),
            "project-needs": project.needs.get(),
            "project-reviews": project.reviews.get(),
            "project-notices": project.notice,
            "project-criteria": project.notice.criteria.first(),
            "project-agreements": project.agreement,
            "project-targets": project.targets.first(),
            "project-milestones": project.milestones.first(),
            "project-evaluations": evaluation,
            "project-evaluation-parties": party,
            "project-item-scores": party.scores.first(),
            "project-rectifications": Rectification.objects.create(
                evaluation=evaluation, description="台账不全", deadline=timezone.localdate() + dt.timedelta(days=7)),
        }
    bids = {"A1": a_mine, "A2": a_theirs, "B2": Bid.objects.get(project=b)}
    users = {**cast.users, "agency2": other_staff}
    return SimpleNamespace(a=a, b=b, rows=rows, bids=bids, users=users, client=client)


# Issue 17: an agency reads another agency's contracted project on the public page only, never here.
OWN = {"bureau": "AB", "shoushan": "A", "hengqu": "B", "binhe": "", "leader": "AB", "agency": "A", "agency2": "B",
       "evaluator": "A"}
REGION_ONLY = {"bureau": "AB", "shoushan": "A", "hengqu": "B", "binhe": "", "leader": "AB"}  # others: 403
VISIBLE = {
    "projects": OWN,
    "project-notices": OWN,
    "project-criteria": OWN,
    "project-surveys": OWN,
    "project-needs": OWN,
    "project-agreements": OWN,
    "project-targets": OWN,
    "project-milestones": OWN,
    "project-evaluations": OWN,
    "project-evaluation-parties": OWN,
    "project-item-scores": OWN,
    "project-rectifications": OWN,
    "project-reviews": REGION_ONLY,
}
# After the deadline: the bureau and the towns see the bids of their area; an agency only its own, always.
BIDS = {"bureau": "A1 A2 B2", "shoushan": "A1 A2", "hengqu": "B2", "binhe": "", "leader": "A1 A2 B2",
        "agency": "A1", "agency2": "A2 B2"}  # evaluator: 403


def listed(client, url):
    response = client.get(url)
    if response.status_code == 403:
        return None
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("endpoint", VISIBLE)
def test_each_endpoint_shows_each_role_exactly_its_rows(world, endpoint):
    table = VISIBLE[endpoint]
    for username in USERS:
        world.client.force_login(world.users[username])
        ids = listed(world.client, f"/api/{endpoint}/")
        if username not in table:
            assert ids is None, f"{endpoint} / {username}: should be 403"
            continue
        assert ids is not None, f"{endpoint} / {username}: 403"
        for key in "AB":
            obj = world.rows[key][endpoint]
            expected = key in table[username]
            assert (obj.pk in ids) == expected, f"{endpoint} / {username} / {key}"
            status = world.client.get(f"/api/{endpoint}/{obj.pk}/").status_code
            assert status == (200 if expected else 404), f"{endpoint} / {username} / {key}: {status}"


def test_bids_are_seen_by_their_agency_and_after_the_deadline_by_the_area(world):
    for username in USERS:
        world.client.force_login(world.users[username])
        ids = listed(world.client, "/api/project-bids/")
        if username == "evaluator":
            assert ids == set()  # an expert's account lists the bids of its panels only (issue 23 C): none here
            continue
        expected = {world.bids[key].pk for key in BIDS[username].split()}
        assert ids == expected, username


def test_before_the_deadline_nobody_but_the_bidder_sees_a_bid(cast, world):
    project = advance(make_project(cast.shoushan), S.PUBLISHED, people_of(cast))
    bid = make_bid(project, second_agency(cast.mei), world.users["agency2"], certified=3)
    for username in USERS:
        world.client.force_login(world.users[username])
        ids = listed(world.client, "/api/project-bids/") or set()
        assert (bid.pk in ids) == (username == "agency2"), username
        status = world.client.get(f"/api/project-bids/{bid.pk}/").status_code
        assert status in ((200,) if username == "agency2" else (403, 404)), username


def test_an_agency_sees_a_notice_only_once_published(cast, world):
    approved = advance(make_project(cast.shoushan), S.APPROVED, people_of(cast))
    from projects.testing import make_notice

    notice = make_notice(approved)
    world.client.force_login(cast.user_agency)
    assert notice.pk not in listed(world.client, "/api/project-notices/")
    assert approved.pk not in listed(world.client, "/api/projects/")
    world.client.force_login(cast.user_bureau)
    response = world.client.post(f"/api/projects/{approved.pk}/actions/publish/", {}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == S.PUBLISHED
    world.client.force_login(cast.user_agency)
    assert notice.pk in listed(world.client, "/api/project-notices/")
    assert approved.pk in listed(world.client, "/api/projects/")


def test_transitions_go_through_the_action_route(cast, world):
    project = make_project(cast.shoushan)
    url = f"/api/projects/{project.pk}/actions/"
    world.client.force_login(cast.user_hengqu)
    assert world.client.post(url + "submit/", {}, content_type=JSON).status_code == 404
    world.client.force_login(cast.user_binhe)
    assert world.client.post(url + "submit/", {}, content_type=JSON).status_code == 403
    world.client.force_login(cast.user_shoushan)
    assert world.client.post(url + "submit/", {}, content_type=JSON).status_code == 200
    response = world.client.post(url + "submit/", {}, content_type=JSON)
    assert response.status_code == 409
    assert "待审核" in response.json()["detail"]
    world.client.force_login(cast.user_bureau)
    response = world.client.post(url + "return/", {}, content_type=JSON)
    assert response.status_code == 409 and "理由" in response.json()["detail"]
    response = world.client.post(url + "return/", {"reason": "预算测算依据不足"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == S.RETURNED


def test_states_and_awards_are_not_written_as_fields(cast, world):
    project = make_project(cast.shoushan)
    world.client.force_login(cast.user_bureau)
    response = world.client.patch(f"/api/projects/{project.pk}/",
                                  {"status": "accepted", "grade": "excellent", "agency": cast.agency.pk, "title": "新名称"},
                                  content_type=JSON)
    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert (project.status, project.grade, project.agency, project.title) == (S.DRAFT, "", None, "新名称")


def test_an_agency_bids_through_the_api_for_itself(cast, world):
    project = advance(make_project(cast.shoushan), S.PUBLISHED, people_of(cast))
    world.client.force_login(cast.user_agency)
    payload = {"project": project.pk, "proposal": "四点半课堂", "price": "150000.01", "agency": world.users["agency2"].agency_id}
    response = world.client.post("/api/project-bids/", payload, content_type=JSON)
    assert response.status_code == 409 and "超过预算上限" in response.json()["detail"]
    payload["price"] = "149000.00"
    response = world.client.post("/api/project-bids/", payload, content_type=JSON)
    assert response.status_code == 201, response.content
    bid = Bid.objects.get(pk=response.json()["id"])
    assert (bid.agency, bid.submitted_by, bid.price) == (cast.agency, cast.user_agency, Decimal("149000.00"))
    # a town cannot bid, and an agency cannot bid for a project still in review
    world.client.force_login(cast.user_shoushan)
    assert world.client.post("/api/project-bids/", payload, content_type=JSON).status_code == 403


def test_the_progress_endpoint(cast, world):
    world.client.force_login(cast.user_agency)
    response = world.client.get(f"/api/projects/{world.a.pk}/progress/")
    assert response.status_code == 200
    assert [row["indicator"] for row in response.json()] == ["开展成长小组", "服务人次"]
    response = world.client.get(f"/api/projects/{world.b.pk}/progress/")  # another agency's project (issue 17)
    assert response.status_code == 404
    world.client.force_login(cast.user_hengqu)
    assert world.client.get(f"/api/projects/{world.a.pk}/progress/").status_code == 404


def test_the_project_list_costs_the_same_at_any_length(cast, world, django_assert_max_num_queries):
    world.client.force_login(cast.user_bureau)
    for _ in range(5):
        make_project(cast.hengqu)
    with django_assert_max_num_queries(8):
        assert world.client.get("/api/projects/").status_code == 200
