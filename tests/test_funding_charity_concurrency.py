"""Twenty clerks issue from one lot of a 慈善超市 at the same moment, and twenty uses draw on one 不动本 fund, on
PostgreSQL with real threads and HTTP requests: the stock never goes below zero, the fund never uses its
principal, the rest are refused in Chinese, nothing answers 5xx and nothing is half-written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from funding.charity.models import CharityMovement, GoodsIssue, GoodsLot, MovementKind
from funding.charity.testing import charity, fund, lot, majority, move, supermarket
from funding.models import Entry
from tests.conftest import get_cast, load_cast
from tests.test_concurrency import in_threads
from tests.test_funding_concurrency import client_of

pytestmark = [pytest.mark.xdist_group("concurrency"), pytest.mark.django_db(transaction=True)]
CROWD = 20


@pytest.fixture
def crowd_cast(transactional_db, settings):
    assert connection.vendor == "postgresql", "races are tested on PostgreSQL"
    settings.WULIAN_SINGLE_SESSION = False
    load_cast()
    return get_cast()


def test_twenty_issues_from_one_lot_never_take_the_stock_below_zero(crowd_cast):
    cast = crowd_cast
    rice = lot(cast.user_shoushan, supermarket(cast.binhe), "大米", "50")
    url = reverse("funding:goodsissue_add")

    def act(state):
        i, client = state
        return client.post(url, {"lot": rice.pk, "quantity": "3", "issued_on": "2025-06-01", "recipient": f"居民{i}",
                                 "signed": "on", "note": ""})

    prepare = client_of(cast.user_shoushan)
    results = in_threads(CROWD, lambda i: (i, prepare(i)), act)
    assert all(not isinstance(r, Exception) for r in results), results
    assert all(r.status_code < 500 for r in results)
    issued = [r for r in results if r.status_code == 302]
    refused = [r for r in results if r.status_code == 200]
    assert len(issued) == 16 and len(refused) == CROWD - 16  # 16 × 3 = 48 ≤ 50 < 17 × 3
    assert all("库存仅剩2袋" in r.content.decode() or "不能发放3" in r.content.decode() for r in refused)
    rice.refresh_from_db()
    total = GoodsIssue.objects.filter(lot=rice).aggregate(s=Sum("quantity"))["s"]
    assert total == Decimal("48") and rice.on_hand == Decimal("2") and GoodsIssue.objects.count() == 16


def test_twenty_uses_of_a_fund_that_keeps_its_principal_never_touch_it(crowd_cast):
    cast = crowd_cast
    f = fund(charity(cast.mei), cast.binhe, keeps_principal=True)
    move(cast.user_bureau, f, MovementKind.PRINCIPAL, "50000")
    move(cast.user_bureau, f, MovementKind.EARNING, "1000")
    approvers = [m.pk for m in majority(f)]
    today = timezone.localdate().isoformat()  # the host's line of this budget year holds the fund's income
    url = reverse("funding:charitymovement_add")

    def act(state):
        i, client = state
        return client.post(url, {"fund": f.pk, "kind": "use", "amount": "150", "date": today,
                                 "description": f"帮扶{i}", "approved_by": approvers, "approved_on": today,
                                 "resolution": "管委会2025第3次会议"})

    prepare = client_of(cast.user_shoushan)
    results = in_threads(CROWD, lambda i: (i, prepare(i)), act)
    assert all(not isinstance(r, Exception) and r.status_code < 500 for r in results), results
    assert sum(r.status_code == 302 for r in results) == 6  # 6 × 150 = 900 ≤ 1,000 < 7 × 150
    refused = [r for r in results if r.status_code == 200]
    assert len(refused) == CROWD - 6 and all("不动本" in r.content.decode() for r in refused)
    uses = CharityMovement.objects.filter(fund=f, kind=MovementKind.USE)
    assert uses.count() == 6 and all(u.entry_id for u in uses)
    assert Entry.objects.filter(kind="use").count() == 6
    assert f.figures()["balance"] == Decimal("50100") and f.figures()["usable"] == Decimal("100")
    assert not GoodsLot.objects.exists()
