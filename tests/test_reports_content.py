"""The report centre's new reports read back with openpyxl: numbers are numbers, dates are dates, totals are
right against hand-computed data, and a town user's report holds only its town."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from stations.choices import ActivityKind
from stations.models import Activity
from tests.stations_helpers import station_at
from wulian.models import Region, ReportJob, ReportStatus


def ask(client, code, capture, **params):
    data = {f"{code}-{k}": v for k, v in params.items()}
    with capture(execute=True):
        response = client.post(reverse("wulian:report_request", args=[code]), data)
    assert response.status_code == 302
    job = ReportJob.objects.latest("pk")
    assert job.report == code
    assert job.status == ReportStatus.DONE, job.error
    return job


def workbook(client, job):
    response = client.get(reverse("wulian:report_download", args=[job.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def values(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.fixture
def ledger_data(cast):
    binhe, jingxian = station_at(cast.binhe), station_at(cast.jingxian)
    town, village = station_at(cast.shoushan), station_at(cast.hengqu_village)

    def entry(station, kind, day, participants=0, volunteers=0, hours=None, title="活动"):
        return Activity.objects.create(
            station=station, kind=kind, date=day, title=title, participants=participants, volunteers=volunteers,
            hours=Decimal(hours) if hours is not None else None,
        )

    june = dt.date(2024, 6, 1)
    entry(binhe, ActivityKind.CASEWORK, june, 1, 0, "1.5", "独居老人个案")
    entry(binhe, ActivityKind.CASEWORK, dt.date(2024, 6, 30), 1, 0, "2", "困境儿童个案")
    entry(binhe, ActivityKind.GROUP, dt.date(2024, 6, 12), 12, 3, "2.0", "亲子小组")
    entry(jingxian, ActivityKind.COMMUNITY, dt.date(2024, 6, 20), 30, 5, "3.5", "邻里节")
    entry(binhe, ActivityKind.GROUP, dt.date(2024, 7, 1), 99, 9, "9", "七月的活动")  # another month
    entry(binhe, ActivityKind.VISIT, dt.date(2024, 5, 31), 99, 9, "9", "五月的活动")  # another month
    entry(village, ActivityKind.VISIT, dt.date(2024, 6, 5), 4, 1, "1", "入户走访")  # another town
    return {"binhe": binhe, "jingxian": jingxian, "town": town, "village": village}


def test_the_monthly_ledger_sums_each_station_with_town_subtotals_and_lists_the_entries(
    as_user, cast, ledger_data, django_capture_on_commit_callbacks
):
    client = as_user("bureau")
    job = ask(client, "station_ledger", django_capture_on_commit_callbacks, year=2024, month=6, region=cast.mei.pk)
    assert job.filename == "社工站工作台账月报-眉县-2024年6月.xlsx"
    wb = workbook(client, job)
    summary, entries = wb.worksheets
    rows = values(summary)
    header = rows[0]
    assert header[:3] == ["镇（街道）", "社工站（室）", "层级"]
    assert header[3:9] == ["个案工作", "小组工作", "社区活动", "走访调研", "培训", "其他"]
    assert header[9:] == ["台账条数", "参与人数", "参与志愿者人数", "时长（小时）"]
    by_station = {r[1]: r for r in rows[1:]}
    binhe = by_station[ledger_data["binhe"].name]
    assert binhe[0] == "首善街道"
    # 2 casework + 1 group in June; the July and May entries are not counted.
    assert binhe[3:] == [2, 1, 0, 0, 0, 0, 3, 14, 3, 5.5]
    assert isinstance(binhe[9], int) and isinstance(binhe[12], float)
    assert by_station[ledger_data["jingxian"].name][3:] == [0, 0, 1, 0, 0, 0, 1, 30, 5, 3.5]
    assert by_station[ledger_data["town"].name][3:] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]  # a station with no entry
    subtotals = [r for r in rows if isinstance(r[1], str) and r[1].startswith("小计")]
    assert [(r[0], r[1], r[9:]) for r in subtotals] == [
        ("首善街道", "小计（3个站点）", [4, 44, 8, 9]),
        ("横渠镇", "小计（1个站点）", [1, 4, 1, 1]),
    ]
    assert rows[-1][0] == "合计" and rows[-1][9:] == [5, 48, 9, 10]
    # The entries: June only, as dates.
    detail = values(entries)
    assert detail[0][:3] == ["日期", "镇（街道）", "社工站（室）"]
    assert [r[4] for r in detail[1:]] == ["独居老人个案", "入户走访", "亲子小组", "邻里节", "困境儿童个案"]
    assert isinstance(detail[1][0], dt.datetime) and detail[1][0].date() == dt.date(2024, 6, 1)
    assert entries["A2"].number_format == 'yyyy"年"m"月"d"日"'
    assert detail[1][7:] == [1, 0, 1.5]


def test_a_town_user_gets_only_its_towns_ledger_even_when_asking_for_the_county(
    as_user, cast, ledger_data, django_capture_on_commit_callbacks
):
    client = as_user("hengqu")
    # A town user has no area to choose; a county asked for by hand is ignored: the report covers the town.
    job = ask(client, "station_ledger", django_capture_on_commit_callbacks, year=2024, month=6, region=cast.mei.pk)
    rows = values(workbook(client, job).worksheets[0])
    assert {r[0] for r in rows[1:-1]} == {"横渠镇"}
    assert rows[-1][9:] == [1, 4, 1, 1]
    detail = values(workbook(client, job).worksheets[1])
    assert [r[4] for r in detail[1:]] == ["入户走访"]


def test_the_form_offers_the_users_areas_and_last_month(as_user, cast):
    import re

    from django.utils import timezone

    page = as_user("bureau").get(reverse("wulian:report_center")).content.decode()
    select = re.search(r'<select name="station_ledger-region".*?</select>', page, re.S).group(0)
    options = re.findall(r"<option[^>]*>\s*([^<]*?)\s*</option>", select)
    assert options[0] == "眉县" and {"首善街道", "横渠镇"} <= set(options)
    assert "\u3000横渠镇" in select  # the towns indented under their county
    assert not any("社区" in o or "村" in o for o in options)  # county and towns, not every village
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    month = re.search(r'<select name="station_ledger-month".*?</select>', page, re.S).group(0)
    assert re.search(rf'<option value="{last_month.month}" selected>', month)
    # A town user has only its own town: no area to choose, the report covers the town.
    page = as_user("shoushan").get(reverse("wulian:report_center")).content.decode()
    assert 'id="report-station_ledger"' in page and 'name="station_ledger-region"' not in page


def test_volunteer_indicators_per_town_and_community(as_user, cast, django_capture_on_commit_callbacks):
    from volunteers.choices import HoursStatus
    from volunteers.testing import make_activity, make_hours, make_volunteer

    Region.objects.filter(pk=cast.binhe.pk).update(population=100)
    Region.objects.filter(pk=cast.jingxian.pk).update(population=0)
    people = [make_volunteer(cast.binhe, registered_on=dt.date(2023, 1, 1)) for _ in range(20)]
    make_volunteer(cast.jingxian, registered_on=dt.date(2023, 1, 1))
    make_volunteer(cast.hengqu_village, registered_on=dt.date(2023, 1, 1))
    activity = make_activity(cast.binhe, date=dt.date(2024, 5, 1))
    make_hours(activity, people[0], hours="2.5")
    make_hours(activity, people[1], hours="1.5")
    make_hours(activity, people[2], hours="3", status=HoursStatus.PENDING)
    make_hours(make_activity(cast.binhe, date=dt.date(2023, 6, 1)), people[3], hours="4")  # another year
    client = as_user("shoushan")
    job = ask(client, "volunteer_indicators", django_capture_on_commit_callbacks, year=2024)
    wb = workbook(client, job)
    sheet = wb.worksheets[0]
    rows = values(sheet)
    assert rows[0] == ["镇（街道）", "社区（村）", "层级", "常住人口", "注册志愿者", "注册率", "参与服务的志愿者", "参与率", "活动次数", "已确认时长"]
    by_place = {(r[0], r[1]): r for r in rows[1:]}
    assert {r[0] for r in rows[1:]} == {"首善街道"}  # only the user's town
    binhe = by_place[("首善街道", "滨河社区")]
    assert binhe[3:] == [100, 20, 0.2, 2, 0.1, 1, 4]
    assert isinstance(binhe[5], float)
    jingxian = by_place[("首善街道", "景贤社区")]
    assert jingxian[3] == 0 and jingxian[5] is None  # no population: no rate, an empty cell
    town = by_place[("首善街道", None)]
    assert town[4] == 21 and town[6] == 2 and town[8] == 1 and town[9] == 4
    assert sheet.cell(row=2, column=6).number_format == "0.0%"
    assert job.filename == "志愿服务指标-首善街道-2024年.xlsx"


def test_organisation_summary_per_community_and_per_town(as_user, cast, django_capture_on_commit_callbacks):
    from organizations.choices import OrganizationCategory, RegistrationStatus
    from organizations.models import SocialOrganization

    def org(region, name, category, status=RegistrationStatus.FILED, **fields):
        return SocialOrganization.objects.create(region=region, name=name, category=category, status=status, **fields)

    org(cast.binhe, "滨河助老队", OrganizationCategory.SERVICE, RegistrationStatus.REGISTERED, registration_number="51610326MJX0000001")
    org(cast.binhe, "滨河互助会", OrganizationCategory.MUTUAL_AID)
    org(cast.binhe, "滨河舞蹈队", OrganizationCategory.CULTURE_SPORTS)
    org(cast.jingxian, "景贤书画社", OrganizationCategory.CULTURE_SPORTS)
    org(cast.hengqu_village, "崖下互助会", OrganizationCategory.MUTUAL_AID)
    client = as_user("shoushan")
    job = ask(client, "organization_summary", django_capture_on_commit_callbacks)
    wb = workbook(client, job)
    rows = values(wb.worksheets[0])
    header = rows[0]
    by_community = {r[1]: dict(zip(header, r)) for r in rows[1:]}
    assert "崖下村" not in by_community and "滨河社区" in by_community
    binhe = by_community["滨河社区"]
    assert (binhe["服务性"], binhe["公益性"], binhe["互助性"], binhe["文体类"]) == (1, 0, 1, 1)
    assert header[8:] == ["依法登记", "备案", "合计", "目标", "服务性/公益性/互助性占比", "是否达标"]
    row = next(r for r in rows if r[1] == "滨河社区")
    assert row[8:11] == [1, 2, 3]  # registered, filed, total: numbers
    assert row[12] == pytest.approx(2 / 3, abs=1e-4)  # share of service kinds, a number
    assert wb.worksheets[0].cell(row=2, column=13).number_format == "0.0%"
    towns = values(wb.worksheets[1])
    assert towns[0][0] == "镇（街道）"
    shoushan = [r for r in towns[1:] if r[0] == "首善街道"][0]
    communities = Region.objects.filter(path__startswith=cast.shoushan.path, level=5).count()
    assert shoushan[1] == communities and shoushan[3] == 4 and shoushan[4] == 1 and shoushan[5] == 3 and shoushan[6] == 2
    assert shoushan[7] == pytest.approx(0.5)
    assert [r[0] for r in towns[1:]] == ["首善街道"]


def test_the_bureau_may_narrow_a_report_to_one_town(as_user, cast, ledger_data, django_capture_on_commit_callbacks):
    client = as_user("bureau")
    job = ask(client, "station_ledger", django_capture_on_commit_callbacks, year=2024, month=6, region=cast.hengqu.pk)
    rows = values(workbook(client, job).worksheets[0])
    assert {r[0] for r in rows[1:-1]} == {"横渠镇"} and job.filename.startswith("社工站工作台账月报-横渠镇-")


def test_a_region_outside_the_requesters_scope_is_never_reported(cast):
    from wulian.reports import report_region

    job = ReportJob(user=cast.user_hengqu, report="station_ledger", params={"region": cast.shoushan.pk})
    assert report_region(job) == cast.hengqu
    job.params = {"region": cast.hengqu_village.pk}
    assert report_region(job) == cast.hengqu_village


@pytest.fixture
def two_format_report():
    from wulian.reports import register, registry

    @register("test_two_formats", "two formats", "xlsx", formats=("xlsx", "pdf"), params=("year",))
    def build(job, handle, progress):
        handle.write(b"%PDF-1.7 test" if job.params.get("format") == "pdf" else b"PK test")
        return f"two.{job.params.get('format', 'xlsx')}"

    yield
    registry.pop("test_two_formats")


def test_a_report_with_two_formats_offers_the_choice_and_builds_the_one_asked_for(
    as_user, cast, two_format_report, django_capture_on_commit_callbacks
):
    client = as_user("bureau")
    page = client.get(reverse("wulian:report_center")).content.decode()
    assert 'name="test_two_formats-format"' in page and ">PDF<" in page and ">Excel<" in page
    job = ask(client, "test_two_formats", django_capture_on_commit_callbacks, year=2024, format="pdf")
    assert job.file.name.endswith(".pdf") and job.filename == "two.pdf"
    response = client.get(reverse("wulian:report_download", args=[job.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # A format the report does not have is refused, nothing is queued.
    before = ReportJob.objects.count()
    client.post(reverse("wulian:report_request", args=["test_two_formats"]), {"test_two_formats-year": 2024, "test_two_formats-format": "docx"})
    assert ReportJob.objects.count() == before


def test_the_organisation_sheet_of_the_page_and_of_the_report_centre_is_one(as_user, cast, django_capture_on_commit_callbacks):
    """One sheet definition (``organizations.summary``): the page's export and the report's first sheet agree
    cell for cell, 未设标准 included where a community's document sets no standard."""
    from organizations.choices import OrganizationCategory, RegistrationStatus
    from organizations.models import SocialOrganization

    SocialOrganization.objects.create(region=cast.binhe, name="滨河助老队", category=OrganizationCategory.SERVICE,
                                      status=RegistrationStatus.FILED)
    client = as_user("shoushan")
    response = client.get(reverse("organizations:community_summary"), {"export": "xlsx"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    page = values(load_workbook(io.BytesIO(content), read_only=True).worksheets[0])
    job = ask(client, "organization_summary", django_capture_on_commit_callbacks)
    report = values(workbook(client, job).worksheets[0])
    assert page == report
    assert page[0][-1] == "是否达标" and {row[-1] for row in page[1:]} <= {"是", "否", "未设标准"}
