"""Each role lands on its own home page, with its menus and the figures of its area."""

import pytest
from django.urls import reverse

TITLES = {
    "bureau": "民政局工作台",
    "shoushan": "镇（街）社会工作服务站",
    "hengqu": "镇（街）社会工作服务站",
    "binhe": "社区（村）社工室",
    "agency": "社会工作服务机构",
    "evaluator": "第三方评估",
    "leader": "总览",
}


@pytest.mark.parametrize("username", list(TITLES))
def test_each_role_has_its_home_page(as_user, username, django_assert_max_num_queries):
    client = as_user(username)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert f'<h1 class="h4 mb-1" id="home-title">{TITLES[username]}</h1>' in response.content.decode()


def test_the_home_page_shows_the_area_of_a_town_worker(as_user):
    body = as_user("shoushan").get(reverse("home")).content.decode()
    assert "管辖范围：首善街道" in body
    assert 'id="area-summary"' in body


def test_menus_follow_the_role(as_user):
    leader = as_user("leader").get(reverse("home")).content.decode()
    assert reverse("wulian:region_list") in leader
    evaluator = as_user("evaluator").get(reverse("home")).content.decode()
    assert reverse("wulian:region_list") not in evaluator


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
