"""The funding execution report (预算执行情况), built by the report pipeline (``wulian.reports``): one Excel sheet
per level — county, town, station or project, source, budget line —, each with its totals row. Amounts stay
numbers in the 元 format (``Kind.MONEY``) and the rate a percentage, so the workbook adds up in Excel as on the
page. Registered from ``funding.apps`` (the app's ``reports.py`` is left to the charity reports)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.exports import Column, Kind, write_workbook
from wulian.reports import register

from . import years
from .execution import LEVELS, execution
from .models import BudgetLine


def level_titles() -> dict[str, str]:
    return {"county": _("By county"), "town": _("By town"), "target": _("By station or project"),
            "source": _("By source"), "line": _("By budget line")}


def columns(first: str) -> list[Column]:
    return [Column(first), Column(_("budget"), Kind.MONEY), Column(_("committed"), Kind.MONEY),
            Column(_("spent"), Kind.MONEY), Column(_("available balance"), Kind.MONEY),
            Column(_("execution rate"), Kind.PERCENT)]


def cells(row) -> list:
    return [row.label, row.budget, row.committed, row.spent, row.balance, row.rate]


@register(
    "funding_execution",
    gettext_lazy("Budget execution"),
    "xlsx",
    params=("year",),
    model=BudgetLine,
    description=gettext_lazy("Budgeted, committed, spent, balance and execution rate of the budget year's lines in "
                             "your area: one sheet per county, town, station or project, source and line, with "
                             "totals."),
)
def funding_execution(job, handle, progress):
    year = int(job.params["year"])
    titles = level_titles()
    sheets = []
    for done, level in enumerate(LEVELS, start=1):
        rows, total = execution(job.user, year, level)
        sheets.append((titles[level], columns(titles[level]), [*map(cells, rows), cells(total)]))
        progress(done, len(LEVELS))
    write_workbook(handle, sheets)
    return _("Budget execution %(year)s") % {"year": years.label(year)} + ".xlsx"
