"""Choice sets of the core: what a value is called and how its badge looks, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    CITY = 2, _("City")
    COUNTY = 3, _("County/District")
    TOWN = 4, _("Town/Street")
    COMMUNITY = 5, _("Community/Village")


class CommunityKind(models.TextChoices):
    URBAN = "urban", _("Urban community")
    RURAL = "rural", _("Rural village")


class Role(models.TextChoices):
    BUREAU_ADMIN = "bureau_admin", _("Civil affairs bureau staff")
    TOWN_STAFF = "town_staff", _("Town station staff")
    COMMUNITY_WORKER = "community_worker", _("Community social worker")
    AGENCY_STAFF = "agency_staff", _("Social work agency staff")
    EVALUATOR = "evaluator", _("Third-party evaluator")
    LEADER = "leader", _("Leader")


# Roles whose scope is a node of the region tree.
REGION_ROLES = frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF, Role.COMMUNITY_WORKER, Role.LEADER})
# Roles that record the programme's work in their area.
WORKER_ROLES = frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF, Role.COMMUNITY_WORKER})
# Roles that may see personal data (ID numbers, phones) unmasked.
PERSONAL_DATA_ROLES = frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF, Role.COMMUNITY_WORKER})

# The level of region each role's scope sits at, at the lowest.
ROLE_MIN_LEVEL = {
    Role.BUREAU_ADMIN: RegionLevel.COUNTY,
    Role.LEADER: RegionLevel.PROVINCE,
    Role.TOWN_STAFF: RegionLevel.TOWN,
    Role.COMMUNITY_WORKER: RegionLevel.COMMUNITY,
}


class AccessAction(models.TextChoices):
    EXPORT = "export", _("Export")
    REVEAL = "reveal", _("Reveal personal data")
    IMPORT = "import", _("Import")
