"""Load the 眉县 demo: regions, one user per role, and each app's demo records. Idempotent."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from wulian.demo import DEMO_USERS, HUAINAN_DISTRICT, HUAINAN_USERS


class Command(BaseCommand):
    help = "Load the 眉县 demo data (idempotent). Refuses to run with DEBUG=0 unless --force."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (production).")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: this looks like production. Use --force to load demo data anyway.")
        translation.activate(settings.LANGUAGE_CODE)
        extra_logins = []
        with transaction.atomic():
            for app in settings.WULIAN_DOMAIN_APPS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.load(stdout=self.stdout)
                extra_logins += getattr(module, "DEMO_LOGINS", [])  # (username, what the account is)
        self.stdout.write(self.style.SUCCESS("眉县 demo loaded. Logins (password: %s):" % settings.WULIAN_DEMO_PASSWORD))
        for username, role, region, *_ in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {role.label}{' · ' + region if region else ''}")
        for username, role, region, *_ in HUAINAN_USERS:
            self.stdout.write(f"  {username:<10} {role.label} · {region or HUAINAN_DISTRICT[0]}")
        for username, description in extra_logins:
            self.stdout.write(f"  {username:<10} {description}")
