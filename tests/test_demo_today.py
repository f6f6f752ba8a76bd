"""The demo looks like today: loaded on a frozen day, this month and this year have work, festivals fall
on their real dates, figures are consistent, and the 淮南 district sees only itself (issue 10 item 4)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import loaded_once
from wulian.demo import CHONGYANG

TODAY = dt.date(2027, 3, 10)


pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_on_a_frozen_day(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded on a frozen day, once for the module's tests (tests/conftest.py, ``loaded_once``)."""
    media = tmp_path_factory.mktemp("demo-media")
    with time_machine.travel(dt.datetime(2027, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False), \
            loaded_once(django_db_blocker, media, lambda: call_command("load_demo", verbosity=0)):
        yield media


@pytest.fixture
def media_root(settings, demo_on_a_frozen_day):
    """(conftest's autouse ``media_root``: here the demo's folder)"""
    settings.MEDIA_ROOT = demo_on_a_frozen_day
    return demo_on_a_frozen_day


def test_this_month_and_this_year_have_work(demo_on_a_frozen_day, client):
    from stations.models import Activity, Training
    from volunteers.choices import HoursStatus
    from volunteers.models import ServiceHours
    from wulian.models import User

    month = Activity.objects.filter(date__year=2027, date__month=3)
    assert month.filter(station__region__name="滨河社区").exists()
    assert Training.objects.filter(date__year=2027).count() >= 4
    assert not Activity.objects.filter(date__gt=TODAY + dt.timedelta(days=1)).exists()
    pending = ServiceHours.objects.filter(status=HoursStatus.PENDING)
    assert pending.filter(activity__region__name="滨河社区").exists()
    client.force_login(User.objects.get(username="binhe"))
    body = client.get(reverse("home")).content.decode()
    assert "本月工作台账" in body
    import re

    figures = dict(re.findall(r'<div class="text-body-secondary small">([^<]+)</div>\s*<div class="stat text-body">([^<]+)</div>', body))
    assert int(figures["本月工作台账"]) > 0
    assert int(figures["待确认的时长记录（条）"]) > 0


def test_festivals_fall_on_their_real_dates(demo_on_a_frozen_day):
    from volunteers.models import VolunteerActivity

    chongyang = VolunteerActivity.objects.filter(title__contains="重阳")
    assert chongyang.exists()
    assert {a.date for a in chongyang} <= set(CHONGYANG.values())
    assert dt.date(2026, 10, 18) in {a.date for a in chongyang}
    assert {(a.date.month, a.date.day) for a in VolunteerActivity.objects.filter(title__contains="学雷锋")} == {(3, 5)}


def test_the_figures_are_consistent(demo_on_a_frozen_day):
    from django.db.models import F

    from stations.models import Activity
    from volunteers.choices import HoursSource
    from volunteers.models import ServiceHours

    assert not Activity.objects.filter(volunteers__gt=F("participants")).exists()
    assert not ServiceHours.objects.filter(activity__date__gte=TODAY).exists()  # nobody served in the future
    scanned = ServiceHours.objects.filter(source=HoursSource.CHECK_IN).select_related("activity")
    assert scanned.exists()
    for record in scanned:
        assert record.checked_in_at and record.checked_out_at and record.checked_out_at > record.checked_in_at
        assert record.hours <= record.activity.duration_hours
    for record in ServiceHours.objects.select_related("activity")[:500]:
        assert record.hours <= record.activity.duration_hours


def test_each_county_sees_its_own(demo_on_a_frozen_day, client):
    from stations.models import Station
    from wulian.models import User

    tianjiaan = User.objects.get(username="tianjiaan")
    assert tianjiaan.region.name == "田家庵区"
    theirs = set(Station.objects.restrict(tianjiaan).values_list("region__name", flat=True))
    assert "田家庵区" in theirs and "洞山社区" in theirs and "眉县" not in theirs
    ours = set(Station.objects.restrict(User.objects.get(username="bureau")).values_list("region__name", flat=True))
    assert "眉县" in ours and not ours & theirs
    client.force_login(tianjiaan)
    body = client.get(reverse("home")).content.decode()
    assert "管辖范围：田家庵区" in body and "眉县" not in body
