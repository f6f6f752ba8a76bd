"""Excel imports of staff and activities: every row checked, all or nothing, errors per row."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from stations.importers import ActivityImporter, StaffImporter
from stations.models import Activity, Certificate, StaffAssignment, StaffMember
from tests.stations_helpers import station_at
from tests.xlsx import upload


def xlsx(headers, rows) -> SimpleUploadedFile:
    return upload([headers, *rows], "rows.xlsx")


def activity_rows(station_name, *dates):
    return [[station_name, date, "走访调研", f"入户走访{i}", "滨河社区", "养老服务", "特殊老人、残疾人", 5, 1, 2, ""]
            for i, date in enumerate(dates)]


@pytest.fixture
def rooms(cast):
    return station_at(cast.binhe), station_at(cast.hengqu_village)


def post(client, url_name, upload):
    return client.post(reverse(url_name), {"file": upload})


def test_the_template_has_the_importer_columns(as_user, cast):
    client = as_user("shoushan")
    response = client.get(reverse("stations:activity_import"), {"template": 1})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers == ActivityImporter(cast.user_shoushan).headers()
    assert "站点" in headers[0] or headers[0]  # the header speaks the UI language
    response = client.get(reverse("stations:staffmember_import"), {"template": 1})
    assert [c.value for c in load_workbook(io.BytesIO(response.content)).worksheets[0][1]] == StaffImporter(
        cast.user_shoushan
    ).headers()


def test_good_activity_file_is_imported(as_user, cast, rooms):
    binhe_room, _ = rooms
    headers = ActivityImporter(cast.user_shoushan).headers()
    response = post(as_user("shoushan"), "stations:activity_import", xlsx(headers, activity_rows(binhe_room.name, "2023-06-01", "2023-06-02")))
    assert response.status_code == 302
    imported = Activity.objects.filter(station=binhe_room).order_by("date")
    assert imported.count() == 2
    assert imported[0].target_groups == ["special_elderly", "disabled"]
    assert imported[0].domain == "elderly_care" and imported[0].kind == "visit"


def test_a_row_naming_another_towns_station_imports_nothing(as_user, cast, rooms):
    binhe_room, hengqu_room = rooms
    headers = ActivityImporter(cast.user_shoushan).headers()
    rows = activity_rows(binhe_room.name, "2023-06-01") + activity_rows(hengqu_room.name, "2023-06-02")
    response = post(as_user("shoushan"), "stations:activity_import", xlsx(headers, rows))
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(3, headers[0])]
    assert Activity.objects.count() == 0


def test_bad_dates_and_duplicate_rows_are_reported_per_row(as_user, cast, rooms):
    binhe_room, _ = rooms
    headers = ActivityImporter(cast.user_binhe).headers()
    rows = activity_rows(binhe_room.name, "2023-06-01", "2023-13-45", "2023-06-01")
    rows[2][3] = rows[0][3]  # row 4 repeats row 2
    response = post(as_user("binhe"), "stations:activity_import", xlsx(headers, rows))
    errors = response.context["result"].errors
    assert [e.row for e in errors] == [3, 4]
    assert errors[0].column == headers[1]
    assert "2" in errors[1].message
    assert Activity.objects.count() == 0
    assert 'id="import-errors"' in response.content.decode()


def test_wrong_columns_refuse_the_file(as_user, cast, rooms):
    headers = ActivityImporter(cast.user_shoushan).headers()
    wrong = headers[:-1] + ["备注栏"]
    response = post(as_user("shoushan"), "stations:activity_import", xlsx(wrong, activity_rows(rooms[0].name, "2023-06-01")))
    errors = response.context["result"].errors
    assert len(errors) == 1 and errors[0].row == 0
    assert headers[-1] in errors[0].message and "备注栏" in errors[0].message
    assert Activity.objects.count() == 0


def test_a_file_that_is_not_excel_is_refused(as_user, cast):
    response = post(as_user("shoushan"), "stations:activity_import", SimpleUploadedFile("x.xlsx", b"not a workbook"))
    assert response.context["result"].errors[0].row == 0
    assert Activity.objects.count() == 0


def staff_row(name, station, cert_number="", level="", year=None, post="驻站社区专职工作人员"):
    return [name, station, post, "2023-03-01", "是" if cert_number else "否", "13900001111", level, cert_number, year, None]


def test_good_staff_file_creates_people_assignments_and_certificates(as_user, cast, rooms):
    binhe_room, _ = rooms
    headers = StaffImporter(cast.user_shoushan).headers()
    rows = [
        staff_row("周一", binhe_room.name, "S2021001", "助理社会工作师", 2021),
        staff_row("周二", binhe_room.name),
    ]
    response = post(as_user("shoushan"), "stations:staffmember_import", xlsx(headers, rows))
    assert response.status_code == 302, response.context["result"].errors
    first = StaffMember.objects.get(name="周一")
    assert first.region == cast.binhe and first.is_professional
    assert StaffAssignment.objects.get(person=first).station == binhe_room
    assert Certificate.objects.get(person=first).level == "assistant"
    assert StaffMember.objects.get(name="周二").certificates.count() == 0


def test_bad_staff_rows_import_nothing(as_user, cast, rooms):
    binhe_room, hengqu_room = rooms
    Certificate.objects.create(
        person=StaffMember.objects.create(name="已有", region=cast.binhe), level="assistant", number="DUP1", year=2020
    )
    headers = StaffImporter(cast.user_shoushan).headers()
    rows = [
        staff_row("周一", binhe_room.name),
        staff_row("周二", hengqu_room.name),  # another town's station
        staff_row("周三", binhe_room.name, "DUP1", "社会工作师", 2022),  # certificate number taken
        staff_row("周四", binhe_room.name, "S1", "", None),  # certificate without level and year
        staff_row("周一", binhe_room.name),  # duplicate of row 2
        staff_row("周五", binhe_room.name, post="局长"),  # unknown post
    ]
    response = post(as_user("shoushan"), "stations:staffmember_import", xlsx(headers, rows))
    assert response.status_code == 200
    assert sorted({e.row for e in response.context["result"].errors}) == [3, 4, 5, 6, 7]
    assert StaffMember.objects.filter(name__startswith="周").count() == 0
    assert StaffAssignment.objects.count() == 0


def test_community_workers_may_import_activities_but_not_staff(as_user, cast):
    client = as_user("binhe")
    assert client.get(reverse("stations:activity_import")).status_code == 200
    assert client.get(reverse("stations:staffmember_import")).status_code == 403
    assert as_user("leader").get(reverse("stations:activity_import")).status_code == 403


def test_an_error_quotes_what_the_cell_holds(as_user, cast, rooms):
    binhe_room, _ = rooms
    headers = ActivityImporter(cast.user_binhe).headers()
    response = post(as_user("binhe"), "stations:activity_import", xlsx(headers, activity_rows(binhe_room.name, "2023-13-45")))
    (error,) = response.context["result"].errors
    assert error.column == headers[1]
    assert "单元格内容：2023-13-45" in error.message
    assert "2023-13-45" in response.content.decode()
