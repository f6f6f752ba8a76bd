"""What the models of every step share: the roles named by their scope rules, the money field's options, and
the rows of a project's children (scoped through their project).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db.models import Q

from wulian.choices import NOBODY, REGION_ROLES, WORKER_ROLES, Role
from wulian.models import ScopeRule
from wulian.models.base import NOTHING

from ..choices import ProjectStatus

S = ProjectStatus
BUREAU = frozenset({Role.BUREAU_ADMIN})
AGENCY = frozenset({Role.AGENCY_STAFF})
EVALUATOR = frozenset({Role.EVALUATOR})
PROPOSERS = WORKER_ROLES  # the bureau, a town, a community record needs and proposals
ALL_PROJECT_ROLES = REGION_ROLES | AGENCY | EVALUATOR
EVERY_ROW = Q()
MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


def _status(prefix: str, states) -> Q:
    return Q(**{f"{prefix}status__in": list(states)})


# -- rows of agency staff ------------------------------------------------------------------------------------
#
# What of a project each role sees (issue 17; one declaration: ``Project.scope_rule`` with its ``parties`` and
# ``public`` fields, which the page, the API, reports, attachments, history and search all read):
#
# - the public (no login) and any agency that is no party: the public page's facts (``PUBLIC_FIELDS``);
#   an agency sees a project it is no party to only while its call for bids is open (``published``), to bid;
# - its parties see the whole project as far as each child's own rule allows: the bureau, towns and
#   communities of its area and the leader (their region), the evaluator assigned to it, and the agency
#   contracted (``Project.agency``). A bidder is a party to its own bid (and that bid's scores), not to the
#   project: once the award is made, a losing bidder reads the result on the public page;
# - nobody else: another county, another town, an unassigned evaluator, another agency — 404.


def agency_projects(scope, prefix: str = "") -> Q:
    """Projects an agency sees: its own (contracted) and every call for bids that is open."""
    agency_id = getattr(scope.user, "agency_id", None)
    if not agency_id:
        return NOTHING
    return _status(prefix, [S.PUBLISHED]) | Q(**{f"{prefix}agency_id": agency_id})


def _public_child_rows(prefix: str):
    """Agency rows of a child shown with the public notice (notice, criteria)."""

    def rows(scope):
        if scope.action != "view":
            return None
        return agency_projects(scope, prefix)

    return rows


def _own_child_rows(scope) -> Q | None:
    """Agency rows of a child of its own contracted project (agreement, targets, milestones, evaluations)."""
    return scope.agency()


def _child_rule(*, view=ALL_PROJECT_ROLES, add=NOBODY, change=NOBODY, delete=NOBODY, prefix="project__",
                agency_rows=None, where=None, actions=None, **kwargs) -> ScopeRule:
    rows = kwargs.pop("rows", {})
    if agency_rows is not None:
        rows = {Role.AGENCY_STAFF: agency_rows, **rows}
    return ScopeRule(
        region=(f"{prefix}region",),
        agency=f"{prefix}agency",
        evaluator=f"{prefix}evaluator",
        view=view, add=add, change=change, delete=delete,
        rows=rows, where=where or {}, actions=actions or {}, **kwargs,
    )


def _while(prefix: str, *states) -> Q:
    return _status(prefix, states)
