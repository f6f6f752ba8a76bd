"""The OCDS 1.1 release package (/public/projects/ocds.json): valid against the standard's own schema, the
public facts only, nothing unpublished or personal."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Agreement, Bid, Project
from projects.ocds import errors, ocid
from tests.test_projects_public import HIDDEN, PUBLIC, build_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def pipeline(cast):
    """The public page's projects, one in every step."""
    return build_pipeline(cast)


def fetch(client, **params) -> tuple[dict, str]:
    response = client.get(reverse("public_projects:ocds"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    text = response.content.decode()
    return json.loads(text), text


def by_ocid(package) -> dict:
    return {r["ocid"]: r for r in package["releases"]}


def test_the_package_validates_against_the_vendored_schema(client, pipeline):
    package, _text = fetch(client)
    assert errors(package) == []
    assert package["version"] == "1.1"
    assert package["uri"].startswith("http://testserver/public/projects/ocds.json")


def test_the_validator_is_real(client, pipeline):
    package, _text = fetch(client)
    broken = json.loads(json.dumps(package))
    broken["releases"][0]["tender"]["procurementMethod"] = "tender"  # not in the closed codelist
    broken["releases"][0]["date"] = "2023-06-30"  # not a date-time
    del broken["publisher"]
    found = errors(broken)
    assert any("procurementMethod" in e for e in found)
    assert any(e.startswith("releases/0/date") for e in found)
    assert any("publisher" in e for e in found)


def test_one_release_per_public_project_and_none_for_the_rest(client, pipeline):
    releases = by_ocid(fetch(client)[0])
    assert set(releases) == {ocid(getattr(pipeline, name)) for name in PUBLIC}
    assert all(r["ocid"].startswith("ocds-wulian-") for r in releases.values())


def test_stages_map_to_tender_award_and_contract(client, pipeline, cast):
    releases = by_ocid(fetch(client)[0])

    published = releases[ocid(pipeline.published)]
    assert published["tag"] == ["tender"]
    assert "awards" not in published and "contracts" not in published
    tender = published["tender"]
    assert tender["status"] == "active"
    assert tender["procurementMethod"] == "selective"  # 竞争性磋商
    assert tender["procurementMethodDetails"] == "竞争性磋商"
    assert tender["value"] == {"amount": 150000, "currency": "CNY"}
    assert tender["mainProcurementCategory"] == "services"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", tender["tenderPeriod"]["endDate"])
    assert "服务方案（60分）" in tender["awardCriteriaDetails"]
    assert published["planning"]["budget"]["amount"] == {"amount": 150000, "currency": "CNY"}
    assert "需求" in published["planning"]["rationale"]

    awarded = releases[ocid(pipeline.awarded)]
    assert awarded["tag"] == ["compiled"]
    assert awarded["awards"][0]["suppliers"] == [{"id": f"agency-{cast.agency.pk}", "name": cast.agency.name}]
    assert "contracts" not in awarded
    assert "contracts" not in releases[ocid(pipeline.agency_signed)]  # signed by one side only

    contracted = releases[ocid(pipeline.contracted)]
    agreement = Agreement.objects.get(project=pipeline.contracted)
    contract = contracted["contracts"][0]
    assert contract["value"] == {"amount": float(agreement.amount) if agreement.amount % 1 else int(agreement.amount), "currency": "CNY"}
    assert contract["awardID"] == contracted["awards"][0]["id"]
    assert contract["status"] == "active"
    types = [m["type"] for m in contract["milestones"]]
    assert types.count("payment") == 2 and types.count("delivery") == 2
    assert {m["status"] for m in contract["milestones"]} == {"scheduled"}
    assert contract["dateSigned"].endswith("+08:00")
    roles = {p["id"]: p["roles"] for p in contracted["parties"]}
    assert roles[f"agency-{cast.agency.pk}"] == ["supplier"]
    assert sorted(roles[contracted["buyer"]["id"]]) == ["buyer", "procuringEntity"]
    assert contracted["buyer"]["name"] == "眉县民政局"

    single = releases[ocid(pipeline.single)]
    assert single["tender"]["procurementMethod"] == "limited"
    assert single["tender"]["procurementMethodDetails"] == "单一来源"
    assert single["tender"]["procurementMethodRationale"]
    assert "tenderPeriod" not in single["tender"] or "endDate" not in single["tender"]["tenderPeriod"]

    accepted = releases[ocid(pipeline.accepted)]
    contract = accepted["contracts"][0]
    assert contract["status"] == "terminated"
    document = contract["documents"][0]
    assert document["documentType"] == "evaluationReports"
    assert "良好" in document["description"]
    # At acceptance the delivery milestones are judged from the service log (nothing logged: not met).
    delivery = [m for m in contract["milestones"] if m["type"] == "delivery"]
    assert delivery and {m["status"] for m in delivery} == {"notMet"}


def test_a_met_milestone_is_met_in_the_package(client, pipeline):
    from django.utils import timezone

    milestone = pipeline.contracted.milestones.order_by("due_on").first()
    type(milestone).objects.filter(pk=milestone.pk).update(status="met", confirmed_at=timezone.now())
    contract = by_ocid(fetch(client)[0])[ocid(pipeline.contracted)]["contracts"][0]
    met = next(m for m in contract["milestones"] if m["id"] == f"payment-{milestone.pk}")
    assert met["status"] == "met" and met["dateMet"].endswith("+08:00")


def test_amounts_keep_their_fen(client, pipeline):
    Agreement.objects.filter(project=pipeline.contracted).update(amount=Decimal("146543.21"))
    package, text = fetch(client)
    assert '"amount": 146543.21' in text
    assert errors(package) == []


def test_nothing_unpublished_or_personal_in_the_package(client, pipeline, cast):
    _package, text = fetch(client)
    for name in HIDDEN:
        project = getattr(pipeline, name)
        assert project.title not in text and ocid(project) + '"' not in text, name
    for user in (cast.user_bureau, cast.user_shoushan, cast.user_agency, cast.user_evaluator):
        assert user.display_name not in text
    for bid in Bid.objects.exclude(pk__in=Project.objects.values("awarded_bid")):
        assert f"{bid.price}" not in text and str(bid.price).rstrip("0").rstrip(".") not in text
    assert pipeline.rival.name not in text
    for private in (cast.agency.phone, cast.agency.contact_person, cast.agency.address, "社工1"):
        if private:
            assert private not in text
    assert "综合评分第一" not in text and "预算依据不足" not in text


def test_filtered_like_the_page(client, pipeline, cast):
    package, _ = fetch(client, county=cast.mei.pk, year=pipeline.accepted.year)
    assert len(package["releases"]) == len(PUBLIC)
    empty, _ = fetch(client, year=1999 + 1)
    assert empty["releases"] == []



def test_paid_tranches_are_the_contracts_transactions_and_the_package_stays_valid(client, pipeline, cast):
    """Funding adds ``implementation.transactions`` through the projects' hook: each paid tranche from the buyer to
    the supplier, a claw-back back again; a reversed payment is not a transaction; voucher numbers stay inside."""
    import datetime as dt

    from django.utils import timezone

    from funding import ledger
    from funding.testing import payer_of, project_line

    project = pipeline.contracted
    line = project_line(cast.user_bureau, project, project.agreement.amount)
    ledger.commit_agreement(cast.user_bureau, project.agreement, line)
    first, second = project.milestones.order_by("due_on")[:2]
    past = timezone.localdate() - dt.timedelta(days=30)
    type(first).objects.filter(pk__in=[first.pk, second.pk]).update(status="met", confirmed_at=timezone.now(),
                                                                     due_on=past)
    payer = payer_of(cast)
    paid = ledger.pay_milestone(payer, first.pk, voucher_number="眉财付-OCDS-1", voucher_date=past)
    wrong = ledger.pay_milestone(payer, second.pk, voucher_number="眉财付-OCDS-2", voucher_date=past)
    ledger.reverse(cast.user_bureau, wrong.pk, "凭证录错")
    back = ledger.clawback(payer, paid.pk, Decimal("100.50"), basis="finding", reason="审计发现", date=past)
    package, text = fetch(client)
    assert errors(package) == []
    release = by_ocid(package)[ocid(project)]
    contract = release["contracts"][0]
    rows = {t["id"]: t for t in contract["implementation"]["transactions"]}
    assert set(rows) == {paid.number, back.number}
    buyer = release["buyer"]
    supplier = release["awards"][0]["suppliers"][0]
    assert rows[paid.number]["value"] == {"amount": float(first.amount) if first.amount % 1 else int(first.amount),
                                          "currency": "CNY"}
    assert (rows[paid.number]["payer"], rows[paid.number]["payee"]) == (buyer, supplier)
    assert (rows[back.number]["payer"], rows[back.number]["payee"]) == (supplier, buyer)
    assert rows[back.number]["value"]["amount"] == 100.5 and rows[paid.number]["date"].endswith("+08:00")
    assert "眉财付" not in text
    others = [r for r in package["releases"] if r["ocid"] != ocid(project)]
    assert all("implementation" not in c for r in others for c in r.get("contracts", []))
