"""Reported targets (issue 20, item 1): a target no indicator computes is entered by the region it names,
per year, with evidence and who entered it; attainment shows it beside computed ones, marked 填报, with an
overdue flag and its history; a town enters only its own."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wulian import attainment
from wulian.models import PolicyProfile, Target, TargetReport

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"


@pytest.fixture
def coverage_target(cast):
    """A target of 眉县's document no indicator computes: every town has a day-care centre (reported)."""
    profile = PolicyProfile.objects.for_region(cast.shoushan)
    return Target.objects.create(
        profile=profile, indicator="", measure="日间照料中心覆盖", level="town", comparator="present",
        period="annual", status="accepted", clause="§四", quote="各镇街日间照料中心实现全覆盖。", position=900)


def url(target, region, year):
    return reverse("wulian:target_report", args=[target.pk, region.pk, year])


def enter(client, target, region, year, **data):
    data.setdefault("evidence", SimpleUploadedFile("照片.pdf", PDF, content_type="application/pdf"))
    return client.post(url(target, region, year), data)


def test_a_town_enters_its_value_with_evidence_and_the_county_sees_it_beside_computed_targets(
        as_user, cast, coverage_target, django_assert_max_num_queries):
    year = attainment.default_year()
    response = enter(as_user("shoushan"), coverage_target, cast.shoushan, year, in_place="yes", note="已挂牌")
    assert response.status_code == 302
    report = TargetReport.objects.get()
    assert (report.region, report.year, report.in_place, report.entered_by) == (
        cast.shoushan, year, True, cast.user_shoushan)
    assert report.attachments.get().original_name == "照片.pdf"

    client = as_user("bureau")
    with django_assert_max_num_queries(60):
        page = client.get(f"{reverse('wulian:attainment')}?region={cast.mei.pk}&year={year}").content.decode()
    assert "日间照料中心覆盖" in page and "填报" in page  # the column, marked as reported
    assert "社区社会组织" in page  # beside the computed ones
    shoushan_row = page.split(f'data-region="{cast.shoushan.pk}"')[1].split("</tr>")[0]
    assert "已具备" in shoushan_row and "填报" in shoushan_row
    assert cast.user_shoushan.get_full_name() in shoushan_row or cast.user_shoushan.username in shoushan_row


def test_a_missing_value_of_a_past_year_is_flagged_overdue(as_user, cast, coverage_target):
    last_year = attainment.default_year() - 1
    page = as_user("bureau").get(f"{reverse('wulian:attainment')}?region={cast.mei.pk}&year={last_year}")
    hengqu_row = page.content.decode().split(f'data-region="{cast.hengqu.pk}"')[1].split("</tr>")[0]
    assert "逾期未填报" in hengqu_row
    entry = as_user("hengqu").get(url(coverage_target, cast.hengqu, last_year)).content.decode()
    assert f"{last_year} 年的数值已逾期未填报" in entry


def test_each_entry_is_kept_as_the_targets_history_and_the_latest_counts(as_user, cast, coverage_target):
    year = attainment.default_year()
    client = as_user("shoushan")
    enter(client, coverage_target, cast.shoushan, year, in_place="no")
    enter(client, coverage_target, cast.shoushan, year, in_place="yes", note="补建完成")
    history = client.get(url(coverage_target, cast.shoushan, year)).content.decode()
    table = history.split('id="report-history"')[1]
    assert table.count("<tr data-year=") == 2 and "补建完成" in table and "未具备" in table
    result = attainment.evaluate([cast.shoushan], year)
    cells = [c for s in result for r in s.rows for c in r.cells if c is not None and c.target == coverage_target]
    assert [(c.value, c.status) for c in cells] == [(True, attainment.MET)]


def test_a_town_enters_only_its_own(as_user, cast, coverage_target):
    year = attainment.default_year()
    client = as_user("shoushan")
    assert client.get(url(coverage_target, cast.hengqu, year)).status_code == 404
    assert enter(client, coverage_target, cast.hengqu, year, in_place="yes").status_code == 404
    assert TargetReport.objects.count() == 0


def test_a_leader_reads_but_does_not_enter(as_user, cast, coverage_target):
    year = attainment.default_year()
    client = as_user("leader")
    page = client.get(url(coverage_target, cast.shoushan, year))
    assert page.status_code == 200 and 'id="report-form"' not in page.content.decode()
    assert enter(client, coverage_target, cast.shoushan, year, in_place="yes").status_code == 403
    assert TargetReport.objects.count() == 0


def test_a_value_without_evidence_or_figure_is_refused_and_nothing_saved(as_user, cast, coverage_target):
    year = attainment.default_year()
    client = as_user("shoushan")
    response = client.post(url(coverage_target, cast.shoushan, year), {"in_place": "yes"})
    assert response.status_code == 200 and "此项必填。" in response.content.decode()
    response = enter(client, coverage_target, cast.shoushan, year, in_place="")
    assert "请填写数值。" in response.content.decode()
    assert TargetReport.objects.count() == 0


def test_a_computed_target_is_not_entered_by_hand(as_user, cast):
    target = Target.objects.filter(profile=PolicyProfile.objects.for_region(cast.binhe), status="accepted",
                                   indicator="orgs_per_community").first()
    response = as_user("binhe").get(url(target, cast.binhe, dt.date.today().year))
    assert response.status_code == 404


# -- the indicators township-station documents map to, computed from the stations ------------------------------


def test_town_station_indicators_are_computed_from_the_stations(cast):
    from decimal import Decimal

    from stations.models import Certificate
    from tests.stations_helpers import add_staff, station_at
    from wulian import indicators
    from wulian.models import Region

    year = attainment.default_year()
    station = station_at(cast.shoushan)
    people = add_staff(station, 4, start=dt.date(year, 1, 1))
    Certificate.objects.create(person=people[0], level="assistant", number="SG-1", year=year)
    towns = list(Region.objects.filter(path__startswith=cast.mei.path, level=4))
    coverage = indicators.compute("town_station_coverage", towns, year, "town")
    assert coverage[cast.shoushan.pk] is True and coverage[cast.hengqu.pk] is False
    assert indicators.compute("town_stations_built", [cast.mei], year, "county") == {cast.mei.pk: Decimal(1)}
    share = indicators.compute("town_station_built_share", [cast.mei], year, "county")[cast.mei.pk]
    assert share == (Decimal(100) / len(towns)).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
    assert indicators.compute("social_workers_per_station", [cast.mei], year, "county") == {cast.mei.pk: Decimal(4)}
    assert indicators.compute("station_certified_share", [cast.shoushan], year, "station_town") == {
        cast.shoushan.pk: Decimal("25.0")}
    assert [indicators.label(c) for c in ("town_station_coverage", "station_certified_share")] == [
        "乡镇（街道）社工站建成", "社工站人员中持证社工占比"]


def test_the_dashboard_marks_a_reported_target_as_reported_in_its_own_column(as_user, cast, coverage_target):
    """The dashboard page itself (not only the attainment pages) marks 填报 on a reported target's column; two
    reported targets of one document are two columns, named by what they measure."""
    from wulian import dashboard

    profile = coverage_target.profile
    Target.objects.create(
        profile=profile, indicator="", measure="困难群众走访发现机制建成", level="town", comparator="present",
        period="annual", status="accepted", clause="§五", quote="困难群众走访发现机制建成率达100%。", position=901)
    year = attainment.default_year()
    enter(as_user("shoushan"), coverage_target, cast.shoushan, year, in_place="yes", note="已挂牌")
    dashboard.refresh(year)
    page = as_user("bureau").get(f"{reverse('wulian:dashboard')}?region={cast.mei.pk}&year={year}").content.decode()
    heads = [re.sub(r"<[^>]+>", " ", th.split("</th>")[0]) for th in page.split('class="dash-col"')[1:]]
    assert any("日间照料中心覆盖" in th and "填报" in th for th in heads)
    assert any("困难群众走访发现机制建成" in th and "填报" in th for th in heads)  # its own column
    assert any("社区社会组织" in th and "填报" not in th for th in heads)  # a computed one is not marked
    shoushan_row = page.split(f'?region={cast.shoushan.pk}&amp;year={year}">')[1].split("</tr>")[0]
    assert "dash-met" in shoushan_row  # the value the town entered counts
