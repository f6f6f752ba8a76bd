"""Choice sets of the station network: what a value is called, in one place.

Service domains and target groups are the programme's vocabulary (seed 000 §四, seed 004 §二.2); projects
will use them too.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel
from wulian.choices import ServiceDomain, TargetGroup  # noqa: F401 - the shared vocabulary, re-exported


class StationTier(models.TextChoices):
    COUNTY_HUB = "county_hub", _("County social work service hub")
    TOWN_STATION = "town_station", _("Town social work service station")
    COMMUNITY_ROOM = "community_room", _("Community social work room")


# The level of region each tier sits on.
TIER_LEVEL = {
    StationTier.COUNTY_HUB: RegionLevel.COUNTY,
    StationTier.TOWN_STATION: RegionLevel.TOWN,
    StationTier.COMMUNITY_ROOM: RegionLevel.COMMUNITY,
}


class Room(models.TextChoices):
    """Functional rooms; the value is the name of the station's boolean field."""

    OFFICE = "has_office", _("Office")
    CASE = "has_case_room", _("Casework / counselling room")
    GROUP = "has_group_room", _("Group activity room")
    MEETING = "has_meeting_room", _("Shared meeting room")


class Equipment(models.TextChoices):
    """Office equipment; the value is the name of the station's count field."""

    DESKS = "desks", _("Desks and chairs")
    COMPUTERS = "computers", _("Computers")
    PRINTERS = "printers", _("Printers")
    CABINETS = "filing_cabinets", _("Filing cabinets")


class Post(models.TextChoices):
    RESIDENT_WORKER = "resident_worker", _("Resident full-time community worker")
    SOCIAL_WORKER = "social_worker", _("Professional social worker post")
    COMMITTEE_MEMBER = "committee_member", _("Community committee member")
    AGENCY_WORKER = "agency_worker", _("Agency social worker stationed here")
    VOLUNTEER = "volunteer", _("Volunteer")
    OTHER = "other", _("Other")


class CertificateLevel(models.TextChoices):
    ASSISTANT = "assistant", _("Assistant social worker")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SENIOR = "senior", _("Senior social worker")


class TrainingKind(models.TextChoices):
    SUPERVISION = "supervision", _("Supervision")
    PRACTICE = "practice", _("Practice")
    POLICY = "policy", _("Policies and regulations")


class ActivityKind(models.TextChoices):
    CASEWORK = "casework", _("Casework")
    GROUP = "group", _("Group work")
    COMMUNITY = "community", _("Community activity")
    VISIT = "visit", _("Home visit / survey")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")
