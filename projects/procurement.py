"""The periods of each procurement method, as data with their sources (issue 23 C; docs/decisions.md cites them).

``PERIODS[method]`` says how long a notice must stand before its bid deadline (公开招标, 竞争性磋商, 询价) or,
for a single source, how long the choice must be published before the agreement is awarded. Days are
calendar days, or working days (Monday to Friday; public holidays and the weekend swaps of the State
Council's calendar are not known to the portal, so a period over a holiday is counted short of the law's —
the bureau allows for it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ProcurementMethod as M


@dataclass(frozen=True)
class Period:
    days: int
    working_days: bool
    what: str  # "bidding": notice → bid deadline; "publicity": publication → award
    source: str

    def describe(self) -> str:
        unit = _("working days") if self.working_days else _("days")
        return f"{self.days} {unit}"


PERIODS: dict[str, Period] = {
    M.OPEN_TENDER: Period(20, False, "bidding", "《中华人民共和国政府采购法》第三十五条；财政部令第87号"),
    M.COMPETITIVE_CONSULTATION: Period(10, False, "bidding", "财库〔2014〕214号 第十条"),
    M.INVITED_TENDER: Period(20, False, "bidding", "《中华人民共和国政府采购法》第三十五条；财政部令第87号"),
    M.INQUIRY: Period(3, True, "bidding", "财政部令第74号 第四十五条"),
    M.COMPETITIVE_NEGOTIATION: Period(3, True, "bidding", "财政部令第74号 第二十九条"),
    M.SINGLE_SOURCE: Period(5, True, "publicity", "《政府采购法实施条例》第三十八条；财政部令第74号 第三十八条"),
}


def add_working_days(day: dt.date, n: int) -> dt.date:
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def earliest_end(method: str, start: dt.datetime) -> dt.datetime | None:
    """The first moment the period of ``method`` that began at ``start`` has run (None: no period)."""
    period = PERIODS.get(method)
    if period is None:
        return None
    start = timezone.localtime(start)
    if period.working_days:
        day = add_working_days(start.date(), period.days)
        return start.replace(year=day.year, month=day.month, day=day.day)
    return start + dt.timedelta(days=period.days)


@dataclass(frozen=True)
class PanelRule:
    """Who scores the bids of a method: the panel's name, its least size (always an odd number), the source."""

    name: str
    minimum: int
    source: str

    def allows(self, size: int) -> bool:
        return size >= self.minimum and size % 2 == 1

    @staticmethod
    def experts_needed(size: int) -> int:
        """评审专家不得少于成员总数的三分之二: the least number of experts in a panel of ``size``."""
        return -(-2 * size // 3)

    def enough_experts(self, size: int, experts: int) -> bool:
        return 3 * experts >= 2 * size


# 评标委员会 5 or more (odd) for a tender; 磋商小组 / 询价小组 / 谈判小组 3 or more (odd); docs/decisions.md cites them.
PANELS: dict[str, PanelRule] = {
    M.OPEN_TENDER: PanelRule("评标委员会", 5, "财政部令第87号 第四十七条"),
    M.INVITED_TENDER: PanelRule("评标委员会", 5, "财政部令第87号 第四十七条"),
    M.COMPETITIVE_CONSULTATION: PanelRule("磋商小组", 3, "财库〔2014〕214号 第十四条"),
    M.INQUIRY: PanelRule("询价小组", 3, "财政部令第74号 第七条"),
    M.COMPETITIVE_NEGOTIATION: PanelRule("谈判小组", 3, "财政部令第74号 第七条"),
}
