"""Recompute the volunteer figures of every region and year (``CommunityYearStats``) from the records."""

import time

from django.core.management.base import BaseCommand

from volunteers.stats import refresh


class Command(BaseCommand):
    help = "Recompute the volunteer figures of every region and year from the records (after a bulk load)."

    def handle(self, *args, **options):
        started = time.monotonic()
        rows = refresh()
        if options["verbosity"]:
            self.stdout.write(f"{rows} region-year rows recomputed in {time.monotonic() - started:.1f} s")
