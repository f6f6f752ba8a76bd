"""Both policy documents (seed 000 眉县 2022, seed 004 淮南 2020) as profiles with their targets, phases and
leading group; regions are attached when they exist (the demo loader attaches them again later)."""

from types import SimpleNamespace

from django.db import migrations


def seed(apps, schema_editor):
    from wulian import policy_seed

    names = ("PolicyProfile", "Target", "Phase", "LeadingGroupMember", "ProfileRegion", "Region")
    policy_seed.seed(SimpleNamespace(**{name: apps.get_model("wulian", name) for name in names}))


class Migration(migrations.Migration):
    dependencies = [("wulian", "0012_policy_targets")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
