"""The API contract (issue 17, item 11): JSON on every path under /api/, 404 included; the schema describes what
the API really answers — an empty grade, the progress list, local times; a boolean filter takes yes or no only.
Each answer is checked against /api/schema/ by schemathesis itself (``call_and_validate``)."""

from __future__ import annotations

import datetime as dt

import pytest

from projects.choices import ProjectStatus
from projects.testing import advance, make_project, people_of
from tests.test_api_schemathesis import CHECKS, api_schema, bureau_headers  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
S = ProjectStatus


def call(schema, template, method="GET", **parameters):
    operation = schema[template][method]
    case = operation.Case(path_parameters=parameters.pop("path", None) or {}, query=parameters.pop("query", None))
    return case.call_and_validate(headers=bureau_headers(), checks=CHECKS)


@pytest.mark.parametrize("path", ["/api/nonexistent/", "/api/projects/abc/", "/api/projects/99999999/",
                                  "/api/projects/1/actions/NOPE/", "/api/nothing/at/all"])
def test_every_path_under_api_answers_json(client, cast, path):
    client.force_login(cast.user_bureau)
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_a_project_without_a_grade_matches_the_schema(api_schema, cast):  # noqa: F811
    project = make_project(cast.mei)
    response = call(api_schema, "/api/projects/{id}/", path={"id": project.pk})
    assert response.json()["grade"] == ""


def test_the_progress_endpoint_matches_the_schema(api_schema, cast):  # noqa: F811
    project = advance(make_project(cast.shoushan), S.IN_SERVICE, people_of(cast))
    response = call(api_schema, "/api/projects/{id}/progress/", path={"id": project.pk})
    assert isinstance(response.json(), list) and response.json()


def test_local_times_match_the_schema(api_schema, cast):  # noqa: F811
    from volunteers.models import VolunteerActivity

    activity = VolunteerActivity.objects.create(title="重阳敬老", region=cast.binhe, date=dt.date.today(), place="社区广场",
                                                start_time=dt.time(9, 0), end_time=dt.time(11, 30))
    response = call(api_schema, "/api/volunteer-activities/{id}/", path={"id": activity.pk})
    assert response.json()["start_time"] == "09:00:00"


def test_a_boolean_filter_takes_yes_or_no_only(client, cast):
    client.force_login(cast.user_bureau)
    response = client.get("/api/social-organizations/", {"is_federation": "8076213"})
    assert response.status_code == 400
    assert "请选择“是”" in response.json()["is_federation"][0]
    assert client.get("/api/social-organizations/", {"is_federation": "true"}).status_code == 200
    assert client.get("/api/social-organizations/", {"is_federation": ""}).status_code == 200


def test_an_open_call_read_by_an_agency_that_is_no_party_matches_the_schema(api_schema, cast):  # noqa: F811
    """Fields only the parties read come as null, and the schema says they may (issue 17, items 1 and 11)."""
    from wulian.models import User
    from wulian.security import tokens

    project = advance(make_project(cast.shoushan), S.PUBLISHED, people_of(cast))
    _, key = tokens.issue(User.objects.get(username="agency"), "contract", "read", days=1)
    case = api_schema["/api/projects/{id}/"]["GET"].Case(path_parameters={"id": project.pk})
    response = case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)
    data = response.json()
    assert data["title"] == project.title and data["budget"] is None and data["proposed_by"] is None
