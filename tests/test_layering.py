"""Layering: the core imports no app, no two apps import each other, and agencies live in the core.

The agency moved from ``organizations`` into the core with its rows, ids and links: a database migrated from
the state before the move keeps every agency, every link to it, its history and its access-log entries.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from wulian.models import Agency

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    """``lint-imports`` (run by ``make test`` too) finds no import from the core into an app, nor between apps."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_every_app_is_under_the_contracts():
    """A new app is forbidden to the core and placed in the layers, or the contracts would not see it."""
    from importlinter.api import read_configuration

    config = read_configuration(str(ROOT / "pyproject.toml"))
    apps = set(settings.WULIAN_DOMAIN_APPS) - {"wulian"}
    assert set(config["session_options"]["root_packages"]) == apps | {"wulian"}
    contracts = {c["id"]: c for c in config["contracts_options"]}
    assert set(contracts["core-imports-no-app"]["forbidden_modules"]) == apps
    layered = {name.strip() for layer in contracts["apps-layers"]["layers"] for name in layer.split("|")}
    assert layered == apps | {"wulian"}


def test_the_agency_is_a_core_model_whose_pages_organisations_serve(cast):
    agency = Agency.objects.create(name="核心测试机构", region=cast.shoushan)
    assert Agency._meta.label == "wulian.Agency"
    assert agency.get_absolute_url() == f"/organizations/agencies/{agency.pk}/"
    assert Agency.url_name("list") == "organizations:agency_list"
    assert reverse(Agency.url_name("add")) == "/organizations/agencies/add/"
    assert cast.user_agency.agency._meta.label == "wulian.Agency"


def test_the_agency_page_shows_the_stations_panel(as_user, cast):
    """Stations adds where the agency is stationed to the organisations app's page, neither importing the other."""
    from stations.choices import StationTier
    from stations.models import AgencyPlacement, Station

    station = Station.objects.create(tier=StationTier.TOWN_STATION, region=cast.shoushan, name="首善街道面板站")
    AgencyPlacement.objects.create(agency=cast.agency, station=station, start_date=dt.date(2023, 3, 1))
    body = as_user("bureau").get(cast.agency.get_absolute_url()).content.decode()
    assert 'id="agency-placements"' in body and "首善街道面板站" in body
    assert 'id="agency-trainings"' in body


def _move_migrations(executor) -> dict[str, tuple[str, str]]:
    """The migrations of the move, by the end of their names (their numbers change as others land)."""
    found = {}
    for app, name in executor.loader.graph.nodes:
        for suffix in ("agency_table_to_core", "agency_in_core", "agency_moved_to_core"):
            if name.endswith(suffix):
                found[f"{app}.{suffix}"] = (app, name)
    return found


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_agencies_and_links():
    executor = MigrationExecutor(connection)
    moves = _move_migrations(executor)
    first = moves["organizations.agency_table_to_core"]
    before = [parent.key for parent in executor.loader.graph.node_map[first].parents]
    leaves = executor.loader.graph.leaf_nodes()

    executor.migrate(before)
    try:
        agency_type, county, agency, staff, placement, training = _fill_the_old_state(executor, before)
    finally:
        executor.loader.build_graph()
        executor.migrate(leaves)

    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    from stations.models import AgencyPlacement, Training
    from wulian.models import AccessLog, User

    CurrentContentType.objects.clear_cache()
    moved = Agency.objects.get(pk=agency.pk)
    assert (moved.name, moved.region_id, moved.cultivated_by_id, moved.legal_representative) == (
        "迁移前机构", county.pk, county.pk, "甲"
    )
    assert Agency.objects.filter(region_id=county.pk).count() == 2
    assert User.objects.get(pk=staff.pk).agency == moved
    assert AgencyPlacement.objects.get(pk=placement.pk).agency == moved
    assert list(Training.objects.get(pk=training.pk).agencies.all()) == [moved]
    # The history and permissions stay attached: the content type moved with the model, under its old id.
    assert CurrentContentType.objects.get_for_model(Agency).pk == agency_type.pk
    assert LogEntry.objects.get_for_object(moved).count() == 1
    assert AccessLog.objects.get(user_id=staff.pk).model == "wulian.Agency"
    # New agencies continue the numbering.
    assert Agency.objects.create(name="迁移后机构", region_id=county.pk).pk > agency.pk


def _fill_the_old_state(executor, before):
    executor.loader.build_graph()
    old = executor.loader.project_state(list(executor.loader.applied_migrations)).apps
    assert old.get_model("organizations", "Agency")._meta.db_table == "organizations_agency"

    ContentType = old.get_model("contenttypes", "ContentType")
    # As before the move, the agency's content type is the app's (the test database was made with the core's).
    ContentType.objects.filter(app_label="wulian", model="agency").update(app_label="organizations")
    agency_type, _ = ContentType.objects.get_or_create(app_label="organizations", model="agency")
    county = old.get_model("wulian", "Region").objects.create(
        name="迁移县", level=3, path="Y001", depth=1, numchild=0
    )
    OldAgency = old.get_model("organizations", "Agency")
    OldAgency.objects.create(name="迁移前占位机构", region=county)
    agency = OldAgency.objects.create(name="迁移前机构", region=county, cultivated_by=county, legal_representative="甲")
    staff = old.get_model("wulian", "User").objects.create(username="moved_agency_staff", role="agency_staff", agency=agency)
    station = old.get_model("stations", "Station").objects.create(tier="county_hub", region=county, name="迁移总站")
    placement = old.get_model("stations", "AgencyPlacement").objects.create(
        agency=agency, station=station, start_date=dt.date(2023, 1, 1)
    )
    training = old.get_model("stations", "Training").objects.create(
        topic="迁移培训", date=dt.date(2023, 2, 1), hours=6, kind="other", organizer=station
    )
    training.agencies.add(agency)
    old.get_model("auditlog", "LogEntry").objects.create(
        content_type=agency_type, object_pk=str(agency.pk), object_id=agency.pk, object_repr=agency.name, action=0,
        changes={"name": ["None", agency.name]},
    )
    old.get_model("wulian", "AccessLog").objects.create(user=staff, action="export", model="organizations.Agency")
    return agency_type, county, agency, staff, placement, training
