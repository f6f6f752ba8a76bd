"""Searchable pickers: a choice of a region, station, agency, organisation, volunteer or staff member that
loads matching, in-scope options on demand.

A page never renders thousands of ``<option>``s: a picker field renders its chosen option(s) only — or
every option when the field has few (so a small list still works without JavaScript) — and Tom Select
(``static/js/pickers.js``) asks the one scoped endpoint ``/core/pick/<app.model>/?q=`` for more. The
endpoint starts from ``Model.objects.restrict(user, "view")`` like every other view, and the form still
validates the submitted value against its own scoped queryset, so a forged id is refused as before.

Apps declare their pickable models once (``register`` in their ``AppConfig.ready``); the core names no app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django import forms
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel

PICK_LIMIT = 30  # options one answer of the endpoint carries
SMALL_LIST = 50  # a field with at most this many choices renders them all (usable without JavaScript)
SIGNING_SALT = "wulian.pickers"


@dataclass(frozen=True)
class Picker:
    """How a model is searched and labelled in a picker.

    search: ``icontains`` lookups the typed text is matched against.
    parent: lookup to the ``Region`` the row hangs on; options read “parent / row” (首善街道 / 滨河社区) and
        typing the parent's name finds its rows.
    order_by: order of the options (defaults to the model's ordering).
    """

    model: type
    search: tuple[str, ...] = ("name",)
    parent: str | None = None
    order_by: tuple[str, ...] = ()
    label: Callable | None = None
    search_q: Callable | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return model_key(self.model)

    def queryset(self, user, filters: dict | None = None):
        qs = self.model._default_manager.all().restrict(user, "view")
        if filters:
            qs = qs.filter(**filters)
        if self.parent:
            qs = qs.select_related(self.parent)
        if self.order_by:
            qs = qs.order_by(*self.order_by)
        return qs

    def search_filter(self, qs, text: str):
        text = text.strip()
        if not text:
            return qs
        if self.search_q is not None:
            return qs.filter(self.search_q(qs, text))
        q = Q()
        for lookup in self.search:
            q |= Q(**{f"{lookup}__icontains": text})
        if self.parent:
            q |= Q(**{f"{self.parent}__name__icontains": text})
        return qs.filter(q)

    def labels(self, objects: Iterable) -> list[str]:
        objects = list(objects)
        if self.label is not None:
            return self.label(objects)
        if self.parent:
            return [_join(getattr(o, self.parent), o) for o in objects]
        return [str(o) for o in objects]


def _join(*parts) -> str:
    return " / ".join(str(p) for p in parts if p)


_registry: dict[str, Picker] = {}


def model_key(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def register(model, **options) -> Picker:
    """Make ``model`` pickable (idempotent: apps call this from ``ready``)."""
    picker = Picker(model=model, **options)
    _registry[picker.key] = picker
    return picker


def get_picker(key_or_model) -> Picker | None:
    key = key_or_model if isinstance(key_or_model, str) else model_key(key_or_model)
    return _registry.get(key)


def sign_filters(filters: dict | None) -> str:
    return signing.dumps(filters or {}, salt=SIGNING_SALT, compress=True)


def unsign_filters(token: str) -> dict:
    """The narrowing a form asked for (levels, tiers…); signed, so a visitor cannot widen or alter it."""
    if not token:
        return {}
    value = signing.loads(token, salt=SIGNING_SALT)
    if not isinstance(value, dict):
        raise signing.BadSignature("not a filter")
    return value


# -- widgets -------------------------------------------------------------------------------------------------


class PickerSelect(forms.Select):
    """A ``<select>`` holding only its chosen option(s), or all options when there are few.

    ``filters`` narrows what the endpoint offers the same way the field's queryset is narrowed (e.g.
    ``{"level__in": [5]}`` for communities only); the form validates the value against its queryset anyway.
    """

    def __init__(self, picker: Picker, filters: dict | None = None, attrs=None):
        super().__init__(attrs)
        self.picker = picker
        self.filters = filters or {}

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.filters = dict(self.filters)
        return obj

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        url = reverse("wulian:pick", args=[self.picker.key])
        if self.filters:
            url += "?f=" + sign_filters(self.filters)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-pick-url"] = url
        widget_attrs["data-pick-empty"] = str(_("No match: type part of a name."))
        widget_attrs["data-pick-placeholder"] = str(_("Type to search…"))
        widget_attrs["data-pick-clear"] = str(_("Clear the choice"))
        widget_attrs.setdefault("class", "form-select")
        return context

    def _rows(self, values):
        """(rows, complete): every choice when there are few, else only the chosen ones."""
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:  # plain choices: nothing to load
            return None, True
        if self.picker.parent:
            queryset = queryset.select_related(self.picker.parent)
        if self.picker.order_by:
            queryset = queryset.order_by(*self.picker.order_by)
        few = list(queryset[: SMALL_LIST + 1])
        if len(few) <= SMALL_LIST:
            return few, True
        wanted = {str(v) for v in values if v not in (None, "")}
        chosen = [row for row in few if str(row.pk) in wanted]
        missing = wanted - {str(row.pk) for row in chosen}
        ids = [int(v) for v in missing if str(v).isdigit()]
        if ids:
            chosen += list(queryset.filter(pk__in=ids))
        return chosen, False

    def optgroups(self, name, value, attrs=None):
        rows, complete = self._rows(value)
        if rows is None:
            return super().optgroups(name, value, attrs)
        wanted = {str(v) for v in value if v not in (None, "")}
        if not wanted and complete and len(rows) == 1 and self.is_required and not self.allow_multiple_selected:
            wanted = {str(rows[0].pk)}  # the only choice there is: preselected
        groups = []
        field = getattr(self.choices, "field", None)
        empty_label = getattr(field, "empty_label", None)
        index = 0
        if not self.allow_multiple_selected and empty_label is not None:
            groups.append((None, [self.create_option(name, "", empty_label, not wanted, index, attrs=attrs)], index))
            index += 1
        for row, label in zip(rows, self.picker.labels(rows), strict=True):
            selected = str(row.pk) in wanted
            groups.append((None, [self.create_option(name, str(row.pk), label, selected, index, attrs=attrs)], index))
            index += 1
        return groups


class PickerSelectMultiple(PickerSelect, forms.SelectMultiple):
    allow_multiple_selected = True


def use_picker(field, filters: dict | None = None) -> bool:
    """Give a model choice field (form or filter) a picker widget, when its model is pickable."""
    queryset = getattr(field, "queryset", None)
    if queryset is None or not isinstance(field, forms.ModelChoiceField):
        return False
    if field.to_field_name not in (None, queryset.model._meta.pk.name):
        return False  # import forms name rows (by name) instead of giving ids, and never render
    picker = get_picker(queryset.model)
    if picker is None:
        return False
    old = field.widget
    if isinstance(old, PickerSelect):
        if filters is not None:
            old.filters = dict(filters)
        return True
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget = (PickerSelectMultiple if multiple else PickerSelect)(picker, filters, attrs=dict(old.attrs))
    widget.attrs.pop("size", None)
    widget.is_required = field.required
    widget.choices = field.choices
    field.widget = widget
    return True


# -- the core's own pickers ----------------------------------------------------------------------------------


def _region_labels(regions: list) -> list[str]:
    """首善街道 / 滨河社区: each region after its parent (one query for all parents)."""
    from wulian.models import Region

    parent_paths = {r.path[: -r.steplen] for r in regions if r.depth and r.depth > 1}
    names = dict(
        Region.objects.filter(path__in=parent_paths, level__gte=RegionLevel.COUNTY).values_list("path", "name")
    )
    return [_join(names.get(r.path[: -r.steplen]), r.name) for r in regions]


def _region_search(qs, text: str) -> Q:  # noqa: ARG001 - the picker's search signature
    """A region whose name matches, or any region under one whose name matches (type a town, get its communities)."""
    from wulian.models import Region

    # The matching parents are looked up among all regions (the picker may offer communities only); the
    # prefixes found only narrow ``qs``, which stays cut to the user's scope.
    q = Q(name__icontains=text)
    parents = Region.objects.filter(name__icontains=text, level__lt=RegionLevel.COMMUNITY).order_by("path")
    for path in parents.values_list("path", flat=True)[:100]:
        q |= Q(path__startswith=path)
    return q


def register_core_pickers():
    from wulian.models import Region, User

    register(Region, order_by=("path",), label=_region_labels, search_q=_region_search)
    # Accounts (the access log's "who" filter, issue 23 G): the people of the user's area, by name or user name.
    register(User, search=("username", "first_name", "last_name"), order_by=("username",))
