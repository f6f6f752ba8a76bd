"""Every money column of projects is the core's ``MoneyField`` (issue 19 item 1): Decimal 元 with two places,
never negative, never float; migration ``projects.0004_money`` only widens the columns, and on PostgreSQL the
amounts already stored survive it exactly (down and up again)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection, models
from django.utils.translation import override

from wulian.money import MoneyField

MONEY_COLUMNS = {("project", "budget"), ("notice", "budget_ceiling"), ("bid", "price"), ("agreement", "amount"),
                 ("milestone", "amount")}


@override("en")
def test_every_amount_in_yuan_of_projects_is_a_money_field():
    found = set()
    for model in apps.get_app_config("projects").get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FloatField):
                pytest.fail(f"{model.__name__}.{field.name} is a float")
            if isinstance(field, models.DecimalField) and "yuan" in str(field.verbose_name):
                assert isinstance(field, MoneyField), f"{model.__name__}.{field.name} is not a MoneyField"
                found.add((model._meta.model_name, field.name))
    assert found == MONEY_COLUMNS


def _stored(project):
    from projects.models import Agreement, Milestone, Project

    return (Project.objects.get(pk=project.pk).budget, Agreement.objects.get(project=project).amount,
            sorted(Milestone.objects.filter(project=project).values_list("amount", flat=True)))


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_stored_amount_on_postgresql():
    from django.db.migrations.executor import MigrationExecutor

    from projects.choices import ProjectStatus
    from projects.models import Agreement, Milestone, Project
    from projects.testing import advance, make_project, people_of
    from tests.conftest import get_cast, load_cast

    assert connection.vendor == "postgresql"
    load_cast()
    cast = get_cast()
    project = advance(make_project(cast.shoushan, proposer=people_of(cast).town), ProjectStatus.IN_SERVICE,
                      people_of(cast))
    # Amounts at the old columns' edge (12 digits) and with fen.
    Project.objects.filter(pk=project.pk).update(budget=Decimal("9999999999.99"))
    Agreement.objects.filter(project=project).update(amount=Decimal("1234567.89"))
    first = Milestone.objects.filter(project=project).order_by("due_on").first()
    Milestone.objects.filter(pk=first.pk).update(amount=Decimal("0.01"))
    before = _stored(project)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()  # every app: stations 0011 follows projects 0005
    try:
        executor.migrate([("projects", "0002_text_bounds")])
        with connection.cursor() as cursor:
            cursor.execute("SELECT numeric_precision FROM information_schema.columns "
                           "WHERE table_name = 'projects_agreement' AND column_name = 'amount'")
            assert cursor.fetchone()[0] == 12
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
    finally:
        executor.migrate(latest)
    with connection.cursor() as cursor:
        cursor.execute("SELECT numeric_precision, numeric_scale FROM information_schema.columns "
                       "WHERE table_name = 'projects_agreement' AND column_name = 'amount'")
        assert cursor.fetchone() == (14, 2)
    assert _stored(project) == before
    # The wider column takes what the old one could not (a county-wide framework contract of 100 亿元).
    Agreement.objects.filter(project=project).update(amount=Decimal("10000000000.00"))
    assert Agreement.objects.get(project=project).amount == Decimal("10000000000.00")
