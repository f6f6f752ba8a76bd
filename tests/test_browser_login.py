"""Each demo user logs in through the real form in Chromium and lands on a Chinese home page."""

import pytest

from tests.browser import login, screenshot
from tests.test_home import TITLES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

HOME_TITLES = TITLES  # the home page's title per role (tests/test_home.py)


@pytest.mark.parametrize("username", list(HOME_TITLES))
def test_each_demo_user_sees_its_home_page_in_chinese(live_server, browser_cast, page, username):
    login(page, live_server.url, username)
    assert page.url.rstrip("/") == live_server.url
    assert page.locator("#home-title").inner_text() == HOME_TITLES[username]
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "退出登录" in page.locator("#logout").inner_text()
    screenshot(page, f"home-{username}")


def test_repeated_failures_lock_the_login(live_server, browser_cast, page, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(page, live_server.url, "hengqu", password="wrong-password")
        assert "请输入一个正确的" in page.content() or "锁定" in page.content()
    # Now even the right password is refused: the account is locked.
    login(page, live_server.url, "hengqu", refused=True)
    assert page.locator("#lockout-title").inner_text().strip() == "账户已锁定"
    screenshot(page, "lockout")
    assert page.url.rstrip("/") != live_server.url
