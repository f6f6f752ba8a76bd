"""Double clicks and races on PostgreSQL, with real threads and real transactions.

Twenty identical requests at the same moment create one record (or one certificate) and answer every other
request with a message, never a 500; two clerks pressing the same action button get one success and one
refusal; an action whose row is changed by another request while it waits for the lock is refused on the
locked row and changes nothing.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from volunteers.choices import HoursStatus
from volunteers.models import ServiceHours, Volunteer, VolunteerCertificate
from volunteers.testing import make_activity, make_hours, make_volunteer, valid_id_number
from wulian.models import StateChange
from wulian.workflow import perform
from wulian.writes import Refused

pytestmark = [pytest.mark.xdist_group("concurrency"), pytest.mark.django_db(transaction=True)]

CROWD = 20


def in_threads(count, prepare, act):
    """Run ``act(prepare(i))`` in ``count`` threads released at the same moment; return results or exceptions."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i):
        try:
            state = prepare(i)
            barrier.wait(timeout=60)
            results[i] = act(state)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def client_of(user):
    """``prepare`` for ``in_threads``: a client of its own per thread, logged in as ``user``."""

    def prepare(_i):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return client

    return prepare


def post_all(user, url, data, count=CROWD, **extra):
    return in_threads(count, client_of(user), lambda client: client.post(url, data, **extra))


def statuses(responses) -> list:
    return sorted(r.status_code if hasattr(r, "status_code") else repr(r) for r in responses)


def test_twenty_identical_volunteer_registrations_create_one(crowd_cast):
    cast = crowd_cast
    form = {
        "name": "周建军", "id_type": "resident_id", "id_number": valid_id_number(501), "volunteer_number": "",
        "phone": "13912340000", "community": cast.binhe.pk, "skills": "", "registered_on": "2024-05-01",
        "status": "active",
    }
    responses = post_all(cast.user_binhe, reverse("volunteers:volunteer_add"), form)
    assert statuses(responses) == [200] * (CROWD - 1) + [302]
    assert Volunteer.objects.filter(name="周建军").count() == 1
    refused = [r for r in responses if r.status_code == 200]
    assert all("该证件号码的志愿者已注册，不能重复登记。" in r.content.decode() for r in refused)


def test_twenty_identical_volunteer_registrations_over_the_api_create_one(crowd_cast):
    cast = crowd_cast
    payload = {
        "name": "吴丽", "id_type": "resident_id", "id_number": valid_id_number(502), "phone": "13912340001",
        "community": cast.binhe.pk, "registered_on": "2024-05-01", "status": "active",
    }
    responses = post_all(cast.user_binhe, "/api/volunteers/", payload, content_type="application/json")
    codes = statuses(responses)
    assert codes.count(201) == 1 and set(codes) <= {201, 400, 409}, codes
    assert Volunteer.objects.filter(name="吴丽").count() == 1


def test_twenty_identical_hour_entries_save_one(crowd_cast):
    cast = crowd_cast
    activity = make_activity(cast.binhe)
    volunteer = make_volunteer(cast.binhe)
    form = {"activity": activity.pk, "volunteer": volunteer.pk, "hours": "2", "status": "confirmed", "note": ""}
    responses = post_all(cast.user_binhe, reverse("volunteers:servicehours_add"), form)
    assert statuses(responses) == [200] * (CROWD - 1) + [302]
    assert ServiceHours.objects.filter(activity=activity, volunteer=volunteer).count() == 1


def test_twenty_identical_bulk_hour_entries_save_each_volunteer_once(crowd_cast):
    cast = crowd_cast
    activity = make_activity(cast.binhe)
    a, b = make_volunteer(cast.binhe), make_volunteer(cast.binhe)
    responses = post_all(
        cast.user_binhe, reverse("volunteers:activity_hours", args=[activity.pk]), {"volunteers": [a.pk, b.pk], "hours": "3"}
    )
    assert statuses(responses) == [200] * (CROWD - 1) + [302]
    assert sorted(ServiceHours.objects.filter(activity=activity).values_list("volunteer_id", flat=True)) == sorted([a.pk, b.pk])


def test_twenty_identical_certificate_requests_issue_one_and_all_get_it(crowd_cast):
    cast = crowd_cast
    volunteer = make_volunteer(cast.binhe)
    make_hours(make_activity(cast.binhe), volunteer, hours="4")
    today = timezone.localdate().isoformat()
    form = {
        "volunteer": volunteer.pk, "period_start": today, "period_end": today, "issuer_name": "滨河社区居民委员会",
        "person_in_charge": "李主任", "handler": "王社工", "contact_phone": "0917-5540000", "remarks": "",
    }
    responses = post_all(cast.user_binhe, reverse("volunteers:volunteercertificate_add"), form)
    certificate = VolunteerCertificate.objects.get()
    assert statuses(responses) == [302] * CROWD
    assert {r["Location"] for r in responses} == {certificate.get_absolute_url()}


def test_two_identical_actions_at_once_one_wins(crowd_cast):
    cast = crowd_cast
    record = make_hours(make_activity(cast.binhe), make_volunteer(cast.binhe), status=HoursStatus.PENDING)

    def act(user):
        try:
            perform(user, ServiceHours, record.pk, "confirm")
            return "done"
        except Refused as exc:
            return exc.message

    results = in_threads(2, lambda i: (cast.user_binhe, cast.user_shoushan)[i], act)
    assert sorted(results, key=len)[0] == "done"
    assert "当前为“已确认”" in sorted(results, key=len)[1]
    assert StateChange.objects.filter(action="confirm").count() == 1
    record.refresh_from_db()
    assert record.status == HoursStatus.CONFIRMED


def test_an_action_waiting_for_the_lock_is_refused_when_the_state_changed_meanwhile(crowd_cast):
    """One clerk's confirm waits while another request holds the row and rejects it: nothing is confirmed."""
    cast = crowd_cast
    record = make_hours(make_activity(cast.binhe), make_volunteer(cast.binhe), status=HoursStatus.PENDING)
    locked = threading.Event()
    outcome = {}

    def other_request():
        try:
            with transaction.atomic():
                row = ServiceHours.objects.select_for_update().get(pk=record.pk)
                locked.set()
                time.sleep(1.0)  # the confirm below is now waiting for this lock
                row.status = HoursStatus.REJECTED
                row.save()
        finally:
            connection.close()

    def confirm():
        locked.wait(timeout=30)
        try:
            started = time.monotonic()
            perform(cast.user_binhe, ServiceHours, record.pk, "confirm")
            outcome["result"] = "done"
        except Refused as exc:
            outcome["result"] = exc.message
        finally:
            outcome["waited"] = time.monotonic() - started
            connection.close()

    threads = [threading.Thread(target=other_request), threading.Thread(target=confirm)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert "当前为“已驳回”" in outcome["result"]
    assert outcome["waited"] > 0.5  # it really waited for the lock
    record.refresh_from_db()
    assert record.status == HoursStatus.REJECTED and record.reviewed_by is None
    assert not StateChange.objects.filter(action="confirm").exists()
