"""Choice sets of the volunteers app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    HMT_RESIDENCE = "hmt_residence", _("Residence permit for Hong Kong, Macao and Taiwan residents")
    PASSPORT = "passport", _("Passport")
    OTHER = "other", _("Other")


class VolunteerStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


class ActivityStatus(models.TextChoices):
    OPEN = "open", _("Open for check-in")
    CLOSED = "closed", _("Closed for check-in")


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("Pending confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class HoursSource(models.TextChoices):
    STAFF = "staff", _("Entered by staff")
    IMPORT = "import", _("Imported from Excel")
    CHECK_IN = "check_in", _("Self check-in")
