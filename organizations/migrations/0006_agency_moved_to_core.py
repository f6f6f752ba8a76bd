"""Social work agencies moved into the core, step 3 of 3: this app forgets the model (state only).

The table ``wulian_agency`` and its rows belong to ``wulian.Agency`` now; nothing is dropped.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0005_agency_table_to_core"),
        ("stations", "0006_agency_in_core"),
        ("wulian", "0006_agency_in_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Agency")],
            database_operations=[],
        ),
    ]
