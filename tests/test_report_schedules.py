"""Report schedules: due once per month (quarter), built as the named account for the schedule's region, shared
with the area's users (not another town's) with a notification, kept longer, purged after that."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from stations.choices import ActivityKind
from stations.models import Activity
from tests.stations_helpers import station_at
from wulian.models import Notification, ReportJob, ReportSchedule, ReportStatus
from wulian.models.reports import Frequency, PeriodRule
from wulian.reports import run_due_schedules, schedule_params


def schedule(cast, **fields):
    defaults = {"report": "station_ledger", "run_as": cast.user_bureau, "region": cast.hengqu, "period": PeriodRule.LAST_MONTH}
    defaults.update(fields)
    item = ReportSchedule(**defaults)
    item.full_clean()
    item.save()
    return item


def test_a_monthly_schedule_is_due_once_a_month_from_its_day(cast):
    item = schedule(cast, day=3)
    assert not item.is_due(dt.date(2026, 11, 2))
    assert item.is_due(dt.date(2026, 11, 3))
    assert item.is_due(dt.date(2026, 11, 20))  # beat missed the day: it runs at the next chance
    item.last_run_on = dt.date(2026, 11, 3)
    assert not item.is_due(dt.date(2026, 11, 30))
    assert item.is_due(dt.date(2026, 12, 3))
    item.active = False
    assert not item.is_due(dt.date(2026, 12, 3))


def test_a_quarterly_schedule_is_due_in_the_first_month_of_each_quarter(cast):
    item = schedule(cast, frequency=Frequency.QUARTERLY, period=PeriodRule.LAST_QUARTER)
    assert item.is_due(dt.date(2026, 10, 1))
    item.last_run_on = dt.date(2026, 10, 1)
    assert not item.is_due(dt.date(2026, 11, 1)) and not item.is_due(dt.date(2026, 12, 31))
    assert item.is_due(dt.date(2027, 1, 1))
    assert schedule_params(item, dt.date(2027, 1, 1)) == {"region": cast.hengqu.pk, "year": 2026, "quarter": 4, "month": 12}


def test_last_month_crosses_the_year(cast):
    item = schedule(cast)
    assert schedule_params(item, dt.date(2027, 1, 1)) == {"region": cast.hengqu.pk, "year": 2026, "month": 12}
    assert schedule_params(item, dt.date(2026, 11, 15))["month"] == 10


def test_the_account_must_cover_the_region_and_may_run_the_report(cast):
    with pytest.raises(ValidationError) as error:
        schedule(cast, run_as=cast.user_shoushan, region=cast.hengqu)
    assert "run_as" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        schedule(cast, report="list_export")
    assert "report" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        schedule(cast, day=31)
    assert "day" in error.value.message_dict


def test_a_due_schedule_is_built_and_lands_in_the_download_lists_of_its_area_with_a_notification(
    client, cast, django_capture_on_commit_callbacks
):
    village = station_at(cast.hengqu_village)
    binhe = station_at(cast.binhe)
    Activity.objects.create(station=village, kind=ActivityKind.VISIT, date=dt.date(2026, 10, 8), title="入户走访", participants=3, hours=Decimal("2"))
    Activity.objects.create(station=binhe, kind=ActivityKind.GROUP, date=dt.date(2026, 10, 9), title="首善的小组", participants=9)
    item = schedule(cast, day=1)
    with django_capture_on_commit_callbacks(execute=True):
        jobs = run_due_schedules(dt.date(2026, 11, 1))
    assert len(jobs) == 1
    job = ReportJob.objects.get(pk=jobs[0].pk)
    assert job.status == ReportStatus.DONE, job.error
    assert job.params == {"region": cast.hengqu.pk, "year": 2026, "month": 10}
    assert job.schedule == item and job.shared_region == cast.hengqu
    assert job.filename == "社工站工作台账月报-横渠镇-2026年10月.xlsx"
    # Run again the same day (or later that month): nothing new.
    assert run_due_schedules(dt.date(2026, 11, 2)) == []

    # A town user of that area has it in the list and downloads it: only its town's stations.
    client.force_login(cast.user_hengqu)
    page = client.get(reverse("wulian:report_center")).content.decode()
    assert f'id="job-{job.pk}"' in page and "定期报表" in page
    assert 'id="report-schedules"' in page and "每月1日" in page  # what arrives when
    response = client.get(reverse("wulian:report_download", args=[job.pk]))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0].iter_rows(values_only=True))
    assert {r[0] for r in rows[1:-1]} == {"横渠镇"}
    assert rows[-1][9:] == (1, 3, 0, 2)
    note = Notification.objects.get(recipient=cast.user_hengqu)
    assert note.title == "定期报表已生成：社工站工作台账月报" and note.link == reverse("wulian:report_center")
    assert "横渠镇" in note.body

    # The county's bureau covers 横渠镇 too; another town's user and a community worker do not.
    assert Notification.objects.filter(recipient=cast.user_bureau).exists()
    for other in (cast.user_shoushan, cast.user_binhe):
        client.force_login(other)
        other_page = client.get(reverse("wulian:report_center")).content.decode()
        assert f'id="job-{job.pk}"' not in other_page and 'id="report-schedules"' not in other_page
        assert client.get(reverse("wulian:report_download", args=[job.pk])).status_code == 404
        assert client.get(reverse("wulian:report_job_progress", args=[job.pk])).status_code == 404
        assert not Notification.objects.filter(recipient=other).exists()
    # One shared file, not a copy per user.
    assert ReportJob.objects.count() == 1


def test_the_daily_beat_task_runs_the_due_schedules(settings):
    from wulian import tasks
    from wulian.celery import app

    assert tasks.run_report_schedules.name == "wulian.tasks.run_report_schedules"

    entry = settings.CELERY_BEAT_SCHEDULE["run-report-schedules"]
    assert entry["task"] == "wulian.tasks.run_report_schedules"
    assert "wulian.tasks.run_report_schedules" in app.tasks


def test_scheduled_reports_are_kept_longer_than_asked_ones(cast, settings):
    from wulian.tasks import purge_old_reports

    settings.REPORT_KEEP_DAYS, settings.REPORT_KEEP_SCHEDULED_DAYS = 30, 180
    now = timezone.now()
    item = schedule(cast)

    def job(days, **fields):
        made = ReportJob.objects.create(user=cast.user_bureau, report="station_ledger", **fields)
        ReportJob.objects.filter(pk=made.pk).update(created_at=now - dt.timedelta(days=days))
        return made.pk

    job(31)  # asked for 31 days ago: purged
    asked_new = job(29)
    shared_kept = job(100, schedule=item, shared_region=cast.hengqu)
    job(181, schedule=item, shared_region=cast.hengqu)  # purged
    assert purge_old_reports() == 2
    assert set(ReportJob.objects.values_list("pk", flat=True)) == {asked_new, shared_kept}
    kept = ReportJob.objects.get(pk=shared_kept)
    assert kept.kept_until == timezone.localdate(kept.created_at + dt.timedelta(days=180))


def test_the_command_creates_a_schedule_for_the_county_and_each_town_once(cast):
    from django.core.management import call_command

    from wulian.models import Region

    call_command("report_schedules", "--run-as", "bureau")
    towns = Region.objects.filter(path__startswith=cast.mei.path, level=4).count()
    schedules = ReportSchedule.objects.filter(report="station_ledger")
    assert schedules.count() == towns + 1
    assert set(schedules.values_list("frequency", "period", "run_as__username").distinct()) == {("monthly", "last_month", "bureau")}
    call_command("report_schedules", "--run-as", "bureau")
    assert schedules.count() == towns + 1


def test_the_report_centre_answers_in_a_bounded_number_of_queries(client, cast, django_assert_max_num_queries):
    item = schedule(cast)
    for i in range(30):
        ReportJob.objects.create(user=cast.user_hengqu, report="station_ledger", params={"year": 2026, "month": 1 + i % 12})
        ReportJob.objects.create(user=cast.user_bureau, report="station_ledger", schedule=item, shared_region=cast.hengqu, status=ReportStatus.DONE, file="reports/x.xlsx")
    client.force_login(cast.user_hengqu)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("wulian:report_center")).content.decode()
    assert page.count('id="job-') == 50


def test_a_quarterly_attainment_schedule_for_a_town_reports_on_that_town_only(cast, django_capture_on_commit_callbacks):
    """Run as the county's bureau account, the town's schedule covers the town, not the whole county."""
    item = schedule(cast, report="target_attainment", frequency=Frequency.QUARTERLY, period=PeriodRule.LAST_QUARTER)
    with django_capture_on_commit_callbacks(execute=True):
        jobs = run_due_schedules(dt.date(2026, 10, 1))
    assert len(jobs) == 1
    job = ReportJob.objects.get(pk=jobs[0].pk)
    assert job.status == ReportStatus.DONE, job.error
    assert job.schedule == item and job.params["region"] == cast.hengqu.pk and job.params["year"] == 2026
    assert "横渠镇" in job.filename
    with job.file.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    text = " ".join(str(c) for s in book.worksheets for row in s.iter_rows(values_only=True) for c in row if c)
    assert "横渠镇" in text and "崖下村" in text
    assert "首善街道" not in text and "滨河社区" not in text
    assert Notification.objects.filter(recipient=cast.user_hengqu).exists()
    assert not Notification.objects.filter(recipient=cast.user_shoushan).exists()
