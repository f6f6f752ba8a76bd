"""Personal data encrypted at rest (issue 21): the database and its dump hold no ID number or phone in plain text,
while the reveal, the exact search by ID number, duplicates and the key rotation keep working."""

from __future__ import annotations

import os
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from stations.models import StaffMember
from volunteers.models import Volunteer
from volunteers.testing import make_volunteer, valid_id_number
from wulian.models import TOTPDevice
from wulian.security import crypto, twofactor

FULL_ID = valid_id_number(77)
FULL_PHONE = "13812345678"


def raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def volunteer(cast):
    return make_volunteer(cast.binhe, id_number=FULL_ID, phone=FULL_PHONE, name="林静")


def test_the_row_holds_ciphertext_and_the_model_reads_the_value(volunteer):
    stored = raw("volunteers_volunteer", "id_number", volunteer.pk)
    assert stored.startswith("enc1:") and FULL_ID not in stored
    assert FULL_PHONE not in raw("volunteers_volunteer", "phone", volunteer.pk)
    assert Volunteer.objects.get(pk=volunteer.pk).id_number == FULL_ID
    assert Volunteer.objects.get(id_number=FULL_ID.lower()) == volunteer  # exact search through the blind index
    assert list(Volunteer.objects.filter(id_number__in=[FULL_ID, "x"])) == [volunteer]
    assert Volunteer.objects.filter(phone=FULL_PHONE).get() == volunteer
    # Two encryptions of one value differ (a random nonce): equal ciphertexts give nothing away.
    assert crypto.encrypt(FULL_ID) != crypto.encrypt(FULL_ID)


def test_a_second_volunteer_with_the_same_id_number_is_refused(as_user, cast, volunteer):
    data = {"name": "林静二", "id_type": "resident_id", "id_number": FULL_ID.lower(), "phone": "13911112222",
            "community": cast.binhe.pk, "registered_on": "2024-03-01", "status": "active"}
    response = as_user("binhe").post(reverse("volunteers:volunteer_add"), data)
    assert "该证件号码的志愿者已注册，不能重复登记。" in response.content.decode()
    assert Volunteer.objects.count() == 1


def test_a_dump_of_the_database_holds_no_plain_id_number_while_reveal_and_search_work(
    transactional_db, tmp_path, client
):
    from tests.conftest import get_cast, load_cast

    load_cast()
    cast = get_cast()
    volunteer = make_volunteer(cast.binhe, id_number=FULL_ID, phone=FULL_PHONE, name="林静")
    staff = StaffMember.objects.create(name="周敏", region=cast.binhe, phone="13900001111")
    # An edit: the history must not keep the full values either.
    volunteer.phone = "13700002222"
    volunteer.save()
    # The bureau's authenticator: its TOTP secret is encrypted too, and still verifies a code.
    device = TOTPDevice.objects.create(user=cast.user_bureau, name="phone", confirmed=True)
    totp_secrets = (device.key, twofactor.secret_base32(device))
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    dump = subprocess.run(
        ["pg_dump", "-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432),
         "-U", settings["USER"], "--data-only", settings["NAME"]],
        capture_output=True, text=True, env=env, check=True,
    ).stdout
    assert "林静" in dump  # the dump is real and complete
    for secret in (FULL_ID, FULL_ID[6:14] + FULL_ID[14:], FULL_PHONE, "13700002222", "13900001111", *totp_secrets):
        assert secret.lower() not in dump.lower(), secret
    assert twofactor.verify(cast.user_bureau, totp_code(TOTPDevice.objects.get(pk=device.pk))) is not None
    # The application still reveals and searches.
    client.force_login(cast.user_binhe)
    page = client.post(volunteer.get_absolute_url()).content.decode()
    assert FULL_ID in page and "13700002222" in page
    listing = client.get(reverse("volunteers:volunteer_list"), {"q": FULL_ID}, follow=True).content.decode()
    assert "林静" in listing and FULL_ID not in listing
    assert StaffMember.objects.get(phone="13900001111") == staff


def test_the_key_rotation_re_encrypts_every_row_and_search_still_works(volunteer, settings):
    import base64

    old_key = settings.WULIAN_DATA_KEY
    before = raw("volunteers_volunteer", "id_number", volunteer.pk)
    new_key = base64.b64encode(b"n" * 32).decode()
    settings.WULIAN_DATA_KEY, settings.WULIAN_DATA_OLD_KEYS = new_key, old_key
    assert Volunteer.objects.get(pk=volunteer.pk).id_number == FULL_ID  # old rows read with the old key
    call_command("rotate_data_key", "--batch", "1")
    after = raw("volunteers_volunteer", "id_number", volunteer.pk)
    assert after != before and crypto.is_current(after)
    settings.WULIAN_DATA_OLD_KEYS = ""  # the old key is gone: everything reads with the new one
    assert Volunteer.objects.get(id_number=FULL_ID).pk == volunteer.pk
    assert Volunteer.objects.get(pk=volunteer.pk).phone == FULL_PHONE


def test_production_without_a_key_refuses_to_encrypt(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.WULIAN_DATA_KEY, settings.DEBUG = "", False
    with pytest.raises(ImproperlyConfigured, match="WULIAN_DATA_KEY"):
        crypto.encrypt("x")


def totp_code(device) -> str:
    from django_otp.oath import TOTP

    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_the_authenticators_of_django_otp_are_moved_into_the_encrypted_table(cast):
    """Migration 0022: the devices enrolled before (django-otp's table, a plain hex secret) move, and still work."""
    import importlib

    from django.apps import apps
    from django_otp.plugins.otp_totp.models import TOTPDevice as PlainDevice

    migration = importlib.import_module("wulian.migrations.0022_security_more")
    plain = PlainDevice.objects.create(user=cast.user_bureau, name="phone", confirmed=True)
    key = plain.key
    assert raw("otp_totp_totpdevice", "key", plain.pk) == key  # what a dump showed before
    migration.seal_devices(apps, None)
    assert not PlainDevice.objects.exists()
    device = TOTPDevice.objects.get(user=cast.user_bureau)
    assert device.key == key and device.confirmed and device.name == "phone"
    stored = raw("wulian_totpdevice", "key", device.pk)
    assert stored.startswith("enc1:") and key not in stored
    assert twofactor.verify(cast.user_bureau, totp_code(device)) == device
