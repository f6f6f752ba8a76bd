"""The annual target attainment report, read back: Excel with typed cells, an A4 PDF with charts and fonts."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from wulian import indicators
from wulian.attainment_report import build, render_pdf_bytes, write_xlsx
from wulian.models import ReportJob, ReportStatus, User
from wulian.reports import registry, run_job

YEAR = dt.date.today().year


@pytest.fixture
def hengqu_station(cast):
    from stations.choices import StationTier
    from stations.models import Station

    return Station.objects.create(
        name="横渠镇社工站", tier=StationTier.TOWN_STATION, region=cast.hengqu, office_area=Decimal("62.5")
    )


def workbook(user):
    handle = io.BytesIO()
    write_xlsx(build(user, YEAR), handle)
    handle.seek(0)
    return load_workbook(handle)


def pdf_file(tmp_path, user) -> str:
    path = tmp_path / "attainment.pdf"
    path.write_bytes(render_pdf_bytes(build(user, YEAR), user))
    return str(path)


def pdftotext(path: str, *args: str) -> str:
    return subprocess.run(["pdftotext", "-layout", *args, path, "-"], capture_output=True, text=True, check=True).stdout


def test_the_excel_has_a_summary_and_a_sheet_per_level(cast):
    wb = workbook(cast.user_leader)
    assert wb.sheetnames == ["汇总", "县（区）", "镇（街道）", "社区（村）"]


def test_excel_numbers_are_numbers_and_statuses_are_words(cast, hengqu_station):
    wb = workbook(cast.user_leader)
    sheet = wb["镇（街道）"]
    headers = [c.value for c in sheet[1]]
    col = {h: i for i, h in enumerate(headers)}
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
    area_label = indicators.label("station_area")
    area = next(r for r in rows if r[col["区域"]] == "横渠镇" and r[col["指标"]] == area_label)
    assert area[col["标准值"]] == 60 and isinstance(area[col["标准值"]], (int, float))
    assert area[col["数值"]] == 62.5
    assert area[col["状态"]] == "已达成" and area[col["差距"]] == 0
    assert area[col["条款"]].startswith("000")
    missing = next(r for r in rows if r[col["区域"]] == "槐芽镇" and r[col["指标"]] == area_label)
    assert (missing[col["数值"]], missing[col["状态"]], missing[col["差距"]]) == (0, "未达成", 60)
    statuses = {r[col["状态"]] for r in rows}
    # Operating funds come from the ledger since issue 19: a county without lines reads 0 元, 未达成.
    assert statuses <= {"已达成", "未达成", "暂无数据"} and "未达成" in statuses


def test_the_excel_summary_counts_each_regions_targets(cast, hengqu_station):
    report = build(cast.user_leader, YEAR)
    wb = workbook(cast.user_leader)
    rows = {r[0]: r for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    hengqu = report.area_tally(cast.hengqu)  # the town and its communities, as the dashboard counts
    row = rows["横渠镇"]
    assert row[3:7] == (hengqu.applicable, hengqu.met, hengqu.not_met, hengqu.no_data)
    assert row[7] == pytest.approx(float(hengqu.share) / 100) and isinstance(row[7], float)


def test_the_excel_summary_says_what_the_dashboard_says(cast, hengqu_station):
    """汇总's 眉县 row counts every target at or below the county, like the dashboard's 已达成 and 目标达成率,
    and the share is formatted as a percentage (issue 23 A: the workbook said 80 % where the dashboard said 53.8 %)."""
    from wulian.dashboard import overview, refresh

    refresh(YEAR)
    tally = overview(cast.user_leader, cast.mei, YEAR).tally
    wb = workbook(cast.user_leader)
    sheet = wb["汇总"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "眉县")
    share = row[headers.index("目标达成率")]
    assert (row[4].value, row[5].value, row[6].value) == (tally.met, tally.not_met, tally.no_data)
    assert round(share.value * 100, 1) == float(tally.share)
    assert share.number_format == "0.0%"


def test_a_town_reports_only_its_own_area(cast):
    user = cast.user_hengqu
    report = build(user, YEAR)
    names = {line.region.name for line in report.lines}
    assert "横渠镇" in names and "崖下村" in names
    assert not names & {"首善街道", "滨河社区", "槐芽镇", "眉县"}
    wb = workbook(user)
    text = " ".join(str(c) for s in wb.worksheets for row in s.iter_rows(values_only=True) for c in row if c)
    assert "首善街道" not in text and "滨河社区" not in text


def test_the_pdf_is_a4_with_the_cjk_font_embedded_as_a_subset(cast, tmp_path):
    path = pdf_file(tmp_path, cast.user_leader)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    cjk = [line for line in fonts if "CJK" in line]
    assert cjk and all(" yes yes " in line for line in cjk), fonts  # emb yes, sub yes


def test_the_pdf_says_what_is_met_with_charts_and_page_numbers(cast, hengqu_station, tmp_path):
    user = cast.user_leader
    report = build(user, YEAR)
    path = pdf_file(tmp_path, user)
    first = pdftotext(path, "-f", "1", "-l", "1").replace(" ", "")
    assert f"{YEAR}年度政策目标达成情况" in first
    assert "眉县五社联动试点方案" in first
    assert "第1页" in first
    assert f"{report.total.met}" in first
    # The charts are SVG drawn on the server: their town labels are text in the PDF.
    assert "各镇（街道）目标达成率" in first and "横渠镇" in first


def test_the_shortfall_table_repeats_its_header_on_the_next_page(cast, tmp_path):
    path = pdf_file(tmp_path, cast.user_leader)
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    assert pages >= 3
    last = pdftotext(path, "-f", str(pages), "-l", str(pages))
    header = next(line for line in last.splitlines() if "差距" in line)
    assert "区域" in header and "条款" in header
    assert f"第{pages}页/共{pages}页" in last.replace(" ", "")


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_one_report_in_either_format_goes_through_the_report_pipeline(cast, fmt):
    definition = registry["target_attainment"]
    assert definition.formats == ("xlsx", "pdf") and "format" in definition.form_fields
    assert definition.available_to(cast.user_leader) and definition.available_to(cast.user_hengqu)
    assert not definition.available_to(cast.user_agency)
    job = ReportJob.objects.create(user=cast.user_hengqu, report="target_attainment", params={"year": YEAR, "format": fmt})
    run_job(job)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    assert job.filename == f"目标达成情况-横渠镇-{YEAR}.{fmt}"
    assert job.file.name.endswith(f".{fmt}")
    with job.file.open("rb") as handle:
        head = handle.read(4)
    assert head == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")


def test_a_superuser_reports_on_every_county(db, cast):
    admin = User.objects.create_superuser("root", password="x")
    names = {line.region.name for line in build(admin, YEAR).lines}
    assert "横渠镇" in names and "首善街道" in names
