"""Funding (the fifth 社): source kinds, budget lines and the append-only ledger of what moves on them.

- ``SourceKind``: where money comes from (县级财政预算, 政府购买服务, 整合资金 by origin, donations…): data that an
  administrator extends in the admin; the seeded kinds come with the migration.
- ``BudgetLine``: a source's money for one budget year (``funding.years``), region, purpose (a station's
  operation or a service project) and category. Its ``budget``, ``committed`` and ``spent`` are the sums of its
  entries, kept on the row by the posting that changes them (under the row's lock), and the database checks
  ``budget − committed − spent ≥ 0`` on every change.
- ``Entry``: one movement (allocation, commitment, payment, spending, transfer, carry-forward, donation, use,
  reversal). Entries are only ever added (``funding.ledger.post``): a correction is a reversing entry naming
  the original and the reason; pages, API and admin offer no edit or deletion, and on PostgreSQL a trigger
  refuses UPDATE and DELETE of the table (migration 0001).
- ``Tranche``: the payment terms of a project's milestone (the condition besides the bureau's confirmation).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wulian.choices import REGION_ROLES, NOBODY, Role
from wulian.models import ScopedModel, ScopeRule
from wulian.models.base import NOTHING
from wulian.money import MoneyField, format_money
from wulian.personal import PersonalKind
from wulian.validators import DateMeaning

from . import years
from .choices import EFFECTS, FOLLOW_UPS, Category, Condition, DonationForm, DonorKind, EntryKind, Purpose, SourceGroup

BUREAU = frozenset({Role.BUREAU_ADMIN})
AGENCY = frozenset({Role.AGENCY_STAFF})
EVERY_ROLE = REGION_ROLES | AGENCY | frozenset({Role.EVALUATOR})


def _everyone(scope):
    return Q()


class SourceKind(ScopedModel):
    """A kind of funding source; reference data every role reads and the superuser extends in the admin."""

    scope_rule = ScopeRule(
        view=EVERY_ROLE, add=NOBODY, change=NOBODY, delete=NOBODY, region=(),
        rows={role: _everyone for role in EVERY_ROLE},
    )

    name = models.CharField(_("name"), max_length=60, unique=True)
    group = models.CharField(_("group"), max_length=15, choices=SourceGroup.choices)
    origin = models.CharField(_("origin"), max_length=60, blank=True,
                              help_text=_("For integrated funds: the fund it comes from (e.g. 儿童福利)."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("funding source kind")
        verbose_name_plural = _("funding source kinds")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return f"{reverse('funding:budgetline_list')}?source={self.pk}"


def _agency_lines(scope):
    """An agency sees the lines of its own contracted projects."""
    agency_id = getattr(scope.user, "agency_id", None)
    if scope.action != "view" or not agency_id:
        return None
    return Q(project__agency_id=agency_id)


class BudgetLine(ScopedModel):
    """A source's money for one budget year, region, purpose and category."""

    scope_rule = ScopeRule(
        view=REGION_ROLES | AGENCY, add=BUREAU, change=BUREAU, delete=BUREAU,
        rows={Role.AGENCY_STAFF: _agency_lines},
    )

    source = models.ForeignKey(SourceKind, verbose_name=_("source"), on_delete=models.PROTECT, related_name="lines")
    year = models.PositiveSmallIntegerField(_("budget year"))
    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="budget_lines", editable=False)
    purpose = models.CharField(_("funds"), max_length=10, choices=Purpose.choices)
    station = models.ForeignKey("stations.Station", verbose_name=_("station"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="budget_lines")
    project = models.ForeignKey("projects.Project", verbose_name=_("service project"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="budget_lines")
    charity = models.ForeignKey("funding.Charity", verbose_name=_("host charity"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    budget = MoneyField(_("budget"), default=0, editable=False)
    committed = MoneyField(_("committed"), default=0, editable=False)
    spent = MoneyField(_("spent"), default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", editable=False)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["-year", "region__path", "pk"]
        indexes = [models.Index(fields=["year", "purpose"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=F("committed") + F("spent"), committed__gte=0, spent__gte=0),
                name="budgetline_never_overspent",
                violation_error_message=_("The line's available amount would fall below zero; nothing was saved."),
            ),
            models.CheckConstraint(
                condition=Q(purpose=Purpose.STATION, station__isnull=False, project__isnull=True)
                | Q(purpose=Purpose.PROJECT, project__isnull=False, station__isnull=True)
                | Q(purpose=Purpose.CHARITY, charity__isnull=False, project__isnull=True, station__isnull=True),
                name="budgetline_funds_one_thing",
                violation_error_message=_("A line funds either a station's operation or a service project."),
            ),
        ]

    def __str__(self):
        what = {Purpose.STATION: self.station, Purpose.CHARITY: self.charity}.get(self.purpose, self.project)
        return f"{years.label(self.year)} {what} {self.get_category_display()}（{self.source}）"

    @property
    def available(self):
        return self.budget - self.committed - self.spent

    @property
    def year_label(self) -> str:
        return years.label(self.year)

    def clean(self):
        super().clean()
        if self.purpose == Purpose.STATION:
            if not self.station_id:
                raise ValidationError({"station": _("Choose the station whose operation the line funds.")})
            self.project = None
            self.region_id = self.station.region_id
        elif self.purpose == Purpose.PROJECT:
            if not self.project_id:
                raise ValidationError({"project": _("Choose the service project the line funds.")})
            self.station = None
            self.region_id = self.project.region_id
        elif self.purpose == Purpose.CHARITY and not self.charity_id:
            raise ValidationError({"purpose": _("A host charity's line is opened by its first income.")})

    def save(self, *args, **kwargs):
        if self.region_id is None:
            owner = self.station if self.station_id else self.project if self.project_id else self.charity
            self.region_id = owner.region_id if owner else None
        super().save(*args, **kwargs)


def _agency_entries(scope):
    """An agency sees the payments of its own contracts only: commitments, payments, their reversals and
    claw-backs, and its performance bond."""
    agency_id = getattr(scope.user, "agency_id", None)
    if scope.action != "view" or not agency_id:
        return None
    return Q(project__agency_id=agency_id, kind__in=[
        EntryKind.PAYMENT, EntryKind.COMMITMENT, EntryKind.REVERSAL, EntryKind.CLAWBACK, EntryKind.BOND_HELD,
        EntryKind.BOND_RELEASED, EntryKind.BOND_FORFEITED])


class Entry(ScopedModel):
    """One posted movement on a budget line; never changed or deleted (a reversal corrects it)."""

    scope_rule = ScopeRule(
        view=REGION_ROLES | AGENCY, add=BUREAU, change=NOBODY, delete=NOBODY,
        rows={Role.AGENCY_STAFF: _agency_entries},
        # The payer is bureau staff other than the one who confirmed the milestone (docs/decisions.md).
        actions={"reverse": BUREAU, "pay": BUREAU},
        where={"reverse": Q(reversed_by__isnull=True) & ~Q(kind=EntryKind.REVERSAL), "pay": Q()},
    )

    number = models.CharField(_("entry number"), max_length=20, unique=True, editable=False)
    line = models.ForeignKey(BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT,
                             related_name="entries")
    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+", editable=False)
    kind = models.CharField(_("kind"), max_length=15, choices=EntryKind.choices)
    amount = MoneyField(_("amount (yuan)"))
    d_budget = MoneyField(_("change of budget"), signed=True, default=0, editable=False)
    d_committed = MoneyField(_("change of committed"), signed=True, default=0, editable=False)
    d_spent = MoneyField(_("change of spent"), signed=True, default=0, editable=False)
    date = models.DateField(_("date"))
    project = models.ForeignKey("projects.Project", verbose_name=_("service project"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="funding_entries")
    milestone = models.ForeignKey("projects.Milestone", verbose_name=_("payment milestone"),
                                  on_delete=models.PROTECT, null=True, blank=True, related_name="funding_entries")
    voucher_number = models.CharField(_("voucher number"), max_length=40, blank=True)
    voucher_date = models.DateField(_("voucher date"), null=True, blank=True)
    counterpart = models.ForeignKey("self", verbose_name=_("other side of the transfer"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reverses = models.OneToOneField("self", verbose_name=_("reverses"), on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="reversed_by")
    original = models.ForeignKey("self", verbose_name=_("settles entry"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="follow_ups",
                                 help_text=_("A claw-back names the payment it recovers; a bond's release or "
                                             "forfeiture names the bond."))
    reason = models.TextField(_("reason"), blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    idempotency_key = models.CharField(_("request key"), max_length=80, unique=True, null=True, blank=True,
                                       editable=False)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.PROTECT,
                                  related_name="+", editable=False)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["kind", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="entry_amount_positive",
                                   violation_error_message=_("An amount must be above zero.")),
            models.CheckConstraint(condition=~Q(kind=EntryKind.REVERSAL) | Q(reverses__isnull=False) & ~Q(reason=""),
                                   name="entry_reversal_names_original_and_reason",
                                   violation_error_message=_("A reversal names the entry it reverses and the reason.")),
            models.CheckConstraint(condition=~Q(kind__in=FOLLOW_UPS) | Q(original__isnull=False),
                                   name="entry_follow_up_names_original",
                                   violation_error_message=_("A claw-back or a bond's release names its original.")),
            models.CheckConstraint(condition=~Q(kind__in=[EntryKind.CLAWBACK, EntryKind.BOND_FORFEITED])
                                   | ~Q(reason=""), name="entry_clawback_gives_reason",
                                   violation_error_message=_("A claw-back or a forfeiture gives its reason.")),
        ]

    def __str__(self):
        return f"{self.number} {self.get_kind_display()} {format_money(self.amount)}"

    def get_url(self, view: str):
        if view in ("edit", "delete"):
            return None  # entries are never edited or deleted
        return super().get_url(view)

    @staticmethod
    def effects(kind) -> tuple[int, int, int]:
        return EFFECTS[kind]


def _agency_tranches(scope):
    agency_id = getattr(scope.user, "agency_id", None)
    if scope.action != "view" or not agency_id:
        return None
    return Q(milestone__project__agency_id=agency_id)


class Tranche(ScopedModel):
    """The payment terms of a milestone (付款进度): the line that pays it and the condition that must hold
    besides the bureau's confirmation of the agency's evidence."""

    scope_rule = ScopeRule(
        view=REGION_ROLES | AGENCY, add=BUREAU, change=BUREAU, delete=BUREAU,
        region=("milestone__project__region",), rows={Role.AGENCY_STAFF: _agency_tranches},
    )

    milestone = models.OneToOneField("projects.Milestone", verbose_name=_("payment milestone"),
                                     on_delete=models.CASCADE, related_name="tranche")
    line = models.ForeignKey(BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT,
                             related_name="tranches")
    condition = models.CharField(_("condition"), max_length=15, choices=Condition.choices, default=Condition.DATE)
    deliverables = models.PositiveIntegerField(_("service records required"), null=True, blank=True)
    evaluation_kind = models.CharField(_("evaluation to pass"), max_length=15, blank=True,
                                       choices=[("midterm", _("Mid-term supervision")),
                                                ("acceptance", _("Acceptance evaluation"))])

    class Meta:
        verbose_name = _("payment tranche")
        verbose_name_plural = _("payment tranches")
        ordering = ["milestone__due_on", "pk"]

    def __str__(self):
        return str(self.milestone)

    def clean(self):
        super().clean()
        if self.condition == Condition.DELIVERABLES and not self.deliverables:
            raise ValidationError({"deliverables": _("Give the number of service records required.")})
        if self.condition == Condition.EVALUATION and not self.evaluation_kind:
            raise ValidationError({"evaluation_kind": _("Choose the evaluation that must pass.")})


RECORDERS = frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF, Role.COMMUNITY_WORKER})


def mask_name(value) -> str:
    """张** : the family name, the rest hidden."""
    value = str(value or "")
    return value[:1] + "*" * max(len(value) - 1, 2) if value else ""


class Donation(ScopedModel):
    """A donation (捐赠) received in a region: money (posted on a budget line as a ledger entry of kind donation)
    or goods. An individual donor's name is shown only when the donor consented to be named (慈善法第82条
    concerns the donor's wish); the contact is personal data. Changing the intended use of a restricted
    donation needs the donor's recorded consent (慈善法第56条)."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=RECORDERS, delete=BUREAU)
    personal_data = {"donor_contact": PersonalKind.PHONE}
    # The history shows the donor's name as the lists do (``wulian.history``).
    history_masks = {"donor_name": lambda obj, raw: obj.donor_shown() and (
        mask_name(raw) if obj.donor_kind == DonorKind.INDIVIDUAL and not obj.consent_to_publish else raw)}
    date_meanings = {"received_on": DateMeaning.HAPPENED, "use_change_consent_on": DateMeaning.HAPPENED}

    number = models.CharField(_("donation number"), max_length=20, unique=True, editable=False)
    donor_kind = models.CharField(_("donor kind"), max_length=15, choices=DonorKind.choices)
    donor_name = models.CharField(_("donor"), max_length=100, blank=True)
    donor_contact = models.CharField(_("donor contact"), max_length=40, blank=True)
    consent_to_publish = models.BooleanField(_("donor consents to be named"), default=False)
    form = models.CharField(_("form of the donation"), max_length=10, choices=DonationForm.choices,
                            default=DonationForm.MONEY)
    amount = MoneyField(_("amount (yuan)"), null=True, blank=True)
    goods_description = models.CharField(_("goods"), max_length=200, blank=True)
    goods_quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, null=True, blank=True)
    goods_unit = models.CharField(_("unit"), max_length=20, blank=True)
    goods_value = MoneyField(_("value of the goods (yuan)"), null=True, blank=True)
    received_on = models.DateField(_("date received"))
    receipt_number = models.CharField(_("donation receipt number"), max_length=40, blank=True)
    receipt_waived = models.BooleanField(_("receipt waived by the donor"), default=False)
    restricted = models.BooleanField(_("restricted use (定向捐赠)"), default=False)
    intended_use = models.CharField(_("intended use"), max_length=200, blank=True)
    use_change_consent = models.BooleanField(_("the donor agreed to the change of use"), default=False)
    use_change_consent_on = models.DateField(_("date of the donor's consent"), null=True, blank=True)
    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="donations")
    project = models.ForeignKey("projects.Project", verbose_name=_("service project"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="donations")
    station = models.ForeignKey("stations.Station", verbose_name=_("station"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="donations")
    line = models.ForeignKey(BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="donations")
    entry = models.OneToOneField(Entry, verbose_name=_("ledger entry"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="donation", editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    editable=False)

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(form=DonationForm.MONEY, amount__gt=0)
                | Q(form=DonationForm.GOODS, goods_value__gte=0, goods_quantity__gt=0),
                name="donation_money_or_goods",
                violation_error_message=_("A money donation has an amount; goods have a quantity and a value."),
            ),
            models.CheckConstraint(
                condition=~Q(receipt_number="", receipt_waived=False),
                name="donation_receipt_or_waived",
                violation_error_message=_("Give the donation receipt number or record that the donor waived it."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.get_form_display()} {format_money(self.value)}元"

    @property
    def value(self):
        return (self.amount if self.form == DonationForm.MONEY else self.goods_value) or 0

    def donor_shown(self, reveal: bool = False) -> str:
        """The donor as lists, exports and the API show it: anonymous as such; an individual's name masked
        unless the donor consented to be named (or this request revealed the record)."""
        if self.donor_kind == DonorKind.ANONYMOUS:
            return str(DonorKind.ANONYMOUS.label)
        if self.donor_kind == DonorKind.INDIVIDUAL and not (self.consent_to_publish or reveal):
            return mask_name(self.donor_name)
        return self.donor_name

    def clean(self):
        super().clean()
        errors = {}
        if self.donor_kind == DonorKind.ANONYMOUS:
            self.donor_name = ""
            self.donor_contact = ""
            self.consent_to_publish = False
        elif not (self.donor_name or "").strip():
            errors["donor_name"] = _("Give the donor's name (or record the donation as anonymous).")
        if self.form == DonationForm.MONEY:
            if not self.amount or self.amount <= 0:
                errors["amount"] = _("Give the amount of the money donation.")
            self.goods_description, self.goods_quantity, self.goods_unit, self.goods_value = "", None, "", None
        else:
            if not (self.goods_description or "").strip():
                errors["goods_description"] = _("Describe the goods.")
            if not self.goods_quantity or self.goods_quantity <= 0:
                errors["goods_quantity"] = _("Give the quantity of the goods.")
            if self.goods_value is None or self.goods_value < 0:
                errors["goods_value"] = _("Give the value of the goods in yuan.")
            self.amount = None
            self.line = None
        if not (self.receipt_number or "").strip() and not self.receipt_waived:
            errors["receipt_number"] = _("Give the donation receipt number or record that the donor waived it.")
        if self.restricted and not (self.intended_use or "").strip():
            errors["intended_use"] = _("Give the intended use of a restricted donation.")
        if self.pk:
            before = Donation.objects.filter(pk=self.pk).values("restricted", "intended_use", "entry_id",
                                                                "amount", "line_id").first()
            if before and before["restricted"] and (self.intended_use or "") != before["intended_use"]:
                if not (self.use_change_consent and self.use_change_consent_on):
                    errors["intended_use"] = _(
                        "The intended use of a restricted donation changes only with the donor's consent "
                        "(慈善法第56条): record the consent and its date.")
            if before and before["entry_id"] and (before["amount"] != self.amount or before["line_id"] != self.line_id):
                errors["amount"] = _("The donation is posted on the ledger; correct it by a reversal of its entry.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        from django.db import transaction

        from wulian.models import next_number

        with transaction.atomic():  # the number and the row together
            if not self.number:
                year = (self.received_on or dt.date.today()).year
                self.number = f"JZ{year}-{next_number('funding:donation', year):05d}"
            super().save(*args, **kwargs)


__all__ = ["NOTHING", "BudgetLine", "Donation", "Entry", "SourceKind", "Tranche"]

# Charity resources (社区基金, 募捐项目, 慈善超市, disclosures): their own module, loaded with the app's models.
from .charity.models import *  # noqa: E402, F403
from .charity.models import __all__ as _charity_models  # noqa: E402

__all__ += _charity_models
