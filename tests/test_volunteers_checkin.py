"""Self check-in and check-out by QR code: the rules, at chosen moments, and the public page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from volunteers.checkin import CheckInRefused, check_in, check_out, identify
from volunteers.choices import ActivityStatus, HoursSource, HoursStatus
from volunteers.models import ServiceHours
from volunteers.testing import make_activity, make_hours, make_volunteer, valid_id_number

BORN_0307 = valid_id_number(birth=dt.date(1990, 3, 7))

DAY = dt.date(2024, 9, 14)


def at(hour, minute=0, day=DAY):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def activity(cast):
    return make_activity(cast.binhe, date=DAY, start_time=dt.time(9, 0), end_time=dt.time(11, 30))


@pytest.fixture
def volunteer(cast):
    return make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001", id_number=BORN_0307)


def refused(fn, *args) -> str:
    with pytest.raises(CheckInRefused) as exc:
        fn(*args)
    return exc.value.message


def test_a_volunteer_checks_in_and_out_and_the_hours_wait_for_confirmation(activity, volunteer):
    record = check_in(activity, volunteer, at(8, 50))
    assert record.status == HoursStatus.PENDING and record.source == HoursSource.CHECK_IN and record.hours is None
    record = check_out(activity, volunteer, at(11, 10))
    # Service time counts from the start of the activity, not from arriving early.
    assert record.hours == Decimal("2.16")
    assert record.status == HoursStatus.PENDING


def test_check_out_after_the_end_counts_only_until_the_end(activity, volunteer):
    check_in(activity, volunteer, at(9, 30))
    assert check_out(activity, volunteer, at(12, 0)).hours == Decimal("2.00")


def test_a_second_check_in_is_refused(activity, volunteer):
    check_in(activity, volunteer, at(9, 0))
    assert "请勿重复签到" in refused(check_in, activity, volunteer, at(9, 5))
    assert ServiceHours.objects.count() == 1


def test_a_late_check_in_is_refused(activity, volunteer):
    assert "签到时间已过" in refused(check_in, activity, volunteer, at(11, 30))
    assert "签到时间已过" in refused(check_in, activity, volunteer, at(10, 0, DAY + dt.timedelta(days=1)))
    assert not ServiceHours.objects.exists()


def test_an_early_check_in_is_refused(activity, volunteer):
    assert "签到尚未开始" in refused(check_in, activity, volunteer, at(8, 29))
    assert "签到尚未开始" in refused(check_in, activity, volunteer, at(9, 0, DAY - dt.timedelta(days=1)))
    check_in(activity, volunteer, at(8, 30))


def test_a_closed_activity_takes_no_check_in(activity, volunteer):
    activity.status = ActivityStatus.CLOSED
    activity.save()
    assert "未开放签到" in refused(check_in, activity, volunteer, at(9, 0))


def test_check_out_without_check_in_or_twice_is_refused(activity, volunteer):
    assert "尚未签到" in refused(check_out, activity, volunteer, at(10, 0))
    check_in(activity, volunteer, at(9, 0))
    check_out(activity, volunteer, at(10, 0))
    assert "已签退" in refused(check_out, activity, volunteer, at(10, 30))
    assert "已完成本活动的签到和签退" in refused(check_in, activity, volunteer, at(10, 30))


def test_check_out_before_the_activity_starts_counts_nothing(activity, volunteer):
    check_in(activity, volunteer, at(8, 40))
    assert "尚无可计入的服务时间" in refused(check_out, activity, volunteer, at(8, 50))


def test_check_out_long_after_the_end_is_refused(activity, volunteer):
    check_in(activity, volunteer, at(9, 0))
    assert "签退时间已过" in refused(check_out, activity, volunteer, at(14, 0))


def test_hours_recorded_by_staff_are_not_overwritten_by_check_in(activity, volunteer):
    make_hours(activity, volunteer)
    assert "工作人员已为您登记" in refused(check_in, activity, volunteer, at(9, 0))
    assert "工作人员已为您登记" in refused(check_out, activity, volunteer, at(10, 0))


def test_a_volunteer_is_identified_by_number_and_phone_digits(volunteer):
    assert identify("2024000001", "0307") == volunteer
    for number, digits in (("2024000001", "1234"), ("2024000002", "0307"), ("", "0307"), ("2024000001", ""), ("2024000001", "5678")):
        with pytest.raises(CheckInRefused) as exc:
            identify(number, digits)
        assert "手机号码或生日不正确" in exc.value.message


def test_a_volunteer_is_identified_by_the_mobile_number_they_know(volunteer, cast):
    """Issue 23 F: the mobile number (found through its blind index: it is encrypted) and the birthday."""
    assert identify("13912345678", "0307") == volunteer
    for phone, digits in (("13912345678", "0308"), ("13912345670", "0307"), ("5678", "0307"), ("13912345678", "")):
        with pytest.raises(CheckInRefused):
            identify(phone, digits)
    # A parent's phone shared by two volunteers: the birthday tells them apart ...
    child = make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000002",
                           id_number=valid_id_number(birth=dt.date(2008, 11, 30)))
    assert identify("13912345678", "1130") == child and identify("13912345678", "0307") == volunteer
    # ... and when it does not either, the volunteer is told what to do instead.
    make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000003",
                   id_number=valid_id_number(birth=dt.date(1991, 3, 7)))
    with pytest.raises(CheckInRefused) as exc:
        identify("13912345678", "0307")
    assert "志愿者编号" in exc.value.message and "工作人员" in exc.value.message
    assert identify("2024000003", "0307").volunteer_number == "2024000003"


def test_an_inactive_volunteer_cannot_check_in(volunteer):
    volunteer.status = "inactive"
    volunteer.save()
    with pytest.raises(CheckInRefused):
        identify("2024000001", "0307")


# -- the public page -------------------------------------------------------------------------------------------


def test_the_public_page_needs_no_login_and_checks_in(client, cast):
    activity = make_activity(cast.binhe)  # today, all day
    make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001", id_number=BORN_0307, name="欧阳修文")
    url = reverse("volunteers:check_in", args=[activity.token])
    page = client.get(url)
    assert page.status_code == 200 and activity.title in page.content.decode()
    page = page.content.decode()
    assert "您的手机号码" in page and 'id="id_phone"' in page and "id_volunteer_number" not in page
    response = client.post(url, {"phone": "139 1234 5678", "birth_mmdd": "0307", "action": "check_in"})
    body = response.content.decode()
    assert "签到成功" in body
    assert "欧阳修文" not in body and "欧**文" in body  # the name is masked even to the volunteer
    assert "13912345678" not in body
    assert ServiceHours.objects.get().status == HoursStatus.PENDING


def test_the_public_page_answers_404_for_a_wrong_token_or_a_pk(client, cast):
    activity = make_activity(cast.binhe)
    assert client.get(reverse("volunteers:check_in", args=["not-a-token"])).status_code == 404
    assert client.get(reverse("volunteers:check_in", args=[str(activity.pk)])).status_code == 404


def test_the_public_page_says_the_same_for_a_wrong_number_and_wrong_digits(client, cast):
    activity = make_activity(cast.binhe)
    make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001", id_number=BORN_0307)
    url = reverse("volunteers:check_in", args=[activity.token])
    a = client.post(url, {"phone": "2024000001", "birth_mmdd": "0000", "action": "check_in"})
    b = client.post(url, {"phone": "2099999999", "birth_mmdd": "0307", "action": "check_in"})
    assert "手机号码或生日不正确" in a.content.decode()
    assert "手机号码或生日不正确" in b.content.decode()
    assert not ServiceHours.objects.exists()


def test_wrong_attempts_lock_one_volunteer_number_not_everyone_behind_the_proxy(client, cast, settings):
    from volunteers.checkin import MAX_FAILURES

    settings.WULIAN_TRUSTED_PROXIES = ["10.0.0.1"]
    activity = make_activity(cast.binhe)
    make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001", id_number=BORN_0307)
    make_volunteer(cast.binhe, volunteer_number="2024000002", id_number=valid_id_number(birth=dt.date(1985, 11, 30)))
    url = reverse("volunteers:check_in", args=[activity.token])
    proxy = {"REMOTE_ADDR": "10.0.0.1"}  # every phone arrives through the reverse proxy
    for guess in range(MAX_FAILURES):
        client.post(url, {"phone": "2024000001", "birth_mmdd": f"{guess:04d}", "action": "check_in"},
                    HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    right = {"phone": "2024000001", "birth_mmdd": "0307", "action": "check_in"}
    # The guessed number is locked, from any phone.
    body = client.post(url, right, HTTP_X_FORWARDED_FOR="198.51.100.99", **proxy).content.decode()
    assert "尝试次数过多" in body
    assert not ServiceHours.objects.exists()
    # Another volunteer behind the same proxy checks in as usual.
    other = {"phone": "2024000002", "birth_mmdd": "1130", "action": "check_in"}
    body = client.post(url, other, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy).content.decode()
    assert "签到成功" in body


def test_one_phone_trying_many_numbers_is_stopped_by_its_address(client, cast):
    from volunteers.checkin import MAX_ADDRESS_FAILURES

    activity = make_activity(cast.binhe)
    make_volunteer(cast.binhe, volunteer_number="2024000001", id_number=BORN_0307)
    url = reverse("volunteers:check_in", args=[activity.token])
    for n in range(MAX_ADDRESS_FAILURES):
        client.post(url, {"phone": f"20249{n:05d}", "birth_mmdd": "0101", "action": "check_in"})
    body = client.post(url, {"phone": "2024000001", "birth_mmdd": "0307", "action": "check_in"}).content.decode()
    assert "尝试次数过多" in body


def test_the_check_in_secret_is_not_what_a_masked_phone_shows(client, cast):
    from wulian.tables import mask_id_number, mask_phone

    volunteer = make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001", id_number=BORN_0307)
    assert volunteer.check_in_secret == "0307"
    assert "0307" not in mask_id_number(volunteer.id_number)
    assert mask_phone(volunteer.phone).endswith("5678")
    with pytest.raises(CheckInRefused):
        identify("2024000001", "5678")


def test_a_volunteer_without_a_birth_date_on_the_document_is_sent_to_the_staff(cast):
    make_volunteer(cast.binhe, volunteer_number="2024000009", id_type="passport", id_number="E12345678")
    for guess in ("0000", "5678", "1234"):
        with pytest.raises(CheckInRefused):
            identify("2024000009", guess)


def test_with_the_cache_down_the_page_refuses_with_a_message(client, cast, settings):
    activity = make_activity(cast.binhe)
    make_volunteer(cast.binhe, volunteer_number="2024000001", id_number=BORN_0307)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    url = reverse("volunteers:check_in", args=[activity.token])
    response = client.post(url, {"phone": "2024000001", "birth_mmdd": "0307", "action": "check_in"})
    assert response.status_code == 200
    assert "签到暂时无法使用" in response.content.decode()
    assert not ServiceHours.objects.exists()


def test_an_activity_dated_year_one_does_not_break_the_page(client, cast):
    from volunteers.models import VolunteerActivity

    activity = make_activity(cast.binhe)
    VolunteerActivity.objects.filter(pk=activity.pk).update(date=dt.date(1, 1, 1))
    make_volunteer(cast.binhe, volunteer_number="2024000001", id_number=BORN_0307)
    url = reverse("volunteers:check_in", args=[activity.token])
    assert client.get(url).status_code == 200
    for action in ("check_in", "check_out"):
        response = client.post(url, {"phone": "2024000001", "birth_mmdd": "0307", "action": action})
        assert response.status_code == 200
        assert 'id="check-in-error"' in response.content.decode()
    assert not ServiceHours.objects.exists()
