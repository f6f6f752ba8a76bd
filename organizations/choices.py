"""Choice sets of the organisations app: what a value is called, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationCategory(models.TextChoices):
    SERVICE = "service", _("Service")
    PUBLIC_WELFARE = "public_welfare", _("Public welfare")
    MUTUAL_AID = "mutual_aid", _("Mutual aid")
    CULTURE_SPORTS = "culture_sports", _("Culture and sports")
    OTHER = "other", _("Other")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    FILED = "filed", _("Filed")


class ServiceDomain(models.TextChoices):
    """The eight service domains of seed 000 §四."""

    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    ELDERLY_CARE = "elderly_care", _("Elderly care")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    COMMUNITY_GOVERNANCE = "community_governance", _("Community governance")
    SOCIAL_AFFAIRS = "social_affairs", _("Social affairs")
    PUBLIC_SAFETY = "public_safety", _("Public safety")
    RURAL_REVITALISATION = "rural_revitalisation", _("Rural revitalisation")
    EPIDEMIC_PREVENTION = "epidemic_prevention", _("Epidemic prevention")
