"""What funding adds to the pages of other apps: a project's money (its lines, the commitment of its
agreement, each tranche paid or not, with the payment button for the payer) and a station's operating funds."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.models.base import can, user_can

from . import years
from .choices import EntryKind, Purpose
from .ledger import tranche_condition_met
from .models import BudgetLine, Entry


def project_money(request, project) -> dict:
    user = request.user
    lines = list(BudgetLine.objects.restrict(user).filter(project=project).select_related("source"))
    entries = Entry.objects.restrict(user).filter(project=project)
    payments = {e.milestone_id: e for e in entries.filter(kind=EntryKind.PAYMENT, reversed_by__isnull=True)}
    committed = entries.filter(kind=EntryKind.COMMITMENT, reversed_by__isnull=True).exists()
    agreement = getattr(project, "agreement", None)
    may_pay = can(user, "pay", Entry)
    today = timezone.localdate()
    tranches = []
    for milestone in project.milestones.all():
        paid = payments.get(milestone.pk)
        why = None if paid else tranche_condition_met(milestone, today)
        if not why and not paid and may_pay and milestone.confirmed_by_id == user.pk:
            why = _("The person who confirmed the milestone does not also record its payment.")
        tranches.append({"milestone": milestone, "paid": paid, "why": why,
                         "pay_url": reverse("funding:milestone_pay", args=[milestone.pk])
                         if may_pay and not paid and not why and committed else None})
    return {
        "lines": lines,
        "budgeted": sum((line.budget for line in lines), Decimal(0)),
        "spent": sum((line.spent for line in lines), Decimal(0)),
        "committed_now": sum((line.committed for line in lines), Decimal(0)),
        "tranches": tranches,
        "commit_url": reverse("funding:agreement_commit", args=[project.pk])
        if agreement is not None and agreement.is_signed and not committed and lines and user_can(user, Entry, "add")
        else None,
        "add_line_url": f"{reverse('funding:budgetline_add')}?purpose={Purpose.PROJECT}&project={project.pk}"
        if user_can(user, BudgetLine, "add") else None,
        "entries_url": f"{reverse('funding:entry_list')}?project={project.pk}" if user_can(user, Entry, "view") else None,
        **_bond(user, project, committed and may_pay),
    }


def _bond(user, project, may_record: bool) -> dict:
    """The performance bond held (linked), or the payer's button to record one."""
    from .ledger import held_bond

    held = held_bond(project)
    if held is not None and not Entry.objects.restrict(user).filter(pk=held.pk).exists():
        held = None
    return {"bond": held,
            "bond_url": reverse("funding:bond_hold", args=[project.pk]) if may_record and held is None else None}


def station_money(request, station) -> dict:
    user = request.user
    lines = list(BudgetLine.objects.restrict(user).filter(station=station).select_related("source")
                 .order_by("-year", "pk")[:20])
    by_year: dict[int, dict] = {}
    for line in lines:
        row = by_year.setdefault(line.year, {"year": line.year, "label": years.label(line.year), "budget": Decimal(0),
                                             "spent": Decimal(0)})
        row["budget"] += line.budget
        row["spent"] += line.spent
    return {
        "years": sorted(by_year.values(), key=lambda r: -r["year"]),
        "entries_url": reverse("funding:entry_list") if user_can(user, Entry, "view") else None,
        "add_line_url": f"{reverse('funding:budgetline_add')}?purpose={Purpose.STATION}&station={station.pk}"
        if user_can(user, BudgetLine, "add") else None,
    }
