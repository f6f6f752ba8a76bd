"""Hour rows carry their activity's region (their scope column): added and filled from the activities.

Required in the next migration (PostgreSQL cannot alter a table with pending deferred FK checks in the same
transaction as the update)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_regions(apps, schema_editor):
    ServiceHours = apps.get_model("volunteers", "ServiceHours")
    VolunteerActivity = apps.get_model("volunteers", "VolunteerActivity")
    region = VolunteerActivity.objects.filter(pk=models.OuterRef("activity_id")).values("region_id")[:1]
    ServiceHours.objects.filter(region__isnull=True).update(region_id=models.Subquery(region))


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0002_plausible_values"),
        ("wulian", "0003_user_manager"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicehours",
            name="region",
            field=models.ForeignKey(
                editable=False,
                help_text="The activity's region, copied on every save.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wulian.region",
                verbose_name="town or community",
            ),
        ),
        migrations.RunPython(copy_regions, migrations.RunPython.noop),
    ]
