"""Social work agencies move into the core, step 2 of 3: ``wulian.Agency`` takes over the table.

State only (the table ``wulian_agency`` was renamed by ``organizations.0005_agency_table_to_core``): the core
gains the model and the user's agency points at it. The content type moves with the model, so the history
(django-auditlog) and permissions of every agency stay attached to it, and the access log names the new label.
"""

import django.db.models.deletion
from django.db import migrations, models

import wulian.models.base

OLD, NEW = ("organizations", "agency"), ("wulian", "agency")


def _move(apps, schema_editor, source, target):
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.using(db).filter(app_label=target[0], model=target[1]).exists():
        ContentType.objects.using(db).filter(app_label=source[0], model=source[1]).update(app_label=target[0])
    AccessLog = apps.get_model("wulian", "AccessLog")
    AccessLog.objects.using(db).filter(model=f"{source[0]}.Agency").update(model=f"{target[0]}.Agency")


def forwards(apps, schema_editor):
    _move(apps, schema_editor, OLD, NEW)


def backwards(apps, schema_editor):
    _move(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("organizations", "0005_agency_table_to_core"),
        ("wulian", "0005_plausible_values"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Agency',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                        ('credit_code', models.CharField(blank=True, help_text='统一社会信用代码, 18 characters.', max_length=18, verbose_name='unified social credit code')),
                        ('legal_representative', models.CharField(blank=True, max_length=50, verbose_name='legal representative')),
                        ('contact_person', models.CharField(blank=True, max_length=50, verbose_name='contact person')),
                        ('phone', models.CharField(blank=True, max_length=20, verbose_name='phone')),
                        ('address', models.CharField(blank=True, max_length=200, verbose_name='address')),
                        ('founded_on', models.DateField(blank=True, null=True, verbose_name='founded on')),
                        ('cultivated_on', models.DateField(blank=True, null=True, verbose_name='cultivated on')),
                        ('qualifications', models.TextField(blank=True, help_text='Grade of assessment, licences and other qualifications.', verbose_name='qualifications')),
                        ('certified_staff_count', models.PositiveIntegerField(default=0, help_text='Staff holding a social work qualification certificate.', verbose_name='certified social workers')),
                        ('service_domains', models.JSONField(blank=True, default=list, verbose_name='service domains')),
                        ('cultivated_by', models.ForeignKey(blank=True, help_text='The town or street that cultivated (培育) the agency.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='cultivated_agencies', to='wulian.region', verbose_name='cultivated by town')),
                        ('region', models.ForeignKey(help_text='The county or town where the agency is registered.', on_delete=django.db.models.deletion.PROTECT, related_name='agencies', to='wulian.region', verbose_name='registered in')),
                    ],
                    options={
                        'verbose_name': 'social work agency',
                        'verbose_name_plural': 'social work agencies',
                        'ordering': ['name'],
                    },
                    bases=(wulian.models.base.PageUrlsMixin, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="user",
                    name="agency",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="For social work agency staff: the agency they work for.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="staff_users",
                        to="wulian.agency",
                        verbose_name="agency",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
