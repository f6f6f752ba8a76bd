"""Generic views: a model's pages are a few declarative lines on top of these.

Each view starts from ``Model.objects.restrict(user, action)``; an object outside it answers 404. Edits and
creations are saved in a transaction and re-checked against the user's scope before commit (a forged field
that moves a record out of scope is rolled back).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from wulian import pipl, workflow, writes
from wulian.attachments import attachment_context
from wulian.choices import AccessAction
from wulian.exports import XLSX_CONTENT_TYPE, export_table
from wulian.history import history_for
from wulian.models import AccessLog, AttachmentsMixin
from wulian.models.base import can, conceal, hidden_fields, is_party, user_can
from wulian.money import MoneyField, format_money
from wulian.panels import render_panels
from wulian.personal import Masker, can_reveal, hide_search_term, looks_personal, personal_fields
from wulian.tables import MaskedColumn

PER_PAGE_CHOICES = (25, 50, 100)
PERSONAL_EXPORT_PARAM = "personal"


# Paging reaches this many rows at most: an OFFSET deeper than that reads and throws away every row before
# it. Beyond, the list asks for a narrower filter (or the export, which streams everything).
MAX_PAGED_ROWS = 10_000


class BoundedPaginator(Paginator):
    """A paginator whose last page ends at row ``MAX_PAGED_ROWS``, and whose count stops there too.

    The count is exact up to ``MAX_PAGED_ROWS`` and ``MAX_PAGED_ROWS + 1`` ("more than") beyond: counting
    a million hour rows in the city's scope took longer than the rest of the page, and grew with the data.
    """

    @cached_property
    def count(self):
        rows = self.object_list
        while not isinstance(rows, QuerySet) and hasattr(rows, "data"):  # BoundRows → TableQuerysetData
            rows = rows.data
        if isinstance(rows, QuerySet):
            return rows.order_by().values("pk")[: MAX_PAGED_ROWS + 1].count()
        return super().count

    @cached_property
    def num_pages(self):
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, min(self.count, MAX_PAGED_ROWS) - self.orphans)
        return ceil(hits / self.per_page)

    @property
    def is_bounded(self) -> bool:
        return self.count > MAX_PAGED_ROWS

    def _get_page(self, object_list, number, paginator):
        """Past the first page, the rows are found by their keys first, then read with their annotations.

        PostgreSQL computes a row's per-row subqueries (hours, counts) before OFFSET throws the row away: the
        last page of 10,000 activities ran 20,000 subqueries for 25 rows shown. Here the OFFSET walks the
        sort index for primary keys only, and the 25 rows are read in a second query by key.
        """
        rows = getattr(object_list, "data", object_list)  # a table pages its BoundRows
        if number > 1 and isinstance(rows, QuerySet) and rows.query.low_mark:
            keys = list(rows.values_list("pk", flat=True))
            full = rows._chain()
            full.query.clear_limits()
            found = {row.pk: row for row in full.filter(pk__in=keys)}
            rows = [found[key] for key in keys if key in found]
            if rows is not object_list and hasattr(object_list, "data"):
                object_list.data = rows
            else:
                object_list = rows
        return super()._get_page(object_list, number, paginator)


QUICK_PERIODS = ("month", "year")


def period_bounds(period: str):
    """[start, end) of this month or this year, by the local calendar."""
    today = timezone.localdate()
    if period == "month":
        start = today.replace(day=1)
        end = (start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1))
    else:
        start, end = today.replace(month=1, day=1), today.replace(year=today.year + 1, month=1, day=1)
    return start, end


class ScopedView(LoginRequiredMixin, View):
    model = None
    queryset = None  # optional base queryset (select_related etc.)
    action = "view"
    # The page's name when it differs from the model's plural (it then matches the menu entry).
    title = None

    def base_queryset(self):
        if self.queryset is not None:
            return self.queryset.all()
        return self.model._default_manager.all()

    def get_queryset(self, action: str | None = None):
        return self.base_queryset().restrict(self.request.user, action or self.action)

    def check_model_permission(self, action: str | None = None):
        if not user_can(self.request.user, self.model, action or self.action):
            raise PermissionDenied

    @property
    def verbose_name(self) -> str:
        return force_str(self.model._meta.verbose_name)

    @property
    def verbose_name_plural(self) -> str:
        return force_str(self.title or self.model._meta.verbose_name_plural)

    def base_context(self, **extra):
        context = {
            "model": self.model,
            "opts": self.model._meta,
            "verbose_name": self.verbose_name,
            "verbose_name_plural": self.verbose_name_plural,
            "can_add": user_can(self.request.user, self.model, "add"),
        }
        context.update(extra)
        return context


class ObjectListView(ScopedView):
    """List with filters, search, sorting, pagination and an export of the filtered rows."""

    filterset_class = None
    table_class = None
    template_name = "generic/object_list.html"
    import_url_name: str | None = None  # set when the model has an import page
    action_buttons = ("add", "export")
    # Quick filters above the table: 本月 / 本年 on this date field, 我录入的 on this user field.
    period_field: str | None = None
    mine_field: str | None = None
    # Sums shown over the filtered rows (issue 23 A): ``(field, unit)`` pairs, e.g. ``(("hours", "课时"),)``.
    totals: tuple = ()

    def list_totals(self, queryset, paginator) -> list[dict]:
        """What the filtered rows add up to ("合计 48 课时"), one aggregate query; not past the paging bound,
        where the count itself stops (narrow the filter to see it)."""
        if not self.totals or paginator.is_bounded:
            return []
        from django.db.models import Sum

        sums = queryset.order_by().aggregate(**{f"t{i}": Sum(field) for i, (field, _unit) in enumerate(self.totals)})
        return [{"value": sums[f"t{i}"] or 0, "unit": unit} for i, (_field, unit) in enumerate(self.totals)]

    def filtered(self, request):
        """The rows the list shows for this request: in scope, then filtered; and the filter set."""
        queryset = self.get_queryset()
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.GET or None, queryset=queryset, request=request)
            if filterset.is_bound and not filterset.is_valid():
                queryset = queryset.none()
            else:
                queryset = filterset.qs
        if not queryset.ordered and self.model._meta.ordering:
            # Django drops Meta.ordering from GROUP BY queries (lists annotated with counts): keep the
            # model's order, newest first wherever a date leads.
            queryset = queryset.order_by(*self.model._meta.ordering)
        return self.quick_filtered(request, queryset), filterset

    def quick_filtered(self, request, queryset):
        period = request.GET.get("period")
        if self.period_field and period in QUICK_PERIODS:
            start, end = period_bounds(period)
            queryset = queryset.filter(**{f"{self.period_field}__gte": start, f"{self.period_field}__lt": end})
        if self.mine_field and request.GET.get("mine") == "1":
            queryset = queryset.filter(**{self.mine_field: request.user})
        return queryset

    def quick_filters(self, request) -> list[dict]:
        """The quick filter links, each keeping the other parameters of the page."""
        if not (self.period_field or self.mine_field):
            return []
        links = []

        def link(label, key, value):
            params = request.GET.copy()
            params.pop("page", None)
            active = params.get(key) == value
            if active or value is None:
                params.pop(key, None)
            else:
                params[key] = value
            return {"label": label, "url": "?" + params.urlencode(), "active": active, "key": f"{key}-{value}"}

        if self.period_field:
            links.append(link(_("This month"), "period", "month"))
            links.append(link(_("This year"), "period", "year"))
        if self.mine_field:
            links.append(link(_("Entered by me"), "mine", "1"))
        return links

    def get(self, request, *args, **kwargs):
        self.check_model_permission("view")
        term = request.GET.get("q", "")
        if looks_personal(term) and personal_fields(self.model):
            # Found, but never echoed: the address carries a masked stand-in (``wulian.personal``).
            params = request.GET.copy()
            params["q"] = hide_search_term(request.session, term.strip())
            return redirect(f"{request.path}?{params.urlencode()}")
        queryset, filterset = self.filtered(request)
        # Not ``request=request``: the table would read page and per_page from the query string itself.
        table = self.table_class(queryset, user=request.user)
        table.request = request
        if request.GET.get("export") == "xlsx":
            reveal = self.export_reveals_personal_data(request, table)
            if queryset.count() > settings.WULIAN_EXPORT_SYNC_ROWS:
                return self.export_in_background(request)
            table.reveal_personal_data = reveal
            action = AccessAction.EXPORT_PERSONAL if reveal else AccessAction.EXPORT
            return export_table(request, table, queryset, self.verbose_name_plural, action=action)
        per_page = request.GET.get("per_page")
        per_page = int(per_page) if per_page in {str(n) for n in PER_PAGE_CHOICES} else PER_PAGE_CHOICES[0]
        configure_table(request, table, per_page)
        context = self.base_context(
            table=table,
            filterset=filterset,
            filter_form=filterset.form if filterset else None,
            per_page=per_page,
            per_page_choices=PER_PAGE_CHOICES,
            max_paged_rows=f"{MAX_PAGED_ROWS:,}",
            add_url=self._url("add"),
            import_url=reverse(self.import_url_name) if self.import_url_name else None,
            can_import=bool(self.import_url_name) and user_can(request.user, self.model, "add"),
            export_query=_with_param(request, "export", "xlsx"),
            personal_export_query=(
                _with_param(request, "export", "xlsx") + f"&{PERSONAL_EXPORT_PARAM}=1"
                if _has_personal_columns(table) and can_reveal(request.user)
                else None
            ),
            quick_filters=self.quick_filters(request),
            list_totals=self.list_totals(queryset, table.paginator),
        )
        context.update(self.extra_context())
        return render(request, self.template_name, context)

    def extra_context(self) -> dict:
        return {}

    def export_reveals_personal_data(self, request, table) -> bool:
        """Whether this export asks for personal data unmasked: a separate choice (``?personal=1``), open only
        to roles allowed to reveal, and logged as such. Every other export is masked like the list."""
        if request.GET.get(PERSONAL_EXPORT_PARAM) != "1":
            return False
        if not can_reveal(request.user):
            raise PermissionDenied
        return _has_personal_columns(table)

    def export_in_background(self, request):
        """A large export is built by the report pipeline and lands in the user's download list."""
        from wulian.reports import BrokerUnavailable, TooManyReports, submit
        from wulian.views.reports import broker_down_message

        params = request.GET.copy()
        params.pop("export", None)
        params.pop("page", None)
        try:
            submit(
                request.user,
                "list_export",
                {"view": f"{type(self).__module__}.{type(self).__qualname__}", "query": params.urlencode()},
            )
        except BrokerUnavailable:
            messages.error(request, broker_down_message())
            return redirect(request.path)
        except TooManyReports as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        messages.info(
            request,
            _("The export has more than %(limit)s rows; it is being prepared in the background and appears in your downloads.")
            % {"limit": settings.WULIAN_EXPORT_SYNC_ROWS},
        )
        return redirect("wulian:report_center")

    def _url(self, view: str) -> str | None:
        try:
            return reverse(self.model.url_name(view))
        except Exception:  # noqa: BLE001 - a model without that page
            return None


def _has_personal_columns(table) -> bool:
    return any(isinstance(column.column, MaskedColumn) for column in table.columns)


def configure_table(request, table, per_page: int) -> None:
    """Sort and paginate a table from whitelisted parameters only.

    django-tables2's ``RequestConfig`` reads ``per_page`` and ``page`` from the query string itself (so
    ``?per_page=1000000`` overrode the offered choices); here the sort is handed over (the table ignores
    unknown columns), the page size is the one already checked and the page number is clamped.
    """
    RequestConfig(request, paginate=False).configure(table)
    table.paginate(paginator_class=BoundedPaginator, page=1, per_page=per_page)
    page = request.GET.get(getattr(table, "prefixed_page_field", "page"), "")
    number = int(page) if page.isdigit() and len(page) < 10 else 1
    number = min(max(number, 1), table.paginator.num_pages)
    if number != 1:
        table.paginate(paginator_class=BoundedPaginator, page=number, per_page=per_page)


def _with_param(request, key, value) -> str:
    params = request.GET.copy()
    params[key] = value
    params.pop("page", None)
    return params.urlencode()


@dataclass(frozen=True)
class RelatedList:
    """A list of related rows on a detail page, cut by the related model's scope rule like any list page.

    NetBox's ``ObjectsTablePanel``/``RestrictedPrefetch`` is the model: the rows come from
    ``model.objects.restrict(user, action)`` filtered by ``lookup`` (from the related model to the shown
    object, e.g. ``"person"`` or the many-to-many ``"attendees"``), never from ``obj.<relation>.all()``, so a
    person who moved town does not carry the posts and trainings of their old town onto the new town's page.
    """

    name: str  # the template variable
    model: type
    lookup: str
    order_by: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    # (lookup, model) pairs prefetched through the model's own scope rule (NetBox's ``RestrictedPrefetch``).
    prefetch: tuple[tuple[str, type], ...] = ()
    limit: int | None = None
    action: str = "view"

    def rows(self, user, obj):
        queryset = self.model._default_manager.all().restrict(user, self.action).filter(**{self.lookup: obj})
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch:
            queryset = queryset.prefetch_related(
                *(Prefetch(lookup, queryset=model._default_manager.restrict(user)) for lookup, model in self.prefetch)
            )
        if self.order_by:
            queryset = queryset.order_by(*self.order_by)
        return queryset[: self.limit] if self.limit else queryset


class ObjectDetailView(ScopedView):
    """One record, its fields, its declared related lists (``related``), and its history."""

    template_name = "generic/object_detail.html"
    detail_fields: list[str] = []
    related: tuple[RelatedList, ...] = ()
    revealed = False
    hidden: frozenset = frozenset()

    def get_object(self):
        return get_object_or_404(self.get_queryset("view"), pk=self.kwargs["pk"])

    def post(self, request, *args, **kwargs):
        """Reveal this record's personal data: only roles allowed to, and every reveal is logged."""
        obj = self.get_object()
        if not can_reveal(request.user) or not personal_fields(self.model):
            raise PermissionDenied
        AccessLog.record(request, AccessAction.REVEAL, self.model, object_id=obj.pk)
        self.revealed = True
        return self.get(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        user = request.user
        # A viewer who is no party to the row (``ScopeRule.parties``) sees its public fields only: no history,
        # timeline or files.
        self.hidden = hidden_fields(user, obj)
        obj = conceal(obj, self.hidden)
        shows_personal = any(name in personal_fields(self.model) for name in self.detail_fields)
        can_change = self.get_queryset("change").filter(pk=obj.pk).exists()
        context = self.base_context(
            object=obj,
            fields=self.field_rows(obj),
            history=[] if self.hidden else history_for(obj, user),
            revealed=self.revealed,
            can_reveal=shows_personal and not self.revealed and can_reveal(user),
            can_change=can_change,
            can_delete=self.get_queryset("delete").filter(pk=obj.pk).exists(),
            edit_url=obj.get_url("edit"),
            delete_url=obj.get_url("delete"),
            list_url=self._list_url(),
        )
        context.update({related.name: related.rows(user, obj) for related in self.related})
        context.update(pipl.detail_context(obj, user, can_change=can_change, can_delete=context["can_delete"]))
        self.offered = []  # the transitions offered, for ``extra_context``
        if getattr(self.model, "workflow", None) is not None:
            available = self.offered = self.model.workflow.offered(obj, user, known={"change": context["can_change"]})
            context["transitions"] = [(t, reverse(self.model.url_name("action"), args=[obj.pk, t.name])) for t in available]
            context["timeline"] = [] if self.hidden else workflow.timeline(obj)
        if isinstance(obj, AttachmentsMixin) and not self.hidden:
            context.update(attachment_context(obj, can_change=can_change))
        context.update(self.extra_context(obj))
        if "panels" not in context:  # a page that places its panels itself names them ``panels``
            context["detail_panels"] = render_panels(request, obj)
        return render(request, self.template_name, context)

    def _list_url(self):
        try:
            return reverse(self.model.url_name("list"))
        except Exception:  # noqa: BLE001
            return None

    def field_rows(self, obj):
        """(label, value, field) of ``detail_fields``; personal fields masked unless this request revealed them."""
        masker = Masker(self.model, reveal=self.revealed)
        rows = []
        hidden = getattr(self, "hidden", frozenset())
        for name in self.detail_fields:
            if name in hidden:
                continue
            field = obj._meta.get_field(name)
            label = force_str(field.verbose_name)
            if field.many_to_many:
                # Only the related rows the viewer may see: a training of 首善 attended by a 横渠 worker does
                # not show that worker to 首善.
                related = getattr(obj, name).all()
                if hasattr(related, "restrict"):
                    related = related.restrict(self.request.user)
                value = "、".join(str(v) for v in related)
            elif getattr(field, "choices", None):
                value = getattr(obj, f"get_{name}_display")()
            elif isinstance(field, MoneyField):
                value = format_money(getattr(obj, name))
            elif field.many_to_one or field.one_to_one:
                value = self._related_value(getattr(obj, name))
            else:
                value = masker(name, getattr(obj, name))
            rows.append((label, value, field))
        return rows

    def _related_value(self, related):
        """A related record links to its page only for a viewer who may read all of it; to one who is no party
        (a losing bidder and the project it bid for) it links to its public page, or reads as plain text."""
        rule = getattr(type(related), "scope_rule", None)
        if related is None or rule is None or not hasattr(related, "get_absolute_url"):
            return related
        if rule.parties:
            if is_party(self.request.user, related):
                return related
        elif can(self.request.user, "view", related):  # no link to a page the viewer may not open (issue 23)
            return related
        public = getattr(related, "get_public_url", None)
        return PublicLink(str(related), public()) if public else str(related)

    def extra_context(self, obj) -> dict:
        return {}


@dataclass(frozen=True)
class PublicLink:
    """A record shown by name, linked to its public page."""

    label: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Inline:
    """Rows edited on the record's page (an inline formset), saved in the same write as the record.

    ``name`` is the formset's prefix and template variable, ``legend`` the heading of its card.
    """

    name: str
    formset: type
    legend: object


class ObjectEditView(ScopedView):
    """Create (no pk) or edit (pk) one record with a ``ScopedModelForm``, and the rows of its ``inlines``.

    The form and every formset are validated together and saved in ONE write (``wulian.writes.write``): the
    record, its rows, the model rules and the scope re-check of each saved row, or nothing.
    """

    form_class = None
    inlines: tuple[Inline, ...] = ()
    template_name = "generic/object_edit.html"
    edit_action = "change"  # the scope action an existing record is found (and re-checked) with
    success_message = None  # instead of "<model> “<name>” was saved."

    def get_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.get_queryset(self.edit_action), pk=self.kwargs["pk"])
        self.check_model_permission("add")
        return self.new_object()

    def new_object(self):
        return self.model()

    def get_form(self, obj, data=None, files=None):
        form = self.form_class(data=data, files=files, instance=obj, user=self.request.user, **self.form_kwargs())
        if obj.pk is None and data is None:
            form.initial.update(self.initial_from_query(form))
        return form

    def inline_parent(self, obj):
        """The record the inline rows belong to (the edited one, unless they hang on its parent)."""
        return obj

    def get_formsets(self, obj, data=None, files=None) -> list[tuple[str, object, object]]:
        parent = self.inline_parent(obj)
        return [
            (inline.name, inline.formset(data=data, files=files, instance=parent, prefix=inline.name), inline.legend)
            for inline in self.inlines
        ]

    def initial_from_query(self, form) -> dict:
        """A create form opens prefilled from its link's query string (``?person=12`` from a person's page).

        A field named in the query takes the value when the form would accept it: a row must be one the field
        offers (its choices are already cut to the user's scope), a choice one of its choices; anything else is
        ignored. It is only a starting value: the POST is validated like any other.
        """
        initial = {}
        for name, field in form.fields.items():
            value = self.request.GET.get(name)
            if not value:
                continue
            if isinstance(field, forms.ModelMultipleChoiceField):
                continue
            if isinstance(field, forms.ModelChoiceField):
                if not value.isdigit() or not field.queryset.filter(pk=value).exists():
                    continue
            elif isinstance(field, forms.ChoiceField):
                if value not in {str(key) for key, _label in field.choices}:
                    continue
            initial[name] = value
        return initial

    def form_kwargs(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.render_form(obj, self.get_form(obj))

    def render_form(self, obj, form, formsets=None):
        context = self.base_context(
            object=obj,
            form=form,
            formsets=formsets if formsets is not None else self.get_formsets(obj),
            is_new=obj.pk is None,
            cancel_url=self.cancel_url(obj),
            page_title=self.page_title(obj),
        )
        context.update(self.extra_context(obj))
        return render(self.request, self.template_name, context)

    def page_title(self, obj):
        return None

    def extra_context(self, obj) -> dict:
        return {}

    def cancel_url(self, obj) -> str:
        return obj.get_absolute_url() if obj.pk else self._list_url()

    def _list_url(self):
        try:
            return reverse(self.model.url_name("list"))
        except Exception:  # noqa: BLE001
            return "/"

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        is_new = obj.pk is None
        form = self.get_form(obj, data=request.POST, files=request.FILES)
        formsets = self.get_formsets(obj, data=request.POST, files=request.FILES)
        if not (form.is_valid() and all(fs.is_valid() for _n, fs, _l in formsets) and self.valid_together(form, formsets)):
            return self.render_form(obj, form, formsets)
        try:
            # The write path: save, the model's rules and the scope re-check in one transaction.
            saved = writes.write(request.user, "add" if is_new else self.edit_action, lambda: self.save(form, formsets))
        except writes.Refused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            if is_new:
                obj.pk, obj._state.adding = None, True
            return self.render_form(obj, form, formsets)
        messages.success(request, self.saved_message(saved[-1], is_new))
        return redirect(self.success_url(saved[-1]))

    def saved_message(self, obj, is_new: bool) -> str:
        if self.success_message:
            return force_str(self.success_message)
        message = _("%(model)s “%(name)s” was created.") if is_new else _("%(model)s “%(name)s” was saved.")
        return message % {"model": self.verbose_name, "name": obj}

    def valid_together(self, form, formsets) -> bool:
        """A check across the form and its formsets (both valid on their own); add errors and answer False."""
        return True

    def save(self, form, formsets) -> list:
        """Save the record and its inline rows (inside the write path's transaction); the record comes last."""
        record = self.save_form(form)
        rows = []
        for _name, formset, _legend in formsets:
            rows.extend(formset.save())
        return [*rows, record]

    def save_form(self, form):
        """Save the valid form (runs inside the write path's transaction)."""
        return form.save()

    def success_url(self, obj):
        return obj.get_absolute_url()


class ObjectDeleteView(ScopedView):
    template_name = "generic/object_confirm_delete.html"

    def get_object(self):
        return get_object_or_404(self.get_queryset("delete"), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return render(request, self.template_name, self.base_context(object=obj, cancel_url=self.cancel_url(obj)))

    def cancel_url(self, obj) -> str:
        return obj.get_absolute_url()

    def success_url(self, obj) -> str:
        """Where to go after the deletion (``obj`` is deleted but its fields are still readable)."""
        try:
            return reverse(self.model.url_name("list"))
        except Exception:  # noqa: BLE001 - a model without a list page
            return reverse("home")

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        name = str(obj)
        try:
            writes.delete(request.user, obj)
        except writes.Refused as exc:
            messages.error(request, exc.message)
            return redirect(self.cancel_url(obj))
        messages.success(request, _("%(model)s “%(name)s” was deleted.") % {"model": self.verbose_name, "name": name})
        return redirect(self.success_url(obj))


class ObjectImportView(ScopedView):
    """Upload an Excel file made from the template; all rows or none are imported."""

    importer_class = None
    template_name = "generic/object_import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.model = self.importer_class.model
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.check_model_permission("add")
        importer = self.get_importer()
        if request.GET.get("template"):
            response = HttpResponse(importer.template_bytes(), content_type=XLSX_CONTENT_TYPE)
            response["Content-Disposition"] = content_disposition_header(True, self.template_filename())
            return response
        return self.render_page(importer)

    # What a page importing into one parent (a profile's targets) changes; by default the model's list.
    def get_importer(self):
        return self.importer_class(self.request.user)

    def template_filename(self) -> str:
        return _("%s import template.xlsx") % self.verbose_name_plural

    def get_success_url(self) -> str:
        return reverse(self.model.url_name("list"))

    def render_page(self, importer, result=None):
        return render(
            self.request,
            self.template_name,
            self.base_context(
                importer=importer,
                headers=importer.headers(),
                result=result,
                list_url=self.get_success_url(),
            ),
        )

    def post(self, request, *args, **kwargs):
        self.check_model_permission("add")
        importer = self.get_importer()
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose an Excel file to import."))
            return self.render_page(importer)
        result = importer.run(upload)
        if result.ok:
            AccessLog.record(request, AccessAction.IMPORT, self.model, row_count=result.created)
            messages.success(request, importer.success_message(result))
            return redirect(self.get_success_url())
        messages.error(request, _("Nothing was imported: correct the rows below and upload the file again."))
        return self.render_page(importer, result)


def object_urls(prefix: str, model, *, list=None, detail=None, edit=None, delete=None, import_=None):  # noqa: A002
    """URL patterns for a model's pages, named ``<model>_list``, ``_detail``, ``_add``, ``_edit``, ...

    ``prefix`` is the URL segment, e.g. ``"stations"``.
    """
    name = model._meta.model_name
    patterns = []
    if list:
        patterns.append(path(f"{prefix}/", list.as_view(), name=f"{name}_list"))
    if import_:
        patterns.append(path(f"{prefix}/import/", import_.as_view(), name=f"{name}_import"))
    if edit:
        patterns.append(path(f"{prefix}/add/", edit.as_view(), name=f"{name}_add"))
        patterns.append(path(f"{prefix}/<int:pk>/edit/", edit.as_view(), name=f"{name}_edit"))
    if detail:
        patterns.append(path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}_detail"))
    if delete:
        patterns.append(path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"))
    if getattr(model, "workflow", None) is not None:
        # A model with states declares its transitions; its action URLs come with it (no view code).
        from wulian.views.actions import ActionView, BulkActionView

        one = type(f"{model.__name__}ActionView", (ActionView,), {"model": model})
        several = type(f"{model.__name__}BulkActionView", (BulkActionView,), {"model": model})
        patterns.append(path(f"{prefix}/<int:pk>/actions/<slug:name>/", one.as_view(), name=f"{name}_action"))
        patterns.append(path(f"{prefix}/actions/<slug:name>/", several.as_view(), name=f"{name}_bulk_action"))
    return patterns
