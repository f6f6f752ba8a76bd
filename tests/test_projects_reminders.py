"""The daily reminder of overdue project items: who is told, once a day, and by mail when configured."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.utils import timezone

from projects.choices import ProjectStatus
from projects.models import Agreement, Project, Rectification
from projects.reminders import send_overdue_reminders
from projects.tasks import flag_overdue
from projects.testing import advance, agency_user, close_bidding, evaluate, make_project, people_of, second_agency
from wulian.models import Notification, User

pytestmark = pytest.mark.django_db
S = ProjectStatus


@pytest.fixture
def overdue(cast):
    """Four overdue matters at 首善街道: an award, a supervision, a rectification item, an ended agreement."""
    people = people_of(cast)
    today = timezone.localdate()
    tender = advance(make_project(cast.shoushan, title="逾期定标项目"), S.PUBLISHED, people)
    close_bidding(tender)
    unsupervised = advance(make_project(cast.shoushan, title="未督导项目"), S.IN_SERVICE, people)
    Project.objects.filter(pk=unsupervised.pk).update(supervision_due=today - dt.timedelta(days=3),
                                                      evaluator=cast.user_evaluator)
    rectifying = advance(make_project(cast.shoushan, title="整改项目"), S.IN_SERVICE, people)
    Project.objects.filter(pk=rectifying.pk).update(evaluator=cast.user_evaluator)
    item = Rectification.objects.create(evaluation=evaluate(rectifying, cast.user_bureau), description="个案档案缺失",
                                        deadline=today - dt.timedelta(days=1))
    ended = advance(make_project(cast.shoushan, title="到期项目"), S.IN_SERVICE, people)
    Agreement.objects.filter(project=ended).update(start=today - dt.timedelta(days=365),
                                                   end=today - dt.timedelta(days=1))
    Notification.objects.all().delete()  # the award notices of the set-up
    return {"tender": tender, "unsupervised": unsupervised, "rectifying": rectifying, "item": item, "ended": ended}


def titles(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_the_people_concerned_are_told_of_each_overdue_item(cast, overdue):
    agency_user(second_agency(cast.mei), "agency2")
    sent = flag_overdue()
    assert titles(cast.user_bureau) == sorted([
        "逾期未确定承接机构：逾期定标项目", "中期督导到期：未督导项目", "整改逾期：整改项目", "协议已到期：到期项目",
    ])
    assert titles(cast.user_evaluator) == sorted(["中期督导到期：未督导项目", "整改逾期：整改项目"])
    assert titles(cast.user_agency) == sorted(["整改逾期：整改项目", "协议已到期：到期项目"])
    for name in ("shoushan", "hengqu", "binhe", "leader"):
        assert titles(cast.users[name]) == [], name
    assert titles(User.objects.get(username="agency2")) == []
    assert sent == 8
    body = Notification.objects.get(recipient=cast.user_agency, title__startswith="整改逾期").body
    assert "个案档案缺失" in body and "年" in body and "月" in body


def test_once_per_item_and_day_even_after_reading(cast, overdue):
    today = timezone.localdate()
    assert send_overdue_reminders(today) == 8
    Notification.objects.update(read_at=timezone.now())
    assert send_overdue_reminders(today) == 0
    assert Notification.objects.count() == 8
    assert send_overdue_reminders(today + dt.timedelta(days=1)) == 8  # still overdue tomorrow: told again
    perform_close(cast, overdue["item"])
    Notification.objects.all().delete()
    assert "整改逾期：整改项目" not in titles(cast.user_agency)
    send_overdue_reminders(today + dt.timedelta(days=2))
    assert "整改逾期：整改项目" not in titles(cast.user_agency)


def perform_close(cast, item):
    from wulian.workflow import perform

    perform(cast.user_agency, Rectification, item.pk, "answer", reason="已补齐")
    perform(cast.user_bureau, Rectification, item.pk, "close")


def test_reminders_are_mailed_when_a_mail_server_is_configured(cast, overdue, settings,
                                                                django_capture_on_commit_callbacks):
    settings.EMAIL_HOST = "smtp.mei.gov.cn"
    User.objects.filter(pk=cast.user_agency.pk).update(email="renhe@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        flag_overdue()
    assert sorted(m.subject for m in mail.outbox if m.to == ["renhe@example.cn"]) != []
    assert all(m.to == ["renhe@example.cn"] for m in mail.outbox)
    assert any("整改逾期" in m.subject for m in mail.outbox)


def test_the_task_runs_daily_on_the_beat_schedule():
    from wulian.celery import app

    entries = [e for e in django_settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "projects.tasks.flag_overdue"]
    assert len(entries) == 1 and entries[0]["schedule"] == 24 * 3600
    assert "projects.tasks.flag_overdue" in app.tasks
