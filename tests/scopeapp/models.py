"""A tender-like notice: its visibility depends on its state, its agency and its evaluator.

The rule is the one the projects workflow needs: agency staff see every *published* notice but only their
own agency's drafts; only drafts may be changed or deleted; evaluators see the notices assigned to them;
publishing is the bureau's action.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from wulian.choices import REGION_ROLES, Role
from wulian.models import ScopedModel, ScopeRule

MANAGERS = frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF})


def agency_rows(scope):
    """Every published notice to read; their own agency's notices otherwise (and to change)."""
    if scope.action == "view":
        return Q(status=Notice.PUBLISHED) | scope.agency()
    return scope.agency()


class Notice(ScopedModel):
    DRAFT, PUBLISHED = "draft", "published"

    scope_rule = ScopeRule(
        region=("region",),
        agency="agency",
        evaluator="evaluator",
        view=REGION_ROLES | {Role.AGENCY_STAFF, Role.EVALUATOR},
        add=MANAGERS,
        change=MANAGERS | {Role.AGENCY_STAFF},
        delete=frozenset({Role.BUREAU_ADMIN}),
        rows={Role.AGENCY_STAFF: agency_rows},
        where={"change": Q(status="draft"), "delete": Q(status="draft")},
        actions={"publish": frozenset({Role.BUREAU_ADMIN})},
    )

    title = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=[(DRAFT, "draft"), (PUBLISHED, "published")], default=DRAFT)
    region = models.ForeignKey("wulian.Region", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("organizations.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self):
        return self.title
