from django.conf import settings
from django.utils.functional import SimpleLazyObject

from wulian.navigation import menus_for


def portal(request):
    user = getattr(request, "user", None)
    return {
        "site_title": settings.WULIAN_SITE_TITLE,
        "nav_menus": menus_for(user) if user is not None else [],
        # The bell's figure: one COUNT on the partial index of unread rows, only on pages that show it.
        "unread_notifications": SimpleLazyObject(lambda: _unread_count(user)),
    }


def _unread_count(user) -> int:
    from wulian.models import Notification

    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.restrict(user).unread().count()
