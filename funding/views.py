"""Funding pages: budget lines, the ledger, postings (allocation, spending, transfer, reversal), agreement
commitments, tranche payments and the operating funds of stations. Lists, details and line edits go
through the core's generic views; every posting goes through ``funding.ledger`` (the write path)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, ExpressionWrapper, F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.models.base import can, user_can
from wulian.views import generic
from wulian.views.generic import RelatedList
from wulian.writes import Refused

from . import ledger, years
from .filtersets import EFFECT_SUMS, BudgetLineFilterSet, DonationFilterSet, EntryFilterSet
from .forms import (BondForm, BondSettleForm, BudgetLineForm, ClawbackForm, CommitForm, DonationEditForm, EntryForm,
                    PaymentForm, ReverseForm, TransferForm)
from .models import BudgetLine, Donation, Entry
from .operating import operating_funds_rows
from .tables import BudgetLineTable, DonationTable, EntryTable

AVAILABLE = ExpressionWrapper(F("budget") - F("committed") - F("spent"), output_field=DecimalField())


def _lines():
    return BudgetLine.objects.select_related("region", "source", "station", "project").annotate(
        available_amount=AVAILABLE)


class BudgetLineListView(generic.ObjectListView):
    model = BudgetLine
    table_class = BudgetLineTable
    filterset_class = BudgetLineFilterSet

    @property
    def queryset(self):
        return _lines()


class BudgetLineDetailView(generic.ObjectDetailView):
    model = BudgetLine
    template_name = "funding/budgetline_detail.html"
    detail_fields = ["source", "year", "region", "purpose", "station", "project", "category", "note", "budget",
                     "committed", "spent"]
    related = (RelatedList("entries", Entry, "line", order_by=("-date", "-pk"), limit=50,
                           select_related=("reverses",)),)

    @property
    def queryset(self):
        return _lines()

    def field_rows(self, obj):
        rows = super().field_rows(obj)
        return [(label, years.label(obj.year) if field.name == "year" else value, field) for label, value, field in rows]

    def extra_context(self, obj):
        user = self.request.user
        return {
            "available": obj.available,
            "can_post": user_can(user, Entry, "add") and BudgetLine.objects.restrict(user, "change").filter(pk=obj.pk).exists(),
            "entries_url": f"{reverse('funding:entry_list')}?line={obj.pk}",
        }


class BudgetLineEditView(generic.ObjectEditView):
    model = BudgetLine
    form_class = BudgetLineForm

    def save_form(self, form):
        line = form.save(commit=False)
        line.clean()
        if line.pk is None:
            line.created_by = self.request.user
        line.save()
        amount = form.cleaned_data.get("amount")
        if amount:
            key = form.cleaned_data.get("request_key")
            ledger.post_one(self.request.user, line, "allocation", amount, key=f"form:line:{key}" if key else None,
                            note=_("First allocation"))
        return line


class BudgetLineDeleteView(generic.ObjectDeleteView):
    model = BudgetLine


class EntryListView(generic.ObjectListView):
    model = Entry
    queryset = Entry.objects.select_related("line__source", "line__station", "line__project", "project", "reverses")
    table_class = EntryTable
    filterset_class = EntryFilterSet
    period_field = "date"
    action_buttons = ("export",)
    totals = (("amount", "元"),)  # a figure that sums entries opens this list, which shows the same sum

    def list_totals(self, queryset, paginator):
        # Filtered by what they move (a budget, committed, spent or available figure links so), the entries add
        # up their signed changes of that sum: a transfer out or a reversal counts against it, as in the figure.
        effect = self.request.GET.get("effect")
        if effect in EFFECT_SUMS:
            self.totals = ((EFFECT_SUMS[effect], "元"),)
        return super().list_totals(queryset, paginator)


class EntryDetailView(generic.ObjectDetailView):
    model = Entry
    queryset = Entry.objects.select_related("line", "project", "milestone", "reverses", "counterpart", "posted_by",
                                            "original")
    template_name = "funding/entry_detail.html"
    detail_fields = ["number", "kind", "amount", "date", "line", "project", "milestone", "voucher_number",
                     "voucher_date", "counterpart", "reverses", "original", "reason", "note", "posted_by"]

    def extra_context(self, obj):
        reversal = Entry.objects.filter(reverses=obj).first()
        follow_ups = list(Entry.objects.filter(original=obj, reversed_by__isnull=True).order_by("pk"))
        payer = not reversal and can(self.request.user, "pay", Entry)
        return {
            "reversal": reversal,
            "follow_ups": follow_ups,
            "can_reverse": can(self.request.user, "reverse", obj) and not follow_ups,  # the claw-back first
            "reverse_form": ReverseForm(),
            "clawback_url": reverse("funding:payment_clawback", args=[obj.pk])
            if payer and obj.kind == "payment" and not follow_ups else None,
            "settle_url": reverse("funding:bond_settle", args=[obj.pk])
            if payer and obj.kind == "bond_held" and not follow_ups else None,
        }


def _keyed_post(request, form, do, success):
    """Run a posting for a valid form; show the refusal on the form when the ledger says no."""
    try:
        result = do()
    except Refused as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None
    messages.success(request, success(result))
    return result


@login_required
def entry_add(request):
    if not user_can(request.user, Entry, "add"):
        raise PermissionDenied
    form = EntryForm(request.POST or None, user=request.user, initial={"line": request.GET.get("line")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = _keyed_post(request, form, lambda: ledger.post_one(
            request.user, data["line"], data["kind"], data["amount"], key=form.key("entry"), date=data["date"],
            note=data["note"]), lambda e: _("Entry %(number)s was posted.") % {"number": e.number})
        if entry is not None:
            return redirect(entry.line.get_absolute_url())
    return render(request, "funding/form.html", {"form": form, "title": _("Post an entry"),
                                                 "cancel_url": reverse("funding:budgetline_list")})


@login_required
def transfer(request):
    if not user_can(request.user, Entry, "add"):
        raise PermissionDenied
    form = TransferForm(request.POST or None, user=request.user, initial={"source": request.GET.get("line")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entries = _keyed_post(request, form, lambda: ledger.transfer(
            request.user, data["source"], data["target"], data["amount"], reason=data["reason"],
            carry=data["carry"], key=form.key("transfer")),
            lambda e: _("Entries %(numbers)s were posted.") % {"numbers": "、".join(x.number for x in e)})
        if entries is not None:
            return redirect(entries[0].line.get_absolute_url())
    return render(request, "funding/form.html", {"form": form, "title": _("Transfer between lines"),
                                                 "cancel_url": reverse("funding:budgetline_list")})


@login_required
def entry_reverse(request, pk):
    entry = get_object_or_404(Entry.objects.restrict(request.user, "view"), pk=pk)
    if not can(request.user, "reverse", entry):
        raise PermissionDenied
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fix = _keyed_post(request, form, lambda: ledger.reverse(request.user, entry.pk, form.cleaned_data["reason"]),
                          lambda e: _("Entry %(number)s reverses %(original)s.") % {"number": e.number,
                                                                                 "original": entry.number})
        if fix is not None:
            return redirect(fix.get_absolute_url())
    return render(request, "funding/form.html", {"form": form, "title": _("Reverse %(number)s") % {"number": entry.number},
                                                 "object": entry, "cancel_url": entry.get_absolute_url()})


def _milestone(request, pk):
    from projects.models import Milestone

    return get_object_or_404(Milestone.objects.restrict(request.user, "view").select_related("project"), pk=pk)


@login_required
def milestone_pay(request, pk):
    milestone = _milestone(request, pk)
    if not can(request.user, "pay", Entry):
        raise PermissionDenied
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        paid = _keyed_post(request, form, lambda: ledger.pay_milestone(
            request.user, milestone.pk, voucher_number=data["voucher_number"], voucher_date=data["voucher_date"],
            key=form.key(f"pay:{milestone.pk}")), lambda e: _("Payment %(number)s was recorded.") % {"number": e.number})
        if paid is not None:
            return redirect(paid.get_absolute_url())
    return render(request, "funding/form.html", {
        "form": form, "title": _("Record the payment of “%(milestone)s”") % {"milestone": milestone},
        "object": milestone, "cancel_url": milestone.project.get_absolute_url()})


def _payer_form(request, form_class, title, cancel_url, do, success, help_texts=None):
    """The payer's contract postings (bond, its release, a claw-back): one shape for the three pages."""
    if not can(request.user, "pay", Entry):
        raise PermissionDenied
    form = form_class(request.POST or None)
    for name, text in (help_texts or {}).items():
        form.fields[name].help_text = text
    if request.method == "POST" and form.is_valid():
        done = _keyed_post(request, form, lambda: do(form), success)
        if done is not None:
            return redirect(done.get_absolute_url())
    return render(request, "funding/form.html", {"form": form, "title": title, "cancel_url": cancel_url})


def _posted(entry):
    return _("Entry %(number)s was posted.") % {"number": entry.number}


@login_required
def bond_hold(request, pk):
    from projects.models import Project

    project = get_object_or_404(Project.objects.restrict(request.user, "view"), pk=pk)
    return _payer_form(request, BondForm, _("Performance bond of “%(project)s”") % {"project": project.title},
                       project.get_absolute_url(), lambda form: ledger.hold_bond(
                           request.user, project.pk, form.cleaned_data["amount"], date=form.cleaned_data["date"],
                           note=form.cleaned_data["note"], key=form.key(f"bond:{project.pk}")), _posted,
                       help_texts=_bond_limit_text(project))


def _bond_limit_text(project) -> dict:
    from wulian.money import format_money

    agreement = getattr(project, "agreement", None)
    if agreement is None:
        return {}
    return {"amount": _("At most %(limit)s元: 10%% of the contract's %(amount)s元.") % {
        "limit": format_money(ledger.bond_limit(agreement)), "amount": format_money(agreement.amount)}}


@login_required
def bond_settle(request, pk):
    bond = get_object_or_404(Entry.objects.restrict(request.user, "view"), pk=pk, kind="bond_held")
    return _payer_form(request, BondSettleForm, _("Release or forfeit bond %(number)s") % {"number": bond.number},
                       bond.get_absolute_url(), lambda form: ledger.settle_bond(
                           request.user, bond.pk, forfeit=form.cleaned_data["outcome"] == "forfeit",
                           reason=form.cleaned_data["reason"], date=form.cleaned_data["date"],
                           key=form.key(f"settle:{bond.pk}")), _posted)


@login_required
def payment_clawback(request, pk):
    payment = get_object_or_404(Entry.objects.restrict(request.user, "view"), pk=pk, kind="payment")
    return _payer_form(request, ClawbackForm, _("Claw back payment %(number)s") % {"number": payment.number},
                       payment.get_absolute_url(), lambda form: ledger.clawback(
                           request.user, payment.pk, form.cleaned_data["amount"], basis=form.cleaned_data["basis"],
                           reason=form.cleaned_data["reason"], date=form.cleaned_data["date"],
                           key=form.key(f"clawback:{payment.pk}")), _posted)


@login_required
def agreement_commit(request, pk):
    from projects.models import Project

    project = get_object_or_404(Project.objects.restrict(request.user, "view"), pk=pk)
    if not user_can(request.user, Entry, "add"):
        raise PermissionDenied
    agreement = getattr(project, "agreement", None)
    form = CommitForm(request.POST or None)
    form.fields["line"].queryset = BudgetLine.objects.restrict(request.user, "change").filter(project=project)
    if request.method == "POST" and form.is_valid() and agreement is not None:
        done = _keyed_post(request, form, lambda: ledger.commit_agreement(
            request.user, agreement, form.cleaned_data["line"], key=form.key(f"commit:{agreement.pk}")),
            lambda e: _("The agreement's amount is committed (%(number)s).") % {"number": e.number})
        if done is not None:
            return redirect(done.line.get_absolute_url())
    return render(request, "funding/form.html", {
        "form": form, "title": _("Commit the agreement of “%(project)s”") % {"project": project.title},
        "cancel_url": project.get_absolute_url()})


@login_required
def index(request):
    return redirect("funding:budgetline_list")


@login_required
def operating_funds(request):
    if not user_can(request.user, BudgetLine, "view"):
        raise PermissionDenied
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else years.budget_year_of(timezone.localdate())
    rows = operating_funds_rows(request.user, year)
    return render(request, "funding/operating_funds.html", {
        "rows": rows, "year": year, "year_label": years.label(year), "years": range(year - 3, year + 2),
        "lines_url": reverse("funding:budgetline_list"), "entries_url": reverse("funding:entry_list")})




@login_required
def execution_page(request):
    """Budgeted / committed / spent / balance / rate per county, town, station or project, source, purpose or line;
    each figure links to its lines. Its Excel is the execution report, built by the report pipeline."""
    from .execution import GROUPS, execution
    from .execution_report import level_titles

    if not user_can(request.user, BudgetLine, "view"):
        raise PermissionDenied
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and len(year) == 4 else years.budget_year_of(timezone.localdate())
    by = request.GET.get("by") if request.GET.get("by") in GROUPS else "town"
    rows, total = execution(request.user, year, by)
    labels = {**level_titles(), "purpose": _("By purpose")}
    for row in [*rows, total]:
        row.url = _execution_link(row.query)
    return render(request, "funding/execution.html", {
        "rows": rows, "total": total, "year": year, "year_label": years.label(year), "by": by,
        "groups": [(g, labels[g]) for g in GROUPS], "years": range(year - 3, year + 2)})


def _execution_link(query: dict) -> str:
    from urllib.parse import urlencode

    if "line" in query:
        return reverse("funding:budgetline_detail", args=[query["line"]])
    return f"{reverse('funding:budgetline_list')}?{urlencode(query)}"


class DonationListView(generic.ObjectListView):
    model = Donation
    queryset = Donation.objects.select_related("region", "project", "station", "line__source", "line__station",
                                               "line__project", "entry")
    table_class = DonationTable
    filterset_class = DonationFilterSet
    period_field = "received_on"
    action_buttons = ("add", "export")


class DonationDetailView(generic.ObjectDetailView):
    model = Donation
    queryset = Donation.objects.select_related("region", "project", "station", "line", "entry", "recorded_by")
    detail_fields = ["number", "donor_kind", "donor_name", "donor_contact", "consent_to_publish", "form", "amount",
                     "goods_description", "goods_quantity", "goods_unit", "goods_value", "received_on",
                     "receipt_number", "receipt_waived", "restricted", "intended_use", "use_change_consent",
                     "use_change_consent_on", "region", "project", "station", "line", "entry", "note",
                     "recorded_by"]

    def field_rows(self, obj):
        rows = super().field_rows(obj)
        return [(label, obj.donor_shown(reveal=self.revealed) if field.name == "donor_name" else value, field)
                for label, value, field in rows]


class DonationEditView(generic.ObjectEditView):
    model = Donation
    form_class = DonationEditForm

    def save_form(self, form):
        donation = form.save(commit=False)
        if donation.pk is None:
            donation.recorded_by = self.request.user
        donation.save()
        ledger.post_donation(self.request.user, donation)
        return donation


class DonationDeleteView(generic.ObjectDeleteView):
    model = Donation
