"""Issue 23 F: volunteer hours recorded from a work-log entry (工作台账) without building the volunteer activity
first — the entry's page offers it, the activity form is filled in from the entry, and saving leads to the hours."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from stations.choices import ActivityKind
from stations.models import Activity
from tests.browser import login, screenshot
from tests.stations_helpers import station_at
from volunteers.models import ServiceHours, VolunteerActivity
from volunteers.testing import make_volunteer

BUTTON = "登记志愿服务时长"


def entry_at(region, **fields):
    values = {"station": station_at(region), "kind": ActivityKind.COMMUNITY, "title": "重阳节敬老包饺子",
              "date": timezone.localdate(), "place": "滨河社区党群服务中心", "participants": 30, "volunteers": 6,
              "notes": "为辖区空巢老人包饺子、量血压", **fields}
    return Activity.objects.create(**values)


def test_the_entry_offers_the_hours_and_the_form_is_filled_in_from_it(as_user, cast):
    entry = entry_at(cast.binhe)
    client = as_user("binhe")
    page = client.get(entry.get_absolute_url()).content.decode()
    assert BUTTON in page
    start = f"{reverse('volunteers:volunteeractivity_add')}?log_activity={entry.pk}"
    assert start in page.replace("&amp;", "&")
    form = client.get(start).context["form"]
    assert (form.initial["title"], form.initial["date"], form.initial["place"]) == (entry.title, entry.date, entry.place)
    assert form.initial["region"] == cast.binhe.pk and form.initial["organiser_name"] == entry.station.name
    assert form.initial["content"] == entry.notes

    data = {"title": entry.title, "region": cast.binhe.pk, "date": entry.date.isoformat(), "start_time": "09:00",
            "end_time": "11:30", "place": entry.place, "organiser_name": entry.station.name, "content": entry.notes,
            "status": "open", "log_activity": entry.pk}
    response = client.post(reverse("volunteers:volunteeractivity_add"), data)
    made = VolunteerActivity.objects.get(log_activity=entry)
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url() + "#hours"
    assert entry.get_absolute_url() in client.get(made.get_absolute_url()).content.decode()  # and back to the entry

    volunteers = [make_volunteer(cast.binhe, name=name) for name in ("王芳", "刘洋")]
    client.post(reverse("volunteers:activity_hours", args=[made.pk]),
                {"volunteers": [v.pk for v in volunteers], "hours": "2.5"})
    assert ServiceHours.objects.filter(activity=made).count() == 2
    page = client.get(entry.get_absolute_url()).content.decode()
    assert BUTTON not in page and "已据此台账记录登记 2 名志愿者的时长（已确认 5 小时）" in page
    assert f'{made.get_absolute_url()}#hours' in page


def test_the_leader_reads_the_entry_without_the_button_and_no_one_links_an_entry_outside_their_area(as_user, cast):
    entry = entry_at(cast.binhe)
    assert BUTTON not in as_user("leader").get(entry.get_absolute_url()).content.decode()
    other = entry_at(cast.hengqu_village, title="崖下村入户走访")
    client = as_user("binhe")
    form = client.get(f"{reverse('volunteers:volunteeractivity_add')}?log_activity={other.pk}").context["form"]
    assert not form.initial.get("log_activity") and not form.initial.get("title")  # not prefilled from another area
    data = {"title": "x", "region": cast.binhe.pk, "date": timezone.localdate().isoformat(), "start_time": "09:00",
            "end_time": "10:00", "place": "p", "organiser_name": "o", "content": "c", "status": "open",
            "log_activity": other.pk}
    response = client.post(reverse("volunteers:volunteeractivity_add"), data)
    assert response.status_code == 200 and not VolunteerActivity.objects.filter(log_activity=other).exists()


@pytest.mark.browser
def test_hours_from_a_work_log_entry_in_chromium(live_server, browser_cast, page):
    cast = browser_cast
    entry = entry_at(cast.binhe, date=timezone.localdate() - dt.timedelta(days=1))
    make_volunteer(cast.binhe, name="王芳")
    login(page, live_server.url, "binhe")
    page.goto(live_server.url + entry.get_absolute_url())
    screenshot(page, "h23b-work-log-entry-hours-button")
    page.click("#work-log-hours-button")
    assert page.input_value("#id_title") == entry.title
    page.fill("#id_start_time", "09:00")
    page.fill("#id_end_time", "11:30")
    screenshot(page, "h23b-volunteer-activity-from-log")
    page.click("#save-button")
    page.wait_for_load_state("networkidle")
    made = VolunteerActivity.objects.get(log_activity=entry)
    assert page.url.endswith(made.get_absolute_url() + "#hours")
    screenshot(page, "h23b-volunteer-activity-hours-entry")
