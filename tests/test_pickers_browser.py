"""In Chromium: a bureau user types two characters of a town's name, chooses a community, and saves."""

import pytest
from django.urls import reverse

from tests.browser import login, screenshot
from volunteers.models import Volunteer
from volunteers.testing import valid_id_number
from wulian import pickers

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_community_is_found_by_its_towns_name_and_saved(live_server, browser_cast, page, monkeypatch):
    # Few enough regions in the cast to be listed whole: make the list "long" so options load on demand.
    monkeypatch.setattr(pickers, "SMALL_LIST", 3)
    cast = browser_cast
    login(page, live_server.url, "bureau")
    page.goto(live_server.url + reverse("volunteers:volunteer_add"))
    assert page.locator("#id_community option").count() <= 1  # nothing loaded up front

    page.fill("#id_name", "周晓梅")
    page.fill("#id_id_number", valid_id_number(4242))
    page.fill("#id_phone", "13912340000")
    page.locator("#id_community + .ts-wrapper .ts-control").click()
    page.keyboard.type("首善")
    option = page.locator(".ts-dropdown .option", has_text="首善街道 / 景贤社区")
    option.wait_for()
    assert page.locator(".ts-dropdown .option", has_text="横渠").count() == 0
    screenshot(page, "picker-town-typed")
    option.click()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")

    volunteer = Volunteer.objects.get(name="周晓梅")
    assert volunteer.community == cast.jingxian
    assert page.url.endswith(volunteer.get_absolute_url())


def test_a_town_worker_is_offered_nothing_of_another_town(live_server, browser_cast, page, monkeypatch):
    monkeypatch.setattr(pickers, "SMALL_LIST", 3)
    login(page, live_server.url, "hengqu")
    page.goto(live_server.url + reverse("volunteers:volunteer_list"))
    page.locator("#id_region + .ts-wrapper .ts-control").click()
    page.keyboard.type("首善")
    page.locator(".ts-dropdown .no-results").wait_for()
    assert page.locator(".ts-dropdown .option").count() == 0
    page.keyboard.press("Control+A")
    page.keyboard.type("横渠")
    page.locator(".ts-dropdown .option", has_text="横渠镇 / 崖下村").wait_for()
    screenshot(page, "picker-filter-town")
