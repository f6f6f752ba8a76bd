"""The second factor in Chromium: the password alone reaches no page; a real TOTP code computed here does."""

import pytest
from wulian.models import TOTPDevice

from tests.browser import screenshot, totp_code
from tests.conftest import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def password_only(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("#login-button")
    page.wait_for_load_state("networkidle")


def test_the_bureau_enrols_with_the_qr_code_and_then_logs_in_with_a_code(live_server, browser_cast, page):
    password_only(page, live_server.url, "bureau")
    assert "/accounts/2fa/enrol/" in page.url
    assert page.locator("#enrol-qr svg").count() == 1
    screenshot(page, "two-factor-enrol")
    # Typing the address of a page does not get past the second factor.
    for path in ("/", "/volunteers/people/", "/core/dashboard/", "/api/agencies/"):
        page.goto(f"{live_server.url}{path}")
        assert "/accounts/2fa/" in page.url or "第二因素" in page.content(), path
        assert page.locator("#home-title").count() == 0
    page.goto(f"{live_server.url}/accounts/2fa/enrol/")
    page.fill("#id_code", totp_code("bureau"))
    with page.expect_navigation():  # the codes are on the next page: wait for it to load, not only to commit
        page.click("#enrol-button")
    assert page.locator("#backup-codes li").count() == 10
    page.click("#codes-continue")
    page.wait_for_load_state("networkidle")
    assert page.locator("#home-title").inner_text() == "民政局工作台"
    assert TOTPDevice.objects.get(user__username="bureau").confirmed

    # The next login asks for a code from the enrolled app: a wrong one is refused, a right one lets in.
    page.context.clear_cookies()
    password_only(page, live_server.url, "bureau")
    assert page.url.startswith(f"{live_server.url}/accounts/2fa/")
    page.fill("#id_code", "123456" if totp_code("bureau") != "123456" else "654321")
    with page.expect_navigation():
        page.click("#two-factor-button")
    assert "验证码不正确" in page.content()
    page.wait_for_timeout(1200)  # django-otp waits a second after a wrong code
    page.fill("#id_code", totp_code("bureau"))
    page.click("#two-factor-button")
    page.wait_for_load_state("networkidle")
    assert page.locator("#home-title").inner_text() == "民政局工作台"
    assert "上次登录" in page.content()
    screenshot(page, "two-factor-home")


def test_a_town_worker_logs_in_with_the_password_alone(live_server, browser_cast, page):
    password_only(page, live_server.url, "hengqu")
    assert page.locator("#home-title").inner_text() == "镇（街）社会工作服务站"


def test_the_idle_warning_offers_to_stay_logged_in(live_server, browser_cast, page, settings):
    settings.WULIAN_IDLE_TIMEOUT = 8  # seconds: the warning shows after 6
    password_only(page, live_server.url, "hengqu")
    page.wait_for_selector("#idle-warning", timeout=10_000)
    assert "2 分钟后将自动退出登录" in page.locator("#idle-warning").inner_text()
    page.click("#idle-stay")
    page.wait_for_selector("#idle-warning", state="detached")
