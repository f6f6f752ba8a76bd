"""Self check-in and check-out by QR code: the rules, at chosen moments, and the public page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from volunteers.checkin import CheckInRefused, check_in, check_out, identify
from volunteers.choices import ActivityStatus, HoursSource, HoursStatus
from volunteers.models import ServiceHours
from volunteers.testing import make_activity, make_hours, make_volunteer

DAY = dt.date(2024, 9, 14)


def at(hour, minute=0, day=DAY):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def activity(cast):
    return make_activity(cast.binhe, date=DAY, start_time=dt.time(9, 0), end_time=dt.time(11, 30))


@pytest.fixture
def volunteer(cast):
    return make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001")


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
    assert identify("2024000001", "5678") == volunteer
    for number, digits in (("2024000001", "1234"), ("2024000002", "5678"), ("", "5678"), ("2024000001", "")):
        with pytest.raises(CheckInRefused) as exc:
            identify(number, digits)
        assert "志愿者编号或手机号后四位不正确" in exc.value.message


def test_an_inactive_volunteer_cannot_check_in(volunteer):
    volunteer.status = "inactive"
    volunteer.save()
    with pytest.raises(CheckInRefused):
        identify("2024000001", "5678")


# -- the public page -------------------------------------------------------------------------------------------


def test_the_public_page_needs_no_login_and_checks_in(client, cast):
    activity = make_activity(cast.binhe)  # today, all day
    make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001", name="欧阳修文")
    url = reverse("volunteers:check_in", args=[activity.token])
    page = client.get(url)
    assert page.status_code == 200 and activity.title in page.content.decode()
    response = client.post(url, {"volunteer_number": "2024000001", "phone_last4": "5678", "action": "check_in"})
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
    make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001")
    url = reverse("volunteers:check_in", args=[activity.token])
    a = client.post(url, {"volunteer_number": "2024000001", "phone_last4": "0000", "action": "check_in"})
    b = client.post(url, {"volunteer_number": "2099999999", "phone_last4": "5678", "action": "check_in"})
    assert "志愿者编号或手机号后四位不正确" in a.content.decode()
    assert "志愿者编号或手机号后四位不正确" in b.content.decode()
    assert not ServiceHours.objects.exists()


def test_the_public_page_stops_answering_after_ten_wrong_attempts_from_one_address(client, cast):
    from volunteers.checkin import MAX_FAILURES

    activity = make_activity(cast.binhe)
    make_volunteer(cast.binhe, phone="13912345678", volunteer_number="2024000001")
    url = reverse("volunteers:check_in", args=[activity.token])
    for guess in range(MAX_FAILURES):
        client.post(url, {"volunteer_number": "2024000001", "phone_last4": f"{guess:04d}", "action": "check_in"})
    right = {"volunteer_number": "2024000001", "phone_last4": "5678", "action": "check_in"}
    body = client.post(url, right).content.decode()
    assert "尝试次数过多" in body
    assert not ServiceHours.objects.exists()
    # Another phone (another address) is not held up by someone else's guessing.
    body = client.post(url, right, REMOTE_ADDR="10.0.0.8").content.decode()
    assert "签到成功" in body
