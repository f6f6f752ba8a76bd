"""The station pages in Chromium: a community worker logs an activity on a phone; the bureau looks at
compliance; a bad import shows its errors. Screenshots go to var/screenshots/ for a person to look at."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def demo_stations(browser_cast):
    from stations import demo

    demo.load()
    return browser_cast


def test_community_worker_logs_an_activity_on_a_phone(live_server, demo_stations, phone_page):
    from stations.models import Activity

    page = phone_page
    login(page, live_server.url, "binhe")
    page.goto(f"{live_server.url}/stations/activities/add/")
    # The room is preselected and the date is today: only a subject and a type are left to give.
    assert page.locator("#id_station option:checked").inner_text() == "滨河社区社工室"
    assert page.locator("#id_date").input_value()
    page.fill("#id_title", "独居老人电话回访")
    page.select_option("#id_kind", label="走访调研")
    screenshot(page, "stations-activity-form-phone")
    save = page.locator("#save-button")
    box = save.bounding_box()
    assert box["width"] > 250 and box["height"] >= 44  # a big button across most of the phone
    save.click()
    page.wait_for_load_state("networkidle")
    activity = Activity.objects.get(title="独居老人电话回访")
    assert page.url.endswith(activity.get_absolute_url())
    assert "独居老人电话回访" in page.locator("h1").inner_text()
    assert activity.station.name == "滨河社区社工室" and activity.recorded_by.username == "binhe"
    screenshot(page, "stations-activity-saved-phone")


def test_bureau_sees_not_compliant_stations_and_a_checklist(live_server, demo_stations, page):
    login(page, live_server.url, "bureau")
    page.goto(f"{live_server.url}/stations/stations/?compliance=no")
    rows = page.locator("table tbody tr")
    assert rows.count() > 0
    assert "槐芽镇社会工作服务站" in page.content()
    assert "达标" not in [t.strip() for t in page.locator("table tbody .badge").all_inner_texts()]
    screenshot(page, "stations-list-not-compliant")
    page.click("text=槐芽镇社会工作服务站")
    page.wait_for_load_state("networkidle")
    failing = page.locator('#compliance-checklist [data-ok="0"]')
    assert failing.count() == 1 and "办公面积" in failing.inner_text()
    assert page.locator("#compliance-badge").inner_text() == "未达标"
    screenshot(page, "stations-detail-checklist")


def test_a_bad_import_lists_its_errors(live_server, demo_stations, page, tmp_path):
    from stations.importers import ActivityImporter
    from stations.models import Activity

    before = Activity.objects.count()
    login(page, live_server.url, "shoushan")
    headers = ActivityImporter(demo_stations.user_shoushan).headers()
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    ws.append(["滨河社区社工室", "2023-06-01", "走访调研", "走访", "", "养老服务", "特殊老人", 3, 0, 1, ""])
    ws.append(["横渠社区社工室", "2023-06-31", "走访调研", "走访", "", "", "", 3, 0, 1, ""])
    path = tmp_path / "bad.xlsx"
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())
    page.goto(f"{live_server.url}/stations/activities/import/")
    page.set_input_files("#import-file", str(path))
    page.click("#import-button")
    page.wait_for_load_state("networkidle")
    errors = page.locator("#import-errors tbody tr")
    assert errors.count() == 2
    assert "3" in errors.nth(0).inner_text()
    screenshot(page, "stations-import-errors")
    assert Activity.objects.count() == before


def test_training_hours_page(live_server, demo_stations, page):
    login(page, live_server.url, "bureau")
    from django.utils import timezone

    page.goto(f"{live_server.url}/stations/trainings/hours/")
    # The demo's trainings are dated in the year the demo is loaded.
    row = page.locator(f'#hours-by-agency tbody tr[data-year="{timezone.localdate().year}"]')
    assert "44.0 / 48" in row.inner_text()
    screenshot(page, "stations-training-hours")
