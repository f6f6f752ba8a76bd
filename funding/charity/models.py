"""Charity resources (慈善资源, issue 19 items 8–9): 社区基金, 募捐项目, 慈善超市 and their disclosures.

- ``Charity``: a host charity (e.g. 县慈善协会) whose books carry the community funds: a fund has no account of
  its own, so its income and uses are ledger entries (``funding.Entry``) on the host's budget line of the year
  (``BudgetLine.purpose = charity``), each tagged by a ``CharityMovement`` row naming the fund.
- ``CommunityFund`` (社区基金): a sub-ledger of its host, with a committee (``CommitteeMember``) whose majority
  approves every use, and 动本 / 不动本 (不动本: only the income — interest, returns — may be used).
- ``Fundraising`` (募捐项目): the filed plan of 慈善法第24条 and its 备案 number; donations into it and uses from it
  are movements posted on the host's line like a fund's.
- ``CharityMovement``: one income or use of a fund or a fundraising project, posted once on the ledger.
- ``Disclosure``: a published disclosure (慈善法第79条) of a fund or a fundraising project, with its figures.
- ``Supermarket`` (慈善超市) and its goods ledger: ``GoodsLot`` (stock in), ``GoodsIssue`` (issued and signed for
  by the recipient), ``StockCount`` (the monthly stock-take, a difference posted with its reason).

Movements, issues and counts are only ever added; a lot's ``on_hand`` moves under the lot's row lock
(``funding.charity.goods``) and the database refuses a negative stock.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wulian.choices import NOBODY, REGION_ROLES, Role
from wulian.models import ScopedModel, ScopeRule
from wulian.money import MoneyField
from wulian.personal import PersonalKind
from wulian.validators import DateMeaning

BUREAU = frozenset({Role.BUREAU_ADMIN})
RECORDERS = frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF, Role.COMMUNITY_WORKER})


def _every_region_role(scope):
    return Q()


def mask_person(value) -> str:
    """张** : the family name, the rest hidden (慈善法第82条: no name published without consent)."""
    value = str(value or "")
    return value[:1] + "*" * max(len(value) - 1, 2) if value else ""


class MovementKind(models.TextChoices):
    PRINCIPAL = "principal", _("Principal received")
    EARNING = "earning", _("Income earned (interest, returns)")
    DONATION = "donation", _("Donation received")
    USE = "use", _("Use")


INCOME_KINDS = (MovementKind.PRINCIPAL, MovementKind.EARNING, MovementKind.DONATION)


class DisclosureKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic disclosure")
    FINAL = "final", _("Final disclosure")


class Charity(ScopedModel):
    """A host charity (慈善组织) that keeps the books of community funds and files fundraising projects."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=BUREAU, change=BUREAU, delete=BUREAU,
                           rows={Role.TOWN_STAFF: _every_region_role, Role.COMMUNITY_WORKER: _every_region_role})

    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="charities")
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("host charity")
        verbose_name_plural = _("host charities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Balances(models.Model):
    """What a fund and a fundraising project share: their movements and the figures they sum to."""

    class Meta:
        abstract = True

    def figures(self) -> dict:
        from .rules import figures

        return figures(self)

    @property
    def due(self) -> dict:
        """When the next disclosure is due (慈善法第79条) and whether it is overdue."""
        from django.utils import timezone

        from .rules import disclosure_status

        return disclosure_status(self, timezone.localdate())


class CommunityFund(Balances, ScopedModel):
    """社区基金: a named fund of a community or town kept in its host charity's books."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=RECORDERS, delete=BUREAU)
    date_meanings = {"established_on": DateMeaning.HAPPENED, "ends_on": DateMeaning.TERM}

    name = models.CharField(_("name"), max_length=100, unique=True)
    host = models.ForeignKey(Charity, verbose_name=_("host charity"), on_delete=models.PROTECT, related_name="funds")
    region = models.ForeignKey("wulian.Region", verbose_name=_("region served"), on_delete=models.PROTECT,
                               related_name="community_funds")
    established_on = models.DateField(_("established on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    keeps_principal = models.BooleanField(
        _("principal kept (不动本)"), default=False,
        help_text=_("不动本: only the income (interest, returns) may be used; 动本: the principal may be used too."))
    purpose = models.CharField(_("purpose"), max_length=300)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("community fund")
        verbose_name_plural = _("community funds")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def starts_on(self) -> dt.date:
        return self.established_on


class CommitteeMember(ScopedModel):
    """A member of a fund's committee (管委会), which approves the fund's uses by majority."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=RECORDERS, delete=RECORDERS,
                           region=("fund__region",))

    fund = models.ForeignKey(CommunityFund, verbose_name=_("community fund"), on_delete=models.CASCADE,
                             related_name="members")
    name = models.CharField(_("name"), max_length=40)
    duty = models.CharField(_("duty"), max_length=40, blank=True, help_text=_("e.g. 主任, 委员"))
    active = models.BooleanField(_("serving"), default=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["fund", "pk"]

    def __str__(self):
        return f"{self.name}（{self.duty}）" if self.duty else self.name


class Fundraising(Balances, ScopedModel):
    """募捐项目 with the plan filed under 慈善法第24条 and its 备案 number."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=RECORDERS, delete=BUREAU)
    date_meanings = {"starts_on": DateMeaning.PLAN, "ends_on": DateMeaning.PLAN}

    title = models.CharField(_("title"), max_length=100)
    host = models.ForeignKey(Charity, verbose_name=_("charity filing the plan"), on_delete=models.PROTECT,
                             related_name="fundraisings")
    record_number = models.CharField(_("filing (备案) number"), max_length=60, unique=True)
    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="fundraisings")
    purpose = models.CharField(_("purpose of the fundraising"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    area = models.CharField(_("area of fundraising"), max_length=200)
    person_in_charge = models.CharField(_("person in charge"), max_length=40)
    receiving = models.CharField(_("how donations are received"), max_length=200)
    bank_account = models.CharField(_("bank account"), max_length=60)
    beneficiaries = models.CharField(_("beneficiaries"), max_length=300)
    use_plan = models.TextField(_("use plan"))
    target = MoneyField(_("fundraising target (yuan)"), null=True, blank=True)
    cost = MoneyField(_("fundraising cost (yuan)"), default=0)
    leftovers = models.CharField(_("handling of leftover funds"), max_length=300)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("fundraising project")
        verbose_name_plural = _("fundraising projects")
        ordering = ["-starts_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="fundraising_period_in_order",
                                              violation_error_message=_("The end lies before the start."))]

    def __str__(self):
        return self.title

    @property
    def name(self) -> str:
        return self.title


class CharityMovement(ScopedModel):
    """One income or use of a community fund or a fundraising project: posted once as an entry of the host
    charity's line (donation for income, use for a use). Never changed; a mistake is reversed on the ledger,
    and the reversal writes the counter-movement (``reverses``, the opposite amount, the reversal entry)."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=NOBODY, delete=NOBODY)
    date_meanings = {"date": DateMeaning.HAPPENED, "approved_on": DateMeaning.HAPPENED}
    history_masks = {"beneficiary": lambda obj, raw: raw if obj.beneficiary_consent else mask_person(raw)}

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    fund = models.ForeignKey(CommunityFund, verbose_name=_("community fund"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="movements")
    fundraising = models.ForeignKey(Fundraising, verbose_name=_("fundraising project"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="movements")
    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+", editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=MovementKind.choices)
    amount = MoneyField(_("amount (yuan)"))
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=200)
    donation = models.ForeignKey("funding.Donation", verbose_name=_("donation"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="charity_movements")
    beneficiary = models.CharField(_("beneficiary"), max_length=60, blank=True)
    beneficiary_consent = models.BooleanField(_("the beneficiary consents to be named"), default=False)
    approved_by = models.ManyToManyField(CommitteeMember, verbose_name=_("approved by (committee)"), blank=True,
                                         related_name="approvals")
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    resolution = models.CharField(_("committee resolution"), max_length=100, blank=True)
    entry = models.OneToOneField("funding.Entry", verbose_name=_("ledger entry"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="charity_movement", editable=False)
    reverses = models.OneToOneField("self", verbose_name=_("reverses"), on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="reversed_by", editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    editable=False)

    class Meta:
        verbose_name = _("charity income or use")
        verbose_name_plural = _("charity incomes and uses")
        ordering = ["-date", "-pk"]
        constraints = [
            # A counter-movement (the reversal of a movement's entry) carries the opposite amount, so that every
            # sum of amounts by kind is the fund's figure after its reversals.
            models.CheckConstraint(condition=Q(amount__gt=0, reverses__isnull=True)
                                   | Q(amount__lt=0, reverses__isnull=False),
                                   name="charitymovement_amount_positive",
                                   violation_error_message=_("An amount must be above zero.")),
            models.CheckConstraint(condition=Q(fund__isnull=False, fundraising__isnull=True)
                                   | Q(fund__isnull=True, fundraising__isnull=False),
                                   name="charitymovement_one_owner",
                                   violation_error_message=_("Choose either a community fund or a fundraising project.")),
        ]

    def __str__(self):
        return self.number

    @property
    def owner(self):
        return self.fund if self.fund_id else self.fundraising

    def beneficiary_shown(self, reveal: bool = False) -> str:
        return self.beneficiary if (self.beneficiary_consent or reveal) else mask_person(self.beneficiary)

    def get_url(self, view: str):
        if view in ("edit", "delete"):
            return None  # posted once; corrected by a reversal of its entry
        return super().get_url(view)


class Disclosure(ScopedModel):
    """A published disclosure (信息公开) of a fund or a fundraising project, with the figures it published."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=NOBODY, delete=NOBODY)
    date_meanings = {"published_on": DateMeaning.HAPPENED}

    fund = models.ForeignKey(CommunityFund, verbose_name=_("community fund"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="disclosures")
    fundraising = models.ForeignKey(Fundraising, verbose_name=_("fundraising project"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="disclosures")
    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+", editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=DisclosureKind.choices, default=DisclosureKind.PERIODIC)
    published_on = models.DateField(_("published on"))
    where = models.CharField(_("published where"), max_length=200, default="五联门户公开页")
    income = MoneyField(_("income (yuan)"), default=0, editable=False)
    used = MoneyField(_("used (yuan)"), default=0, editable=False)
    balance = MoneyField(_("balance (yuan)"), signed=True, default=0, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    editable=False)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(fund__isnull=False, fundraising__isnull=True)
                                   | Q(fund__isnull=True, fundraising__isnull=False),
                                   name="disclosure_one_owner",
                                   violation_error_message=_("Choose either a community fund or a fundraising project.")),
        ]

    def __str__(self):
        return f"{self.owner} {self.get_kind_display()} {self.published_on}"

    @property
    def owner(self):
        return self.fund if self.fund_id else self.fundraising

    def get_url(self, view: str):
        if view in ("edit", "delete"):
            return None
        return super().get_url(view)


class Supermarket(ScopedModel):
    """慈善超市: a shop of donated goods run in a town or community."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=RECORDERS, delete=BUREAU)

    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="supermarkets")
    host = models.ForeignKey(Charity, verbose_name=_("host charity"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="supermarkets")
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("charity supermarket")
        verbose_name_plural = _("charity supermarkets")
        ordering = ["name"]

    def __str__(self):
        return self.name


class GoodsLot(ScopedModel):
    """Goods taken into stock (入库): item, quantity, unit, value, expiry date and the donation they came from.
    ``on_hand`` moves only through issues and stock-takes, under the lot's row lock."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=NOBODY, delete=NOBODY,
                           region=("supermarket__region",))
    date_meanings = {"received_on": DateMeaning.HAPPENED, "expires_on": DateMeaning.TERM}

    number = models.CharField(_("stock-in number"), max_length=20, unique=True, editable=False)
    supermarket = models.ForeignKey(Supermarket, verbose_name=_("charity supermarket"), on_delete=models.PROTECT,
                                    related_name="lots")
    item = models.CharField(_("item"), max_length=100)
    quantity = models.DecimalField(_("quantity received"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20)
    value = MoneyField(_("value (yuan)"))
    received_on = models.DateField(_("date received"))
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    donation = models.ForeignKey("funding.Donation", verbose_name=_("source donation"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="goods_lots")
    on_hand = models.DecimalField(_("on hand"), max_digits=12, decimal_places=2, default=0, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("stock-in")
        verbose_name_plural = _("stock-ins")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="goodslot_never_negative",
                                   violation_error_message=_("The stock would fall below zero; nothing was saved.")),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="goodslot_quantity_positive",
                                   violation_error_message=_("Give a quantity above zero.")),
        ]

    def __str__(self):
        return f"{self.number} {self.item}"

    def get_url(self, view: str):
        if view in ("edit", "delete"):
            return None  # a stock-in is corrected by a stock-take with its reason
        return super().get_url(view)


class GoodsIssue(ScopedModel):
    """Goods issued (发放) from a lot, signed for by the recipient; the recipient is masked unless consented."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=NOBODY, delete=NOBODY,
                           region=("lot__supermarket__region",))
    date_meanings = {"issued_on": DateMeaning.HAPPENED}
    personal_data = {"recipient_contact": PersonalKind.PHONE}
    # The history shows the recipient as the lists do (``wulian.history``).
    history_masks = {"recipient": lambda obj, raw: raw if obj.recipient_consent else mask_person(raw)}

    lot = models.ForeignKey(GoodsLot, verbose_name=_("stock-in"), on_delete=models.PROTECT, related_name="issues")
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    issued_on = models.DateField(_("issued on"))
    recipient = models.CharField(_("recipient"), max_length=40)
    recipient_contact = models.CharField(_("recipient's phone"), max_length=40, blank=True)
    recipient_consent = models.BooleanField(_("the recipient consents to be named"), default=False)
    signed = models.BooleanField(_("signed for by the recipient"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+", editable=False)

    class Meta:
        verbose_name = _("goods issue")
        verbose_name_plural = _("goods issues")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="goodsissue_quantity_positive",
                                   violation_error_message=_("Give a quantity above zero.")),
            models.CheckConstraint(condition=Q(signed=True), name="goodsissue_signed",
                                   violation_error_message=_("Goods are issued only against the recipient's signature.")),
        ]

    def __str__(self):
        return f"{self.lot.item} × {self.quantity.normalize():f}（{self.issued_on}）"

    def recipient_shown(self, reveal: bool = False) -> str:
        return self.recipient if (self.recipient_consent or reveal) else mask_person(self.recipient)

    def get_url(self, view: str):
        if view in ("edit", "delete"):
            return None
        return super().get_url(view)


class StockCount(ScopedModel):
    """The monthly stock-take of a lot: counted against the book; the difference is posted with its reason."""

    scope_rule = ScopeRule(view=REGION_ROLES, add=RECORDERS, change=NOBODY, delete=NOBODY,
                           region=("lot__supermarket__region",))
    date_meanings = {"counted_on": DateMeaning.HAPPENED}

    lot = models.ForeignKey(GoodsLot, verbose_name=_("stock-in"), on_delete=models.PROTECT, related_name="counts")
    counted_on = models.DateField(_("counted on"))
    book = models.DecimalField(_("book quantity"), max_digits=12, decimal_places=2, editable=False, default=0)
    counted = models.DecimalField(_("counted quantity"), max_digits=12, decimal_places=2)
    difference = models.DecimalField(_("difference"), max_digits=12, decimal_places=2, editable=False, default=0)
    reason = models.CharField(_("reason for the difference"), max_length=200, blank=True)
    counted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("counted by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", editable=False)

    class Meta:
        verbose_name = _("stock-take")
        verbose_name_plural = _("stock-takes")
        ordering = ["-counted_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(counted__gte=0), name="stockcount_counted_not_negative",
                                   violation_error_message=_("A counted quantity is not below zero.")),
            models.CheckConstraint(condition=Q(difference=0) | ~Q(reason=""), name="stockcount_difference_reason",
                                   violation_error_message=_("Give the reason for the difference.")),
        ]

    def __str__(self):
        return f"{self.lot.item} 盘点（{self.counted_on}）"

    def get_url(self, view: str):
        if view in ("edit", "delete"):
            return None
        return super().get_url(view)


__all__ = ["Charity", "CharityMovement", "CommitteeMember", "CommunityFund", "Disclosure", "Fundraising",
           "GoodsIssue", "GoodsLot", "StockCount", "Supermarket"]
