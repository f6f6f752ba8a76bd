"""Per-community counts of community social organisations against each community's own policy targets.

The counts are one query; the targets (organisations per community, share of service kinds, registered and
filed organisations) are read for every community at once from the policy profiles (``wulian.attainment``,
three queries however many communities): a 眉县 urban community is held to ≥ 15, a 淮南 one to ≥ 10, and a
community whose document sets no such target has no standard ("未设标准"), never another county's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from wulian.attainment import TargetBook, meets
from wulian.choices import CommunityKind, RegionLevel
from wulian.models import PolicyProfile, Region, Target
from wulian.rollup import ancestors_at

from .choices import OrganizationCategory, RegistrationStatus
from .indicators import SERVICE_CATEGORIES
from .models import SocialOrganization

PER_COMMUNITY, SERVICE_SHARE, REGISTERED, FILED = "orgs_per_community", "orgs_service_share", "orgs_registered", "orgs_filed"
CODES = (PER_COMMUNITY, SERVICE_SHARE, REGISTERED, FILED)


def service_share(service_count: int, total: int) -> Decimal | None:
    """The share of service/public-welfare/mutual-aid organisations (a fraction); None when there are none."""
    if not total:
        return None
    return (Decimal(service_count) / Decimal(total)).quantize(Decimal("0.0001"))


@dataclass
class CommunityRow:
    community: Region
    town_name: str
    counts: dict[str, int]  # by category code
    registered: int
    filed: int
    total: int
    service: int
    share: Decimal | None
    town_has_federation: bool
    targets: dict = field(default_factory=dict)  # indicator code → the target of the community's document

    def _meets(self, code: str, value) -> bool | None:
        return meets(self.targets, code, value)

    @property
    def count_target(self) -> Target | None:
        return self.targets.get(PER_COMMUNITY)

    @property
    def share_target(self) -> Target | None:
        return self.targets.get(SERVICE_SHARE)

    @property
    def registered_target(self) -> Target | None:
        return self.targets.get(REGISTERED)

    @property
    def filed_target(self) -> Target | None:
        return self.targets.get(FILED)

    @property
    def target(self) -> int | Decimal | None:
        """The number of organisations the community's document asks for (None: no standard)."""
        t = self.count_target
        if t is None or t.threshold is None:
            return None
        return int(t.threshold) if t.threshold == int(t.threshold) else t.threshold

    @property
    def meets_count(self) -> bool | None:
        return self._meets(PER_COMMUNITY, self.total)

    @property
    def meets_share(self) -> bool | None:
        # Targets are percentages (> 50), the share a fraction; no organisation at all: not met where required.
        if self.share_target is None:
            return None
        return self._meets(SERVICE_SHARE, Decimal(0) if self.share is None else self.share * 100)

    @property
    def meets_registered(self) -> bool | None:
        return self._meets(REGISTERED, self.registered)

    @property
    def meets_filed(self) -> bool | None:
        return self._meets(FILED, self.filed)

    @property
    def meets_targets(self) -> bool:
        """Every target the community's document sets here is met (a community with none does not count)."""
        verdicts = [v for v in (self.meets_count, self.meets_share, self.meets_registered, self.meets_filed) if v is not None]
        return bool(verdicts) and all(verdicts)

    @property
    def share_percent(self) -> Decimal | None:
        return None if self.share is None else (self.share * 100).quantize(Decimal("0.1"))

    @property
    def kind_label(self) -> str:
        return CommunityKind(self.community.kind).label if self.community.kind else ""


def organization_targets(book: TargetBook, community) -> dict[str, Target]:
    """Indicator code → the target of the community's document, for the organisation indicators (one lookup of
    the community's targets, not one per indicator)."""
    return {t.indicator: t for t in book.targets_for(community) if t.indicator in CODES}


def counted(communities):
    """The communities of ``communities`` with the counts every organisation target is judged on: all
    organisations (``total``), the service kinds (``service``), registered and filed ones."""
    org = "social_organizations__"
    return communities.filter(level=RegionLevel.COMMUNITY).annotate(
        total=Count("social_organizations"),
        service=Count("social_organizations", filter=Q(**{f"{org}category__in": list(SERVICE_CATEGORIES)})),
        registered=Count("social_organizations", filter=Q(**{f"{org}status": RegistrationStatus.REGISTERED})),
        filed=Count("social_organizations", filter=Q(**{f"{org}status": RegistrationStatus.FILED})),
    )


def community_summary(communities, book: TargetBook | None = None) -> list[CommunityRow]:
    """Rows for the given communities (a Region queryset): a few queries however many communities."""
    by_category = {
        f"n_{code}": Count("social_organizations", filter=Q(social_organizations__category=code))
        for code in OrganizationCategory.values
    }
    communities = list(
        counted(communities)
        .only("pk", "path", "depth", "name", "level", "kind")  # what the rows show and the targets need
        .annotate(**by_category)
        .order_by("path")
    )
    if not communities:
        return []
    towns = ancestors_at(communities, RegionLevel.TOWN)
    federated = set(
        SocialOrganization.objects.filter(is_federation=True, region__in=[t.pk for t in towns.values()]).values_list(
            "region_id", flat=True
        )
    )
    book = book or TargetBook()
    categories = OrganizationCategory.values  # a property that builds its list on every read: once, not per row
    rows = []
    for c in communities:
        town = towns.get(c.pk)
        rows.append(
            CommunityRow(
                community=c,
                town_name=town.name if town else "",
                counts={code: getattr(c, f"n_{code}") for code in categories},
                registered=c.registered,
                filed=c.filed,
                total=c.total,
                service=c.service,
                share=service_share(c.service, c.total),
                town_has_federation=town is not None and town.pk in federated,
                targets=organization_targets(book, c),
            )
        )
    return rows


def meeting_count(communities, book: TargetBook | None = None) -> tuple[int, int]:
    """(communities meeting every organisation target their document sets, communities) — the home page's
    figure: the same verdict as ``community_summary``'s rows, read as plain tuples with only the four counts
    the targets need (a city's 900 communities in one light query, no model instances)."""
    meeting, count, _standards = judged(communities, book, ordered=False)
    return meeting, count


def judged(communities, book: TargetBook | None = None, ordered: bool = True) -> tuple[int, int, list]:
    """(communities meeting their targets, communities, the standards they follow — as ``standards_of``) in one
    light query: what the summary page says of all its communities while it builds rows for one page only.

    Communities that follow the same document, sit at the same level, are of the same kind (and are not named by
    a target) with the same four counts get the same verdict: PostgreSQL groups them into those cases (a
    province's 9,000 communities fall into a few hundred at most) and each case is judged once here, by the same
    ``CommunityRow.meets_targets`` as the rows — no Python per community. ``ordered``: the documents in the
    order the rows show them (the first community of each, by path).
    """
    from types import SimpleNamespace

    from django.db import connections

    book = book or TargetBook()
    counts = counted(communities).values_list("pk", "path", "level", "kind", "total", "service", "registered", "filed")
    inner, params = counts.order_by().query.sql_with_params()
    # The document a community follows: its deepest attached ancestor, as ``profile_of_path`` (links deepest first).
    whens = " ".join("WHEN c.path LIKE %s THEN %s" for _link in book.links)
    profile = f"CASE {whens} END" if book.links else "NULL"
    case_params = [p for prefix, prof in book.links for p in (prefix + "%", prof.pk)]  # paths: digits, letters
    named = sorted(book.named)
    named_sql = "CASE WHEN c.pk = ANY(%s) THEN c.pk END" if named else "NULL::integer"
    named_params = [named] if named else []
    sql = (
        f"SELECT {profile} AS profile, c.level, c.kind, {named_sql} AS named, c.total, c.service, c.registered, "
        f"c.filed, COUNT(*), MIN(c.path) FROM ({inner}) AS c GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"
    )
    with connections[counts.db].cursor() as cursor:
        cursor.execute(sql, [*case_params, *named_params, *params])
        cases = cursor.fetchall()
    if ordered:
        cases.sort(key=lambda case: case[9])
    meeting = count = 0
    followed: dict[tuple, SimpleNamespace] = {}
    for _profile, level, kind, named_pk, total, service, registered, filed, n, first_path in cases:
        # ``first_path`` finds the case's document (every community of the case follows the same one).
        targets = organization_targets(book, SimpleNamespace(pk=named_pk, path=first_path, level=level, kind=kind))
        followed.setdefault(tuple(sorted(t.pk for t in targets.values())), SimpleNamespace(targets=targets))
        verdict = CommunityRow(
            community=None, town_name="", counts={}, registered=registered, filed=filed, total=total,
            service=service, share=service_share(service, total), town_has_federation=False, targets=targets,
        ).meets_targets
        count += n
        meeting += n if verdict else 0
    return meeting, count, standards_of(list(followed.values()))


@dataclass
class Standard:
    """What one policy document asks of each community's organisations, for the page's header."""

    profile: PolicyProfile
    targets: list[Target]

    @property
    def items(self) -> list[tuple[str, str, str]]:
        from wulian import indicators

        return [
            (indicators.label(t.indicator), "" if t.level == "community" else t.get_level_display(), t.requirement)
            for t in self.targets
        ]

    @property
    def deadline(self):
        return max((t.deadline for t in self.targets if t.deadline), default=None)

    @property
    def source(self) -> str:
        clauses = "、".join(dict.fromkeys(t.clause for t in self.targets if t.clause))
        return f"{self.profile.name} {clauses}".strip()


def standards_of(rows: list[CommunityRow]) -> list[Standard]:
    """The documents the rows follow and, for each, the distinct targets that judged them (no query)."""
    found: dict[int, dict[int, Target]] = {}
    profiles = {}
    for row in rows:
        for target in row.targets.values():
            profiles[target.profile_id] = target.profile
            found.setdefault(target.profile_id, {})[target.pk] = target
    return [
        Standard(profiles[pk], sorted(targets.values(), key=lambda t: (t.position, t.pk))) for pk, targets in found.items()
    ]


# -- the sheet: one definition for the page's export and the report centre's workbook -------------------------


def sheet_headers() -> list:
    """The columns of the per-community sheet (typed: counts are integers, the share a percentage)."""
    from django.utils.translation import gettext as _

    from wulian.exports import Column, Kind

    return [
        _("Town/Street"), _("community"), _("community kind"),
        *[Column(str(label), Kind.INTEGER) for _code, label in OrganizationCategory.choices],
        Column(_("Registered"), Kind.INTEGER), Column(_("Filed"), Kind.INTEGER), Column(_("Total"), Kind.INTEGER),
        Column(_("Target"), Kind.INTEGER), Column(_("Share of service kinds"), Kind.PERCENT),
        Column(_("Meets the targets")),  # 是 / 否, or 未设标准 where the community's document sets none
    ]


def sheet_row(row: CommunityRow) -> list:
    from django.utils.translation import gettext as _

    return [
        row.town_name, row.community.name, row.kind_label,
        *[row.counts[code] for code in OrganizationCategory.values],
        row.registered, row.filed, row.total, row.target, row.share,
        row.meets_targets if row.targets else _("No standard"),
    ]
