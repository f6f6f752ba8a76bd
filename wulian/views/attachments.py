"""Attachments of any record: upload, download (scoped and logged) and removal, for every model at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.attachments import INLINE_TYPES, AttachmentForm, save_attachments, stored_file_response
from wulian.choices import AccessAction
from wulian.models import AccessLog
from wulian.models.attachments import Attachment, AttachmentsMixin
from wulian.views import generic


@login_required
@require_POST
def upload(request, owner_type, owner_id):
    """Attach files to a record the user may change; each file is checked by its content."""
    model = get_object_or_404(ContentType, pk=owner_type).model_class()
    if model is None or not issubclass(model, AttachmentsMixin):
        raise Http404
    owner = get_object_or_404(model._default_manager.all().restrict(request.user, "change"), pk=owner_id)
    form = AttachmentForm(request.POST, request.FILES, owner_model=model)
    if form.is_valid():
        with transaction.atomic():
            saved = save_attachments(
                form.cleaned_data["files"], owner=owner, kind=form.cleaned_data["kind"], user=request.user
            )
        messages.success(request, _("%(count)d files were attached.") % {"count": len(saved)})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(owner.get_absolute_url() + "#attachments")


@login_required
def download(request, pk):
    """Serve a file to whoever may see its record (404 otherwise); every access is logged.

    Only JPEG and PNG pictures (re-encoded on upload) are shown in the page; everything else is a download.
    """
    attachment = get_object_or_404(Attachment.objects.restrict(request.user, "view"), pk=pk)
    inline = attachment.mime_type in INLINE_TYPES
    try:
        response = stored_file_response(
            attachment.file,
            content_type=attachment.mime_type,
            as_attachment=not inline,
            filename=attachment.original_name,
        )
    except FileNotFoundError as exc:
        raise Http404(_("The file is missing.")) from exc
    AccessLog.record(request, AccessAction.DOWNLOAD, Attachment, object_id=attachment.pk)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=0"
    return response


class AttachmentDeleteView(generic.ObjectDeleteView):
    """Remove a file attached by mistake (whoever may change its record); the file leaves the disk with it."""

    model = Attachment

    def cancel_url(self, obj):
        return obj.owner.get_absolute_url() + "#attachments"

    def success_url(self, obj):
        return self.cancel_url(obj)
