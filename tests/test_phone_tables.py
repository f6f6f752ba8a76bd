"""List tables on a phone (issue 23 F): a cell of Chinese text is never squeezed to one character per line;
the table scrolls sideways instead."""

from __future__ import annotations

import pytest

from tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NARROW_CELLS = """() => {
  const out = [];
  for (const td of document.querySelectorAll('.table-responsive table td')) {
    const text = td.innerText.trim();
    if (text.length < 4) continue;
    const style = getComputedStyle(td);
    const em = parseFloat(style.fontSize);
    const lines = Math.round(td.getBoundingClientRect().height / (parseFloat(style.lineHeight) || em * 1.5));
    if (td.getBoundingClientRect().width < 3.5 * em && lines > 2) out.push(text.slice(0, 12));
  }
  return out;
}"""


@pytest.fixture
def demo_stations(browser_cast):
    from stations import demo

    demo.load()
    return browser_cast


@pytest.mark.parametrize("path", ["/stations/activities/", "/stations/stations/", "/stations/staff/"])
def test_list_tables_on_a_phone_keep_words_readable(live_server, demo_stations, phone_page, path):
    page = phone_page
    login(page, live_server.url, "shoushan")
    page.goto(f"{live_server.url}{path}")
    assert page.locator(".table-responsive table td").count() > 3
    screenshot(page, "phone-table" + path.replace("/", "-").rstrip("-"))
    assert page.evaluate(NARROW_CELLS) == []
