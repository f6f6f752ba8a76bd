"""A county's targets from its own Excel 任务分解表, as DRAFT targets of one policy profile.

The drafter reads only part of a document it has never seen; a bureau usually holds its targets in a sheet
already. Its rows come in through the portal's one import path (``wulian.imports``: every row checked first,
all rows or none, each saved through the core write path, so each lands in the history), and each row is
checked by the rules of the review form (``TargetReviewForm``: a reported target says what it measures,
“须具备” goes without a threshold, plus the target's own rules). The page chooses the profile; the rows are
drafts placed after its last target, and nothing counts until a superuser accepts it on the review page.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wulian import indicators
from wulian.imports import Importer, ImportRejected
from wulian.models import PolicyProfile, Target
from wulian.models.targets import MAX_TARGET_POSITION, TARGET_POSITION_STEP, TargetStatus
from wulian.target_forms import TargetReviewForm

# The columns of the sheet, in the order of a 任务分解表: where, what, for whom, how much, by when, the document's words.
COLUMNS = ["clause", "indicator", "measure", "level", "comparator", "threshold", "unit", "period", "deadline", "quote",
           "note"]


def indicator_names():
    """Every indicator of the registry by its Chinese name, as a bureau writes it in its sheet."""
    return [("", "—"), *((code, indicators.label(code)) for code in indicators.codes())]


class TargetImportForm(TargetReviewForm):
    """One row of the sheet: the review form's fields and rules, with the sentence quoted, the columns named as a
    任务分解表 names them, and the profile, status and position given by the import."""

    indicator = forms.ChoiceField(label=pgettext_lazy("target import", "Indicator"), choices=indicator_names,
                                  required=False)

    class Meta(TargetReviewForm.Meta):
        fields = COLUMNS

    LABELS = {
        "clause": pgettext_lazy("target import", "Clause"),
        "measure": pgettext_lazy("target import", "What is assessed"),
        "level": pgettext_lazy("target import", "Level"),
        "comparator": pgettext_lazy("target import", "Comparison"),
        "threshold": pgettext_lazy("target import", "Target value"),
        "unit": pgettext_lazy("target import", "Unit"),
        "period": pgettext_lazy("target import", "Period"),
        "deadline": pgettext_lazy("target import", "Deadline"),
        "quote": pgettext_lazy("target import", "Original text"),
        "note": pgettext_lazy("target import", "Note"),
    }

    def __init__(self, *args, user=None, profile=None, position=0, **kwargs):
        kwargs.setdefault("instance", Target(profile=profile, status=TargetStatus.DRAFT, position=position))
        super().__init__(*args, **kwargs)
        # The target's clean() states both its check constraints in words (a threshold unless “must exist”, a
        # deadline for “by a deadline”); their generic check would ask the database, a savepoint and a SELECT for
        # each constraint of each row. The database still enforces them when the rows are saved.
        self.instance.validate_constraints = lambda exclude=None: None

    def add_error(self, field, error):
        """One message per cell: the target's own rules say nothing more of a value its field refused already
        (“十五” is not a number; not also “give the target value”)."""
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            kept = {name: errors for name, errors in error.error_dict.items() if name not in self._errors}
            if not kept:
                return
            error = ValidationError(kept)
        super().add_error(field, error)


class TargetImporter(Importer):
    model = Target
    form_class = TargetImportForm
    fields = COLUMNS
    title = gettext_lazy("Targets")
    instructions = (
        gettext_lazy("One row per target of your 任务分解表. The rows become targets of this profile waiting for "
                     "review: none counts until it is accepted on the review page."),
        gettext_lazy("A target no indicator of the portal computes is a reported target: leave 指标 blank and say in "
                     "考核内容 what it assesses; the region then enters its value."),
    )
    hints = {
        "clause": gettext_lazy("Where the document sets it, e.g. §三.一"),
        "indicator": gettext_lazy("The indicator's name exactly as listed; blank for a reported target (then fill "
                                  "in 考核内容)"),
        "measure": gettext_lazy("Required when 指标 is blank: what is assessed, as the document words it"),
        "level": gettext_lazy("Where the target applies"),
        "comparator": gettext_lazy("须具备 needs no target value and no unit"),
        "threshold": gettext_lazy("Number, e.g. 15 or 85 for 85 % (the unit goes in 单位); blank for 须具备"),
        "period": gettext_lazy("限期完成 needs the deadline"),
        "deadline": gettext_lazy("Date, e.g. 2025-12-31; required for 限期完成"),
        "unit": gettext_lazy("The unit of the target value; blank for 须具备"),
        "quote": gettext_lazy("The sentence of the document that sets the target"),
        "note": gettext_lazy("Anything the reviewer should know"),
    }

    def __init__(self, user, profile: PolicyProfile):
        super().__init__(user)
        self.profile = profile
        self.next_position = 0
        self.step = TARGET_POSITION_STEP

    def success_message(self, result) -> str:
        return _("%(count)d targets were imported into %(profile)s. Review each one: nothing counts until "
                 "accepted.") % {"count": result.created, "profile": self.profile.name}

    def choice_labels(self, formfield) -> list[str]:
        """A name holding the list's separator (服务性、公益性、互助性社会组织占比) is quoted: the list reads one way."""
        return [f"“{label}”" if "、" in label else label for label in super().choice_labels(formfield)]

    def cell_to_data(self, formfield, value):
        if isinstance(value, str) and isinstance(formfield, forms.ChoiceField):
            value = value.strip().removeprefix("“").removesuffix("”")  # a name copied from the list with its quotes
        return super().cell_to_data(formfield, value)

    def blank_form(self):
        return self.form_class(user=self.user, profile=self.profile)

    def read_rows(self, upload):
        """The rows, and where they go: after the profile's last target (one query whatever their number)."""
        rows = super().read_rows(upload)
        last = self.profile.last_target_position()
        if last + len(rows) * self.step > MAX_TARGET_POSITION:
            self.step = 1
        if last + len(rows) > MAX_TARGET_POSITION:
            raise ImportRejected(_("The profile holds too many targets to add %(count)d more.") % {"count": len(rows)})
        self.next_position = last
        return rows

    def make_form(self, data):
        self.next_position += self.step
        return self.form_class(data=data, user=self.user, profile=self.profile, position=self.next_position)
