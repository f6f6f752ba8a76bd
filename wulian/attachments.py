"""The one upload path for attachments: what a file really is, decided by its content, never by its name.

A file is accepted when its bytes are a JPEG, a PNG or a PDF (magic bytes), at most 10 MB. Images are opened
with Pillow, verified and re-encoded: what is stored is a picture Pillow wrote, without the sender's metadata
(a phone photo's GPS position) and without anything appended after the image. SVG, HTML and every other type
are refused, whatever their name says; the download view serves only images inline, and always with
``nosniff``.
"""

from __future__ import annotations

import io
import os

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from wulian.models.attachments import Attachment

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; larger is refused before it is decoded
ACCEPT = ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
# Content type → (the first bytes every such file starts with, the extension it is stored under).
SIGNATURES = {
    "image/jpeg": (b"\xff\xd8\xff", ".jpg"),
    "image/png": (b"\x89PNG\r\n\x1a\n", ".png"),
    "application/pdf": (b"%PDF-", ".pdf"),
}
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
INLINE_TYPES = frozenset(PILLOW_FORMATS)  # served in the page; everything else is a download


class CheckedFile:
    """An upload that passed ``check_upload``: its content type, display name and the bytes to store."""

    def __init__(self, content: ContentFile, mime_type: str, original_name: str):
        self.content = content
        self.mime_type = mime_type
        self.original_name = original_name


def sniff(head: bytes) -> str | None:
    for mime_type, (magic, _ext) in SIGNATURES.items():
        if head.startswith(magic):
            return mime_type
    return None


def check_upload(upload) -> CheckedFile:
    """Refuse a file over 10 MB or not really a JPEG, PNG or PDF; re-encode images. Return what to store."""
    name = os.path.basename(upload.name or "")[:200] or "file"
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": name})
    upload.seek(0)
    data = upload.read()
    mime_type = sniff(data[:16])
    if mime_type is None:
        raise ValidationError(_("“%(name)s” is not really a JPG, PNG or PDF file.") % {"name": name})
    if mime_type in PILLOW_FORMATS:
        data = _reencode(data, mime_type, name)
    stem = os.path.splitext(name)[0] or "file"
    ext = SIGNATURES[mime_type][1]
    return CheckedFile(ContentFile(data, name=f"{stem}{ext}"), mime_type, f"{stem}{ext}"[:200])


def _reencode(data: bytes, mime_type: str, name: str) -> bytes:
    broken = ValidationError(_("“%(name)s” is not a readable picture.") % {"name": name})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != PILLOW_FORMATS[mime_type]:
                raise broken
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("“%(name)s” has too many pixels.") % {"name": name})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if mime_type == "image/jpeg":
                image.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
            else:
                image.save(out, "PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise broken from exc
    return out.getvalue()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentFilesField(forms.FileField):
    """Several files in one input; each is checked by ``check_upload``. Cleans to a list of ``CheckedFile``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        cleaned = []
        errors = []
        for upload in files:
            upload = super().clean(upload, initial)
            try:
                cleaned.append(check_upload(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class AttachmentForm(forms.Form):
    """The upload form of any record's attachments card."""

    files = AttachmentFilesField(label=_("Files"), required=True, help_text=_("JPG, PNG or PDF, at most 10 MB each."))
    kind = forms.ChoiceField(label=_("kind"))

    def __init__(self, *args, owner_model, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = owner_model.attachment_kinds
        labels = dict(Attachment._meta.get_field("kind").choices)
        self.fields["kind"].choices = [(kind, labels[kind]) for kind in kinds]
        self.fields["kind"].initial = kinds[0]


def save_attachments(checked_files, *, owner, kind, user=None) -> list[Attachment]:
    """Store checked files as attachments of ``owner``."""
    saved = []
    for checked in checked_files or []:
        saved.append(
            Attachment.objects.create(
                owner=owner,
                kind=kind,
                file=checked.content,
                original_name=checked.original_name,
                mime_type=checked.mime_type,
                size=checked.content.size,
                uploaded_by=user if getattr(user, "pk", None) else None,
            )
        )
    return saved


def attachment_context(obj, *, can_change: bool) -> dict:
    """What the attachments card of ``obj``'s page needs (``templates/includes/attachments.html``).

    ``obj`` is already in the user's scope, so its attachments are too; adding and removing follow ``can_change``.
    """
    from django.contrib.contenttypes.models import ContentType

    owner_type = ContentType.objects.get_for_model(type(obj))
    return {
        "attachments": list(obj.attachments.all()),
        "attachment_form": AttachmentForm(owner_model=type(obj)) if can_change else None,
        "attachment_upload_url": reverse("wulian:attachment_upload", args=[owner_type.pk, obj.pk]),
        "can_change_attachments": can_change,
        "takes_attachments": True,
    }


# X-Accel-Redirect: nginx's internal location for each folder files are stored in (deploy/nginx/wulian.conf).
def _accel_prefixes() -> dict[str, str]:
    from django.conf import settings

    return {
        os.path.realpath(os.path.join(settings.VAR_DIR, "private")): "/_private/",
        os.path.realpath(settings.MEDIA_ROOT): "/_media/",
    }


def stored_file_response(fieldfile, *, content_type: str | None, as_attachment: bool, filename: str):
    """The response that serves a stored file once the view has checked who may have it.

    Behind nginx (``WULIAN_X_ACCEL_REDIRECT``) Django only names the file and nginx sends it
    (``X-Accel-Redirect`` to an internal location): no gunicorn worker is held for a 10 MB download. Without
    it, Django streams the file. Raises ``FileNotFoundError`` when the file is missing.
    """
    import mimetypes
    from urllib.parse import quote

    from django.conf import settings
    from django.http import FileResponse, HttpResponse
    from django.utils.http import content_disposition_header

    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = None
    if getattr(settings, "WULIAN_X_ACCEL_REDIRECT", False):
        prefix = _accel_prefixes().get(os.path.realpath(getattr(fieldfile.storage, "location", "")))
    if prefix is None:
        return FileResponse(fieldfile.open("rb"), content_type=content_type, as_attachment=as_attachment, filename=filename)
    if not fieldfile.storage.exists(fieldfile.name):
        raise FileNotFoundError(fieldfile.name)
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = prefix + quote(fieldfile.name)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response
