"""The project pages in Chromium: axe-core on the pages a person fills or reads, on a desktop and a phone.

The walk of one project through the six steps (binhe, shoushan, the bureau, two agencies, a scoring panel, the
evaluator) is ``tests/test_six_steps_browser.py``; it replaced the walk that was here, in which the bureau scored
the bids alone and teams were typed in rather than chosen from the staff on record.
"""

from __future__ import annotations


import pytest
from django.utils import timezone

from tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def setting(browser_cast):
    """The county's data an administrator set up before: stations, an indicator sheet, a second agency."""
    from projects import testing as t
    from stations import demo
    from tests.conftest import TEST_PASSWORD
    from wulian.models import Agency

    demo.load()
    cast = browser_cast
    t.make_sheet(cast.mei)
    Agency.objects.filter(pk=cast.agency.pk).update(certified_staff_count=3)
    rival = t.second_agency(cast.mei)
    rival_user = t.agency_user(rival, "tongxin")
    rival_user.set_password(TEST_PASSWORD)
    rival_user.save()
    return cast


def click(page, selector):
    page.click(selector)
    page.wait_for_load_state("networkidle")


def act(page, name, reason=None):
    """Press a transition button of the page (with its reason, when it asks for one; confirming a step with
    consequences)."""
    page.click(f"#action-{name}")
    if reason is not None:
        page.fill(f"#reason-{name}", reason)
    if page.locator(f"#action-{name}-submit").count():
        page.click(f"#action-{name}-submit")
    page.wait_for_load_state("networkidle")


def pick(page, field_id, text):
    """Choose an option of a searchable picker by typing part of its label."""
    page.locator(f"#{field_id} + .ts-wrapper .ts-control").click()
    page.keyboard.type(text)
    option = page.locator(".ts-dropdown .option", has_text=text).first
    option.wait_for()
    option.click()
    # The choice is made when the underlying <select> holds it (a loaded machine may lag behind the click).
    page.wait_for_function(
        "([id, text]) => [...document.getElementById(id).selectedOptions].some(o => o.text.includes(text))",
        arg=[field_id, text],
    )
    page.keyboard.press("Escape")


def status_of(project):
    return type(project).objects.values_list("status", flat=True).get(pk=project.pk)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_project_pages_have_no_serious_accessibility_violation(live_server, setting, chromium, phone):
    """axe-core on the project pages a person fills or reads, on a desktop and on a phone."""
    from django.urls import reverse

    from projects import testing as t
    from projects.models import Rectification
    from tests.browser import PHONE
    from tests.test_accessibility import AXE, axe_violations

    cast = setting
    people = t.people_of(cast)
    serving = t.advance(t.make_project(cast.binhe, proposer=people.town), "in_service", people)
    evaluation = t.evaluate(serving, cast.user_bureau)
    item = Rectification.objects.create(evaluation=evaluation, description="补齐个案记录", deadline=timezone.localdate())
    awarded = t.advance(t.make_project(cast.binhe, proposer=people.town), "awarded", people)
    pages = [
        ("bureau", reverse("projects:project_list")),
        ("bureau", serving.get_absolute_url()),
        ("bureau", reverse("projects:bid_scoring", args=[awarded.pk])),
        ("bureau", reverse("projects:agreement_edit", args=[awarded.pk])),
        ("bureau", reverse("projects:evaluation_add", args=[serving.pk])),
        ("bureau", evaluation.get_absolute_url()),
        ("shoushan", reverse("projects:project_add")),
        ("agency", item.get_absolute_url()),
        ("agency", "/"),
    ]
    options = {"locale": "zh-CN", "bypass_csp": True}
    options.update({"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {"viewport": {"width": 1280, "height": 860}})
    problems = {}
    context = chromium.new_context(**options)
    try:
        page = context.new_page()
        current = None
        for username, url in pages:
            if username != current:
                context.clear_cookies()
                login(page, live_server.url, username)
                current = username
            response = page.goto(live_server.url + url)
            assert response.status == 200, (username, url, response.status)
            found = axe_violations(page)
            if found:
                problems[f"{username} {url}"] = found
                screenshot(page, f"axe-projects-{'phone' if phone else 'desktop'}-{len(problems)}")
    finally:
        context.close()
    assert AXE.exists()
    assert problems == {}, "\n".join(f"{where}: {found}" for where, found in problems.items())
