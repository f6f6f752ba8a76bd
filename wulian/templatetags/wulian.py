"""Template filters of the portal: numbers shown one way everywhere."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# Characters left as they are in a CSS string; everything else becomes a CSS escape (\00003c for "<").
_CSS_PLAIN = frozenset(" ·-_.,()（）:：/、“”《》—")


@register.filter
def css_string(value) -> str:
    """``value`` as a quoted CSS string, for ``content:`` of a PDF's running header inside ``<style>``: HTML
    escaping there would print ``&amp;`` (a raw-text element is not unescaped) and a quote would end the string
    (issue 17). Letters and CJK stay as they are; quotes, backslashes, ``<``, ``&`` and line breaks are escaped."""
    out = []
    for ch in str(value if value is not None else ""):
        if ch.isalnum() or ch in _CSS_PLAIN:
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return mark_safe('"' + "".join(out) + '"')  # noqa: S308 - every character is escaped or plain


@register.filter
def number(value) -> str:
    """A count or an amount as the lists and exports show it: no thousands separator, no trailing zeros.

    ``94700`` → "94700", ``Decimal("12.50")`` → "12.5", ``Decimal("3.00")`` → "3"; empty stays empty.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


@register.filter
def money(value) -> str:
    """An amount in 元 by the portal's one display rule (``wulian.money.format_money``): 76,000.00."""
    from wulian.money import format_money

    return format_money(value)


@register.filter
def chinese_date(value) -> str:
    """A date, or an ISO date string kept in JSON (a certificate's record), as 2023年6月30日."""
    import datetime as dt

    from django.utils.formats import date_format

    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return date_format(value, "DATE_FORMAT")


@register.simple_tag
def dashboard_cell(cell) -> str:
    """One target's figure in a dashboard table (value, met or not, how far short, when due), as HTML.

    A tag rather than an included template: a city's table has hundreds of cells, and an ``{% include %}``
    per cell was most of the page's time.
    """
    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext as _

    if cell is None:
        return mark_safe('<span class="text-body-secondary">—</span>')  # a constant: format_html needs arguments
    target = cell.target
    classes = f"dash-cell dash-{cell.status}" + ("" if cell.due else " dash-pending")
    if cell.status == "no_data":
        return format_html('<span class="{}"><span class="text-body-secondary">{}</span></span>', classes, _("no data"))
    if target.comparator == "present":
        shown = format_html("{}", _("present") if cell.value else _("absent"))
    else:
        unit = format_html("<small>{}</small>", target.unit) if target.unit else ""
        shown = format_html("{}{}", number(cell.value), unit)
    if cell.url:
        shown = format_html('<a href="{}" title="{}">{}</a>', cell.url, _("Show the rows counted"), shown)
    parts = [shown]
    if cell.status == "met":
        parts.append(format_html(
            ' <i class="bi bi-check-circle-fill text-success" aria-hidden="true"></i>'
            '<span class="visually-hidden">{}</span>', _("Met")))
    else:
        parts.append(format_html(
            ' <i class="bi bi-x-circle-fill text-danger" aria-hidden="true"></i>'
            '<span class="visually-hidden">{}</span>', _("Not met")))
        if cell.gap:
            parts.append(format_html('<small class="d-block text-danger">{} {}{}</small>', _("short by"),
                                     number(cell.gap), target.unit))
    if not cell.due and target.deadline:
        parts.append(format_html('<small class="d-block text-body-secondary">{}</small>',
                                 _("due %(year)s") % {"year": target.deadline.year}))
    return format_html('<span class="{}">{}</span>', classes, format_html_join("", "{}", ((p,) for p in parts)))


@register.simple_tag
def public_site_links():
    """The public site's sections other apps registered (``wulian.public_links``)."""
    from wulian.public_links import public_links

    return public_links()
