"""Walk the audit trail's hash chain: exit 1 and name every edited or deleted row when it is broken."""

from django.core.management.base import BaseCommand, CommandError

from wulian.security import audit


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain (edited, deleted or reordered rows are reported)."

    def handle(self, *args, **options):
        verdict = audit.verify()
        for problem in verdict.problems:
            self.stderr.write(problem)
        if not verdict.ok:
            raise CommandError(f"The audit trail is broken: {len(verdict.problems)} problems in {verdict.checked} rows.")
        self.stdout.write(f"The audit trail is intact: {verdict.checked} rows checked.")
