"""Anonymise the people past their retention period (WULIAN_RETENTION_YEARS; see wulian/pipl.py)."""

from django.core.management.base import BaseCommand

from wulian import pipl


class Command(BaseCommand):
    help = "Anonymise volunteers and station staff inactive longer than their retention period (--dry-run: list them)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list who would be anonymised, change nothing")

    def handle(self, *args, **options):
        rows = pipl.anonymise_expired(dry_run=options["dry_run"])
        for label, pk, name, last in rows:
            self.stdout.write(f"{label}#{pk}\t{name}\tlast active {last}")
        verb = "would be anonymised" if options["dry_run"] else "anonymised"
        self.stdout.write(f"{len(rows)} {verb}.")
