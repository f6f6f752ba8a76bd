"""In Chromium: a volunteer checks in and out on a phone by the QR link; staff confirm; pages look right."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser import login, screenshot
from volunteers.choices import HoursStatus
from volunteers.models import ServiceHours
from volunteers.testing import make_activity, make_volunteer, valid_id_number

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_volunteer_checks_in_and_out_on_a_phone_and_staff_confirm(live_server, browser_cast, phone_page, page):
    cast = browser_cast
    activity = make_activity(cast.binhe, title="关爱空巢老人上门探访", place="滨河社区党群服务中心")
    make_volunteer(cast.binhe, name="李秀英", phone="13912345678", volunteer_number="2024000001", id_number=valid_id_number(birth=dt.date(1990, 3, 7)))
    url = live_server.url + reverse("volunteers:check_in", args=[activity.token])

    phone_page.goto(url)
    assert phone_page.locator("#activity-title").inner_text() == "关爱空巢老人上门探访"
    phone_page.fill("#id_phone", "13912345678")
    phone_page.fill("#id_birth_mmdd", "0307")
    screenshot(phone_page, "volunteer-check-in-phone")
    phone_page.click("#check-in-button")
    assert "签到成功" in phone_page.locator("#check-in-result").inner_text()
    screenshot(phone_page, "volunteer-check-in-done")

    # Tapping again is refused, politely and in Chinese.
    phone_page.fill("#id_phone", "13912345678")
    phone_page.fill("#id_birth_mmdd", "0307")
    phone_page.click("#check-in-button")
    assert "请勿重复签到" in phone_page.locator("#check-in-error").inner_text()

    # An hour later (moved back in the record), the volunteer checks out.
    record = ServiceHours.objects.get()
    record.checked_in_at = max(timezone.now() - dt.timedelta(hours=1), activity.starts_at)
    record.save()
    phone_page.fill("#id_phone", "13912345678")
    phone_page.fill("#id_birth_mmdd", "0307")
    phone_page.click("#check-out-button")
    assert "签退成功" in phone_page.locator("#check-in-result").inner_text()
    record.refresh_from_db()
    assert record.hours is not None and record.hours > 0 and record.status == HoursStatus.PENDING

    # The community worker confirms the self-recorded hours on the activity page.
    login(page, live_server.url, "binhe")
    page.goto(live_server.url + activity.get_absolute_url())
    assert page.locator("#check-in-qr svg").count() == 1
    page.check(f"input[name=pk][value='{record.pk}']")
    page.click("#confirm-button")
    page.wait_for_load_state("networkidle")
    record.refresh_from_db()
    assert record.status == HoursStatus.CONFIRMED and record.reviewed_by == cast.user_binhe
    screenshot(page, "volunteer-activity-confirmed")


def test_a_late_check_in_is_refused_on_the_phone(live_server, browser_cast, phone_page):
    cast = browser_cast
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    activity = make_activity(cast.binhe, title="昨天的活动", date=yesterday, start_time=dt.time(9), end_time=dt.time(11))
    make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001", id_number=valid_id_number(birth=dt.date(1990, 3, 7)))
    phone_page.goto(live_server.url + reverse("volunteers:check_in", args=[activity.token]))
    phone_page.fill("#id_phone", "13912345678")
    phone_page.fill("#id_birth_mmdd", "0307")
    phone_page.click("#check-in-button")
    assert "签到时间已过" in phone_page.locator("#check-in-error").inner_text()
    screenshot(phone_page, "volunteer-check-in-late")
    assert not ServiceHours.objects.exists()


def test_the_pages_of_the_demo_look_right(live_server, browser_cast, page):
    from organizations import demo as org_demo
    from volunteers import demo as volunteer_demo

    org_demo.load()
    volunteer_demo.load()
    login(page, live_server.url, "leader")
    page.goto(live_server.url + reverse("volunteers:volunteer_list"))
    first_id = page.locator("table tbody tr td").nth(3).inner_text()
    assert "********" in first_id
    screenshot(page, "volunteer-list-leader-masked")
    page.goto(live_server.url + reverse("volunteers:rates") + f"?year={timezone.localdate().year - 1}")
    assert page.locator("#rates-table tbody tr").count() == 8  # the eight towns of 眉县
    screenshot(page, "volunteer-rates")
    page.goto(live_server.url + reverse("organizations:community_summary"))
    binhe = page.locator("#summary-table tr[data-community='滨河社区'] td[data-total]")
    assert binhe.inner_text() == "16"
    screenshot(page, "organizations-summary")


def test_staff_confirm_every_pending_record_with_one_select_all(live_server, browser_cast, page):
    """The header checkbox ticks every pending record of the activity; one click confirms them all."""
    from decimal import Decimal

    from volunteers.choices import HoursSource

    cast = browser_cast
    activity = make_activity(cast.binhe, title="重阳节敬老活动", place="滨河社区")
    records = [
        ServiceHours.objects.create(
            activity=activity, volunteer=make_volunteer(cast.binhe, name=name, volunteer_number=f"20240000{i}"),
            hours=Decimal("1.50"), source=HoursSource.CHECK_IN, status=HoursStatus.PENDING,
        )
        for i, name in enumerate(("王芳", "刘洋", "陈静"), start=11)
    ]
    login(page, live_server.url, "binhe")
    page.goto(live_server.url + activity.get_absolute_url())
    page.check("#select-all-hours")
    assert page.locator("input[name=pk]:checked").count() == 3
    page.uncheck(f"input[name=pk][value='{records[0].pk}']")
    assert page.eval_on_selector("#select-all-hours", "el => el.indeterminate") is True
    page.check("#select-all-hours")
    page.click("#confirm-button")
    page.wait_for_load_state("networkidle")
    assert sorted(ServiceHours.objects.values_list("status", flat=True)) == [HoursStatus.CONFIRMED] * 3
    assert "已确认 4.5 小时" in page.locator("#hours .card-header").inner_text()
