"""Login, logout and failure: audited, one session per account, the second factor started, the last login shown."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wulian.choices import ADMIN_ROLES
from wulian.models.security import AuditAction, AuditEvent, AuditResult

from . import audit, twofactor

LAST_SEEN = "sec_seen"
PASSWORD_EXPIRED = "sec_pw_expired"  # why the password must change before anything else: one of
FIRST_PASSWORD, EXPIRED = "first", "expired"  # an account opened by someone else (issue 23 H); an old password
ADMIN = "sec_admin"
LAST_LOGIN_NOTE = "sec_last_login"


def password_expired(user) -> bool:
    """Administrators (and the superuser) change their password every WULIAN_ADMIN_PASSWORD_DAYS days."""
    days = settings.WULIAN_ADMIN_PASSWORD_DAYS
    if not days or not (user.is_superuser or user.role in ADMIN_ROLES):
        return False
    changed = user.password_changed_at or user.date_joined
    return changed < timezone.now() - timezone.timedelta(days=days)


def end_other_session(request, user) -> None:
    """One session per account: a new login ends the one before (WULIAN_SINGLE_SESSION)."""
    from importlib import import_module

    key = request.session.session_key or ""
    old = user.current_session_key
    if settings.WULIAN_SINGLE_SESSION and old and old != key:
        store = import_module(settings.SESSION_ENGINE).SessionStore
        if store().exists(old):
            store(session_key=old).delete()
            audit.record_request(request, AuditAction.SESSION_ENDED, user=user, obj=old[:8] + "…",
                                 detail="ended by a new login of the same account")
    if key != old:
        type(user).objects.filter(pk=user.pk).update(current_session_key=key)
        user.current_session_key = key


@receiver(user_logged_in, dispatch_uid="wulian-security-login")
def on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    previous = (
        AuditEvent.objects.filter(user=user, action=AuditAction.LOGIN, result=AuditResult.SUCCESS)
        .order_by("-seq")
        .values_list("at", "remote_addr")
        .first()
    )
    twofactor.start(request, user)
    request.session[LAST_SEEN] = time.time()
    request.session[PASSWORD_EXPIRED] = (
        FIRST_PASSWORD if user.must_change_password else EXPIRED if password_expired(user) else False
    )
    request.session[ADMIN] = bool(user.is_superuser or user.role in ADMIN_ROLES)
    end_other_session(request, user)
    audit.record_request(request, AuditAction.LOGIN, user=user, obj=user.username)
    if previous:
        when = formats.date_format(timezone.localtime(previous[0]), "Y-m-d H:i")
        text = _("Your last login: %(when)s from %(address)s.") % {"when": when, "address": previous[1] or "?"}
    else:
        text = _("This is the first login of this account.")
    if twofactor.is_pending(request.session):
        request.session[LAST_LOGIN_NOTE] = text  # said on the first page after the second factor
    else:
        messages.info(request, text, fail_silently=True)


def say_last_login(request) -> None:
    text = request.session.pop(LAST_LOGIN_NOTE, None)
    if text:
        messages.info(request, text, fail_silently=True)


@receiver(user_logged_out, dispatch_uid="wulian-security-logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record_request(request, AuditAction.LOGOUT, user=user, obj=user.username)


@receiver(user_login_failed, dispatch_uid="wulian-security-login-failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = str((credentials or {}).get("username", ""))[:150]
    audit.record_request(request, AuditAction.LOGIN_FAILED, user=None, username=username, obj=username,
                         result=AuditResult.FAILURE, detail="wrong username or password")
