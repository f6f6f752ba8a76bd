"""Personal data, one rule: declared once per model, masked in lists, exports, history, API and search for
EVERY role; a per-record reveal by a role allowed to is logged; an unmasked export is a separate, logged choice."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from stations.models import StaffMember
from volunteers.models import Volunteer
from volunteers.testing import make_volunteer
from wulian.choices import AccessAction
from wulian.models import AccessLog, User
from wulian.personal import PersonalKind, mask, personal_fields

ALL_ROLES = ("bureau", "shoushan", "binhe", "agency", "evaluator", "leader", "superuser")
SEE_VOLUNTEERS = {"bureau", "shoushan", "binhe", "leader", "superuser"}  # the others have no volunteer in scope
MAY_REVEAL = {"bureau", "shoushan", "binhe", "superuser"}
FULL_ID, MASKED_ID = "11010119900307123X", "110101********123X"
FULL_PHONE, MASKED_PHONE = "13812345678", "138****5678"
NEW_ID, NEW_PHONE = "11010519491231002X", "13900001111"


@pytest.fixture
def login(as_user, client, cast):
    """Log in as one of the seven roles (the cast, plus a superuser)."""

    def as_role(role):
        if role == "superuser":
            user = User.objects.create_superuser("root", "root@example.org", "x-long-password-1")
            client.force_login(user)
            return client
        return as_user(role)

    return as_role


@pytest.fixture
def volunteer(cast):
    return make_volunteer(cast.binhe, name="李秀英", id_number=FULL_ID, phone=FULL_PHONE)


def cells(response) -> set[str]:
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return {str(c) for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c is not None}


def test_personal_fields_are_declared_once_on_the_model():
    assert personal_fields(Volunteer) == {"id_number": PersonalKind.ID_NUMBER, "phone": PersonalKind.PHONE}
    assert personal_fields(StaffMember) == {"phone": PersonalKind.PHONE}
    assert mask("id_number", FULL_ID) == MASKED_ID and mask("phone", FULL_PHONE) == MASKED_PHONE


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_volunteer_list_masks_for_every_role(login, volunteer, role, django_assert_max_num_queries):
    client = login(role)
    client.get(reverse("volunteers:volunteer_list"))  # the session and caches warm up
    with django_assert_max_num_queries(12):
        body = client.get(reverse("volunteers:volunteer_list")).content.decode()
    assert FULL_ID not in body and FULL_PHONE not in body
    if role in SEE_VOLUNTEERS:
        assert MASKED_ID in body and MASKED_PHONE in body


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_staff_list_masks_phones_for_every_role(login, cast, role):
    StaffMember.objects.create(name="周社工", region=cast.binhe, phone=FULL_PHONE, agency=cast.agency)
    body = login(role).get(reverse("stations:staffmember_list")).content.decode()
    assert FULL_PHONE not in body


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_excel_export_masks_for_every_role_and_is_logged(login, volunteer, role):
    response = login(role).get(reverse("volunteers:volunteer_list"), {"export": "xlsx"})
    if role not in SEE_VOLUNTEERS:
        assert response.status_code == 403
        return
    values = cells(response)
    assert MASKED_ID in values and MASKED_PHONE in values
    assert FULL_ID not in values and FULL_PHONE not in values
    assert AccessLog.objects.filter(action=AccessAction.EXPORT, model="volunteers.Volunteer").count() == 1
    assert not AccessLog.objects.filter(action=AccessAction.EXPORT_PERSONAL).exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_an_unmasked_export_is_a_separate_logged_choice_for_roles_allowed_to(login, volunteer, role):
    client = login(role)
    url = reverse("volunteers:volunteer_list")
    page = client.get(url).content.decode() if role in SEE_VOLUNTEERS else ""
    response = client.get(url, {"export": "xlsx", "personal": "1"})
    if role not in MAY_REVEAL:
        assert 'id="export-personal-button"' not in page
        assert response.status_code == 403
        assert not AccessLog.objects.exists()
        return
    assert 'id="export-personal-button"' in page
    values = cells(response)
    assert FULL_ID in values and FULL_PHONE in values
    log = AccessLog.objects.get()
    assert (log.action, log.model, log.row_count) == (AccessAction.EXPORT_PERSONAL, "volunteers.Volunteer", 1)
    assert "personal=1" in log.query


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_api_masks_for_every_role(login, volunteer, cast, role):
    client = login(role)
    StaffMember.objects.create(name="周社工", region=cast.binhe, phone=FULL_PHONE)
    for url in ("/api/volunteers/", f"/api/volunteers/{volunteer.pk}/", "/api/staff/"):
        body = client.get(url).content.decode()
        assert FULL_ID not in body and FULL_PHONE not in body, url
    if role in SEE_VOLUNTEERS:
        data = client.get(f"/api/volunteers/{volunteer.pk}/").json()
        assert (data["id_number"], data["phone"]) == (MASKED_ID, MASKED_PHONE)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_history_shows_no_more_than_the_masked_record_to_every_role(login, as_user, cast, volunteer, role):
    form = {
        "name": "李秀英", "id_type": "resident_id", "id_number": NEW_ID, "volunteer_number": volunteer.volunteer_number,
        "phone": NEW_PHONE, "community": cast.binhe.pk, "skills": "", "registered_on": "2024-03-01", "status": "active",
    }
    assert as_user("bureau").post(volunteer.get_url("edit"), form).status_code == 302
    response = login(role).get(volunteer.get_absolute_url())
    if role not in SEE_VOLUNTEERS:
        assert response.status_code == 404
        return
    history = response.content.decode().split('id="history-table"')[1]
    for full in (FULL_ID, FULL_PHONE, NEW_ID, NEW_PHONE, FULL_ID[-9:], NEW_ID[-9:], FULL_PHONE[-6:], NEW_PHONE[-6:]):
        assert full not in history, full
    assert MASKED_PHONE in history and mask("phone", NEW_PHONE) in history
    assert "002X" in history and "123X" in history  # what the masked record shows, no more


def test_a_reveal_by_an_allowed_role_shows_the_record_and_is_logged(as_user, cast, volunteer):
    client = as_user("shoushan")
    body = client.get(volunteer.get_absolute_url()).content.decode()
    assert MASKED_ID in body and FULL_ID not in body and 'id="reveal-button"' in body
    body = client.post(volunteer.get_absolute_url()).content.decode()
    assert FULL_ID in body and FULL_PHONE in body and 'id="revealed-note"' in body
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.object_id) == (cast.user_shoushan, AccessAction.REVEAL, str(volunteer.pk))
    # The reveal is for that one page: the next visit is masked again.
    assert FULL_ID not in client.get(volunteer.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["leader", "agency", "evaluator"])
def test_other_roles_cannot_reveal(login, volunteer, role):
    client = login(role)
    expected = 403 if role == "leader" else 404
    assert client.post(volunteer.get_absolute_url()).status_code == expected
    assert not AccessLog.objects.exists()


def test_a_staff_members_phone_is_revealed_the_same_way(as_user, cast):
    person = StaffMember.objects.create(name="周社工", region=cast.binhe, phone=FULL_PHONE)
    client = as_user("binhe")
    assert FULL_PHONE not in client.get(person.get_absolute_url()).content.decode()
    assert FULL_PHONE in client.post(person.get_absolute_url()).content.decode()
    assert AccessLog.objects.get().model == "stations.StaffMember"


def test_searching_by_a_full_phone_or_id_finds_the_person_and_shows_it_masked(as_user, volunteer):
    client = as_user("bureau")
    url = reverse("volunteers:volunteer_list")
    for term in (FULL_PHONE, FULL_ID, FULL_ID.lower()):
        response = client.get(url, {"q": term}, follow=True)
        body = response.content.decode()
        assert "李秀英" in body.split('class="table-responsive"')[1] and MASKED_PHONE in body
        # Neither the search box, nor the sort, page and export links, nor the address repeat the number.
        assert FULL_ID not in body.upper() and FULL_PHONE not in body
        assert term not in response.redirect_chain[0][0]
        export = client.get(url + "?" + response.redirect_chain[0][0].split("?")[1] + "&export=xlsx")
        assert "李秀英" in cells(export)
    assert all(FULL_PHONE not in log.query and FULL_ID not in log.query for log in AccessLog.objects.all())
    # A part of a number finds nobody: the box cannot be used to guess a number digit by digit.
    for part in (FULL_PHONE[:7], FULL_ID[:10], "5678"):
        body = client.get(url, {"q": part}, follow=True).content.decode()
        assert "李秀英" not in body.split('class="table-responsive"')[1]
    # A forged stand-in finds nobody.
    assert "李秀英" not in client.get(url, {"q": "138****5678~00000000"}).content.decode().split('class="table-responsive"')[1]


def test_personal_columns_cannot_be_sorted(as_user, cast):
    make_volunteer(cast.binhe, name="甲", phone="13900000009", volunteer_number="A1")
    make_volunteer(cast.binhe, name="乙", phone="13900000001", volunteer_number="A2")
    client = as_user("bureau")
    url = reverse("volunteers:volunteer_list")
    plain = client.get(url).content.decode()
    assert "sort=phone" not in plain and "sort=id_number" not in plain
    for column in ("phone", "-phone", "id_number", "-id_number"):
        body = client.get(url, {"sort": column}).content.decode()
        assert body.index("甲") < body.index("乙") if plain.index("甲") < plain.index("乙") else body.index("乙") < body.index("甲")
