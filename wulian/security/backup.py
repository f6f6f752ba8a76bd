"""Backups that restore: the database and the files in one dated archive with a checksum of every part.

``create(directory)`` writes ``wulian-backup-<YYYYmmdd-HHMMSS>.tar.gz`` holding ``database.dump`` (``pg_dump
-Fc``; on the embedded SQLite default, a copy of the database file), ``private/`` (attachments, served only
through the scoped view) and ``media/``, plus ``manifest.json`` with the SHA-256 of every member and the row count
of every table; next to it ``<archive>.sha256``. ``restore(archive, database_url)`` checks every checksum first,
then restores the database into an empty one and puts the files back. Personal fields stay encrypted in the
dump: keep WULIAN_DATA_KEY (not with the backups), or the restored ID numbers cannot be read.
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

import dj_database_url
from django.conf import settings
from django.db import connection
from django.utils import timezone


class BackupError(Exception):
    pass


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


def create(directory: Path | str) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"wulian-backup-{stamp}.tar.gz"
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
        with tarfile.open(archive, "w:gz") as tar:
            body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
            for name, path in members.items():
                tar.add(path, arcname=name)
    Path(f"{archive}.sha256").write_text(f"{_sha256(archive)}  {archive.name}\n")
    return archive


def check(archive: Path | str) -> dict:
    """The manifest, after every checksum (the archive's and each member's) has been verified."""
    archive = Path(archive)
    side = Path(f"{archive}.sha256")
    if side.exists() and side.read_text().split()[0] != _sha256(archive):
        raise BackupError(f"{archive.name}: the archive does not match its .sha256 file.")
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        for name, expected in manifest["files"].items():
            digest = hashlib.sha256(tar.extractfile(name).read()).hexdigest()
            if digest != expected:
                raise BackupError(f"{name}: checksum mismatch in the archive.")
    return manifest


def restore(archive: Path | str, database_url: str | None = None) -> dict:
    """Restore into an empty database (``database_url``, default: the configured one) and put the files back."""
    manifest = check(archive)
    db = dj_database_url.parse(database_url) if database_url else settings.DATABASES["default"]
    roots = file_roots()
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
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
