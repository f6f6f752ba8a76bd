"""The access log: every export, import and reveal is recorded, and the bureau reads those of its area."""

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
