"""Forms of the charity resources: through ``ScopedModelForm`` (choices cut to the user's scope)."""

from __future__ import annotations

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from wulian.forms import RegionChoiceField, ScopedModelForm

from .models import (Charity, CharityMovement, CommitteeMember, CommunityFund, Disclosure, Fundraising, GoodsIssue,
                     GoodsLot, StockCount, Supermarket)


class CharityForm(ScopedModelForm):
    region = RegionChoiceField()

    class Meta:
        model = Charity
        fields = ["name", "region", "credit_code", "bank_account", "note"]


class CommunityFundForm(ScopedModelForm):
    region = RegionChoiceField(label=_("region served"))

    class Meta:
        model = CommunityFund
        fields = ["name", "host", "region", "established_on", "ends_on", "keeps_principal", "purpose", "note"]


class MemberForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["name", "duty", "active"]


class RowFormSet(BaseInlineFormSet):
    """Inline rows; blank extra rows are ignored."""


MemberFormSet = inlineformset_factory(CommunityFund, CommitteeMember, form=MemberForm, formset=RowFormSet, extra=3,
                                      can_delete=True)


class FundraisingForm(ScopedModelForm):
    region = RegionChoiceField()

    class Meta:
        model = Fundraising
        fields = ["title", "host", "record_number", "region", "purpose", "starts_on", "ends_on", "area",
                  "person_in_charge", "receiving", "bank_account", "beneficiaries", "use_plan", "target", "cost",
                  "leftovers", "note"]
        widgets = {"use_plan": forms.Textarea(attrs={"rows": 3})}


class MovementForm(ScopedModelForm):
    class Meta:
        model = CharityMovement
        fields = ["fund", "fundraising", "kind", "amount", "date", "description", "donation", "beneficiary",
                  "beneficiary_consent", "approved_by", "approved_on", "resolution"]
        widgets = {"approved_by": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = CommitteeMember.objects.restrict(self.user, "view").filter(
            active=True).select_related("fund")
        self.fields["approved_by"].help_text = _("A use of a community fund: the committee members who approved it "
                                                 "(a majority of the committee).")

    def clean(self):
        data = super().clean()
        if bool(data.get("fund")) == bool(data.get("fundraising")):
            raise forms.ValidationError(_("Choose either a community fund or a fundraising project."))
        return data


class DisclosureForm(ScopedModelForm):
    class Meta:
        model = Disclosure
        fields = ["fund", "fundraising", "kind", "published_on", "where", "note"]

    def clean(self):
        data = super().clean()
        if bool(data.get("fund")) == bool(data.get("fundraising")):
            raise forms.ValidationError(_("Choose either a community fund or a fundraising project."))
        return data


class SupermarketForm(ScopedModelForm):
    region = RegionChoiceField()

    class Meta:
        model = Supermarket
        fields = ["name", "region", "host", "address", "note"]


class GoodsLotForm(ScopedModelForm):
    class Meta:
        model = GoodsLot
        fields = ["supermarket", "item", "quantity", "unit", "value", "received_on", "expires_on", "donation", "note"]


class GoodsIssueForm(ScopedModelForm):
    class Meta:
        model = GoodsIssue
        fields = ["lot", "quantity", "issued_on", "recipient", "recipient_contact", "recipient_consent", "signed",
                  "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = self.fields["lot"].queryset.filter(on_hand__gt=0)


class StockCountForm(ScopedModelForm):
    class Meta:
        model = StockCount
        fields = ["lot", "counted_on", "counted", "reason"]
