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
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # What the object was called when the act happened (issue 23 G: the log reads 滨河社区社工室, not a number).
    object_label = models.CharField(_("object"), max_length=200, blank=True)
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

    @staticmethod
    def label_of(model, object_id) -> str:
        """The object's name as its page shows it (one query; the log is written on rare acts only)."""
        if not object_id or not hasattr(model, "_meta"):
            return ""
        try:
            obj = model._default_manager.filter(pk=object_id).first()
        except (ValueError, TypeError):
            return ""
        return str(obj)[:200] if obj is not None else ""

    @classmethod
    def record(cls, request, action, model, *, object_id="", row_count=None, object_label=""):
        """Log the act here (the bureau's view of its area) and in the audit trail (``wulian.security.audit``)."""
        from wulian.security import audit

        label = model._meta.label if hasattr(model, "_meta") else str(model)
        audit.record_request(
            request,
            {"report": "download"}.get(str(action), str(action))
            if str(action) in {"export", "reveal", "import", "download", "report"} else "export",
            obj=f"{label}#{object_id}" if object_id else label,
            detail=f"{action}; rows {row_count}" if row_count is not None else str(action),
        )
        return cls.objects.create(
            user=request.user,
            action=action,
            model=model._meta.label if hasattr(model, "_meta") else str(model),
            object_id=str(object_id or ""),
            object_label=object_label or cls.label_of(model, object_id),
            query=cls._filters(request)[:2000],
            row_count=row_count,
            remote_addr=request.META.get("REMOTE_ADDR") or None,
        )
