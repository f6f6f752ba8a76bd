"""Draft a policy profile from a county's document and review its targets one by one (issue 12, item 7).

A superuser pastes the text of another county's 五社联动 / 三社联动 plan or uploads it (.txt or .docx); the
parser (``wulian.policy_draft``) proposes its targets, and the portal saves them as an INACTIVE profile with
DRAFT targets. Each target is then corrected and accepted or rejected on the review page; only accepted
targets of an active profile ever count, so nothing drafted reaches attainment until a person has said yes.
"""

from __future__ import annotations

import re
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wulian import indicators
from wulian.models import PolicyProfile, Region, Target
from wulian.models.targets import (
    MAX_TARGET_POSITION,
    TARGET_POSITION_STEP,
    Phase,
    ProfileStatus,
    TargetPeriod,
    TargetStatus,
    TargetUnit,
)
from wulian.forms import DateInput
from wulian.target_forms import TargetReviewForm
from wulian.policy_draft import (
    GOVERNMENT_LIST,
    MAX_UPLOAD_BYTES,
    UNDRAFTED_WORDS,
    DocumentDraft,
    DraftTarget,
    UnreadableDocument,
    draft_document,
    every_department_list,
    figure_reading,
    government_list,
    other_departments_sentence,
    normalize,
    read_document,
    sentence_figures,
    shared_deadline,
    undrafted_sentences,
)
from wulian.workflow import perform
from wulian.writes import Refused, write

UNREADABLE = {
    "too_large": gettext_lazy("The file is larger than 2 MB; a policy document is much smaller."),
    "too_long": gettext_lazy("The text is longer than 200,000 characters; a policy document is much shorter."),
    "kind": gettext_lazy("Upload a .txt or .docx file (save a .doc or .pdf as .docx or plain text first)."),
    "docx": gettext_lazy("The file is not a readable Word (.docx) document."),
    "binary": gettext_lazy("The file is not plain text."),
    "encoding": gettext_lazy("The text file is neither UTF-8 nor GB18030 encoded."),
    "empty": gettext_lazy("The document has no text."),
    "numbering": gettext_lazy("The Word document's automatic numbering is malformed (a list number or level "
                              "Word never writes); save it again in Word, or paste its text."),
}
MATCHED_NOTE = re.compile(r"^依据：“(?P<matched>[^”]+)”")
# Places the parser names (首善街道): a town or street of that name, if exactly one exists.
TOWN_LEVEL = 4


def superuser_required(view):
    """Superusers only; anyone else logged in gets 404, as for any page outside their scope."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


# -- forms ---------------------------------------------------------------------------------------------------


class DocumentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Profile name"), max_length=200,
                           help_text=gettext_lazy("e.g. 某某县五社联动试点方案 (2024)"))
    code = forms.SlugField(label=gettext_lazy("Short code"), max_length=40,
                           help_text=gettext_lazy("Letters, digits and hyphens, e.g. mouxian2024."))
    text = forms.CharField(label=gettext_lazy("Text of the document"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12}))
    file = forms.FileField(label=gettext_lazy("…or upload it"), required=False,
                           help_text=gettext_lazy(".txt or .docx, at most 2 MB."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}))
    issued_on = forms.DateField(
        label=gettext_lazy("Date issued"), required=False,
        help_text=gettext_lazy("Optional: the date the document was issued (成文日期). Without it, the date written "
                               "at the end of the text is used. 今年, 年内 and 明年 are read from its year."),
        widget=DateInput())

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if PolicyProfile.objects.filter(name=name).exists():
            raise forms.ValidationError(_("A profile with this name exists already."))
        return name

    def clean_code(self):
        code = self.cleaned_data["code"]
        if PolicyProfile.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A profile with this code exists already."))
        return code

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError(_("Paste the text or upload a file, not both."))
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                self.add_error("file", str(UNREADABLE["too_large"]))
                return data
            try:
                data["document_text"] = read_document(upload.name, upload.read(MAX_UPLOAD_BYTES + 1))
            except UnreadableDocument as exc:
                self.add_error("file", str(UNREADABLE.get(str(exc), UNREADABLE["kind"])))
        elif text:
            if len(text) > 200_000:
                self.add_error("text", str(UNREADABLE["too_long"]))
            else:
                data["document_text"] = text
        else:
            raise forms.ValidationError(_("Paste the text of the document or upload it."))
        if "document_text" in data:
            draft = draft_document(data["document_text"], issued_on=data.get("issued_on"))
            # A text with figures the drafter made nothing of is still a document to review: the profile is made
            # and its sentences with figures are listed for the reviewer to add by hand. Only a text without any
            # figure or coverage phrase is refused.
            if not draft.targets and not undrafted_sentences(data["document_text"], ()):
                raise forms.ValidationError(
                    _("No measurable requirement (不少于, 达到, 以上, 不低于 …) was found in this text; nothing was created."))
            data["draft"] = draft
        return data


# -- pages ---------------------------------------------------------------------------------------------------


@superuser_required
def draft_list(request):
    """Every profile with its targets counted by status; drafted ones first."""
    profiles = PolicyProfile.objects.annotate(
        drafts=Count("targets", filter=Q(targets__status=TargetStatus.DRAFT)),
        accepted=Count("targets", filter=Q(targets__status=TargetStatus.ACCEPTED)),
        rejected=Count("targets", filter=Q(targets__status=TargetStatus.REJECTED)),
    ).order_by("is_active", "-created_at")
    return render(request, "wulian/policy_drafts/list.html", {"profiles": profiles})


@superuser_required
def draft_new(request):
    """Paste or upload a document; the portal drafts an inactive profile with draft targets."""
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile = write(request.user, "add", lambda: create_profile(
                data["name"], data["code"], data["document_text"], data["draft"]))
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            review_url = reverse("wulian:policy_draft_review", args=[profile.pk])
            if not data["draft"].targets:
                messages.warning(request, _("No target could be drafted from this document. Its sentences with "
                                            "figures are listed below: add the targets they set one by one."))
                return redirect(f"{review_url}?status={UNDRAFTED}")
            messages.success(request, _("%(count)d targets drafted. Review each one: nothing counts until accepted.")
                             % {"count": profile.targets.count()})
            return redirect(review_url)
    return render(request, "wulian/policy_drafts/new.html", {"form": form})


def create_profile(name: str, code: str, text: str, draft: DocumentDraft) -> PolicyProfile:
    """An inactive profile holding the document, its phases and its targets, all as drafts (one transaction)."""
    with transaction.atomic():
        profile = PolicyProfile.objects.create(
            name=name, code=code, title=draft.title[:300], document_number=draft.number[:60],
            issued_on=draft.issued_on, source_text=text, status=ProfileStatus.INACTIVE,
        )
        Phase.objects.bulk_create(
            Phase(profile=profile, name=phase.name[:100], start=phase.start, end=phase.end,
                  clause=f"§{phase.clause}", position=position)
            for position, phase in enumerate(draft.phases, start=1)
        )
        towns = {}
        named = {name for target in draft.targets for name in target.regions}
        if named:
            for region in Region.objects.filter(name__in=named, level=TOWN_LEVEL):
                towns.setdefault(region.name, []).append(region)
        for position, proposal in enumerate(draft.targets, start=1):
            target = Target.objects.create(profile=profile, position=position * TARGET_POSITION_STEP,
                                           status=TargetStatus.DRAFT,
                                           **target_fields(proposal))
            places = [towns[name][0] for name in proposal.regions if len(towns.get(name, [])) == 1]
            if places:
                target.regions.set(places)
    return profile


def target_fields(proposal: DraftTarget) -> dict:
    """A parser proposal as Target fields; what the model cannot hold goes into the note for the reviewer."""
    notes = [f"依据：“{proposal.matched}”"]
    unit = proposal.unit
    if unit and unit not in TargetUnit.values:
        notes.append(f"原文单位：{unit}")
        unit = ""
    period, deadline = proposal.period, proposal.deadline
    if period == TargetPeriod.BY_DEADLINE and deadline is None:
        period = TargetPeriod.ONGOING
        notes.append("请填写截止日期")
    if proposal.regions:
        notes.append("限：" + "、".join(proposal.regions))
    if proposal.note:
        notes.append(proposal.note)
    return {
        "indicator": proposal.indicator,
        "measure": (proposal.measure or proposal.matched)[:200] if not proposal.indicator else "",
        "level": proposal.level,
        "comparator": proposal.comparator,
        "threshold": proposal.threshold,
        "unit": unit,
        "period": period,
        "deadline": deadline,
        "clause": f"§{proposal.clause}" if proposal.clause else "",
        "quote": proposal.quote,
        "parameters": proposal.parameters,
        "note": "；".join(notes)[:2000],
    }


STATUS_TABS = [
    ("draft", gettext_lazy("To review")),
    ("accepted", TargetStatus.ACCEPTED.label),
    ("rejected", TargetStatus.REJECTED.label),
    ("all", gettext_lazy("All")),
]
# The tab beside them: the document's sentences with a figure or a coverage phrase and no draft (the drafter finds
# far from every target of a document it was not tuned on; the reviewer adds the rest from here).
UNDRAFTED = "undrafted"


@superuser_required
def draft_review(request, pk):
    """The drafted profile and each of its targets with a form to correct, accept or reject it."""
    profile = get_object_or_404(PolicyProfile, pk=pk)
    return render_review(request, profile, request.GET.get("status", "draft"))


def render_review(request, profile, shown, bound=None):
    """The review page; ``bound`` is a target's form that failed validation, shown with its errors."""
    if shown not in dict(STATUS_TABS) and shown != UNDRAFTED:
        shown = "draft"
    counts = dict(profile.targets.values_list("status").annotate(n=Count("pk")))
    listed = undrafted(profile)
    targets = profile.targets.prefetch_related("regions")
    if shown == UNDRAFTED:
        targets = targets.none()
    elif shown != "all":
        targets = targets.filter(status=shown)
    if bound is not None and bound.instance.status != shown and shown != "all":
        targets = list(targets) + [bound.instance]
    rows = []
    for target in targets:
        form = bound if bound is not None and bound.instance.pk == target.pk else TargetReviewForm(
            instance=target, prefix=f"t{target.pk}")
        # The buttons are the transitions the workflow offers (the page is the superuser's: "change" is allowed).
        actions = Target.workflow.offered(target, request.user, known={"change": True})
        rows.append({"target": target, "form": form, "quote": highlighted(target), "reported": target.is_reported,
                     # a sentence with more figures than this target's: another target may stand in it
                     "more_figures": len(sentence_figures(target.quote)) > 1 if target.quote else False,
                     "actions": actions, "editable": target.status != TargetStatus.REJECTED,
                     "indicator_label": indicators.label(target.indicator) if target.indicator else ""})
    tabs = [(code, label, counts.get(code, 0) if code != "all" else sum(counts.values())) for code, label in STATUS_TABS]
    in_list = shown == UNDRAFTED and government_list(profile.source_text)
    every_department = in_list and every_department_list(profile.source_text)
    # (a sentence that names the list itself, "2025年平凉市将办好这10件为民实事", is no department's item)
    sentences = [{"index": index, "clause": f"§{clause}" if clause else "§—", "text": marked(sentence),
                  "other_departments": in_list and other_departments_sentence(sentence, every_department)
                  and not GOVERNMENT_LIST.search(sentence)}
                 for index, (clause, sentence) in enumerate(listed)] if shown == UNDRAFTED else []
    return render(request, "wulian/policy_drafts/review.html", {
        "profile": profile, "rows": rows, "tabs": tabs, "shown": shown, "counts": counts,
        "undrafted_count": len(listed), "sentences": sentences,
        "phases": profile.phases.all(), "admin_url": admin_url(profile),
        "profile_actions": PolicyProfile.workflow.offered(profile, request.user, known={"change": True}),
    }, status=400 if bound is not None else 200)


def undrafted(profile) -> list[tuple[str, str]]:
    """(clause, sentence) of the profile's document that hold a figure and no target of any status cites."""
    if not profile.source_text:
        return []
    return undrafted_sentences(profile.source_text, profile.targets.values_list("quote", flat=True))


def marked(sentence: str, figures=None, here: str = "", chosen: int | None = None):
    """A sentence with its figures and coverage words marked (the text escaped). With ``figures`` (the matches of
    ``sentence_figures`` in the normalized sentence) and ``here`` (the add form's query), each figure is a link that
    fills the form in from it, the one it was filled in from (``chosen``) marked current."""
    if figures is None:
        figures = list(UNDRAFTED_WORDS.finditer(sentence))
    else:
        sentence = normalize(sentence)  # (the figures' places are in the normalized text; a listed sentence is one)
    parts, end = [], 0
    for number, match in enumerate(figures):
        words = f"<mark>{escape(match.group(0))}</mark>"
        if here:
            current = ' aria-current="true"' if number == chosen else ""
            words = f'<a class="figure-choice" href="?{here}&amp;f={number}" data-figure="{number}"{current}>{words}</a>'
        parts += [escape(sentence[end:match.start()]), words]
        end = match.end()
    parts.append(escape(sentence[end:]))
    return mark_safe("".join(parts))  # noqa: S308 — built from escaped text


def admin_url(profile) -> str:
    """The admin page where regions are attached to the profile (if the admin registers profiles)."""
    try:
        return reverse("admin:wulian_policyprofile_change", args=[profile.pk])
    except NoReverseMatch:
        return ""


def highlighted(target: Target):
    """The quoted sentence with the words that set the target marked: the drafter's (its 依据 note) or, for a
    target added or imported by hand, the first figure in the sentence that is its threshold (15万 for 150000 元),
    with its unit when the sentence writes it there."""
    quote = escape(target.quote)
    match = MATCHED_NOTE.match(target.note)
    if match:
        words = escape(match["matched"])
        return mark_safe(quote.replace(words, f"<mark>{words}</mark>", 1))  # noqa: S308 — built from escaped text
    unit = f"(?:{re.escape(escape(target.unit))})?" if target.unit else ""  # marked with the figure when it follows
    for figure in threshold_figures(target):
        found = re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d.]){unit}", quote)
        if found:
            return mark_safe(f"{quote[:found.start()]}<mark>{found[0]}</mark>{quote[found.end():]}")  # noqa: S308
    return mark_safe(quote)  # noqa: S308 — built from escaped text


def threshold_figures(target: Target) -> list[str]:
    """How a target's threshold may be written in its sentence, most specific first."""
    if target.threshold is None:
        return []
    figure = target.threshold.normalize()
    figures = [f"{figure:f}"]
    if (target.unit or "").startswith("元") and figure >= 10000:
        figures.insert(0, f"{(figure / 10000).normalize():f}万")
    return figures


@superuser_required
@require_POST
def review_target(request, pk, target_pk):
    """Save the corrections of one target and accept it, reject it, or put it back to review."""
    profile = get_object_or_404(PolicyProfile, pk=pk)
    target = get_object_or_404(Target, pk=target_pk, profile=profile)
    action = request.POST.get("action")
    shown = request.POST.get("shown", "draft")
    back = redirect(f"{reverse('wulian:policy_draft_review', args=[profile.pk])}?status={shown}#target-{target.pk}")
    if action in ("reject", "reopen"):
        try:
            perform(request.user, Target, target.pk, action, reason=request.POST.get("reason", ""))
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.info(request, _("Target rejected: it will not count.") if action == "reject"
                          else _("Target back to review."))
        return back
    if action not in ("accept", "save"):
        raise Http404
    form = TargetReviewForm(request.POST, instance=target, prefix=f"t{target.pk}")
    if form.is_valid():
        edited = form.save(commit=False)
        try:
            with transaction.atomic():
                write(request.user, "change", lambda: _save(edited))
                if action == "accept":
                    perform(request.user, Target, target.pk, "accept")
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            if action == "accept":
                messages.success(request, _("Target accepted: it counts once the profile is active."))
            elif edited.status == TargetStatus.ACCEPTED:
                messages.success(request, _("Corrections saved; the target stays accepted."))
            else:
                messages.success(request, _("Corrections saved; the target still waits for review."))
            return back
    return render_review(request, profile, shown, bound=form)


def _save(target: Target, fields=None) -> Target:
    target.save(update_fields=fields)
    return target


@superuser_required
def add_target(request, pk):
    """A target the drafter missed, added by hand from a sentence the review page lists (``?s=``: its place in the
    list), or from the sentence of one of the profile's targets (``?t=``: a sentence holding more than one target):
    a draft of the profile, reviewed like the others."""
    profile = get_object_or_404(PolicyProfile, pk=pk)
    review_url = reverse("wulian:policy_draft_review", args=[profile.pk])
    if "t" in request.GET:
        try:
            source = profile.targets.exclude(quote="").get(pk=int(request.GET["t"]))
        except (ValueError, Target.DoesNotExist):
            raise Http404 from None
        clause, sentence, here = source.clause.removeprefix("§"), source.quote, f"t={source.pk}"
        others = list(profile.targets.filter(quote=sentence).values_list("comparator", "threshold"))
    else:
        listed = undrafted(profile)
        try:
            index = int(request.GET.get("s", ""))
        except ValueError:
            raise Http404 from None
        # The form carries its sentence: when the list moved since the page was opened (a sentence above it was
        # added meanwhile), the sentence the form was filled for is added wherever it stands now.
        posted = request.POST.get("sentence") if request.method == "POST" else None
        moved = next((i for i, (_clause, sentence) in enumerate(listed) if sentence == posted), None)
        if moved is not None:
            index = moved
        elif not 0 <= index < len(listed):
            raise Http404
        elif posted is not None:
            messages.info(request, _("That sentence has a target already."))
            return redirect(f"{review_url}?status={UNDRAFTED}")
        (clause, sentence), here, others = listed[index], f"s={index}", []
    target = Target(profile=profile, status=TargetStatus.DRAFT, quote=sentence,
                    clause=f"§{clause}" if clause else "")
    figures = sentence_figures(sentence)
    due = shared_deadline(profile.targets.values_list("deadline", flat=True))
    readings = [figure_reading(sentence, clause, profile.issued_on, figure=number, deadline=due)
                for number in range(len(figures))] if request.method != "POST" else []
    try:
        chosen = int(request.GET["f"])
    except (KeyError, ValueError):
        # the first figure no target of the sentence has been given already (a draft's 10个: its 3个 next)
        chosen = next((number for number, reading in enumerate(readings)
                       if reading and (reading.comparator, reading.threshold) not in others), 0)
    chosen = chosen if 0 <= chosen < len(figures) else 0
    reading = readings[chosen] if readings else None
    if reading:
        # The form starts from what the sentence plainly says at the figure chosen (the first unless another is
        # clicked), the place and the date it names; the page asks the reviewer to check every field before adding.
        for name, value in target_fields(reading).items():
            if name not in ("quote", "clause"):
                setattr(target, name, value)
    form = TargetReviewForm(request.POST if request.method == "POST" else None, instance=target, prefix="new")
    if request.method == "POST":
        if form.is_valid():
            added = form.save(commit=False)
            try:
                with transaction.atomic():
                    added.position = profile.last_target_position() + TARGET_POSITION_STEP
                    if added.position > MAX_TARGET_POSITION:
                        raise Refused(_("The profile holds too many targets to add one more."))
                    write(request.user, "add", lambda: _save(added))
            except Refused as refusal:
                form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
            else:
                messages.success(request, _("Target added from the document's sentence; it waits for review "
                                            "like the others."))
                return redirect(f"{review_url}?status=draft#target-{added.pk}")
    return render(request, "wulian/policy_drafts/add.html", {
        "profile": profile, "form": form, "sentence": sentence,
        "quote": marked(sentence, figures, here, chosen if reading else None),
        "read": bool(reading), "choose": bool(reading) and len(figures) > 1,
        "clause": target.clause or "§—", "here": here, "review_url": review_url, "another": here.startswith("t="),
    }, status=400 if request.method == "POST" else 200)


@superuser_required
@require_POST
def activate(request, pk):
    """Make the profile count (its accepted targets only); regions are attached to it in the admin."""
    profile = get_object_or_404(PolicyProfile, pk=pk)
    name = "deactivate" if request.POST.get("active") == "0" else "activate"
    try:
        perform(request.user, PolicyProfile, profile.pk, name)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if name == "deactivate":
            messages.info(request, _("Profile deactivated: none of its targets counts."))
        else:
            messages.success(request, _("Profile active: its accepted targets count for the regions attached to it."))
    return redirect("wulian:policy_draft_review", pk=profile.pk)


urlpatterns = [
    path("", draft_list, name="policy_draft_list"),
    path("new/", draft_new, name="policy_draft_new"),
    path("<int:pk>/", draft_review, name="policy_draft_review"),
    path("<int:pk>/activate/", activate, name="policy_draft_activate"),
    path("<int:pk>/targets/<int:target_pk>/", review_target, name="policy_draft_target"),
    path("<int:pk>/targets/add/", add_target, name="policy_draft_target_add"),
]
