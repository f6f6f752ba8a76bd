from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("stations", "0010_encrypted"),
    ]

    operations = [
        migrations.RemoveField(model_name="activity", name="project"),
    ]
