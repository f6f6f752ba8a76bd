"""The demo's charity resources (issue 19 item 11) are consistent: the fund under the county's 慈善协会 has
income and an approved use, the fundraising project's disclosure is due, the supermarket has stock, issues and
one item near expiry, and no balance or stock is below zero."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from funding.charity import goods, rules
from funding.charity.models import CommunityFund, Fundraising, GoodsIssue, GoodsLot, StockCount
from funding.choices import Purpose
from funding.models import BudgetLine


@pytest.mark.django_db
def test_demo_charity_resources_are_consistent(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    today = timezone.localdate()
    fund = CommunityFund.objects.get(host__name="眉县慈善协会")
    figures = fund.figures()
    assert figures["income"] > 0 and figures["used"] > 0 and figures["usable"] >= 0 and figures["balance"] >= 0
    use = fund.movements.get(kind="use")
    assert use.approved_by.count() * 2 > fund.members.count() and use.entry_id
    assert not rules.disclosure_status(fund, today)["overdue"]
    drive = Fundraising.objects.get()
    assert drive.figures()["balance"] >= 0 and rules.disclosure_due(drive, today)
    assert GoodsIssue.objects.exists() and StockCount.objects.exists()
    assert goods.expiring(GoodsLot.objects.all(), today).count() == 1
    assert not GoodsLot.objects.filter(on_hand__lt=0).exists()
    for line in BudgetLine.objects.filter(purpose=Purpose.CHARITY):
        assert line.available >= 0
