"""Server-side SVG charts for PDFs (WeasyPrint runs no JavaScript) and for print pages.

Three charts, each a function returning an SVG string that is safe to embed inline in a template
(``{{ chart }}``: every label is escaped here, the result is marked safe):

- ``bar_chart``: horizontal bars, one per row — a label in Chinese, the value, optionally the target with a
  marker and the percentage reached (target attainment, 目标完成情况);
- ``column_chart``: vertical columns per category, one or more series side by side;
- ``line_chart``: one or more series over ordered categories (months, years).

Sizes are in millimetres: the SVG's user unit is one millimetre (``viewBox`` in mm, ``width``/``height`` with
``mm``), so a chart of width 170 fills the text width of an A4 page with 20 mm margins. Text uses the CJK font
family of ``wulian/pdf.py`` (Noto Sans CJK SC) so WeasyPrint embeds the same subset as the rest of the page.
Values may be ``int``, ``Decimal`` or ``float``; they are only scaled for drawing, never summed into money.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape as _xml_escape

from django.utils.safestring import SafeString, mark_safe

FONT_FAMILY = "Noto Sans CJK SC, Noto Serif CJK SC, sans-serif"
# Text size in mm: 3.2 mm ≈ 9 pt, 2.8 mm ≈ 8 pt.
TEXT = 3.2
SMALL = 2.8
# A calm palette that prints in greyscale with distinct lightness (blue, orange, green, purple, grey).
PALETTE = ("#2f6db5", "#e08a2e", "#3f9a5b", "#8a5bb0", "#7a7a7a")
REACHED = "#3f9a5b"
SHORT = "#2f6db5"
AXIS = "#444444"
GRID = "#d7dce2"


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart: ``value`` against an optional ``target``."""

    label: str
    value: int | float | Decimal
    target: int | float | Decimal | None = None
    unit: str = ""


@dataclass(frozen=True)
class Series:
    """One series of a column or line chart: a name (the legend) and one value per category."""

    name: str
    values: Sequence[int | float | Decimal | None]


def escape(text) -> str:
    """Escape for XML text and double-quoted attributes."""
    return _xml_escape(str(text), {'"': "&quot;", "'": "&#x27;"})


def text_width(text: str, size: float = TEXT) -> float:
    """Approximate width in mm of ``text`` at font size ``size`` (mm): a CJK character is one em, Latin half."""
    width = 0.0
    for ch in str(text):
        width += 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.56
    return width * size


def fit(text: str, width: float, size: float = TEXT) -> str:
    """``text`` cut with an ellipsis so that it fits in ``width`` mm."""
    text = str(text)
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def number(value) -> str:
    """A value as people write it: no trailing zeros, thousands separated (12,500 / 3.5)."""
    if value is None:
        return "—"
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def nice_max(value: float) -> float:
    """The smallest 1/2/2.5/5 × 10ⁿ at or above ``value`` (an axis end people can read)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10 * magnitude)


def _svg(width: float, height: float, body: list[str], title: str) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}mm" height="{height:g}mm" '
        f'viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT_FAMILY}" font-size="{TEXT:g}">'
    )
    parts = [head, f"<title>{escape(title)}</title>", *body, "</svg>"]
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above went through escape()


def _f(value) -> float:
    return float(value) if value is not None else 0.0


def percent(value, target) -> int | None:
    """Whole percent of ``target`` reached, or None without a positive target."""
    if target is None or _f(target) <= 0:
        return None
    return int((Decimal(str(value)) * 100 / Decimal(str(target))).to_integral_value(rounding="ROUND_HALF_UP"))


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str = "",
    width: float = 170,
    label_width: float = 52,
    row_height: float = 8,
    reached_label: str = "",
    target_label: str = "",
) -> SafeString:
    """Horizontal bars (目标完成情况): each bar's length is proportional to its value on a common scale.

    With a ``target`` the bar is green when the target is reached, blue when not; a dark marker shows the
    target, and the text after the bar reads "value / target unit (percent %)". The scale runs to the largest
    value or target. ``reached_label``/``target_label`` caption the legend (translated by the caller).
    """
    value_width = 40.0
    plot_x = label_width + 2
    plot_w = max(width - plot_x - value_width, 20)
    top = 9.0 if title else 2.0
    legend = 6.0 if target_label else 0.0
    height = top + row_height * max(len(bars), 1) + legend + 2
    scale = max([_f(b.value) for b in bars] + [_f(b.target) for b in bars if b.target is not None] + [0])
    scale = nice_max(scale) if scale > 0 else 1.0
    body: list[str] = []
    if title:
        body.append(f'<text x="0" y="5.5" font-size="{TEXT + 0.6:g}" font-weight="700">{escape(title)}</text>')
    for i, bar in enumerate(bars):
        y = top + i * row_height
        bar_h = row_height * 0.55
        bar_y = y + (row_height - bar_h) / 2
        text_y = y + row_height / 2 + TEXT * 0.35
        length = plot_w * _f(bar.value) / scale
        pct = percent(bar.value, bar.target)
        colour = REACHED if pct is not None and pct >= 100 else SHORT
        body.append(
            f'<g class="bar"><title>{escape(bar.label)}</title>'
            f'<text x="{label_width:g}" y="{text_y:.2f}" text-anchor="end">{escape(fit(bar.label, label_width))}</text>'
            f'<rect x="{plot_x:g}" y="{bar_y:.2f}" width="{plot_w:.2f}" height="{bar_h:.2f}" fill="#f1f3f6"/>'
            f'<rect class="value" x="{plot_x:g}" y="{bar_y:.2f}" width="{length:.3f}" height="{bar_h:.2f}" '
            f'fill="{colour}" data-value="{escape(bar.value)}"/>'
        )
        if bar.target is not None:
            tx = plot_x + plot_w * _f(bar.target) / scale
            body.append(
                f'<line class="target" x1="{tx:.2f}" x2="{tx:.2f}" y1="{bar_y - 1:.2f}" y2="{bar_y + bar_h + 1:.2f}" '
                f'stroke="{AXIS}" stroke-width="0.6" data-target="{escape(bar.target)}"/>'
            )
        unit = f" {bar.unit}" if bar.unit else ""
        caption = number(bar.value) if bar.target is None else f"{number(bar.value)} / {number(bar.target)}{unit}"
        if bar.target is None:
            caption += unit
        if pct is not None:
            caption += f"（{pct}%）"
        body.append(
            f'<text x="{plot_x + plot_w + 2:.2f}" y="{text_y:.2f}" font-size="{SMALL:g}">'
            f"{escape(fit(caption, value_width - 2, SMALL))}</text></g>"
        )
    if target_label:
        y = top + row_height * max(len(bars), 1) + 3
        body.append(
            f'<g class="legend" font-size="{SMALL:g}">'
            f'<rect x="{plot_x:g}" y="{y - 2.2:.2f}" width="4" height="2.6" fill="{REACHED}"/>'
            f'<text x="{plot_x + 5:g}" y="{y:.2f}">{escape(reached_label)}</text>'
            f'<line x1="{plot_x + 40:g}" x2="{plot_x + 40:g}" y1="{y - 2.6:.2f}" y2="{y + 0.6:.2f}" stroke="{AXIS}" stroke-width="0.6"/>'
            f'<text x="{plot_x + 42:g}" y="{y:.2f}">{escape(target_label)}</text></g>'
        )
    return _svg(width, height, body, title)


def _frame(categories, series, *, title, width, height, unit):
    """Shared axes of the column and line charts: returns (body, plot box, scale, slot width)."""
    top = 9.0 if title else 3.0
    legend = 6.0 if len(series) > 1 else 0.0
    left, right, bottom = 14.0, 3.0, 8.0 + legend
    plot = (left, top, width - left - right, height - top - bottom)
    values = [_f(v) for s in series for v in s.values if v is not None]
    scale = nice_max(max(values + [0]))
    body: list[str] = []
    if title:
        body.append(f'<text x="0" y="5.5" font-size="{TEXT + 0.6:g}" font-weight="700">{escape(title)}</text>')
    x0, y0, w, h = plot
    for step in range(5):
        v = scale * step / 4
        y = y0 + h - h * step / 4
        body.append(f'<line x1="{x0:g}" x2="{x0 + w:g}" y1="{y:.2f}" y2="{y:.2f}" stroke="{GRID}" stroke-width="0.25"/>')
        body.append(f'<text x="{x0 - 1:g}" y="{y + 1:.2f}" text-anchor="end" font-size="{SMALL:g}">{escape(number(round(v, 2)))}</text>')
    if unit:
        body.append(f'<text x="{x0 - 1:g}" y="{y0 - 2:.2f}" text-anchor="end" font-size="{SMALL:g}">{escape(unit)}</text>')
    body.append(f'<line x1="{x0:g}" x2="{x0 + w:g}" y1="{y0 + h:.2f}" y2="{y0 + h:.2f}" stroke="{AXIS}" stroke-width="0.4"/>')
    slot = w / max(len(categories), 1)
    for i, label in enumerate(categories):
        cx = x0 + slot * (i + 0.5)
        body.append(
            f'<text class="category" x="{cx:.2f}" y="{y0 + h + 4:.2f}" text-anchor="middle" font-size="{SMALL:g}">'
            f"{escape(fit(label, slot - 0.5, SMALL))}</text>"
        )
    if len(series) > 1:
        y = height - 2.5
        x = x0
        for k, s in enumerate(series):
            body.append(
                f'<rect x="{x:.2f}" y="{y - 2.4:.2f}" width="4" height="2.6" fill="{PALETTE[k % len(PALETTE)]}"/>'
                f'<text x="{x + 5:.2f}" y="{y:.2f}" font-size="{SMALL:g}">{escape(s.name)}</text>'
            )
            x += 8 + text_width(s.name, SMALL)
    return body, plot, scale, slot


def column_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str = "",
    width: float = 170,
    height: float = 70,
    unit: str = "",
) -> SafeString:
    """Vertical columns: one group per category, one column per series, heights proportional to the values."""
    body, (x0, y0, w, h), scale, slot = _frame(categories, series, title=title, width=width, height=height, unit=unit)
    n = max(len(series), 1)
    col_w = slot * 0.7 / n
    for i, _label in enumerate(categories):
        for k, s in enumerate(series):
            v = s.values[i] if i < len(s.values) else None
            if v is None:
                continue
            ch = h * _f(v) / scale
            x = x0 + slot * i + slot * 0.15 + col_w * k
            body.append(
                f'<rect class="column" x="{x:.2f}" y="{y0 + h - ch:.2f}" width="{col_w:.2f}" height="{ch:.3f}" '
                f'fill="{PALETTE[k % len(PALETTE)]}" data-value="{escape(v)}"><title>{escape(s.name)} '
                f"{escape(categories[i])}: {escape(number(v))}</title></rect>"
            )
    return _svg(width, height, body, title)


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str = "",
    width: float = 170,
    height: float = 70,
    unit: str = "",
) -> SafeString:
    """Lines over ordered categories; a missing value (None) breaks the line."""
    body, (x0, y0, w, h), scale, slot = _frame(categories, series, title=title, width=width, height=height, unit=unit)
    for k, s in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(s.values[: len(categories)]):
            if v is None:
                runs.append([])
                continue
            runs[-1].append((x0 + slot * (i + 0.5), y0 + h - h * _f(v) / scale))
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.2f},{y:.2f}" for x, y in run)
                body.append(f'<polyline class="line" points="{points}" fill="none" stroke="{colour}" stroke-width="0.6"/>')
        for i, v in enumerate(s.values[: len(categories)]):
            if v is None:
                continue
            x, y = x0 + slot * (i + 0.5), y0 + h - h * _f(v) / scale
            body.append(
                f'<circle class="point" cx="{x:.2f}" cy="{y:.2f}" r="0.9" fill="{colour}" data-value="{escape(v)}">'
                f"<title>{escape(s.name)} {escape(categories[i])}: {escape(number(v))}</title></circle>"
            )
    return _svg(width, height, body, title)
