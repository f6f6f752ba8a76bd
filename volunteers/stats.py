"""Volunteer figures per (region, year) in ``CommunityYearStats``: how they are kept current and read.

The indicators (registration and participation rates, activities, confirmed hours) of a city are sums over
100,000 volunteers and a million hour rows. Counting them on every page view took 1.5 s; here they are
counted once per region and year, and a page reads a few thousand small rows and sums them up the tree by
path prefix (a county is the sum of its towns' and communities' rows).

Kept current without trusting anyone to remember:

* every save and delete of a volunteer, an activity or an hour row (signals), and every ``bulk_create``
  through their managers, marks the regions whose figures it changes in ``PendingStats`` (one small
  insert, in the same transaction as the change itself, so a committed change is never left unmarked);
* ``figures()`` first recomputes the pending regions from the rows (a handful of grouped queries over one
  community's rows), so a page always shows what is in the tables;
* ``refresh()`` recomputes every region: after a migration (which marks region 0, "every region"), after
  seeding, and hourly from Celery beat (``volunteers.tasks.refresh_volunteer_stats``), which also catches
  writes that went round the ORM (raw SQL, ``QuerySet.update`` by hand).

The page shows the oldest recompute time of the rows it read ("figures checked against the records at …").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import ExtractYear
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .choices import HoursStatus, VolunteerStatus
from .models import CommunityYearStats, PendingStats, ServiceHours, Volunteer, VolunteerActivity

EVERY_REGION = 0

# The fields whose change moves a figure are each model's ``figure_fields`` (an edit of a phone number marks
# nothing); the models remember them as loaded (``RemembersFigureFields.from_db``).


# -- marking -----------------------------------------------------------------------------------------------------

def mark(region_ids) -> None:
    """Mark regions (ids; ``EVERY_REGION`` for all) for recomputation before their figures are next read."""
    ids = sorted({int(r) for r in region_ids if r is not None})
    if ids:
        PendingStats.objects.bulk_create([PendingStats(region_id=r) for r in ids], ignore_conflicts=True)


def mark_all() -> None:
    mark([EVERY_REGION])


def _communities_of(volunteer_ids) -> set[int]:
    ids = {v for v in volunteer_ids if v is not None}
    if not ids:
        return set()
    return set(Volunteer.objects.filter(pk__in=ids).values_list("community_id", flat=True).distinct())


def mark_rows(model, objs) -> None:
    """The regions of rows inserted in bulk (``bulk_create`` skips the save signals)."""
    objs = list(objs)
    if model is Volunteer:
        mark(o.community_id for o in objs)
    elif model is VolunteerActivity:
        mark(o.region_id for o in objs)
    elif model is ServiceHours:
        mark({o.region_id for o in objs} | _communities_of(o.volunteer_id for o in objs))


def _remember(sender, instance) -> None:
    """After a save, the figures the next save of this instance compares with."""
    instance._figures_saved = {name: getattr(instance, name) for name in sender.figure_fields}


def _loaded(sender, instance) -> dict:
    """The figure fields as last saved, else as loaded (``RemembersLoaded``)."""
    saved = getattr(instance, "_figures_saved", None)
    if saved is not None:
        return saved
    loaded = instance.loaded_values or {}
    return {name: loaded.get(name) for name in sender.figure_fields}


def _changed(sender, instance, created: bool) -> bool:
    now = {name: getattr(instance, name) for name in sender.figure_fields}
    unknown = instance.loaded_values is None and getattr(instance, "_figures_saved", None) is None
    return created or unknown or now != _loaded(sender, instance)


def _volunteer_saved(sender, instance, created=False, **kwargs):
    if _changed(sender, instance, created):
        mark({instance.community_id, _loaded(sender, instance)["community_id"]})
    _remember(sender, instance)


def _activity_saved(sender, instance, created=False, **kwargs):
    if _changed(sender, instance, created):
        before = _loaded(sender, instance)
        regions = {instance.region_id, before["region_id"]}
        if not created and before["date"] != instance.date:
            # Its volunteers served in another year now: their communities' participants change.
            regions |= set(
                ServiceHours.objects.filter(activity_id=instance.pk).values_list("volunteer__community_id", flat=True).distinct()
            )
        mark(regions)
    _remember(sender, instance)


def _volunteer_community(record: ServiceHours) -> int | None:
    if ServiceHours.volunteer.is_cached(record):
        return record.volunteer.community_id
    return next(iter(_communities_of([record.volunteer_id])), None)


def _hours_saved(sender, instance, created=False, **kwargs):
    if _changed(sender, instance, created):
        before = _loaded(sender, instance)
        regions = {instance.region_id, before["region_id"], _volunteer_community(instance)}
        if before["volunteer_id"] not in (None, instance.volunteer_id):
            regions |= _communities_of([before["volunteer_id"]])
        mark(regions)
    _remember(sender, instance)


def _volunteer_deleted(sender, instance, **kwargs):
    mark([instance.community_id])


def _activity_deleted(sender, instance, **kwargs):
    mark([instance.region_id])


def _hours_deleted(sender, instance, **kwargs):
    mark([instance.region_id, _volunteer_community(instance)])


def connect() -> None:
    """Called once from the app's ``ready()``."""
    post_save.connect(_volunteer_saved, sender=Volunteer, dispatch_uid="stats-volunteer-saved")
    post_save.connect(_activity_saved, sender=VolunteerActivity, dispatch_uid="stats-activity-saved")
    post_save.connect(_hours_saved, sender=ServiceHours, dispatch_uid="stats-hours-saved")
    post_delete.connect(_volunteer_deleted, sender=Volunteer, dispatch_uid="stats-volunteer-deleted")
    post_delete.connect(_activity_deleted, sender=VolunteerActivity, dispatch_uid="stats-activity-deleted")
    post_delete.connect(_hours_deleted, sender=ServiceHours, dispatch_uid="stats-hours-deleted")


# -- recomputing -------------------------------------------------------------------------------------------------

LOCK_KEY = 0x766F6C73  # "vols": one advisory lock for every recount


def refresh(region_ids=None) -> int:
    """Recompute the rows of ``region_ids`` (every region when None) from the records; returns rows written.

    Four grouped queries (by region and year) whatever the number of regions; at the city's size the whole
    table takes a few seconds, one community a few milliseconds. Recounts take one lock in turn, so the
    hourly full recount never writes figures older than a targeted recount that ran while it counted.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        return _recompute(region_ids)


def _recompute(region_ids) -> int:
    """The body of ``refresh``, run inside its transaction and lock."""
    now = timezone.now()
    # A full recount covers every mark made before it starts (a bulk load marks hundreds of regions).
    marked = list(PendingStats.objects.values_list("region_id", flat=True)) if region_ids is None else []
    volunteers = Volunteer.objects.filter(status=VolunteerStatus.ACTIVE)
    confirmed = ServiceHours.objects.filter(status=HoursStatus.CONFIRMED)
    activities = VolunteerActivity.objects.all()
    participants = confirmed.filter(volunteer__status=VolunteerStatus.ACTIVE)
    if region_ids is not None:
        region_ids = sorted(set(region_ids))
        volunteers = volunteers.filter(community_id__in=region_ids)
        participants = participants.filter(volunteer__community_id__in=region_ids)
        activities = activities.filter(region_id__in=region_ids)
        confirmed = confirmed.filter(region_id__in=region_ids)
    figures: dict[tuple[int, int], dict] = {}

    def put(rows, region_key, name, value_key):
        for row in rows:
            figures.setdefault((row[region_key], row["y"]), {})[name] = row[value_key]

    put(
        volunteers.order_by().annotate(y=ExtractYear("registered_on")).values("community_id", "y").annotate(n=Count("pk")),
        "community_id", "joined", "n",
    )
    # A volunteer counts once in their own community for each year they served in (registered by its end).
    put(
        participants.order_by()
        .annotate(c=F("volunteer__community_id"), y=ExtractYear("activity__date"), ry=ExtractYear("volunteer__registered_on"))
        .filter(ry__lte=F("y"))
        .values("c", "y")
        .annotate(n=Count("volunteer_id", distinct=True)),
        "c", "participants", "n",
    )
    put(activities.order_by().annotate(y=ExtractYear("date")).values("region_id", "y").annotate(n=Count("pk")),
        "region_id", "activities", "n")
    put(confirmed.order_by().annotate(y=ExtractYear("activity__date")).values("region_id", "y").annotate(s=Sum("hours")),
        "region_id", "hours", "s")
    rows = [
        CommunityYearStats(
            region_id=region_id, year=year, joined=f.get("joined", 0), participants=f.get("participants", 0),
            activities=f.get("activities", 0), hours=f.get("hours") or Decimal(0), refreshed_at=now,
        )
        for (region_id, year), f in sorted(figures.items())
    ]
    if rows:
        CommunityYearStats.objects.bulk_create(
            rows, batch_size=2000, update_conflicts=True, unique_fields=["region", "year"],
            update_fields=["joined", "participants", "activities", "hours", "refreshed_at"],
        )
    stale = CommunityYearStats.objects.filter(refreshed_at__lt=now)
    if region_ids is not None:
        stale = stale.filter(region_id__in=region_ids)
    stale.delete()
    if marked:
        PendingStats.objects.filter(region_id__in=marked).delete()
    return len(rows)


def apply_pending() -> None:
    """Recompute the regions marked since the last read (one query when there are none)."""
    if not PendingStats.objects.exists():
        return
    with transaction.atomic():
        # SKIP LOCKED: two readers at once each recompute what they took, neither waits for the other.
        ids = list(PendingStats.objects.select_for_update(skip_locked=True).values_list("region_id", flat=True))
        if not ids:
            return
        PendingStats.objects.filter(region_id__in=ids).delete()
        refresh(None if EVERY_REGION in ids else ids)


# -- reading -----------------------------------------------------------------------------------------------------

@dataclass
class YearFigures:
    """The figures of one year for every region at or below a root, from ``figures()``."""

    year: int
    groups: dict[str, dict] = field(default_factory=dict)  # by region path
    as_of: dt.datetime | None = None  # the oldest recompute of the rows read
    _totals: dict | None = field(default=None, repr=False, compare=False)

    def total(self, region) -> dict:
        """registered (active, by the year's end), participants, activities, hours at or below ``region``."""
        from wulian.rollup import prefix_totals

        path = region if isinstance(region, str) else region.path
        zero = {"registered": 0, "participants": 0, "activities": 0, "hours": Decimal(0)}
        if self._totals is None:  # summed up the tree once, then one look-up per region
            self._totals = prefix_totals(self.groups, zero)
        return dict(self._totals.get(path) or zero)


def figures(root, year: int, depth: int | None = None) -> YearFigures:
    """The volunteer figures of ``year`` for ``root`` (a Region) and every region below it, in two queries.

    ``depth``: only regions down to that tree depth are read (a drill-down table of the root and its children):
    the database sums each community into its ancestor at that depth, so a province's 9,000 communities come
    back as its 100 counties' rows instead of 9,000 to sum in Python.
    """
    from django.db.models.functions import Left

    from wulian.models import Region

    apply_pending()
    this_year = Q(year=year)
    rows = CommunityYearStats.objects.filter(region__path__startswith=root.path, year__lte=year)
    key = "region__path"
    if depth is not None:
        rows, key = rows.annotate(group_path=Left("region__path", depth * Region.steplen)), "group_path"
    rows = (
        rows.values(key)
        .annotate(
            registered=Sum("joined"),
            participants=Sum("participants", filter=this_year),
            activities=Sum("activities", filter=this_year),
            hours=Sum("hours", filter=this_year),
            as_of=Min("refreshed_at"),
        )
        .order_by()
    )
    result = YearFigures(year=year)
    for row in rows:
        result.groups[row.pop(key)] = row
    if result.groups:
        result.as_of = min(row["as_of"] for row in result.groups.values())
    return result


def registered_volunteers(user) -> int:
    """Active volunteers in the user's scope (the home page's figure), from the kept rows: two small queries."""
    apply_pending()
    return CommunityYearStats.objects.restrict(user).aggregate(n=Sum("joined"))["n"] or 0
