"""Playwright on Debian's Chromium, for tests that look at pages as a person would.

Use the ``page`` fixture (a fresh context per test) together with ``live_server``; the tests are
transactional, so they create what they need (``load_cast_for_browser``) themselves. ``login(page, url,
username)`` signs a cast member in through the real login form.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium'); run `make setup-test`.")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 860})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


@pytest.fixture
def browser_cast(transactional_db):
    """The cast, in a transactional test (the live server reads committed rows)."""
    from tests.conftest import get_cast, load_cast

    load_cast()
    return get_cast()


def login(page, base_url: str, username: str, password: str | None = None, *, refused: bool = False):
    """Password, then (for the roles that need one) the second factor: a TOTP code computed from the user's device
    (one is enrolled for them when they have none). Unless the test expects the login to be ``refused`` (or passes
    a password of its own), it fails here, with the page's words, when the user did not end up signed in."""
    from tests.conftest import TEST_PASSWORD

    # Leave the page before first: a request of its still under way (a dashboard's htmx call, sent after a test
    # cleared the cookies) comes back through the login page and sets a new CSRF cookie, so the form loaded here
    # would carry the old token and be refused (403, seen in a CI run on a loaded machine).
    page.goto("about:blank")
    for attempt in range(2):
        page.goto(f"{base_url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password or TEST_PASSWORD)
        # Each click submits a form: wait for the answer's page, not only for the network to fall quiet — on a loaded
        # machine "networkidle" can hold before the POST has even left, and the next goto then finds no session.
        with page.expect_navigation() as answer:
            page.click("#login-button")
        page.wait_for_load_state("networkidle")
        if answer.value is None or answer.value.status != 403 or attempt:
            break  # (a 403 is such a late cookie: the form is loaded again, with the cookie as it is now)
    # A code is good for its 30-second step (and one step either side). On a loaded machine the step can pass between
    # reading the code and the server checking it: the page then says the code is wrong, and a user types the next one.
    for _attempt in range(2):
        if "/accounts/2fa/" not in page.url or page.locator("#codes-continue").count():
            break
        page.fill("#id_code", totp_code(username))
        with page.expect_navigation():
            page.click("#two-factor-button, #enrol-button")
        page.wait_for_load_state("networkidle")
    if page.locator("#codes-continue").count():
        with page.expect_navigation():
            page.click("#codes-continue")
        page.wait_for_load_state("networkidle")
    if password is None and not refused:
        assert "/accounts/login/" not in page.url and "/accounts/2fa/" not in page.url, (
            f"{username} is not signed in: {page.url}\n{page.locator('body').inner_text()[:400]}")


def as_(page, base_url: str, username: str):
    """Sign in as another user: leave the page first (none of its requests may land after the cookies go), drop the
    cookies, then log in."""
    page.goto("about:blank")
    page.context.clear_cookies()
    login(page, base_url, username)


def go(page, url: str):
    """Open a page and wait until its own requests (htmx, charts) are done."""
    page.goto(url)
    page.wait_for_load_state("networkidle")


def totp_code(username: str) -> str:
    """The code the user's authenticator app shows now (the device being enrolled when none is confirmed)."""
    from django_otp.oath import TOTP
    from wulian.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "-pk").first()
    import time

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    need = device.last_t + 1 if device.last_t is not None else totp.t()  # a code is good once: the next step's
    if need > totp.t() + 1:  # beyond the one step of tolerance: wait for the step before it to begin
        time.sleep(max(0.0, device.t0 + (need - 1) * device.step - time.time()) + 0.2)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if need > totp.t():
        totp.time = totp.time + device.step * (need - totp.t())
    return f"{totp.token():0{device.digits}d}"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
    except PlaywrightError as error:  # Chromium under load: "Unable to capture screenshot" — once more, then fail
        if "Unable to capture screenshot" not in str(error):
            raise
        page.wait_for_timeout(1000)
        page.screenshot(path=str(path), full_page=True)
    return path
