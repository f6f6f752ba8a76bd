"""Excel imports of volunteers, hours and community social organisations: all or nothing, row errors in Chinese."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from organizations.models import SocialOrganization
from volunteers.models import ServiceHours, Volunteer
from volunteers.testing import make_activity, make_volunteer
from wulian.models import AccessLog
from tests.xlsx import upload


def xlsx(rows) -> SimpleUploadedFile:
    return upload(rows, "data.xlsx")


VOLUNTEER_HEADER = ["姓名", "证件类型", "证件号码", "联系电话", "社区（村）", "技能特长", "注册日期", "志愿者编号"]


def test_the_template_has_the_columns(as_user):
    response = as_user("binhe").get(reverse("volunteers:volunteer_import"), {"template": 1})
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.worksheets[0][1]] == VOLUNTEER_HEADER


def test_a_good_file_imports_every_row(as_user, cast):
    upload = xlsx([
        VOLUNTEER_HEADER,
        ["王建国", "居民身份证", "11010519491231002X", "13900001111", "滨河社区", "驾驶", "2024-03-01", ""],
        ["李秀英", "居民身份证", "440524198001010013", "13900002222", "滨河社区", "", "2024-03-02", "2024990001"],
    ])
    response = as_user("binhe").post(reverse("volunteers:volunteer_import"), {"file": upload})
    assert response.status_code == 302
    assert set(Volunteer.objects.values_list("name", flat=True)) == {"王建国", "李秀英"}
    assert AccessLog.objects.filter(action="import", row_count=2).exists()


def test_a_bad_file_imports_nothing_and_reports_each_row(as_user, cast):
    make_volunteer(cast.hengqu_village, id_number="440524198001010013")
    upload = xlsx([
        VOLUNTEER_HEADER,
        ["王建国", "居民身份证", "11010519491231002X", "13900001111", "滨河社区", "", "2024-03-01", ""],
        ["王建国二", "居民身份证", "11010519491231002x", "13900003333", "滨河社区", "", "2024-03-01", ""],
        ["李秀英", "居民身份证", "440524198001010013", "13900002222", "滨河社区", "", "2024-03-02", ""],
        ["赵六", "居民身份证", "110105194912310021", "13900004444", "滨河社区", "", "2024-03-02", ""],
        ["钱七", "居民身份证", "440524198001010021", "13900005555", "崖下村", "", "2024-03-02", ""],
    ])
    response = as_user("binhe").post(reverse("volunteers:volunteer_import"), {"file": upload})
    assert response.status_code == 200
    errors = {(e.row, e.message) for e in response.context["result"].errors}
    rows = {row for row, _ in errors}
    assert rows == {3, 4, 5, 6}
    messages = " ".join(m for _, m in errors)
    assert "与第 2 行重复" in messages  # duplicate inside the file
    assert "该证件号码的志愿者已注册" in messages  # duplicate of an existing volunteer
    assert "校验码" in messages
    assert "崖下村" in messages  # another town's village is not in a community worker's area
    assert Volunteer.objects.count() == 1


def test_a_file_with_wrong_columns_is_refused_whole(as_user):
    upload = xlsx([["名字", "身份证"], ["王建国", "11010519491231002X"]])
    response = as_user("binhe").post(reverse("volunteers:volunteer_import"), {"file": upload})
    assert "缺少列：" in response.content.decode()
    assert not Volunteer.objects.exists()


HOURS_HEADER = ["活动日期", "活动名称", "志愿者编号", "时长（小时）", "备注"]


def test_hours_import_all_or_nothing(as_user, cast):
    import datetime as dt

    activity = make_activity(cast.binhe, title="敬老活动", date=dt.date(2024, 10, 11))
    a = make_volunteer(cast.binhe, volunteer_number="2024000001")
    make_volunteer(cast.binhe, volunteer_number="2024000002")
    client = as_user("binhe")
    bad = xlsx([
        HOURS_HEADER,
        ["2024-10-11", "敬老活动", "2024000001", 2.5, ""],
        ["2024-10-11", "敬老活动", "2024000001", 1, ""],
        ["2024-10-11", "敬老活动", "2024000002", 30, ""],
        ["2024-10-12", "敬老活动", "2024000002", 2, ""],
    ])
    response = client.post(reverse("volunteers:servicehours_import"), {"file": bad})
    assert {e.row for e in response.context["result"].errors} == {3, 4, 5}
    assert not ServiceHours.objects.exists()
    good = xlsx([HOURS_HEADER, ["2024-10-11", "敬老活动", "2024000001", 2.5, ""], ["2024-10-11", "敬老活动", "2024000002", 2, "迟到"]])
    assert client.post(reverse("volunteers:servicehours_import"), {"file": good}).status_code == 302
    record = ServiceHours.objects.get(volunteer=a)
    assert (record.activity, str(record.hours), record.status, record.source) == (activity, "2.50", "confirmed", "import")


ORG_HEADER = ["社区（村）", "名称", "类别", "登记状态", "登记证号", "成立日期", "负责人", "成员", "联系人", "联系电话"]


def test_organisations_import(as_user, cast):
    client = as_user("shoushan")
    template = client.get(reverse("organizations:socialorganization_import"), {"template": 1})
    assert [c.value for c in load_workbook(io.BytesIO(template.content)).worksheets[0][1]] == ORG_HEADER
    bad = xlsx([
        ORG_HEADER,
        ["滨河社区", "滨河读书会", "其他", "备案", "", "2022-01-01", "王", 10, "", ""],
        ["滨河社区", "滨河调解室", "服务性", "依法登记", "", "2022-01-01", "王", 10, "", ""],
        ["滨河社区", "滨河读书会", "其他", "备案", "", "2022-01-01", "王", 10, "", ""],
    ])
    response = client.post(reverse("organizations:socialorganization_import"), {"file": bad})
    assert {e.row for e in response.context["result"].errors} == {3, 4}
    assert "依法登记的组织须填写登记证号" in response.content.decode()
    assert not SocialOrganization.objects.exists()
    good = xlsx([ORG_HEADER, ["滨河社区", "滨河读书会", "其他", "备案", "", "2022-01-01", "王", 10, "", ""],
                 ["景贤社区", "景贤调解室", "服务性", "依法登记", "52610326MJ0001", "", "", 0, "", ""]])
    assert client.post(reverse("organizations:socialorganization_import"), {"file": good}).status_code == 302
    assert SocialOrganization.objects.count() == 2
