from django.conf import settings
from django.utils.functional import SimpleLazyObject

from wulian.navigation import menus_for


def portal(request):
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    pending = bool(session and session.get("sec_2fa_required") and not session.get("sec_2fa_ok"))
    return {
        "site_title": settings.WULIAN_SITE_TITLE,
        # Before the second factor the menus are not offered (the pages would not open anyway).
        "nav_menus": menus_for(user) if user is not None and not pending else [],
        # The bell's figure: one COUNT on the partial index of unread rows, only on pages that show it.
        "unread_notifications": SimpleLazyObject(lambda: _unread_count(user)),
        "idle_timeout": getattr(settings, "WULIAN_IDLE_TIMEOUT", 0),  # the idle warning (static/js/idle.js)
    }


def _unread_count(user) -> int:
    from wulian.models import Notification

    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.restrict(user).unread().count()
