"""Budget execution per town, source and purpose: the sums are exact Decimals, each figure links to the lines
it sums, and the Excel sheet keeps numbers (元 format, a rate as a percentage) with a totals row."""

from __future__ import annotations

import io
from decimal import Decimal

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


def test_execution_excel_is_numbers_with_a_totals_row(as_user, cast):
    _lines(cast)
    response = as_user("bureau").get(f"/funding/execution/?year={YEAR}&by=purpose&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    assert header[1:] == ["预算", "已承诺", "已支出", "可用余额", "执行率"]
    last = sheet.max_row
    assert sheet.cell(row=last, column=1).value == "合计"
    budget = sheet.cell(row=last, column=2)
    assert Decimal(str(budget.value)) == Decimal("80000.10") and budget.number_format == '#,##0.00"元"'
    assert sheet.cell(row=last, column=6).number_format == "0.0%"


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
    assert "预算执行" in page and f"/funding/lines/?region={cast.mei.pk}&amp;year={YEAR}" in page
