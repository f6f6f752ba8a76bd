"""The disclosure statement of a fund (issue 19 item 10): a PDF through the core's report pipeline, A4, the CJK
font embedded, the fund's figures read back with pdftotext, and no person named without consent."""

from __future__ import annotations

import subprocess

from django.urls import reverse

from funding.charity.models import Disclosure, MovementKind
from funding.charity.rules import file_disclosure
from funding.charity.testing import charity, fund, fundraising, majority, move
from wulian.models import ReportJob, ReportStatus


def _pdf(client, kind, pk, tmp_path) -> str:
    response = client.post(reverse("funding:disclosure_statement", args=[kind, pk]))
    assert response.status_code == 302
    job = ReportJob.objects.filter(report="charity_disclosure").latest("pk")
    assert job.status == ReportStatus.DONE, job.error
    path = tmp_path / "statement.pdf"
    path.write_bytes(job.file.read())
    return str(path)


def test_the_statement_of_a_fund_is_a4_cjk_with_its_figures(as_user, cast, tmp_path):
    from django.utils import timezone

    host = charity(cast.mei)
    f = fund(host, cast.binhe, keeps_principal=True)
    move(cast.user_bureau, f, MovementKind.PRINCIPAL, "100000", description="爱心企业注入本金")
    move(cast.user_bureau, f, MovementKind.EARNING, "2350.75", description="定期存款利息")
    move(cast.user_bureau, f, MovementKind.USE, "1200.50", approvers=majority(f), beneficiary="孙桂英",
         description="困难老人助餐", resolution="管委会2025第2次会议")
    file_disclosure(cast.user_bureau, Disclosure(fund=f, published_on=timezone.localdate()))
    path = _pdf(as_user("binhe"), "fund", f.pk, tmp_path)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace(" ", "")
    assert "信息公开报告" in flat and f.name in flat and "眉县慈善协会" in flat and "不动本" in flat
    assert "102,350.75" in flat and "1,200.50" in flat and "101,150.25" in flat  # income, used, balance
    assert "困难老人助餐" in flat and "孙**" in flat and "孙桂英" not in flat
    assert "第1页" in flat


def test_a_town_cannot_ask_for_the_statement_of_anothers_fundraising(as_user, cast):
    drive = fundraising(charity(cast.mei), cast.binhe)
    assert as_user("hengqu").post(reverse("funding:disclosure_statement", args=["fundraising", drive.pk])).status_code == 404
    assert as_user("agency").post(reverse("funding:disclosure_statement", args=["fundraising", drive.pk])).status_code == 404
    assert not ReportJob.objects.exists()
