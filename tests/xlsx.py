"""An Excel upload built in a test: the rows of one sheet, as a user's import file."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def upload(rows, name: str = "data.xlsx") -> SimpleUploadedFile:
    """``rows`` (a header row first, where the file has one) on the first sheet of a workbook named ``name``."""
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
