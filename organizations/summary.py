"""Per-community counts of community social organisations against the 眉县 targets (one query)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from wulian.choices import CommunityKind, RegionLevel
from wulian.models import Region
from wulian.rollup import ancestors_at

from . import standards
from .choices import OrganizationCategory, RegistrationStatus
from .models import SocialOrganization


@dataclass
class CommunityRow:
    community: Region
    town_name: str
    counts: dict[str, int]  # by category code
    registered: int
    filed: int
    total: int
    service: int
    target: int | None
    share: Decimal | None
    town_has_federation: bool

    @property
    def meets_count(self) -> bool:
        return standards.meets_count(self.community.kind, self.total)

    @property
    def meets_share(self) -> bool:
        return standards.meets_share(self.share)

    @property
    def share_percent(self) -> Decimal | None:
        return None if self.share is None else (self.share * 100).quantize(Decimal("0.1"))

    @property
    def kind_label(self) -> str:
        return CommunityKind(self.community.kind).label if self.community.kind else ""


def community_summary(communities) -> list[CommunityRow]:
    """Rows for the given communities (a Region queryset): three queries however many communities."""
    org = "social_organizations__"
    annotations = {
        f"n_{code}": Count("social_organizations", filter=Q(**{f"{org}category": code}))
        for code in OrganizationCategory.values
    }
    communities = list(
        communities.filter(level=RegionLevel.COMMUNITY)
        .annotate(
            total=Count("social_organizations"),
            service=Count(
                "social_organizations", filter=Q(**{f"{org}category__in": list(standards.SERVICE_CATEGORIES)})
            ),
            registered=Count("social_organizations", filter=Q(**{f"{org}status": RegistrationStatus.REGISTERED})),
            filed=Count("social_organizations", filter=Q(**{f"{org}status": RegistrationStatus.FILED})),
            **annotations,
        )
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
    rows = []
    for c in communities:
        town = towns.get(c.pk)
        rows.append(
            CommunityRow(
                community=c,
                town_name=town.name if town else "",
                counts={code: getattr(c, f"n_{code}") for code in OrganizationCategory.values},
                registered=c.registered,
                filed=c.filed,
                total=c.total,
                service=c.service,
                target=standards.organizations_target(c.kind),
                share=standards.service_share(c.service, c.total),
                town_has_federation=town is not None and town.pk in federated,
            )
        )
    return rows
