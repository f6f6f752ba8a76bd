"""The scoring panels in the API (issue 23, open item 3): ``/api/project-panels/``, ``/api/project-panel-members/``
and ``/api/project-member-scores/``, read-only, under the panel's scope rules: the bureau sees its county's, a town
its own projects', a member's account the panel it sits on, an agency (not a party) and another county nothing.

Two published projects whose bids are scored: A at 首善街道 (expert1 sits on its panel), B at 横渠镇.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from drf_spectacular.generators import SchemaGenerator

from projects.choices import ProjectStatus
from projects.models import MemberScore, Panel, PanelMember
from projects.testing import People, advance, close_bidding, expert, make_bid, make_project, score_bids
from wulian.choices import RegionLevel, Role
from wulian.models import Region, User

pytestmark = pytest.mark.django_db
S = ProjectStatus
ENDPOINTS = ("project-panels", "project-panel-members", "project-member-scores")


@pytest.fixture
def world(cast, client):
    panels = {}
    for key, region, town in (("A", cast.shoushan, cast.user_shoushan), ("B", cast.hengqu, cast.user_hengqu)):
        people = People(bureau=cast.user_bureau, town=town, agency=cast.user_agency, evaluator=cast.user_evaluator)
        project = advance(make_project(region, proposer=town), S.PUBLISHED, people)
        make_bid(project, cast.agency, cast.user_agency)
        close_bidding(project)
        score_bids(project, cast.user_bureau)
        panels[key] = Panel.objects.get(notice__project=project)
    member = PanelMember.objects.create(panel=panels["A"], user=expert("expert1"))
    fufeng = Region.objects.add_child(Region.objects.get(name="宝鸡市"), {"name": "扶风县", "level": RegionLevel.COUNTY})
    users = {**cast.users, "expert1": member.user, "expert9": expert("expert9"),
             "fufeng": User.objects.create(username="fufeng_bureau", role=Role.BUREAU_ADMIN, region=fufeng)}
    rows = {key: {"project-panels": {panel.pk},
                  "project-panel-members": set(panel.members.values_list("pk", flat=True)),
                  "project-member-scores": set(MemberScore.objects.filter(member__panel=panel).values_list("pk", flat=True))}
            for key, panel in panels.items()}
    return SimpleNamespace(rows=rows, users=users, client=client, member=member)


# Who sees which project's rows (None: the role has no access at all, 403).
SEES = {"bureau": "AB", "leader": "AB", "shoushan": "A", "hengqu": "B", "binhe": "", "fufeng": "", "agency": None,
        "evaluator": "", "expert9": ""}


def ids(client, url):
    response = client.get(url)
    if response.status_code == 403:
        return None
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] <= 100
    return {row["id"] for row in body["results"]}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_each_role_sees_exactly_the_panels_of_its_scope(world, endpoint):
    for username, seen in SEES.items():
        world.client.force_login(world.users[username])
        got = ids(world.client, f"/api/{endpoint}/?page_size=100")
        if seen is None:
            assert got is None, f"{endpoint} / {username}: should be 403"
            continue
        expected = set().union(*(world.rows[key][endpoint] for key in seen)) if seen else set()
        assert got == expected, f"{endpoint} / {username}"
        for key in "AB":
            some = min(world.rows[key][endpoint])
            status = world.client.get(f"/api/{endpoint}/{some}/").status_code
            assert status == (200 if key in seen else 404), f"{endpoint} / {username} / {key}"


def test_a_member_sees_the_panel_it_sits_on_and_only_its_own_scores(world):
    world.client.force_login(world.member.user)
    assert ids(world.client, "/api/project-panels/") == world.rows["A"]["project-panels"]
    assert ids(world.client, "/api/project-panel-members/") == world.rows["A"]["project-panel-members"]
    assert ids(world.client, "/api/project-member-scores/") == set()  # expert1 has not scored yet


def test_the_panel_routes_are_read_only(world):
    world.client.force_login(world.users["bureau"])
    panel = min(world.rows["A"]["project-panels"])
    assert world.client.post("/api/project-panels/", {}, content_type="application/json").status_code == 405
    assert world.client.patch(f"/api/project-panels/{panel}/", {"formed_on": "2020-01-01"},
                              content_type="application/json").status_code == 405
    member = world.member.pk
    assert world.client.delete(f"/api/project-panel-members/{member}/").status_code == 405
    assert PanelMember.objects.filter(pk=member).exists()


def test_the_schema_describes_the_panel_routes():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for endpoint in ENDPOINTS:
        assert f"/api/{endpoint}/" in schema["paths"]
        assert set(schema["paths"][f"/api/{endpoint}/"]) == {"get"}
    member = schema["components"]["schemas"]["PanelMember"]["properties"]
    assert {"panel", "user", "name", "kind", "is_chair"} <= set(member)
