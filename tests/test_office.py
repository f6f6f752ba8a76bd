"""As a county office sees it: Chinese error pages, JSON API for non-staff, plain words (issue 10)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("url", ["/projects/", "/funding/lines/999999/", "/no-such-page/", "/stations/999999/"])
def test_a_missing_page_answers_the_portals_chinese_404(as_user, settings, debug, url):
    settings.DEBUG = debug
    response = as_user("bureau").get(url)
    body = response.content.decode()
    assert response.status_code == 404
    assert 'id="error-page"' in body and "未找到" in body
    assert 'id="mainNav"' in body  # the portal's layout, with the user's menus
    assert "Page not found" not in body and "DEBUG = True" not in body


def test_a_forbidden_page_answers_in_chinese(as_user):
    response = as_user("evaluator").get(reverse("stations:station_add"))
    assert response.status_code in (403, 404)
    assert "Forbidden" not in response.content.decode()


def test_the_500_page_is_in_chinese_in_the_portals_layout(cast):
    from wulian.errors import server_error

    request = RequestFactory().get("/")
    request.user = cast.user_bureau
    request.session = {}
    response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "服务器错误" in body and 'id="mainNav"' in body


def test_the_500_page_needs_no_request(db):
    from django.template import loader

    body = loader.render_to_string("500_bare.html")
    assert "服务器错误" in body and "bg-wulian" in body


def test_the_api_answers_json_to_a_browser_of_a_non_staff_user(as_user):
    response = as_user("bureau").get("/api/regions/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_the_browsable_api_is_for_staff(client, cast):
    cast.user_bureau.is_staff = True
    cast.user_bureau.save(update_fields=["is_staff"])
    client.force_login(cast.user_bureau)
    response = client.get("/api/regions/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("text/html")


# -- words ------------------------------------------------------------------------------------------


def test_filters_offer_all_and_forms_please_choose(as_user):
    client = as_user("bureau")
    listing = client.get(reverse("stations:station_list")).content.decode()
    form = client.get(reverse("stations:station_add")).content.decode()
    assert "---------" not in listing and "---------" not in form
    assert '<option value="" selected>全部</option>' in listing
    assert ">请选择</option>" in form


def test_stock_django_messages_read_as_plain_chinese(db):
    from django import forms
    from django.utils import translation

    class Form(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "甲")])
        day = forms.DateField()

    with translation.override("zh-hans"):
        errors = Form({"kind": "跳舞", "day": "明天"}).errors
        assert errors["kind"] == ["“跳舞”不在可选范围内，请从列表中选择。"]
        assert errors["day"] == ["请输入正确的日期，例如 2023-06-30。"]
        assert Form({}).errors["day"] == ["此项必填。"]


def test_numbers_are_written_one_way():
    from decimal import Decimal

    from wulian.templatetags.wulian import number

    assert [number(94700), number(Decimal("12.50")), number(Decimal("3.00")), number(None)] == ["94700", "12.5", "3", ""]


def test_menu_entries_and_page_titles_use_the_same_name(as_user):
    import re

    from wulian.navigation import menus_for

    for username in ("bureau", "binhe"):
        client = as_user(username)
        user = client.get(reverse("home")).wsgi_request.user
        for menu in menus_for(user):
            for item in menu["items"]:
                body = client.get(item["url"]).content.decode()
                title = re.search(r"<h1[^>]*>(.*?)(?:<small|</h1>)", body, re.S).group(1)
                assert re.sub(r"<[^>]+>", "", title).strip() == str(item["label"]), (username, item["url"])


def test_a_community_workers_menu_is_short(as_user):
    from wulian.navigation import menus_for

    user = as_user("binhe").get(reverse("home")).wsgi_request.user
    entries = [item for menu in menus_for(user) for item in menu["items"]]
    # 4 station entries, organisations, 5 volunteer entries, its projects (issue 23 E), its donations (issue 19),
    # its 社区基金 and 慈善超市 (their movements, stock-ins and stock-takes open from their pages), the dashboard
    # of its community, the report centre and its account's security.
    assert len(entries) <= 17


# -- plausibility ---------------------------------------------------------------------------------


def _room(cast):
    from stations.choices import StationTier
    from stations.models import Station

    return Station.objects.create(name="滨河社区社工室", tier=StationTier.COMMUNITY_ROOM, region=cast.binhe)


def test_the_activity_log_refuses_a_date_beyond_tomorrow(as_user, cast):
    import datetime as dt

    from django.utils import timezone

    from stations.models import Activity

    room, today = _room(cast), timezone.localdate()
    client = as_user("binhe")
    data = {"title": "重阳敬老", "kind": "community", "station": room.pk}
    response = client.post(reverse("stations:activity_add"), {**data, "date": "2030-10-15"})
    assert response.status_code == 200
    tomorrow = today + dt.timedelta(days=1)
    assert f"日期最晚只能是{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日" in response.content.decode()
    assert not Activity.objects.exists()
    response = client.post(reverse("stations:activity_add"), {**data, "date": tomorrow.isoformat()})
    assert response.status_code == 302 and Activity.objects.count() == 1


def test_the_activity_log_refuses_more_volunteers_than_participants(as_user, cast):
    from stations.models import Activity

    room = _room(cast)
    client = as_user("binhe")
    data = {"title": "环境整治", "kind": "community", "station": room.pk, "date": "2024-05-01"}
    response = client.post(reverse("stations:activity_add"), {**data, "participants": "2", "volunteers": "50"})
    assert "参与志愿者计入参与人数，最多 2 人。" in response.content.decode()
    assert not Activity.objects.exists()
    response = client.post(reverse("stations:activity_add"), {**data, "participants": "50", "volunteers": "2"})
    assert response.status_code == 302


def test_hours_cannot_exceed_the_activitys_length(as_user, cast):
    import datetime as dt

    from volunteers.models import ServiceHours
    from volunteers.testing import make_activity, make_volunteer

    activity = make_activity(cast.binhe, start_time=dt.time(9, 0), end_time=dt.time(11, 30))
    volunteer = make_volunteer(cast.binhe)
    client = as_user("binhe")
    message = "该活动共 2.5 小时（09:00–11:30），志愿者的服务时长不能超过活动时长。"
    single = {"activity": activity.pk, "volunteer": volunteer.pk, "status": "confirmed"}
    response = client.post(reverse("volunteers:servicehours_add"), {**single, "hours": "3"})
    assert message in response.content.decode()
    response = client.post(reverse("volunteers:activity_hours", args=[activity.pk]), {"volunteers": [volunteer.pk], "hours": "4"})
    assert message in response.content.decode()
    assert not ServiceHours.objects.exists()
    response = client.post(reverse("volunteers:servicehours_add"), {**single, "hours": "2.5"})
    assert response.status_code == 302 and ServiceHours.objects.get().hours == 2.5


# -- lists ----------------------------------------------------------------------------------------


def test_the_activity_log_is_newest_first_with_quick_filters(as_user, cast, django_assert_max_num_queries):
    import datetime as dt

    from django.utils import timezone

    from stations.choices import ActivityKind
    from stations.models import Activity

    room, today = _room(cast), timezone.localdate()
    last_year = today.replace(year=today.year - 1)
    Activity.objects.create(station=room, kind=ActivityKind.VISIT, title="去年走访", date=last_year, recorded_by=cast.user_bureau)
    Activity.objects.create(station=room, kind=ActivityKind.VISIT, title="本月走访", date=today, recorded_by=cast.user_binhe)
    earlier = today.replace(day=1) - dt.timedelta(days=1)
    Activity.objects.create(station=room, kind=ActivityKind.VISIT, title="上月走访", date=earlier, recorded_by=cast.user_binhe)
    client = as_user("binhe")
    url = reverse("stations:activity_list")
    with django_assert_max_num_queries(15):
        body = client.get(url).content.decode()
    assert body.index("本月走访") < body.index("上月走访") < body.index("去年走访")
    assert 'id="quick-period-month"' in body and 'id="quick-mine-1"' in body
    month = client.get(url, {"period": "month"}).content.decode()
    assert "本月走访" in month and "上月走访" not in month and "去年走访" not in month
    year = client.get(url, {"period": "year"}).content.decode()
    assert "去年走访" not in year and ("上月走访" in year) == (earlier.year == today.year)
    mine = client.get(url, {"mine": "1"}).content.decode()
    assert "本月走访" in mine and "去年走访" not in mine
    # The active quick filter links back to the list without it.
    assert 'href="?" id="quick-mine-1" aria-current="true"' in mine


def test_an_activity_has_a_printable_a4_check_in_poster(as_user, cast):
    import datetime as dt

    from volunteers.testing import make_activity

    activity = make_activity(
        cast.binhe, title="重阳节敬老志愿服务", date=dt.date(2026, 10, 18), start_time=dt.time(9), end_time=dt.time(11, 30),
        place="滨河社区日间照料中心",
    )
    client = as_user("binhe")
    detail = client.get(activity.get_absolute_url()).content.decode()
    poster_url = reverse("volunteers:activity_poster", args=[activity.pk])
    assert poster_url in detail and "打印签到海报" in detail
    body = client.get(poster_url).content.decode()
    for text in ("重阳节敬老志愿服务", "2026年10月18日 09:00–11:30", "滨河社区日间照料中心", "<svg", "填写您的手机号码和生日（月日四位数字，如 0307）", activity.token):
        assert text in body, text
    assert as_user("hengqu").get(poster_url).status_code == 404  # another town's activity


def test_bulk_hours_for_a_whole_team_plus_picked_volunteers(as_user, cast):
    from volunteers.choices import VolunteerStatus
    from volunteers.models import ServiceHours, VolunteerTeam
    from volunteers.testing import make_activity, make_volunteer

    activity = make_activity(cast.binhe)
    a, b, gone = (make_volunteer(cast.binhe, name=n) for n in ("队员甲", "队员乙", "退出者"))
    gone.status = VolunteerStatus.INACTIVE
    gone.save()
    extra = make_volunteer(cast.binhe, name="散客")
    team = VolunteerTeam.objects.create(name="滨河为老服务队", region=cast.binhe, organising_body="居委会")
    team.members.set([a, b, gone])
    client = as_user("binhe")
    url = reverse("volunteers:activity_hours", args=[activity.pk])
    assert "整队录入" in client.get(activity.get_absolute_url()).content.decode()
    response = client.post(url, {"team": team.pk, "volunteers": [extra.pk, a.pk], "hours": "2"})
    assert response.status_code == 302
    assert set(ServiceHours.objects.filter(activity=activity).values_list("volunteer__name", flat=True)) == {"队员甲", "队员乙", "散客"}
    response = client.post(url, {"hours": "2"})
    assert "请选择一支队伍或至少一名志愿者。" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_report_built_at_once_is_announced_as_ready(client):
    """Without a broker the report is built within the request: the message must not say 正在生成."""
    from tests.conftest import get_cast, load_cast

    load_cast()
    client.force_login(get_cast().user_hengqu)
    response = client.post(reverse("wulian:report_request", args=["region_population"]), follow=True)
    body = response.content.decode()
    assert "已生成，请在下方列表下载" in body and "正在生成" not in body


def test_a_certificates_record_shows_chinese_dates(as_user, cast):
    from decimal import Decimal

    from volunteers.models import VolunteerCertificate
    from volunteers.testing import make_volunteer

    volunteer = make_volunteer(cast.binhe)
    certificate = VolunteerCertificate.objects.create(
        number=VolunteerCertificate.generate_number(volunteer.registered_on), volunteer=volunteer,
        period_start="2024-01-01", period_end="2024-12-31", hours=Decimal("2.5"), issuer_name="滨河社区居委会",
        person_in_charge="王主任", handler="刘芳", contact_phone="0917-5500000", issued_by=cast.user_bureau,
        items=[{"date": "2024-10-11", "title": "重阳敬老", "content": "陪伴老人", "hours": "2.5"}],
    )
    body = as_user("binhe").get(certificate.get_absolute_url()).content.decode()
    assert '<td class="text-nowrap">2024年10月11日</td><td>重阳敬老</td>' in body


def test_a_session_that_cannot_be_saved_because_the_database_went_away_is_the_503_page(db):
    """Django turns a failed session save into SessionInterrupted (a 400 "session deleted"); when the database
    went away under it (seen in the PostgreSQL restart drill, tests/test_stack_drills.py), the user gets the
    Chinese 503 page like every other request the database could not serve. Any other 400 stays a 400."""
    from django.contrib.sessions.exceptions import SessionInterrupted
    from django.db import OperationalError

    from wulian.errors import bad_request

    request = RequestFactory().post("/core/regions/add/")
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError:
            raise SessionInterrupted("The request's session was deleted before the request completed.") from None
    except SessionInterrupted as exc:
        interrupted = exc
    response = bad_request(request, interrupted)
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "系统暂时不可用" in response.content.decode()
    other = bad_request(request, SessionInterrupted("deleted by a logout in another tab"))
    assert other.status_code == 400
