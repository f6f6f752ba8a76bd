"""Throttles and the client address: certificate lookups, password changes, the login lockout behind the proxy."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import TEST_PASSWORD
from wulian.net import client_address
from wulian.throttle import CERTIFICATE_VERIFY, PASSWORD_CHANGE


def test_x_forwarded_for_is_believed_only_from_the_trusted_proxy(settings):
    settings.WULIAN_TRUSTED_PROXIES = ["10.0.0.0/24"]
    factory = RequestFactory()
    through_proxy = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_address(through_proxy) == "198.51.100.7"  # the address the proxy saw, not what the client claims
    forged = factory.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="10.0.0.5")
    assert client_address(forged) == "198.51.100.9"
    garbage = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_address(garbage) == "10.0.0.2"
    settings.WULIAN_TRUSTED_PROXIES = []
    assert client_address(through_proxy) == "10.0.0.2"


def test_the_login_lockout_locks_the_person_not_everyone_behind_the_proxy(client, cast, settings):
    settings.WULIAN_TRUSTED_PROXIES = ["10.0.0.1"]
    login = reverse("login")
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "binhe", "password": "wrong"}, **attacker)
    locked = client.post(login, {"username": "binhe", "password": TEST_PASSWORD}, **attacker)
    assert locked.status_code in (403, 429)
    # The same account from another phone behind the same proxy still logs in.
    response = client.post(
        login, {"username": "binhe", "password": TEST_PASSWORD}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.5"
    )
    assert response.status_code == 302


def test_certificate_verification_is_rate_limited(client, cast):
    url = reverse("volunteers:certificate_verify")
    for i in range(CERTIFICATE_VERIFY.limit):
        assert client.get(url, {"number": f"ZM2024{i:06d}"}).status_code == 200
    response = client.get(url, {"number": "ZM2024999999"})
    assert response.status_code == 429
    assert "查询次数过多" in response.content.decode()
    # Another address is not held up.
    assert client.get(url, {"number": "ZM2024999999"}, REMOTE_ADDR="10.9.9.9").status_code == 200


def test_wrong_old_passwords_are_limited_on_the_password_change_form(as_user, cast):
    client = as_user("binhe")
    url = reverse("password_change")
    new = {"new_password1": "a-new-longer-pass-42", "new_password2": "a-new-longer-pass-42"}
    for _ in range(PASSWORD_CHANGE.limit):
        response = client.post(url, {"old_password": "guess", **new})
        assert response.status_code == 200
    response = client.post(url, {"old_password": TEST_PASSWORD, **new})
    assert response.status_code == 429
    assert "原密码输错次数过多" in response.content.decode()
    cast.user_binhe.refresh_from_db()
    assert cast.user_binhe.check_password(TEST_PASSWORD)  # not changed, even with the right old password


def test_a_password_like_the_username_is_refused(cast):
    user = cast.user_binhe
    user.first_name = "滨河"
    with pytest.raises(ValidationError):
        validate_password(f"{user.username}2024", user)
