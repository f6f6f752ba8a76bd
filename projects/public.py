"""The public page of service projects (公开发布, ``/public/projects/``): no login, published facts only.

What the public sees, and from when (one place decides; the page and the OCDS package read it here):

- a project only from the publication of its notice (``PUBLIC_STATES``): drafts, proposals under review,
  returned, approved-but-unpublished and cancelled projects never appear;
- the notice (scope of service, ceiling, method, qualifications, criteria, bid deadline);
- the award (the agency chosen, the date, the awarded price) once the project is awarded — never a bid,
  never a losing agency, never the award's reasons (they discuss the bids);
- the contract (number, amount, period, deliverables, performance targets, payment milestones) only once
  both sides signed it and the bureau published it (``Agreement.published_at``);
- the evaluation grade and score only once the project is accepted.

No personal data: no resident, no staff name of the bureau or the agency, no evaluator, no phone, no
address; agencies appear by their registered name only.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wulian.choices import RegionLevel
from wulian.models import Region

from .choices import CONTRACTED_STATES, PUBLIC_STATES, ProjectStatus, TargetGroup
from .models import Milestone, PerformanceTarget, Project

PAGE_SIZE = 20


def public_projects():
    """Every project the public may see, newest notice first."""
    return (
        Project.objects.filter(status__in=PUBLIC_STATES, notice__published_at__isnull=False)
        .select_related("region", "notice", "agency", "agreement")
        .order_by("-notice__published_at", "-pk")
    )


def contract_is_public(project) -> bool:
    """The agreement is public once signed by both sides and published by the bureau."""
    agreement = getattr(project, "agreement", None)
    return (
        project.status in CONTRACTED_STATES
        and agreement is not None
        and agreement.bureau_signed_on is not None
        and agreement.published_at is not None
    )


def award_is_public(project) -> bool:
    return project.status not in (ProjectStatus.PUBLISHED,) and project.agency_id is not None


def grade_is_public(project) -> bool:
    return project.status == ProjectStatus.ACCEPTED and bool(project.grade)


def counties():
    """The counties that have public projects, for the filter (one query)."""
    paths = {
        path[: Region.steplen * (depth - (level - RegionLevel.COUNTY))]
        for path, depth, level in public_projects()
        .filter(region__level__gte=RegionLevel.COUNTY)
        .values_list("region__path", "region__depth", "region__level")
        .distinct()
    }
    return list(Region.objects.filter(path__in=paths, level=RegionLevel.COUNTY).order_by("path"))


def filtered(params) -> tuple:
    """The public projects filtered by ``county`` (a region id) and ``year`` (fiscal year) from ``params``.

    Returns ``(queryset, county, year)``; a value that is not a number or not a county is ignored.
    """
    qs = public_projects()
    raw = params.get("county", "")
    county = Region.objects.filter(pk=int(raw), level=RegionLevel.COUNTY).first() if raw.isdigit() else None
    if county is not None:
        qs = qs.filter(region__path__startswith=county.path)
    raw = params.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None
    return (qs.filter(year=year) if year else qs), county, year


def county_names(projects) -> dict[str, str]:
    """County name by county path, for the rows shown (one query)."""
    paths = {p.region.ancestor_path(RegionLevel.COUNTY) for p in projects}
    paths.discard(None)
    return dict(Region.objects.filter(path__in=paths).values_list("path", "name"))


def public_facts(project, names) -> dict:
    """What the public sees of one project besides the notice: its county, and whether the award, the contract
    and the grade are public yet."""
    return {
        "county": names.get(project.region.ancestor_path(RegionLevel.COUNTY), ""),
        "award": award_is_public(project),
        "contract": contract_is_public(project),
        "grade": grade_is_public(project),
    }


@require_GET
@cache_control(public=True, max_age=300)
def project_list(request):
    qs, county, year = filtered(request.GET)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    names = county_names(page.object_list)
    rows = [{"project": p, **public_facts(p, names)} for p in page.object_list]
    years = sorted(set(public_projects().values_list("year", flat=True)), reverse=True)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "rows": rows, "counties": counties(), "years": years, "county": county, "year": year}
    return render(request, "public/project_list.html", {**context, "query": query.urlencode()})


def public_project(pk: int):
    """One public project with its criteria, targets and milestones (404 when it is not public)."""
    targets = Prefetch("targets", queryset=PerformanceTarget.objects.order_by("pk"))
    milestones = Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk"))
    project = public_projects().prefetch_related("notice__criteria", targets, milestones).filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


@require_GET
@cache_control(public=True, max_age=300)
def project_detail(request, pk: int):
    project = public_project(pk)
    facts = public_facts(project, county_names([project]))
    groups = dict(TargetGroup.choices)
    return render(request, "public/project_detail.html", {
        **facts,
        "project": project,
        "notice": project.notice,
        "contract": project.agreement if facts["contract"] else None,
        "ocid": ocid(project),
        "target_groups": [groups.get(g, g) for g in project.target_groups or []],
    })


def ocid(project) -> str:
    from .ocds import ocid as _ocid

    return _ocid(project)


@require_GET
@cache_control(public=True, max_age=300)
def ocds_package(request):
    from .ocds import build_package

    qs, _county, _year = filtered(request.GET)
    package = build_package(qs, uri=request.build_absolute_uri(), published=timezone.now())
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'inline; filename="ocds-release-package.json"'
    return response

