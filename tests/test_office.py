"""As a county office sees it: Chinese error pages, JSON API for non-staff, plain words (issue 10)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("url", ["/projects/", "/funding/", "/no-such-page/", "/stations/999999/"])
def test_a_missing_page_answers_the_portals_chinese_404(as_user, settings, debug, url):
    settings.DEBUG = debug
    response = as_user("bureau").get(url)
    body = response.content.decode()
    assert response.status_code == 404
    assert 'id="error-page"' in body and "未找到" in body
    assert 'id="mainNav"' in body  # the portal's layout, with the user's menus
    assert "Page not found" not in body and "DEBUG = True" not in body


def test_a_forbidden_page_answers_in_chinese(as_user):
    response = as_user("evaluator").get(reverse("stations:station_add"))
    assert response.status_code in (403, 404)
    assert "Forbidden" not in response.content.decode()


def test_the_500_page_is_in_chinese_in_the_portals_layout(cast):
    from wulian.errors import server_error

    request = RequestFactory().get("/")
    request.user = cast.user_bureau
    request.session = {}
    response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "服务器错误" in body and 'id="mainNav"' in body


def test_the_500_page_needs_no_request(db):
    from django.template import loader

    body = loader.render_to_string("500_bare.html")
    assert "服务器错误" in body and "bg-wulian" in body


def test_the_api_answers_json_to_a_browser_of_a_non_staff_user(as_user):
    response = as_user("bureau").get("/api/regions/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_the_browsable_api_is_for_staff(client, cast):
    cast.user_bureau.is_staff = True
    cast.user_bureau.save(update_fields=["is_staff"])
    from tests.conftest import TEST_PASSWORD

    assert client.login(username="bureau", password=TEST_PASSWORD)
    response = client.get("/api/regions/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("text/html")


# -- words ------------------------------------------------------------------------------------------


def test_filters_offer_all_and_forms_please_choose(as_user):
    client = as_user("bureau")
    listing = client.get(reverse("stations:station_list")).content.decode()
    form = client.get(reverse("stations:station_add")).content.decode()
    assert "---------" not in listing and "---------" not in form
    assert '<option value="" selected>全部</option>' in listing
    assert ">请选择</option>" in form


def test_stock_django_messages_read_as_plain_chinese(db):
    from django import forms
    from django.utils import translation

    class Form(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "甲")])
        day = forms.DateField()

    with translation.override("zh-hans"):
        errors = Form({"kind": "跳舞", "day": "明天"}).errors
        assert errors["kind"] == ["“跳舞”不在可选范围内，请从列表中选择。"]
        assert errors["day"] == ["请输入正确的日期，例如 2023-06-30。"]
        assert Form({}).errors["day"] == ["此项必填。"]


def test_numbers_are_written_one_way():
    from decimal import Decimal

    from wulian.templatetags.wulian import number

    assert [number(94700), number(Decimal("12.50")), number(Decimal("3.00")), number(None)] == ["94700", "12.5", "3", ""]


def test_menu_entries_and_page_titles_use_the_same_name(as_user):
    import re

    from wulian.navigation import menus_for

    for username in ("bureau", "binhe"):
        client = as_user(username)
        user = client.get(reverse("home")).wsgi_request.user
        for menu in menus_for(user):
            for item in menu["items"]:
                body = client.get(item["url"]).content.decode()
                title = re.search(r"<h1[^>]*>(.*?)(?:<small|</h1>)", body, re.S).group(1)
                assert re.sub(r"<[^>]+>", "", title).strip() == str(item["label"]), (username, item["url"])


def test_a_community_workers_menu_is_short(as_user):
    from wulian.navigation import menus_for

    user = as_user("binhe").get(reverse("home")).wsgi_request.user
    entries = [item for menu in menus_for(user) for item in menu["items"]]
    assert len(entries) <= 11
