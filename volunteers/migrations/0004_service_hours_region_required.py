"""The hour rows' region is required once every row has it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0003_service_hours_region"),
    ]

    operations = [
        migrations.AlterField(
            model_name="servicehours",
            name="region",
            field=models.ForeignKey(
                editable=False,
                help_text="The activity's region, copied on every save.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wulian.region",
                verbose_name="town or community",
            ),
        ),
    ]
