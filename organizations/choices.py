"""Choice sets of the organisations app: what a value is called, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.choices import ServiceDomain  # noqa: F401 - the shared vocabulary, re-exported


class OrganizationCategory(models.TextChoices):
    SERVICE = "service", _("Service")
    PUBLIC_WELFARE = "public_welfare", _("Public welfare")
    MUTUAL_AID = "mutual_aid", _("Mutual aid")
    CULTURE_SPORTS = "culture_sports", _("Culture and sports")
    OTHER = "other", _("Other")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    FILED = "filed", _("Filed")


