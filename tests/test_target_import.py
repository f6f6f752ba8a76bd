"""A profile's targets from the county's Excel 任务分解表: the portal's one import path, the review form's rules."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.browser import login, screenshot
from wulian.models import PolicyProfile, Target
from wulian.models.targets import ProfileStatus
from tests.xlsx import upload

HEADERS = ["条款", "指标", "考核内容", "层级", "比较", "目标值", "单位", "周期", "期限", "原文", "说明"]
COMPUTED = ["§三.一", "社区社会组织", "", "城镇社区", "不少于", 15, "个", "限期完成", date(2025, 12, 31),
            "到2025年底，每个城市社区的社区社会组织不少于15个。", ""]
REPORTED = ["§三.二", "", "城乡社区综合服务设施覆盖率", "县（区）", "不少于", 100, "%", "每年", None,
            "城乡社区综合服务设施实现全覆盖。", "县民政局每年填报"]
PRESENT = ["§三.三", "社区社会组织联合会", None, "镇（街道）", "须具备", None, None, "长期保持", None,
           "各镇（街道）建立社区社会组织联合会。", None]


def xlsx(rows, headers=HEADERS) -> SimpleUploadedFile:
    return upload([headers, *rows], "任务分解表.xlsx")


@pytest.fixture
def profile(db):
    """A drafted profile holding one target already: the imported ones come after it."""
    profile = PolicyProfile.objects.create(name="测试县五社联动方案", code="testxian", status=ProfileStatus.INACTIVE)
    Target.objects.create(profile=profile, indicator="station_area", level="station_town", threshold=60, unit="平方米",
                          position=10)
    return profile


@pytest.fixture
def root(client, cast):
    from wulian.models import User

    client.force_login(User.objects.create_superuser("root_import", "root@example.org", "Root-pass-2024"))
    return client


def url(profile):
    return reverse("wulian:policy_draft_import", args=[profile.pk])


def imported(profile):
    return list(profile.targets.filter(position__gt=10))


def test_the_template_is_named_after_the_profile_and_speaks_chinese(root, profile):
    response = root.get(url(profile), {"template": 1})
    assert response.status_code == 200
    assert "测试县五社联动方案" in unquote(response["Content-Disposition"])
    wb = load_workbook(io.BytesIO(response.content))
    data, notes = wb.worksheets
    assert [c.value for c in data[1]] == HEADERS
    assert notes.title == "填写说明" and [c.value for c in notes[1]] == ["列", "必填", "填写方法", "可选值"]
    by_column = {row[0]: row[1:] for row in notes.iter_rows(min_row=2, values_only=True)}
    assert list(by_column) == HEADERS
    assert by_column["层级"][0] == "是" and "城镇社区" in by_column["层级"][2]
    assert "社区社会组织" in by_column["指标"][2].split("、") and "留空" in by_column["指标"][1]
    assert "、“服务性、公益性、互助性社会组织占比”、" in by_column["指标"][2]  # a name holding 、 reads one way
    assert "须具备" in by_column["比较"][2] and "限期完成" in by_column["周期"][2]
    assert "考核内容" in by_column["指标"][1] and "留空" in by_column["目标值"][1]
    page = root.get(url(profile)).content.decode()
    assert "测试县五社联动方案" in page and "下载模板" in page and "、".join(HEADERS) in page


def test_three_rows_become_three_draft_targets_in_order(root, profile):
    response = root.post(url(profile), {"file": xlsx([COMPUTED, REPORTED, PRESENT])})
    assert response.status_code == 302
    assert response["Location"] == reverse("wulian:policy_draft_review", args=[profile.pk])
    computed, reported, present = imported(profile)
    assert [t.position for t in (computed, reported, present)] == [20, 30, 40]
    assert {t.status for t in (computed, reported, present)} == {"draft"}
    assert (computed.clause, computed.indicator, computed.measure, computed.level, computed.comparator,
            computed.threshold, computed.unit, computed.period, computed.deadline) == (
        "§三.一", "orgs_per_community", "", "urban_community", "gte", Decimal(15), "个", "by_deadline",
        date(2025, 12, 31))
    assert computed.quote == COMPUTED[9]
    assert (reported.indicator, reported.measure, reported.level, reported.threshold, reported.unit, reported.period,
            reported.note) == ("", "城乡社区综合服务设施覆盖率", "county", Decimal(100), "%", "annual", "县民政局每年填报")
    assert reported.is_reported
    assert (present.indicator, present.comparator, present.threshold, present.unit, present.period) == (
        "federation", "present", None, "", "ongoing")
    page = root.get(response["Location"]).content.decode()
    assert "3 项目标已导入“测试县五社联动方案”" in page
    from auditlog.models import LogEntry

    from wulian.models import AccessLog

    assert LogEntry.objects.get_for_object(computed).get().actor.username == "root_import"  # the history has each
    assert AccessLog.objects.filter(action="import", model="wulian.Target", row_count=3).count() == 1


def test_a_second_import_comes_after_the_first(root, profile):
    root.post(url(profile), {"file": xlsx([COMPUTED])})
    root.post(url(profile), {"file": xlsx([REPORTED, PRESENT])})
    assert [(t.position, t.clause) for t in imported(profile)] == [(20, "§三.一"), (30, "§三.二"), (40, "§三.三")]


def test_a_name_is_read_with_or_without_the_quotes_of_the_list(root, profile):
    rows = [[f"§{i}", name, "", "城镇社区", "不少于", 60, "%", "每年", None, "", ""]
            for i, name in enumerate(("“服务性、公益性、互助性社会组织占比”", "服务性、公益性、互助性社会组织占比 "))]
    assert root.post(url(profile), {"file": xlsx(rows)}).status_code == 302
    assert [t.indicator for t in imported(profile)] == ["orgs_service_share", "orgs_service_share"]


@pytest.mark.parametrize(("row", "column", "message"), [
    ({5: "十五"}, "目标值", "请输入数字"),
    ({1: "", 2: ""}, "考核内容", "请按文件原文填写填报目标测量的内容"),
    ({3: "街道"}, "层级", "不在可选范围内"),
    ({1: "不存在的指标"}, "指标", "不在可选范围内"),
    ({5: None}, "目标值", "请填写目标值"),
    ({6: "%", 5: 150}, "目标值", "比例不能超过100%"),
    ({8: None}, "期限", "限期完成的目标须填写完成期限"),
])
def test_one_bad_row_imports_nothing_and_is_named_with_its_problem(root, profile, row, column, message):
    bad = list(COMPUTED)
    for index, value in row.items():
        bad[index] = value
    response = root.post(url(profile), {"file": xlsx([REPORTED, bad, PRESENT])})
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(3, column)]
    assert message in errors[0].message
    page = response.content.decode()
    assert "未导入任何数据" in page and message in page and f"<td>3</td><td>{column}</td>" in page
    assert imported(profile) == []


def test_a_sheet_of_other_columns_is_refused_whole(root, profile):
    response = root.post(url(profile), {"file": xlsx([COMPUTED], headers=["条款", "指标名称", *HEADERS[2:]])})
    assert response.status_code == 200
    assert "缺少列：指标" in response.content.decode() and imported(profile) == []


def test_only_a_superuser_reaches_the_page(as_user, profile):
    client = as_user("bureau")
    assert client.get(url(profile)).status_code == 404
    assert client.get(url(profile), {"template": 1}).status_code == 404
    assert client.post(url(profile), {"file": xlsx([COMPUTED])}).status_code == 404
    assert imported(profile) == []
    client.logout()
    response = client.post(url(profile), {"file": xlsx([COMPUTED])})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert imported(profile) == []


def test_an_unknown_profile_is_not_found(root, profile):
    assert root.get(reverse("wulian:policy_draft_import", args=[profile.pk + 1000])).status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_checking_a_sheet_costs_the_same_whatever_its_length(root, profile, n, django_assert_max_num_queries):
    """Reading and checking every row asks the database nothing per row: a sheet refused for its last row costs
    the same queries with 3 rows as with 30."""
    rows = [[f"§{i}", *COMPUTED[1:]] for i in range(n - 1)] + [[*COMPUTED[:5], "十五", *COMPUTED[6:]]]
    with django_assert_max_num_queries(12):
        response = root.post(url(profile), {"file": xlsx(rows)})
    assert response.status_code == 200 and imported(profile) == []


# The core write path per saved row: a savepoint and its release, the INSERT, the scope re-check and the history row.
WRITE_PATH_PER_ROW = 5


@pytest.mark.parametrize("n", [3, 30])
def test_an_import_costs_nothing_per_row_beyond_the_write_path(root, profile, n, django_assert_max_num_queries):
    rows = [[f"§{i}", *COMPUTED[1:]] for i in range(n)]
    with django_assert_max_num_queries(20 + WRITE_PATH_PER_ROW * n):
        response = root.post(url(profile), {"file": xlsx(rows)})
    assert response.status_code == 302 and len(imported(profile)) == n


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_an_admin_imports_a_sheet_and_reviews_its_targets_in_chromium(live_server, browser_cast, page, tmp_path):
    from wulian.models import User

    User.objects.create_superuser("root_browser", "root@example.org", "Root-pass-2024")
    profile = PolicyProfile.objects.create(name="测试县五社联动方案", code="testxian", status=ProfileStatus.INACTIVE)
    sheet = tmp_path / "任务分解表.xlsx"
    sheet.write_bytes(xlsx([COMPUTED, REPORTED, PRESENT]).read())
    login(page, live_server.url, "root_browser", "Root-pass-2024")
    page.goto(live_server.url + reverse("wulian:policy_draft_review", args=[profile.pk]))  # the profile's page
    with page.expect_navigation():
        page.click("#import-targets")  # 从 Excel 导入目标
    assert page.url.endswith(url(profile))
    assert page.locator(".card-header").first.inner_text() == "从 Excel 导入政策目标"
    assert "测试县五社联动方案" in page.locator(".breadcrumb").inner_text()
    wrong = tmp_path / "有误的任务分解表.xlsx"
    wrong.write_bytes(xlsx([COMPUTED, [*REPORTED[:2], "", *REPORTED[3:]]]).read())
    page.set_input_files("#import-file", str(wrong))
    with page.expect_navigation():
        page.click("#import-button")
    errors = page.locator("#import-errors tbody tr")
    assert errors.count() == 1 and "请按文件原文填写填报目标测量的内容" in errors.inner_text()
    assert "未导入任何数据" in page.locator("body").inner_text()
    screenshot(page, "target_import_errors")
    page.set_input_files("#import-file", str(sheet))
    with page.expect_navigation():
        page.click("#import-button")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(reverse("wulian:policy_draft_review", args=[profile.pk]))
    body = page.locator("body").inner_text()
    assert "3 项目标已导入" in body
    assert page.locator(".target-card").count() == 3
    assert "待审核 3 项 · 已采纳 0 项" in page.locator("#profile").inner_text()
    assert "城乡社区综合服务设施覆盖率" in body
    screenshot(page, "target_import_review")
