"""Who exported or revealed what: every export and every reveal of personal data is logged."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.choices import NOBODY, AccessAction, Role

from .base import PageUrlsMixin, ScopedQuerySet, ScopeRule


class AccessLog(PageUrlsMixin, models.Model):
    """One export, import or reveal of personal data: read by the bureau for its area, written by nobody."""

    scope_rule = ScopeRule(
        region=("user__region", "user__agency__region"),
        view=frozenset({Role.BUREAU_ADMIN}),
        add=NOBODY,
        change=NOBODY,
        delete=NOBODY,
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="access_logs"
    )
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)
    model = models.CharField(_("model"), max_length=100)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    query = models.TextField(_("filter"), blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    remote_addr = models.GenericIPAddressField(_("address"), null=True, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.get_action_display()} {self.model} {self.at:%Y-%m-%d %H:%M}"

    @staticmethod
    def _filters(request) -> str:
        """The list filters that chose the rows, without the paging and the export switch. A search for a phone
        or ID number (seven digits or more) is kept masked, like every personal value."""
        from wulian.personal import looks_personal, mask_in_log

        params = request.GET.copy()
        for key in ("export", "page", "per_page"):
            params.pop(key, None)
        if looks_personal(params.get("q", "")):
            params["q"] = mask_in_log(params["q"])
        return params.urlencode()

    @classmethod
    def record(cls, request, action, model, *, object_id="", row_count=None):
        """Log the act here (the bureau's view of its area) and in the audit trail (``wulian.security.audit``)."""
        from wulian.security import audit

        label = model._meta.label if hasattr(model, "_meta") else str(model)
        audit.record_request(
            request,
            str(action) if str(action) in {"export", "reveal", "import", "download"} else "export",
            obj=f"{label}#{object_id}" if object_id else label,
            detail=f"{action}; rows {row_count}" if row_count is not None else str(action),
        )
        return cls.objects.create(
            user=request.user,
            action=action,
            model=model._meta.label if hasattr(model, "_meta") else str(model),
            object_id=str(object_id or ""),
            query=cls._filters(request)[:2000],
            row_count=row_count,
            remote_addr=request.META.get("REMOTE_ADDR") or None,
        )
