"""Filter set base: a search box over declared fields, and in-scope choices only."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from wulian.choices import RegionLevel
from wulian.models import Region
from wulian.personal import personal_fields, resolve_search_term
from wulian.pickers import use_picker


BOOLEAN_WORDS = {"true": True, "1": True, "false": False, "0": False, "": None}


class YesNoWidget(django_filters.widgets.BooleanWidget):
    """Yes / no / all, where “all” reads like the other filters' blank choice (not 未知)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("All")), ("true", _("Yes")), ("false", _("No")))

    def value_from_datadict(self, data, files, name):
        value = data.get(name, None)
        if isinstance(value, str) and value.lower() not in BOOLEAN_WORDS:
            return value  # not a yes or a no: the field refuses it (400 on the API) instead of ignoring it
        return super().value_from_datadict(data, files, name)


class StrictBooleanField(forms.NullBooleanField):
    """true / false (1 / 0), or nothing; any other value is an error, not “all”."""

    def to_python(self, value):
        if isinstance(value, str) and value.lower() not in BOOLEAN_WORDS:
            from django.core.exceptions import ValidationError

            raise ValidationError(_("Choose yes (true) or no (false)."), code="invalid_boolean")
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.INT)  # the API takes the region's id
class RegionFilter(django_filters.ModelChoiceFilter):
    """Rows at or below the chosen region (one prefix query on the region path)."""

    def __init__(self, *args, lookup="region", levels=None, **kwargs):
        self.region_lookup = lookup
        self.levels = levels
        kwargs.setdefault("queryset", Region.objects.filter(level__gte=RegionLevel.COUNTY))
        kwargs.setdefault("label", _("Region"))
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        prefix = f"{self.region_lookup}__" if self.region_lookup else ""
        return queryset.filter(**{f"{prefix}path__startswith": value.path})


def label_range_inputs(form) -> None:
    """A from–to filter shows two inputs under one label: name each for screen readers (起 / 止)."""
    for field in form.fields.values():
        widgets = getattr(field.widget, "widgets", None)
        if widgets and len(widgets) == 2:
            for widget, end in zip(widgets, (_("range start"), _("range end")), strict=True):
                widget.attrs.setdefault("aria-label", f"{field.label}（{end}）")


class DateFromToWidget(django_filters.widgets.DateRangeWidget):
    """Two date pickers whose values travel as ``<name>_from`` and ``<name>_to``."""

    suffixes = ["from", "to"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})})


class DateFromToField(django_filters.fields.DateRangeField):
    widget = DateFromToWidget


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    """The one date-range filter of pages and API alike.

    ``?date_from=2024-01-01&date_to=2024-06-30``: both ends inclusive, either may be left out, ISO dates (what
    the page's date pickers send). On a date-time field the ends are whole days in the portal's time zone.
    The API schema names the same two parameters (drf-spectacular reads the widget's suffixes).
    """

    field_class = DateFromToField


def picker_filters(flt) -> dict | None:
    """What a region filter's picker offers: the levels it accepts (counties and below by default)."""
    if not isinstance(flt, RegionFilter):
        return None
    if flt.levels:
        return {"level__in": [int(level) for level in flt.levels]}
    return {"level__gte": int(RegionLevel.COUNTY)}


class ScopedFilterSet(django_filters.FilterSet):
    """Base filter set: ``q`` searches ``search_fields``; choice filters offer in-scope rows only."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="search", label=_("Search"))

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = getattr(request, "user", None)
        for name, flt in self.filters.items():
            field = self.form.fields.get(name)
            if isinstance(flt, django_filters.BooleanFilter) and field is not None:
                field.widget = YesNoWidget()
                field.__class__ = StrictBooleanField
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "restrict") and user is not None:
                if isinstance(flt, RegionFilter) and flt.levels:
                    qs = qs.filter(level__in=flt.levels)
                field.queryset = qs.restrict(user, "view")
            if field is not None:
                use_picker(field, picker_filters(flt))
        from wulian.forms import FILTER_EMPTY_CHOICE, label_empty_choices

        label_empty_choices(self.form, FILTER_EMPTY_CHOICE)
        label_range_inputs(self.form)
        self.form.fields["q"].widget.attrs.setdefault("placeholder", _("Name, number…"))

    def search(self, queryset, name, value):
        """``search_fields`` contain the words; a personal field (``wulian.personal``) must equal them whole, so
        the box finds a person by full ID number or phone but cannot be used to guess one digit by digit."""
        asked = (value or "").strip()
        value = resolve_search_term(getattr(self.request, "session", None), asked)
        if asked and not value:
            return queryset.none()  # a stand-in for a search this session did not make
        personal = personal_fields(queryset.model)
        if not value or not (self.search_fields or personal):
            return queryset
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value})
        for field in personal:
            q |= Q(**{field: value}) | Q(**{field: value.upper()})
        return queryset.filter(q)
