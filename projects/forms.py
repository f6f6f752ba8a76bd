"""Forms of the service projects: each page's main form and its inline rows (formsets).

Every choice is cut to the user's scope (``ScopedModelForm``); inline rows belong to the record of the page
and carry no choice of another record. Sums that must hold across rows (criterion weights total 100, the
milestones total the agreement amount) are checked here, with a Chinese message on the page, before the
model's own rules check them again in the write path.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wulian.attachments import AttachmentFilesField, save_attachments
from wulian.choices import RegionLevel, Role, TargetGroup
from wulian.forms import FORM_EMPTY_CHOICE, DateInput, RegionChoiceField, ScopedModelForm, label_empty_choices
from wulian.models import AttachmentKind
from wulian.money import MAX_DIGITS
from wulian.writes import Refused

from .choices import DIRECT_METHODS, MemberCertificate
from .models import (
    Agreement,
    Bid,
    BidMember,
    BidScore,
    Criterion,
    Evaluation,
    MemberKind,
    MemberScore,
    Milestone,
    Need,
    NeedsSurvey,
    Notice,
    Panel,
    PanelMember,
    PerformanceTarget,
    Project,
    Rectification,
)

PROJECT_LEVELS = [RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.COMMUNITY]


def _dates(form):
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
            field.widget = DateInput()
        if isinstance(field, forms.DateTimeField):
            field.widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RowForm(forms.ModelForm):
    """One inline row: compact inputs, dates as date pickers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        label_empty_choices(self, FORM_EMPTY_CHOICE)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Textarea):
                widget.attrs["rows"] = 1
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = css
            # The column header names the input for sighted users; this names it for screen readers.
            widget.attrs.setdefault("aria-label", str(field.label))


class RowFormSet(BaseInlineFormSet):
    """Inline rows of one record; blank extra rows are ignored, a row marked for deletion is removed."""


# -- step 1: needs assessment and the proposal ------------------------------------------------------------------
class ProjectForm(ScopedModelForm):
    """The proposal (立项申请): what the community or town proposes after its visits and surveys."""

    region = RegionChoiceField()
    region_levels = {"region": PROJECT_LEVELS}
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"), choices=TargetGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "region",
            "station",
            "domain",
            "target_groups",
            "goals",
            "expected_beneficiaries",
            "budget",
            "planned_start",
            "planned_end",
            "year",
            "is_professional",
            "is_micro_venture",
            "phase",
        ]
        widgets = {"goals": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "budget" in self.fields:
            self.fields["budget"].widget.attrs["inputmode"] = "decimal"
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "title",
            Row(Column("region"), Column("station")),
            Row(Column("domain"), Column("phase"), Column("year")),
            "target_groups",
            "goals",
            Row(Column("expected_beneficiaries"), Column("budget")),
            Row(Column("planned_start"), Column("planned_end")),
            Row(Column("is_professional"), Column("is_micro_venture")),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end cannot be before the planned start."))
        budget = cleaned.get("budget")
        if budget is not None and budget <= 0:
            self.add_error("budget", _("The budget must be more than 0 yuan."))
        return cleaned

    def save(self, commit=True):
        project = self.instance
        if project.pk is None and not project.proposed_by_id and getattr(self.user, "pk", None):
            project.proposed_by = self.user
        return super().save(commit)


class AssignmentForm(ScopedModelForm):
    """The bureau assigns the third-party evaluator and sets when the mid-term supervision is due."""

    class Meta:
        model = Project
        fields = ["evaluator", "supervision_due"]

    def __init__(self, *args, **kwargs):
        from wulian.choices import Role
        from wulian.models import User

        super().__init__(*args, **kwargs)
        # Evaluators are accounts of the bureau's area; nobody of the contracted agency (the rule checks again).
        evaluators = User.objects.filter(role=Role.EVALUATOR, is_active=True).order_by("username")
        if self.user is not None and not self.user.is_superuser:
            evaluators = evaluators.restrict(self.user) if hasattr(evaluators, "restrict") else evaluators
        self.fields["evaluator"].queryset = evaluators
        self.fields["evaluator"].label_from_instance = lambda user: user.display_name


class NeedsSurveyForm(RowForm):
    class Meta:
        model = NeedsSurvey
        fields = ["date", "method", "people_reached", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 1})}


class NeedForm(RowForm):
    class Meta:
        model = Need
        fields = ["target_group", "count", "domain", "urgency", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 1})}


SurveyFormSet = inlineformset_factory(
    Project, NeedsSurvey, form=NeedsSurveyForm, formset=RowFormSet, extra=1, can_delete=True
)
NeedFormSet = inlineformset_factory(Project, Need, form=NeedForm, formset=RowFormSet, extra=1, can_delete=True)


# -- step 2: the notice and its scoring criteria -----------------------------------------------------------------
class NoticeForm(ScopedModelForm):
    class Meta:
        model = Notice
        fields = [
            "scope_of_service",
            "budget_ceiling",
            "method",
            "min_certified_workers",
            "qualifications",
            "bid_deadline",
            "direct_agency",
            "single_source_justification",
        ]
        widgets = {
            "scope_of_service": forms.Textarea(attrs={"rows": 4}),
            "qualifications": forms.Textarea(attrs={"rows": 3}),
            "single_source_justification": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        _dates(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        if project is not None and not self.instance.pk and not self.initial.get("budget_ceiling"):
            self.initial["budget_ceiling"] = project.budget
        self.helper.layout = Layout(
            "scope_of_service",
            Row(Column("method"), Column("budget_ceiling"), Column("min_certified_workers")),
            "qualifications",
            Row(Column("bid_deadline"), Column("direct_agency")),
            "single_source_justification",
        )

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("method")
        direct = method in DIRECT_METHODS
        if direct and not (cleaned.get("single_source_justification") or "").strip():
            self.add_error("single_source_justification", _("A single-source purchase needs its justification."))
        if direct and not cleaned.get("direct_agency"):
            self.add_error("direct_agency", _("Choose the agency of the single source."))
        if not direct and method and not cleaned.get("bid_deadline"):
            self.add_error("bid_deadline", _("Give the bid deadline."))
        ceiling = cleaned.get("budget_ceiling")
        if ceiling is not None and ceiling <= 0:
            self.add_error("budget_ceiling", _("The budget ceiling must be more than 0 yuan."))
        return cleaned

    def save(self, commit=True):
        if self.project is not None:
            self.instance.project = self.project
        return super().save(commit)


class CriterionForm(RowForm):
    class Meta:
        model = Criterion
        fields = ["name", "weight", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 1})}


class CriterionFormSetBase(RowFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        total = Decimal(0)
        rows = 0
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get("name"):
                continue
            rows += 1
            total += Decimal(data.get("weight") or 0)
        if rows and total != 100:
            raise forms.ValidationError(
                _("The weights of the scoring criteria total %(total)s; they must total 100.") % {"total": plain_number(total)}
            )


CriterionFormSet = inlineformset_factory(
    Notice, Criterion, form=CriterionForm, formset=CriterionFormSetBase, extra=1, can_delete=True
)


def plain_number(value) -> str:
    """60.00 → 60, 12.50 → 12.5: a figure as a person writes it in a message."""
    return f"{Decimal(value).normalize():f}"


# -- step 3: bids, scores, award --------------------------------------------------------------------------------
class BidForm(ScopedModelForm):
    files = AttachmentFilesField(label=_("Attachments"), help_text=_("JPG, PNG or PDF, at most 10 MB each."))

    class Meta:
        model = Bid
        fields = ["proposal", "price"]
        widgets = {"proposal": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["price"].widget.attrs["inputmode"] = "decimal"
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_price(self):
        price = self.cleaned_data.get("price")
        notice = getattr(self.project, "notice", None) if self.project is not None else None
        if price is not None and price <= 0:
            raise forms.ValidationError(_("The price must be more than 0 yuan."))
        if price is not None and notice is not None and notice.budget_ceiling is not None and price > notice.budget_ceiling:
            raise forms.ValidationError(
                _("The price is above the budget ceiling of %(ceiling)s yuan.") % {"ceiling": plain_number(notice.budget_ceiling)}
            )
        return price

    def save(self, commit=True):
        bid = self.instance
        if bid.pk is None:
            bid.project = self.project
            bid.agency = self.user.agency
            bid.submitted_by = self.user
        bid = super().save(commit)
        if commit:
            save_attachments(self.cleaned_data.get("files"), owner=bid, kind=AttachmentKind.OTHER, user=self.user)
        return bid


class BidMemberForm(RowForm):
    """A team member chosen from the bidding agency's staff on record, shown with the certificate on record."""

    class Meta:
        model = BidMember
        fields = ["staff"]

    def __init__(self, *args, agency_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        from stations.models import StaffMember

        staff = self.fields["staff"]
        staff.required = True
        staff.queryset = StaffMember.objects.filter(agency_id=agency_id).prefetch_related("certificates").order_by("name", "pk")
        levels = dict(MemberCertificate.choices)
        staff.label_from_instance = lambda p: "{}（{}）".format(
            p.name, "、".join(str(levels.get(c.level, c.level)) for c in p.certificates.all()) or levels[MemberCertificate.NONE])


class BidMemberFormSetBase(RowFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "agency_id": self.instance.agency_id}


BidMemberFormSet = inlineformset_factory(Bid, BidMember, form=BidMemberForm, formset=BidMemberFormSetBase, extra=2,
                                         can_delete=True)


class ScoreField(forms.Field):
    """The score of one bid on one criterion: blank (not scored yet), or a number from 0 to the criterion's weight."""

    def __init__(self, bid, criterion, **kwargs):
        super().__init__(required=False, label=f"{bid.agency} {criterion.name}", **kwargs)
        self.where = {"agency": bid.agency, "criterion": criterion.name}
        self.maximum = criterion.weight

    def to_python(self, value):
        raw = str(value if value is not None else "").strip()
        if raw == "":
            return None
        try:
            score = Decimal(raw)
        except InvalidOperation:
            raise forms.ValidationError(_("%(agency)s, %(criterion)s: “%(value)s” is not a number.") % {**self.where, "value": raw}) from None
        if not score.is_finite() or not 0 <= score <= self.maximum:
            message = _("%(agency)s, %(criterion)s: the score must lie between 0 and %(max)s.")
            raise forms.ValidationError(message % {**self.where, "max": plain_number(self.maximum)})
        return score


class BidScoresForm(forms.Form):
    """The bid comparison sheet: a field ``score-<bid>-<criterion>`` per bid and criterion (``ScoreField``),
    opened with the scores saved; a blank field leaves its score as it is."""

    def __init__(self, data=None, *, bids, criteria, saved):
        super().__init__(data, initial={self.key(b.pk, c.pk): saved.get((b.pk, c.pk)) for b in bids for c in criteria})
        self.bids, self.criteria, self.saved = bids, criteria, saved
        for bid in bids:
            for criterion in criteria:
                self.fields[self.key(bid.pk, criterion.pk)] = ScoreField(bid, criterion)

    @staticmethod
    def key(bid_id, criterion_id) -> str:
        return f"score-{bid_id}-{criterion_id}"

    def rows(self) -> list[dict]:
        """Each bid with its cells (the posted value when re-shown), its saved total, its rank and certified team."""
        rows = [self._row(bid) for bid in self.bids]
        ranked = sorted((r for r in rows if r["total"] is not None), key=lambda r: -r["total"])
        for rank, row in enumerate(ranked, start=1):
            row["rank"] = rank
        return rows

    def _row(self, bid) -> dict:
        cells = []
        for criterion in self.criteria:
            value = self[self.key(bid.pk, criterion.pk)].value()
            cells.append({"criterion": criterion, "name": self.key(bid.pk, criterion.pk), "value": "" if value is None else value})
        scores = [self.saved.get((bid.pk, c.pk)) for c in self.criteria]
        total = sum(scores) if self.criteria and None not in scores else None
        certified = sum(1 for m in bid.members.all() if m.certificate != "none")
        return {"bid": bid, "cells": cells, "total": total, "certified": certified}

    def messages(self) -> list[str]:
        return [str(message) for errors in self.errors.values() for message in errors]

    def save(self, user) -> list:
        """The scores given, each saved or changed (inside the caller's write)."""
        return [
            BidScore.objects.update_or_create(bid=bid, criterion=criterion, defaults={"score": score, "scored_by": user})[0]
            for bid in self.bids
            for criterion in self.criteria
            if (score := self.cleaned_data.get(self.key(bid.pk, criterion.pk))) is not None
        ]


class AwardForm(forms.Form):
    """The award: one scored bid with reasons; for a single-source notice (its agency named in the notice), the
    reasons only."""

    bid = forms.ModelChoiceField(
        label=_("Winning bid"), queryset=Bid.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    reason = forms.CharField(label=_("Reasons for the award"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, project, bids, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["bid"].queryset = bids
        self.fields["bid"].label_from_instance = lambda bid: f"{bid.agency}（{bid.price:,.2f} 元）"
        notice = getattr(project, "notice", None)
        self.direct = notice is not None and notice.method in DIRECT_METHODS
        if self.direct:
            del self.fields["bid"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


# -- step 4: the agreement, its targets and milestones -----------------------------------------------------------
class AgreementForm(ScopedModelForm):
    class Meta:
        model = Agreement
        fields = ["number", "amount", "start", "end", "stable_service", "deliverables", "stations"]
        widgets = {"deliverables": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["amount"].widget.attrs["inputmode"] = "decimal"
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        if project is not None and not self.instance.pk:
            bid = project.awarded_bid
            notice = getattr(project, "notice", None)
            amount = bid.price if bid is not None else (notice.budget_ceiling if notice is not None else project.budget)
            for name, value in (("amount", amount), ("start", project.planned_start), ("end", project.planned_end)):
                if not self.initial.get(name):
                    self.initial[name] = value
            if project.station_id and not self.initial.get("stations"):
                self.initial["stations"] = [project.station_id]
        if project is not None:
            from .guards import stations_message, stations_required

            if stations_required(project):
                # Marked required (the asterisk, the browser's own check) with the rule's words as its message.
                self.fields["stations"].required = True
                self.fields["stations"].error_messages["required"] = stations_message(project)
        self.helper.layout = Layout(
            Row(Column("number"), Column("amount")),
            Row(Column("start"), Column("end"), Column("stable_service", css_class="col-md pt-md-4")),
            "deliverables",
            "stations",
        )

    def clean(self):
        cleaned = super().clean()
        start, end, amount = cleaned.get("start"), cleaned.get("end"), cleaned.get("amount")
        if start and end:
            if end < start:
                self.add_error("end", _("The agreement cannot end before it starts."))
            else:
                years = 3 if cleaned.get("stable_service") else 1
                limit = _add_years(start, years)
                if end > limit:
                    self.add_error(
                        "end",
                        _("An agreement runs at most one year (three for a stable service); it must end by %(limit)s.")
                        % {"limit": date_format(limit)},
                    )
        notice = getattr(self.project, "notice", None) if self.project is not None else None
        if amount is not None and notice is not None and notice.budget_ceiling is not None and amount > notice.budget_ceiling:
            self.add_error(
                "amount", _("The amount is above the budget ceiling of %(ceiling)s yuan.") % {"ceiling": plain_number(notice.budget_ceiling)}
            )
        return cleaned

    def save(self, commit=True):
        if self.project is not None:
            self.instance.project = self.project
        return super().save(commit)


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class PerformanceTargetForm(RowForm):
    class Meta:
        model = PerformanceTarget
        fields = ["indicator", "unit", "target_value", "measure", "min_participants", "manual_value"]


class MilestoneForm(RowForm):
    class Meta:
        model = Milestone
        fields = ["name", "amount", "due_on", "condition"]


class MilestoneFormSetBase(RowFormSet):
    """Milestones whose amounts total the agreement amount (checked against ``self.amount``)."""

    amount = None

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms) or self.amount is None:
            return
        total = Decimal(0)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get("name"):
                continue
            total += data.get("amount") or Decimal(0)
        if total != self.amount:
            raise forms.ValidationError(
                _("The payment milestones total %(total)s yuan; they must total the agreement amount, %(amount)s yuan.")
                % {"total": total, "amount": self.amount}
            )


TargetFormSet = inlineformset_factory(
    Project, PerformanceTarget, form=PerformanceTargetForm, formset=RowFormSet, extra=1, can_delete=True
)
MilestoneFormSet = inlineformset_factory(
    Project, Milestone, form=MilestoneForm, formset=MilestoneFormSetBase, extra=1, can_delete=True
)


class AmendmentForm(forms.Form):
    """A change of the signed agreement, with its reason: the agreement changes only this way once signed."""

    amount = forms.DecimalField(label=_("amount (yuan)"), max_digits=MAX_DIGITS, decimal_places=2, min_value=0)
    start = forms.DateField(label=_("start date"), widget=DateInput())
    end = forms.DateField(label=_("end date"), widget=DateInput())
    deliverables = forms.CharField(label=_("deliverables"), widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        for name in ("amount", "start", "end", "deliverables"):
            self.fields[name].initial = getattr(agreement, name)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Row(Column("amount"), Column("start"), Column("end")), "deliverables", "reason")

    def changes(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("amount", "start", "end", "deliverables")
            if self.cleaned_data[name] != getattr(self.agreement, name)
        }


class MilestoneReportForm(forms.Form):
    """The agency reports a milestone reached: the evidence is required."""

    evidence = AttachmentFilesField(
        label=_("Evidence"), required=True, help_text=_("JPG, PNG or PDF, at most 10 MB each.")
    )


# -- steps 5 and 6: supervision and acceptance -----------------------------------------------------------------
class EvaluationForm(ScopedModelForm):
    class Meta:
        model = Evaluation
        fields = ["kind", "date", "findings"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def save(self, commit=True):
        if self.project is not None:
            self.instance.project = self.project
        return super().save(commit)


class RectificationForm(RowForm):
    class Meta:
        model = Rectification
        fields = ["description", "deadline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 1})}


RectificationFormSet = inlineformset_factory(
    Evaluation, Rectification, form=RectificationForm, formset=RowFormSet, extra=1, can_delete=True
)


class RectificationAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = AttachmentFilesField(label=_("Evidence"), required=True, help_text=_("JPG, PNG or PDF, at most 10 MB each."))


# -- step 3: the scoring panel (issue 23 C) --------------------------------------------------------------------
class PanelForm(ScopedModelForm):
    class Meta:
        model = Panel
        fields = ["formed_on"]

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.form_show_errors = False  # the page shows the panel's refusal once, above the form


class PanelMemberForm(RowForm):
    class Meta:
        model = PanelMember
        fields = ["user", "name", "kind", "agency", "is_chair"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from wulian.models import User

        # Experts' accounts (评估人员/评审专家) and the bureau's representatives of the user's own county (the
        # accounts in their scope: an expert's account is registered for the county that engaged it); anyone
        # else is named. A posted account of another county is refused as not one of the choices.
        accounts = User.objects.restrict(user) if user is not None else User.objects.none()
        self.fields["user"].queryset = accounts.filter(
            is_active=True, role__in=[Role.EVALUATOR, Role.BUREAU_ADMIN]).order_by("role", "username")
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name}（{u.username}）"
        self.fields["kind"].required = False  # an expert unless said otherwise

    def clean_kind(self):
        return self.cleaned_data.get("kind") or MemberKind.EXPERT

    def has_changed(self):
        return super().has_changed() and bool(self.data.get(self.add_prefix("user")) or self.data.get(self.add_prefix("name")))


class PanelMemberFormSetBase(RowFormSet):
    def _kept(self) -> list:
        return [form.cleaned_data for form in self.forms
                if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
                and (form.cleaned_data.get("user") or (form.cleaned_data.get("name") or "").strip())]

    def members(self) -> int:
        return len(self._kept())

    def experts(self) -> int:
        """How many of the members are experts (评审专家), not the purchaser's representatives."""
        return sum(1 for data in self._kept() if (data.get("kind") or MemberKind.EXPERT) == MemberKind.EXPERT)


PanelMemberFormSet = inlineformset_factory(Panel, PanelMember, form=PanelMemberForm, formset=PanelMemberFormSetBase,
                                           extra=5, can_delete=True)


class MemberScoresForm(BidScoresForm):
    """One member's sheet: a score per bid and criterion, each bid scored at once and once; a bid of the agency the
    member belongs to is not theirs to score."""

    def __init__(self, data=None, *, member, bids, criteria, saved):
        super().__init__(data, bids=bids, criteria=criteria, saved=saved)
        self.member = member
        self.scored = {bid_id for bid_id, _criterion in saved}

    def _row(self, bid) -> dict:
        row = super()._row(bid)
        from .guards import conflict

        row["conflict"] = conflict(self.member, bid)
        row["scored"] = bid.pk in self.scored
        return row

    def rows(self) -> list[dict]:
        return [self._row(bid) for bid in self.bids]

    def given(self) -> dict:
        """Per bid: its criterion scores as posted (only bids with at least one score given)."""
        out = {}
        for bid in self.bids:
            scores = {c.pk: self.cleaned_data.get(self.key(bid.pk, c.pk)) for c in self.criteria}
            if any(v is not None for v in scores.values()):
                out[bid] = scores
        return out

    def clean(self):
        data = super().clean()
        names = []
        for bid, scores in self.given().items():
            if None in scores.values():
                names.append(str(bid.agency))
        if names:
            raise forms.ValidationError(_("Score every criterion of a bid at once: %(agencies)s.")
                                        % {"agencies": "、".join(names)})
        if not self.given():
            raise forms.ValidationError(_("No score was given."))
        return data

    def save(self, user) -> list:
        """The member's scores of the bids given (inside the caller's write: a refusal saves none)."""
        for bid in self.given():
            if bid.pk in self.scored or MemberScore.objects.filter(member=self.member, bid=bid).exists():
                raise Refused(_("%(member)s has already scored the bid of %(agency)s; a member scores each bid once.")
                              % {"member": self.member.name, "agency": bid.agency})
        return [
            MemberScore.objects.create(member=self.member, bid=bid, criterion_id=criterion_id, score=score,
                                       entered_by=user)
            for bid, scores in self.given().items()
            for criterion_id, score in scores.items()
        ]


__all__ = [
    "AgreementForm",
    "AssignmentForm",
    "AmendmentForm",
    "AwardForm",
    "BidForm",
    "BidMemberFormSet",
    "CriterionFormSet",
    "EvaluationForm",
    "MilestoneFormSet",
    "MilestoneReportForm",
    "NeedFormSet",
    "NoticeForm",
    "ProjectForm",
    "RectificationAnswerForm",
    "RectificationFormSet",
    "SurveyFormSet",
    "TargetFormSet",
]


# The scoring party a user of each role scores for (its own scorer's name is given when left blank).
PARTY_OF_ROLE = {Role.EVALUATOR: "third_party", Role.BUREAU_ADMIN: "buyer", Role.TOWN_STAFF: "supervisor"}


class ScoreSheet:
    """The score sheet of an evaluation: a column per scoring party (its weight on top), a row per item of the
    indicator sheet grouped by first-level indicator; each score at most the item's maximum.

    Posted names: ``weight-<party>`` and ``score-<party>-<item>``; a party with no weight is not used. The
    weights of the parties used total 100. Scores may be left blank while scoring is under way (the evaluation's
    score stays empty until every used party scored every item).
    """

    def __init__(self, evaluation, user, data=None):
        from .choices import IndicatorGroup, Party
        from .models import EvaluationParty, ItemScore

        self.evaluation = evaluation
        self.user = user
        self.data = data
        self.errors: list[str] = []
        self.items = list(evaluation.sheet.items.order_by("order", "pk")) if evaluation.sheet_id else []
        existing = {p.party: p for p in EvaluationParty.objects.filter(evaluation=evaluation)} if evaluation.pk else {}
        saved = {}
        if evaluation.pk:
            for score in ItemScore.objects.filter(party__evaluation=evaluation).select_related("party"):
                saved[(score.party.party, score.item_id)] = score.score
        default_weights = {Party.THIRD_PARTY: Decimal("100")} if not existing else {}
        self.parties = []
        for code, label in Party.choices:
            party = existing.get(code)
            weight = party.weight if party else default_weights.get(code)
            raw = data.get(f"weight-{code}", "") if data is not None else ("" if weight is None else plain_number(weight))
            scorer = party.scorer_label if party else (user.display_name if PARTY_OF_ROLE.get(user.role) == code else "")
            scorer = data.get(f"scorer-{code}", "") if data is not None else scorer
            self.parties.append({"code": code, "label": label, "name": f"weight-{code}", "value": raw, "row": party,
                                 "scorer_field": f"scorer-{code}", "scorer": (scorer or "").strip()[:50]})
        groups = dict(IndicatorGroup.choices)
        self.groups = []
        for item in self.items:
            if not self.groups or self.groups[-1]["code"] != item.group:
                self.groups.append({"code": item.group, "label": groups.get(item.group, item.group), "rows": [], "max": Decimal(0)})
            cells = []
            for party in self.parties:
                name = f"score-{party['code']}-{item.pk}"
                value = saved.get((party["code"], item.pk))
                raw = data.get(name, "") if data is not None else ("" if value is None else plain_number(value))
                cells.append({"party": party["code"], "name": name, "value": raw})
            self.groups[-1]["rows"].append({"item": item, "cells": cells})
            self.groups[-1]["max"] += item.max_score
        self.total_max = sum((item.max_score for item in self.items), Decimal(0))

    def _decimal(self, raw, label):
        from decimal import InvalidOperation

        try:
            return Decimal(str(raw).strip())
        except InvalidOperation:
            self.errors.append(_("%(label)s: “%(value)s” is not a number.") % {"label": label, "value": raw})
            return None

    def is_valid(self) -> bool:
        if self.data is None:
            return False
        if not self.items:
            self.errors.append(_("No indicator sheet is in use; the bureau must set one up first."))
            return False
        self.cleaned_weights = {}
        for party in self.parties:
            raw = (party["value"] or "").strip()
            if raw == "":
                continue
            weight = self._decimal(raw, _("Weight of %(party)s") % {"party": party["label"]})
            if weight is None:
                continue
            if weight < 0 or weight > 100:
                self.errors.append(_("The weight of %(party)s must lie between 0 and 100.") % {"party": party["label"]})
            elif weight > 0:
                self.cleaned_weights[party["code"]] = weight
        total = sum(self.cleaned_weights.values(), Decimal(0))
        if self.cleaned_weights and total != 100:
            self.errors.append(
                _("The weights of the scoring parties total %(total)s; they must total 100.") % {"total": plain_number(total)}
            )
        if not self.cleaned_weights:
            self.errors.append(_("Give the weight of at least one scoring party."))
        self.cleaned_scorers = {}
        for party in self.parties:
            if party["code"] not in self.cleaned_weights:
                continue
            name = party["scorer"] or (self.user.display_name if PARTY_OF_ROLE.get(self.user.role) == party["code"] else "")
            if not name:
                self.errors.append(_("Name the scorer of %(party)s.") % {"party": party["label"]})
            self.cleaned_scorers[party["code"]] = name
        self.cleaned_scores = {}
        for group in self.groups:
            for row in group["rows"]:
                item = row["item"]
                for cell in row["cells"]:
                    raw = (cell["value"] or "").strip()
                    if raw == "":
                        continue
                    if cell["party"] not in self.cleaned_weights:
                        continue  # a column without weight is not used
                    score = self._decimal(raw, item.content)
                    if score is None:
                        continue
                    if score < 0 or score > item.max_score:
                        self.errors.append(
                            _("“%(item)s”: the score must lie between 0 and %(max)s.")
                            % {"item": item.content, "max": plain_number(item.max_score)}
                        )
                        continue
                    self.cleaned_scores[(cell["party"], item.pk)] = score
        return not self.errors

    def save(self, evaluation, user) -> list:
        """Parties and item scores of ``evaluation`` as posted (inside the caller's write)."""
        from .models import EvaluationParty, ItemScore

        saved = []
        EvaluationParty.objects.filter(evaluation=evaluation).exclude(party__in=list(self.cleaned_weights)).delete()
        parties = {}
        for code, weight in self.cleaned_weights.items():
            party, _created = EvaluationParty.objects.update_or_create(
                evaluation=evaluation, party=code,
                defaults={"weight": weight, "scorer": user, "scorer_name": self.cleaned_scorers.get(code, "")},
            )
            parties[code] = party
            saved.append(party)
        for (code, item_id), score in self.cleaned_scores.items():
            row, _created = ItemScore.objects.update_or_create(party=parties[code], item_id=item_id, defaults={"score": score})
            saved.append(row)
        kept = {(code, item_id) for code, item_id in self.cleaned_scores}
        for code, party in parties.items():
            for row in ItemScore.objects.filter(party=party):
                if (code, row.item_id) not in kept:
                    row.delete()
        return saved
