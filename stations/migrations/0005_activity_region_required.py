"""The activity log's region is required once every row has it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0004_activity_region"),
    ]

    operations = [
        migrations.AlterField(
            model_name="activity",
            name="region",
            field=models.ForeignKey(
                editable=False,
                help_text="The station's region, copied on every save.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wulian.region",
                verbose_name="region",
            ),
        ),
    ]
