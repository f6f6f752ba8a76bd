"""Social work agencies moved into the core: the station links point at ``wulian.Agency`` (state only).

The table kept its rows and ids (renamed by ``organizations.0005_agency_table_to_core``), so the foreign keys
and the training ↔ agency link table need no change in the database.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("stations", "0005_activity_region_required"),
        ("wulian", "0006_agency_in_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="agencyplacement",
                    name="agency",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="placements",
                        to="wulian.agency",
                        verbose_name="agency",
                    ),
                ),
                migrations.AlterField(
                    model_name="staffmember",
                    name="agency",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="For agency staff stationed in a station: the agency employing them.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="station_staff",
                        to="wulian.agency",
                        verbose_name="agency",
                    ),
                ),
                migrations.AlterField(
                    model_name="training",
                    name="agencies",
                    field=models.ManyToManyField(
                        blank=True, related_name="trainings", to="wulian.agency", verbose_name="agencies trained"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
