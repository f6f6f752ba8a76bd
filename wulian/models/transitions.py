"""Every change of a record's state leaves a row: from, to, which action, who, when and why.

Healthchecks' ``Flip`` rows are the model. The rows are read on the record's own page (as its timeline), so
they are as visible as the record: there is no list of them of their own.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class StateChange(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("record"))
    action = models.CharField(_("action"), max_length=40, blank=True, help_text=_("Empty: changed by an edit."))
    from_state = models.CharField(_("from state"), max_length=40)
    to_state = models.CharField(_("to state"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="statechange_object_at")]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"
