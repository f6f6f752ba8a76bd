"""The one endpoint every picker asks: matching options of one model, in the user's scope, as JSON."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import FieldError, ValidationError
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from wulian.models.base import user_can
from wulian.pickers import PICK_LIMIT, get_picker, unsign_filters


@require_GET
@login_required
def pick(request, key: str):
    """``?q=`` text typed, ``f=`` the signed narrowing of the form field; 404 for a model the user may not see."""
    picker = get_picker(key)
    if picker is None or not user_can(request.user, picker.model, "view"):
        raise Http404
    try:
        filters = unsign_filters(request.GET.get("f", ""))
        queryset = picker.queryset(request.user, filters)
    except (signing.BadSignature, FieldError, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc
    queryset = picker.search_filter(queryset, (request.GET.get("q") or "")[:50])
    rows = list(queryset[: PICK_LIMIT + 1])
    more = len(rows) > PICK_LIMIT
    rows = rows[:PICK_LIMIT]
    results = [{"value": str(row.pk), "text": label} for row, label in zip(rows, picker.labels(rows), strict=True)]
    response = JsonResponse({"results": results, "more": more})
    response["Cache-Control"] = "private, no-store"
    return response
