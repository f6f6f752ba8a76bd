"""The public projects as an OCDS 1.1 release package (Open Contracting Data Standard, schema 1.1.5).

One compiled release per project (``tag`` lists the stages it reached) with what the public page shows
and nothing more (``projects.public`` decides what is public; this module only maps it):

- ``planning``: the needs assessment — the rationale (goals and the needs counted, by target group) and the
  budget of the proposal;
- ``tender``: the notice — ceiling, ``procurementMethod`` mapped to the OCDS codes (open tender → open;
  competitive consultation and request for quotations → selective, invited agencies; single source and
  entrustment → limited) with the Chinese method in ``procurementMethodDetails``, the bid deadline as
  ``tenderPeriod.endDate``, the scoring criteria in ``awardCriteriaDetails``;
- ``awards``: the agency chosen and the awarded price (never a bid, never another agency);
- ``contracts``: once signed and published — number, amount, period, milestones (payment milestones with
  their status; performance targets as delivery milestones) and, once accepted, the evaluation report as
  a document (``evaluationReports``);
- ``parties``: the bureau (buyer and procuringEntity) and the agency (supplier), by name only.

Dates are ISO 8601 with the +08:00 offset (Asia/Shanghai); amounts are numbers in CNY. Apps above projects
add to a contract through ``register_contract_part`` (funding adds ``implementation.transactions``, the paid
tranches): projects never names them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from wulian.choices import RegionLevel
from wulian.models import Region

from ..choices import MilestoneStatus, ProcurementMethod
from .validation import VERSION, errors, is_valid  # noqa: F401 - the package's validator, re-exported

# ProcurementMethod → (OCDS procurementMethod, awardCriteria)
METHODS = {
    ProcurementMethod.OPEN_TENDER: ("open", "ratedCriteria"),
    ProcurementMethod.COMPETITIVE_CONSULTATION: ("selective", "ratedCriteria"),
    ProcurementMethod.INQUIRY: ("selective", "priceOnly"),
    ProcurementMethod.SINGLE_SOURCE: ("limited", "singleBidOnly"),
    ProcurementMethod.ENTRUSTED: ("limited", "singleBidOnly"),
}
MILESTONE_STATUS = {
    MilestoneStatus.SCHEDULED: "scheduled",
    MilestoneStatus.REPORTED: "scheduled",  # reported by the agency, not yet confirmed by the bureau
    MilestoneStatus.MET: "met",
    MilestoneStatus.NOT_MET: "notMet",
}


# Apps above projects contribute to a published contract: ``part(projects, bureaus) -> {project_pk: {key: value}}``
# (``bureaus.of(project)`` is the buyer's organisation reference),
# called once per package for all its projects (one query, not one per project); the keys are merged into the
# project's ``contracts[0]`` (e.g. ``{"implementation": {"transactions": [...]}}``).
CONTRACT_PARTS: list = []


def register_contract_part(part) -> None:
    if part not in CONTRACT_PARTS:
        CONTRACT_PARTS.append(part)


def contract_parts(projects, bureaus) -> dict[int, dict]:
    merged: dict[int, dict] = {}
    for part in CONTRACT_PARTS:
        for pk, fields in part(projects, bureaus).items():
            merged.setdefault(pk, {}).update(fields)
    return merged


def prefix() -> str:
    return getattr(settings, "WULIAN_OCDS_PREFIX", "ocds-wulian-")


def ocid(project) -> str:
    """The contracting process's id: the registered prefix and the project's id (stable, ASCII)."""
    return f"{prefix()}{project.pk}"


def amount(value) -> dict:
    """An OCDS Value in 元. JSON has no decimal type: the figure leaves as an int, or a float whose shortest
    text is the same fen figure (``Decimal("350000.50")`` → 350000.5); sums are never made with it."""
    value = Decimal(value).quantize(Decimal("0.01"))
    number = int(value) if value == value.to_integral_value() else float(value)
    return {"amount": number, "currency": "CNY"}


def iso(value) -> str | None:
    """A date or datetime as ISO 8601 in Asia/Shanghai with its offset; a date is its day's start."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    start = dt.datetime.combine(value, dt.time.min)
    return timezone.make_aware(start).isoformat(timespec="seconds")


def _prune(value):
    """Drop empty members (None, "", [], {}): OCDS omits what is not known."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [p for p in (_prune(v) for v in value) if p not in (None, "", [], {})]
    return value


class _Bureaus:
    """The buying bureau of each project: the civil-affairs bureau of its county (one query for all)."""

    def __init__(self, projects):
        paths = {p.region.ancestor_path(RegionLevel.COUNTY) for p in projects} - {None}
        self.names = dict(Region.objects.filter(path__in=paths).values_list("path", "name"))
        self.ids = dict(Region.objects.filter(path__in=paths).values_list("path", "code"))

    def of(self, project) -> dict:
        path = project.region.ancestor_path(RegionLevel.COUNTY)
        county = self.names.get(path, "")
        code = self.ids.get(path) or path or "0"
        return {"id": f"bureau-{code}", "name": f"{county}民政局"}


def release(project, bureaus: _Bureaus, *, base_url: str = "", parts: dict | None = None) -> dict:
    from ..public import award_is_public, contract_is_public, grade_is_public

    notice = project.notice
    buyer = bureaus.of(project)
    method, criteria_code = METHODS.get(notice.method, ("open", "ratedCriteria"))
    tags = ["tender"]
    dates = [notice.published_at]
    parties = {buyer["id"]: {**buyer, "roles": ["buyer", "procuringEntity"]}}

    needs = list(project.needs.all())
    rationale = project.goals
    if needs:
        rationale += "\n需求：" + "；".join(
            f"{n.get_target_group_display()} {n.count}人（{n.description}）" if n.description else f"{n.get_target_group_display()} {n.count}人"
            for n in needs
        )
    planning = {
        "rationale": rationale,
        "budget": {
            "id": f"{project.code}-budget",
            "description": f"{project.year}年度社会工作服务项目预算",
            "amount": amount(project.budget),
            "project": project.title,
            "projectID": project.code,
        },
    }
    criteria = list(notice.criteria.all())
    eligibility = notice.qualifications
    if notice.min_certified_workers:
        eligibility = f"持证社会工作者不少于{notice.min_certified_workers}名。{eligibility}"
    awarded = award_is_public(project)
    tender = {
        "id": f"{project.code}-tender",
        "title": project.title,
        "description": notice.scope_of_service,
        "status": "complete" if awarded else "active",
        "procuringEntity": buyer,
        "value": amount(notice.budget_ceiling),
        "procurementMethod": method,
        "procurementMethodDetails": notice.get_method_display(),
        "procurementMethodRationale": notice.single_source_justification if method == "limited" else "",
        "mainProcurementCategory": "services",
        "awardCriteria": criteria_code,
        "awardCriteriaDetails": "；".join(f"{c.name}（{number(c.weight)}分）" for c in criteria),
        "eligibilityCriteria": eligibility,
        "tenderPeriod": {"startDate": iso(notice.published_at), "endDate": iso(notice.bid_deadline)},
        "contractPeriod": {"startDate": iso(project.planned_start), "endDate": iso(project.planned_end)},
    }
    result = {
        "ocid": ocid(project),
        "initiationType": "tender",
        "language": "zh",
        "buyer": buyer,
        "planning": planning,
        "tender": tender,
    }
    if awarded:
        tags.append("award")
        agency = project.agency
        supplier = {"id": f"agency-{agency.pk}", "name": agency.name}
        parties[supplier["id"]] = {**supplier, "roles": ["supplier"]}
        bid = project.awarded_bid
        award_value = bid.price if bid is not None else None
        dates.append(project.awarded_at)
        result["awards"] = [
            {
                "id": f"{project.code}-award",
                "title": project.title,
                "status": "active",
                "date": iso(project.awarded_at),
                "value": amount(award_value) if award_value is not None else None,
                "suppliers": [supplier],
            }
        ]
        if contract_is_public(project):
            tags.append("contract")
            agreement = project.agreement
            dates.append(agreement.published_at)
            accepted = grade_is_public(project)
            milestones = [
                {
                    "id": f"payment-{m.pk}",
                    "title": m.name,
                    "type": "payment",
                    "description": f"{m.condition}（金额 {number(m.amount)} 元）" if m.condition else f"金额 {number(m.amount)} 元",
                    "dueDate": iso(m.due_on),
                    "dateMet": iso(m.confirmed_at) if m.status == MilestoneStatus.MET else None,
                    "status": MILESTONE_STATUS.get(m.status, "scheduled"),
                }
                for m in project.milestones.all()
            ]
            reached = _reached(project) if accepted else {}
            milestones += [
                {
                    "id": f"target-{t.pk}",
                    "title": t.indicator,
                    "type": "delivery",
                    "description": f"目标值 {number(t.target_value)}{t.unit}",
                    "dueDate": iso(agreement.end),
                    # Judged at acceptance from the service log; scheduled until then.
                    "status": ("met" if reached[t.pk] else "notMet") if t.pk in reached else "scheduled",
                }
                for t in project.targets.all()
            ]
            documents = []
            if accepted:
                tags.append("implementation")
                evaluation = _acceptance(project)
                documents.append(
                    {
                        "id": f"evaluation-{evaluation.pk}" if evaluation else f"evaluation-{project.pk}",
                        "documentType": "evaluationReports",
                        "title": "项目评估验收报告",
                        "description": f"评估等级：{project.get_grade_display()}"
                        + (f"；综合得分 {number(project.final_score)} 分" if project.final_score is not None else ""),
                        "datePublished": iso(evaluation.date if evaluation else None),
                        "url": (base_url + reverse("public_projects:detail", args=[project.pk])) if base_url else None,
                        "format": "text/html",
                        "language": "zh",
                    }
                )
                dates.append(project.accepted_at or (evaluation.date if evaluation else None))
            result["contracts"] = [
                {
                    "id": f"{project.code}-contract",
                    "awardID": f"{project.code}-award",
                    "title": f"{project.title}服务协议",
                    "description": agreement.deliverables,
                    "status": "terminated" if accepted else "active",
                    "period": {"startDate": iso(agreement.start), "endDate": iso(agreement.end)},
                    "value": amount(agreement.amount),
                    "dateSigned": iso(agreement.bureau_signed_on),
                    "milestones": milestones,
                    "documents": documents,
                    **(parts or {}).get(project.pk, {}),
                }
            ]
    latest = max((_as_datetime(d) for d in dates if d is not None), default=None)
    result["date"] = iso(latest)
    result["id"] = f"{ocid(project)}-{timezone.localtime(latest):%Y%m%dT%H%M%S}" if latest else ocid(project)
    result["tag"] = ["compiled"] if len(tags) > 1 else tags
    result["parties"] = list(parties.values())
    return _prune(result)


def _as_datetime(value):
    if isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time.min))


def _reached(project) -> dict[int, bool]:
    """Whether each performance target was reached (``projects.progress``; one query)."""
    from ..progress import progress

    return {p.target.pk: p.reached for p in progress(project, project.targets.all())}


def _acceptance(project):
    evaluations = [e for e in project.evaluations.all() if e.kind == "acceptance"]
    return max(evaluations, key=lambda e: (e.date, e.pk)) if evaluations else None


def number(value) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


def build_package(queryset, *, uri: str, published=None, base_url: str | None = None) -> dict:
    """The release package of the public projects in ``queryset`` (already limited to public ones)."""
    from ..public import public_projects

    projects = list(
        queryset.filter(pk__in=public_projects().values("pk")).prefetch_related(
            "notice__criteria", "needs", "milestones", "targets", "evaluations"
        ).select_related("region", "notice", "agency", "agreement", "awarded_bid")
    )
    if base_url is None:
        base_url = uri.split("/public/")[0] if "/public/" in uri else ""
    bureaus = _Bureaus(projects)
    with translation.override(settings.LANGUAGE_CODE):
        parts = contract_parts(projects, bureaus)
        releases = [release(p, bureaus, base_url=base_url, parts=parts) for p in projects]
        publisher = str(getattr(settings, "WULIAN_OCDS_PUBLISHER", "") or settings.WULIAN_SITE_TITLE)
    package = _prune(
        {
            "uri": uri,
            "version": VERSION,
            "publishedDate": iso(published or timezone.now()),
            "publisher": {"name": publisher},
            "license": getattr(settings, "WULIAN_OCDS_LICENSE", ""),
            "publicationPolicy": getattr(settings, "WULIAN_OCDS_POLICY", ""),
        }
    )
    package["releases"] = releases
    return package


__all__ = ["build_package", "ocid", "release", "errors", "is_valid"]
