"""Notifications (通知): a message to one user — a record to confirm, a deadline — with a link to act on it.

Anything may notify a user or everyone of a role in a region (``wulian.notifications``); each user sees only
their own notifications, counted unread in the navigation bar.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.choices import NotificationLevel, Role

from .base import PageUrlsMixin, ScopedQuerySetMixin, ScopeRule


def _own(scope) -> Q:
    return Q(recipient=scope.user.pk)


EVERY_ROLE = frozenset(Role)


class NotificationQuerySet(ScopedQuerySetMixin, models.QuerySet):
    def restrict(self, user, action: str = "view"):
        """A user's own notifications, and nobody else's: superusers too see only their own."""
        qs = super().restrict(user, action)
        if getattr(user, "is_superuser", False) and user.is_active:
            qs = qs.filter(recipient=user)
        return qs

    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        return self.unread().update(read_at=timezone.now())


class Notification(PageUrlsMixin, models.Model):
    """One message to one user; ``key`` groups repeats of the same matter into one unread notification."""

    # Everyone reads and marks read their own notifications; nobody adds or deletes them through a page.
    scope_rule = ScopeRule(
        view=EVERY_ROLE,
        add=frozenset(),
        change=EVERY_ROLE,
        delete=frozenset(),
        region=(),
        rows={role: _own for role in Role},
    )

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True, help_text=_("A page of the portal to act on it."))
    level = models.CharField(_("importance"), max_length=10, choices=NotificationLevel.choices, default=NotificationLevel.INFO)
    key = models.CharField(
        _("matter"), max_length=100, blank=True, help_text=_("Repeats of the same matter update one unread notification.")
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_time"),
            # The bell counts a user's unread notifications on every page: an index of exactly those rows.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
