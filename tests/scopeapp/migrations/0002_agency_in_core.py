"""Social work agencies moved into the core: the test notice's agency points at ``wulian.Agency`` (state only).

``run_before`` keeps this test-only app's link repointed before ``organizations`` forgets its Agency; the
table and its foreign keys were carried along by the rename in ``organizations.0005_agency_table_to_core``.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("scopeapp", "0001_notice"),
        ("wulian", "0006_agency_in_core"),
    ]
    run_before = [
        ("organizations", "0006_agency_moved_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="notice",
                    name="agency",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wulian.agency",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
