"""Move audit entries older than the retention period (≥ 180 days) to a JSON-lines file with its SHA-256."""

from django.conf import settings
from django.core.management.base import BaseCommand

from wulian.security import audit


class Command(BaseCommand):
    help = "Archive audit entries older than WULIAN_AUDIT_RETENTION_DAYS (never fewer than 180) to a hashed file."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.WULIAN_AUDIT_RETENTION_DAYS)
        parser.add_argument("--dir", default=str(settings.WULIAN_AUDIT_ARCHIVE_DIR))

    def handle(self, *args, **options):
        entry = audit.archive(options["days"], options["dir"])
        if entry is None:
            self.stdout.write("Nothing older than the retention period.")
            return
        self.stdout.write(
            f"{entry.row_count} entries (#{entry.first_seq}–#{entry.last_seq}) archived to {entry.file_name}, "
            f"sha256 {entry.file_sha256}."
        )
