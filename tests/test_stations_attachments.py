"""Attachments of activities and stations: type and size checked, stored outside MEDIA_ROOT, served only
to users who may see the station."""

from __future__ import annotations


import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stations.forms import MAX_ATTACHMENT_BYTES
from stations.models import Activity, Attachment
from tests.stations_helpers import station_at


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


def log_activity(client, room, **files):
    data = {"title": "带附件的活动", "kind": "group", "date": "2023-06-30", "station": room.pk, **files}
    return client.post(reverse("stations:activity_add"), data)


@pytest.fixture
def room(cast):
    return station_at(cast.binhe)


def test_a_photo_and_a_sign_in_sheet_are_attached_and_served_in_scope(as_user, cast, room, client):
    response = log_activity(
        as_user("binhe"),
        room,
        photos=[SimpleUploadedFile("合影.png", png_bytes(), content_type="image/png")],
        sign_in_sheets=[SimpleUploadedFile("签到表.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n", content_type="application/pdf")],
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="带附件的活动")
    photo, sheet = activity.attachments.order_by("pk")
    assert (photo.kind, photo.content_type, photo.original_name) == ("photo", "image/png", "合影.png")
    assert (sheet.kind, sheet.content_type) == ("sign_in", "application/pdf")
    # Stored outside MEDIA_ROOT: there is no public URL for the file.
    assert not Path(photo.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    url = photo.get_absolute_url()
    assert url.startswith("/stations/attachments/")
    served = as_user("binhe").get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes()
    assert as_user("shoushan").get(url).status_code == 200
    assert as_user("leader").get(url).status_code == 200
    for outsider in ("hengqu", "agency", "evaluator"):
        assert as_user(outsider).get(url).status_code == 404, outsider
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    "name, content",
    [
        ("fake.png", b"this is text pretending to be a picture"),
        ("动图.gif", b"GIF89a\x01\x00\x01\x00"),
        ("script.pdf.exe", b"MZ\x90\x00"),
        ("page.html", b"<html></html>"),
    ],
)
def test_files_that_are_not_jpg_png_or_pdf_are_refused(as_user, room, name, content):
    response = log_activity(as_user("binhe"), room, photos=[SimpleUploadedFile(name, content)])
    assert response.status_code == 200
    assert response.context["form"].errors["photos"]
    assert not Activity.objects.exists() and not Attachment.objects.exists()


def test_files_over_10_mb_are_refused(as_user, room):
    big = png_bytes() + b"\x00" * (MAX_ATTACHMENT_BYTES + 1 - len(png_bytes()))
    response = log_activity(as_user("binhe"), room, photos=[SimpleUploadedFile("big.png", big)])
    assert response.status_code == 200 and response.context["form"].errors["photos"]
    assert not Attachment.objects.exists()


def test_exactly_10_mb_is_accepted(as_user, room):
    exact = png_bytes() + b"\x00" * (MAX_ATTACHMENT_BYTES - len(png_bytes()))
    response = log_activity(as_user("binhe"), room, photos=[SimpleUploadedFile("exact.png", exact)])
    assert response.status_code == 302
    assert Attachment.objects.get().size == MAX_ATTACHMENT_BYTES


def test_station_photos_are_added_from_the_station_form(as_user, cast):
    station = station_at(cast.hengqu)
    data = {"tier": station.tier, "region": cast.hengqu.pk, "name": station.name, "desks": 1, "computers": 1,
            "printers": 1, "filing_cabinets": 1, "photos": [SimpleUploadedFile("门牌.png", png_bytes())]}
    response = as_user("hengqu").post(station.get_url("edit"), data)
    assert response.status_code == 302
    photo = Attachment.objects.get(station=station, activity__isnull=True)
    page = as_user("hengqu").get(station.get_absolute_url()).content.decode()
    assert photo.get_absolute_url() in page
    assert as_user("shoushan").get(photo.get_absolute_url()).status_code == 404


def test_an_attachment_can_be_removed_in_scope_and_its_file_leaves_the_disk(
    as_user, cast, room, django_capture_on_commit_callbacks
):
    log_activity(as_user("binhe"), room, photos=[SimpleUploadedFile("错的照片.png", png_bytes(), content_type="image/png")])
    activity = Activity.objects.get(title="带附件的活动")
    photo = activity.attachments.get()
    path = Path(photo.file.path)
    assert path.exists()
    url = reverse("stations:attachment_delete", args=[photo.pk])
    for outsider in ("hengqu", "leader", "agency", "evaluator"):
        assert as_user(outsider).get(url).status_code == 404, outsider
        assert as_user(outsider).post(url).status_code == 404, outsider
    assert path.exists()
    client = as_user("binhe")
    assert url in client.get(activity.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    assert not Attachment.objects.filter(pk=photo.pk).exists()
    assert not path.exists()


def test_a_leader_sees_no_delete_button_for_attachments(as_user, cast, room):
    log_activity(as_user("binhe"), room, photos=[SimpleUploadedFile("合影.png", png_bytes(), content_type="image/png")])
    activity = Activity.objects.get(title="带附件的活动")
    body = as_user("leader").get(activity.get_absolute_url()).content.decode()
    assert "/delete/" not in body.split('id="attachments"')[1].split("</ul>")[0]
