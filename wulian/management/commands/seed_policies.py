"""Create the two policy profiles of the seeds (眉县 2022, 淮南 2020) and attach 眉县 and 淮南市 when they exist.

Idempotent and additive: what exists is kept as an admin left it (thresholds, statuses, attachments).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from wulian import policy_seed


class Command(BaseCommand):
    help = "Seed the 眉县 (2022) and 淮南 (2020) policy profiles with their targets, phases and leading group."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = policy_seed.seed()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in created.items()))
