"""Attachments in the core: one model with a generic owner, scoped through it; type and size checked by content;
images re-encoded; files outside MEDIA_ROOT, served only by a scoped and logged view; removed with their files."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from stations.models import Activity
from tests.stations_helpers import station_at
from wulian.attachments import MAX_ATTACHMENT_BYTES
from wulian.choices import AccessAction
from wulian.models import AccessLog, Attachment

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def jpeg_with_gps() -> bytes:
    """A phone photo: a JPEG whose EXIF carries where it was taken."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (34.0, 10.0, 0.0)}  # GPS IFD: latitude
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def log_activity(client, room, **files):
    data = {"title": "带附件的活动", "kind": "group", "date": "2023-06-30", "station": room.pk, **files}
    return client.post(reverse("stations:activity_add"), data)


def upload_url(owner) -> str:
    return reverse("wulian:attachment_upload", args=[ContentType.objects.get_for_model(owner).pk, owner.pk])


@pytest.fixture
def room(cast):
    return station_at(cast.binhe)


@pytest.fixture
def activity_with_photo(as_user, room):
    log_activity(as_user("binhe"), room, photos=[SimpleUploadedFile("合影.png", png_bytes(), content_type="image/png")])
    return Activity.objects.get(title="带附件的活动")


def test_a_photo_and_a_sign_in_sheet_are_attached_and_served_in_scope_and_logged(as_user, cast, room, client):
    response = log_activity(
        as_user("binhe"),
        room,
        photos=[SimpleUploadedFile("合影.png", png_bytes(), content_type="image/png")],
        sign_in_sheets=[SimpleUploadedFile("签到表.pdf", PDF, content_type="application/pdf")],
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="带附件的活动")
    photo, sheet = activity.attachments.order_by("pk")
    assert (photo.kind, photo.mime_type, photo.original_name) == ("photo", "image/png", "合影.png")
    assert (sheet.kind, sheet.mime_type) == ("sign_in", "application/pdf")
    assert photo.owner == activity and Attachment.objects.for_owner(activity).count() == 2
    # Stored outside MEDIA_ROOT under a random name: there is no public URL for the file.
    assert not Path(photo.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    assert "合影" not in photo.file.name
    url = photo.get_absolute_url()
    assert url == f"/core/attachments/{photo.pk}/"
    served = as_user("binhe").get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).size == (1, 1)
    log = AccessLog.objects.get(action=AccessAction.DOWNLOAD)
    assert (log.user, log.model, log.object_id) == (cast.user_binhe, "wulian.Attachment", str(photo.pk))
    assert as_user("shoushan").get(url).status_code == 200
    assert as_user("leader").get(url).status_code == 200
    for outsider in ("hengqu", "agency", "evaluator"):
        assert as_user(outsider).get(url).status_code == 404, outsider
    assert AccessLog.objects.filter(action=AccessAction.DOWNLOAD).count() == 3  # refusals log nothing
    client.logout()
    assert client.get(url).status_code == 302


def test_a_pdf_is_served_as_a_download_never_inline(as_user, room):
    log_activity(as_user("binhe"), room, sign_in_sheets=[SimpleUploadedFile("签到表.pdf", PDF)])
    sheet = Attachment.objects.get()
    served = as_user("binhe").get(sheet.get_absolute_url())
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]


@pytest.mark.parametrize(
    "name, content",
    [
        ("fake.png", b"this is text pretending to be a picture"),
        ("动图.gif", b"GIF89a\x01\x00\x01\x00"),
        ("script.pdf.exe", b"MZ\x90\x00"),
        ("page.html", HTML),
        ("page.jpg", HTML),
        ("drawing.svg", SVG),
        ("drawing.png", SVG),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"not a picture after all" * 4),
    ],
)
def test_files_that_are_not_really_jpg_png_or_pdf_are_refused_whatever_their_name(as_user, room, name, content):
    response = log_activity(as_user("binhe"), room, photos=[SimpleUploadedFile(name, content, content_type="image/png")])
    assert response.status_code == 200
    assert response.context["form"].errors["photos"]
    assert not Activity.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize("content", [SVG, HTML])
def test_svg_and_html_are_refused_by_the_upload_form_of_any_record(as_user, activity_with_photo, content):
    client = as_user("binhe")
    response = client.post(
        upload_url(activity_with_photo),
        {"kind": "photo", "files": [SimpleUploadedFile("看我.svg", content, content_type="image/svg+xml")]},
        follow=True,
    )
    assert "的内容不是JPG、PNG或PDF文件" in response.content.decode()
    assert Attachment.objects.count() == 1


def test_a_picture_is_re_encoded_without_its_metadata(as_user, activity_with_photo):
    client = as_user("binhe")
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()
    response = client.post(
        upload_url(activity_with_photo), {"kind": "photo", "files": [SimpleUploadedFile("现场.jpeg", original)]}
    )
    assert response.status_code == 302
    stored = Attachment.objects.get(original_name="现场.jpg")
    assert stored.mime_type == "image/jpeg"
    with stored.file.open("rb") as handle:
        picture = Image.open(io.BytesIO(handle.read()))
    assert picture.size == (8, 6) and not picture.getexif()


def test_files_over_10_mb_are_refused(as_user, room):
    big = png_bytes() + b"\x00" * (MAX_ATTACHMENT_BYTES + 1 - len(png_bytes()))
    response = log_activity(as_user("binhe"), room, photos=[SimpleUploadedFile("big.png", big)])
    assert response.status_code == 200 and response.context["form"].errors["photos"]
    assert not Attachment.objects.exists()


def test_exactly_10_mb_is_accepted_and_stored_re_encoded(as_user, room):
    exact = png_bytes() + b"\x00" * (MAX_ATTACHMENT_BYTES - len(png_bytes()))
    response = log_activity(as_user("binhe"), room, photos=[SimpleUploadedFile("exact.png", exact)])
    assert response.status_code == 302
    assert Attachment.objects.get().size < 1000  # the padding after the picture is not kept


def test_station_photos_are_added_from_the_station_form(as_user, cast):
    station = station_at(cast.hengqu)
    data = {"tier": station.tier, "region": cast.hengqu.pk, "name": station.name, "desks": 1, "computers": 1,
            "printers": 1, "filing_cabinets": 1, "photos": [SimpleUploadedFile("门牌.png", png_bytes())]}
    response = as_user("hengqu").post(station.get_url("edit"), data)
    assert response.status_code == 302
    photo = station.attachments.get()
    page = as_user("hengqu").get(station.get_absolute_url()).content.decode()
    assert photo.get_absolute_url() in page
    assert as_user("shoushan").get(photo.get_absolute_url()).status_code == 404


def test_any_record_that_declares_attachments_takes_files_on_its_page(as_user, cast):
    station = station_at(cast.hengqu)
    client = as_user("hengqu")
    page = client.get(station.get_absolute_url()).content.decode()
    assert 'id="attachment-form"' in page and upload_url(station) in page
    response = client.post(upload_url(station), {"kind": "other", "files": [SimpleUploadedFile("制度.pdf", PDF)]})
    assert response.status_code == 302 and response["Location"] == station.get_absolute_url() + "#attachments"
    assert station.attachments.get().kind == "other"
    # Who may not change the record may not attach to it: 404, nothing stored.
    for outsider in ("shoushan", "binhe", "leader", "agency", "evaluator"):
        refused = as_user(outsider).post(upload_url(station), {"kind": "other", "files": [SimpleUploadedFile("x.pdf", PDF)]})
        assert refused.status_code == 404, outsider
    assert station.attachments.count() == 1
    # A model that does not declare attachments has no upload at all.
    volunteer_type = ContentType.objects.get(app_label="volunteers", model="volunteer")
    url = reverse("wulian:attachment_upload", args=[volunteer_type.pk, 1])
    assert client.post(url, {"kind": "photo"}).status_code == 404


def test_an_attachment_can_be_removed_in_scope_and_its_file_leaves_the_disk(
    as_user, activity_with_photo, django_capture_on_commit_callbacks
):
    activity = activity_with_photo
    photo = activity.attachments.get()
    path = Path(photo.file.path)
    assert path.exists()
    url = reverse("wulian:attachment_delete", args=[photo.pk])
    for outsider in ("hengqu", "leader", "agency", "evaluator"):
        assert as_user(outsider).get(url).status_code == 404, outsider
        assert as_user(outsider).post(url).status_code == 404, outsider
    assert path.exists()
    client = as_user("binhe")
    assert url in client.get(activity.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url() + "#attachments"
    assert not Attachment.objects.filter(pk=photo.pk).exists()
    assert not path.exists()


def test_deleting_the_record_removes_its_attachments_and_files(
    as_user, activity_with_photo, django_capture_on_commit_callbacks
):
    path = Path(activity_with_photo.attachments.get().file.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("binhe").post(activity_with_photo.get_url("delete"))
    assert response.status_code == 302
    assert not Attachment.objects.exists() and not path.exists()


def test_a_leader_sees_neither_delete_buttons_nor_the_upload_form(as_user, activity_with_photo):
    body = as_user("leader").get(activity_with_photo.get_absolute_url()).content.decode()
    card = body.split('id="attachments"')[1].split("</div>\n</div>")[0]
    assert "合影.png" in card and "/delete/" not in card and "attachment-form" not in card


def test_no_uploaded_or_generated_file_is_reachable_under_media_url(as_user, activity_with_photo, media_root):
    photo = activity_with_photo.attachments.get()
    client = as_user("bureau")
    assert client.get(f"{settings.MEDIA_URL}{photo.file.name}").status_code == 404
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "report.xlsx").write_bytes(b"PK")
    assert client.get(f"{settings.MEDIA_URL}report.xlsx").status_code == 404


def test_the_migration_moves_station_photos_and_sign_in_sheets_with_their_files(cast, room):
    """Run the data migration on rows of the old ``stations.Attachment`` table (re-created inside the test's
    transaction): each becomes a core attachment of its activity or station, pointing at the same file."""
    import importlib

    from django.core.files.base import ContentFile
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from wulian.models.attachments import private_storage

    migration = importlib.import_module("stations.migrations.0007_attachments_to_core")
    state = MigrationExecutor(connection).loader.project_state(
        [("stations", "0006_agency_in_core"), ("wulian", "0010_attachments")]
    )
    old_apps = state.apps
    OldAttachment = old_apps.get_model("stations", "Attachment")
    activity = Activity.objects.create(station=room, kind="group", title="旧活动", date="2023-06-30")
    storage = private_storage()
    photo_name = storage.save("stations/2023/06/old-photo.png", ContentFile(png_bytes()))
    sheet_name = storage.save("stations/2023/06/old-sheet.pdf", ContentFile(PDF))
    try:
        with connection.schema_editor(atomic=False) as editor:
            editor.create_model(OldAttachment)
        OldAttachment.objects.create(
            station_id=room.pk, kind="photo", file=photo_name, original_name="门牌.png", content_type="image/png",
            size=10, uploaded_by_id=cast.user_binhe.pk,
        )
        OldAttachment.objects.create(
            station_id=room.pk, activity_id=activity.pk, kind="sign_in", file=sheet_name, original_name="签到表.pdf",
            content_type="application/pdf", size=20,
        )
        with connection.schema_editor(atomic=False) as editor:
            migration.forward(old_apps, editor)
        station_photo = room.attachments.get()
        sheet = activity.attachments.get()
        assert (station_photo.kind, station_photo.original_name, station_photo.mime_type, station_photo.size) == (
            "photo", "门牌.png", "image/png", 10
        )
        assert station_photo.uploaded_by == cast.user_binhe and station_photo.file.name == photo_name
        assert (sheet.kind, sheet.mime_type, sheet.file.name) == ("sign_in", "application/pdf", sheet_name)
        served = as_client_of(cast, "binhe").get(sheet.get_absolute_url())
        assert b"".join(served.streaming_content) == PDF
    finally:
        storage.delete(photo_name)
        storage.delete(sheet_name)


def as_client_of(cast, username):
    from django.test import Client

    client = Client()
    client.force_login(cast.users[username])
    return client
