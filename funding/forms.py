"""Forms of the funding pages. Every posting form carries a one-time request key (a hidden field made when
the form is shown): submitting it twice — a double click, a reload — posts once."""

from __future__ import annotations

import uuid
from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.forms import DateInput, ScopedModelForm, restrict_choice_fields
from wulian.money import FEN

from .choices import MANUAL_KINDS, ClawbackBasis, Purpose
from .models import BudgetLine, Donation, SourceKind, Tranche


AMOUNT = _("amount (yuan)")


def money_field(label=AMOUNT, required=True):
    return forms.DecimalField(label=label, max_digits=14, decimal_places=2, min_value=FEN, required=required)


class KeyedForm(forms.Form):
    request_key = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4().hex)

    def key(self, what: str) -> str:
        return f"form:{what}:{self.cleaned_data['request_key']}"


class BudgetLineForm(ScopedModelForm):
    amount = money_field(_("budget allocated (yuan)"), required=False)
    request_key = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)

    class Meta:
        model = BudgetLine
        fields = ["source", "year", "purpose", "station", "project", "category", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = SourceKind.objects.filter(active=True)
        if self.instance.pk:
            del self.fields["amount"]  # the budget changes by entries (allocation, transfer), never by editing
        else:
            self.fields["amount"].help_text = _("Posted as the line's first allocation.")
            self.initial.setdefault("request_key", uuid.uuid4().hex)

    def clean(self):
        data = super().clean()
        purpose = data.get("purpose")
        if purpose == Purpose.STATION and not data.get("station"):
            self.add_error("station", _("Choose the station whose operation the line funds."))
        if purpose == Purpose.PROJECT and not data.get("project"):
            self.add_error("project", _("Choose the service project the line funds."))
        if purpose == Purpose.STATION:
            data["project"] = None
        elif purpose == Purpose.PROJECT:
            data["station"] = None
        return data


class EntryForm(KeyedForm):
    line = forms.ModelChoiceField(label=_("budget line"), queryset=BudgetLine.objects.all())
    kind = forms.ChoiceField(label=_("kind"), choices=[(k.value, k.label) for k in MANUAL_KINDS])
    amount = money_field()
    date = forms.DateField(label=_("date"), widget=DateInput())
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choice_fields(self, user)
        self.fields["line"].queryset = BudgetLine.objects.restrict(user, "change").select_related(
            "source", "station", "project")


class TransferForm(KeyedForm):
    source = forms.ModelChoiceField(label=_("from line"), queryset=BudgetLine.objects.all())
    target = forms.ModelChoiceField(label=_("to line"), queryset=BudgetLine.objects.all())
    amount = money_field()
    carry = forms.BooleanField(label=_("year-end carry-forward"), required=False)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        lines = BudgetLine.objects.restrict(user, "change").select_related("source", "station", "project")
        self.fields["source"].queryset = lines
        self.fields["target"].queryset = lines


class ReverseForm(KeyedForm):
    reason = forms.CharField(label=_("reason for the reversal"), widget=forms.Textarea(attrs={"rows": 2}))


class PaymentForm(KeyedForm):
    voucher_number = forms.CharField(label=_("voucher number"), max_length=40)
    voucher_date = forms.DateField(label=_("voucher date"), widget=DateInput())


class BondForm(KeyedForm):
    amount = money_field(_("performance bond (yuan)"))
    date = forms.DateField(label=_("date received"), widget=DateInput())
    note = forms.CharField(label=_("note"), max_length=200, required=False)


class BondSettleForm(KeyedForm):
    outcome = forms.ChoiceField(label=_("outcome"), widget=forms.RadioSelect, initial="release",
                                choices=[("release", _("Release to the agency")), ("forfeit", _("Forfeit"))])
    date = forms.DateField(label=_("date"), widget=DateInput())
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ClawbackForm(KeyedForm):
    amount = money_field(_("amount recovered (yuan)"))
    basis = forms.ChoiceField(label=_("basis"), choices=ClawbackBasis.choices)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))
    date = forms.DateField(label=_("date"), widget=DateInput())


class CommitForm(KeyedForm):
    line = forms.ModelChoiceField(label=_("budget line"), queryset=BudgetLine.objects.none())


class TrancheForm(ScopedModelForm):
    class Meta:
        model = Tranche
        fields = ["milestone", "line", "condition", "deliverables", "evaluation_kind"]



class DonationEditForm(ScopedModelForm):
    class Meta:
        model = Donation
        fields = ["donor_kind", "donor_name", "donor_contact", "consent_to_publish", "form", "amount", "line",
                  "goods_description", "goods_quantity", "goods_unit", "goods_value", "received_on",
                  "receipt_number", "receipt_waived", "restricted", "intended_use", "use_change_consent",
                  "use_change_consent_on", "region", "project", "station", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = BudgetLine.objects.restrict(self.user, "view").select_related(
            "source", "station", "project")
        self.fields["line"].help_text = _("A money donation is posted on this line as a donation entry.")
        if self.instance.pk is None:
            for name in ("use_change_consent", "use_change_consent_on"):
                del self.fields[name]
        elif self.instance.entry_id:
            for name in ("form", "amount", "line"):
                self.fields[name].disabled = True
