"""Donations (捐赠, issue 19 item 8): recorded by towns, communities and the bureau through the page and the API; a
money donation is posted once on its budget line as a donation entry; an individual donor's name is masked
unless the donor consented to be named; anonymous donations recorded as such; a restricted donation's use
changes only with the donor's recorded consent (慈善法第56条); scope per role; the Excel export."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from funding.choices import EntryKind
from funding.models import BudgetLine, Donation, Entry
from funding.testing import station_line
from tests.stations_helpers import station_at

YEAR = 2025


def _day(days_ago=10) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def donation(region, **fields) -> Donation:
    values = {"donor_kind": "individual", "donor_name": "张三丰", "form": "money", "amount": Decimal("500"),
              "received_on": _day(), "receipt_number": "PJ-001", "region": region}
    values.update(fields)
    return Donation.objects.create(**values)


def page_data(cast, **fields):
    data = {"donor_kind": "enterprise", "donor_name": "眉县惠民超市", "form": "money", "amount": "3000.00",
            "received_on": _day().isoformat(), "receipt_number": "JZPJ-2025-17", "region": cast.shoushan.pk,
            "intended_use": "", "note": ""}
    data.update(fields)
    return data


@pytest.fixture
def line(cast):
    return station_line(cast.user_bureau, station_at(cast.shoushan), "1000", year=YEAR)


def test_town_records_a_money_donation_posted_once_on_the_line(as_user, cast, line):
    client = as_user("shoushan")
    response = client.post(reverse("funding:donation_add"), page_data(cast, line=line.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    gift = Donation.objects.get()
    assert gift.entry.kind == EntryKind.DONATION and gift.entry.amount == Decimal("3000")
    assert BudgetLine.objects.get(pk=line.pk).budget == Decimal("4000")
    # Saving the donation again (a note added) posts nothing more.
    edit = page_data(cast, line=line.pk, note="已入账")
    assert client.post(reverse("funding:donation_edit", args=[gift.pk]), edit).status_code == 302
    assert Entry.objects.filter(kind=EntryKind.DONATION).count() == 1
    assert BudgetLine.objects.get(pk=line.pk).budget == Decimal("4000")
    page = client.get(gift.get_absolute_url()).content.decode()
    assert "眉县惠民超市" in page and "3,000.00" in page and "JZPJ-2025-17" in page and gift.entry.number in page


def test_page_refuses_a_donation_without_receipt_or_waiver_and_a_future_date(as_user, cast):
    client = as_user("shoushan")
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    page = client.post(reverse("funding:donation_add"), page_data(cast, receipt_number="", received_on=tomorrow))
    assert page.status_code == 200
    html = page.content.decode()
    assert "请填写捐赠票据号，或登记捐赠人放弃票据" in html
    assert Donation.objects.count() == 0
    waived = page_data(cast, receipt_number="", receipt_waived="on")
    assert client.post(reverse("funding:donation_add"), waived).status_code == 302
    assert Donation.objects.get().receipt_waived


def test_api_records_goods_and_a_money_donation_on_a_line(as_user, cast, line):
    client = as_user("binhe")
    goods = {"donor_kind": "organisation", "donor_name": "眉县爱心协会", "form": "goods",
             "goods_description": "冬季棉被", "goods_quantity": "40", "goods_unit": "床", "goods_value": "6000.00",
             "received_on": _day().isoformat(), "receipt_waived": True, "region": cast.binhe.pk,
             "restricted": True, "intended_use": "滨河社区困境儿童过冬"}
    response = client.post("/api/funding/donations/", goods, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["goods_value"] == "6000.00" and response.json()["entry"] is None
    bureau = as_user("bureau")
    money = {"donor_kind": "enterprise", "donor_name": "宝鸡某公司", "form": "money", "amount": "800.00",
             "line": line.pk, "received_on": _day().isoformat(), "receipt_number": "PJ-9", "region": cast.shoushan.pk}
    response = bureau.post("/api/funding/donations/", money, content_type="application/json")
    assert response.status_code == 201, response.content
    assert Entry.objects.get(pk=response.json()["entry"]).amount == Decimal("800")
    assert BudgetLine.objects.get(pk=line.pk).budget == Decimal("1800")
    money.update(amount="", receipt_number="PJ-10")
    refused = bureau.post("/api/funding/donations/", money, content_type="application/json")
    assert refused.status_code == 400 and Donation.objects.count() == 2


def test_individual_donor_masked_without_the_reveal_right_and_named_when_consented(as_user, cast):
    hidden = donation(cast.shoushan, donor_name="张三丰", donor_contact="13800001234")
    named = donation(cast.shoushan, donor_name="王五星", consent_to_publish=True, receipt_number="PJ-2")
    client = as_user("leader")
    html = client.get(reverse("funding:donation_list")).content.decode()
    assert "张**" in html and "张三丰" not in html and "王五星" in html
    detail = client.get(hidden.get_absolute_url()).content.decode()
    assert "张三丰" not in detail and "13800001234" not in detail and "138****1234" in detail
    rows = {row["id"]: row for row in client.get("/api/funding/donations/").json()["results"]}
    assert rows[hidden.pk]["donor_name"] == "张**" and rows[named.pk]["donor_name"] == "王五星"
    assert rows[hidden.pk]["donor_contact"] == "138****1234"
    # A role with the reveal right reveals one record on its page (logged).
    town = as_user("shoushan")
    assert "张三丰" not in town.get(hidden.get_absolute_url()).content.decode()
    assert "张三丰" in town.post(hidden.get_absolute_url()).content.decode()


def test_anonymous_donation_is_recorded_as_such(as_user, cast):
    client = as_user("shoushan")
    data = page_data(cast, donor_kind="anonymous", donor_name="不应保存", donor_contact="13911112222")
    assert client.post(reverse("funding:donation_add"), data).status_code == 302
    gift = Donation.objects.get()
    assert (gift.donor_name, gift.donor_contact) == ("", "")
    html = client.get(reverse("funding:donation_list")).content.decode()
    assert "匿名" in html and "不应保存" not in html


def test_change_of_use_of_a_restricted_donation_needs_the_donors_consent(as_user, cast):
    gift = donation(cast.shoushan, donor_kind="enterprise", donor_name="眉县惠民超市", form="money",
                    restricted=True, intended_use="首善街道助学")
    client = as_user("shoushan")
    url = reverse("funding:donation_edit", args=[gift.pk])
    data = page_data(cast, amount="500.00", receipt_number="PJ-001", restricted="on", intended_use="社区养老")
    page = client.post(url, data)
    assert page.status_code == 200 and "定向捐赠变更用途须经捐赠人同意（慈善法第56条）" in page.content.decode()
    assert Donation.objects.get(pk=gift.pk).intended_use == "首善街道助学"
    api = client.patch(f"/api/funding/donations/{gift.pk}/", {"intended_use": "社区养老"},
                       content_type="application/json")
    assert api.status_code == 400 and "慈善法第56条" in api.content.decode()
    data.update(use_change_consent="on", use_change_consent_on=_day(2).isoformat())
    assert client.post(url, data).status_code == 302
    assert Donation.objects.get(pk=gift.pk).intended_use == "社区养老"


def test_scope_of_donations_per_role(as_user, cast):
    at_shoushan = donation(cast.binhe)
    at_hengqu = donation(cast.hengqu, receipt_number="PJ-H")
    seen = {}
    for name in ("bureau", "leader", "shoushan", "binhe", "hengqu", "agency", "evaluator"):
        response = as_user(name).get("/api/funding/donations/")
        seen[name] = {row["id"] for row in response.json()["results"]} if response.status_code == 200 else set()
    assert seen["bureau"] == seen["leader"] == {at_shoushan.pk, at_hengqu.pk}
    assert seen["shoushan"] == seen["binhe"] == {at_shoushan.pk}
    assert seen["hengqu"] == {at_hengqu.pk}
    assert seen["agency"] == seen["evaluator"] == set()
    hengqu = as_user("hengqu")
    assert hengqu.get(at_shoushan.get_absolute_url()).status_code == 404
    assert hengqu.get(reverse("funding:donation_edit", args=[at_shoushan.pk])).status_code == 404
    assert as_user("agency").get(reverse("funding:donation_list")).status_code in (403, 404)
    # The leader reads but records nothing.
    assert as_user("leader").get(reverse("funding:donation_add")).status_code == 403
    # A town cannot record a donation for another town's region (refused, nothing saved).
    response = hengqu.post(reverse("funding:donation_add"), page_data(cast))
    assert response.status_code in (200, 403) and Donation.objects.count() == 2


def test_donation_list_bounded_queries_and_excel_values_are_numbers(as_user, cast, line,
                                                                   django_assert_max_num_queries):
    from openpyxl import load_workbook

    for i in range(12):
        donation(cast.shoushan, amount=Decimal("100.50") + i, receipt_number=f"PJ-{i}", line=line)
    donation(cast.shoushan, form="goods", amount=None, goods_description="大米", goods_quantity=10, goods_unit="袋",
             goods_value=Decimal("450"), receipt_number="PJ-G")
    client = as_user("bureau")
    with django_assert_max_num_queries(25):
        assert client.get(reverse("funding:donation_list")).status_code == 200
    response = client.get(f"{reverse('funding:donation_list')}?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headers = [c.value for c in sheet[1]]
    values = [sheet.cell(row=r, column=headers.index("价值（元）") + 1).value for r in range(2, sheet.max_row + 1)]
    assert sorted(values) == sorted([100.5 + i for i in range(12)] + [450])
    assert all(isinstance(v, (int, float)) for v in values)
    donors = [sheet.cell(row=r, column=headers.index("捐赠人") + 1).value for r in range(2, sheet.max_row + 1)]
    assert "张三丰" not in donors and "张**" in donors
