"""Volunteer figures per (region, year): kept current by every write, equal to a recount from scratch."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from volunteers import stats
from volunteers.choices import HoursStatus, VolunteerStatus
from volunteers.models import CommunityYearStats, PendingStats, ServiceHours
from volunteers.tasks import refresh_volunteer_stats
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian.models import Region
from wulian.workflow import perform


def table() -> dict:
    """The kept rows, after the pending regions are recomputed: {(region name, year): figures}."""
    stats.apply_pending()
    return {
        (row.region.name, row.year): (row.joined, row.participants, row.activities, row.hours)
        for row in CommunityYearStats.objects.select_related("region")
        if (row.joined, row.participants, row.activities, row.hours) != (0, 0, 0, 0)
    }


def recount() -> dict:
    """The same rows counted again from every record."""
    stats.refresh()
    return table()


def totals(region, year) -> dict:
    return stats.figures(Region.objects.get(pk=region.pk), year).total(Region.objects.get(pk=region.pk))


def test_figures_follow_adds_edits_and_deletes(cast, as_user):
    d = dt.date
    a, b, c = (make_volunteer(cast.binhe, registered_on=d(2023, 3, 1)) for _ in range(3))
    late = make_volunteer(cast.binhe, registered_on=d(2024, 2, 1))
    far = make_volunteer(cast.hengqu_village, registered_on=d(2022, 5, 1))
    spring = make_activity(cast.binhe, date=d(2023, 4, 1))
    autumn = make_activity(cast.binhe, date=d(2024, 10, 1))
    town = make_activity(cast.shoushan, date=d(2024, 6, 1))
    make_hours(spring, a, hours="2")
    make_hours(spring, b, hours="1.5")
    make_hours(spring, late, hours="3")  # served before registering: hours count, not a participant of 2023
    make_hours(autumn, a, hours="4")
    pending = make_hours(autumn, c, hours="1", status=HoursStatus.PENDING)
    make_hours(town, far, hours="2.5")  # a 崖下村 volunteer in a 首善街道 activity

    # By hand: 滨河社区 2023 joined a, b, c; participants a, b; 1 activity; 2 + 1.5 + 3 hours.
    assert table() == {
        ("滨河社区", 2023): (3, 2, 1, Decimal("6.50")),
        ("滨河社区", 2024): (1, 1, 1, Decimal("4.00")),
        ("首善街道", 2024): (0, 0, 1, Decimal("2.50")),
        ("崖下村", 2022): (1, 0, 0, Decimal("0")),
        ("崖下村", 2024): (0, 1, 0, Decimal("0")),
    }
    town_2024 = totals(cast.shoushan, 2024)
    assert town_2024 == {"registered": 4, "participants": 1, "activities": 2, "hours": Decimal("6.50")}
    assert totals(cast.mei, 2024)["participants"] == 2  # 崖下村 is in 横渠镇, still in 眉县

    # Edits: confirming the pending record, a volunteer leaving, an activity moved a year back and to another
    # community, a volunteer moving house.
    perform(cast.user_binhe, ServiceHours, pending.pk, "confirm")
    b.status = VolunteerStatus.INACTIVE
    b.save()
    autumn.date, autumn.region = d(2023, 10, 1), cast.jingxian
    autumn.save()
    c.community = cast.jingxian
    c.save()
    assert table() == {
        ("滨河社区", 2023): (1, 1, 1, Decimal("6.50")),  # a; spring keeps b's 1.5 h (hours count whoever served)
        ("滨河社区", 2024): (1, 0, 0, Decimal("0")),
        ("景贤社区", 2023): (1, 1, 1, Decimal("5.00")),  # c joined 2023, served in autumn (now 2023) with 1 h
        ("首善街道", 2024): (0, 0, 1, Decimal("2.50")),
        ("崖下村", 2022): (1, 0, 0, Decimal("0")),
        ("崖下村", 2024): (0, 1, 0, Decimal("0")),
    }
    # a served in autumn too, now in 景贤社区's activity: a is counted in its own community, 滨河社区.
    assert totals(cast.binhe, 2023)["participants"] == 1

    # Deletes.
    ServiceHours.objects.filter(activity=town).delete()
    town.delete()
    assert ("首善街道", 2024) not in table() and ("崖下村", 2024) not in table()
    assert table() == recount()


def test_bulk_loaded_hours_and_imports_are_counted(cast, as_user):
    activity = make_activity(cast.binhe, title="敬老活动", date=dt.date(2024, 10, 11))
    people = [make_volunteer(cast.binhe, registered_on=dt.date(2024, 1, 1), volunteer_number=f"202400000{i}")
              for i in range(1, 4)]
    ServiceHours.objects.bulk_create(ServiceHours(activity=activity, volunteer=v, hours=Decimal(2)) for v in people[:2])
    assert table()[("滨河社区", 2024)] == (3, 2, 1, Decimal("4.00"))

    wb = Workbook()
    wb.active.append(["活动日期", "活动名称", "志愿者编号", "时长（小时）", "备注"])
    wb.active.append(["2024-10-11", "敬老活动", "2024000003", 1.5, ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("hours.xlsx", buffer.getvalue())
    assert as_user("binhe").post(reverse("volunteers:servicehours_import"), {"file": upload}).status_code == 302
    assert table()[("滨河社区", 2024)] == (3, 3, 1, Decimal("5.50"))
    assert table() == recount()


def test_a_write_around_the_orm_is_caught_by_the_periodic_refresh(cast):
    volunteer = make_volunteer(cast.binhe, registered_on=dt.date(2024, 1, 1))
    make_hours(make_activity(cast.binhe, date=dt.date(2024, 5, 1)), volunteer, hours="2")
    assert table()[("滨河社区", 2024)] == (1, 1, 1, Decimal("2.00"))
    with connection.cursor() as cursor:  # a hand-made correction in SQL: no signal, nothing marked
        cursor.execute("UPDATE volunteers_servicehours SET hours = 3")
    assert table()[("滨河社区", 2024)] == (1, 1, 1, Decimal("2.00"))
    assert refresh_volunteer_stats() == 1
    assert table()[("滨河社区", 2024)] == (1, 1, 1, Decimal("3.00"))


def test_an_unrelated_edit_marks_nothing(cast):
    volunteer = make_volunteer(cast.binhe)
    stats.apply_pending()
    volunteer = type(volunteer).objects.get(pk=volunteer.pk)
    volunteer.phone = "13900009999"
    volunteer.save()
    assert not PendingStats.objects.exists()
    volunteer.registered_on = dt.date(2020, 1, 1)
    volunteer.save()
    assert PendingStats.objects.filter(region_id=cast.binhe.pk).exists()


def test_the_rates_page_says_when_the_figures_were_checked(as_user, cast):
    make_volunteer(cast.binhe)
    body = as_user("binhe").get(reverse("volunteers:rates")).content.decode()
    assert 'id="rates-as-of"' in body and "与原始记录全面核对" in body


def test_the_kept_figures_are_read_in_scope(cast):
    make_volunteer(cast.binhe)
    make_volunteer(cast.hengqu_village)
    make_volunteer(cast.hengqu_village)
    assert stats.registered_volunteers(cast.user_bureau) == 2 + 1
    assert stats.registered_volunteers(cast.user_shoushan) == 1
    assert stats.registered_volunteers(cast.user_hengqu) == 2
    assert stats.registered_volunteers(cast.user_agency) == 0  # agency staff see no volunteers
    assert set(CommunityYearStats.objects.restrict(cast.user_binhe).values_list("region__name", flat=True)) == {"滨河社区"}


def test_the_home_page_counts_registered_volunteers_from_the_kept_figures(as_user, cast):
    make_volunteer(cast.binhe)
    make_volunteer(cast.binhe, status=VolunteerStatus.INACTIVE)
    make_volunteer(cast.jingxian)
    make_volunteer(cast.hengqu_village)  # another town
    client = as_user("shoushan")
    figures = {str(stat.label): stat.value for stat in client.get("/").context["stats"]}
    assert figures["在册志愿者"] == 2
    with CaptureQueriesContext(connection) as ctx:  # nothing pending now: the kept rows alone are read
        client.get("/")
    assert not any('FROM "volunteers_volunteer"' in q["sql"] for q in ctx.captured_queries)


def test_a_full_recount_clears_the_marks_made_before_it(cast):
    make_volunteer(cast.binhe)
    make_volunteer(cast.hengqu_village)
    assert PendingStats.objects.count() >= 2
    stats.refresh()
    assert not PendingStats.objects.exists()
    assert totals(cast.mei, timezone.localdate().year)["registered"] == 2
