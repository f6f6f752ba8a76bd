"""Error pages in Chinese in the portal's layout, whatever the URL and whether or not DEBUG is on.

Django answers an unknown URL with its English technical page when ``DEBUG`` is on (``make run`` serves
the demo that way), and renders ``500.html`` without the request, so the portal's layout cannot show who
is logged in. ``PortalErrorPagesMiddleware`` replaces the technical 404 page; ``server_error`` renders
the 500 page with the request and falls back to a page that needs no database.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.template import loader

# Django's technical 404 page carries this tag; the portal's own 404 page does not.
_TECHNICAL_MARK = b'<meta name="robots" content="NONE,NOARCHIVE">'


API_PREFIX = "/api/"


def is_api(request) -> bool:
    """A request under ``/api/``: the API answers JSON on every path, errors included (issue 17)."""
    return request.path.startswith(API_PREFIX)


def page_not_found_response(request):
    if is_api(request):
        return JsonResponse({"detail": "未找到。"}, status=404, json_dumps_params={"ensure_ascii": False})
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def page_not_found(request, exception=None):
    """``handler404``: the portal's Chinese page, or JSON under ``/api/``."""
    return page_not_found_response(request)


def _database_unavailable(exception) -> bool:
    """Whether ``exception`` is — or was raised while handling — a database that does not answer."""
    seen = 0
    while exception is not None and seen < 10:
        if isinstance(exception, OperationalError | InterfaceError):
            return True
        exception, seen = exception.__cause__ or exception.__context__, seen + 1
    return False


def _unavailable(request):
    if is_api(request):
        response = JsonResponse({"detail": "数据库暂时无法访问，请稍候几秒再试。"}, status=503,
                                json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "10"
    return response


def bad_request(request, exception=None):
    """``handler400``. Saving the session after a page fails when the database went away meanwhile: Django calls
    that ``SessionInterrupted`` (a 400, "the session was deleted"); the user is shown the 503 page instead, as
    for any other request the database could not serve."""
    if _database_unavailable(exception):
        return _unavailable(request)
    from django.views.defaults import bad_request as django_bad_request

    return django_bad_request(request, exception)


def server_error(request):
    """The portal's 500 page with its layout; without the layout when even that fails (database down).

    A database that does not answer (restarting, failing over) is a 503 page that says to wait a few seconds,
    built without the database, which the page refreshes by itself; under ``/api/`` the answers are JSON."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return _unavailable(request)
    if is_api(request):
        return JsonResponse({"detail": "服务器内部错误。"}, status=500, json_dumps_params={"ensure_ascii": False})
    try:
        body = loader.render_to_string("500.html", request=request)
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        body = loader.render_to_string("500_bare.html")
    return HttpResponseServerError(body)


class PortalErrorPagesMiddleware:
    """Under DEBUG, answer an unknown page with the portal's Chinese 404 instead of Django's English one; under
    ``/api/`` an HTML 404 (an unknown path) becomes JSON. The API's own JSON answers pass through untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and ((settings.DEBUG and _TECHNICAL_MARK in response.content) or is_api(request))
        ):
            return page_not_found_response(request)
        return response
