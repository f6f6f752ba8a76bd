import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from wulian.filtersets import RegionFilter, ScopedFilterSet

from .choices import Category, DonationForm, DonorKind, EntryKind, Purpose
from .models import BudgetLine, Donation, Entry, SourceKind


class BudgetLineFilterSet(ScopedFilterSet):
    search_fields = ("note", "station__name", "project__title", "project__code")
    region = RegionFilter(lookup="region", label=_("region"))
    year = django_filters.NumberFilter(label=_("budget year"))
    source = django_filters.ModelChoiceFilter(label=_("source"), queryset=SourceKind.objects.all())
    purpose = django_filters.ChoiceFilter(label=_("funds"), choices=Purpose.choices)
    category = django_filters.ChoiceFilter(label=_("category"), choices=Category.choices)
    station = django_filters.NumberFilter(field_name="station_id", widget=forms.HiddenInput)
    project = django_filters.NumberFilter(field_name="project_id", widget=forms.HiddenInput)
    region_exact = django_filters.NumberFilter(field_name="region_id", widget=forms.HiddenInput)

    class Meta:
        model = BudgetLine
        fields = ["region", "year", "source", "purpose", "category", "station", "project", "region_exact"]


EFFECT_CHOICES = [("budget", _("budget")), ("committed", _("committed")), ("spent", _("spent")),
                  ("available", _("available balance"))]
# What the list adds up when filtered by an effect: the signed change of that sum.
EFFECT_SUMS = {
    "budget": F("d_budget"), "committed": F("d_committed"), "spent": F("d_spent"),
    "available": F("d_budget") - F("d_committed") - F("d_spent"),
}


class EntryFilterSet(ScopedFilterSet):
    search_fields = ("number", "voucher_number", "note", "reason")
    region = RegionFilter(lookup="region", label=_("region"))
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=EntryKind.choices)
    year = django_filters.NumberFilter(field_name="line__year", label=_("budget year"))
    line = django_filters.NumberFilter(field_name="line_id", widget=forms.HiddenInput)
    station = django_filters.NumberFilter(field_name="line__station_id",
                                          widget=forms.HiddenInput)
    project = django_filters.NumberFilter(field_name="project_id", widget=forms.HiddenInput)
    # The station of a tier at one region (the operating-funds figure of that region links here).
    station_region = django_filters.NumberFilter(field_name="line__station__region_id", widget=forms.HiddenInput)
    tier = django_filters.CharFilter(field_name="line__station__tier", widget=forms.HiddenInput)
    # The entries that move one of a line's sums (a figure of budget, committed, spent or available links here;
    # the list then adds up the signed changes, which is the figure).
    effect = django_filters.ChoiceFilter(label=_("moves"), choices=EFFECT_CHOICES, method="filter_effect")

    class Meta:
        model = Entry
        fields = ["region", "kind", "year", "line", "station", "project", "station_region", "tier", "effect"]

    def filter_effect(self, queryset, name, value):
        if value == "available":
            return queryset.exclude(d_budget=0, d_committed=0, d_spent=0)
        return queryset.exclude(**{f"d_{value}": 0})


class DonationFilterSet(ScopedFilterSet):
    search_fields = ("number", "receipt_number", "goods_description", "intended_use", "note")
    region = RegionFilter(lookup="region", label=_("region"))
    donor_kind = django_filters.ChoiceFilter(label=_("donor kind"), choices=DonorKind.choices)
    form = django_filters.ChoiceFilter(label=_("form of the donation"), choices=DonationForm.choices)
    restricted = django_filters.BooleanFilter(label=_("restricted use (定向捐赠)"))
    project = django_filters.NumberFilter(field_name="project_id", widget=forms.HiddenInput)
    station = django_filters.NumberFilter(field_name="station_id", widget=forms.HiddenInput)

    class Meta:
        model = Donation
        fields = ["region", "donor_kind", "form", "restricted", "project", "station"]
