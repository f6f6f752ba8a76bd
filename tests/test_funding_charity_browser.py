"""Charity resources walked in Chromium: a town takes goods into its 慈善超市 and issues them against the
recipient's signature; the bureau sees a fundraising project's disclosure due and files it; the public page
shows the fund's balance and names nobody."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser import go, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def save(page):
    page.click("#save-button")
    page.wait_for_load_state("networkidle")


def test_stock_in_issue_disclose_and_publish(live_server, browser_cast, page):
    from funding.charity.models import Disclosure, GoodsIssue, GoodsLot, MovementKind
    from funding.charity.testing import charity, fundraising, move, supermarket

    cast = browser_cast
    base = live_server.url
    today = timezone.localdate()
    host = charity(cast.mei)
    shop = supermarket(cast.shoushan, "首善街道慈善超市")
    drive = fundraising(host, cast.shoushan, starts_on=today - dt.timedelta(days=100))
    move(cast.user_bureau, drive, MovementKind.DONATION, "12800", description="募捐箱及对公转账")
    move(cast.user_bureau, drive, MovementKind.USE, "3150.50", description="购置冬衣", beneficiary="孙桂英")

    # -- the town takes 40 bags of flour into stock, expiring in 50 days, and issues 3 against a signature ---------
    login(page, base, "shoushan")
    go(page, f"{base}/funding/stock/add/?supermarket={shop.pk}")
    page.fill("#id_item", "面粉（5kg）")
    page.fill("#id_quantity", "40")
    page.fill("#id_unit", "袋")
    page.fill("#id_value", "1600")
    page.fill("#id_received_on", today.isoformat())
    page.fill("#id_expires_on", (today + dt.timedelta(days=50)).isoformat())
    save(page)
    flour = GoodsLot.objects.get()
    assert flour.on_hand == 40
    assert "两个月内到期" in page.locator("#expiry-warning").inner_text()
    screenshot(page, "charity-1-stock-in")
    page.click("#issue-goods")
    page.wait_for_load_state("networkidle")
    page.fill("#id_quantity", "3")
    page.fill("#id_recipient", "赵大山")
    page.check("#id_signed")
    save(page)
    assert GoodsIssue.objects.get().quantity == 3
    flour.refresh_from_db()
    assert flour.on_hand == 37
    go(page, f"{base}{shop.get_absolute_url()}")
    stock = page.locator("#supermarket-stock").inner_text()
    assert "37" in stock and "两个月内到期" in stock
    screenshot(page, "charity-2-supermarket")
    go(page, f"{base}/funding/issues/")
    assert "赵**" in page.content() and "赵大山" not in page.content()
    go(page, f"{base}/")
    assert "两个月内到期的物资" in page.content()
    screenshot(page, "charity-3-town-home")

    # -- the bureau sees the fundraising project's disclosure due and files it ------------------------------------
    page.context.clear_cookies()
    login(page, base, "bureau")
    go(page, f"{base}/funding/fundraising/")
    assert "逾期" in page.locator("table").first.inner_text()
    screenshot(page, "charity-4-fundraising-list")
    go(page, f"{base}{drive.get_absolute_url()}")
    assert page.locator("#disclosure-overdue").is_visible()
    assert "9,649.50" in page.locator("#owner-balance").inner_text()
    screenshot(page, "charity-5-fundraising-due")
    page.click("#file-disclosure")
    page.wait_for_load_state("networkidle")
    save(page)
    filed = Disclosure.objects.get()
    assert filed.fundraising == drive and filed.balance == 9649.50 and filed.published_on == today
    go(page, f"{base}{drive.get_absolute_url()}")
    assert page.locator("#disclosure-overdue").count() == 0
    screenshot(page, "charity-6-disclosed")

    # -- anyone: the public page shows the balance, and nobody's name ---------------------------------------------
    page.context.clear_cookies()
    go(page, f"{base}/public/projects/")
    page.click("#public-sections >> text=慈善基金收支公开")
    page.wait_for_load_state("networkidle")
    table = page.locator("#public-fundraisings").inner_text()
    assert drive.title in table and "12,800.00" in table and "9,649.50" in table
    assert "孙桂英" not in page.content() and "赵大山" not in page.content()
    screenshot(page, "charity-7-public")
