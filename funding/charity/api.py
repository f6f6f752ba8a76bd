"""API of the charity resources. Host charities, funds, fundraising projects and supermarkets are read and
written like any record; incomes and uses, disclosures, stock-ins, issues and stock-takes are posted once
through the same rules as the pages (``rules``, ``goods``) and never changed or deleted (405). Beneficiaries
and recipients are masked unless they consented to be named."""

from __future__ import annotations

from auditlog.context import set_actor

from wulian.api import ScopedSerializer, ScopedViewSet, refusals_as_api_errors, router

from . import goods, rules
from .filtersets import (CharityFilterSet, CommunityFundFilterSet, DisclosureFilterSet, FundraisingFilterSet,
                         GoodsIssueFilterSet, GoodsLotFilterSet, MovementFilterSet, StockCountFilterSet,
                         SupermarketFilterSet)
from .models import (Charity, CharityMovement, CommunityFund, Disclosure, Fundraising, GoodsIssue, GoodsLot,
                     StockCount, Supermarket)


def serializer_for(model_, fields_, read_only=(), masks=None):
    meta = type("Meta", (), {"model": model_, "fields": ["id", *fields_], "read_only_fields": list(read_only)})

    def to_representation(self, instance):
        data = ScopedSerializer.to_representation(self, instance)
        for name, shown in (masks or {}).items():
            if name in data:
                data[name] = shown(instance)
        return data

    return type(f"{model_.__name__}Serializer", (ScopedSerializer,), {"Meta": meta,
                                                                       "to_representation": to_representation})


class PostedOnce(ScopedViewSet):
    """Records posted once through a rule function (``record(user, obj, extra)``), never changed or deleted."""

    http_method_names = ["get", "post", "head", "options"]
    m2m = ()

    def record(self, user, obj, extra):
        raise NotImplementedError

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        extra = {name: data.pop(name, None) for name in self.m2m}
        obj = self.queryset.model(**data)
        with set_actor(self.request.user), refusals_as_api_errors():
            serializer.instance = self.record(self.request.user, obj, extra)


def _viewset(model_, serializer, filterset, select=(), base=ScopedViewSet, **attrs):
    body = {"queryset": model_.objects.select_related(*select), "serializer_class": serializer,
            "filterset_class": filterset, "__doc__": f"{model_._meta.verbose_name_plural} in your scope.", **attrs}
    return type(f"{model_.__name__}ViewSet", (base,), body)


CharityViewSet = _viewset(Charity, serializer_for(Charity, ["name", "region", "credit_code", "bank_account", "note"]),
                          CharityFilterSet, ("region",))
CommunityFundViewSet = _viewset(CommunityFund, serializer_for(
    CommunityFund, ["name", "host", "region", "established_on", "ends_on", "keeps_principal", "purpose", "note"]),
    CommunityFundFilterSet, ("host", "region"))
FundraisingViewSet = _viewset(Fundraising, serializer_for(
    Fundraising, ["title", "host", "record_number", "region", "purpose", "starts_on", "ends_on", "area",
                  "person_in_charge", "receiving", "bank_account", "beneficiaries", "use_plan", "target", "cost",
                  "leftovers", "note"]), FundraisingFilterSet, ("host", "region"))
SupermarketViewSet = _viewset(Supermarket, serializer_for(Supermarket, ["name", "region", "host", "address", "note"]),
                              SupermarketFilterSet, ("region",))

MovementViewSet = _viewset(
    CharityMovement,
    serializer_for(CharityMovement, ["number", "fund", "fundraising", "kind", "amount", "date", "description",
                                     "donation", "beneficiary", "beneficiary_consent", "approved_by", "approved_on",
                                     "resolution", "entry"], read_only=("number", "entry"),
                   masks={"beneficiary": lambda m: m.beneficiary_shown()}),
    MovementFilterSet, ("fund", "fundraising", "entry"), base=PostedOnce, m2m=("approved_by",),
    record=lambda self, user, obj, extra: rules.record(user, obj, list(extra.get("approved_by") or [])))
DisclosureViewSet = _viewset(
    Disclosure, serializer_for(Disclosure, ["fund", "fundraising", "kind", "published_on", "where", "income", "used",
                                            "balance", "note"], read_only=("income", "used", "balance")),
    DisclosureFilterSet, ("fund", "fundraising"), base=PostedOnce,
    record=lambda self, user, obj, extra: rules.file_disclosure(user, obj))
GoodsLotViewSet = _viewset(
    GoodsLot, serializer_for(GoodsLot, ["number", "supermarket", "item", "quantity", "unit", "value", "received_on",
                                        "expires_on", "donation", "on_hand", "note"], read_only=("number", "on_hand")),
    GoodsLotFilterSet, ("supermarket",), base=PostedOnce, record=lambda self, user, obj, extra: goods.stock_in(user, obj))
GoodsIssueViewSet = _viewset(
    GoodsIssue, serializer_for(GoodsIssue, ["lot", "quantity", "issued_on", "recipient", "recipient_consent", "signed",
                                            "note"], masks={"recipient": lambda i: i.recipient_shown()}),
    GoodsIssueFilterSet, ("lot",), base=PostedOnce, record=lambda self, user, obj, extra: goods.issue(user, obj))
StockCountViewSet = _viewset(
    StockCount, serializer_for(StockCount, ["lot", "counted_on", "book", "counted", "difference", "reason"],
                               read_only=("book", "difference")),
    StockCountFilterSet, ("lot",), base=PostedOnce, record=lambda self, user, obj, extra: goods.count(user, obj))

router.register("funding/charities", CharityViewSet, basename="charity")
router.register("funding/community-funds", CommunityFundViewSet, basename="communityfund")
router.register("funding/fundraising", FundraisingViewSet, basename="fundraising")
router.register("funding/charity-movements", MovementViewSet, basename="charitymovement")
router.register("funding/disclosures", DisclosureViewSet, basename="disclosure")
router.register("funding/supermarkets", SupermarketViewSet, basename="supermarket")
router.register("funding/stock", GoodsLotViewSet, basename="goodslot")
router.register("funding/issues", GoodsIssueViewSet, basename="goodsissue")
router.register("funding/stock-takes", StockCountViewSet, basename="stockcount")
