"""Issue 20 item 5 / 18 item 2: a policy profile's use is a state (``status``) changed by transitions;
``is_active`` follows it (the queries filter on it)."""

from django.db import migrations, models


def from_is_active(apps, schema_editor):
    PolicyProfile = apps.get_model("wulian", "PolicyProfile")
    PolicyProfile.objects.filter(is_active=False).update(status="inactive")


def to_is_active(apps, schema_editor):
    PolicyProfile = apps.get_model("wulian", "PolicyProfile")
    PolicyProfile.objects.filter(status="inactive").update(is_active=False)


class Migration(migrations.Migration):
    dependencies = [("wulian", "0020_security")]

    operations = [
        migrations.AddField(
            model_name="policyprofile",
            name="status",
            field=models.CharField(
                choices=[("active", "Profile in use"), ("inactive", "Profile not in use")],
                default="active",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(from_is_active, to_is_active),
        migrations.AlterField(
            model_name="policyprofile",
            name="is_active",
            field=models.BooleanField(default=True, editable=False, verbose_name="active"),
        ),
    ]
