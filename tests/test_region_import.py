"""A county moves in (issue 23 H): its towns and villages from the national 统计用区划代码 list, as Excel or
CSV, all rows or none with per-row errors, and again next year without touching what is on record."""

from __future__ import annotations


from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wulian.choices import RegionLevel
from wulian.models import Region
from wulian.region_import import RegionTreeImporter
from tests.xlsx import upload

# 眉县 is 610326; 首善街道 (610326001) is on record, 红河谷镇 and 太白山镇 are new.
LIST = [
    ("统计用区划代码", "城乡分类代码", "名称", "常住人口"),
    ("610326000000", "", "眉县", ""),
    ("610326001000", "", "首善街道", ""),
    ("610326001009", "112", "新建社区", "3100"),
    ("610326107000", "", "红河谷镇", ""),
    ("610326107001", "121", "红河谷社区", "2800"),
    ("610326107201", "220", "河湾村", "1460"),
    ("610326108000", "", "太白山镇", ""),
    ("610326108200", "210", "太白村", ""),
]


def csv_file(rows, encoding="gbk", name="610326.csv"):
    text = "\n".join(",".join(row) for row in rows) + "\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="610326.xlsx"):
    return upload(rows, name)


def under(region, name):
    return Region.objects.get(path__startswith=region.path, name=name)


def test_the_list_adds_towns_and_villages_under_the_right_parents(cast):
    before = Region.objects.count()
    fields = ("name", "code", "kind", "population", "updated_at")
    shoushan_before = Region.objects.values(*fields).get(pk=cast.shoushan.pk)
    result = RegionTreeImporter(cast.user_bureau).run(csv_file(LIST))
    assert result.ok, result.errors
    assert (result.created, result.unchanged) == (6, 1)
    assert Region.objects.count() == before + 6
    town = under(cast.mei, "红河谷镇")
    assert town.level == RegionLevel.TOWN and town.parent == cast.mei and town.code == "610326107000"
    assert (under(town, "红河谷社区").kind, under(town, "红河谷社区").population) == ("urban", 2800)
    assert (under(town, "河湾村").kind, under(town, "河湾村").population) == ("rural", 1460)
    new = under(cast.shoushan, "新建社区")
    assert new.parent == cast.shoushan and new.kind == "urban"
    assert under(cast.mei, "太白村").population is None
    assert Region.objects.values(*fields).get(pk=cast.shoushan.pk) == shoushan_before  # on record: untouched


def test_importing_again_adds_only_what_is_new_and_touches_nothing(cast):
    RegionTreeImporter(cast.user_bureau).run(csv_file(LIST))
    snapshot = {r["pk"]: r for r in Region.objects.values("pk", "name", "code", "kind", "population", "updated_at")}
    next_year = [*LIST, ("610326108201", "220", "新合村", "980")]
    result = RegionTreeImporter(cast.user_bureau).run(xlsx_file(next_year))
    assert result.ok, result.errors
    assert (result.created, result.unchanged) == (1, 7)
    after = {r["pk"]: r for r in Region.objects.values("pk", "name", "code", "kind", "population", "updated_at")}
    assert {pk: after[pk] for pk in snapshot} == snapshot
    assert under(cast.mei, "新合村").parent.name == "太白山镇"


def test_a_faulty_list_is_refused_whole_with_each_rows_error(cast):
    before = Region.objects.count()
    faulty = [
        LIST[0],
        ("610326107000", "", "红河谷镇", ""),
        ("61032610700", "", "短代码", ""),            # row 3: 11 digits
        ("610327107000", "", "邻县的镇", ""),          # row 4: another county
        ("610326107001", "", "红河谷社区", ""),        # row 5: no urban-rural code
        ("610326109201", "220", "无镇之村", ""),       # row 6: its town is nowhere
        ("610326107000", "", "红河谷镇", ""),          # row 7: twice
        ("610326107202", "220", "人口村", "一千"),      # row 8: population not a number
    ]
    result = RegionTreeImporter(cast.user_bureau).run(csv_file(faulty, encoding="utf-8-sig"))
    assert not result.ok and result.created == 0
    errors = {(e.row, e.column): e.message for e in result.errors}
    assert "12" in errors[(3, "统计用区划代码")]
    assert "不属于眉县" in errors[(4, "统计用区划代码")]
    assert "城乡分类代码" in errors[(5, "城乡分类代码")] and "111" in errors[(5, "城乡分类代码")]
    assert "610326109000" in errors[(6, "统计用区划代码")]
    assert "第 2 行" in errors[(7, "统计用区划代码")]
    assert "一千" in errors[(8, "常住人口")]
    assert Region.objects.count() == before


def test_the_bureau_imports_on_the_region_page_and_nobody_else(as_user, cast):
    client = as_user("bureau")
    page = client.get(reverse("wulian:region_list")).content.decode()
    assert reverse("wulian:region_import") in page
    response = client.post(reverse("wulian:region_import"), {"file": xlsx_file(LIST)})
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "新增镇（街道）、社区（村）6 个" in follow
    assert as_user("shoushan").get(reverse("wulian:region_import")).status_code == 403
