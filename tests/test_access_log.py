"""The access log: every export, import and reveal is recorded, and the bureau reads those of its area."""

import pytest
from django.urls import reverse

from wulian.choices import AccessAction, RegionLevel, Role
from wulian.models import AccessLog, Region, User


def test_an_export_is_logged_and_the_bureau_reads_it(as_user, cast):
    as_user("hengqu").get("/organizations/agencies/", {"export": "xlsx", "q": "机构"})
    entry = AccessLog.objects.get(user=cast.user_hengqu)
    assert entry.action == AccessAction.EXPORT and entry.model == "wulian.Agency"
    assert entry.query == "q=%E6%9C%BA%E6%9E%84"
    body = as_user("bureau").get(reverse("wulian:accesslog_list")).content.decode()
    assert "张伟" in body and "社会工作服务机构" in body and "导出" in body
    assert "q=机构" in body  # the filter reads as typed, not percent-encoded


def test_the_bureau_sees_only_its_own_areas_entries(as_user, cast):
    elsewhere = Region.objects.add_root({"name": "安徽省", "level": RegionLevel.PROVINCE})
    stranger = User.objects.create_user("stranger", password="x-unused-9q", role=Role.BUREAU_ADMIN, region=elsewhere,
                                        last_name="外", first_name="省人")
    AccessLog.objects.create(user=stranger, action=AccessAction.EXPORT, model="volunteers.Volunteer", row_count=9)
    AccessLog.objects.create(user=cast.user_agency, action=AccessAction.EXPORT, model="wulian.Agency", row_count=1)
    body = as_user("bureau").get(reverse("wulian:accesslog_list")).content.decode()
    assert "外省人" not in body
    assert "陈静" in body  # agency staff belong to the area of their agency


def test_only_the_bureau_reads_the_log(as_user, cast):
    for username in ("shoushan", "hengqu", "binhe", "agency", "evaluator", "leader"):
        assert as_user(username).get(reverse("wulian:accesslog_list")).status_code == 403, username


def test_the_log_cannot_be_written_through_the_portal(as_user, cast):
    client = as_user("bureau")
    body = client.get(reverse("wulian:accesslog_list")).content.decode()
    assert 'id="add-button"' not in body
    assert client.post(reverse("wulian:accesslog_list")).status_code == 405


# -- issue 23 G: the log reads as a person would ------------------------------------------------------------------


def test_every_report_download_is_a_row_naming_the_file(as_user, cast, django_capture_on_commit_callbacks):
    from tests.test_reports import request_report

    jobs = [request_report(as_user("hengqu"), "region_population", django_capture_on_commit_callbacks) for _ in range(3)]
    client = as_user("hengqu")
    for job in jobs:
        for _ in range(3):
            response = client.get(reverse("wulian:report_download", args=[job.pk]))
            assert response.status_code == 200
            b"".join(response.streaming_content)
    downloads = AccessLog.objects.filter(user=cast.user_hengqu, action=AccessAction.REPORT)
    assert downloads.count() == 9
    jobs[0].refresh_from_db()
    assert set(downloads.values_list("object_label", flat=True)) >= {jobs[0].filename}
    body = as_user("bureau").get(reverse("wulian:accesslog_list"), {"action": "report"}).content.decode()
    assert "共 9 条" in body and "下载报表" in body and jobs[0].filename in body


def test_filters_in_words_and_objects_by_name(as_user, cast, django_assert_max_num_queries):
    from stations.models import Station
    from tests.stations_helpers import station_at

    room = station_at(cast.binhe)
    AccessLog.objects.create(user=cast.user_binhe, action=AccessAction.REVEAL, model="stations.Station",
                             object_id=str(room.pk), object_label=str(room))
    AccessLog.objects.create(user=cast.user_hengqu, action=AccessAction.EXPORT, model="wulian.Agency", row_count=3)
    AccessLog.objects.create(user=cast.user_hengqu, action=AccessAction.EXPORT, model="stations.Station", object_id="999999")
    client = as_user("bureau")
    page = client.get(reverse("wulian:accesslog_list"))
    form = page.context["filter_form"]
    assert set(form.fields) >= {"user", "action", "model", "date"}
    kinds = dict(form.fields["model"].choices)
    assert kinds["stations.Station"] == str(Station._meta.verbose_name_plural) and kinds["wulian.Agency"] == "社会工作服务机构"
    assert form.fields["user"].label == "用户" and form.fields["model"].label == "对象类别"
    body = page.content.decode()
    assert str(room) in body and ">stations.Station" not in body and "#999999" in body
    with django_assert_max_num_queries(25):
        only = client.get(reverse("wulian:accesslog_list"), {"user": cast.user_hengqu.pk, "model": "stations.Station"})
    rows = list(only.context["table"].page.object_list)
    assert [(r.record.user, r.record.model) for r in rows] == [(cast.user_hengqu, "stations.Station")]


def test_a_reveal_is_logged_with_the_objects_name(as_user, cast):
    from volunteers.testing import make_volunteer

    volunteer = make_volunteer(cast.binhe, name="韩梅梅")
    as_user("binhe").post(volunteer.get_absolute_url())
    entry = AccessLog.objects.get(action=AccessAction.REVEAL)
    assert entry.object_label == "韩梅梅" and entry.object_id == str(volunteer.pk)


@pytest.mark.browser
def test_the_access_log_in_chromium(live_server, browser_cast, page):
    from tests.browser import login, screenshot

    cast = browser_cast
    AccessLog.objects.create(user=cast.user_hengqu, action=AccessAction.REPORT, model="wulian.ReportJob",
                             object_id="3", object_label="行政区域与常住人口-横渠镇.xlsx")
    AccessLog.objects.create(user=cast.user_binhe, action=AccessAction.EXPORT, model="volunteers.Volunteer", row_count=12)
    login(page, live_server.url, "bureau")
    page.goto(live_server.url + reverse("wulian:accesslog_list") + "?action=report")
    body = page.content()
    assert "行政区域与常住人口-横渠镇.xlsx" in body and "对象类别" in body and "共 1 条" in body
    screenshot(page, "h23b-access-log")
