"""Notify users: any app calls ``notify(user, ...)`` or ``notify_role(role, region, ...)``.

A notification is saved in the caller's transaction (it exists exactly when the matter does) and, when the
portal has a mail server (``EMAIL_HOST``), also mailed after the commit to recipients with an address.
A ``key`` names the matter ("hours to confirm for activity 12"): while the recipient has not read the
notification of that matter, a new one replaces it instead of piling up.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from wulian.choices import NotificationLevel, Role
from wulian.models import Notification, Region, User

logger = logging.getLogger(__name__)


def notify(user, title, body="", *, link="", level=NotificationLevel.INFO, key="") -> Notification | None:
    """Notify one user; ``None`` when the account is inactive.

    ``title`` and ``body`` are stored as text: build them in the portal's language (``LANGUAGE_CODE``), not the
    language of whoever's request triggered them.
    """
    if user is None or not user.is_active:
        return None
    return _deliver([user], title, body, link=link, level=level, key=key)[0]


def notify_role(
    role, region: Region, title, body="", *, link="", level=NotificationLevel.INFO, key="", within=True
) -> list:
    """Notify every active user of ``role`` whose scope covers ``region`` or (``within``) lies within it.

    E.g. ``notify_role(Role.BUREAU_ADMIN, community, ...)`` reaches the county's bureau staff;
    ``notify_role(Role.TOWN_STAFF, county, ...)`` reaches the staff of every town of the county.
    Agency staff are reached through the region their agency is registered in.
    """
    return _deliver(list(recipients(role, region, within=within)), title, body, link=link, level=level, key=key)


def recipients(role, region: Region, *, within: bool = True):
    """Active users of ``role`` whose scope covers ``region`` or (``within``) lies within it (one query)."""
    scope = "agency__region__path" if role == Role.AGENCY_STAFF else "region__path"
    q = Q(**{f"{scope}__in": [*region.ancestors_path_prefixes(), region.path]})
    if within:
        q |= Q(**{f"{scope}__startswith": region.path})
    return User.objects.filter(q, role=role, is_active=True).order_by("pk")


def _deliver(users, title, body, *, link, level, key) -> list[Notification]:
    """One notification per user (two queries with a key, one without), mailed after the commit."""
    if not users:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        fields = {"title": str(title)[:200], "body": str(body), "link": link, "level": level}
    fields["created_at"] = timezone.now()
    replaced = {}
    if key:
        for notification in Notification.objects.unread().filter(key=key, recipient__in=users):
            for name, value in fields.items():
                setattr(notification, name, value)
            replaced[notification.recipient_id] = notification
        if replaced:
            Notification.objects.bulk_update(replaced.values(), list(fields))
    created = Notification.objects.bulk_create(
        [Notification(recipient=user, key=key, **fields) for user in users if user.pk not in replaced]
    )
    by_user = {n.recipient_id: n for n in [*replaced.values(), *created]}
    notifications = [by_user[user.pk] for user in users]
    if settings.EMAIL_HOST:
        from wulian.tasks import mail_notifications

        mailed = [n.pk for n, user in zip(notifications, users) if user.email]
        if mailed:
            transaction.on_commit(lambda: _queue_mail(mail_notifications, mailed))
    return notifications


def _queue_mail(task, ids) -> None:
    """Mail in the background; with the broker down the notifications stay in the portal (logged, never a 500
    after the write has committed)."""
    from wulian.celery import BrokerUnavailable, publish

    try:
        publish(task, ids)
    except BrokerUnavailable:
        logger.warning("notification mail not queued: the broker is unavailable (%d notifications)", len(ids))


def mail(notification_ids: list[int]) -> int:
    """Mail the given notifications to their recipients; returns how many were sent."""
    from django.core.mail import send_mail

    sent = 0
    for notification in Notification.objects.filter(pk__in=notification_ids).select_related("recipient"):
        if not notification.recipient.email:
            continue
        body = notification.body
        if notification.link:
            body = f"{body}\n\n{settings.WULIAN_SITE_URL.rstrip('/')}{notification.link}".strip()
        sent += send_mail(
            f"[{settings.WULIAN_SITE_TITLE}] {notification.title}",
            body,
            None,
            [notification.recipient.email],
        )
    return sent
