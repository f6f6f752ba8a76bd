"""Money walked in Chromium, each step by the person who does it: the bureau budgets its county hub, the agency
requests a tranche with its evidence, the bureau confirms it, the finance clerk records the payment with its
voucher, and the figures show it — the hub's operating funds on the attainment page, linking to the entries."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser import as_, go, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_budget_request_approve_pay_and_see_it(live_server, browser_cast, page, tmp_path):
    from funding.models import BudgetLine, Entry
    from funding.testing import contracted_project, payer_of, source
    from projects.models import Milestone
    from tests.conftest import TEST_PASSWORD
    from tests.stations_helpers import station_at

    cast = browser_cast
    base = live_server.url
    year = timezone.localdate().year
    hub = station_at(cast.mei)
    kind = source()
    project, line = contracted_project(cast)
    payer = payer_of(cast)
    payer.set_password(TEST_PASSWORD)
    payer.save()
    evidence = tmp_path / "首期服务报告.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # -- the bureau budgets the county hub: exactly the 50,000 元 of seed 000 §三.三.1 -----------------------------
    login(page, base, "bureau")
    go(page, f"{base}/funding/lines/add/?purpose=station&station={hub.pk}")
    page.select_option("#id_source", str(kind.pk))
    page.fill("#id_year", str(year))
    page.select_option("#id_category", "personnel")
    page.fill("#id_amount", "50000")
    page.click("#save-button")
    page.wait_for_load_state("networkidle")
    assert "50,000.00" in page.locator("#line-sums").inner_text()
    screenshot(page, "funding-1-line")
    assert BudgetLine.objects.get(station=hub).budget == 50000

    # -- the agency requests the first tranche with its evidence ---------------------------------------------------
    first = Milestone.objects.filter(project=project).order_by("due_on").first()
    as_(page, base, "agency")
    go(page, base + project.get_absolute_url())
    evidence_input = page.locator("input[id^='evidence-']").first
    assert evidence_input.get_attribute("id") == f"evidence-{first.pk}", (evidence_input.get_attribute("id"), first.pk)
    evidence_input.set_input_files(str(evidence))
    page.click(f"#report-{first.pk}")
    page.wait_for_load_state("networkidle")
    assert Milestone.objects.get(pk=first.pk).status == "reported"

    # -- the bureau checks and confirms ------------------------------------------------------------------------------
    as_(page, base, "bureau")
    go(page, base + project.get_absolute_url())
    page.locator(f"#milestone-{first.pk} #action-confirm").click()
    page.wait_for_load_state("networkidle")
    assert Milestone.objects.get(pk=first.pk).status == "met"
    go(page, base + project.get_absolute_url())
    assert "登记付款" not in page.locator("#project-money").inner_text()  # the confirmer does not pay

    # -- the finance clerk records the payment, once ---------------------------------------------------------------
    as_(page, base, "bureau_pay")
    go(page, base + project.get_absolute_url())
    page.locator(f'#project-tranches tr[data-milestone="{first.pk}"] a.btn').click()
    page.wait_for_load_state("networkidle")
    page.fill("#id_voucher_number", "眉财付-0001")
    page.fill("#id_voucher_date", timezone.localdate().isoformat())
    page.click("#submit-button")
    page.wait_for_load_state("networkidle")
    body = page.locator("main").inner_text() if page.locator("main").count() else page.content()
    assert "眉财付-0001" in body and "支付" in body
    screenshot(page, "funding-2-paid")
    assert Entry.objects.filter(milestone=first, kind="payment").count() == 1
    go(page, base + project.get_absolute_url())
    assert "已支付" in page.locator("#project-money").inner_text()

    # -- the figures: the hub meets its minimum and the figure links to the entries it sums -----------------------
    as_(page, base, "leader")
    go(page, f"{base}/funding/stations/?year={year}")
    page.wait_for_selector("#operating-funds")
    row = page.locator(f'#operating-funds tr[data-station="{hub.pk}"]').inner_text()
    assert "50,000.00" in row and "已达成" in row
    go(page, f"{base}/core/targets/attainment/?region={cast.mei.pk}&year={year}")
    link = page.locator(f'a[href*="/funding/entries/?station_region={cast.mei.pk}"]').first
    assert "50000" in link.inner_text().replace(",", "")
    link.click()
    page.wait_for_load_state("networkidle")
    assert "50,000.00" in page.content()
    screenshot(page, "funding-3-entries")


@pytest.mark.parametrize("username", ["shoushan", "bureau"])
def test_the_top_navigation_with_the_funds_menu_stays_on_one_line_at_1280(live_server, browser_cast, page,
                                                                         username):
    """At 1280 px (and down to 992, where it expands) the menu never wraps or breaks an entry ("政策 / 目标")."""
    base = live_server.url
    login(page, base, username)
    for width in (1280, 992):
        page.set_viewport_size({"width": width, "height": 860})
        go(page, f"{base}/")
        assert page.locator("#mainNav").get_by_text("资金").count() >= 1
        tops = page.evaluate("""() => [...document.querySelectorAll('#mainNav .navbar-nav > .nav-item > .nav-link')]
            .map(a => [a.innerText.trim(), a.getBoundingClientRect().top, a.getBoundingClientRect().height])""")
        assert len({round(top) for _text, top, _h in tops}) == 1, tops  # one row
        assert all(height < 48 for _text, _top, height in tops), tops  # no entry on two lines
        assert page.evaluate("document.querySelector('nav.navbar').getBoundingClientRect().height") < 64
        screenshot(page, f"nav-{username}-{width}")
