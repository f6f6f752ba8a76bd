"""Create forms open prefilled from their link's query string, once, in the generic edit view."""

from __future__ import annotations

import re

from django.urls import reverse

from stations.models import StaffMember
from tests.stations_helpers import station_at
from volunteers.testing import make_volunteer


def selected(body: str, name: str) -> str | None:
    """The value of the selected option of the select named ``name``."""
    select = re.search(rf'<select name="{name}".*?</select>', body, re.S)
    assert select, f"no select {name}"
    option = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(0))
    return option.group(1) if option else None


def test_the_certificate_form_takes_the_volunteer_from_the_link(as_user, cast):
    volunteer = make_volunteer(cast.binhe, name="预填志愿者")
    body = as_user("binhe").get(reverse("volunteers:volunteercertificate_add"), {"volunteer": volunteer.pk}).content.decode()
    assert selected(body, "volunteer") == str(volunteer.pk)


def test_a_row_outside_the_users_scope_is_not_prefilled(as_user, cast):
    theirs = make_volunteer(cast.hengqu_village, name="横渠志愿者")
    body = as_user("binhe").get(reverse("volunteers:volunteercertificate_add"), {"volunteer": theirs.pk}).content.decode()
    assert selected(body, "volunteer") in (None, "")
    assert "横渠志愿者" not in body


def test_the_assignment_form_takes_person_and_station_from_the_link(as_user, cast):
    person = StaffMember.objects.create(name="预填社工", region=cast.shoushan)
    station = station_at(cast.binhe)
    body = as_user("shoushan").get(
        reverse("stations:staffassignment_add"), {"person": person.pk, "station": station.pk, "post": "nonsense"}
    ).content.decode()
    assert selected(body, "person") == str(person.pk)
    assert selected(body, "station") == str(station.pk)
    assert selected(body, "post") != "nonsense"


def test_the_staff_certificate_form_takes_the_person_from_the_link(as_user, cast):
    person = StaffMember.objects.create(name="持证社工", region=cast.hengqu)
    body = as_user("hengqu").get(reverse("stations:certificate_add"), {"person": person.pk}).content.decode()
    assert selected(body, "person") == str(person.pk)


def test_an_edit_form_ignores_the_query_string(as_user, cast):
    person = StaffMember.objects.create(name="原名社工", region=cast.hengqu)
    body = as_user("hengqu").get(person.get_url("edit"), {"name": "改名"}).content.decode()
    assert 'value="原名社工"' in body and "改名" not in body
