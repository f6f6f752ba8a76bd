"""The bureau sets up its scheduled reports in the report centre (issue 23 G): before, only a superuser could,
in Django admin, whose headings were partly English."""

from __future__ import annotations

from django.urls import reverse

from wulian.models import ReportSchedule


def test_the_bureau_sets_up_a_monthly_report_in_the_report_centre(as_user, cast):
    client = as_user("bureau")
    centre = client.get(reverse("wulian:report_center")).content.decode()
    assert "新建定时报表" in centre
    form = client.get(reverse("wulian:report_schedule_add")).content.decode()
    assert "工作台账" in form or "社工站" in form
    response = client.post(reverse("wulian:report_schedule_add"), {
        "report": "station_ledger", "region": cast.hengqu.pk, "period": "last_month", "frequency": "monthly",
        "day": "3", "fmt": "", "title": "横渠镇月度工作台账",
    })
    assert response.status_code == 302
    schedule = ReportSchedule.objects.get(title="横渠镇月度工作台账")
    assert (schedule.run_as, schedule.region, schedule.day, schedule.active) == (cast.user_bureau, cast.hengqu, 3, True)
    centre = client.get(reverse("wulian:report_center")).content.decode()
    assert "横渠镇" in centre and "每月" in centre
    client.post(reverse("wulian:report_schedule_toggle", args=[schedule.pk]))
    assert not ReportSchedule.objects.get(pk=schedule.pk).active
    assert "已停用" in client.get(reverse("wulian:report_center")).content.decode()


def test_a_day_every_month_has_and_the_users_own_area_only(as_user, cast):
    client = as_user("bureau")
    page = client.post(reverse("wulian:report_schedule_add"), {
        "report": "station_ledger", "region": cast.hengqu.pk, "period": "last_month", "frequency": "monthly",
        "day": "31", "fmt": "",
    }).content.decode()
    assert "1 到 28" in page or "1至28" in page or "1 至 28" in page
    assert not ReportSchedule.objects.exists()


def test_only_the_bureau_sets_up_schedules(as_user):
    assert as_user("shoushan").get(reverse("wulian:report_schedule_add")).status_code == 403
    assert as_user("leader").get(reverse("wulian:report_schedule_add")).status_code == 403
