"""Bulk import from Excel templates: the one import path of the portal.

Every row is validated by the model's import form (a ``ScopedModelForm``, so names of records outside the
user's scope are rejected like forged form values). Only when every row is valid are they saved, all in one
transaction, and each saved row is checked once more to lie in the user's scope; otherwise nothing is saved
and the user gets a per-row error report in Chinese.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from wulian import writes
from wulian.exports import HEADER_FILL, display_width
from wulian.office_zip import OfficePackage, PackageRefused

MAX_IMPORT_ROWS = 10_000
MAX_IMPORT_BYTES = 10 * 1024 * 1024
# Bounds checked before and while the workbook is read, so parsing time is bounded whatever the file holds:
# what the package may unpack to, how many parts and sheets it may have, the furthest row number read
# (blank rows between data rows are allowed up to this) and the columns read per row.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PACKAGE_PARTS = 500
MAX_IMPORT_SHEETS = 20
MAX_SHEET_ROWS = MAX_IMPORT_ROWS + 2_000
MAX_IMPORT_COLUMNS = 100
LIST_SEPARATORS = re.compile(r"[、，,;；\n]+")


@dataclass
class RowError:
    row: int  # the Excel row number (the header is row 1)
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    unchanged: int = 0  # rows already on record, left as they are (a ledger imported again adds only what is new)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRejected(Exception):
    """The whole import is refused; nothing was saved."""


def check_package(upload) -> None:
    """Refuse a package that is not a plain .xlsx before any XML in it is parsed (the core's bounded Office
    reader, ``wulian.office_zip``, checks the parts, what they unpack to and that none declares a DTD)."""
    not_excel = _("This is not an Excel (.xlsx) file. Download the template and fill it in.")
    try:
        with OfficePackage(upload, max_parts=MAX_PACKAGE_PARTS, max_unpacked=MAX_UNPACKED_BYTES):
            pass
    except PackageRefused as exc:
        if exc.reason == "unpacked":
            raise ImportRejected(
                _("The file unpacks to more than %d MB, too large to import; split it into several files.")
                % (MAX_UNPACKED_BYTES // (1024 * 1024))
            ) from exc
        if exc.reason == "dtd":
            raise ImportRejected(
                _("The Excel file contains declarations that Excel never writes; it is not imported.")
            ) from exc
        raise ImportRejected(not_excel) from exc
    finally:
        upload.seek(0)


class Importer:
    """Describe an import: the model, its import form and the form fields that are columns, in order.

    Column headers are the form fields' labels, so the template, the check of the header row and the
    error report all speak the same words.
    """

    model = None
    form_class: type[forms.ModelForm] = None
    fields: list[str] = []
    # Fields that together identify a row; a second row with the same values in one file is an error.
    duplicate_key: tuple[str, ...] = ()
    title: str = ""
    # Extra help per field shown in the template's 说明 sheet, e.g. {"date": "2023-06-30"}.
    hints: dict[str, str] = {}
    # What the import page says above the upload, the file types it takes and the label of the file field.
    instructions: tuple[str, ...] = ()
    accept = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    file_label = gettext_lazy("Excel file (.xlsx)")

    def on_record(self, data: dict) -> bool:
        """Whether the row (as read, before validation) is already on record: such a row is left as it is and
        counted, so the same ledger can be imported again without duplicating anything. None by default."""
        return False

    def success_message(self, result) -> str:
        if result.unchanged:
            return _("%(count)d rows were imported; %(unchanged)d already on record were left as they are.") % {
                "count": result.created, "unchanged": result.unchanged}
        return _("%(count)d rows were imported.") % {"count": result.created}

    def __init__(self, user):
        self.user = user

    # -- the template -------------------------------------------------------------------------
    def blank_form(self):
        return self.form_class(user=self.user)

    def headers(self) -> list[str]:
        form = self.blank_form()
        return [force_str(form.fields[name].label) for name in self.fields]

    def describe(self, name: str, formfield) -> str:
        if name in self.hints:
            return force_str(self.hints[name])
        if isinstance(formfield, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
            return _("Several values separated by 、")
        if isinstance(formfield, forms.DateField):
            return _("Date, e.g. 2023-06-30")
        if isinstance(formfield, forms.BooleanField):
            return _("是 or 否")
        if isinstance(formfield, forms.DecimalField | forms.IntegerField):
            return _("Number")
        if isinstance(formfield, forms.ModelChoiceField):
            return _("Name, exactly as in the portal")
        return ""

    def choice_labels(self, formfield) -> list[str]:
        if isinstance(formfield, forms.ModelChoiceField):
            return []
        choices = getattr(formfield, "choices", None)
        if not choices:
            return []
        return [force_str(label) for value, label in choices if value not in ("", None)]

    def template_bytes(self) -> bytes:
        form = self.blank_form()
        wb = Workbook()
        ws = wb.active
        ws.title = _("Data")[:31]
        notes = wb.create_sheet(_("Instructions")[:31])
        notes.append([_("Column"), _("Required"), _("How to fill in"), _("Allowed values")])
        for cell in notes[1]:
            cell.font = Font(bold=True)
        for index, name in enumerate(self.fields, start=1):
            formfield = form.fields[name]
            header = force_str(formfield.label)
            cell = ws.cell(row=1, column=index, value=header)
            cell.font = Font(bold=True, color="C00000" if formfield.required else "000000")
            cell.fill = HEADER_FILL
            ws.column_dimensions[get_column_letter(index)].width = max(display_width(header) + 4, 14)
            labels = self.choice_labels(formfield)
            joined = ",".join(labels)
            if labels and len(joined) < 250 and not isinstance(formfield, forms.MultipleChoiceField):
                validation = DataValidation(type="list", formula1=f'"{joined}"', allow_blank=not formfield.required)
                validation.error = _("Choose a value from the list.")
                ws.add_data_validation(validation)
                validation.add(f"{get_column_letter(index)}2:{get_column_letter(index)}{MAX_IMPORT_ROWS + 1}")
            notes.append(
                [header, _("yes") if formfield.required else _("no"), self.describe(name, formfield), "、".join(labels)]
            )
        ws.freeze_panes = "A2"
        for col, width in zip("ABCD", (18, 8, 36, 60), strict=True):
            notes.column_dimensions[col].width = width
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()

    # -- reading ------------------------------------------------------------------------------
    def cell_to_data(self, formfield, value):
        """Turn an Excel cell into what the form field expects as submitted data."""
        if value is None:
            return [] if isinstance(formfield, forms.MultipleChoiceField) else ""
        if isinstance(value, dt.datetime):
            value = value.date() if value.time() == dt.time(0) else value
            return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if isinstance(formfield, forms.BooleanField | forms.NullBooleanField):
            return {"是": "true", "否": "false", "yes": "true", "no": "false", "1": "true", "0": "false"}.get(
                text.lower(), text
            )
        if isinstance(formfield, forms.ModelMultipleChoiceField):
            return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]
        if isinstance(formfield, forms.MultipleChoiceField):
            mapping = self._label_map(formfield)
            return [mapping.get(part.strip(), part.strip()) for part in LIST_SEPARATORS.split(text) if part.strip()]
        if isinstance(formfield, forms.ChoiceField) and not isinstance(formfield, forms.ModelChoiceField):
            return self._label_map(formfield).get(text, text)
        return text

    @staticmethod
    def _label_map(formfield) -> dict[str, str]:
        mapping = {}
        for value, label in formfield.choices:
            mapping[force_str(label)] = str(value)
            mapping[str(value)] = str(value)
        return mapping

    def read_rows(self, upload) -> list[tuple[int, dict]]:
        """Read the uploaded workbook; refuse it whole if it is not the template's shape.

        The package is checked before openpyxl sees it (size unpacked, parts, no DTDs), then the first sheet
        is streamed in read-only mode and reading stops at the row and column limits: a declared
        ``<dimension>`` of a million rows, a lone row at 1,048,576 or millions of empty ``<row/>`` elements
        cost no more than a full template. Anything openpyxl cannot parse is a message, never a 500.
        """
        if upload.size > MAX_IMPORT_BYTES:
            raise ImportRejected(_("The file is larger than 10 MB."))
        check_package(upload)
        try:
            wb = load_workbook(upload, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - a hostile or broken file may fail anywhere in openpyxl
            raise ImportRejected(_("This is not an Excel (.xlsx) file. Download the template and fill it in.")) from exc
        try:
            return self._read_sheet(wb)
        except ImportRejected:
            raise
        except Exception as exc:  # noqa: BLE001 - truncated or malformed sheet XML
            raise ImportRejected(
                _("The Excel file is damaged and cannot be read. Download the template and fill it in again.")
            ) from exc
        finally:
            wb.close()

    def _read_sheet(self, wb) -> list[tuple[int, dict]]:
        if not wb.sheetnames:
            raise ImportRejected(_("The Excel file has no worksheet. Download the template and fill it in."))
        if len(wb.sheetnames) > MAX_IMPORT_SHEETS:
            raise ImportRejected(
                _("The Excel file has more than %d worksheets; put the data on the first sheet of the template.")
                % MAX_IMPORT_SHEETS
            )
        ws = wb.worksheets[0]
        too_long = _(
            "The sheet has more than %(rows)d rows (at most %(limit)d rows can be imported at once); delete the empty rows below the data."
        ) % {"rows": MAX_SHEET_ROWS, "limit": MAX_IMPORT_ROWS}
        if (ws.max_row or 0) > MAX_SHEET_ROWS:
            raise ImportRejected(too_long)
        expected = self.headers()
        width = min(len(expected) + 20, MAX_IMPORT_COLUMNS)
        rows = ws.iter_rows(max_col=width, values_only=True)
        try:
            header_row = next(rows)
        except StopIteration as exc:
            raise ImportRejected(_("The sheet is empty.")) from exc
        headers = [str(h).strip() if h is not None else "" for h in header_row]
        while headers and not headers[-1]:
            headers.pop()
        unknown = [h for h in headers if h and h not in expected]
        missing = [h for h in expected if h not in headers]
        problems = []
        if missing:
            problems.append(_("Missing columns: %s") % "、".join(missing))
        if unknown:
            problems.append(_("Unknown columns: %s") % "、".join(unknown))
        if len(set(h for h in headers if h)) != len([h for h in headers if h]):
            problems.append(_("A column appears twice."))
        if problems:
            raise ImportRejected(" ".join(problems) + " " + _("Use the columns of the template."))
        index = {h: i for i, h in enumerate(headers) if h}
        form = self.blank_form()
        out = []
        for number, values in enumerate(rows, start=2):
            if number > MAX_SHEET_ROWS:
                raise ImportRejected(too_long)
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            if len(out) >= MAX_IMPORT_ROWS:
                raise ImportRejected(_("At most %d rows can be imported at once.") % MAX_IMPORT_ROWS)
            data = {}
            for name, header in zip(self.fields, expected, strict=True):
                i = index[header]
                value = values[i] if i < len(values) else None
                data[name] = self.cell_to_data(form.fields[name], value)
            out.append((number, data))
        if not out:
            raise ImportRejected(_("The file has no data rows."))
        return out

    # -- validating and saving ------------------------------------------------------------------
    @staticmethod
    def entered(value) -> str:
        if value in (None, "", []):
            return ""
        if isinstance(value, list | tuple):
            return "、".join(str(v) for v in value)
        return str(value)[:60]

    def make_form(self, data):
        return self.form_class(data=data, user=self.user)

    def key_of(self, form) -> tuple | None:
        if not self.duplicate_key:
            return None
        key = tuple(form.cleaned_data.get(name) for name in self.duplicate_key)
        return key if all(v not in (None, "") for v in key) else None

    def run(self, upload) -> ImportResult:
        result = ImportResult()
        try:
            rows = self.read_rows(upload)
        except ImportRejected as exc:
            result.errors.append(RowError(0, "", str(exc)))
            return result
        labels = dict(zip(self.fields, self.headers(), strict=True))
        forms_ok = []
        seen: dict[tuple, int] = {}
        for number, data in rows:
            if self.on_record(data):
                result.unchanged += 1
                continue
            form = self.make_form(data)
            if not form.is_valid():
                for name, messages in form.errors.items():
                    column = labels.get(name, "") if name != "__all__" else ""
                    entered = self.entered(data.get(name)) if name != "__all__" else ""
                    for message in messages:
                        if entered:
                            # Say what the cell holds, so the clerk can find it in the sheet.
                            message = _("%(message)s (the cell holds: %(value)s)") % {"message": message, "value": entered}
                        result.errors.append(RowError(number, column, message))
                continue
            key = self.key_of(form)
            if key is not None:
                if key in seen:
                    result.errors.append(
                        RowError(number, "", _("Same as row %(row)d: duplicate rows are not imported.") % {"row": seen[key]})
                    )
                    continue
                seen[key] = number
            forms_ok.append((number, form))
        if result.errors:
            return result
        # Each row through the write path (save, domain rules, scope re-check; a savepoint each), all rows in
        # one transaction: a refused row is reported with its number and nothing at all is saved.
        with transaction.atomic():
            for number, form in forms_ok:
                try:
                    writes.write(self.user, "add", form.save)
                except writes.OutOfScope:
                    result.errors.append(RowError(number, "", _("This row lies outside your area.")))
                except writes.Refused as exc:
                    result.errors.append(RowError(number, labels.get(exc.field, ""), exc.message))
            if result.errors:
                transaction.set_rollback(True)
                return result
        result.created = len(forms_ok)
        return result
