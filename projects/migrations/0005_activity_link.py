import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Activity = apps.get_model("stations", "Activity")
    ServiceRecord = apps.get_model("projects", "ServiceRecord")
    rows = Activity.objects.filter(project__isnull=False).values_list("pk", "project_id").order_by("pk")
    ServiceRecord.objects.bulk_create(
        [ServiceRecord(activity_id=a, project_id=p) for a, p in rows.iterator(chunk_size=5000)], batch_size=5000
    )


def copy_back(apps, schema_editor):
    Activity = apps.get_model("stations", "Activity")
    ServiceRecord = apps.get_model("projects", "ServiceRecord")
    for record in ServiceRecord.objects.all().iterator(chunk_size=5000):
        Activity.objects.filter(pk=record.activity_id).update(project_id=record.project_id)


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0004_money"),
        ("stations", "0010_encrypted"),
    ]
    run_before = [("stations", "0011_activity_unlinked")]

    operations = [
        migrations.CreateModel(
            name="ServiceRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("activity", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="service_record", to="stations.activity", verbose_name="activity")),
                ("project", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="service_records", to="projects.project", verbose_name="service project")),
            ],
            options={"verbose_name": "service record", "verbose_name_plural": "service records"},
        ),
        migrations.RunPython(copy_links, copy_back),
    ]
