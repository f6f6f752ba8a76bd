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


def test_the_bureau_home_shows_what_needs_doing(as_user, cast):
    from stations.choices import StationTier
    from stations.models import Station

    Station.objects.create(name="横渠镇社工站", tier=StationTier.TOWN_STATION, region=cast.hengqu)  # no area, no staff
    body = as_user("bureau").get(reverse("home")).content.decode()
    assert "未达标的社工站（室）" in body
    assert "1 / 1" in body
    assert reverse("stations:station_list") + "?compliance=no" in body
    assert "社会组织数量达标的社区" in body


def test_a_community_worker_sees_hours_to_confirm(as_user, cast):
    body = as_user("binhe").get(reverse("home")).content.decode()
    assert "待确认的时长记录（条）" in body
    assert "本月工作台账" in body


def test_hours_to_confirm_count_records_and_sum_hours(as_user, cast):
    """Two records of 2.5 and 1 hours wait: the card says 2 (records) and 3.5 hours in all."""
    from volunteers.choices import HoursStatus
    from volunteers.testing import make_activity, make_hours, make_volunteer

    activity = make_activity(cast.binhe, title="重阳敬老")
    make_hours(activity, make_volunteer(cast.binhe, name="甲"), hours="2.50", status=HoursStatus.PENDING)
    make_hours(activity, make_volunteer(cast.binhe, name="乙"), hours="1.00", status=HoursStatus.PENDING)
    make_hours(activity, make_volunteer(cast.binhe, name="丙"), hours="4.00")
    body = as_user("binhe").get(reverse("home")).content.decode()
    assert '<div class="stat text-body">2</div>' in body
    assert "合计 3.5 小时" in body


def test_a_leader_is_not_asked_to_confirm_hours(as_user, cast):
    body = as_user("leader").get(reverse("home")).content.decode()
    assert "待确认的时长记录" not in body
    assert "在册志愿者" in body


def test_a_community_worker_can_log_an_activity_from_home(as_user):
    body = as_user("binhe").get(reverse("home")).content.decode()
    assert 'id="home-actions"' in body
    assert reverse("stations:activity_add") in body
    assert 'id="area-summary"' not in body  # one community: no towns and villages to count


def test_leaders_get_no_buttons_to_add(as_user):
    body = as_user("leader").get(reverse("home")).content.decode()
    assert reverse("stations:activity_add") not in body
    assert reverse("volunteers:volunteer_add") not in body
    assert reverse("volunteers:rates") in body  # what a leader reads instead


@pytest.mark.parametrize("username", ["bureau", "shoushan", "binhe", "leader", "agency"])
def test_each_working_role_gets_four_to_eight_frequent_tasks(as_user, username):
    import re

    body = as_user(username).get(reverse("home")).content.decode()
    tasks = re.findall(r'class="btn [^"]*home-task"', body)
    assert 2 <= len(tasks) <= 8 if username == "agency" else 4 <= len(tasks) <= 8, (username, len(tasks))


def test_funding_is_in_the_menu_of_the_roles_that_use_it(as_user):
    # Funding exists (issue 19): the bureau and leaders find it; evaluators have no business with the ledger.
    for username in ("bureau", "leader", "shoushan"):
        body = as_user(username).get(reverse("home")).content.decode()
        assert "/funding/lines/" in body and "资金" in body, username
    assert "/funding/" not in as_user("evaluator").get(reverse("home")).content.decode()


def test_an_evaluator_is_told_nothing_waits_yet(as_user):
    body = as_user("evaluator").get(reverse("home")).content.decode()
    assert "目前没有分配给您的工作。" in body
    assert reverse("wulian:report_center") not in body  # no report to build: no empty report centre
