"""Read-only pages of the policy targets: the document of the user's area, and attainment by region and year.

``/core/targets/``: the profile (policy document) the user's area follows — its targets with their clauses and
sentences, its phases on a timeline, its leading group. ``/core/targets/attainment/?region=…&year=…``: every
applicable target for the region and each region of the next level, with value, threshold, verdict and gap;
each value links to the rows it counts; the region in the URL drills down county → town → community. The
region must lie in the user's scope (``Region.objects.restrict``), else 404.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian import attainment as att
from wulian import indicators
from wulian.choices import REGION_ROLES
from wulian.attachments import AttachmentFilesField, save_attachments
from wulian.models import AttachmentKind, PolicyProfile, Region, Target, TargetReport
from wulian.models.base import can
from wulian.models.targets import Comparator, TargetStatus, attachments, profile_of_path
from wulian.writes import Refused, write

FIRST_YEAR = 2015


def _scope_region(user) -> Region | None:
    if user.region_id:
        return user.region
    return None


def _check_access(user) -> None:
    """Region users and superusers; agency staff and evaluators have no area to measure."""
    if user.is_superuser:
        return
    if user.role not in REGION_ROLES or not user.region_id:
        raise PermissionDenied


def profiles_for_user(user) -> list[PolicyProfile]:
    """The profiles of the user's area: the one it follows and any attached below it (superuser: all)."""
    if user.is_superuser and not user.region_id:
        return list(PolicyProfile.objects.filter(is_active=True).order_by("issued_on", "name"))
    region = user.region
    links = attachments()
    found = {}
    own = profile_of_path(region.path, links)
    if own is not None:
        found[own.pk] = own
    for path, profile in sorted(links, key=lambda pair: pair[0]):
        if path.startswith(region.path):
            found.setdefault(profile.pk, profile)
    return list(found.values())


def conditions(target) -> list[str]:
    """What a target asks besides its threshold, as a reader says it: the rooms, the equipment, urban only."""
    from wulian.choices import CommunityKind

    names = {
        "office": _("Office"), "case": _("Casework / counselling room"), "group": _("Group activity room"),
        "meeting": _("Shared meeting room"), "desks": _("Desks and chairs"), "computers": _("Computers"),
        "printers": _("Printers"), "filing_cabinets": _("Filing cabinets"),
    }
    params = target.parameters or {}
    found = [names.get(code, code) for key in ("rooms", "equipment") for code in params.get(key, [])]
    kind = params.get("community_kind")
    if kind in CommunityKind.values:
        found.append(str(CommunityKind(kind).label))
    return found


@login_required
def targets_page(request):
    user = request.user
    _check_access(user)
    profiles = profiles_for_user(user)
    chosen = request.GET.get("profile")
    profile = next((p for p in profiles if p.code == chosen), profiles[0] if profiles else None)
    context = {"profiles": profiles, "profile": profile}
    if profile is not None:
        targets = list(
            profile.targets.filter(status=TargetStatus.ACCEPTED).prefetch_related("regions").order_by("position", "pk")
        )
        rows = []
        for target in targets:
            entry = indicators.get(target.indicator)
            rows.append(
                {
                    "target": target,
                    "label": target.name,
                    "definition": entry.definition if entry else "",
                    "computed": entry is not None,
                    "named": [r.name for r in target.regions.all()],
                    "conditions": conditions(target),
                }
            )
        today = timezone.localdate()
        context.update(
            rows=rows,
            regions=list(profile.regions.order_by("path")),
            phases=att.phases_on(profile, today),
            leading_group=list(profile.leading_group.all()),
            drafts=profile.targets.filter(status=TargetStatus.DRAFT).count() if user.is_superuser else 0,
            today=today,
        )
    return render(request, "wulian/targets.html", context)


def _year(request) -> int:
    current = att.default_year()
    try:
        year = int(request.GET.get("year", current))
    except (TypeError, ValueError):
        return current
    return year if FIRST_YEAR <= year <= current + 1 else current


def _display(value, unit: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("in place") if value else _("lacking")
    text = f"{Decimal(value).normalize():f}"
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}".strip()


def _decorate(sections) -> None:
    for section in sections:
        for row in section.rows:
            for cell in row.cells:
                if cell is None:
                    continue
                cell.shown = _display(cell.value, cell.target.unit)
                cell.gap_shown = _display(cell.gap, cell.target.unit) if cell.gap else ""


@login_required
def attainment_page(request):
    user = request.user
    _check_access(user)
    visible = Region.objects.restrict(user)
    region_id = request.GET.get("region")
    if region_id:
        try:
            region = visible.get(pk=int(region_id))
        except (ValueError, Region.DoesNotExist):
            raise Http404 from None
    else:
        region = _scope_region(user) or visible.order_by("depth", "path").first()
        if region is None:
            raise Http404
    year = _year(request)
    result = att.attainment(region, year, page=request.GET.get("page"))
    _decorate(result.own)
    _decorate(result.children)
    # Breadcrumbs: the region's ancestors inside the user's scope (the scope region first).
    scope_path = user.scope_path or ""
    prefixes = [p for p in region.ancestors_path_prefixes() if p.startswith(scope_path)]
    ancestors = list(Region.objects.filter(path__in=prefixes).order_by("depth")) if prefixes else []
    children_without_targets = []
    if not result.children and region.level < 5:
        children_without_targets = list(visible.filter(path__startswith=region.path, depth=region.depth + 1))
    current = att.default_year()
    context = {
        "region": region,
        "year": year,
        "years": list(range(current + 1, FIRST_YEAR - 1, -1)),
        "result": result,
        "ancestors": ancestors,
        "children_without_targets": children_without_targets,
        "MET": att.MET,
        "NOT_MET": att.NOT_MET,
        "NO_DATA": att.NO_DATA,
    }
    return render(request, "wulian/attainment.html", context)


class TargetReportForm(forms.Form):
    """The value of a reported target for a region and year, with its evidence (the core's attachments)."""

    value = forms.DecimalField(label=gettext_lazy("value"), required=False, min_value=0, max_digits=14,
                               decimal_places=2)
    in_place = forms.TypedChoiceField(
        label=gettext_lazy("in place"), required=False, coerce=lambda v: v == "yes", empty_value=None,
        choices=[("", "---------"), ("yes", gettext_lazy("in place")), ("no", gettext_lazy("lacking"))])
    note = forms.CharField(label=gettext_lazy("note"), required=False, max_length=500)
    evidence = AttachmentFilesField(label=gettext_lazy("evidence"), required=True,
                                    help_text=gettext_lazy("JPG, PNG or PDF, at most 10 MB each."))

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        if target.comparator == Comparator.PRESENT:
            del self.fields["value"]
        else:
            del self.fields["in_place"]
            if target.unit == "%":
                self.fields["value"].max_value = 100

    def clean(self):
        data = super().clean()
        figure = data.get("in_place") if self.target.comparator == Comparator.PRESENT else data.get("value")
        if figure is None and not self.errors:
            raise forms.ValidationError(_("Enter the value."))
        return data


def _reported_target(user, target_pk: int, region_pk: int):
    """The accepted reported target and the region of the user's scope it applies to; else 404."""
    try:
        region = Region.objects.restrict(user).get(pk=region_pk)
    except Region.DoesNotExist:
        raise Http404 from None
    target = Target.objects.filter(pk=target_pk, status=TargetStatus.ACCEPTED).select_related("profile").first()
    if target is None or not target.is_reported or not att.applies(target, region):
        raise Http404
    if PolicyProfile.objects.for_region(region) != target.profile:
        raise Http404
    return target, region


@login_required
def target_report(request, target_pk: int, region_pk: int, year: int):
    """Enter a reported target's value for a region and year, with evidence; the entries so far are its history."""
    user = request.user
    _check_access(user)
    target, region = _reported_target(user, target_pk, region_pk)
    if not FIRST_YEAR <= year <= att.default_year() + 1:
        raise Http404
    may_enter = can(user, "add", TargetReport)
    form = TargetReportForm(request.POST or None, request.FILES or None, target=target) if may_enter else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data

            def save():
                report = TargetReport(target=target, region=region, year=year, value=data.get("value"),
                                      in_place=data.get("in_place"), note=data["note"], entered_by=user)
                report.save()
                save_attachments(data["evidence"], owner=report, kind=AttachmentKind.OTHER, user=user)
                return report

            try:
                write(user, "add", save)
            except Refused as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The value was entered."))
                return redirect(f"{reverse('wulian:attainment')}?region={region.pk}&year={year}")
    history = list(
        TargetReport.objects.restrict(user).filter(target=target, region=region)
        .select_related("entered_by").prefetch_related("attachments").order_by("-year", "-created_at", "-pk")
    )
    return render(request, "wulian/target_report.html", {
        "target": target, "region": region, "year": year, "form": form, "history": history,
        "overdue": not [r for r in history if r.year == year] and att.report_overdue(target, year, timezone.localdate()),
    })
