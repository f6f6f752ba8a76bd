"""Notifications: any app notifies a user or a role in a region; each user sees and reads only their own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from volunteers.checkin import check_in, check_out
from volunteers.testing import make_activity, make_volunteer
from wulian.choices import NotificationLevel, Role
from wulian.models import Notification, User
from wulian.notifications import notify, notify_role


def recipients_of(notifications) -> set[str]:
    return {n.recipient.username for n in notifications}


def test_notify_reaches_one_user(cast):
    notification = notify(cast.user_binhe, "活动报名已满", "请关注后续安排。", link="/volunteers/")
    assert Notification.objects.get() == notification
    assert (notification.recipient, notification.title, notification.read_at) == (cast.user_binhe, "活动报名已满", None)


def test_notify_skips_an_inactive_account(cast):
    User.objects.filter(pk=cast.user_binhe.pk).update(is_active=False)
    cast.user_binhe.refresh_from_db()
    assert notify(cast.user_binhe, "不会送达") is None
    assert not Notification.objects.exists()


def test_notify_role_reaches_those_whose_scope_covers_the_region_or_lies_within_it(cast):
    assert recipients_of(notify_role(Role.TOWN_STAFF, cast.mei, "全县镇街通知")) == {"shoushan", "hengqu"}
    assert recipients_of(notify_role(Role.TOWN_STAFF, cast.binhe, "滨河社区事项")) == {"shoushan"}
    assert recipients_of(notify_role(Role.BUREAU_ADMIN, cast.binhe, "滨河社区事项")) == {"bureau"}
    assert recipients_of(notify_role(Role.COMMUNITY_WORKER, cast.shoushan, "首善街道事项")) == {"binhe"}
    assert notify_role(Role.COMMUNITY_WORKER, cast.hengqu, "横渠镇事项") == []
    assert notify_role(Role.TOWN_STAFF, cast.mei, "只通知覆盖全县的人", within=False) == []
    assert recipients_of(notify_role(Role.AGENCY_STAFF, cast.mei, "机构通知")) == {"agency"}


def test_a_repeat_of_the_same_matter_updates_the_unread_notification(cast):
    first = notify(cast.user_binhe, "待确认：1条", key="matter:1")
    again = notify(cast.user_binhe, "待确认：2条", key="matter:1")
    assert again.pk == first.pk
    assert list(Notification.objects.values_list("title", flat=True)) == ["待确认：2条"]
    Notification.objects.mark_read()
    third = notify(cast.user_binhe, "待确认：3条", key="matter:1")
    assert third.pk != first.pk and Notification.objects.count() == 2


def test_the_bell_shows_the_unread_count_at_the_cost_of_one_query(as_user, cast, django_assert_max_num_queries):
    client = as_user("binhe")
    client.get(reverse("home"))  # warm up the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as none_yet:
        body = client.get(reverse("home")).content.decode()
    assert 'id="notification-bell"' in body and 'id="unread-count"' not in body
    for i in range(30):
        notify(cast.user_binhe, f"通知{i}")
    notify(cast.user_shoushan, "别人的通知")
    Notification.objects.filter(title="通知0").mark_read()
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("home")).content.decode()
    assert '<span class="badge rounded-pill text-bg-warning" id="unread-count">29</span>' in body
    assert len(many) == len(none_yet)
    counts = [q["sql"] for q in many if "wulian_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()


def test_the_list_shows_my_notifications_only(as_user, cast, django_assert_max_num_queries):
    for i in range(25):
        notify(cast.user_binhe, f"我的通知{i:02d}", level=NotificationLevel.WARNING)
    notify(cast.user_shoushan, "首善的通知")
    client = as_user("binhe")
    with django_assert_max_num_queries(12):
        body = client.get(reverse("wulian:notification_list")).content.decode()
    assert "我的通知24" in body and "我的通知05" in body and "我的通知04" not in body  # newest first, 20 a page
    assert "首善的通知" not in body
    assert "我的通知04" in client.get(reverse("wulian:notification_list"), {"page": 2}).content.decode()


def test_someone_elses_notification_answers_404(as_user, cast):
    theirs = notify(cast.user_shoushan, "首善的通知", link="/stations/")
    client = as_user("binhe")
    assert client.get(reverse("wulian:notification_open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("wulian:notification_read", args=[theirs.pk])).status_code == 404
    client.post(reverse("wulian:notification_read_all"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(as_user, cast):
    mine = notify(cast.user_binhe, "去看看", link="/volunteers/activities/")
    response = as_user("binhe").get(reverse("wulian:notification_open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/volunteers/activities/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_a_link_to_another_site_is_not_followed(as_user, cast):
    mine = notify(cast.user_binhe, "外部链接", link="https://example.com/phish")
    response = as_user("binhe").get(reverse("wulian:notification_open", args=[mine.pk]))
    assert response["Location"] == reverse("wulian:notification_list")


def test_mark_one_and_mark_all_read(as_user, cast):
    first, second, third = (notify(cast.user_binhe, f"通知{i}") for i in range(3))
    client = as_user("binhe")
    assert client.get(reverse("wulian:notification_read", args=[first.pk])).status_code == 405  # POST only
    client.post(reverse("wulian:notification_read", args=[first.pk]))
    assert Notification.objects.unread().count() == 2
    body = client.get(reverse("wulian:notification_list"), {"unread": "1"}).content.decode()
    assert "通知1" in body and "通知0" not in body
    response = client.post(reverse("wulian:notification_read_all"), follow=True)
    assert Notification.objects.unread().count() == 0
    assert "2 条通知已标记为已读" in response.content.decode()
    assert "暂无未读通知" in client.get(reverse("wulian:notification_list"), {"unread": "1"}).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse("wulian:notification_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_notifications_are_mailed_when_a_mail_server_is_configured(cast, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_HOST = "smtp.mei.gov.cn"
    User.objects.filter(pk=cast.user_binhe.pk).update(email="binhe@example.cn")
    cast.user_binhe.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify(cast.user_binhe, "待确认的时长", "3 名志愿者已签退。", link="/volunteers/activities/1/")
        notify(cast.user_shoushan, "没有邮箱的人")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["binhe@example.cn"] and "待确认的时长" in message.subject
    assert "3 名志愿者已签退。" in message.body and "/volunteers/activities/1/" in message.body


def test_no_mail_without_a_mail_server(cast, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_HOST = ""
    User.objects.filter(pk=cast.user_binhe.pk).update(email="binhe@example.cn")
    cast.user_binhe.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify(cast.user_binhe, "不发邮件")
    assert mail.outbox == []


# -- the first real use: self-recorded hours wait for the staff who confirm them ----------------------------

DAY = dt.date(2024, 9, 14)


def at(hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(DAY, dt.time(hour, minute)))


def self_record(activity, community, number):
    volunteer = make_volunteer(community, volunteer_number=number)
    check_in(activity, volunteer, at(9, 0))
    return check_out(activity, volunteer, at(11, 0))


def test_hours_checked_out_by_qr_code_notify_the_community_worker_who_confirms_them(cast):
    activity = make_activity(cast.binhe, title="重阳节敬老", date=DAY, start_time=dt.time(9), end_time=dt.time(11, 30))
    volunteer = make_volunteer(cast.binhe, volunteer_number="N0000001")
    check_in(activity, volunteer, at(9, 0))
    assert not Notification.objects.exists()  # nothing to confirm before the hours are known
    check_out(activity, volunteer, at(11, 0))
    notification = Notification.objects.get()
    assert notification.recipient == cast.user_binhe and notification.level == NotificationLevel.WARNING
    assert notification.title == "待确认的自助签到时长：重阳节敬老"
    assert "1 名志愿者" in notification.body and "2024年9月14日" in notification.body
    assert notification.link == activity.get_absolute_url()
    self_record(activity, cast.binhe, "N0000002")
    notification = Notification.objects.get()  # one notification per activity, updated while unread
    assert "2 名志愿者" in notification.body


def test_hours_of_a_town_activity_notify_the_town_staff(cast):
    activity = make_activity(cast.hengqu, date=DAY, start_time=dt.time(9), end_time=dt.time(11, 30))
    self_record(activity, cast.hengqu_community, "N0000003")
    assert recipients_of(Notification.objects.all()) == {"hengqu"}


def test_staff_entering_hours_notify_nobody(cast):
    from volunteers.testing import make_hours

    activity = make_activity(cast.binhe, date=DAY)
    make_hours(activity, make_volunteer(cast.binhe))
    assert not Notification.objects.exists()


def test_the_notified_worker_opens_the_activity_and_sees_the_hours(as_user, cast):
    activity = make_activity(cast.binhe, title="社区义诊", date=DAY, start_time=dt.time(9), end_time=dt.time(11, 30))
    self_record(activity, cast.binhe, "N0000004")
    client = as_user("binhe")
    assert '<span class="badge rounded-pill text-bg-warning" id="unread-count">1</span>' in client.get(
        reverse("home")
    ).content.decode()
    notification = Notification.objects.get()
    response = client.get(reverse("wulian:notification_open", args=[notification.pk]), follow=True)
    assert response.status_code == 200 and "社区义诊" in response.content.decode()
    assert 'id="unread-count"' not in response.content.decode()


@pytest.mark.parametrize("username", ["bureau", "shoushan", "hengqu", "binhe", "agency", "evaluator", "leader"])
def test_every_role_has_the_bell_and_the_page(as_user, cast, username):
    notify(cast.users[username], "欢迎使用通知")
    client = as_user(username)
    body = client.get(reverse("wulian:notification_list")).content.decode()
    assert "欢迎使用通知" in body and 'id="unread-count">1<' in body


def test_a_superuser_too_sees_only_their_own(client, cast):
    admin = User.objects.create_superuser("root_notify", password="x")
    notify(admin, "系统管理员的通知")
    others = notify(cast.user_binhe, "滨河的通知")
    client.force_login(admin)
    body = client.get(reverse("wulian:notification_list")).content.decode()
    assert "系统管理员的通知" in body and "滨河的通知" not in body
    assert client.get(reverse("wulian:notification_open", args=[others.pk])).status_code == 404
    assert list(Notification.objects.restrict(admin, "delete")) == list(Notification.objects.filter(recipient=admin))
