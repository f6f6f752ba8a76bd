"""Files attached to any record: one model with a generic owner, scoped through that owner.

A model takes attachments by declaring them (``AttachmentsMixin``: ``attachment_kinds`` and the generic
relation); its detail page then lists, uploads, serves and removes them through the core's views — no view code
per model. An attachment is visible exactly when its owner is (``Owner.objects.restrict(user, "view")``), and
may be added or removed exactly when its owner may be changed. Files live outside ``MEDIA_ROOT`` and have no
URL of their own: the download view checks the owner's scope and writes an access-log row.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.choices import Role

from .base import NOTHING, PARTY, ScopedQuerySet, ScopeRule


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    SIGN_IN = "sign_in", _("Sign-in sheet")
    OTHER = "other", _("Other document")


def private_storage():
    """Attachments live outside MEDIA_ROOT: no public URL, served only through a scoped view."""
    return FileSystemStorage(location=os.path.join(settings.VAR_DIR, "private"), base_url=None)


def attachment_path(instance, filename):
    """A random name under the owner's app: the user's file name is kept in the row, never on disk."""
    ext = os.path.splitext(filename)[1].lower()
    today = timezone.localdate()
    app = instance.owner_type.app_label if instance.owner_type_id else "files"
    return f"{app}/{today:%Y/%m}/{uuid.uuid4().hex}{ext}"


def owner_models():
    """Every model that declares attachments."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, AttachmentsMixin)]


ALL_ROLES = frozenset(Role)


def _owner_rows(scope) -> Q:
    """Attachments whose owner the user sees whole (a party to it: ``PARTY``, the owner's view rows unless its rule
    names ``parties``) or may change (any other action): the owner's rule."""
    owner_action = PARTY if scope.action == "view" else "change"
    q = NOTHING
    for model in owner_models():
        owners = model._default_manager.all().restrict(scope.user, owner_action).values("pk")
        q |= Q(owner_type=ContentType.objects.get_for_model(model), owner_id__in=owners)
    return q


class AttachmentQuerySet(ScopedQuerySet):

    def for_owner(self, owner):
        return self.filter(owner_type=ContentType.objects.get_for_model(type(owner)), owner_id=owner.pk)


class Attachment(models.Model):
    """A photo, scan or document belonging to one record of any model that declares attachments."""

    # Every role may act on attachments, on the rows its owners' rules give it (``_owner_rows``).
    scope_rule = ScopeRule(
        view=ALL_ROLES, add=ALL_ROLES, change=ALL_ROLES, delete=ALL_ROLES, region=(), rows=dict.fromkeys(Role, _owner_rows)
    )

    owner_type = models.ForeignKey(ContentType, verbose_name=_("record type"), on_delete=models.PROTECT)
    owner_id = models.PositiveBigIntegerField(_("record"))
    owner = GenericForeignKey("owner_type", "owner_id")
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.PHOTO)
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    mime_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="attachment_owner")]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("wulian:attachment_download", args=[self.pk])

    def get_delete_url(self):
        return reverse("wulian:attachment_delete", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/")


class AttachmentsMixin(models.Model):
    """Declare that a model takes attachments, and of which kinds; its pages do the rest.

    ``attachment_kinds``: the kinds its upload form offers (the first is the default).
    """

    attachment_kinds: tuple = (AttachmentKind.PHOTO, AttachmentKind.OTHER)

    attachments = GenericRelation(Attachment, content_type_field="owner_type", object_id_field="owner_id")

    class Meta:
        abstract = True


def _remove_attachment_file(sender, instance, **kwargs):
    """The file leaves the disk with its row, once the deletion is committed (a rollback keeps both)."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


models.signals.post_delete.connect(_remove_attachment_file, sender=Attachment, dispatch_uid="wulian_attachment_file")
