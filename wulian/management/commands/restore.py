"""Restore an archive written by `manage.py backup` into an empty database and put the files back."""

from django.core.management.base import BaseCommand, CommandError

from wulian.security import backup


class Command(BaseCommand):
    help = "Check an archive's checksums, restore its database into an empty database and its files."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database-url", default=None, help="an empty database (default: the configured one)")
        parser.add_argument("--check-only", action="store_true", help="verify the checksums, restore nothing")

    def handle(self, *args, **options):
        try:
            if options["check_only"]:
                manifest = backup.check(options["archive"])
            else:
                manifest = backup.restore(options["archive"], options["database_url"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        verb = "checked" if options["check_only"] else "restored"
        self.stdout.write(f"{verb}: {len(manifest['files'])} files, {rows} rows in {len(manifest['tables'])} tables")
