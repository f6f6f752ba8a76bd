"""Funding's part of the OCDS release (``projects.ocds.register_contract_part``): a published contract's
``implementation.transactions`` — each paid tranche (not reversed) from the bureau to the agency, and each
claw-back from the agency back to the bureau, by entry number, date and amount. Voucher numbers stay inside."""

from __future__ import annotations

from collections import defaultdict

from projects.ocds import amount, iso

from .choices import EntryKind
from .models import Entry


def transactions(projects, bureaus) -> dict[int, dict]:
    by_pk = {p.pk: p for p in projects}
    entries = (Entry.objects.filter(project_id__in=by_pk, kind__in=[EntryKind.PAYMENT, EntryKind.CLAWBACK],
                                    reversed_by__isnull=True).order_by("date", "pk"))  # one query for the package
    found = defaultdict(list)
    for entry in entries:
        project = by_pk[entry.project_id]
        if project.agency_id is None:
            continue
        bureau = bureaus.of(project)
        agency = {"id": f"agency-{project.agency_id}", "name": project.agency.name}
        payer, payee = (bureau, agency) if entry.kind == EntryKind.PAYMENT else (agency, bureau)
        found[project.pk].append({
            "id": entry.number,
            "date": iso(entry.voucher_date or entry.date),
            "value": amount(entry.amount),
            "payer": payer,
            "payee": payee,
        })
    return {pk: {"implementation": {"transactions": rows}} for pk, rows in found.items()}
