"""The graph between the apps, derived from what the code declares — model relations (foreign keys,
one-to-ones, many-to-manys) and migration dependencies — agrees with the import-linter layers of
pyproject.toml: an app only points at apps of lower layers. import-linter sees imports only; a relation named
by string ("projects.Project") or a migration dependency is invisible to it, so this test looks at them.

No upward edge is known (the last one, stations.Activity.project, moved into projects as
projects.ServiceRecord in issue 19); the test fails when one appears. ``run_before`` counts as an edge of the app
that declares it.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from importlinter.api import read_configuration

ROOT = Path(__file__).resolve().parent.parent

# No upward edge is known: the activity's project (stations.Activity.project, issue 19) moved into projects
# (projects.ServiceRecord); the test fails when one appears.
KNOWN_UPWARD: set[tuple[str, str]] = set()
# The move of the agency from organizations into the core (issue 7) ordered its state-only migrations across the
# three apps; these historical dependencies carry no relation between today's models (a squash of those
# migrations would remove them). Any other migration dependency must point down the layers.
HISTORICAL_MIGRATIONS = {
    "migration wulian.0001_initial → organizations.0001_initial",
    "migration wulian.0006_agency_in_core → organizations.0005_agency_table_to_core",
    "migration organizations.0006_agency_moved_to_core → stations.0006_agency_in_core",
    "migration stations.0001_initial → organizations.0002_initial",
    # stations.Activity.project was added by stations 0008 and removed by 0011 after projects 0005 copied every
    # link into projects.ServiceRecord; the dependency stays in the history of every database migrated since.
    "migration stations.0008_activity_project → projects.0001_initial",
}


def layer_of() -> dict[str, int]:
    config = read_configuration(str(ROOT / "pyproject.toml"))
    layers = next(c for c in config["contracts_options"] if c["id"] == "apps-layers")["layers"]
    # The first layer is the highest: a higher index is a lower layer.
    return {name.strip(): -index for index, layer in enumerate(layers) for name in layer.split("|")}


def model_edges() -> set[tuple[str, str, str]]:
    domain = set(settings.WULIAN_DOMAIN_APPS)
    edges = set()
    for model in apps.get_models():
        source = model._meta.app_label
        if source not in domain:
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if not (field.is_relation and field.concrete or field.many_to_many) or field.auto_created:
                continue
            target = field.related_model._meta.app_label if field.related_model else None
            if target in domain and target != source:
                edges.add((source, target, f"{model._meta.label}.{field.name}"))
    return edges


def migration_edges() -> set[tuple[str, str, str]]:
    domain = set(settings.WULIAN_DOMAIN_APPS)
    loader = MigrationLoader(None, ignore_no_migrations=True)
    edges = set()
    for (app, name), migration in loader.disk_migrations.items():
        if app not in domain:
            continue
        for dep_app, dep_name in migration.dependencies:
            if dep_app in domain and dep_app != app:
                edges.add((app, dep_app, f"migration {app}.{name} → {dep_app}.{dep_name}"))
        # ``run_before`` orders another app's migration after this one: the edge is this app's, pointing at it.
        for other_app, other_name in migration.run_before:
            if other_app in domain and other_app != app:
                edges.add((app, other_app, f"migration {app}.{name} runs before {other_app}.{other_name}"))
    return edges


def upward(edges, layers) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for source, target, why in edges:
        if layers[source] <= layers[target]:  # sideways (same layer) or upwards
            found.setdefault((source, target), []).append(why)
    return found


def test_every_domain_app_has_a_layer():
    assert set(settings.WULIAN_DOMAIN_APPS) <= set(layer_of())


def test_model_relations_and_migrations_point_down_the_layers():
    layers = layer_of()
    migrations = {edge for edge in migration_edges() if edge[2] not in HISTORICAL_MIGRATIONS}
    assert HISTORICAL_MIGRATIONS <= {edge[2] for edge in migration_edges()}  # the list names real migrations
    found = upward(model_edges() | migrations, layers)
    assert set(found) == KNOWN_UPWARD, found


def test_the_activity_link_lives_in_projects_and_moves_before_the_column_goes():
    """projects.ServiceRecord points down at the activity; projects 0005 copies the links after the last stations
    migration that has the column and before stations 0011 drops it, an order declared by projects alone."""
    edges = model_edges()
    assert ("projects", "stations", "projects.ServiceRecord.activity") in edges
    assert not {e for e in edges if e[0] == "stations" and e[1] == "projects"}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    copy, drop = ("projects", "0005_activity_link"), ("stations", "0011_activity_unlinked")
    assert ("stations", "0010_encrypted") in loader.graph.forwards_plan(copy)
    assert copy in loader.graph.forwards_plan(drop)
    assert not [d for d in loader.disk_migrations[drop].dependencies if d[0] == "projects"]


def test_funding_stands_above_projects_and_stations():
    layers = layer_of()
    assert layers["funding"] > layers["projects"] > layers["stations"] > layers["wulian"]
    edges = {(s, t) for s, t, _ in model_edges()}
    assert {("funding", "projects"), ("funding", "stations")} <= edges
    assert not {(s, t) for s, t in edges if t == "funding"}  # nothing points at funding


def test_the_check_sees_a_sideways_edge():
    """The comparison itself: an edge between two apps of one layer counts as a violation."""
    layers = {"a": 0, "b": 0, "c": -1}
    assert set(upward({("a", "b", "x"), ("a", "c", "y")}, layers)) == {("a", "b")}
    assert set(upward({("c", "a", "z")}, layers)) == {("c", "a")}
