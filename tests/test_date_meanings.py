"""Dates by what they mean (issue 23 B): the plausible window of a date depends on the field — a plan and a
contract term reach years ahead, something that happened cannot lie in the future, an event is scheduled up
to a year ahead. Before, every date was refused more than a year ahead (「请填写 1949-01-01 至 … 之间的日期」),
so next year's project end and a three-year agreement could not be entered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from projects.models import Agreement, Milestone, Project, Rectification
from volunteers.models import Volunteer, VolunteerActivity
from wulian.models import Agency

JSON = "application/json"


def field_error(model, name, value) -> str | None:
    field = model._meta.get_field(name)
    try:
        field.run_validators(value)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


def years_ahead(n: int, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year + n) + dt.timedelta(days=days)


def test_a_plan_reaches_past_next_year():
    assert field_error(Project, "planned_end", years_ahead(1, days=60)) is None
    assert field_error(Milestone, "due_on", years_ahead(2)) is None
    assert field_error(Rectification, "deadline", years_ahead(1, days=30)) is None


def test_a_three_year_agreement_signed_for_next_year_can_be_entered():
    start = years_ahead(1)
    end = years_ahead(4)
    assert field_error(Agreement, "start", start) is None
    assert field_error(Agreement, "end", end) is None


def test_something_that_happened_cannot_lie_in_the_future():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    message = field_error(Agency, "founded_on", tomorrow)
    assert message == f"请填写 1949-01-01 至 {timezone.localdate().isoformat()} 之间的日期。"
    assert field_error(Volunteer, "registered_on", tomorrow)
    assert field_error(Volunteer, "registered_on", timezone.localdate()) is None


def test_an_event_is_scheduled_up_to_a_year_ahead_and_no_further():
    assert field_error(VolunteerActivity, "date", timezone.localdate() + dt.timedelta(days=200)) is None
    assert field_error(VolunteerActivity, "date", years_ahead(2)) is not None


@pytest.mark.parametrize("far", [dt.date(9999, 12, 31), dt.date(1, 1, 1)])
def test_nothing_accepts_a_date_nobody_could_mean(far):
    for model, name in ((Agreement, "end"), (Project, "planned_end"), (Agency, "founded_on")):
        assert field_error(model, name, far), (model, name)


def test_the_api_refuses_a_registration_tomorrow_with_the_window_in_words(as_user, cast):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = as_user("binhe").post(
        "/api/volunteers/",
        {"name": "张三", "id_type": "passport", "id_number": "E12345678", "community": cast.binhe.pk,
         "registered_on": tomorrow.isoformat()},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "之间的日期" in str(response.json()["registered_on"])
    assert not Volunteer.objects.filter(name="张三").exists()
