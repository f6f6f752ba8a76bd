"""Social work agencies move into the core (``wulian.Agency``), step 1 of 3: the table takes the core's name.

Rows, ids and every foreign key to them stay as they are: PostgreSQL and SQLite carry the references along
with a renamed table. ``wulian.0006_agency_in_core`` then takes the model over in the migration state and
``organizations.0006_agency_moved_to_core`` drops it from this app's state, without touching the table.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0004_plausible_values"),
    ]

    operations = [
        migrations.AlterModelTable(name="agency", table="wulian_agency"),
    ]
