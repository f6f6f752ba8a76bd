"""Plausible values: dates in a sane window, real birth dates in ID numbers, numbers and phones by format,
no control characters — refused with a message on the API and the forms, on every field they apply to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from tests.stations_helpers import station_at
from volunteers.models import Volunteer
from volunteers.testing import valid_id_number
from wulian.validators import (
    validate_no_control_characters,
    validate_phone_number,
    validate_plausible_date,
)

JSON = "application/json"


def volunteer_payload(cast, **changes):
    data = {
        "name": "张三", "id_type": "resident_id", "id_number": valid_id_number(birth=dt.date(1990, 3, 7)),
        "phone": "13912345678", "community": cast.binhe.pk, "registered_on": "2024-01-01",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"registered_on": "0001-01-01"}, "registered_on"),
        ({"registered_on": "9999-12-31"}, "registered_on"),
        ({"id_number": valid_id_number(birth=dt.date(1800, 1, 1))}, "id_number"),
        ({"id_number": valid_id_number(birth=dt.date(3000, 1, 1))}, "id_number"),
        ({"volunteer_number": "-5"}, "volunteer_number"),
        ({"volunteer_number": "2024\u202e0001"}, "volunteer_number"),
        ({"name": "张\u202e三"}, "name"),
        ({"name": "张\x00三"}, "name"),
        ({"phone": "-aÇ5ጐ"}, "phone"),
    ],
)
def test_implausible_volunteer_values_are_refused_by_the_api(as_user, cast, changes, field):
    response = as_user("binhe").post("/api/volunteers/", volunteer_payload(cast, **changes), content_type=JSON)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Volunteer.objects.filter(name__startswith="张").exists()


def test_a_plausible_volunteer_is_accepted(as_user, cast):
    response = as_user("binhe").post(
        "/api/volunteers/", volunteer_payload(cast, volunteer_number="2024-0001"), content_type=JSON
    )
    assert response.status_code == 201, response.content


def test_a_staff_phone_nobody_could_mean_is_refused_on_the_form(as_user, cast):
    response = as_user("shoushan").post(
        reverse("stations:staffmember_add"), {"name": "李四", "region": cast.shoushan.pk, "phone": "-aÇ5ጐ"}
    )
    assert response.status_code == 200
    assert "请填写 11 位手机号" in response.content.decode()


def test_an_activity_in_year_one_is_refused(as_user, cast):
    room = station_at(cast.binhe)
    response = as_user("binhe").post(
        "/api/activities/", {"station": room.pk, "kind": "visit", "title": "走访", "date": "0001-01-01"}, content_type=JSON
    )
    assert response.status_code == 400
    assert "date" in response.json()


def test_every_date_and_text_field_of_the_portal_carries_the_validators():
    checked = 0
    for model in apps.get_models():
        if model._meta.app_label not in settings.WULIAN_DOMAIN_APPS:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
                assert validate_plausible_date in field.validators, (model, field.name)
                checked += 1
            if isinstance(field, models.CharField) and not field.choices:
                assert validate_no_control_characters in field.validators, (model, field.name)
            if field.name in ("phone", "contact_phone"):
                assert validate_phone_number in field.validators, (model, field.name)
    assert checked >= 15


@pytest.mark.parametrize("value", ["13912345678", "0917-5541234", "029-88886666", "88886666", "0917-5541234-801"])
def test_real_phone_numbers_pass(value):
    from django.core.exceptions import ValidationError

    try:
        validate_phone_number(value)
    except ValidationError as exc:
        pytest.fail(f"{value} refused: {exc.messages}")
    with pytest.raises(ValidationError):  # the same shape with letters in it is refused
        validate_phone_number(value[:-1] + "x")
