"""Station photos and activity attachments move to the core's ``wulian.Attachment`` with their files.

Each row becomes an attachment owned by its activity (or, without one, by its station), keeping its kind,
name, type, size, uploader and time; the file stays where it is on disk (the same private storage), so the
new row simply points at it. Then the old table goes.
"""

from django.db import migrations


def forward(apps, schema_editor):
    Old = apps.get_model("stations", "Attachment")
    New = apps.get_model("wulian", "Attachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    station_type, _ = ContentType.objects.using(db).get_or_create(app_label="stations", model="station")
    activity_type, _ = ContentType.objects.using(db).get_or_create(app_label="stations", model="activity")
    moved = []
    for old in Old.objects.using(db).order_by("pk").iterator(chunk_size=2000):
        owner_type, owner_id = (activity_type, old.activity_id) if old.activity_id else (station_type, old.station_id)
        moved.append(
            New(
                owner_type=owner_type,
                owner_id=owner_id,
                kind=old.kind,
                file=old.file.name,
                original_name=old.original_name,
                mime_type=old.content_type,
                size=old.size,
                uploaded_by_id=old.uploaded_by_id,
            )
        )
    created = New.objects.using(db).bulk_create(moved, batch_size=2000)
    # Keep when they were uploaded (auto_now_add set "now" on create).
    for old, new in zip(Old.objects.using(db).order_by("pk"), created, strict=True):
        New.objects.using(db).filter(pk=new.pk).update(uploaded_at=old.created_at)


def backward(apps, schema_editor):
    Old = apps.get_model("stations", "Attachment")
    New = apps.get_model("wulian", "Attachment")
    Activity = apps.get_model("stations", "Activity")
    db = schema_editor.connection.alias
    for new in New.objects.using(db).filter(owner_type__app_label="stations").select_related("owner_type"):
        if new.owner_type.model == "activity":
            station_id = Activity.objects.using(db).filter(pk=new.owner_id).values_list("station_id", flat=True).first()
            activity_id = new.owner_id
        else:
            station_id, activity_id = new.owner_id, None
        if station_id is None:
            continue
        Old.objects.using(db).create(
            station_id=station_id,
            activity_id=activity_id,
            kind=new.kind,
            file=new.file.name,
            original_name=new.original_name,
            content_type=new.mime_type,
            size=new.size,
            uploaded_by_id=new.uploaded_by_id,
        )
        new.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("stations", "0006_agency_in_core"),
        ("wulian", "0010_attachments"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="Attachment"),
    ]
