"""Organisation indicators of the policy targets (registered in ``wulian.indicators``).

Counted as of the year's last day: organisations founded by then (or of unknown founding date), grouped by
their region's id in one query and summed up the tree (``wulian.rollup``), whatever the number of regions.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wulian.indicators import Query, indicator, rolled, share, with_query
from wulian.models import Agency
from wulian.rollup import RollUp

from .choices import OrganizationCategory, RegistrationStatus
from .models import SocialOrganization

# Service, public-welfare and mutual-aid organisations (seed 000 §二 “服务性、公益性、互助性”).
SERVICE_CATEGORIES = (OrganizationCategory.SERVICE, OrganizationCategory.PUBLIC_WELFARE, OrganizationCategory.MUTUAL_AID)


def existing(year: int):
    """Organisations that existed at the end of ``year`` (an unknown founding date counts)."""
    return SocialOrganization.objects.filter(Q(founded_on__isnull=True) | Q(founded_on__lte=dt.date(year, 12, 31)))


def org_link(**params):
    return lambda q, region: with_query(reverse("organizations:socialorganization_list"), region=region.pk, **params)


def counts(q: Query) -> RollUp:
    return RollUp(
        existing(q.year),
        "region",
        total=Count("pk"),
        service=Count("pk", filter=Q(category__in=SERVICE_CATEGORIES)),
        registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        filed=Count("pk", filter=Q(status=RegistrationStatus.FILED)),
        federations=Count("pk", filter=Q(is_federation=True)),
    )


@indicator(
    "orgs_per_community",
    definition=_("Community social organisations of the region (federations included) founded by the end of "
                 "the year or of unknown founding date."),
    link=org_link(),
)
def orgs_per_community(q: Query) -> dict:
    return rolled(counts(q), q.regions, "total")


@indicator(
    "orgs_service_share",
    definition=_("Service, public-welfare and mutual-aid organisations among the region's community social "
                 "organisations, in percent; none at all: no data."),
    link=org_link(),
)
def orgs_service_share(q: Query) -> dict:
    rollup = counts(q)
    return {r.pk: share(rollup.value(r, "service"), rollup.value(r, "total")) for r in q.regions}


@indicator(
    "orgs_registered",
    definition=_("Community social organisations of the region registered with the civil affairs bureau (依法登记)."),
    link=org_link(status=RegistrationStatus.REGISTERED),
)
def orgs_registered(q: Query) -> dict:
    return rolled(counts(q), q.regions, "registered")


@indicator(
    "orgs_filed",
    definition=_("Community social organisations of the region filed with the town or street (备案)."),
    link=org_link(status=RegistrationStatus.FILED),
)
def orgs_filed(q: Query) -> dict:
    return rolled(counts(q), q.regions, "filed")


@indicator(
    "federation",
    definition=_("Whether a federation of community social organisations (社区社会组织联合会) exists in the region."),
    link=org_link(is_federation="true"),
)
def federation(q: Query) -> dict:
    rollup = counts(q)
    return {r.pk: bool(rollup.value(r, "federations")) for r in q.regions}


@indicator(
    "agencies_cultivated",
    definition=_("Social work agencies the town cultivated (培育), by the end of the year (an unknown date counts)."),
    link=lambda q, region: with_query(reverse("organizations:agency_list"), cultivated_by=region.pk),
)
def agencies_cultivated(q: Query) -> dict:
    agencies = Agency.objects.filter(
        Q(cultivated_on__isnull=True) | Q(cultivated_on__lte=dt.date(q.year, 12, 31)), cultivated_by__isnull=False
    )
    return rolled(RollUp(agencies, "cultivated_by", n=Count("pk")), q.regions)
