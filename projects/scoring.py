"""The score of an evaluation: Σ party weight × party total / 100, each party's total the sum of its item scores.

One aggregate query for all parties; the score is ``None`` while it is incomplete (the parties' weights do
not total 100, or a party has not scored every item of the sheet). Decimal throughout, two places.
"""

from __future__ import annotations

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
