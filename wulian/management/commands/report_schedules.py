"""Create the standard report schedules: a monthly ledger for the county and for each of its towns.

    python manage.py report_schedules --run-as bureau [--report station_ledger] [--day 1] [--quarterly] [--format pdf]

Idempotent: a schedule of the same report for the same region is left as it is (an admin may have edited it).
Admins then edit, pause or add schedules in the admin (报表 › 定期报表计划).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wulian.choices import RegionLevel
from wulian.models import Region, ReportSchedule, User
from wulian.models.reports import Frequency, PeriodRule


class Command(BaseCommand):
    help = "Create a schedule of a report for the run-as account's county and each of its towns."

    def add_arguments(self, parser):
        parser.add_argument("--run-as", required=True, help="username of the account whose scope the reports use")
        parser.add_argument("--report", default="station_ledger")
        parser.add_argument("--day", type=int, default=1)
        parser.add_argument("--quarterly", action="store_true", help="quarterly (last quarter) instead of monthly")
        parser.add_argument("--format", default="", help="for a report offered in several formats (xlsx, pdf)")

    def handle(self, *args, run_as, report, day, quarterly, format, **options):
        user = User.objects.filter(username=run_as).select_related("region").first()
        if user is None or user.region is None:
            raise CommandError(f"No account {run_as!r} with a scope region.")
        regions = [user.region, *Region.objects.filter(path__startswith=user.region.path, level=RegionLevel.TOWN).exclude(pk=user.region_id).order_by("path")]
        created = 0
        for region in regions:
            if ReportSchedule.objects.filter(report=report, region=region, fmt=format).exists():
                continue
            schedule = ReportSchedule(
                report=report,
                region=region,
                run_as=user,
                day=day,
                fmt=format,
                frequency=Frequency.QUARTERLY if quarterly else Frequency.MONTHLY,
                period=PeriodRule.LAST_QUARTER if quarterly else PeriodRule.LAST_MONTH,
            )
            try:
                schedule.full_clean()
            except ValidationError as exc:
                raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
            schedule.save()
            created += 1
        self.stdout.write(f"{created} schedules created, {len(regions) - created} already there.")
