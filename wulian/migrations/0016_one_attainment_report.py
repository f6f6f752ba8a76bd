"""The annual attainment report is one report with a choice of format (Excel or PDF), no longer two codes:
jobs and schedules of the old codes keep working under the new one, their format kept in ``params`` / ``fmt``."""

from django.db import migrations

OLD = {"target_attainment_xlsx": "xlsx", "target_attainment_pdf": "pdf"}


def forwards(apps, schema_editor):
    ReportJob = apps.get_model("wulian", "ReportJob")
    ReportSchedule = apps.get_model("wulian", "ReportSchedule")
    for code, fmt in OLD.items():
        for job in ReportJob.objects.filter(report=code):
            job.report = "target_attainment"
            job.params = {**(job.params or {}), "format": fmt}
            job.save(update_fields=["report", "params"])
        ReportSchedule.objects.filter(report=code).update(report="target_attainment", fmt=fmt)


def backwards(apps, schema_editor):
    ReportJob = apps.get_model("wulian", "ReportJob")
    ReportSchedule = apps.get_model("wulian", "ReportSchedule")
    for job in ReportJob.objects.filter(report="target_attainment"):
        job.report = f"target_attainment_{(job.params or {}).get('format') or 'xlsx'}"
        job.save(update_fields=["report"])
    for schedule in ReportSchedule.objects.filter(report="target_attainment"):
        schedule.report = f"target_attainment_{schedule.fmt or 'xlsx'}"
        schedule.save(update_fields=["report"])


class Migration(migrations.Migration):
    dependencies = [("wulian", "0015_dashboard_summaries")]

    operations = [migrations.RunPython(forwards, backwards)]
