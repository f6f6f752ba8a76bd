"""Budget execution per town, source and purpose: the sums are exact Decimals, each figure links to the lines
it sums, and the Excel sheet keeps numbers (元 format, a rate as a percentage) with a totals row."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from funding import ledger
from funding.choices import EntryKind
from funding.testing import source, station_line
from tests.stations_helpers import station_at

YEAR = 2025


def _lines(cast):
    hub = station_line(cast.user_bureau, station_at(cast.mei), "50000", year=YEAR)
    town = station_line(cast.user_bureau, station_at(cast.hengqu), "20000.10", year=YEAR,
                        kind=source("整合资金·儿童福利"))
    room = station_line(cast.user_bureau, station_at(cast.binhe), "10000", year=YEAR)
    ledger.post_one(cast.user_bureau, town, EntryKind.SPENDING, Decimal("5000.05"))
    ledger.post_one(cast.user_bureau, room, EntryKind.SPENDING, Decimal("0.01"))
    return hub, town, room


def test_execution_by_town_links_and_totals(as_user, cast):
    _lines(cast)
    page = as_user("leader").get(f"/funding/execution/?year={YEAR}&by=town")
    html = page.content.decode()
    rows = {r.label: r for r in page.context["rows"]}
    assert rows["横渠镇"].budget == Decimal("20000.10") and rows["横渠镇"].spent == Decimal("5000.05")
    assert rows["首善街道"].budget == Decimal("10000") and rows["县级"].budget == Decimal("50000")
    total = page.context["total"]
    assert total.budget == Decimal("80000.10") and total.spent == Decimal("5000.06")
    assert "80,000.10" in html and "合计" in html
    assert f'href="/funding/lines/?year={YEAR}&amp;region={cast.hengqu.pk}"' in html
    # The county row links to the county's own lines only, not to every town's.
    county = as_user("leader").get(rows["县级"].url)
    assert len(county.context["table"].rows) == 1


def test_execution_by_source_and_in_scope_only(as_user, cast):
    _lines(cast)
    page = as_user("hengqu").get(f"/funding/execution/?year={YEAR}&by=source")
    rows = page.context["rows"]
    assert [(r.label, r.budget) for r in rows] == [("整合资金·儿童福利", Decimal("20000.10"))]


def _read(job) -> dict:
    with job.file.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    return {sheet.title: sheet for sheet in book.worksheets}


def _money(cell) -> Decimal:
    assert isinstance(cell.value, (int, float)), f"{cell.coordinate} is not a number: {cell.value!r}"
    assert cell.number_format == '#,##0.00"元"', cell.number_format
    return Decimal(str(cell.value)).quantize(Decimal("0.01"))


def test_the_page_asks_the_report_centre_for_the_excel_and_no_longer_builds_it_itself(as_user, cast):
    from wulian.models import ReportJob, ReportStatus

    _lines(cast)
    client = as_user("bureau")
    page = client.get(f"/funding/execution/?year={YEAR}&by=purpose").content.decode()
    assert 'action="/core/reports/new/funding_execution/"' in page and "export=xlsx" not in page
    response = client.post("/core/reports/new/funding_execution/", {"funding_execution-year": YEAR})
    assert response.status_code == 302
    job = ReportJob.objects.get(user=cast.user_bureau, report="funding_execution")
    assert job.status == ReportStatus.DONE, job.error  # in-process here; by a real worker below
    assert job.filename == f"预算执行情况{YEAR}年.xlsx"


def test_the_execution_workbook_has_a_sheet_per_level_with_exact_totals_in_yuan(cast):
    from wulian.models import ReportJob, ReportStatus
    from wulian.reports import registry, run_job

    _lines(cast)
    definition = registry["funding_execution"]
    assert definition.available_to(cast.user_leader) and not definition.available_to(cast.user_evaluator)
    job = ReportJob.objects.create(user=cast.user_leader, report="funding_execution", params={"year": YEAR})
    run_job(job)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    sheets = _read(job)
    assert list(sheets) == ["按县（区）", "按镇（街道）", "按站点或项目", "按资金来源", "按预算项目"]
    for title, sheet in sheets.items():
        header = [c.value for c in sheet[1]]
        assert header == [title, "预算", "已承诺", "已支出", "可用余额", "执行率"]
        body = list(sheet.iter_rows(min_row=2))
        total, rows = body[-1], body[:-1]
        assert total[0].value == "合计"
        for col in range(1, 5):  # each sheet's totals row is the exact sum of its rows, in 元
            assert _money(total[col]) == sum((_money(r[col]) for r in rows), Decimal(0)), (title, col)
        assert (_money(total[1]), _money(total[3])) == (Decimal("80000.10"), Decimal("5000.06"))
        assert total[5].number_format == "0.0%" and isinstance(total[5].value, float)
    towns = {r[0].value: _money(r[1]) for r in sheets["按镇（街道）"].iter_rows(min_row=2)}
    assert towns["横渠镇"] == Decimal("20000.10") and towns["县级"] == Decimal("50000")
    assert len(list(sheets["按预算项目"].iter_rows(min_row=2))) == 3 + 1


def test_a_town_reports_on_its_own_lines_only(cast):
    from wulian.models import ReportJob
    from wulian.reports import run_job

    _lines(cast)
    job = ReportJob.objects.create(user=cast.user_hengqu, report="funding_execution", params={"year": YEAR})
    run_job(job)
    job.refresh_from_db()
    total = list(_read(job)["按预算项目"].iter_rows(min_row=2))[-1]
    assert _money(total[1]) == Decimal("20000.10")


@pytest.mark.celery
@pytest.mark.xdist_group("celery")
@pytest.mark.django_db(transaction=True)
def test_the_execution_report_is_built_by_a_celery_worker_and_downloaded(client, settings):
    import time

    from tests.conftest import get_cast, load_cast
    from tests.report_worker import report_worker
    from wulian.models import ReportJob, ReportStatus

    load_cast()
    cast = get_cast()
    _lines(cast)
    with report_worker(settings):
        client.force_login(cast.user_bureau)
        response = client.post("/core/reports/new/funding_execution/", {"funding_execution-year": YEAR})
        assert response.status_code == 302
        job = ReportJob.objects.get(user=cast.user_bureau, report="funding_execution")
        deadline = time.monotonic() + 120
        while job.is_active and time.monotonic() < deadline:
            time.sleep(0.2)
            job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    download = client.get(reverse("wulian:report_download", args=[job.pk]))
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert len(book.worksheets) == 5


def test_the_dashboard_sums_the_lines_up_the_tree_and_links_to_them(as_user, cast):
    from wulian.dashboard import refresh
    from wulian.models import DashboardFigure

    _lines(cast)
    refresh(YEAR)
    value = {r.pk: DashboardFigure.objects.get(region=r, year=YEAR, key="funding.execution.budget").value
             for r in (cast.binhe, cast.shoushan, cast.mei)}
    assert value == {cast.binhe.pk: Decimal("10000"), cast.shoushan.pk: Decimal("10000"),
                     cast.mei.pk: Decimal("80000.10")}
    spent = DashboardFigure.objects.get(region=cast.mei, year=YEAR, key="funding.execution.spent").value
    assert spent == Decimal("5000.06")
    page = as_user("leader").get(f"/core/dashboard/?region={cast.mei.pk}&year={YEAR}").content.decode()
    assert "预算执行" in page and f"/funding/entries/?region={cast.mei.pk}&amp;year={YEAR}&amp;effect=budget" in page
