"""Trigram indexes for the activity log's search box (PostgreSQL only).

The search matches part of the title, place or notes (``icontains``: ``UPPER(col) LIKE UPPER('%…%')``), which
no b-tree can serve: at city size (59,400 entries) every search read the whole table. A GIN ``gin_trgm_ops``
index on each ``UPPER(col)`` — the very expression Django's ``icontains`` compares — lets PostgreSQL find the
candidate rows by trigram (Chinese characters included: pg_trgm hashes them). SQLite, the embedded default of
``make run``, has no such index and keeps scanning, which is harmless at a demo's size.
"""

from django.db import migrations

COLUMNS = ("title", "place", "notes")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS stations_activity_{column}_trgm ON stations_activity "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS stations_activity_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("stations", "0008_activity_project")]

    operations = [migrations.RunPython(create, drop)]
