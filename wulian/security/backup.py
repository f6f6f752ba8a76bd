"""Backups that restore: the database and the files in one dated archive with a checksum of every part.

``create(directory)`` writes ``wulian-backup-<YYYYmmdd-HHMMSS>.tar.gz`` holding ``database.dump`` (``pg_dump
-Fc``; on the embedded SQLite default, a copy of the database file), ``private/`` (attachments, served only
through the scoped view) and ``media/``, plus ``manifest.json`` with the SHA-256 of every member and the row count
of every table; next to it ``<archive>.sha256``. ``restore(archive, database_url)`` checks every checksum first,
then restores the database into an empty one and puts the files back. Personal fields stay encrypted in the
dump: keep WULIAN_DATA_KEY (not with the backups), or the restored ID numbers cannot be read.

``create(directory, encrypt=True)`` writes ``….tar.gz.enc`` instead: the tar stream goes straight through AES-256-GCM
in 1 MiB chunks (``SealedWriter``; nothing plain touches the disk, nothing large is held in memory) under
``WULIAN_BACKUP_KEY`` (32 bytes, base64, from the environment; not the data key). Each chunk has its own nonce
(a random prefix and the chunk's number) and the last one says it is last, so a reordered, cut or altered archive
is refused, and the header names the key, so a wrong key is refused before anything is read.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import base64
import struct

import dj_database_url
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _


class BackupError(Exception):
    pass


MAGIC = b"WULIANBK1"
CHUNK = 1 << 20
_LAST, _MORE = b"last", b"more"


def backup_key() -> bytes:
    text = getattr(settings, "WULIAN_BACKUP_KEY", "") or os.environ.get("WULIAN_BACKUP_KEY", "")
    if not text:
        raise BackupError(_("WULIAN_BACKUP_KEY is not set: an encrypted backup needs its key from the environment."))
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise BackupError(_("WULIAN_BACKUP_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)."))
    return key


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"wulian backup key id|" + key).digest()[:8]


class SealedWriter(io.RawIOBase):
    """A write-only file that encrypts what is written to it, chunk by chunk, into ``target``."""

    def __init__(self, target, key: bytes):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.target, self.aead, self.prefix = target, AESGCM(key), os.urandom(8)
        self.buffer, self.counter = bytearray(), 0
        target.write(MAGIC + _key_id(key) + self.prefix)

    def writable(self):
        return True

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) > CHUNK:  # keep one chunk back: the last must be sealed as last
            self._seal(bytes(self.buffer[:CHUNK]), _MORE)
            del self.buffer[:CHUNK]
        return len(data)

    def _seal(self, chunk: bytes, flag: bytes) -> None:
        nonce = self.prefix + struct.pack(">I", self.counter)
        sealed = self.aead.encrypt(nonce, chunk, flag)
        self.target.write(struct.pack(">I", len(sealed)) + sealed)
        self.counter += 1

    def close(self):
        if not self.closed:
            self._seal(bytes(self.buffer), _LAST)
            self.buffer.clear()
        super().close()


class SealedReader(io.RawIOBase):
    """A read-only file over an encrypted archive: each chunk authenticated before a byte of it is given out."""

    def __init__(self, source, key: bytes):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header = source.read(len(MAGIC) + 16)
        if not header.startswith(MAGIC):
            raise BackupError(_("This is not an encrypted wulian backup."))
        if header[len(MAGIC):len(MAGIC) + 8] != _key_id(key):
            raise BackupError(_("Wrong backup key: this archive was encrypted with another WULIAN_BACKUP_KEY. "
                                "Nothing was restored."))
        self.source, self.aead, self.prefix = source, AESGCM(key), header[len(MAGIC) + 8:]
        self.counter, self.pending, self.done = 0, b"", False

    def readable(self):
        return True

    def _next_chunk(self) -> bytes:
        from cryptography.exceptions import InvalidTag

        size = self.source.read(4)
        if len(size) < 4:
            raise BackupError(_("The encrypted archive is cut short: it ends before its last part."))
        sealed = self.source.read(struct.unpack(">I", size)[0])
        nonce = self.prefix + struct.pack(">I", self.counter)
        self.counter += 1
        for flag in (_MORE, _LAST):
            try:
                chunk = self.aead.decrypt(nonce, sealed, flag)
            except InvalidTag:
                continue
            self.done = flag == _LAST
            return chunk
        raise BackupError(_("The encrypted archive is damaged (part %(n)s fails its check).") % {"n": self.counter})

    def readinto(self, buffer) -> int:
        while not self.pending and not self.done:
            self.pending = self._next_chunk()
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


def is_encrypted(archive: Path) -> bool:
    with open(archive, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


class _Archive:
    """The archive's tar stream, read in order (``r|gz``), decrypted on the way when it is encrypted."""

    def __init__(self, archive: Path):
        self.archive = Path(archive)

    def __enter__(self) -> tarfile.TarFile:
        self.handle = open(self.archive, "rb")
        try:
            source = self.handle
            if is_encrypted(self.archive):
                source = io.BufferedReader(SealedReader(self.handle, backup_key()), CHUNK)
            self.tar = tarfile.open(fileobj=source, mode="r|gz")
        except BaseException:
            self.handle.close()
            raise
        return self.tar

    def __exit__(self, *exc):
        self.tar.close()
        self.handle.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def private_root() -> Path:
    from wulian.models import Attachment

    return Path(Attachment._meta.get_field("file").storage.location)


def file_roots() -> dict[str, Path]:
    """The folders a backup carries: private attachments and public media."""
    return {"private": private_root(), "media": Path(settings.MEDIA_ROOT)}


def table_counts(db_settings: dict | None = None) -> dict[str, int]:
    from django.apps import apps

    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in counts or not model._meta.managed:
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def create(directory: Path | str, encrypt: bool = False) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"wulian-backup-{stamp}.tar.gz{'.enc' if encrypt else ''}"
    key = backup_key() if encrypt else None
    db = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database.dump"
        if connection.vendor == "postgresql":
            args, env = _pg_env(db)
            result = subprocess.run(["pg_dump", *args, "-Fc", "-f", str(dump), db["NAME"]], env=env,
                                    capture_output=True, text=True)
            if result.returncode != 0:
                raise BackupError(result.stderr.strip())
        else:
            import sqlite3

            source = sqlite3.connect(db["NAME"])
            target = sqlite3.connect(dump)
            source.backup(target)
            target.close()
            source.close()
        members = {"database.dump": dump}
        for prefix, root in file_roots().items():
            if root.exists():
                for path in sorted(p for p in root.rglob("*") if p.is_file()):
                    members[f"{prefix}/{path.relative_to(root).as_posix()}"] = path
        manifest = {
            "created": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "files": {name: _sha256(path) for name, path in members.items()},
            "tables": table_counts(),
        }
        with open(archive, "wb") as out:
            sink = SealedWriter(out, key) if key else out
            with tarfile.open(fileobj=sink, mode="w|gz") as tar:
                body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(body)
                tar.addfile(info, io.BytesIO(body))
                for name, path in members.items():
                    tar.add(path, arcname=name)
            if key:
                sink.close()
    Path(f"{archive}.sha256").write_text(f"{_sha256(archive)}  {archive.name}\n")
    return archive


def check(archive: Path | str) -> dict:
    """The manifest, after every checksum (the archive's and each member's) has been verified."""
    archive = Path(archive)
    side = Path(f"{archive}.sha256")
    if side.exists() and side.read_text().split()[0] != _sha256(archive):
        raise BackupError(f"{archive.name}: the archive does not match its .sha256 file.")
    manifest, seen = None, set()
    with _Archive(archive) as tar:
        for member in tar:
            handle = tar.extractfile(member)
            if member.name == "manifest.json" and manifest is None:
                manifest = json.load(handle)
                continue
            if manifest is None or handle is None:
                continue
            digest = hashlib.sha256()
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
            if digest.hexdigest() != manifest["files"].get(member.name):
                raise BackupError(f"{member.name}: checksum mismatch in the archive.")
            seen.add(member.name)
    if manifest is None or seen != set(manifest["files"]):
        raise BackupError(f"{archive.name}: parts are missing from the archive.")
    return manifest


def restore(archive: Path | str, database_url: str | None = None) -> dict:
    """Restore into an empty database (``database_url``, default: the configured one) and put the files back."""
    manifest = check(archive)
    db = dj_database_url.parse(database_url) if database_url else settings.DATABASES["default"]
    roots = file_roots()
    with tempfile.TemporaryDirectory() as tmp:
        with _Archive(archive) as tar:
            tar.extractall(tmp, filter="data")
        dump = Path(tmp) / "database.dump"
        if manifest["vendor"] == "postgresql":
            args, env = _pg_env(db)
            result = subprocess.run(
                ["pg_restore", *args, "--no-owner", "--exit-on-error", "-d", db["NAME"], str(dump)],
                env=env, capture_output=True, text=True,
            )
            if result.returncode != 0:
                raise BackupError(result.stderr.strip())
        else:
            shutil.copyfile(dump, db["NAME"])
        for prefix, root in roots.items():
            source = Path(tmp) / prefix
            if source.exists():
                shutil.copytree(source, root, dirs_exist_ok=True)
    return manifest
