"""The form that corrects a drafted target (the review page of a drafted profile, ``wulian.views.policy_drafts``), and
the indicators it offers by their Chinese names. The Excel import of a profile's targets (``wulian.target_import``)
checks each row by the same rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian import indicators
from wulian.models import Target
from wulian.models.targets import Comparator, TargetUnit


def indicator_choices():
    """Indicators by their Chinese names; the empty choice makes a reported target (entered by the region)."""
    computed = [(code, indicators.label(code)) for code in indicators.codes() if indicators.get(code) is not None]
    reported = [(code, _("%(name)s (reported until computed)") % {"name": indicators.label(code)})
                for code in indicators.codes() if indicators.get(code) is None]
    return [("", _("None: a reported target (the region enters its value)")), *computed, *reported]


class TargetReviewForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"), choices=indicator_choices, required=False)

    class Meta:
        model = Target
        fields = ["indicator", "measure", "level", "comparator", "threshold", "unit", "period", "deadline", "clause",
                  "note"]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    LABELS = {
        "level": gettext_lazy("Applies to"), "comparator": gettext_lazy("Comparator"),
        "threshold": gettext_lazy("Threshold"), "unit": gettext_lazy("Unit"), "period": gettext_lazy("Time frame"),
        "deadline": gettext_lazy("Deadline"), "clause": gettext_lazy("Clause"), "note": gettext_lazy("Note"),
        "measure": gettext_lazy("What is measured"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.LABELS.items():
            self.fields[name].label = label
        self.fields["unit"].choices = [("", "—"), *TargetUnit.choices]
        self.fields["threshold"].widget.attrs["step"] = "any"
        if self.instance.threshold is not None and not self.is_bound:
            self.initial["threshold"] = f"{self.instance.threshold.normalize():f}"  # 10, not 10.00
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if isinstance(
                field.widget, forms.Select) else "form-control form-control-sm")
            field.widget.attrs["id"] = f"id_{self.prefix}-{name}"

    def is_valid(self):
        valid = super().is_valid()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
        return valid

    def clean(self):
        data = super().clean()
        if data.get("comparator") == Comparator.PRESENT:
            data["threshold"] = None
            data["unit"] = ""
        if "indicator" not in self.errors and not data.get("indicator") and not (data.get("measure") or "").strip():
            self.add_error("measure", _("Say what a reported target measures (as the document words it)."))
        return data
