"""A county moves in from its ledgers (issue 23 H): stations, staff and accounts through the one import path —
all rows or none with Chinese errors per row, a template to download, importable again without duplicating —
and accounts opened by the import change their password at the first login before any other page."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from stations.choices import Post, StationTier
from stations.importers import StaffImporter, StationImporter
from stations.models import StaffAssignment, StaffMember, Station
from tests.browser import login, screenshot
from tests.conftest import CAST_USERS
from wulian.account_import import AccountImporter
from wulian.models import User
from tests.xlsx import upload

GOOD_PASSWORD = "Meixian-2026!"


def xlsx(headers, rows) -> SimpleUploadedFile:
    return upload([headers, *rows], "ledger.xlsx")


def accounts_file(importer, rows):
    return xlsx(importer.headers(), [[r.get(f, "") for f in importer.fields] for r in rows])


LEDGER = [
    {"username": "zhang_ss", "full_name": "张三", "region": "首善街道", "phone": "13800001111", "password": GOOD_PASSWORD},
    {"username": "li_bh", "full_name": "李四", "region": "滨河社区", "phone": "", "password": GOOD_PASSWORD},
]


def import_accounts(client, importer, rows):
    return client.post(reverse("wulian:user_import"), {"file": accounts_file(importer, rows)}, follow=True)


def test_accounts_from_the_ledger_then_again_without_duplicates(as_user, cast):
    client = as_user("sysadmin")
    importer = AccountImporter(cast.user_sysadmin)
    template = client.get(reverse("wulian:user_import"), {"template": 1})
    assert template.status_code == 200
    headers = [c.value for c in load_workbook(io.BytesIO(template.content)).worksheets[0][1]]
    assert headers == importer.headers() and "初始密码" in headers and "用户名" in headers
    page = client.get(reverse("wulian:user_import"))
    assert "已有的账号（同一用户名）保持不变" in page.content.decode()

    response = import_accounts(client, importer, LEDGER)
    assert "已导入 2 行" in response.content.decode()
    zhang = User.objects.get(username="zhang_ss")
    assert (str(zhang), zhang.region, zhang.is_active, zhang.must_change_password) == ("张三", cast.shoushan, True, True)
    assert zhang.check_password(GOOD_PASSWORD) and zhang.role == ""  # the role is the security administrator's
    assert User.objects.get(username="li_bh").region == cast.binhe

    again = import_accounts(client, importer, [*LEDGER, {**LEDGER[0], "username": "wang_hq", "region": "横渠镇"}])
    assert "已导入 1 行；2 行已有记录，保持不变" in again.content.decode()
    assert User.objects.filter(username__in=["zhang_ss", "li_bh", "wang_hq"]).count() == 3


def test_a_wrong_row_imports_nothing_and_says_why_in_chinese(as_user, cast):
    client = as_user("sysadmin")
    importer = AccountImporter(cast.user_sysadmin)
    before = User.objects.count()
    rows = [LEDGER[0], {**LEDGER[1], "password": "123456"}, {**LEDGER[1], "username": "x_y", "region": "火星村"}]
    response = import_accounts(client, importer, rows)
    text = response.content.decode()
    assert User.objects.count() == before
    assert "未导入任何数据" in text
    # the core's password rules apply to the ledger's password, in Chinese (Django 5.2's own message included)
    assert "密码太短，至少需要 10 个字符" in text and "密码只包含数字" in text and "too short" not in text
    assert "火星村" in text and "没有名为" in text


@pytest.mark.parametrize("username", CAST_USERS)
def test_who_opens_the_import_pages(as_user, username):
    """The scope matrix of the two new pages: the accounts' import is the system administrator's (三员分立), the
    stations' is the managers' (the bureau and the towns), as adding one by hand is."""
    client = as_user(username)
    for url_name, allowed in (("wulian:user_import", {"sysadmin"}), ("stations:station_import", {"bureau", "shoushan", "hengqu"})):
        for params in ({}, {"template": 1}):
            status = client.get(reverse(url_name), params).status_code
            assert status == (200 if username in allowed else 403), (url_name, params, status)


def test_stations_and_staff_from_the_ledger_again_without_duplicates(as_user, cast):
    client = as_user("bureau")
    stations = StationImporter(cast.user_bureau)
    row = dict.fromkeys(stations.fields, "")
    town = {**row, "tier": str(StationTier.TOWN_STATION.label), "region": "首善街道", "name": "首善街道社工站",
            "office_area": 120, "has_office": "是", "desks": 4, "computers": 2, "printers": 1, "filing_cabinets": 2,
            "is_pilot": "否"}
    room = {**town, "tier": str(StationTier.COMMUNITY_ROOM.label), "region": "滨河社区", "name": "滨河社区社工室",
            "office_area": 40}
    ledger = xlsx(stations.headers(), [[r[f] for f in stations.fields] for r in (town, room)])
    response = client.post(reverse("stations:station_import"), {"file": ledger}, follow=True)
    assert "已导入 2 行" in response.content.decode()
    assert Station.objects.get(name="滨河社区社工室").region == cast.binhe

    wrong = {**room, "name": "景贤社区社工室", "region": "首善街道"}  # a community room on a town
    ledger = xlsx(stations.headers(), [[r[f] for f in stations.fields] for r in (town, room, wrong)])
    response = client.post(reverse("stations:station_import"), {"file": ledger}, follow=True)
    assert "未导入任何数据" in response.content.decode() and not Station.objects.filter(name="景贤社区社工室").exists()
    ledger = xlsx(stations.headers(), [[r[f] for f in stations.fields] for r in (town, room, {**wrong, "region": "景贤社区"})])
    response = client.post(reverse("stations:station_import"), {"file": ledger}, follow=True)
    assert "已导入 1 行；2 行已有记录，保持不变" in response.content.decode()
    assert Station.objects.filter(name__in=["首善街道社工站", "滨河社区社工室", "景贤社区社工室"]).count() == 3

    staff = StaffImporter(cast.user_bureau)
    person = {"name": "赵六", "station": "滨河社区社工室", "post": str(Post.RESIDENT_WORKER.label), "start_date": "2026-03-01",
              "is_professional": "是", "phone": "", "certificate_level": "", "certificate_number": "",
              "certificate_year": "", "agency": ""}
    for said in ("已导入 1 行。", "已导入 0 行；1 行已有记录，保持不变"):
        response = client.post(reverse("stations:staffmember_import"),
                               {"file": xlsx(staff.headers(), [[person[f] for f in staff.fields]])}, follow=True)
        assert said in response.content.decode()
    assert StaffMember.objects.filter(name="赵六").count() == 1
    assert StaffAssignment.objects.filter(person__name="赵六", station__name="滨河社区社工室").count() == 1


def test_the_first_login_reaches_only_the_change_password_page(client, cast):
    importer = AccountImporter(cast.user_sysadmin)
    assert importer.run(accounts_file(importer, [{**LEDGER[1], "username": "fresh"}])).ok  # as the ledger opens it
    user = User.objects.get(username="fresh")
    assert user.must_change_password
    assert client.post(reverse("login"), {"username": "fresh", "password": GOOD_PASSWORD}).status_code == 302
    for url in ("/", reverse("stations:station_list"), reverse("wulian:report_center")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("password_change"), url
    assert client.get("/api/stations/", HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "请先设置您自己的密码" in page.content.decode()
    weak = client.post(reverse("password_change"), {"old_password": GOOD_PASSWORD, "new_password1": "abc12345",
                                                    "new_password2": "abc12345"})
    assert weak.status_code == 200 and client.get("/").status_code == 302  # the core's rules: refused, still locked
    same = client.post(reverse("password_change"), {"old_password": GOOD_PASSWORD, "new_password1": GOOD_PASSWORD,
                                                    "new_password2": GOOD_PASSWORD})
    assert same.status_code == 200  # not the password someone else chose
    done = client.post(reverse("password_change"), {"old_password": GOOD_PASSWORD, "new_password1": "Binhe-Own-2026#",
                                                    "new_password2": "Binhe-Own-2026#"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("Binhe-Own-2026#")
    assert client.get("/").status_code == 200


@pytest.mark.browser
def test_an_imported_account_changes_its_password_in_chromium(live_server, browser_cast, page):
    importer = AccountImporter(browser_cast.user_sysadmin)
    result = importer.run(accounts_file(importer, LEDGER[1:]))
    assert result.ok, result.errors
    login(page, live_server.url, "li_bh", GOOD_PASSWORD)
    assert page.url.endswith(reverse("password_change"))
    assert "请先设置您自己的密码" in page.content()
    screenshot(page, "h23b-forced-password-change")
    page.goto(f"{live_server.url}{reverse('stations:activity_list')}")
    assert page.url.endswith(reverse("password_change"))
    page.fill("#id_old_password", GOOD_PASSWORD)
    page.fill("#id_new_password1", "Libh-Own-2026#x")
    page.fill("#id_new_password2", "Libh-Own-2026#x")
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}{reverse('stations:activity_list')}")
    assert page.url.endswith(reverse("stations:activity_list"))
    assert not User.objects.get(username="li_bh").must_change_password


@pytest.mark.browser
def test_the_import_pages_in_chromium(live_server, browser_cast, page):
    """The one import page, for the accounts (with a wrong row) and the region tree (its own words and files)."""
    login(page, live_server.url, "sysadmin")
    page.goto(f"{live_server.url}{reverse('wulian:user_import')}")
    importer = AccountImporter(browser_cast.user_sysadmin)
    upload = accounts_file(importer, [LEDGER[0], {**LEDGER[1], "password": "123456"}])
    page.set_input_files("#import-file", files=[{"name": "台账.xlsx", "mimeType": "application/octet-stream",
                                                 "buffer": upload.read()}])
    page.click("#import-button")
    page.wait_for_load_state("networkidle")
    errors = page.locator("#import-errors").inner_text()
    assert "初始密码" in errors and not User.objects.filter(username="zhang_ss").exists()
    screenshot(page, "h23b-account-import-errors")
    page.context.clear_cookies()
    login(page, live_server.url, "bureau")
    page.goto(f"{live_server.url}{reverse('wulian:region_import')}")
    assert "统计用区划代码" in page.content() and ".csv" in page.locator("#import-file").get_attribute("accept")
    screenshot(page, "h23b-region-import")
    page.goto(f"{live_server.url}{reverse('stations:station_import')}")
    assert "已有记录的行保持不变" in page.content()
    screenshot(page, "h23b-station-import")
