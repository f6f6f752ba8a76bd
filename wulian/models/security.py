"""The level-3 controls' own rows (issue 21): API tokens, the audit trail, password history, county 2FA policy.

The audit trail is append-only: the application never updates or deletes an ``AuditEvent`` and on PostgreSQL a
trigger refuses both (migration ``0020_security``); each row carries the hash of the row before it, so
``manage.py verify_audit`` finds an edited row (its hash no longer matches) and a deleted one (a gap in ``seq``
and a broken link). See ``wulian/security/audit.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django.db.models import Q
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp import models as _otp_totp

from wulian.choices import NOBODY, Role
from wulian.security.crypto import EncryptedCharField

from .base import PageUrlsMixin, ScopedQuerySet, ScopeRule


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Log in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Log out")
    SESSION_ENDED = "session_ended", _("Session ended")
    TWO_FACTOR = "2fa", _("Second factor")
    TWO_FACTOR_ENROL = "2fa_enrol", _("Second factor enrolled")
    TWO_FACTOR_RESET = "2fa_reset", _("Second factor reset")
    PASSWORD = "password", _("Password changed")
    ACCOUNT = "account", _("Account changed")
    ROLE_SCOPE = "role_scope", _("Role or scope changed")
    UNLOCK = "unlock", _("Account unlocked")
    TOKEN = "token", _("API token")
    REVEAL = "reveal", _("Reveal personal data")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    DOWNLOAD = "download", _("Download")
    REPORT = "report", _("Report download")
    AUDIT_EXPORT = "audit_export", _("Audit trail exported")
    AUDIT_ARCHIVE = "audit_archive", _("Audit trail archived")
    PERSON = "person", _("Personal information rights")
    ADMIN = "admin", _("Administrator act")
    REFUSED = "refused", _("Refused")


class AuditResult(models.TextChoices):
    SUCCESS = "success", _("Success")
    FAILURE = "failure", _("Failure")


class AuditEvent(PageUrlsMixin, models.Model):
    """One security event: when, who, from where, what, on which object, with what result. Never changed."""

    # The trail is the installation's: the audit administrator reads all of it, nobody else any of it.
    scope_rule = ScopeRule(
        region=(),
        view=frozenset({Role.AUDIT_ADMIN}),
        add=NOBODY,
        change=NOBODY,
        delete=NOBODY,
        rows={Role.AUDIT_ADMIN: lambda scope: Q()},
    )

    seq = models.BigIntegerField(_("number"), unique=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # No foreign key constraint: the trail outlives any account, and is never updated when one changes.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("event"), max_length=20, choices=AuditAction.choices, db_index=True)
    object = models.CharField(_("object"), max_length=300, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=AuditResult.choices, default=AuditResult.SUCCESS)
    detail = models.TextField(_("detail"), blank=True)
    remote_addr = models.GenericIPAddressField(_("address"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-seq"]

    def __str__(self):
        return f"{self.seq} {self.username} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    def compute_hash(self) -> str:
        at = self.at.astimezone(dt.timezone.utc) if self.at else None
        parts = [
            str(self.seq),
            at.isoformat() if at else "",
            str(self.user_id or ""),
            self.username,
            self.action,
            self.object,
            self.result,
            self.detail,
            str(self.remote_addr or ""),
            self.prev_hash,
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class AuditArchive(models.Model):
    """Entries older than the retention period moved to a file: where the chain continues, and the file's hash."""

    created_at = models.DateTimeField(default=timezone.now)
    first_seq = models.BigIntegerField()
    last_seq = models.BigIntegerField()
    last_hash = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField()
    file_name = models.CharField(max_length=300)
    file_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-last_seq"]


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    """A program's key to the API, issued by a user to themselves: their rights, cut to a scope, until it expires.

    Only the SHA-256 of the key is kept; the key is shown once when issued.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(_("scope"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so that none of the last few is chosen again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]


class TwoFactorPolicy(models.Model):
    """A county that asks every role of its area for a second factor (bureau and administrators always do)."""

    region = models.OneToOneField(
        "wulian.Region", verbose_name=_("county"), on_delete=models.CASCADE, related_name="two_factor_policy"
    )
    all_roles = models.BooleanField(_("second factor for every role"), default=False)

    class Meta:
        verbose_name = _("second factor policy")
        verbose_name_plural = _("second factor policies")


def _default_totp_key():
    from django_otp.plugins.otp_totp.models import default_key

    return default_key()


def _hex_key(value):
    from django_otp.plugins.otp_totp.models import key_validator

    return key_validator(value)


class TOTPDevice(TimestampMixin, ThrottlingMixin, Device):
    """An authenticator app (RFC 6238), as django-otp's ``otp_totp.TOTPDevice`` but with its secret encrypted at rest
    (AES-256-GCM under ``WULIAN_DATA_KEY``, like ID numbers): a dump of the database shows no secret.

    Verification, the enrolment URL and the throttle are django-otp's own code (``django_otp.oath.TOTP``), taken
    from its model rather than copied; the fields are its fields.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_devices")
    key = EncryptedCharField(max_length=80, validators=[_hex_key], default=_default_totp_key)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    bin_key = _otp_totp.TOTPDevice.bin_key
    verify_token = _otp_totp.TOTPDevice.verify_token
    get_throttle_factor = _otp_totp.TOTPDevice.get_throttle_factor
    config_url = _otp_totp.TOTPDevice.config_url
    _read_str_from_settings = _otp_totp.TOTPDevice._read_str_from_settings

    class Meta(Device.Meta):
        verbose_name = _("authenticator (TOTP)")
        verbose_name_plural = _("authenticators (TOTP)")
