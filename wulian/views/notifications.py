"""The notification pages: my notifications, open one (marks it read), mark one or all read.

Every page starts from ``Notification.objects.restrict(request.user)``: another user's notification answers
404, whatever its id.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wulian.models import Notification

PAGE_SIZE = 20


def _mine(request, action="view"):
    return Notification.objects.restrict(request.user, action)


@login_required
@require_GET
def notification_list(request):
    """My notifications, newest first, 20 a page; ``?unread=1`` shows the unread only."""
    notifications = _mine(request)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        notifications = notifications.unread()
    page = Paginator(notifications.only("title", "body", "link", "level", "created_at", "read_at"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "wulian/notification_list.html", {"page": page, "unread_only": unread_only})


@login_required
@require_GET
def notification_open(request, pk: int):
    """Open what a notification points to, marking it read."""
    notification = get_object_or_404(_mine(request, "change"), pk=pk)
    if notification.read_at is None:
        _mine(request, "change").filter(pk=pk).mark_read()
    if notification.link and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.link)
    return redirect("wulian:notification_list")


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(_mine(request, "change"), pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all(request):
    count = _mine(request, "change").mark_read()
    if count:
        messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect(_back(request))


def _back(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "wulian:notification_list"
