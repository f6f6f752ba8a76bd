"""Pages of the charity resources: lists, details and forms through the core's generic views; every income,
use, issue and count through ``funding.charity.rules`` / ``.goods`` (the write path)."""

from __future__ import annotations

from django.db.models import DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from wulian.models.base import can_add, user_can
from wulian.views import generic
from wulian.views.generic import Inline, RelatedList

from . import goods, rules
from .filtersets import (CharityFilterSet, CommunityFundFilterSet, DisclosureFilterSet, FundraisingFilterSet,
                         GoodsIssueFilterSet, GoodsLotFilterSet, MovementFilterSet, StockCountFilterSet,
                         SupermarketFilterSet)
from .forms import (CharityForm, CommunityFundForm, DisclosureForm, FundraisingForm, GoodsIssueForm, GoodsLotForm,
                    MemberFormSet, MovementForm, StockCountForm, SupermarketForm)
from .models import (Charity, CharityMovement, CommitteeMember, CommunityFund, Disclosure, Fundraising, GoodsIssue,
                     GoodsLot, StockCount, Supermarket)
from .tables import (CharityTable, CommunityFundTable, DisclosureTable, FundraisingTable, GoodsIssueTable,
                     GoodsLotTable, MovementTable, StockCountTable, SupermarketTable)

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(0, output_field=MONEY)


def with_figures(queryset):
    """Income, use and balance per row in one query, the disclosures prefetched for the due date."""
    income = Coalesce(Sum("movements__amount", filter=~Q(movements__kind="use")), ZERO, output_field=MONEY)
    used = Coalesce(Sum("movements__amount", filter=Q(movements__kind="use")), ZERO, output_field=MONEY)
    return (queryset.select_related("host", "region").prefetch_related("disclosures")
            .annotate(income_total=income, use_total=used).annotate(balance_total=F("income_total") - F("use_total")))


# -- host charities -------------------------------------------------------------------------------------------
class CharityListView(generic.ObjectListView):
    model = Charity
    queryset = Charity.objects.select_related("region")
    table_class = CharityTable
    filterset_class = CharityFilterSet


class CharityDetailView(generic.ObjectDetailView):
    model = Charity
    detail_fields = ["name", "region", "credit_code", "bank_account", "note"]


class CharityEditView(generic.ObjectEditView):
    model = Charity
    form_class = CharityForm


class CharityDeleteView(generic.ObjectDeleteView):
    model = Charity


# -- community funds and fundraising projects --------------------------------------------------------------------
class OwnerDetail(generic.ObjectDetailView):
    template_name = "funding/charity/owner_detail.html"
    owner_field = ""

    def extra_context(self, obj):
        return {"figures": rules.figures(obj), "due": rules.disclosure_status(obj, timezone.localdate()),
                "can_record": user_can(self.request.user, CharityMovement, "add"),
                "owner_field": self.owner_field,
                "movement_add": f"{reverse('funding:charitymovement_add')}?{self.owner_field}={obj.pk}",
                "disclosure_add": f"{reverse('funding:disclosure_add')}?{self.owner_field}={obj.pk}",
                "movements_url": f"{reverse('funding:charitymovement_list')}?{self.owner_field}={obj.pk}"}


class CommunityFundListView(generic.ObjectListView):
    model = CommunityFund
    table_class = CommunityFundTable
    filterset_class = CommunityFundFilterSet

    @property
    def queryset(self):
        return with_figures(CommunityFund.objects.all())


class CommunityFundDetailView(OwnerDetail):
    model = CommunityFund
    queryset = CommunityFund.objects.select_related("host", "region")
    owner_field = "fund"
    detail_fields = ["name", "host", "region", "established_on", "ends_on", "keeps_principal", "purpose", "note"]
    related = (RelatedList("members", CommitteeMember, "fund", order_by=("pk",)),
               RelatedList("movements", CharityMovement, "fund", order_by=("-date", "-pk"), limit=50,
                           select_related=("entry",)),
               RelatedList("disclosures", Disclosure, "fund", order_by=("-published_on",)))


class CommunityFundEditView(generic.ObjectEditView):
    model = CommunityFund
    form_class = CommunityFundForm
    inlines = (Inline("members", MemberFormSet, "管理委员会成员"),)


class CommunityFundDeleteView(generic.ObjectDeleteView):
    model = CommunityFund


class FundraisingListView(generic.ObjectListView):
    model = Fundraising
    table_class = FundraisingTable
    filterset_class = FundraisingFilterSet

    @property
    def queryset(self):
        return with_figures(Fundraising.objects.all())


class FundraisingDetailView(OwnerDetail):
    model = Fundraising
    queryset = Fundraising.objects.select_related("host", "region")
    owner_field = "fundraising"
    detail_fields = ["title", "record_number", "host", "region", "purpose", "starts_on", "ends_on", "area",
                     "person_in_charge", "receiving", "bank_account", "beneficiaries", "use_plan", "target", "cost",
                     "leftovers", "note"]
    related = (RelatedList("movements", CharityMovement, "fundraising", order_by=("-date", "-pk"), limit=50,
                           select_related=("entry",)),
               RelatedList("disclosures", Disclosure, "fundraising", order_by=("-published_on",)))


class FundraisingEditView(generic.ObjectEditView):
    model = Fundraising
    form_class = FundraisingForm


class FundraisingDeleteView(generic.ObjectDeleteView):
    model = Fundraising


# -- incomes and uses, disclosures ------------------------------------------------------------------------------
class MovementListView(generic.ObjectListView):
    model = CharityMovement
    queryset = CharityMovement.objects.select_related("fund", "fundraising", "entry")
    table_class = MovementTable
    filterset_class = MovementFilterSet
    period_field = "date"
    totals = (("amount", "元"),)


class MovementDetailView(generic.ObjectDetailView):
    model = CharityMovement
    queryset = CharityMovement.objects.select_related("fund", "fundraising", "entry", "donation", "recorded_by")
    detail_fields = ["number", "kind", "amount", "date", "fund", "fundraising", "description", "donation",
                     "beneficiary", "approved_on", "resolution", "entry", "recorded_by"]

    def field_rows(self, obj):
        rows = super().field_rows(obj)
        return [(label, obj.beneficiary_shown() if field.name == "beneficiary" else value, field)
                for label, value, field in rows]

    template_name = "funding/charity/movement_detail.html"

    def extra_context(self, obj):
        # The committee members who approved it, read through CommitteeMember's own scope rule like every list.
        members = CommitteeMember.objects.restrict(self.request.user, "view")
        return {"approvers": list(members.filter(approvals=obj).order_by("pk"))}


class MovementEditView(generic.ObjectEditView):
    model = CharityMovement
    form_class = MovementForm

    def new_object(self):
        return CharityMovement(date=timezone.localdate())

    def save_form(self, form):
        movement = form.save(commit=False)
        return rules.record(self.request.user, movement, list(form.cleaned_data.get("approved_by") or []))


class DisclosureListView(generic.ObjectListView):
    model = Disclosure
    queryset = Disclosure.objects.select_related("fund", "fundraising")
    table_class = DisclosureTable
    filterset_class = DisclosureFilterSet


class DisclosureDetailView(generic.ObjectDetailView):
    model = Disclosure
    queryset = Disclosure.objects.select_related("fund", "fundraising", "recorded_by")
    detail_fields = ["fund", "fundraising", "kind", "published_on", "where", "income", "used", "balance", "note",
                     "recorded_by"]


class DisclosureEditView(generic.ObjectEditView):
    model = Disclosure
    form_class = DisclosureForm

    def new_object(self):
        return Disclosure(published_on=timezone.localdate())

    def save_form(self, form):
        return rules.file_disclosure(self.request.user, form.save(commit=False))


# -- charity supermarkets ---------------------------------------------------------------------------------------
class SupermarketListView(generic.ObjectListView):
    model = Supermarket
    queryset = Supermarket.objects.select_related("region", "host")
    table_class = SupermarketTable
    filterset_class = SupermarketFilterSet


class SupermarketDetailView(generic.ObjectDetailView):
    model = Supermarket
    queryset = Supermarket.objects.select_related("region", "host")
    detail_fields = ["name", "region", "host", "address", "note"]
    related = (RelatedList("lots", GoodsLot, "supermarket", order_by=("expires_on", "-pk"), limit=100),)
    template_name = "funding/charity/supermarket_detail.html"

    def extra_context(self, obj):
        today = timezone.localdate()
        user = self.request.user
        # Each action is offered only to a user who may take it (a leader reads the stock, does not move it).
        return {"expiring_ids": set(goods.expiring(GoodsLot.objects.filter(supermarket=obj), today)
                                    .values_list("pk", flat=True)),
                "can_stock_in": can_add(user, GoodsLot, obj, "supermarket"),
                "can_issue": user_can(user, GoodsIssue, "add"), "can_count": user_can(user, StockCount, "add")}


class SupermarketEditView(generic.ObjectEditView):
    model = Supermarket
    form_class = SupermarketForm


class SupermarketDeleteView(generic.ObjectDeleteView):
    model = Supermarket


class GoodsLotListView(generic.ObjectListView):
    model = GoodsLot
    table_class = GoodsLotTable
    filterset_class = GoodsLotFilterSet
    period_field = "received_on"
    totals = (("value", "元"),)

    @property
    def queryset(self):
        from django.db.models import BooleanField, Case, When

        flag = Case(When(goods.expiring_q(timezone.localdate()), then=Value(True)), default=Value(False),
                    output_field=BooleanField())
        return GoodsLot.objects.select_related("supermarket").annotate(expiring=flag)


class GoodsLotDetailView(generic.ObjectDetailView):
    model = GoodsLot
    queryset = GoodsLot.objects.select_related("supermarket", "donation")
    detail_fields = ["number", "supermarket", "item", "quantity", "unit", "on_hand", "value", "received_on",
                     "expires_on", "donation", "note"]
    related = (RelatedList("issues", GoodsIssue, "lot", order_by=("-issued_on", "-pk")),
               RelatedList("counts", StockCount, "lot", order_by=("-counted_on", "-pk")))
    template_name = "funding/charity/lot_detail.html"

    def extra_context(self, obj):
        user = self.request.user
        return {"expiring": goods.is_expiring(obj, timezone.localdate()),
                "can_issue": can_add(user, GoodsIssue, obj, "lot"), "can_count": can_add(user, StockCount, obj, "lot")}


class GoodsLotEditView(generic.ObjectEditView):
    model = GoodsLot
    form_class = GoodsLotForm

    def save_form(self, form):
        return goods.stock_in(self.request.user, form.save(commit=False))


class GoodsIssueListView(generic.ObjectListView):
    model = GoodsIssue
    queryset = GoodsIssue.objects.select_related("lot")
    table_class = GoodsIssueTable
    filterset_class = GoodsIssueFilterSet
    period_field = "issued_on"


class GoodsIssueDetailView(generic.ObjectDetailView):
    model = GoodsIssue
    queryset = GoodsIssue.objects.select_related("lot", "issued_by")
    detail_fields = ["lot", "quantity", "issued_on", "recipient", "recipient_contact", "recipient_consent", "signed",
                     "note", "issued_by"]

    def field_rows(self, obj):
        rows = super().field_rows(obj)
        return [(label, obj.recipient_shown(reveal=self.revealed) if field.name == "recipient" else value, field)
                for label, value, field in rows]


class GoodsIssueEditView(generic.ObjectEditView):
    model = GoodsIssue
    form_class = GoodsIssueForm

    def new_object(self):
        return GoodsIssue(issued_on=timezone.localdate(), signed=False)

    def save_form(self, form):
        return goods.issue(self.request.user, form.save(commit=False))


class StockCountListView(generic.ObjectListView):
    model = StockCount
    queryset = StockCount.objects.select_related("lot")
    table_class = StockCountTable
    filterset_class = StockCountFilterSet
    period_field = "counted_on"


class StockCountDetailView(generic.ObjectDetailView):
    model = StockCount
    queryset = StockCount.objects.select_related("lot", "counted_by")
    detail_fields = ["lot", "counted_on", "book", "counted", "difference", "reason", "counted_by"]


class StockCountEditView(generic.ObjectEditView):
    model = StockCount
    form_class = StockCountForm

    def new_object(self):
        return StockCount(counted_on=timezone.localdate())

    def save_form(self, form):
        return goods.count(self.request.user, form.save(commit=False))
