from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceGroup(models.TextChoices):
    FISCAL = "fiscal", _("County fiscal budget")
    PURCHASE = "purchase", _("Government purchase of services")
    INTEGRATED = "integrated", _("Integrated funds")
    SOCIAL = "social", _("Social and charitable funds")


class Purpose(models.TextChoices):
    STATION = "station", _("A station's operation")
    PROJECT = "project", _("A service project")
    CHARITY = "charity", _("A host charity's books (community funds, fundraising)")


class Category(models.TextChoices):
    PERSONNEL = "personnel", _("Personnel costs")
    OFFICE = "office", _("Office costs")
    ACTIVITY = "activity", _("Activity costs")
    TRAINING = "training", _("Training and supervision costs")
    ADMIN = "admin", _("Administration and taxes")


class EntryKind(models.TextChoices):
    ALLOCATION = "allocation", _("Allocation")
    COMMITMENT = "commitment", _("Commitment")
    RELEASE = "release", _("Commitment released")
    PAYMENT = "payment", _("Payment")
    SPENDING = "spending", _("Spending")
    TRANSFER_OUT = "transfer_out", _("Transfer out")
    TRANSFER_IN = "transfer_in", _("Transfer in")
    CARRY_OUT = "carry_out", _("Carried forward (out)")
    CARRY_IN = "carry_in", _("Carried forward (in)")
    DONATION = "donation", _("Donation received")
    USE = "use", _("Use")
    REVERSAL = "reversal", _("Reversal")
    CLAWBACK = "clawback", _("Claw-back")
    BOND_HELD = "bond_held", _("Performance bond held")
    BOND_RELEASED = "bond_released", _("Performance bond released")
    BOND_FORFEITED = "bond_forfeited", _("Performance bond forfeited")


K = EntryKind
# What one 元 of each kind does to a line: (budget, committed, spent). A reversal negates its original's.
EFFECTS = {
    K.ALLOCATION: (1, 0, 0),
    K.TRANSFER_IN: (1, 0, 0),
    K.CARRY_IN: (1, 0, 0),
    K.DONATION: (1, 0, 0),
    K.TRANSFER_OUT: (-1, 0, 0),
    K.CARRY_OUT: (-1, 0, 0),
    K.COMMITMENT: (0, 1, 0),
    K.RELEASE: (0, -1, 0),
    K.PAYMENT: (0, -1, 1),  # pays what the contract committed
    K.SPENDING: (0, 0, 1),
    K.USE: (0, 0, 1),
    K.CLAWBACK: (0, 0, -1),  # money paid comes back to the line
    # A performance bond is the agency's money held by the purchaser, not budget: recorded on the contract's
    # line for the record, it moves none of the line's sums (a forfeited bond goes to the treasury).
    K.BOND_HELD: (0, 0, 0),
    K.BOND_RELEASED: (0, 0, 0),
    K.BOND_FORFEITED: (0, 0, 0),
}
# Kinds that name an earlier entry they settle (a claw-back its payment; a release or forfeiture its bond).
FOLLOW_UPS = (K.CLAWBACK, K.BOND_RELEASED, K.BOND_FORFEITED)
# The performance bond (履约保证金) is at most this share of the contract (政府采购法实施条例 第48条).
BOND_MAX_SHARE = Decimal("0.10")
# Kinds a person posts by hand on a line's page (the others come from a contract, a transfer or a reversal).
MANUAL_KINDS = (K.ALLOCATION, K.SPENDING, K.DONATION, K.USE)


class Condition(models.TextChoices):
    DATE = "date", _("A date has come")
    DELIVERABLES = "deliverables", _("A number of service records logged")
    EVALUATION = "evaluation", _("An evaluation passed")
    ADVANCE = "advance", _("Advance payment once the agreement is signed")


class ClawbackBasis(models.TextChoices):
    FAILED = "failed", _("The project was evaluated 不合格")
    FINDING = "finding", _("A finding (audit, inspection or supervision)")


class DonorKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ENTERPRISE = "enterprise", _("Enterprise")
    ORGANISATION = "organisation", _("Organisation")
    ANONYMOUS = "anonymous", _("Anonymous")


class DonationForm(models.TextChoices):
    MONEY = "money", _("Money")
    GOODS = "goods", _("Goods")
