"""The graph between the apps, derived from what the code declares — model relations (foreign keys,
one-to-ones, many-to-manys) and migration dependencies — agrees with the import-linter layers of
pyproject.toml: an app only points at apps of lower layers. import-linter sees imports only; a relation named
by string ("projects.Project") or a migration dependency is invisible to it, so this test looks at them.

One upward edge is known and listed here with what remains to be done; the test fails when a new one
appears, and also when the known one is fixed (so the list is kept true).
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from importlinter.api import read_configuration

ROOT = Path(__file__).resolve().parent.parent

# stations.Activity.project (a service record of a project) points up at projects, and migration
# stations 0008 depends on projects 0001. Moving that link into projects (a ``projects.ServiceRecord`` or the
# foreign key declared from the projects side) needs a data migration of every activity row and changes in the
# stations forms, API and importer: left for an issue of its own (docs/decisions.md, issue 19).
KNOWN_UPWARD = {("stations", "projects")}
# The move of the agency from organizations into the core (issue 7) ordered its state-only migrations across the
# three apps; these historical dependencies carry no relation between today's models (a squash of those
# migrations would remove them). Any other migration dependency must point down the layers.
HISTORICAL_MIGRATIONS = {
    "migration wulian.0001_initial → organizations.0001_initial",
    "migration wulian.0006_agency_in_core → organizations.0005_agency_table_to_core",
    "migration organizations.0006_agency_moved_to_core → stations.0006_agency_in_core",
    "migration stations.0001_initial → organizations.0002_initial",
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
    # The known edge is exactly the activity's project and the migration that added it.
    reasons = found[("stations", "projects")]
    assert "stations.Activity.project" in reasons
    assert all(r == "stations.Activity.project" or r.startswith("migration stations.") for r in reasons), reasons


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
