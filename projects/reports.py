"""Reports of the projects app, built by the report pipeline (``wulian.reports``): the evaluation report.

The evaluation report (评估报告) of a project: A4 PDF in Chinese with the title page facts, the indicator
table (first-level groups, content, standard, maximum, score of each party, weighted score) whose header
repeats on every page, the target attainment as a server-side SVG chart, the rectifications and how they
were closed, and the evaluator's conclusion with a signature block.

It is started from the project page (``request_evaluation_report``: a POST, for the project's parties:
an agency only for its own project) or from the report centre, whose form offers the requester's projects that may have been evaluated
(a searchable picker) and refuses one without an evaluation before anything is queued; it is built by the Celery task of the pipeline; the builder reads the project through
``restrict(job.user)``, so a job for a project out of the requester's scope fails without a file.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wulian.charts import Bar, bar_chart, number
from wulian.choices import RegionLevel
from wulian.models import Region, ReportStatus
from wulian.models.base import PARTY
from wulian.pdf import render_pdf
from wulian.reports import BrokerUnavailable, TooManyReports, register, submit

from .choices import EvaluationKind, Grade, IndicatorGroup, Party, ProjectStatus, RectificationStatus
from .models import Evaluation, ItemScore, Project

# The report is a document of record in Chinese whatever the requester's interface language: its words are the
# document's own (like the volunteer certificate's), not interface text.
PARTY_SHORT = {Party.THIRD_PARTY: "第三方", Party.BUYER: "购买方", Party.SUPERVISOR: "督导方"}
PARTY_NAMES = {Party.THIRD_PARTY: "第三方评估机构", Party.BUYER: "购买方（民政局）", Party.SUPERVISOR: "督导方"}
GRADE_NAMES = {Grade.EXCELLENT: "优秀", Grade.GOOD: "良好", Grade.PASS: "合格", Grade.FAIL: "不合格"}
GROUP_NAMES = {
    IndicatorGroup.MANAGEMENT: "项目管理",
    IndicatorGroup.OUTCOMES: "服务成效",
    IndicatorGroup.FINANCE: "财务管理",
    IndicatorGroup.IMPACT: "社会影响",
}
KIND_NAMES = {EvaluationKind.MIDTERM: "中期督导", EvaluationKind.ACCEPTANCE: "评估验收"}
RECTIFICATION_NAMES = {
    RectificationStatus.OPEN: "待整改",
    RectificationStatus.ANSWERED: "已答复待复核",
    RectificationStatus.CLOSED: "已完成",
    RectificationStatus.WAIVED: "免于整改",
}
GROUP_NUMBERS = "一二三四五六七八九十"
HUNDRED = Decimal(100)


def _d(value) -> Decimal:
    return Decimal(value) if value is not None else Decimal(0)


def chosen_evaluation(project, evaluation_id=None, *, user):
    """The evaluation a report is about, among those ``user`` may see (an agency: its own projects' only): the
    one asked for, else the latest acceptance, else the latest; None when there is none for this user."""
    evaluations = (
        Evaluation.objects.restrict(user).filter(project=project).select_related("sheet").order_by("-date", "-pk")
    )
    if evaluation_id:
        return evaluations.filter(pk=evaluation_id).first()
    return evaluations.filter(kind=EvaluationKind.ACCEPTANCE).first() or evaluations.first()


def report_context(project, evaluation, user=None) -> dict:
    """Everything the template shows, computed here (Decimal throughout; the template only formats); the
    rectifications are those ``user`` may see (every one when built without a user, e.g. by the demo)."""
    sheet = evaluation.sheet
    items = list(sheet.items.order_by("order", "pk"))
    parties = list(evaluation.parties.select_related("scorer").order_by("pk"))
    scores = {}
    for s in ItemScore.objects.filter(party__evaluation=evaluation):
        scores[(s.party_id, s.item_id)] = s.score
    party_rows = []
    for p in parties:
        total = sum((_d(scores.get((p.pk, i.pk))) for i in items), Decimal(0))
        party_rows.append(
            {
                "pk": p.pk,
                "label": PARTY_NAMES.get(p.party, p.party),
                "short": PARTY_SHORT.get(p.party, p.party),
                "weight": p.weight,
                "scorer": p.scorer_label,
                "total": total,
            }
        )
    groups = []
    for item in items:
        if not groups or groups[-1]["code"] != item.group:
            groups.append({"code": item.group, "label": GROUP_NAMES.get(item.group, item.group), "rows": [], "max": Decimal(0), "weighted": Decimal(0)})
        row_scores = [scores.get((p["pk"], item.pk)) for p in party_rows]
        weighted = sum((_d(s) * _d(p["weight"]) / HUNDRED for s, p in zip(row_scores, party_rows, strict=True)), Decimal(0))
        group = groups[-1]
        group["rows"].append({"item": item, "scores": row_scores, "weighted": weighted})
        group["max"] += _d(item.max_score)
        group["weighted"] += weighted
    for index, group in enumerate(groups):
        group["number"] = GROUP_NUMBERS[index] if index < len(GROUP_NUMBERS) else str(index + 1)
    total = sum((p["total"] * _d(p["weight"]) / HUNDRED for p in party_rows), Decimal(0))
    if evaluation.score is not None:
        total = evaluation.score
    grade = evaluation.grade or sheet.grade_for(total if evaluation.score is not None else None)
    grade_label = GRADE_NAMES.get(grade, "")

    rectifications = []
    today = timezone.localdate()
    rectification_rows = evaluation.rectifications.model.objects.all()
    if user is not None:
        rectification_rows = rectification_rows.restrict(user)
    for r in (
        rectification_rows.filter(evaluation__project=project)
        .select_related("evaluation", "closed_by")
        .order_by("evaluation__date", "deadline", "pk")
    ):
        closed_text = ""
        if r.status == RectificationStatus.CLOSED and r.closed_at:
            closed_text = f"{timezone.localtime(r.closed_at):%Y年%-m月%-d日}复核通过"
        elif r.status == RectificationStatus.WAIVED:
            closed_text = "经民政局同意免于整改" + (f"：{r.waive_reason}" if getattr(r, "waive_reason", "") else "")
        rectifications.append(
            {
                "description": r.description,
                "deadline": r.deadline,
                "status_label": RECTIFICATION_NAMES.get(r.status, r.status),
                "answer": r.answer,
                "closed_text": closed_text,
                "overdue": r.status in (RectificationStatus.OPEN, RectificationStatus.ANSWERED) and r.deadline < today,
                "evaluation_label": f"{KIND_NAMES.get(r.evaluation.kind, '')}（{r.evaluation.date:%Y年%-m月%-d日}）",
            }
        )

    bars = [
        Bar(t["indicator"], t["value"], t["target"], t["unit"])
        for t in target_progress(project)
    ]
    chart = (
        bar_chart(bars, title="绩效目标完成情况", show_title=False, label_width=58, relative=True,
                  reached_label="已达到目标", target_label="目标值（100%）")
        if bars
        else ""
    )

    agreement = getattr(project, "agreement", None)
    county_path = project.region.ancestor_path(RegionLevel.COUNTY)
    county = Region.objects.filter(path=county_path).values_list("name", flat=True).first() if county_path else ""
    n_parties = len(party_rows)
    party_width = 8 if n_parties <= 3 else 6
    rest = 100 - 7 - 11 - party_width * n_parties
    bands = [
        f"优秀 ≥ {number(sheet.excellent_min)} 分",
        f"良好 ≥ {number(sheet.good_min)} 分",
        f"合格 ≥ {number(sheet.pass_min)} 分",
        f"低于 {number(sheet.pass_min)} 分为不合格",
    ]
    return {
        "project": project,
        "evaluation": evaluation,
        "sheet": sheet,
        "report_title": "项目评估验收报告" if evaluation.kind == EvaluationKind.ACCEPTANCE else "项目中期督导报告",
        "kind_label": "评估验收" if evaluation.kind == EvaluationKind.ACCEPTANCE else "中期督导",
        "area": f"{county} {project.region.name}".strip() if county != project.region.name else county,
        "bureau_name": f"{county}民政局" if county else "",
        "agency_name": project.agency.name if project.agency_id else "",
        "agreement": agreement,
        "evaluator_name": (project.evaluator.display_name if project.evaluator_id else "")
        or next((p["scorer"] for p in party_rows if p["scorer"]), ""),
        "parties": party_rows,
        "groups": groups,
        "span": 3 + n_parties,
        "sheet_max": sum((g["max"] for g in groups), Decimal(0)),
        "total": total,
        "grade_label": grade_label,
        "bands_text": "；".join(bands),
        "widths": {"content": rest * 45 // 100, "standard": rest - rest * 45 // 100, "party": party_width},
        "rectifications": rectifications,
        "chart": chart,
        "progress_date": timezone.localdate(),
    }


def target_progress(project) -> list[dict]:
    """Each performance target with the value reached, from the app's one progress computation
    (``projects.progress``: counted from the project's entries in the stations' activity log)."""
    try:
        from .progress import progress
    except ImportError:  # the progress module arrives with the models' next step
        return []
    return [
        {"indicator": p.target.indicator, "value": p.value, "target": p.target.target_value, "unit": p.target.unit}
        for p in progress(project)
    ]


class EvaluatedProjectField(forms.ModelChoiceField):
    """A project the requester is a party to that has an evaluation it may see (a mid-term supervision or the
    acceptance)."""

    user = None

    def clean(self, value):
        project = super().clean(value)
        if project is not None and chosen_evaluation(project, user=self.user) is None:
            raise forms.ValidationError(_("This project has no evaluation yet: there is no report to build."))
        return project


def evaluation_report_fields(user) -> dict:
    from wulian.pickers import use_picker

    evaluated = [ProjectStatus.IN_SERVICE, ProjectStatus.EVALUATING, ProjectStatus.ACCEPTED]
    field = EvaluatedProjectField(
        queryset=Project.objects.restrict(user, PARTY).filter(status__in=evaluated), label=_("Project"),
        empty_label=_("Type the project's code or title…"),
    )
    field.user = user
    use_picker(field, {"status__in": evaluated})
    return {"project": field}


@register(
    "project_evaluation",
    gettext_lazy("Project evaluation report"),
    "pdf",
    model=Project,
    fields=evaluation_report_fields,
    time_limit=300,  # one project's report: a few seconds; five minutes is already a runaway
    description=gettext_lazy(
        "The evaluation report of one project: indicator scores, rectifications and the conclusion, ready to sign "
        "and file. Also on the project's page."
    ),
)
def evaluation_report(job, handle, progress):
    project = (
        Project.objects.restrict(job.user, PARTY)
        .select_related("region", "agency", "evaluator", "agreement")
        .get(pk=job.params["project"])
    )
    evaluation = chosen_evaluation(project, job.params.get("evaluation"), user=job.user)
    if evaluation is None:
        raise Evaluation.DoesNotExist("该项目尚无评估记录")
    progress(1, 3)
    with translation.override(settings.LANGUAGE_CODE):  # a Chinese document whoever asks for it
        context = report_context(project, evaluation, user=job.user)
        progress(2, 3)
        handle.write(render_pdf("projects/pdf/evaluation_report.html", context))
    kind = "评估验收报告" if evaluation.kind == EvaluationKind.ACCEPTANCE else "中期督导报告"
    return f"{kind}-{project.code}.pdf"


def _digits(value) -> int | None:
    return int(value) if value and str(value).isdigit() and len(str(value)) < 10 else None


@login_required
@require_http_methods(["GET", "POST"])
def request_evaluation_report(request, pk: int):
    """Start the evaluation report of a party's project (404 otherwise); a GET shows the button, builds nothing."""
    project = get_object_or_404(Project.objects.restrict(request.user, PARTY), pk=pk)
    if request.method == "GET":
        return _report_request_page(request, project)
    job = _start_or_refuse(request, project)
    if job is None:
        return redirect(project.get_url("detail") or reverse("wulian:report_center"))
    if job.status == ReportStatus.DONE:
        messages.success(request, _("The evaluation report is ready: download it in the report centre."))
    else:
        messages.info(request, _("The evaluation report is being prepared; it appears in the report centre when ready."))
    return redirect("wulian:report_center")


def _start_or_refuse(request, project):
    """The job started, or None with the refusal said (no evaluation, no broker, too many reports waiting)."""
    try:
        return _start_evaluation_report(request.user, project, _digits(request.POST.get("evaluation")))
    except (NoEvaluation, BrokerUnavailable, TooManyReports) as exc:
        messages.error(request, _refusal(exc))
        return None


def _report_request_page(request, project):
    evaluation = chosen_evaluation(project, _digits(request.GET.get("evaluation")), user=request.user)
    return render(request, "projects/evaluation_report_request.html", {"project": project, "evaluation": evaluation})


class NoEvaluation(Exception):
    """The project has no evaluation the user may read: there is no report to build."""


def _start_evaluation_report(user, project, evaluation_id):
    evaluation = chosen_evaluation(project, evaluation_id, user=user)
    if evaluation is None:
        raise NoEvaluation
    job = submit(user, "project_evaluation", {"project": project.pk, "evaluation": evaluation.pk})
    job.refresh_from_db(fields=["status"])  # DONE when built in-process (no broker configured)
    return job


def _refusal(exc) -> str:
    if isinstance(exc, NoEvaluation):
        return _("This project has no evaluation yet: there is no report to build.")
    if isinstance(exc, BrokerUnavailable):
        return _("The report service is not available at the moment; nothing was queued. Try again in a few minutes, or tell the administrator.")
    return exc.message
