"""Backups that restore (issue 21): back up the demo, lose the database and the files, restore into an empty
database, and find every table's rows (count and checksum) and an attachment's bytes as they were."""

from __future__ import annotations

import io
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


def test_backup_drop_restore_gives_back_every_row_and_file(transactional_db, settings, tmp_path, empty_database):
    from stations.models import Station
    from wulian.models import Attachment

    settings.DEBUG = True
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
    call_command("backup", "--dir", str(tmp_path / "backups"), stdout=out)
    archive = Path(out.getvalue().strip())
    assert archive.name.startswith("wulian-backup-") and Path(f"{archive}.sha256").exists()
    assert before["volunteers_volunteer"][0] > 0 and before["wulian_attachment"][0] == 1

    # The files are lost; the database is restored into an empty one.
    stored.unlink()
    name, url = empty_database
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


def test_a_damaged_archive_is_refused_before_anything_is_restored(db, tmp_path):
    archive = backup.create(tmp_path / "backups")
    call_command("restore", str(archive), "--check-only", stdout=io.StringIO())
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="sha256"):
        call_command("restore", str(archive), "--check-only")
