"""The certificate of volunteer service: issue, register, PDF content and fonts, public verification."""

import datetime as dt
import subprocess
from decimal import Decimal

from django.urls import reverse

from volunteers.choices import HoursStatus
from volunteers.models import VolunteerCertificate
from volunteers.testing import make_activity, make_hours, make_volunteer


def _issue(as_user, cast, tmp_path=None):
    volunteer = make_volunteer(cast.binhe, name="李秀英", id_number="11010519491231002X", volunteer_number="2023000042")
    make_hours(make_activity(cast.binhe, title="关爱空巢老人", date=dt.date(2024, 3, 5)), volunteer, hours="2.5")
    make_hours(make_activity(cast.binhe, title="环境整治", date=dt.date(2024, 4, 9)), volunteer, hours="3")
    make_hours(make_activity(cast.binhe, title="待确认活动", date=dt.date(2024, 5, 9)), volunteer, hours="4",
               status=HoursStatus.PENDING)
    make_hours(make_activity(cast.binhe, title="期外活动", date=dt.date(2023, 5, 9)), volunteer, hours="6")
    client = as_user("binhe")
    response = client.post(
        reverse("volunteers:volunteercertificate_add"),
        {
            "volunteer": volunteer.pk, "period_start": "2024-01-01", "period_end": "2024-12-31",
            "issuer_name": "滨河社区居民委员会", "person_in_charge": "王主任", "handler": "刘芳",
            "contact_phone": "0917-5541234", "remarks": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return client, volunteer, VolunteerCertificate.objects.get()


def test_issuing_registers_the_confirmed_hours_of_the_period(as_user, cast):
    client, volunteer, certificate = _issue(as_user, cast)
    assert certificate.hours == Decimal("5.50") and certificate.activities_count == 2
    assert certificate.issued_by == cast.user_binhe and certificate.volunteer == volunteer
    assert certificate.number.startswith("ZM") and len(certificate.number) == 16
    assert [i["title"] for i in certificate.items] == ["关爱空巢老人", "环境整治"]


def test_no_certificate_without_confirmed_hours(as_user, cast):
    volunteer = make_volunteer(cast.binhe)
    response = as_user("binhe").post(
        reverse("volunteers:volunteercertificate_add"),
        {"volunteer": volunteer.pk, "period_start": "2024-01-01", "period_end": "2024-12-31", "issuer_name": "居委会",
         "person_in_charge": "王", "handler": "刘", "contact_phone": "1"},
    )
    assert "没有已确认的服务时长" in response.content.decode()
    assert not VolunteerCertificate.objects.exists()


def test_a_leader_cannot_issue(as_user, cast):
    assert as_user("leader").get(reverse("volunteers:volunteercertificate_add")).status_code == 403


def test_the_pdf_carries_the_required_content_with_an_embedded_cjk_subset(as_user, cast, tmp_path):
    client, volunteer, certificate = _issue(as_user, cast)
    response = client.get(reverse("volunteers:volunteercertificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("志愿服务记录证明", "李秀英", "5.50", certificate.number, "居民身份证", "110105********002X",
                     "2023000042", "滨河社区居民委员会", "王主任", "刘芳", "0917-5541234", "关爱空巢老人", "盖章"):
        assert expected in text, expected
    assert "11010519491231002X" not in text  # the ID number is masked on the certificate
    assert "待确认活动" not in text and "期外活动" not in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "Noto" in line and "CJK" in line]
    assert cjk, fonts
    for line in cjk:
        emb, sub = line.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), line


def test_anyone_verifies_a_certificate_by_its_number_and_sees_nothing_personal(as_user, cast, client):
    _, volunteer, certificate = _issue(as_user, cast)
    client.logout()
    response = client.get(reverse("volunteers:certificate_verify"), {"number": certificate.number.lower()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "李*英" in body and "5.50" in body and "滨河社区居民委员会" in body
    for secret in ("李秀英", "11010519491231002X", volunteer.phone, "2023000042"):
        assert secret not in body
    missing = client.get(reverse("volunteers:certificate_verify"), {"number": "ZM20240101AAAAAA"}).content.decode()
    assert "未找到该编号的证明" in missing


def test_an_issued_certificate_cannot_be_changed(as_user, cast):
    client, _, certificate = _issue(as_user, cast)
    body = client.get(certificate.get_absolute_url()).content.decode()
    assert 'id="edit-button"' not in body and 'id="delete-button"' not in body


def test_a_long_record_fits_one_page_or_breaks_cleanly(as_user, cast, tmp_path):
    from volunteers.certificates import certificate_pdf

    client, volunteer, certificate = _issue(as_user, cast)
    pdf = tmp_path / "short.pdf"
    pdf.write_bytes(certificate_pdf(certificate))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info  # two activities: one A4 page, signatures included

    certificate.items = certificate.items * 20  # forty activities
    pdf.write_bytes(certificate_pdf(certificate))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(info.split("Pages:")[1].split()[0])
    assert pages >= 2
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert certificate.number in text, page  # every page names its certificate
        assert f"第{page}页/共{pages}页" in text.replace(" ", "")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("合计") == 1  # the total once, at the end, not repeated half-true on each page
    last = subprocess.run(
        ["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "出具单位（盖章）" in last and "经办人（签字）" in last
