"""Migration ``projects.0005_activity_link`` moves the activity's project into projects (issue 19 item 2): on
PostgreSQL, every link of a database from before (``stations_activity.project_id``) becomes a
``projects.ServiceRecord``, entries of no project stay unlinked, ``stations.0011_activity_unlinked`` then drops
the column; migrated back, the column is filled again from the records."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0004_money"), ("stations", "0010_encrypted")]


def _columns():
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'stations_activity'")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_every_link_and_back_on_postgresql():
    from projects.choices import ProjectStatus
    from projects.models import ServiceRecord
    from projects.service import record_service
    from projects.testing import advance, make_project, people_of
    from stations.models import Activity
    from tests.conftest import get_cast, load_cast
    from tests.stations_helpers import station_at

    assert connection.vendor == "postgresql"
    load_cast()
    cast = get_cast()
    people = people_of(cast)
    first = advance(make_project(cast.shoushan, proposer=people.town), ProjectStatus.IN_SERVICE, people)
    second = advance(make_project(cast.shoushan, proposer=people.town, title="第二个项目"), ProjectStatus.IN_SERVICE,
                     people)
    room = station_at(cast.shoushan)
    a, b, c = (record_service(Activity(station=room, kind="group", title=t, participants=5), p)
               for t, p in (("甲", first), ("乙", first), ("丙", second)))
    own = Activity.objects.create(station=room, kind="visit", title="站点自己的走访")
    linked = {a.pk: first.pk, b.pk: first.pk, c.pk: second.pk}
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        # Back: the column returns, filled from the records (and the records' table is gone).
        executor.migrate(BEFORE)
        assert "project_id" in _columns()
        old = executor.loader.project_state(BEFORE).apps.get_model("stations", "Activity")
        assert dict(old.objects.filter(project__isnull=False).values_list("pk", "project_id")) == linked
        assert old.objects.get(pk=own.pk).project_id is None
        # A database from before: move one link, as a user would have.
        old.objects.filter(pk=own.pk).update(project_id=second.pk)
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
    finally:
        executor.migrate(latest)
    # Forward: every link is a record, the column is gone.
    assert "project_id" not in _columns()
    assert dict(ServiceRecord.objects.values_list("activity_id", "project_id")) == {**linked, own.pk: second.pk}
    assert set(Activity.objects.filter(service_record__project=second).values_list("title", flat=True)) == {
        "丙", "站点自己的走访"}
