import django_filters
from django import forms
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

    class Meta:
        model = Entry
        fields = ["region", "kind", "year", "line", "station", "project", "station_region", "tier"]


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
