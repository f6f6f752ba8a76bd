"""Re-encrypt every encrypted personal field under the current WULIAN_DATA_KEY, in batches.

Rotation: set the new key as WULIAN_DATA_KEY and the old one in WULIAN_DATA_OLD_KEYS, run this command, then
remove the old key. Blind indexes are recomputed with the values (searches by ID number find rotated rows).
"""

from django.core.management.base import BaseCommand

from wulian.security import audit, crypto
from wulian.security.audit import AuditAction


class Command(BaseCommand):
    help = "Re-encrypt personal data under the current WULIAN_DATA_KEY (old keys in WULIAN_DATA_OLD_KEYS)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, **options):
        total = 0
        for model in crypto.models_with_encrypted_fields():
            count = crypto.rewrite(model, batch=options["batch"])
            total += count
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
        key, _ = crypto.keyring()
        audit.record(AuditAction.ADMIN, username="manage.py", obj="rotate_data_key",
                     detail=f"{total} rows under key {crypto.key_id(key)}")
        self.stdout.write(f"Done: {total} rows under key {crypto.key_id(key)}.")
