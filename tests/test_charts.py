"""Server-side SVG charts (wulian.charts): well-formed SVG, bars proportional, labels escaped."""

from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.template import Context, Template

from wulian import charts
from wulian.charts import Bar, Series

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def test_bar_chart_is_svg_sized_in_millimetres_with_the_cjk_font():
    root = parse(charts.bar_chart([Bar("小组工作", 7, 7)], title="目标完成情况"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == "170mm"
    assert root.get("height").endswith("mm")
    width, height = root.get("viewBox").split()[2:]
    assert float(width) == 170 and root.get("height") == f"{float(height):g}mm"
    assert "Noto Sans CJK SC" in root.get("font-family")
    assert root.find("svg:title", NS).text == "目标完成情况"


def test_bars_are_proportional_to_their_values_on_one_scale():
    root = parse(charts.bar_chart([Bar("个案工作", 3, 7), Bar("小组工作", 6, 7), Bar("志愿者", 350, 350)]))
    bars = root.findall(".//svg:rect[@class='value']", NS)
    widths = [float(b.get("width")) for b in bars]
    assert [b.get("data-value") for b in bars] == ["3", "6", "350"]
    assert widths[1] == pytest.approx(widths[0] * 2, rel=0.01)
    assert widths[2] == pytest.approx(widths[0] * 350 / 3, rel=0.01)
    # the track is the whole scale, the longest bar stays within it
    track = float(root.findall(".//svg:g[@class='bar']/svg:rect", NS)[0].get("width"))
    assert max(widths) <= track


def test_target_marker_colour_and_percentage():
    root = parse(charts.bar_chart([Bar("社区活动", 5, 7, "场"), Bar("志愿者人数", 400, 350, "人")]))
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "5 / 7 场（71%）" in texts
    assert "400 / 350 人（114%）" in texts
    short, reached = root.findall(".//svg:rect[@class='value']", NS)
    assert short.get("fill") == charts.SHORT and reached.get("fill") == charts.REACHED
    markers = root.findall(".//svg:line[@class='target']", NS)
    assert [m.get("data-target") for m in markers] == ["7", "350"]
    # the marker of target 350 sits at 350/400 of the scale's 500 (nice_max of 400)
    plot_x = float(short.get("x"))
    track = float(root.findall(".//svg:g[@class='bar']/svg:rect", NS)[0].get("width"))
    assert float(markers[1].get("x1")) == pytest.approx(plot_x + track * 350 / 500, abs=0.01)


def test_labels_are_escaped_and_the_chart_embeds_safely_in_a_template():
    evil = '<script>alert("x")</script> & 社区'
    svg = charts.bar_chart([Bar(evil, 1, 2, unit="<b>")], title='标题 "引号" & <tag>')
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)  # still well-formed XML
    assert root.find("svg:title", NS).text == '标题 "引号" & <tag>'
    assert root.find(".//svg:g[@class='bar']/svg:title", NS).text == evil
    rendered = Template("{{ chart }}").render(Context({"chart": svg}))
    assert rendered == str(svg)  # not escaped a second time: marked safe


def test_long_labels_are_cut_to_fit_with_the_full_label_in_the_tooltip():
    label = "为社区特殊老人提供每月一次的上门探访与心理慰藉服务"
    root = parse(charts.bar_chart([Bar(label, 1, 1)], label_width=30))
    shown = root.find(".//svg:g[@class='bar']/svg:text", NS).text
    assert shown.endswith("…") and len(shown) < len(label)
    assert charts.text_width(shown) <= 30
    assert root.find(".//svg:g[@class='bar']/svg:title", NS).text == label


def test_decimal_values_and_zero_target():
    root = parse(charts.bar_chart([Bar("服务时长", Decimal("12.50"), Decimal("0"))]))
    text = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(t.startswith("12.5 / 0") and "%" not in t for t in text)


def test_column_chart_heights_are_proportional_and_share_a_baseline():
    svg = charts.column_chart(
        ["1月", "2月", "3月"], [Series("2023年", [10, 20, 5]), Series("2024年", [40, None, 0])], title="志愿服务时长"
    )
    root = parse(svg)
    columns = root.findall(".//svg:rect[@class='column']", NS)
    assert [c.get("data-value") for c in columns] == ["10", "40", "20", "5", "0"]  # by category, series side by side
    heights = [float(c.get("height")) for c in columns]
    assert heights[2] == pytest.approx(heights[0] * 2, abs=0.01)
    assert heights[1] == pytest.approx(heights[0] * 4, abs=0.01)
    assert heights[4] == 0
    assert float(columns[1].get("x")) > float(columns[0].get("x"))  # 2024 beside 2023 in 1月
    bottoms = {round(float(c.get("y")) + float(c.get("height")), 2) for c in columns}
    assert len(bottoms) == 1
    assert [t.text for t in root.findall(".//svg:text[@class='category']", NS)] == ["1月", "2月", "3月"]
    assert "2024年" in "".join(root.itertext())  # a legend with two series


def test_line_chart_points_follow_the_values_and_none_breaks_the_line():
    root = parse(charts.line_chart(["一", "二", "三", "四"], [Series("人数", [0, 50, None, 100])], unit="人"))
    points = root.findall(".//svg:circle[@class='point']", NS)
    assert [p.get("data-value") for p in points] == ["0", "50", "100"]
    ys = [float(p.get("cy")) for p in points]
    # equal steps of value give equal steps of height
    assert ys[0] - ys[1] == pytest.approx(ys[1] - ys[2], abs=0.01)
    lines = root.findall(".//svg:polyline", NS)
    assert len(lines) == 1  # "一"–"二"; "四" stands alone after the gap
    assert len(lines[0].get("points").split()) == 2


def test_nice_axis_ends():
    assert charts.nice_max(7) == 10
    assert charts.nice_max(350) == 500
    assert charts.nice_max(201) == 250
    assert charts.nice_max(0.3) == pytest.approx(0.5)
    assert charts.nice_max(0) == 1
