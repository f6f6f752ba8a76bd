"""The public page of charity resources (慈善法第79条): per community fund and fundraising project, its income,
use and balance, its last disclosure and when the next is due. No login; no donor or beneficiary is named
(慈善法第82条) — the page shows figures and the host's and the plan's public facts only."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import rules
from .models import CommunityFund, Fundraising


def _rows(queryset):
    today = timezone.localdate()
    from .views import with_figures

    return [(owner, rules.disclosure_status(owner, today)) for owner in with_figures(queryset)]


@require_GET
@cache_control(public=True, max_age=300)
def charity_public(request):
    return render(request, "funding/charity/public.html", {
        "funds": _rows(CommunityFund.objects.order_by("name")),
        "fundraisings": _rows(Fundraising.objects.order_by("-starts_on", "pk")),
    })
