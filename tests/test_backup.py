"""Backups that restore (issue 21): back up the demo, lose the database and the files, restore into an empty
database, and find every table's rows (count and checksum) and an attachment's bytes as they were."""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from wulian.security import backup


def table_fingerprints(conn, tables) -> dict[str, tuple[int, str]]:
    result = {}
    with conn.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f'SELECT COUNT(*), md5(coalesce(string_agg(md5(t::text), \'\' ORDER BY md5(t::text)), \'\')) '
                f'FROM "{table}" t'
            )
            result[table] = cursor.fetchone()
    return result


@pytest.fixture
def empty_database():
    """A database of this test's own, dropped afterwards (the shared server's other databases are not touched)."""
    params = connection.settings_dict
    name = f"{params['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432,
                             user=params["USER"], password=params.get("PASSWORD") or None, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"
    try:
        yield name, url
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


BACKUP_KEY = "YmFja3VwLXRlc3Qta2V5LW5vdC1mb3ItcHJvZC11c2U="  # test-only: 32 bytes, base64


def test_backup_drop_restore_gives_back_every_row_and_file(transactional_db, settings, tmp_path, empty_database):
    """Encrypted, as an installation at level 3 keeps its backups (the plain path: the damaged-archive test)."""
    from stations.models import Station
    from wulian.models import Attachment

    settings.DEBUG = True
    settings.WULIAN_BACKUP_KEY = BACKUP_KEY
    call_command("load_demo", verbosity=0)
    photo = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    attachment = Attachment.objects.create(
        owner=Station.objects.first(), kind="photo", file=ContentFile(photo, name="door.png"),
        original_name="门牌.png", mime_type="image/png", size=len(photo),
    )
    stored = Path(attachment.file.path)
    assert stored.read_bytes() == photo

    tables = sorted(backup.table_counts())
    before = table_fingerprints(connection, tables)
    out = io.StringIO()
    call_command("backup", "--dir", str(tmp_path / "backups"), "--encrypt", stdout=out)
    archive = Path(out.getvalue().strip())
    assert archive.name.startswith("wulian-backup-") and archive.name.endswith(".tar.gz.enc")
    assert Path(f"{archive}.sha256").exists()
    sealed = archive.read_bytes()
    assert b"manifest.json" not in sealed and b"PGDMP" not in sealed and photo[:64] not in sealed  # nothing plain
    assert before["volunteers_volunteer"][0] > 0 and before["wulian_attachment"][0] == 1

    # The files are lost; the database is restored into an empty one. A wrong key first: refused, nothing changed.
    stored.unlink()
    name, url = empty_database
    settings.WULIAN_BACKUP_KEY = "d3Jvbmcta2V5LWQtd3Jvbmcta2V5LWQtd3Jvbmcta2U="
    with pytest.raises(CommandError, match="备份密钥不对"):
        call_command("restore", str(archive), "--database-url", url, stdout=io.StringIO())
    assert not stored.exists() and _tables_in(name) == 0
    settings.WULIAN_BACKUP_KEY = BACKUP_KEY
    call_command("restore", str(archive), "--database-url", url, stdout=io.StringIO())
    params = connection.settings_dict
    restored = psycopg2.connect(host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432,
                                user=params["USER"], dbname=name)
    try:
        after = table_fingerprints(restored, tables)
    finally:
        restored.close()
    assert after == before
    assert stored.read_bytes() == photo


def _tables_in(name) -> int:
    params = connection.settings_dict
    conn = psycopg2.connect(host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432, user=params["USER"],
                            dbname=name)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            return cursor.fetchone()[0]
    finally:
        conn.close()


def test_an_encrypted_archive_is_streamed_in_chunks_and_refuses_a_cut_or_an_altered_part(db, tmp_path, settings):
    settings.WULIAN_BACKUP_KEY = BACKUP_KEY
    key = backup.backup_key()
    plain = os.urandom(3 * backup.CHUNK + 123)
    with open(tmp_path / "sealed", "wb") as out:
        writer = backup.SealedWriter(out, key)
        for start in range(0, len(plain), 65536):
            writer.write(plain[start:start + 65536])
            assert len(writer.buffer) <= backup.CHUNK + 65536  # never more than a chunk held in memory
        writer.close()
    data = (tmp_path / "sealed").read_bytes()
    with open(tmp_path / "sealed", "rb") as source:
        assert io.BufferedReader(backup.SealedReader(source, key)).read() == plain
    for damaged, message in ((data[: len(data) - backup.CHUNK // 2], "不完整|已损坏"),
                             (data[:40] + bytes([data[40] ^ 1]) + data[41:], "已损坏")):
        with open(tmp_path / "damaged", "wb") as out:
            out.write(damaged)
        with pytest.raises(backup.BackupError, match=message), open(tmp_path / "damaged", "rb") as source:
            io.BufferedReader(backup.SealedReader(source, key)).read()
    # A whole archive without its last part (its .sha256 gone too) is refused.
    archive = backup.create(tmp_path / "backups", encrypt=True)
    Path(f"{archive}.sha256").unlink()
    archive.write_bytes(archive.read_bytes()[:-20])
    with pytest.raises(CommandError, match="已损坏|不完整"):
        call_command("restore", str(archive), "--check-only")
    settings.WULIAN_BACKUP_KEY = ""
    with pytest.raises(CommandError, match="WULIAN_BACKUP_KEY"):
        call_command("backup", "--dir", str(tmp_path / "b2"), "--encrypt")


def test_a_damaged_archive_is_refused_before_anything_is_restored(db, tmp_path):
    archive = backup.create(tmp_path / "backups")
    call_command("restore", str(archive), "--check-only", stdout=io.StringIO())
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="sha256"):
        call_command("restore", str(archive), "--check-only")
