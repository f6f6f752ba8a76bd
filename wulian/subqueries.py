"""Per-row counts and sums for list pages as correlated subqueries.

An ``annotate(Count(...))`` over a join makes the list a GROUP BY: the paginator's count then wraps it and
aggregates every joined row of the whole result. A subquery is evaluated for the rows shown only, and
``count()`` drops it (Django strips unreferenced annotations), so the count stays a plain count.
"""

from __future__ import annotations

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce


def count_subquery(queryset, link: str):
    """How many rows of ``queryset`` point through ``link`` at the outer row (0 when none)."""
    inner = queryset.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(inner, output_field=IntegerField()), 0)


def sum_subquery(queryset, link: str, field: str, output_field=None):
    """The sum of ``field`` over the rows of ``queryset`` pointing through ``link`` at the outer row (None when none)."""
    inner = queryset.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(s=Sum(field)).values("s")
    return Subquery(inner, output_field=output_field or DecimalField(max_digits=12, decimal_places=2))
