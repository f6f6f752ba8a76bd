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
    # 三员分立 (issue 21): three administrators with separate rights and no business role.
    SYSTEM_ADMIN = "sys_admin", _("System administrator")
    SECURITY_ADMIN = "sec_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


# Roles whose scope is a node of the region tree.
REGION_ROLES = frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF, Role.COMMUNITY_WORKER, Role.LEADER})
# Roles that record the programme's work in their area.
WORKER_ROLES = frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF, Role.COMMUNITY_WORKER})
# No role at all (an action nobody but a superuser takes).
NOBODY = frozenset()
# The three separated administrators (三员分立): accounts / rights / the audit trail; none does another's work.
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
# Roles that log in with a second factor always (others when their county asks, or when they enrolled).
TWO_FACTOR_ROLES = frozenset({Role.BUREAU_ADMIN, *ADMIN_ROLES})
# Roles that may reveal personal data (ID numbers, phones) of one record, or export it unmasked; both logged.
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
    EXPORT_PERSONAL = "export_pd", _("Export with personal data")
    DOWNLOAD = "download", _("Download an attachment")
    REPORT = "report", _("Download a report")


class NotificationLevel(models.TextChoices):
    """How a notification is shown: a Bootstrap colour per level."""

    INFO = "info", _("Information")
    SUCCESS = "success", _("Done")
    WARNING = "warning", _("Needs action")
    DANGER = "danger", _("Urgent")


class ServiceDomain(models.TextChoices):
    """The eight service domains (服务领域) of seed 000 §四, shared by activities, agencies and projects."""

    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    ELDERLY_CARE = "elderly_care", _("Elderly care")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    COMMUNITY_GOVERNANCE = "community_governance", _("Community governance")
    SOCIAL_AFFAIRS = "social_affairs", _("Social affairs")
    PUBLIC_SAFETY = "public_safety", _("Public safety")
    RURAL_REVITALISATION = "rural_revitalisation", _("Rural revitalisation")
    EPIDEMIC_PREVENTION = "epidemic_prevention", _("Epidemic prevention and control")


class TargetGroup(models.TextChoices):
    """The seven service target groups (服务对象) of seed 004."""

    SPECIAL_ELDERLY = "special_elderly", _("Elderly people in special need")
    SPECIAL_SUPPORT_FAMILIES = "special_support_families", _("Families under special family-planning support")
    ASSISTANCE_RECIPIENTS = "assistance_recipients", _("Social assistance recipients")
    MIGRANTS = "migrants", _("Urban migrant population")
    CHILDREN_IN_DIFFICULTY = "children_in_difficulty", _("Children in difficulty")
    COMMUNITY_CORRECTIONS = "community_corrections", _("People under community correction")
    DISABLED = "disabled", _("People with disabilities")
