"""The score of an evaluation: Σ party weight × party total / 100, each party's total the sum of its item scores.

One aggregate query for all parties; the score is ``None`` while it is incomplete (the parties' weights do
not total 100, or a party has not scored every item of the sheet). Decimal throughout, two places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

HUNDRED = Decimal("100")
CENT = Decimal("0.01")


def party_totals(evaluation) -> dict[int, tuple[Decimal, int]]:
    """Per party id: (sum of its item scores, number of items scored)."""
    from .models import ItemScore

    rows = (
        ItemScore.objects.filter(party__evaluation=evaluation)
        .values("party_id")
        .annotate(total=Sum("score"), n=Count("pk"))
    )
    return {row["party_id"]: (row["total"] or Decimal("0"), row["n"]) for row in rows}


def evaluation_score(evaluation) -> Decimal | None:
    parties = list(evaluation.parties.values_list("pk", "weight"))
    if not parties or sum((w for _, w in parties), Decimal("0")) != HUNDRED:
        return None
    items = evaluation.sheet.items.count()
    totals = party_totals(evaluation)
    score = Decimal("0")
    for pk, weight in parties:
        total, n = totals.get(pk, (Decimal("0"), 0))
        if n < items:
            return None
        score += weight * total / HUNDRED
    return score.quantize(CENT, rounding=ROUND_HALF_UP)


# -- the panel's result (issue 23 C) ------------------------------------------------------------------------------


@dataclass
class PanelRow:
    bid: object
    totals: dict  # member pk → the member's total for this bid (None: not scored; "conflict": may not score it)
    average: Decimal | None = None
    rank: int | None = None


@dataclass
class PanelResult:
    """The panel's scores of the notice's bids and their order under the notice's rule. Each member's total of a
    bid is the sum of their criterion scores; the bid's score is the average of its members' totals (a member who
    belongs to the bidding agency does not score it). 综合评分法 orders by that average, highest first, then by
    the lower price; 最低评标价法 by the lower price, then the higher average. Bids equal on both share a rank."""

    members: list
    rows: list = field(default_factory=list)
    unscored: list = field(default_factory=list)  # (member, bid) pairs still to score

    @property
    def complete(self) -> bool:
        return bool(self.members) and not self.unscored

    @property
    def pending(self) -> set:
        """The members (pks) who still have a bid to score."""
        return {member.pk for member, _bid in self.unscored}

    def row_of(self, bid_id):
        return next((r for r in self.rows if r.bid.pk == bid_id), None)


def panel_result(panel) -> PanelResult:
    from .choices import BidStatus, ScoringRule
    from .guards import conflict
    from .models import MemberScore

    notice = panel.notice
    members = list(panel.members.select_related("user").order_by("-is_chair", "pk"))
    bids = list(notice.project.bids.exclude(status=BidStatus.WITHDRAWN).select_related("agency").order_by("price", "pk"))
    n_criteria = notice.criteria.count()
    sums = {
        (r["member_id"], r["bid_id"]): (r["total"], r["n"])
        for r in MemberScore.objects.filter(member__panel=panel).values("member_id", "bid_id")
        .annotate(total=Sum("score"), n=Count("pk"))
    }
    result = PanelResult(members=members)
    for bid in bids:
        row = PanelRow(bid=bid, totals={})
        for member in members:
            if conflict(member, bid):
                row.totals[member.pk] = "conflict"
                continue
            total, n = sums.get((member.pk, bid.pk), (None, 0))
            row.totals[member.pk] = total if n >= n_criteria and n_criteria else None
            if row.totals[member.pk] is None:
                result.unscored.append((member, bid))
        given = [t for t in row.totals.values() if isinstance(t, Decimal)]
        if given and len(given) == sum(1 for t in row.totals.values() if t != "conflict"):
            row.average = (sum(given, Decimal("0")) / len(given)).quantize(CENT, rounding=ROUND_HALF_UP)
        result.rows.append(row)
    lowest_price = notice.scoring_rule == ScoringRule.LOWEST_PRICE

    def key(row):
        score = -(row.average if row.average is not None else Decimal("-1"))
        return (row.bid.price, score) if lowest_price else (score, row.bid.price)

    ranked = sorted((r for r in result.rows if r.average is not None), key=key)
    for index, row in enumerate(ranked):
        previous = ranked[index - 1] if index else None
        row.rank = previous.rank if previous is not None and key(previous) == key(row) else index + 1
    result.rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.bid.price))
    return result
