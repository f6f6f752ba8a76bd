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
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader

# Django's technical 404 page carries this tag; the portal's own 404 page does not.
_TECHNICAL_MARK = b'<meta name="robots" content="NONE,NOARCHIVE">'


def page_not_found_response(request):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    """The portal's 500 page with its layout; without the layout when even that fails (database down).

    A database that does not answer (restarting, failing over) is a 503 page that says to wait a few seconds,
    built without the database, which the page refreshes by itself."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        return response
    try:
        body = loader.render_to_string("500.html", request=request)
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        body = loader.render_to_string("500_bare.html")
    return HttpResponseServerError(body)


class PortalErrorPagesMiddleware:
    """Under DEBUG, answer an unknown page with the portal's Chinese 404 instead of Django's English one.

    The API keeps its JSON answers; other responses pass through untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and _TECHNICAL_MARK in response.content
        ):
            return page_not_found_response(request)
        return response
