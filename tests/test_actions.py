"""The write path that refuses, and actions declared as transition tables: what a clerk and an API client see.

A domain rule (a volunteer serves at most 24 hours a day) refuses inside the transaction on a page form, in an
import row and in the API; a protected row is a message, never a 500; an action is a POST that locks the row,
checks state and guard on it, and leaves a state change on the record's timeline.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from tests.conftest import CAST_USERS
from volunteers.choices import ActivityStatus, HoursStatus
from volunteers.models import ServiceHours, Volunteer, VolunteerCertificate
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian.models import StateChange
from wulian.workflow import perform
from wulian.writes import Refused

JSON = "application/json"


@pytest.fixture
def busy_day(cast):
    """A 滨河 volunteer with 20 confirmed hours today, and a second activity of the same day."""
    volunteer = make_volunteer(cast.binhe, name="张桂兰")
    make_hours(make_activity(cast.binhe, title="上午探访"), volunteer, hours="20")
    return volunteer, make_activity(cast.binhe, title="下午义诊")


# -- the domain rule refuses on every write path -----------------------------------------------------------


def test_a_rule_refused_on_a_page_form_is_an_error_on_its_field(as_user, busy_day):
    volunteer, afternoon = busy_day
    response = as_user("binhe").post(
        reverse("volunteers:servicehours_add"),
        {"activity": afternoon.pk, "volunteer": volunteer.pk, "hours": "5", "status": "confirmed", "note": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["hours"] == [
        f"张桂兰在{_today_cn()}的服务时长合计将达25小时，一天最多24小时。"
    ]
    assert not ServiceHours.objects.filter(activity=afternoon).exists()
    # Four hours fit in the day.
    response = as_user("binhe").post(
        reverse("volunteers:servicehours_add"),
        {"activity": afternoon.pk, "volunteer": volunteer.pk, "hours": "4", "status": "confirmed", "note": ""},
    )
    assert response.status_code == 302


def test_a_rule_refused_in_an_import_row_names_the_row_and_imports_nothing(as_user, cast, busy_day):
    volunteer, afternoon = busy_day
    other = make_volunteer(cast.binhe)
    wb = Workbook()
    for row in (
        ["活动日期", "活动名称", "志愿者编号", "时长（小时）", "备注"],
        [afternoon.date, afternoon.title, other.volunteer_number, 3, ""],
        [afternoon.date, afternoon.title, volunteer.volunteer_number, 6, ""],
    ):
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    response = as_user("binhe").post(
        reverse("volunteers:servicehours_import"), {"file": SimpleUploadedFile("hours.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 200
    errors = [(e.row, e.column, e.message) for e in response.context["result"].errors]
    assert errors == [(3, "时长（小时）", f"张桂兰在{_today_cn()}的服务时长合计将达26小时，一天最多24小时。")]
    assert not ServiceHours.objects.filter(activity=afternoon).exists()


def test_a_rule_refused_in_the_api_is_a_409_with_the_message(as_user, busy_day):
    volunteer, afternoon = busy_day
    client = as_user("binhe")
    response = client.post(
        "/api/service-hours/", {"activity": afternoon.pk, "volunteer": volunteer.pk, "hours": "5"}, content_type=JSON
    )
    assert response.status_code == 409, response.content
    assert response.json() == {
        "detail": f"张桂兰在{_today_cn()}的服务时长合计将达25小时，一天最多24小时。",
        "field": "hours",
    }
    assert not ServiceHours.objects.filter(activity=afternoon).exists()
    # A change that breaks the rule is refused as well, and the record keeps its value.
    record = make_hours(afternoon, volunteer, hours="3")
    response = client.patch(f"/api/service-hours/{record.pk}/", {"hours": "4.5"}, content_type=JSON)
    assert response.status_code == 409
    record.refresh_from_db()
    assert record.hours == Decimal("3.00")


def test_bulk_hours_refused_by_the_rule_save_nobody(as_user, cast, busy_day):
    volunteer, afternoon = busy_day
    other = make_volunteer(cast.binhe)
    response = as_user("binhe").post(
        reverse("volunteers:activity_hours", args=[afternoon.pk]), {"volunteers": [other.pk, volunteer.pk], "hours": "6"}
    )
    assert response.status_code == 200
    assert "张桂兰在" in response.content.decode()
    assert not ServiceHours.objects.filter(activity=afternoon).exists()


# -- integrity errors are messages ----------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["volunteers", "volunteer-activities"])
def test_deleting_a_protected_row_through_the_api_is_a_409_with_a_message(as_user, cast, endpoint):
    activity = make_activity(cast.binhe, title="重阳节敬老")
    volunteer = make_volunteer(cast.binhe, name="王秀珍")
    make_hours(activity, volunteer)
    target = volunteer if endpoint == "volunteers" else activity
    response = as_user("shoushan").delete(f"/api/{endpoint}/{target.pk}/")
    assert response.status_code == 409
    assert "不能删除" in response.json()["detail"] and str(target) in response.json()["detail"]
    assert type(target).objects.filter(pk=target.pk).exists()


def test_deleting_a_protected_row_on_its_page_says_why(as_user, cast):
    volunteer = make_volunteer(cast.binhe, name="王秀珍")
    make_hours(make_activity(cast.binhe), volunteer)
    response = as_user("shoushan").post(volunteer.get_url("delete"), follow=True)
    assert "不能删除：有其他记录引用它" in response.content.decode()
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_a_certificate_asked_for_twice_is_issued_once(as_user, cast):
    volunteer = make_volunteer(cast.binhe, name="陈志强")
    make_hours(make_activity(cast.binhe), volunteer, hours="3")
    client = as_user("binhe")
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    form = {
        "volunteer": volunteer.pk, "period_start": today, "period_end": today, "issuer_name": "滨河社区居民委员会",
        "person_in_charge": "李主任", "handler": "王社工", "contact_phone": "0917-5540000", "remarks": "",
    }
    first = client.post(reverse("volunteers:volunteercertificate_add"), form)
    second = client.post(reverse("volunteers:volunteercertificate_add"), form, follow=True)
    certificate = VolunteerCertificate.objects.get()
    assert first["Location"] == certificate.get_absolute_url()
    assert second.redirect_chain[-1][0] == certificate.get_absolute_url()
    assert "未重复开具" in second.content.decode() and certificate.number in second.content.decode()


# -- actions ------------------------------------------------------------------------------------------------


@pytest.fixture
def pending(cast):
    activity = make_activity(cast.binhe, title="社区环境整治")
    return make_hours(activity, make_volunteer(cast.binhe, name="刘建华"), status=HoursStatus.PENDING, source="check_in")


def action_url(record, name):
    return reverse(type(record).url_name("action"), args=[record.pk, name])


def test_an_action_is_post_only_and_checks_csrf(cast, pending):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.user_binhe)
    assert client.get(action_url(pending, "confirm")).status_code == 405
    assert client.post(action_url(pending, "confirm")).status_code == 403
    pending.refresh_from_db()
    assert pending.status == HoursStatus.PENDING


def test_an_action_outside_ones_area_is_404_and_a_leader_may_not_act(as_user, pending):
    assert as_user("hengqu").post(action_url(pending, "confirm")).status_code == 404
    assert as_user("leader").post(action_url(pending, "confirm")).status_code == 403
    assert as_user("binhe").post(action_url(pending, "no_such_action")).status_code == 404
    pending.refresh_from_db()
    assert pending.status == HoursStatus.PENDING and not StateChange.objects.exists()


def test_an_action_writes_a_state_change_shown_on_the_records_timeline(as_user, cast, pending, django_assert_max_num_queries):
    client = as_user("binhe")
    response = client.post(action_url(pending, "reject"), {"reason": "当天未到场"}, follow=True)
    assert "「驳回」已完成：“社区环境整治：刘建华”现为“已驳回”。" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == HoursStatus.REJECTED and pending.reviewed_by == cast.user_binhe
    change = StateChange.objects.get()
    assert (change.action, change.from_state, change.to_state, change.user, change.reason) == (
        "reject", "pending", "rejected", cast.user_binhe, "当天未到场",
    )
    with django_assert_max_num_queries(20):
        body = client.get(pending.get_absolute_url()).content.decode()
    timeline = body[body.index('id="timeline"'):]
    assert "驳回" in timeline and "待确认" in timeline and "已驳回" in timeline and "当天未到场" in timeline
    assert str(cast.user_binhe) in timeline
    # No more actions from a final state.
    assert 'id="action-confirm"' not in body


def test_an_action_that_asks_for_a_reason_refuses_without_one(as_user, pending):
    response = as_user("binhe").post(action_url(pending, "reject"), {"reason": "  "}, follow=True)
    assert "请填写“驳回”的理由。" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == HoursStatus.PENDING and not StateChange.objects.exists()


def test_an_action_refused_on_the_locked_row_leaves_nothing_changed(as_user, cast, pending):
    """The page showed 确认, but another clerk rejected the record meanwhile: the confirm is refused."""
    body = as_user("binhe").get(pending.get_absolute_url()).content.decode()
    assert 'id="action-confirm"' in body
    perform(cast.user_shoushan, ServiceHours, pending.pk, "reject", reason="重复登记")
    entries = LogEntry.objects.count()
    response = as_user("binhe").post(action_url(pending, "confirm"), follow=True)
    assert "当前为“已驳回”" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == HoursStatus.REJECTED and pending.reviewed_by == cast.user_shoushan
    assert list(StateChange.objects.values_list("action", flat=True)) == ["reject"]
    assert LogEntry.objects.count() == entries


def test_a_guard_refusal_changes_nothing(as_user, cast):
    unfinished = make_hours(
        make_activity(cast.binhe), make_volunteer(cast.binhe, name="赵晓梅"), hours=None, status=HoursStatus.PENDING
    )
    with pytest.raises(Refused, match="赵晓梅尚未签退"):
        perform(cast.user_binhe, ServiceHours, unfinished.pk, "confirm")
    unfinished.refresh_from_db()
    assert unfinished.status == HoursStatus.PENDING and unfinished.reviewed_by is None
    assert not StateChange.objects.exists()


def test_check_in_is_closed_and_opened_by_actions(as_user, cast):
    activity = make_activity(cast.binhe, title="植树活动")
    client = as_user("binhe")
    body = client.get(activity.get_absolute_url()).content.decode()
    assert 'id="action-close_check_in"' in body and 'id="action-open_check_in"' not in body
    client.post(action_url(activity, "close_check_in"))
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CLOSED
    body = client.get(activity.get_absolute_url()).content.decode()
    assert 'id="action-open_check_in"' in body
    assert "关闭签到" in body[body.index('id="timeline"'):]
    # A leader sees the timeline but no buttons.
    body = as_user("leader").get(activity.get_absolute_url()).content.decode()
    assert 'id="action-open_check_in"' not in body and 'id="timeline"' in body


def test_an_edit_that_changes_the_state_is_on_the_timeline_too(as_user, cast):
    activity = make_activity(cast.binhe, title="关爱留守儿童")
    data = {
        "title": activity.title, "region": cast.binhe.pk, "date": activity.date.isoformat(), "start_time": "00:00",
        "end_time": "23:59", "place": activity.place, "organiser_name": "社区社工室", "content": activity.content,
        "status": "closed",
    }
    assert as_user("binhe").post(activity.get_url("edit"), data).status_code == 302
    change = StateChange.objects.get()
    assert (change.action, change.from_state, change.to_state, change.user) == ("", "open", "closed", cast.user_binhe)


def test_bulk_confirmation_reports_what_was_not_done(as_user, cast, pending):
    unfinished = make_hours(pending.activity, make_volunteer(cast.binhe, name="孙丽"), hours=None, status=HoursStatus.PENDING)
    response = as_user("binhe").post(
        reverse("volunteers:servicehours_bulk_action", args=["confirm"]),
        {"pk": [pending.pk, unfinished.pk], "next": pending.activity.get_absolute_url()},
        follow=True,
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == pending.activity.get_absolute_url()
    assert "已对 1 条记录执行「确认」。" in body and "1 条记录未处理：孙丽尚未签退" in body
    assert ServiceHours.objects.get(pk=pending.pk).status == HoursStatus.CONFIRMED
    assert ServiceHours.objects.get(pk=unfinished.pk).status == HoursStatus.PENDING


def test_the_api_takes_actions_and_refuses_the_second(as_user, pending):
    client = as_user("binhe")
    url = f"/api/service-hours/{pending.pk}/actions/confirm/"
    response = client.post(url, {}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    response = client.post(url, {}, content_type=JSON)
    assert response.status_code == 409 and "当前为“已确认”" in response.json()["detail"]
    assert as_user("hengqu").post(url, {}, content_type=JSON).status_code == 404
    assert StateChange.objects.count() == 1
    # Models without states have no action routes.
    assert client.post(f"/api/volunteers/{pending.volunteer_id}/actions/confirm/", {}, content_type=JSON).status_code == 404


# -- the transition tables, exhaustively ------------------------------------------------------------------------


def workflow_models():
    return [m for m in apps.get_models() if getattr(m, "workflow", None) is not None]


def test_every_transition_table_is_well_formed():
    assert {m._meta.label for m in workflow_models()} >= {"volunteers.ServiceHours", "volunteers.VolunteerActivity"}
    for model in workflow_models():
        field = model._meta.get_field(model.workflow.field)
        states = {value for value, _ in field.flatchoices}
        for t in model.workflow.transitions:
            assert set(t.source) <= states and t.target in states, (model, t.name)
            assert t.target not in t.source, (model, t.name)
            assert t.method is None or callable(getattr(model, t.method)), (model, t.name)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in str(t.label)), f"{model}.{t.name} has no Chinese label"
            if hasattr(model, "url_name"):  # the policy review has a page of its own (wulian/views/policy_drafts.py)
                assert reverse(model.url_name("action"), args=[1, t.name])
                assert reverse(model.url_name("bulk_action"), args=[t.name])


@pytest.mark.parametrize("username", CAST_USERS)
def test_the_buttons_offered_are_exactly_the_transitions_allowed(cast, username):
    from wulian.models.base import user_can

    user = cast.users[username]
    for model in workflow_models():
        field = model._meta.get_field(model.workflow.field)
        for state, _ in field.flatchoices:
            obj = model(**{model.workflow.field: state})
            offered = {t.name for t in model.workflow.available(obj, user)}
            expected = {
                t.name
                for t in model.workflow.transitions
                if state in t.source
                and not t.consequence_of  # taken only by the action it follows, never offered
                and user_can(user, model, t.scope_action(model))
                and (t.roles is None or user.role in t.roles)
            }
            assert offered == expected, (model, state, username)
    # Written out by hand for the hours: workers act on pending records only; the others never.
    pending = ServiceHours(status=HoursStatus.PENDING)
    names = {t.name for t in ServiceHours.workflow.available(pending, user)}
    assert names == ({"confirm", "reject"} if username in {"bureau", "shoushan", "hengqu", "binhe"} else set())


def _today_cn() -> str:
    from django.utils import timezone

    today = timezone.localdate()
    return f"{today.year}年{today.month}月{today.day}日"



def test_self_check_out_is_held_to_the_same_rule(cast, busy_day):
    import datetime as dt

    from volunteers.checkin import CheckInRefused, check_out

    volunteer, afternoon = busy_day
    record = make_hours(
        afternoon, volunteer, hours=None, status=HoursStatus.PENDING, source="check_in",
        checked_in_at=afternoon.starts_at + dt.timedelta(hours=1),
    )
    with pytest.raises(CheckInRefused, match="一天最多24小时"):
        check_out(afternoon, volunteer, now=afternoon.starts_at + dt.timedelta(hours=6))
    record.refresh_from_db()
    assert record.hours is None and record.checked_out_at is None
