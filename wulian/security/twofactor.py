"""The second factor: TOTP from an authenticator app (django-otp), with one-time backup codes.

Who must use it (``required_for``): the superuser, the bureau and the three administrators always; every role of a
county whose ``TwoFactorPolicy`` asks for it; and anyone who enrolled a device. The requirement and the result of
the check are kept in the session at login, so the middleware decides on every request without a query.
"""

from __future__ import annotations

from django.conf import settings
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from wulian.models import TOTPDevice

from wulian.choices import TWO_FACTOR_ROLES

REQUIRED = "sec_2fa_required"
VERIFIED = "sec_2fa_ok"
BACKUP_CODES = 10


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def county_asks(user) -> bool:
    """Whether a county over the user's scope (or agency) asks every role for a second factor."""
    from wulian.models import TwoFactorPolicy

    path = user.scope_path
    if path is None and getattr(user, "agency_id", None):
        path = user.agency.region.path
    if not path:
        return False
    return any(path.startswith(p) for p in TwoFactorPolicy.objects.filter(all_roles=True).values_list("region__path", flat=True))


def required_for(user) -> bool:
    if not settings.WULIAN_TWO_FACTOR:
        return False
    if user.is_superuser or user.role in TWO_FACTOR_ROLES:
        return True
    return has_device(user) or county_asks(user)


def start(request, user) -> None:
    """At login: whether this session still has to show a second factor."""
    request.session[REQUIRED] = required_for(user)
    request.session[VERIFIED] = False


def mark_verified(request, device) -> None:
    request.session[VERIFIED] = True
    request.session["sec_2fa_device"] = device.persistent_id


def is_pending(session) -> bool:
    return bool(session.get(REQUIRED)) and not session.get(VERIFIED)


def verify(user, token: str):
    """The device (TOTP or backup codes) that accepts ``token``, or None. Throttled by django-otp per device."""
    from django.db import transaction

    token = "".join((token or "").split())
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None


def new_totp_device(user) -> TOTPDevice:
    """The device being enrolled (unconfirmed until a first code is right): one at a time."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def new_backup_codes(user) -> list[str]:
    """Ten fresh one-time codes (the old ones stop working); shown once, kept by django-otp."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="backup", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def reset(user) -> int:
    """Remove every device of the user (a lost phone): the next login enrols again. Returns how many."""
    count = 0
    for model in (TOTPDevice, StaticDevice):
        count += model.objects.filter(user=user).delete()[0]
    return count


def qr_svg(device) -> str:
    """The enrolment QR code (otpauth:// URL) as inline SVG."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


def secret_base32(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode()
