"""Excel output: one writer for list exports and reports.

Rows stream from the database (``iterator``) into xlsxwriter's ``constant_memory`` mode, which writes each row
to disk as soon as the next one starts, so memory stays flat however many rows are exported.

What a user gets is a sheet to compute with: numbers are numbers (money with a thousands separator and 元,
rates as ``0.0%``), dates and times are Excel dates in Asia/Shanghai, yes/no reads 是/否, an empty value is
an empty cell, the header row is frozen and the columns are as wide as their Chinese text. Text is always
written as text: a name such as ``=HYPERLINK(...)`` is shown as it was typed, never run as a formula.

A list export resolves how to read each column once per export (``table_export``), not once per cell, and,
when every column can say which database values it is made of, reads the rows as ``values_list`` tuples
instead of building model instances (the same cells, a quarter less CPU).
"""

from __future__ import annotations

import ast
import datetime as dt
import enum
import functools
import inspect
import operator
import os
import re
import tempfile
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import FileResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django_tables2 import columns as tables_columns
from django_tables2.rows import BoundRow
from django_tables2.utils import Accessor
from openpyxl.styles import PatternFill

from wulian.choices import AccessAction
from wulian.models import AccessLog
from wulian.money import MoneyField

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 1_048_575  # an xlsx sheet holds 1,048,576 rows, one of them the header
HEADER_COLOR = "DDEBF7"
HEADER_FILL = PatternFill("solid", fgColor=HEADER_COLOR)  # the import templates (openpyxl) look the same
# Text starting with one of these is what spreadsheet programs read as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
WIDTH_SAMPLE_ROWS = 1000  # column widths are fitted to the header and the first rows
MIN_WIDTH, MAX_WIDTH = 8, 60


class Kind(enum.Enum):
    """What a column holds, hence how Excel shows it."""

    AUTO = "auto"  # decided by each value's type
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"  # 元, fen precision
    PERCENT = "percent"  # a ratio (0.25), shown as 25.0%
    DATE = "date"
    DATETIME = "datetime"
    TIME = "time"
    YESNO = "yesno"


NUMBER_FORMATS = {
    Kind.MONEY: '#,##0.00"元"',
    Kind.PERCENT: "0.0%",
    Kind.DATE: 'yyyy"年"m"月"d"日"',
    Kind.DATETIME: 'yyyy"年"m"月"d"日" hh:mm',
    Kind.TIME: "hh:mm",
}
# Display widths of formatted values, in "0" glyphs (a Chinese character counts two).
KIND_WIDTHS = {Kind.DATE: 15, Kind.DATETIME: 21, Kind.TIME: 7, Kind.PERCENT: 8, Kind.YESNO: 4}


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, what it holds and, if it must be fixed, its width."""

    header: str
    kind: Kind = Kind.AUTO
    width: int | None = None


def display_width(text: str) -> int:
    """Width of ``text`` in Excel's "0"-glyph units: wide (CJK) characters count two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def local_naive(value: dt.datetime) -> dt.datetime:
    """An aware time as wall-clock time in the portal's zone (Asia/Shanghai); Excel has no zones."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def excel_serial(value) -> float:
    """A date, datetime or time as Excel's serial number (days since 1899-12-30)."""
    if isinstance(value, dt.datetime):
        value = local_naive(value)
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return value.toordinal() - EXCEL_EPOCH + seconds / 86400
    if isinstance(value, dt.date):
        return value.toordinal() - EXCEL_EPOCH
    return (value.hour * 3600 + value.minute * 60 + value.second) / 86400  # a time of day


def yes_no(value) -> str:
    return "是" if value else "否"


def text_of(value) -> str:
    """What a non-number, non-date value reads as in a cell."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, models.Manager):  # a related manager: its rows' names
        return "、".join(str(v) for v in value.all())
    if isinstance(value, (list, tuple, set)):
        return "、".join(force_str(v) for v in value)
    return force_str(value)


_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title, used: set[str]) -> str:
    """A valid, unique sheet name (31 characters at most, none of []:*?/\\)."""
    base = _INVALID_SHEET_CHARS.sub("", force_str(title)).strip("'")[:31] or "Sheet"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]}-{n}"
    used.add(name.lower())
    return name


class _Sheet:
    """Writes typed cells into one constant-memory worksheet and fits the column widths."""

    def __init__(self, workbook, formats, title, columns: Sequence[Column], used_names):
        self.ws = workbook.add_worksheet(sheet_name(title, used_names))
        self.formats = formats
        self.columns = columns
        self.widths = [display_width(c.header) + 2 for c in columns]
        self.ws.freeze_panes(1, 0)
        self.ws.set_row(0, 20)
        for index, column in enumerate(columns):
            # The column format applies to every cell written without its own: dates, money and rates are
            # written as bare numbers and take it from here.
            self.ws.set_column(index, index, MIN_WIDTH, formats.get(NUMBER_FORMATS.get(column.kind)))
            self.ws.write_string(0, index, column.header, formats.header)
        self.writers = [self._writer(c.kind) for c in columns]

    def _writer(self, kind: Kind) -> Callable[[int, int, object], None]:
        ws, formats = self.ws, self.formats
        # The undecorated writers (xlsxwriter is pinned): the public ones first check for "A1" notation.
        write_number, write_string = ws._write_number, ws._write_string
        quoted = formats.quoted

        def text(row, col, value):
            if value.__class__ is not str:
                value = text_of(value)
            if not value:
                return
            if value.startswith(FORMULA_TRIGGERS):
                # A string cell is never evaluated; the quote prefix keeps it text even when edited in Excel.
                write_string(row, col, value, quoted)
            else:
                write_string(row, col, value)

        def number(row, col, value):
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                value = float(value)
                if value - value == 0:  # not NaN or infinite: those stay empty (Excel has no such number)
                    write_number(row, col, value)
            else:
                auto(row, col, value)

        def date(row, col, value):
            if isinstance(value, dt.time) or (isinstance(value, dt.date) and value.year >= 1900):
                write_number(row, col, excel_serial(value))
            else:
                auto(row, col, value)

        def yesno(row, col, value):
            write_string(row, col, yes_no(value))

        def auto(row, col, value):
            if isinstance(value, bool):
                write_string(row, col, yes_no(value))
            elif isinstance(value, (int, float, Decimal)):
                number(row, col, value)
            elif isinstance(value, dt.date) and value.year < 1900:  # before Excel's calendar: as text
                write_string(row, col, value.isoformat())
            elif isinstance(value, dt.datetime):
                write_number(row, col, excel_serial(value), formats.datetime)
            elif isinstance(value, dt.date):
                write_number(row, col, excel_serial(value), formats.date)
            elif isinstance(value, dt.time):
                write_number(row, col, excel_serial(value), formats.time)
            else:
                text(row, col, value)

        if kind in (Kind.INTEGER, Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
            return number
        if kind in (Kind.DATE, Kind.DATETIME, Kind.TIME):
            return date
        if kind is Kind.YESNO:
            return yesno
        if kind is Kind.TEXT:
            return text
        return auto

    def write_rows(self, rows: Iterable[Sequence]) -> int:
        writers = self.writers
        count = 0
        for count, values in enumerate(rows, start=1):
            if count > MAX_ROWS:
                return MAX_ROWS
            for col, value in enumerate(values):
                if value is not None and value != "":
                    writers[col](count, col, value)
            if count <= WIDTH_SAMPLE_ROWS:
                self._measure(values)
        return count

    def _measure(self, values):
        widths, columns = self.widths, self.columns
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            kind = columns[col].kind
            width = KIND_WIDTHS.get(kind)
            if width is None:
                if isinstance(value, bool):
                    width = 4
                elif isinstance(value, (int, float, Decimal)):
                    width = len(f"{value:,.2f}") + (2 if kind is Kind.MONEY else 0)
                elif isinstance(value, dt.datetime):
                    width = KIND_WIDTHS[Kind.DATETIME]
                elif isinstance(value, dt.date):
                    width = KIND_WIDTHS[Kind.DATE]
                else:
                    width = display_width(text_of(value))
            if width + 2 > widths[col]:
                widths[col] = width + 2

    def fit_widths(self):
        for index, (column, width) in enumerate(zip(self.columns, self.widths, strict=True)):
            width = column.width or min(max(width, MIN_WIDTH), MAX_WIDTH)
            self.ws.set_column(index, index, width, self.formats.get(NUMBER_FORMATS.get(column.kind)))


class _Formats:
    def __init__(self, workbook):
        self.workbook = workbook
        self.cache = {}
        self.header = workbook.add_format({"bold": True, "bg_color": f"#{HEADER_COLOR}", "valign": "vcenter"})
        self.quoted = workbook.add_format({"quote_prefix": True})
        self.date = self.get(NUMBER_FORMATS[Kind.DATE])
        self.datetime = self.get(NUMBER_FORMATS[Kind.DATETIME])
        self.time = self.get(NUMBER_FORMATS[Kind.TIME])

    def get(self, num_format):
        if num_format is None:
            return None
        if num_format not in self.cache:
            self.cache[num_format] = self.workbook.add_format({"num_format": num_format})
        return self.cache[num_format]


def as_columns(headers) -> list[Column]:
    return [h if isinstance(h, Column) else Column(force_str(h)) for h in headers]


def write_workbook(
    target,
    sheets: Sequence[tuple[str, Sequence[str | Column], Iterable[Sequence]]],
    widths: dict[str, Sequence[int]] | None = None,
) -> int:
    """Write sheets of (title, columns, rows) to ``target`` (a path or a binary file); return the data rows written.

    A column is a header (its cells typed by their values) or a ``Column`` that says what it holds. ``widths``
    fixes the widths of a sheet's columns by its title; otherwise they fit the header and the first rows.
    """
    name = getattr(target, "name", target)
    tmpdir = os.path.dirname(name) if isinstance(name, str) and os.path.isabs(name) else None
    workbook = xlsxwriter.Workbook(
        target, {"constant_memory": True, "tmpdir": tmpdir}
    )
    formats = _Formats(workbook)
    used: set[str] = set()
    total = 0
    try:
        for title, headers, rows in sheets:
            columns = as_columns(headers)
            fixed = (widths or {}).get(title)
            if fixed:
                columns = [Column(c.header, c.kind, w) for c, w in zip(columns, fixed, strict=False)] + columns[len(fixed):]
            sheet = _Sheet(workbook, formats, title, columns, used)
            total += sheet.write_rows(rows)
            sheet.fit_widths()
        workbook.close()
    except BaseException:
        # constant_memory keeps each sheet's rows in a temporary file until close(): remove them (they may
        # hold personal data) rather than leave them behind.
        for ws in workbook.worksheets():
            handle = getattr(ws, "row_data_fh", None)
            if handle is not None:
                handle.close()
            if getattr(ws, "row_data_filename", None) and os.path.exists(ws.row_data_filename):
                os.unlink(ws.row_data_filename)
        raise
    return total


def xlsx_response(path_or_file, filename: str) -> FileResponse:
    # Django writes the RFC 6266 header, with filename* for Chinese names.
    return FileResponse(path_or_file, content_type=XLSX_CONTENT_TYPE, as_attachment=True, filename=filename)


# -- list exports: a django-tables2 table's columns, each read the same way for every row ----------------------

def exportable_columns(table):
    return [
        column
        for column in table.columns
        if column.visible and not getattr(column.column, "exclude_from_export", False) and column.name != "actions"
    ]


# Column classes whose export value is the field's own value (their ``value`` only turns it into text: "True",
# an ISO date); their cells are typed from the model field instead.
RAW_VALUE_COLUMNS = (
    tables_columns.BooleanColumn,
    tables_columns.DateColumn,
    tables_columns.DateTimeColumn,
    tables_columns.TimeColumn,
)
FIELD_KINDS = (
    (models.BooleanField, Kind.YESNO),
    (models.DateTimeField, Kind.DATETIME),
    (models.DateField, Kind.DATE),
    (models.TimeField, Kind.TIME),
    (MoneyField, Kind.MONEY),
    (models.DecimalField, Kind.NUMBER),
    (models.FloatField, Kind.NUMBER),
    (models.IntegerField, Kind.INTEGER),
    (models.AutoField, Kind.INTEGER),
)
CELL_ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")


def _field_path(model, accessor: str):
    """The model fields ``accessor`` walks through (``activity__date``), or None if it is not a field path."""
    fields = []
    for part in accessor.replace(".", "__").split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if field.many_to_many or field.one_to_many:
            return None
        fields.append(field)
        model = field.related_model
    return fields


def _attribute_getter(fields) -> Callable:
    """Follows a path of fields; a missing link on the way (a null foreign key) reads as None.

    A field with choices reads as its label and a foreign key as its row's name, like on the page; the labels
    are translated once per export here (``get_FOO_display`` would do it for every cell).
    """
    get = operator.attrgetter(".".join(f.name for f in fields))
    if len(fields) > 1:
        follow = get

        def get(record):
            try:
                return follow(record)
            except AttributeError:  # a None on the way
                return None

    last = fields[-1]
    if last.choices:
        labels = {make_hashable(value): force_str(label) for value, label in last.flatchoices}
        read = get

        def get(record):
            value = read(record)
            return labels.get(value, value)

    elif last.is_relation:
        read = get

        def get(record):
            value = read(record)
            return None if value is None else str(value)

    return get


def _kind_of(field) -> Kind:
    if field.choices or field.is_relation:
        return Kind.TEXT
    for field_class, kind in FIELD_KINDS:
        if isinstance(field, field_class):
            return kind
    return Kind.TEXT


def _value_function(table, bound_column):
    """The function that gives a column's export value, if the table or column defines one beyond the value."""
    column, name = bound_column.column, bound_column.name
    custom = getattr(table, f"value_{name}", None) or getattr(table, f"render_{name}", None)
    if custom is not None:
        return custom
    if isinstance(column, RAW_VALUE_COLUMNS):
        return None
    column_class = type(column)
    if column_class.value is tables_columns.Column.value and column_class.render is tables_columns.Column.render:
        return None  # a plain column: its value is the field's value
    return column.value


def export_as_str(table, record) -> str:
    """A table's ``value_FOO = export_as_str``: the column exports ``str(record)``. Declared this way (rather than
    ``return str(record)``) the export can read it from the database values ``__str__`` is made of."""
    return str(record)


# -- the values path: which database values each column is made of -------------------------------------------
#
# A column's values spec is (paths, make): ``make(*values)`` for the values of ``paths`` (``values_list``) gives
# exactly what the column's object reader gives for the same row. A column without one needs Python with the
# row object (a method, a template, an unknown ``__str__``), and then the whole export reads objects.


@functools.cache
def _str_parts(model) -> tuple | None:
    """``model.__str__`` as literal text and field paths, if it is ``return self.a`` or an f-string of such
    attributes (``f"{self.activity.title}：{self.volunteer.name}"``); None if it does anything else."""
    method = model.__str__
    if method is models.Model.__str__:
        return None
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(method)))
    except (OSError, TypeError, SyntaxError):
        return None
    function = tree.body[0] if tree.body else None
    if not isinstance(function, ast.FunctionDef) or not function.args.args:
        return None
    body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return None
    self_name = function.args.args[0].arg
    expression = body[0].value
    pieces = expression.values if isinstance(expression, ast.JoinedStr) else [expression]
    parts = []
    for piece in pieces:
        if isinstance(piece, ast.Constant) and isinstance(piece.value, str):
            parts.append(piece.value)
            continue
        if isinstance(piece, ast.FormattedValue):
            if piece.conversion != -1 or piece.format_spec is not None:
                return None
            piece = piece.value
        names = []
        while isinstance(piece, ast.Attribute):
            names.append(piece.attr)
            piece = piece.value
        if not names or not isinstance(piece, ast.Name) or piece.id != self_name:
            return None
        fields = _field_path(model, "__".join(reversed(names)))
        # Through required foreign keys only (a missing one makes ``__str__`` fail, the values would not), to a
        # plain value (a related object would be its own ``__str__`` again).
        if fields is None or fields[-1].is_relation or any(f.null for f in fields[:-1]):
            return None
        parts.append(("__".join(f.name for f in fields),))
    return tuple(parts)


def _str_spec(model, prefix: str = ""):
    """The values spec of ``str(instance)`` of ``model`` reached through ``prefix`` (``volunteer__``), or None."""
    parts = _str_parts(model)
    if parts is None:
        return None
    paths = [prefix + part[0] for part in parts if isinstance(part, tuple)]
    if len(parts) == 1 and paths:  # ``return self.name``: the value itself, as str() gives it
        return tuple(paths), force_str
    template = "".join("{}" if isinstance(part, tuple) else part.replace("{", "{{").replace("}", "}}")
                       for part in parts)
    return tuple(paths), lambda *values: template.format(*values)


def _field_spec(fields):
    """The values spec of ``_attribute_getter(fields)``: the value, a choice's label, a related row's name."""
    path = "__".join(f.name for f in fields)
    last = fields[-1]
    if last.is_relation:
        spec = _str_spec(last.related_model, path + "__")
        if spec is None:
            return None
        paths, make = spec

        def related(key, *values):  # the key first: no related row reads as None
            return None if key is None else make(*values)

        return (path, *paths), related
    if last.choices:
        labels = {make_hashable(value): force_str(label) for value, label in last.flatchoices}

        def label(value):
            return labels.get(value, value)

        return (path,), label
    return (path,), None


def _annotation_spec(queryset, accessor: str):
    """The key, or an annotated value the queryset computes (``hours_total``): read under its own name."""
    if accessor == "pk" or (queryset is not None and accessor in queryset.query.annotations):
        return (accessor,), None
    return None


def column_reader(table, bound_column, queryset=None) -> tuple[Column, Callable, tuple | None]:
    """How to read one column of the table, worked out once per export: (column, reader, values spec).

    The reader reads a record (a model instance); the values spec, when there is one, says which
    ``values_list`` paths give the same value and how: ``(paths, make)``, ``make`` None for the value itself.
    """
    header = force_str(bound_column.header)
    column = bound_column.column
    empty = tuple(column.empty_values)
    model = getattr(table._meta, "model", None)
    fields = _field_path(model, str(bound_column.accessor)) if model is not None else None
    function = _value_function(table, bound_column)

    if fields is not None:
        read = _attribute_getter(fields)
        kind = _kind_of(fields[-1])
        spec = _field_spec(fields)
    else:
        accessor = Accessor(bound_column.accessor)

        def read(record):
            return accessor.resolve(record, quiet=True)

        kind = Kind.AUTO
        spec = _annotation_spec(queryset, str(bound_column.accessor))
    # A column may say what it holds where the field cannot (``excel_kind = Kind.MONEY`` on an amount).
    declared = getattr(column, "excel_kind", None)
    # None and "" are both an empty cell: a column whose empty values are no more than those needs no check.
    check_empty = bool(set(empty) - {None, ""})

    if function is None:
        kind = declared or kind
        if not empty:
            return Column(header, kind), read, spec

        def plain(record):
            value = read(record)
            return None if value in empty else value

        return Column(header, kind), plain, _then(spec, None, empty if check_empty else ())

    if getattr(function, "__func__", function) is export_as_str:
        spec = _str_spec(model) if model is not None else None
        return Column(header, declared or Kind.AUTO), lambda record: str(record), spec

    # A value_/render_ method or a column's own value (masking, a checklist…): called with the arguments it
    # names, found once here instead of by inspect.signature for every cell as django-tables2 does.
    parameters = inspect.signature(function).parameters
    wants_all = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
    names = set(CELL_ARGUMENTS) if wants_all else {n for n in parameters if n in CELL_ARGUMENTS}
    if "bound_row" in names or any(
        n not in CELL_ARGUMENTS and p.default is p.empty and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
        for n, p in parameters.items()
    ):
        # Needs the row object (or something we cannot give): let django-tables2 do it, slowly but exactly.
        name = bound_column.name

        def by_row(record):
            return BoundRow(record, table=table).get_cell_value(name)

        return Column(header, Kind.AUTO), by_row, None
    fixed = {"column": column, "bound_column": bound_column, "table": table}
    fixed = {k: v for k, v in fixed.items() if k in names}
    wants_value, wants_record = "value" in names, "record" in names

    def computed(record):
        value = read(record)
        if value in empty:
            return None
        arguments = dict(fixed)
        if wants_value:
            arguments["value"] = value
        if wants_record:
            arguments["record"] = record
        return function(**arguments)

    if wants_record:
        spec = None  # the method reads the row object: only the object path can give it

    def apply(value):
        arguments = dict(fixed)
        if wants_value:
            arguments["value"] = value
        return function(**arguments)

    return Column(header, declared or Kind.AUTO), computed, _then(spec, apply, empty)


def _then(spec, function, empty):
    """``spec`` whose value, unless it is one of ``empty`` (then None), goes through ``function``."""
    if spec is None or (function is None and not empty):
        return spec
    paths, make = spec

    def then(*values):
        value = make(*values) if make is not None else values[0]
        if value in empty:
            return None
        return function(value) if function is not None else value

    return paths, then


def _values_rows(queryset, specs, chunk_size):
    """Rows read as ``values_list`` tuples: each column takes its values by position, no model instance built."""
    index: dict[str, int] = {"pk": 0}  # the key keeps rows apart (a DISTINCT over fewer columns would merge them)
    for paths, _make in specs:
        for path in paths:
            index.setdefault(path, len(index))
    getters = []
    for paths, make in specs:
        positions = [index[p] for p in paths]
        if make is None:
            getters.append(operator.itemgetter(positions[0]))
        elif len(positions) == 1:
            getters.append(lambda row, make=make, at=positions[0]: make(row[at]))
        else:
            pick = operator.itemgetter(*positions)
            getters.append(lambda row, make=make, pick=pick: make(*pick(row)))
    values = queryset.prefetch_related(None).values_list(*index)
    for row in values.iterator(chunk_size=chunk_size):
        yield [get(row) for get in getters]


def export_readers(table, queryset=None) -> list[tuple[Column, Callable, tuple | None]]:
    """(column, object reader, values spec) of each exported column of ``table``."""
    return [column_reader(table, bound_column, queryset) for bound_column in exportable_columns(table)]


def reads_values(table, queryset) -> bool:
    """Whether the export of ``table`` reads ``values_list`` tuples (every column has a values spec)."""
    return all(spec is not None for _, _, spec in export_readers(table, queryset))


def table_export(table, queryset, progress=None, total=None, use_values=True) -> tuple[list[Column], Iterable[list]]:
    """The export columns of ``table`` and its rows for ``queryset``, streamed in chunks, never all at once.

    When every column has a values spec the rows are read with ``values_list`` (``use_values=False`` forces
    the object path, which gives the same cells: the tests compare the two).
    """
    readers = export_readers(table, queryset)
    columns = [column for column, _, _ in readers]
    specs = [spec for _, _, spec in readers]
    chunk_size = 2000

    if use_values and all(spec is not None for spec in specs):
        source = _values_rows(queryset, specs, chunk_size)
    else:
        getters = [reader for _, reader, _ in readers]
        source = ([get(record) for get in getters] for record in queryset.iterator(chunk_size=chunk_size))

    if progress is None:
        return columns, source

    def rows():
        for done, row in enumerate(source, start=1):
            yield row
            if done % 500 == 0:
                progress(done, total)

    return columns, rows()


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
    columns, rows = table_export(table, queryset)
    return export_rows(request, queryset.model, title, columns, rows, action)


def atomic_write(path: str, writer) -> None:
    """Write a file through ``writer(handle)`` to a temp name and rename it into place.

    A task killed half-way leaves no half file at ``path``.
    """
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, suffix=".part")
    os.close(fd)
    try:
        # Opened by name, so the writer can keep its own temporary files beside it (``handle.name``).
        with open(tmp, "wb") as handle:
            writer(handle)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
