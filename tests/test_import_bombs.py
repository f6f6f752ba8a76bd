"""Hostile and broken workbooks: each is refused with a Chinese message on the form, quickly, never a 500.

The files are built here, from the real import template, so each test shows exactly what is wrong in them.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from volunteers.models import Volunteer

IMPORT_PAGES = (
    "volunteers:volunteer_import",
    "volunteers:servicehours_import",
    "organizations:socialorganization_import",
    "stations:activity_import",
    "stations:staffmember_import",
)
SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def template_bytes(client, page: str) -> bytes:
    response = client.get(reverse(page), {"template": 1})
    assert response.status_code == 200
    return response.content


def rebuild(template: bytes, replace: dict[str, bytes | None], *, extra=None) -> bytes:
    """The template with some members replaced (None: left out); ``extra(zip)`` may stream more members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    target.writestr(info.filename, replace[info.filename])
                continue
            target.writestr(info, source.read(info.filename))
        if extra:
            extra(target)
    return out.getvalue()


def inline_row(number: int, values: list[str]) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)
    return f'<row r="{number}">{cells}</row>'.encode()


def upload(client, page, content: bytes):
    started = time.monotonic()
    response = client.post(reverse(page), {"file": SimpleUploadedFile("data.xlsx", content)})
    return response, time.monotonic() - started


def assert_refused(response, elapsed, *phrases):
    assert response.status_code == 200, response.status_code
    text = response.content.decode()
    assert "未导入任何数据" in text
    for phrase in phrases:
        assert phrase in text, phrase
    # Loose bound: the file is refused after reading a bounded part of it, not after minutes of padding.
    assert elapsed < 15, elapsed


@pytest.fixture
def clerk(as_user):
    return as_user("binhe")


def test_a_declared_dimension_of_a_million_rows_is_refused_before_reading(clerk):
    template = template_bytes(clerk, "volunteers:volunteer_import")
    sheet = (
        SHEET_HEAD
        + b'<dimension ref="A1:XFD1048576"/><sheetData>'
        + inline_row(1, ["姓名"])
        + inline_row(1048576, ["张三"])
        + b"</sheetData></worksheet>"
    )
    response, elapsed = upload(clerk, "volunteers:volunteer_import", rebuild(template, {SHEET: sheet}))
    assert_refused(response, elapsed, "行数超过")
    assert not Volunteer.objects.exists()


def test_one_row_far_below_without_a_dimension_stops_at_the_limit(clerk):
    template = template_bytes(clerk, "volunteers:volunteer_import")
    headers = ["姓名", "证件类型", "证件号码", "联系电话", "社区（村）", "技能特长", "注册日期", "志愿者编号"]
    sheet = SHEET_HEAD + b"<sheetData>" + inline_row(1, headers) + inline_row(1048576, ["张三"]) + b"</sheetData></worksheet>"
    response, elapsed = upload(clerk, "volunteers:volunteer_import", rebuild(template, {SHEET: sheet}))
    assert_refused(response, elapsed, "行数超过")


def test_170_million_empty_rows_compressed_are_refused(clerk):
    template = template_bytes(clerk, "volunteers:volunteer_import")
    chunk = b"<row/>" * 100_000

    def many_rows(target):
        info = zipfile.ZipInfo(SHEET)
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=True) as handle:
            handle.write(SHEET_HEAD + b"<sheetData>")
            for _ in range(1_700):
                handle.write(chunk)
            handle.write(b"</sheetData></worksheet>")

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info, source.read(info.filename))
        many_rows(target)
    content = out.getvalue()
    assert len(content) < 10 * 1024 * 1024  # under the upload limit, a gigabyte of XML inside
    response, elapsed = upload(clerk, "volunteers:volunteer_import", content)
    assert_refused(response, elapsed, "解压后过大")


@pytest.mark.parametrize("page", IMPORT_PAGES)
def test_malformed_workbooks_are_a_message_on_every_import_page(as_user, page):
    client = as_user("bureau") if page.startswith("stations") or page.startswith("organizations") else as_user("binhe")
    template = template_bytes(client, page)
    with zipfile.ZipFile(io.BytesIO(template)) as source:
        sheet = source.read(SHEET)
    workbook = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>'
    )
    no_sheets = (
        b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets/></workbook>'
    )
    cases = {
        "truncated sheet": rebuild(template, {SHEET: sheet[: len(sheet) // 2]}),
        "broken workbook.xml": rebuild(template, {"xl/workbook.xml": workbook}),
        "no sheets": rebuild(template, {"xl/workbook.xml": no_sheets}),
        "entity bomb": rebuild(template, {SHEET: bomb}),
        "no workbook part": rebuild(template, {"xl/workbook.xml": None}),
        "not a zip": b"PK\x03\x04" + b"\x00" * 200,
    }
    for name, content in cases.items():
        response, elapsed = upload(client, page, content)
        assert response.status_code == 200, name
        text = response.content.decode()
        assert "未导入任何数据" in text, name
        assert "Excel" in text, name
        assert elapsed < 15, name


def test_a_workbook_with_too_many_sheets_is_refused(clerk):
    from openpyxl import Workbook

    wb = Workbook()
    for i in range(60):
        wb.create_sheet(f"S{i}")
    buffer = io.BytesIO()
    wb.save(buffer)
    response, elapsed = upload(clerk, "volunteers:volunteer_import", buffer.getvalue())
    assert_refused(response, elapsed, "工作表")
