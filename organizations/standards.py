"""The targets for community social organisations, in one place (眉县五社联动, seed 000 §二).

“到2023年底，每个城镇社区的社会组织达到15个以上，每个农村社区的社会组织达到5个以上（其中服务性、公益性、
互助性社会组织占比超过50%）”. When the policy-target tables of the core arrive, these become the defaults.
"""

from __future__ import annotations

from decimal import Decimal

from wulian.choices import CommunityKind

from .choices import OrganizationCategory

# Organisations per community, by community kind (≥).
ORGANIZATIONS_PER_COMMUNITY = {CommunityKind.URBAN: 15, CommunityKind.RURAL: 5}
# Share of service, public-welfare and mutual-aid organisations among them (strictly more than).
SERVICE_SHARE_ABOVE = Decimal("0.50")
SERVICE_CATEGORIES = (
    OrganizationCategory.SERVICE,
    OrganizationCategory.PUBLIC_WELFARE,
    OrganizationCategory.MUTUAL_AID,
)
SOURCE = "眉县“五社联动”试点实施方案 二"


def organizations_target(kind: str) -> int | None:
    """How many organisations a community of this kind should have; None when the kind is unknown."""
    return ORGANIZATIONS_PER_COMMUNITY.get(kind)


def service_share(service_count: int, total: int) -> Decimal | None:
    """The share of service/public-welfare/mutual-aid organisations; None when there are none at all."""
    if not total:
        return None
    return (Decimal(service_count) / Decimal(total)).quantize(Decimal("0.0001"))


def meets_count(kind: str, total: int) -> bool:
    target = organizations_target(kind)
    return target is not None and total >= target


def meets_share(share: Decimal | None) -> bool:
    return share is not None and share > SERVICE_SHARE_ABOVE
