"""Every request of a logged-in user, decided from the session alone (no query):

- a user who must show a second factor and has not reaches only the second-factor pages (the API answers 403);
- a session idle longer than WULIAN_IDLE_TIMEOUT seconds is ended (the page warns two minutes before);
- an administrator whose password is older than WULIAN_ADMIN_PASSWORD_DAYS changes it before anything else;
- every POST of an administrator or the superuser, and every refusal they meet, is written to the audit trail.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.models.security import AuditAction, AuditResult

from . import audit, twofactor
from .sessions import ADMIN, FIRST_PASSWORD, LAST_SEEN, PASSWORD_EXPIRED

# Pages a user may open before the second factor (and the idle check's keep-alive).
OPEN_PREFIXES = ("/static/", "/media/", "/accounts/2fa/", "/accounts/logout/", "/i18n/", "/jsi18n/", "/healthz",
                 "/favicon.ico")
TOUCH_EVERY = 60  # seconds: the last-seen time is written at most this often (one session save)


def _is_api(request) -> bool:
    return request.path.startswith("/api/") or request.headers.get("x-requested-with") == "XMLHttpRequest"


def must_change_password(request, why):
    """Every page but the change-password form leads to it (the API answers 403) until the password is changed:
    an account opened from a ledger by someone else (its first login), or an administrator's old password."""
    if why == FIRST_PASSWORD:
        text = _("Your account was opened for you: choose your own password before you continue.")
    else:
        text = _("Your password is older than %(days)d days: choose a new one.") % {
            "days": settings.WULIAN_ADMIN_PASSWORD_DAYS}
    if _is_api(request):
        return JsonResponse({"detail": text}, status=403, json_dumps_params={"ensure_ascii": False})
    messages.warning(request, text)
    return redirect("password_change")


class SecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is None or SESSION_KEY not in session:
            return self.get_response(request)
        now = time.time()
        seen = session.get(LAST_SEEN)
        if seen is not None and now - seen > settings.WULIAN_IDLE_TIMEOUT:
            user = request.user
            audit.record_request(request, AuditAction.SESSION_ENDED, user=user, obj=user.get_username(),
                                 detail="idle timeout")
            logout(request)
            if _is_api(request):
                return JsonResponse({"detail": _("Your session ended after a period without activity.")}, status=401, json_dumps_params={"ensure_ascii": False})
            messages.warning(request, _("You were logged out after %(minutes)d minutes without activity.")
                             % {"minutes": settings.WULIAN_IDLE_TIMEOUT // 60})
            return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
        if seen is None or now - seen > TOUCH_EVERY:
            session[LAST_SEEN] = now
        if not request.path.startswith(OPEN_PREFIXES):
            if twofactor.is_pending(session):
                if _is_api(request):
                    return JsonResponse({"detail": _("Log in with your second factor first.")}, status=403, json_dumps_params={"ensure_ascii": False})
                return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.get_full_path()})}")
            if session.get(PASSWORD_EXPIRED) and request.path != reverse("password_change"):
                return must_change_password(request, session[PASSWORD_EXPIRED])
        response = self.get_response(request)
        if session.get(ADMIN) and (request.method == "POST" or response.status_code in (403, 404)):
            refused = response.status_code >= 400
            audit.record_request(
                request,
                AuditAction.REFUSED if response.status_code in (403, 404) else AuditAction.ADMIN,
                obj=f"{request.method} {request.path}"[:300],
                result=AuditResult.FAILURE if refused else AuditResult.SUCCESS,
                detail=f"HTTP {response.status_code}",
            )
        return response
