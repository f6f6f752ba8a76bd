from django.conf import settings

from wulian.navigation import menus_for


def portal(request):
    user = getattr(request, "user", None)
    return {
        "site_title": settings.WULIAN_SITE_TITLE,
        "nav_menus": menus_for(user) if user is not None else [],
    }
