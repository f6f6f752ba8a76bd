"""One reader of Office Open XML packages (.xlsx, .docx) with bounds, for every upload that is one.

An Office file is a zip of XML parts. Before any XML is parsed, the package is checked: how many parts it
has, what the sizes its directory declares add up to (zipfile never unpacks a part beyond its declared size,
so the declared sizes bound what reading costs), the size of each part read, and that no XML part declares a
DTD (Word and Excel never write one: an entity bomb is refused unread). The spreadsheet imports
(``wulian.imports``) and the policy-document reader (``wulian.policy_draft``) both open uploads through it and
turn its refusal into their own message.
"""

from __future__ import annotations

import io
import zipfile

MAX_PARTS = 500
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024


class PackageRefused(ValueError):
    """The package is not read; ``reason`` says why: "not_zip", "parts", "unpacked", "part", "dtd", "missing"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class OfficePackage:
    """A checked package: ``OfficePackage(upload_or_bytes)`` refuses it (``PackageRefused``) or lets parts be read.

    Use as a context manager; ``read(name)`` returns a part's bytes, at most ``max_part`` of them.
    """

    def __init__(self, source, *, max_parts: int = MAX_PARTS, max_unpacked: int = MAX_UNPACKED_BYTES,
                 max_part: int = MAX_PART_BYTES):
        self.max_part = max_part
        handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
        if hasattr(handle, "seek"):
            handle.seek(0)
        try:
            self.archive = zipfile.ZipFile(handle)
            parts = self.archive.infolist()
        except Exception as exc:  # noqa: BLE001 - zipfile's errors on a forged directory are many
            raise PackageRefused("not_zip") from exc
        try:
            if len(parts) > max_parts:
                raise PackageRefused("parts")
            if sum(part.file_size for part in parts) > max_unpacked:
                raise PackageRefused("unpacked")
            for part in parts:
                if part.filename.endswith((".xml", ".rels")) and _declares_dtd(self._head(part)):
                    raise PackageRefused("dtd")
        except PackageRefused:
            self.archive.close()
            raise
        except Exception as exc:  # noqa: BLE001 - a corrupt member fails anywhere in zlib or zipfile
            self.archive.close()
            raise PackageRefused("not_zip") from exc

    def _head(self, part) -> bytes:
        with self.archive.open(part) as member:
            return member.read(4096)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.archive.close()
        return False

    def read(self, name: str, required: bool = True) -> bytes | None:
        try:
            info = self.archive.getinfo(name)
        except KeyError as exc:
            if required:
                raise PackageRefused("missing") from exc
            return None
        if info.file_size > self.max_part:
            raise PackageRefused("part")
        try:
            with self.archive.open(info) as member:
                data = member.read(self.max_part + 1)
        except Exception as exc:  # noqa: BLE001 - bad CRC, bad compression
            raise PackageRefused("not_zip") from exc
        if len(data) > self.max_part:
            raise PackageRefused("part")
        return data


def _declares_dtd(head: bytes) -> bool:
    for encoding in ("utf-8", "utf-16"):
        text = head.decode(encoding, errors="ignore").upper()
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            return True
    return False
