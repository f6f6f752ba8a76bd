import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.filtersets import RegionFilter, ScopedFilterSet

from .models import (Charity, CharityMovement, CommunityFund, Disclosure, DisclosureKind, Fundraising, GoodsIssue,
                     GoodsLot, MovementKind, StockCount, Supermarket)


class CharityFilterSet(ScopedFilterSet):
    search_fields = ("name", "credit_code")
    region = RegionFilter(lookup="region", label=_("region"))

    class Meta:
        model = Charity
        fields = ["region"]


class CommunityFundFilterSet(ScopedFilterSet):
    search_fields = ("name", "purpose")
    region = RegionFilter(lookup="region", label=_("region"))
    host = django_filters.ModelChoiceFilter(label=_("host charity"), queryset=Charity.objects.all())
    keeps_principal = django_filters.BooleanFilter(label=_("principal kept (不动本)"))

    class Meta:
        model = CommunityFund
        fields = ["region", "host", "keeps_principal"]


class FundraisingFilterSet(ScopedFilterSet):
    search_fields = ("title", "record_number", "purpose")
    region = RegionFilter(lookup="region", label=_("region"))
    host = django_filters.ModelChoiceFilter(label=_("charity filing the plan"), queryset=Charity.objects.all())

    class Meta:
        model = Fundraising
        fields = ["region", "host"]


class MovementFilterSet(ScopedFilterSet):
    search_fields = ("number", "description", "resolution")
    region = RegionFilter(lookup="region", label=_("region"))
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=MovementKind.choices)
    fund = django_filters.NumberFilter(field_name="fund_id", widget=forms.HiddenInput)
    fundraising = django_filters.NumberFilter(field_name="fundraising_id", widget=forms.HiddenInput)

    class Meta:
        model = CharityMovement
        fields = ["region", "kind", "fund", "fundraising"]


class DisclosureFilterSet(ScopedFilterSet):
    search_fields = ("note", "where")
    region = RegionFilter(lookup="region", label=_("region"))
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=DisclosureKind.choices)
    fund = django_filters.NumberFilter(field_name="fund_id", widget=forms.HiddenInput)
    fundraising = django_filters.NumberFilter(field_name="fundraising_id", widget=forms.HiddenInput)

    class Meta:
        model = Disclosure
        fields = ["region", "kind", "fund", "fundraising"]


class SupermarketFilterSet(ScopedFilterSet):
    search_fields = ("name", "address")
    region = RegionFilter(lookup="region", label=_("region"))

    class Meta:
        model = Supermarket
        fields = ["region"]


class GoodsLotFilterSet(ScopedFilterSet):
    search_fields = ("number", "item", "note")
    region = RegionFilter(lookup="supermarket__region", label=_("region"))
    supermarket = django_filters.NumberFilter(field_name="supermarket_id", widget=forms.HiddenInput)
    expiring = django_filters.BooleanFilter(label=_("expires within two months"), method="filter_expiring")

    class Meta:
        model = GoodsLot
        fields = ["region", "supermarket", "expiring"]

    def filter_expiring(self, queryset, name, value):
        from django.utils import timezone

        from .goods import expiring_q

        if value is None:
            return queryset
        q = expiring_q(timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)


class GoodsIssueFilterSet(ScopedFilterSet):
    search_fields = ("lot__item", "note")
    region = RegionFilter(lookup="lot__supermarket__region", label=_("region"))
    lot = django_filters.NumberFilter(field_name="lot_id", widget=forms.HiddenInput)

    class Meta:
        model = GoodsIssue
        fields = ["region", "lot"]


class StockCountFilterSet(ScopedFilterSet):
    search_fields = ("lot__item", "reason")
    region = RegionFilter(lookup="lot__supermarket__region", label=_("region"))
    lot = django_filters.NumberFilter(field_name="lot_id", widget=forms.HiddenInput)

    class Meta:
        model = StockCount
        fields = ["region", "lot"]
