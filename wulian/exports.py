"""Excel output: one writer for list exports, import templates and reports.

Rows are streamed from the database (``iterator``) into openpyxl's write-only workbook, so memory stays
flat however many rows are exported. Column widths are computed for CJK text (a Chinese character is two
"0" glyphs wide).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django_tables2.rows import BoundRow
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from wulian.choices import AccessAction
from wulian.models import AccessLog

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 1_048_575  # an xlsx sheet holds 1,048,576 rows, one of them the header
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def display_width(text: str) -> int:
    """Width of ``text`` in Excel's "0"-glyph units: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def excel_value(value):
    """A value openpyxl writes natively: dates stay dates, money stays Decimal, the rest is text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (dt.date, int, float, Decimal)):
        return value
    if hasattr(value, "all") and callable(value.all):  # a related manager
        return "、".join(str(v) for v in value.all())
    return force_str(value)


def write_workbook(
    target,
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]],
    widths: dict[str, Sequence[int]] | None = None,
) -> int:
    """Write sheets of (title, headers, rows) to ``target``; return the number of data rows written."""
    wb = Workbook(write_only=True)
    total = 0
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        col_widths = list((widths or {}).get(title) or [min(max(display_width(str(h)) + 4, 10), 40) for h in headers])
        # In write-only mode widths must be set before the first row is appended.
        for index, width in enumerate(col_widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(ws, value=force_str(header))
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center")
            header_cells.append(cell)
        ws.append(header_cells)
        for count, row in enumerate(rows, start=1):
            if count > MAX_ROWS:
                break
            values = []
            for value in row:
                value = excel_value(value)
                if isinstance(value, dt.datetime):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = "yyyy-mm-dd hh:mm"
                    values.append(cell)
                elif isinstance(value, dt.date):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = "yyyy-mm-dd"
                    values.append(cell)
                else:
                    values.append(value)
            ws.append(values)
            total += 1
    wb.save(target)
    return total


def xlsx_response(path_or_file, filename: str) -> FileResponse:
    # Django writes the RFC 6266 header, with filename* for Chinese names.
    return FileResponse(path_or_file, content_type=XLSX_CONTENT_TYPE, as_attachment=True, filename=filename)


def exportable_columns(table):
    return [
        column
        for column in table.columns
        if column.visible and not getattr(column.column, "exclude_from_export", False) and column.name != "actions"
    ]


def iter_table_rows(table, queryset, columns, progress=None, total=None):
    """Values of ``columns`` for each row of ``queryset``, read in chunks, never all at once."""
    for done, record in enumerate(queryset.iterator(chunk_size=2000), start=1):
        row = BoundRow(record, table=table)
        yield [row.get_cell_value(column.name) for column in columns]
        if progress is not None and done % 500 == 0:
            progress(done, total)


def export_rows(request, model, title: str, headers, rows, action=AccessAction.EXPORT) -> FileResponse:
    """Rows (any iterable) as an .xlsx download named after ``title`` and the time; the export is logged
    (``action``: ``EXPORT_PERSONAL`` when the rows carry personal data unmasked)."""
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # removed when the response closes it
    count = write_workbook(handle, [(title, headers, rows)])
    handle.flush()
    handle.seek(0)
    AccessLog.record(request, action, model, row_count=count)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_response(handle, f"{title}-{stamp}.xlsx")


def export_table(request, table, queryset, title: str, action=AccessAction.EXPORT) -> FileResponse:
    """The filtered rows of a list page as an .xlsx download. Personal columns are masked by the table itself
    (``wulian.tables.MaskedColumn``) unless the view set ``table.reveal_personal_data``."""
    columns = exportable_columns(table)
    headers = [force_str(column.header) for column in columns]
    return export_rows(request, queryset.model, title, headers, iter_table_rows(table, queryset, columns), action)


def atomic_write(path: str, writer) -> None:
    """Write a file through ``writer(handle)`` to a temp name and rename it into place.

    A task killed half-way leaves no half file at ``path``.
    """
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            writer(handle)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
