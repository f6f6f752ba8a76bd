"""Issuing a certificate of volunteer service (志愿服务记录证明) and rendering it as PDF.

The certificate sums the volunteer's CONFIRMED hours in the period, in the activities the issuer can see
("谁记录谁证明"), and freezes them in the registered ``VolunteerCertificate``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from wulian.pdf import render_pdf
from wulian.tables import mask_id_number

from .choices import HoursStatus
from .models import ServiceHours, VolunteerCertificate


def confirmed_hours(user, volunteer, start, end):
    return (
        ServiceHours.objects.restrict(user, "view")
        .filter(volunteer=volunteer, status=HoursStatus.CONFIRMED, activity__date__range=(start, end))
        .select_related("activity")
        .order_by("activity__date", "activity__start_time")
    )


def issue(certificate: VolunteerCertificate, user) -> VolunteerCertificate:
    """Fill in the certified figures and the number, and save (the caller holds a transaction)."""
    records = list(confirmed_hours(user, certificate.volunteer, certificate.period_start, certificate.period_end))
    certificate.items = [
        {
            "date": r.activity.date.isoformat(),
            "title": r.activity.title,
            "organiser": r.activity.organiser if not r.activity.team_id and not r.activity.organization_id else "",
            "content": r.activity.content[:200],
            "hours": str(r.hours),
        }
        for r in records
    ]
    certificate.hours = sum((r.hours for r in records), Decimal("0"))
    certificate.activities_count = len(records)
    certificate.issued_on = timezone.localdate()
    certificate.issued_by = user
    certificate.number = VolunteerCertificate.generate_number(certificate.issued_on)
    certificate.save()
    return certificate


def issue_once(certificate: VolunteerCertificate, user) -> tuple[VolunteerCertificate, bool]:
    """Issue the certificate unless one was issued for this volunteer and period; then return that one.

    Returns ``(certificate, issued_now)``. Two requests at the same moment race on the database's unique
    constraint: the loser finds the winner's certificate.
    """
    existing = _issued(certificate)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return issue(certificate, user), True
    except IntegrityError:
        existing = _issued(certificate)
        if existing is None:
            raise
        return existing, False


def _issued(certificate: VolunteerCertificate) -> VolunteerCertificate | None:
    return VolunteerCertificate.objects.filter(
        volunteer=certificate.volunteer,
        period_start=certificate.period_start,
        period_end=certificate.period_end,
        duplicate_of__isnull=True,
    ).first()


def total_confirmed(user, volunteer, start, end) -> Decimal:
    return confirmed_hours(user, volunteer, start, end).aggregate(total=Sum("hours"))["total"] or Decimal("0")


def mask_name(name: str) -> str:
    """张*丰 / 张*: the first character and, for three or more, the last; the rest starred."""
    if not name:
        return ""
    if len(name) <= 2:
        return name[0] + "*" * (len(name) - 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


def certificate_pdf(certificate: VolunteerCertificate) -> bytes:
    volunteer = certificate.volunteer
    return render_pdf(
        "volunteers/certificate_pdf.html",
        {
            "certificate": certificate,
            "volunteer": volunteer,
            "masked_id": mask_id_number(volunteer.id_number),
            # The record keeps ISO dates (data); the certificate prints them the Chinese way.
            "items": [{**item, "date": dt.date.fromisoformat(item["date"])} for item in certificate.items],
        },
    )
