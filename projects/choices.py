"""Choice sets of service projects: what a value is called, in one place.

Service domains and target groups are the programme's shared vocabulary (``wulian.choices``), re-exported.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wulian.choices import ServiceDomain, TargetGroup  # noqa: F401 - the shared vocabulary, re-exported


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("project status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("project status", "Awaiting review")
    RETURNED = "returned", pgettext_lazy("project status", "Returned")
    APPROVED = "approved", pgettext_lazy("project status", "Approved")
    PUBLISHED = "published", pgettext_lazy("project status", "Published")
    AWARDED = "awarded", pgettext_lazy("project status", "Agency chosen")
    AGENCY_SIGNED = "agency_signed", pgettext_lazy("project status", "Signed by the agency")
    CONTRACTED = "contracted", pgettext_lazy("project status", "Agreement signed")
    IN_SERVICE = "in_service", pgettext_lazy("project status", "In service")
    EVALUATING = "evaluating", pgettext_lazy("project status", "Under evaluation")
    ACCEPTED = "accepted", pgettext_lazy("project status", "Accepted")
    CANCELLED = "cancelled", pgettext_lazy("project status", "Cancelled")


S = ProjectStatus
# A proposal the community or town may still edit.
DRAFTING = (S.DRAFT, S.RETURNED)
# States in which the notice is public (and with it the project's public facts).
PUBLIC_STATES = (S.PUBLISHED, S.AWARDED, S.AGENCY_SIGNED, S.CONTRACTED, S.IN_SERVICE, S.EVALUATING, S.ACCEPTED)
# States with a signed agreement in force or fulfilled (the policy counts "contracted or later").
CONTRACTED_STATES = (S.CONTRACTED, S.IN_SERVICE, S.EVALUATING, S.ACCEPTED)
# States in which the agency delivers the service (and the activity log may name the project).
SERVING_STATES = (S.CONTRACTED, S.IN_SERVICE, S.EVALUATING)
# States from which the bureau may cancel (before the agreement is signed).
CANCELLABLE = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPROVED, S.PUBLISHED, S.AWARDED)


class Phase(models.TextChoices):
    PILOT = "pilot", _("Pilot")
    ROLLOUT = "rollout", _("Full rollout")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", pgettext_lazy("evaluation grade", "Pass")
    FAIL = "fail", pgettext_lazy("evaluation grade", "Fail")


class SurveyMethod(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visits")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    FORUM = "forum", _("Residents' forum")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approved")
    RETURN = "return", _("Returned")


class ProcurementMethod(models.TextChoices):
    OPEN_TENDER = "open_tender", _("Open tender")
    INVITED_TENDER = "invited_tender", _("Invited tender")
    COMPETITIVE_NEGOTIATION = "competitive_negotiation", _("Competitive negotiation")
    COMPETITIVE_CONSULTATION = "competitive_consultation", _("Competitive consultation")
    INQUIRY = "inquiry", _("Request for quotations")
    SINGLE_SOURCE = "single_source", _("Single source")
    ENTRUSTED = "entrusted", _("Entrusted")


# Methods without competing bids: the agency is chosen directly, with a recorded justification.
DIRECT_METHODS = (ProcurementMethod.SINGLE_SOURCE, ProcurementMethod.ENTRUSTED)


class ScoringRule(models.TextChoices):
    """How the panel's scores decide (the rule the notice states)."""

    COMPREHENSIVE = "comprehensive", _("Comprehensive scoring (average of the members' scores)")
    LOWEST_PRICE = "lowest_price", _("Lowest evaluated price")


class BidStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("bid status", "Submitted")
    AWARDED = "awarded", pgettext_lazy("bid status", "Awarded")
    NOT_AWARDED = "not_awarded", pgettext_lazy("bid status", "Not awarded")
    WITHDRAWN = "withdrawn", pgettext_lazy("bid status", "Withdrawn")


class MemberCertificate(models.TextChoices):
    NONE = "none", _("No certificate")
    ASSISTANT = "assistant", _("Assistant social worker")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SENIOR = "senior", _("Senior social worker")


# Certificates that make a team member a certified social worker (seed 004: the agency must have them).
CERTIFIED = (MemberCertificate.ASSISTANT, MemberCertificate.SOCIAL_WORKER, MemberCertificate.SENIOR)


class Measure(models.TextChoices):
    GROUP_ACTIVITIES = "group_activities", _("Group work sessions logged")
    CASEWORK = "casework", _("Casework entries logged")
    COMMUNITY_EVENTS = "community_events", _("Community activities logged")
    PARTICIPANTS = "participants", _("Participants (sum)")
    VOLUNTEERS = "volunteers", _("Volunteers involved (sum)")
    VOLUNTEER_HOURS = "volunteer_hours", _("Hours logged (sum)")
    MANUAL = "manual", _("Entered by hand")


class MilestoneStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Not yet due")
    REPORTED = "reported", _("Reported")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class IndicatorGroup(models.TextChoices):
    MANAGEMENT = "management", _("Project management")
    OUTCOMES = "outcomes", _("Service outcomes")
    FINANCE = "finance", _("Financial management")
    IMPACT = "impact", _("Social impact")


class EvaluationKind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term supervision")
    ACCEPTANCE = "acceptance", _("Acceptance evaluation")


class Party(models.TextChoices):
    THIRD_PARTY = "third_party", _("Third-party evaluator")
    BUYER = "buyer", _("Buyer")
    SUPERVISOR = "supervisor", _("Supervisor")


class RectificationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("rectification status", "Open")
    ANSWERED = "answered", pgettext_lazy("rectification status", "Answered")
    CLOSED = "closed", pgettext_lazy("rectification status", "Closed")
    WAIVED = "waived", pgettext_lazy("rectification status", "Waived")
