"""Class hours (课时) of trainings per year: per organiser, and per agency against seed 000 §三.二.2's 48."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal


def hours_by_organizer(trainings):
    """{(year, organiser station pk): [hours, sessions]} and the organisers' names, for ``trainings``."""
    totals = defaultdict(lambda: [Decimal(0), 0])
    names = {}
    # pk is among the values: two sessions alike in year, organiser and hours are still two sessions.
    for row in trainings.values("pk", "date__year", "organizer_id", "organizer__name", "hours").distinct():
        key = (row["date__year"], row["organizer_id"])
        totals[key][0] += row["hours"]
        totals[key][1] += 1
        names[row["organizer_id"]] = row["organizer__name"]
    return totals, names


def hours_by_agency(trainings):
    """{(year, agency pk): [hours, sessions]}.

    An agency trained once counts once, whether listed among the session's agencies or present through
    its stationed staff.
    """
    sessions = {}
    for row in trainings.filter(agencies__isnull=False).values("pk", "date__year", "hours", "agencies"):
        sessions[(row["pk"], row["agencies"])] = row
    for row in trainings.filter(attendees__agency__isnull=False).values("pk", "date__year", "hours", "attendees__agency"):
        sessions[(row["pk"], row["attendees__agency"])] = row
    totals = defaultdict(lambda: [Decimal(0), 0])
    for (_training, agency_pk), row in sessions.items():
        totals[(row["date__year"], agency_pk)][0] += row["hours"]
        totals[(row["date__year"], agency_pk)][1] += 1
    return totals
