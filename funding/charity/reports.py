"""The disclosure statement (信息公开报告) of one community fund or fundraising project: a PDF through the core's
report pipeline (``wulian.reports``), A4, in Chinese. It names no individual donor or beneficiary without their
consent (慈善法第82条)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wulian.pdf import render_pdf
from wulian.reports import BrokerUnavailable, TooManyReports, register, submit

from . import rules
from .models import CharityMovement, CommunityFund, Fundraising

KINDS = {"fund": CommunityFund, "fundraising": Fundraising}


def owner_of(user, value: str):
    """``fund-12`` / ``fundraising-3`` → the row, if the user may see it (else None)."""
    kind, _sep, pk = str(value or "").partition("-")
    model = KINDS.get(kind)
    if model is None or not pk.isdigit():
        return None
    return model.objects.restrict(user, "view").select_related("host", "region").filter(pk=pk).first()


def statement_fields(user) -> dict:
    choices = [(f"fund-{f.pk}", f"{_('community fund')}：{f}") for f in CommunityFund.objects.restrict(user, "view")]
    choices += [(f"fundraising-{f.pk}", f"{_('fundraising project')}：{f}")
                for f in Fundraising.objects.restrict(user, "view")]
    return {"owner": forms.ChoiceField(label=_("Fund or fundraising project"), choices=choices)}


def statement_context(owner) -> dict:
    field = "fund" if isinstance(owner, CommunityFund) else "fundraising"
    movements = list(CharityMovement.objects.filter(**{field: owner}).select_related("donation").order_by("date", "pk"))
    today = timezone.localdate()
    return {"owner": owner, "is_fund": field == "fund", "figures": rules.figures(owner),
            "due": rules.disclosure_status(owner, today), "today": today,
            "incomes": [m for m in movements if m.kind != "use"], "uses": [m for m in movements if m.kind == "use"],
            "disclosures": list(owner.disclosures.order_by("published_on"))}


@register(
    "charity_disclosure",
    gettext_lazy("Disclosure statement of a fund"),
    "pdf",
    model=CommunityFund,
    fields=statement_fields,
    time_limit=300,
    description=gettext_lazy("Income, uses and balance of one community fund or fundraising project, for publication "
                             "(慈善法第79条); no donor or beneficiary named without consent."),
)
def disclosure_statement(job, handle, progress):
    owner = owner_of(job.user, job.params.get("owner"))
    if owner is None:
        raise CommunityFund.DoesNotExist("没有可查看的基金或募捐项目")
    progress(1, 2)
    with translation.override(settings.LANGUAGE_CODE):
        handle.write(render_pdf("funding/pdf/disclosure_statement.html", statement_context(owner)))
    return f"信息公开报告-{owner}.pdf"


@login_required
@require_POST
def request_statement(request, kind: str, pk: int):
    """Start the disclosure statement of a fund or fundraising project the user sees (404 otherwise)."""
    owner = owner_of(request.user, f"{kind}-{pk}")
    if owner is None:
        raise Http404
    try:
        submit(request.user, "charity_disclosure", {"owner": f"{kind}-{pk}"})
    except (BrokerUnavailable, TooManyReports) as exc:
        messages.error(request, str(exc))
        return redirect(owner.get_absolute_url())
    messages.info(request, _("The disclosure statement is being prepared; it appears in the report centre when ready."))
    return redirect("wulian:report_center")
