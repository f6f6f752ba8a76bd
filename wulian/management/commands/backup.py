"""Write the database and the private files to one dated, checksummed archive (see wulian/security/backup.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wulian.security import audit, backup
from wulian.security.audit import AuditAction


class Command(BaseCommand):
    help = "Back up the database and the files to var/backups/wulian-backup-<date>.tar.gz[.enc] (+ .sha256)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.VAR_DIR / "backups"))
        parser.add_argument("--keep", type=int, default=0, help="keep only the newest N archives in --dir (0: all)")
        parser.add_argument("--encrypt", action="store_true",
                            help="encrypt the archive (AES-256-GCM) with WULIAN_BACKUP_KEY from the environment")

    def handle(self, *args, **options):
        from pathlib import Path

        try:
            archive = backup.create(options["dir"], encrypt=options["encrypt"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        if options["keep"]:
            archives = sorted(p for p in Path(options["dir"]).glob("wulian-backup-*") if p.suffix != ".sha256")
            for old in archives[: -options["keep"]]:
                old.unlink()
                Path(f"{old}.sha256").unlink(missing_ok=True)
        audit.record(AuditAction.ADMIN, username="manage.py", obj="backup", detail=archive.name)
        self.stdout.write(f"{archive}")
