"""Fifty people post at the same moment, on PostgreSQL with real threads and real HTTP requests: a line is
never overspent, a tranche is paid once, the rest are refused in Chinese, nothing answers 5xx and nothing is
half-written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from funding.models import BudgetLine, Entry
from funding.testing import confirm, contracted_project, payer_of, station_line
from tests.stations_helpers import station_at
from tests.test_concurrency import client_of, in_threads

pytestmark = [pytest.mark.xdist_group("concurrency"), pytest.mark.django_db(transaction=True)]
CROWD = 50


def test_fifty_spendings_against_one_line_never_overspend_it(crowd_cast):
    cast = crowd_cast
    line = station_line(cast.user_bureau, station_at(cast.mei), "10000", year=2025)
    url = reverse("funding:entry_add")

    def act(state):
        i, client = state
        return client.post(url, {"line": line.pk, "kind": "spending", "amount": "700", "date": "2025-06-01",
                                 "request_key": f"k{i}"})

    prepare = client_of(cast.user_bureau)
    results = in_threads(CROWD, lambda i: (i, prepare(i)), act)
    assert all(not isinstance(r, Exception) for r in results), results
    assert all(r.status_code < 500 for r in results)
    posted = [r for r in results if r.status_code == 302]
    refused = [r for r in results if r.status_code == 200]
    assert len(posted) == 14 and len(refused) == CROWD - 14  # 14 × 700 = 9,800 ≤ 10,000 < 15 × 700
    assert all("将超支，未记账" in r.content.decode() for r in refused)
    line = BudgetLine.objects.get(pk=line.pk)
    total = Entry.objects.filter(line=line, kind="spending").aggregate(s=Sum("amount"))["s"]
    assert line.spent == total == Decimal("9800") and line.available == Decimal("200")
    numbers = list(Entry.objects.filter(line=line).values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers) == 15  # the allocation and 14 spendings, none numbered twice


def test_fifty_payments_of_one_tranche_pay_it_once(crowd_cast):
    cast = crowd_cast
    project, line = contracted_project(cast)
    milestone = confirm(project.milestones.order_by("due_on").first(), cast)
    url = reverse("funding:milestone_pay", args=[milestone.pk])
    payer = payer_of(cast)

    def act(state):
        i, client = state
        return client.post(url, {"voucher_number": f"PZ-{i}", "voucher_date": milestone.due_on.isoformat(),
                                 "request_key": f"pay{i}"})

    prepare = client_of(payer)
    results = in_threads(CROWD, lambda i: (i, prepare(i)), act)
    assert all(not isinstance(r, Exception) and r.status_code < 500 for r in results), results
    assert sum(r.status_code == 302 for r in results) == 1
    refused = [r for r in results if r.status_code == 200]
    assert len(refused) == CROWD - 1 and all("该期款项已支付" in r.content.decode() for r in refused)
    paid = Entry.objects.filter(milestone=milestone, kind="payment")
    assert paid.count() == 1 and paid.get().amount == milestone.amount
    line = BudgetLine.objects.get(pk=line.pk)
    assert line.spent == milestone.amount and line.committed == project.agreement.amount - milestone.amount


def test_the_same_api_request_fifty_times_pays_once(crowd_cast):
    cast = crowd_cast
    project, line = contracted_project(cast)
    milestone = confirm(project.milestones.order_by("due_on").first(), cast)
    payer = payer_of(cast)
    body = {"voucher_number": "PZ-2025-001", "voucher_date": milestone.due_on.isoformat()}

    def act(client):
        return client.post(f"/api/funding/entries/pay/{milestone.pk}/", body, content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY="retry-1")

    results = in_threads(CROWD, client_of(payer), act)
    assert all(not isinstance(r, Exception) and r.status_code == 201 for r in results), [
        getattr(r, "status_code", r) for r in results]
    assert len({r.json()["id"] for r in results}) == 1
    assert Entry.objects.filter(milestone=milestone, kind="payment").count() == 1
