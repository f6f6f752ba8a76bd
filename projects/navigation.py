from django.utils.translation import gettext_lazy as _

from wulian.choices import Role
from wulian.navigation import Menu, MenuItem

from .models import Bid, Evaluation, Project, Rectification

# A community worker proposes projects from its home page; its menu stays short (the activity log first).
LOCAL = frozenset({Role.COMMUNITY_WORKER})

MENUS = [
    Menu(
        Project._meta.verbose_name_plural,
        "bi-kanban",
        [
            MenuItem(Project._meta.verbose_name_plural, "projects:project_list", Project, "bi-kanban", hidden_for=LOCAL),
            MenuItem(Bid._meta.verbose_name_plural, "projects:bid_list", Bid, "bi-file-earmark-text", hidden_for=LOCAL),
            MenuItem(Evaluation._meta.verbose_name_plural, "projects:evaluation_list", Evaluation, "bi-clipboard-check", hidden_for=LOCAL),
            MenuItem(Rectification._meta.verbose_name_plural, "projects:rectification_list", Rectification, "bi-list-check", hidden_for=LOCAL),
        ],
        order=30,
    )
]


def home_stats(user):
    """What waits in the projects for this role, each figure a link to the filtered list."""
    from django.urls import reverse
    from django.utils import timezone

    from wulian.models.base import user_can
    from wulian.navigation import HomeStat

    if not user_can(user, Project, "view"):
        return []
    projects = Project.objects.restrict(user)
    url = reverse("projects:project_list")
    stats = []
    role = user.role
    if role == Role.BUREAU_ADMIN or user.is_superuser:
        waiting = projects.filter(status="submitted").count()
        stats.append(HomeStat(_("Proposals awaiting review"), waiting, f"{url}?status=submitted", "warning" if waiting else "secondary"))
        to_award = projects.award_overdue().count()
        stats.append(HomeStat(_("Bid deadlines passed, no award yet"), to_award, f"{url}?status=published", "danger" if to_award else "secondary"))
        to_sign = projects.filter(status="agency_signed").count()
        if to_sign:
            stats.append(HomeStat(_("Agreements to sign"), to_sign, f"{url}?status=agency_signed", "warning"))
    elif role in (Role.TOWN_STAFF, Role.COMMUNITY_WORKER):
        returned = projects.filter(status="returned").count()
        drafts = projects.filter(status="draft").count()
        stats.append(HomeStat(_("Proposals returned"), returned, f"{url}?status=returned", "danger" if returned else "secondary"))
        stats.append(HomeStat(_("Proposals in draft"), drafts, f"{url}?status=draft"))
    elif role == Role.AGENCY_STAFF:
        now = timezone.now()
        tenders = projects.filter(status="published", notice__bid_deadline__gt=now).exclude(notice__method__in=["single_source", "entrusted"]).count()
        stats.append(HomeStat(_("Open tenders"), tenders, f"{url}?status=published", "primary" if tenders else "secondary"))
        own = projects.filter(agency_id=user.agency_id)
        stats.append(HomeStat(_("Our contracts in service"), own.filter(status__in=["contracted", "in_service", "evaluating"]).count(), f"{url}?agency={user.agency_id}"))
        to_sign = own.filter(status="awarded").count()
        if to_sign:
            stats.append(HomeStat(_("Agreements to sign"), to_sign, f"{url}?status=awarded", "warning"))
    elif role == Role.EVALUATOR:
        assigned = projects.count()
        if not assigned:
            return []  # the core's home says nothing is assigned yet
        stats.append(HomeStat(_("Projects assigned to me"), assigned, url))
        waiting = projects.filter(status="evaluating").count()
        stats.append(HomeStat(_("Awaiting acceptance"), waiting, f"{url}?status=evaluating", "warning" if waiting else "secondary"))
    if user_can(user, Rectification, "view") and role != Role.COMMUNITY_WORKER:
        late = Rectification.objects.restrict(user).overdue().count()
        if late:
            stats.append(HomeStat(_("Overdue rectification items"), late, reverse("projects:rectification_list") + "?overdue=true", "danger"))
    return stats


def home_actions(user):
    from django.urls import reverse

    from wulian.models.base import user_can
    from wulian.navigation import HomeAction

    actions = []
    if user.role == Role.EVALUATOR and not Project.objects.restrict(user).exists():
        return actions  # nothing assigned yet: the home says so instead of offering empty lists
    if user_can(user, Project, "add"):
        actions.append(
            HomeAction(_("Propose a project"), reverse("projects:project_add"), "bi-clipboard-plus", weight=20,
                       roles=frozenset({Role.TOWN_STAFF, Role.COMMUNITY_WORKER, Role.BUREAU_ADMIN}))
        )
    if user_can(user, Project, "view"):
        actions.append(
            HomeAction(_("Service projects"), reverse("projects:project_list"), "bi-kanban", weight=25,
                       roles=frozenset({Role.AGENCY_STAFF, Role.EVALUATOR, Role.BUREAU_ADMIN, Role.LEADER}))
        )
    if user_can(user, Bid, "view"):
        actions.append(HomeAction(_("Our bids"), reverse("projects:bid_list"), "bi-file-earmark-text", weight=26,
                                  roles=frozenset({Role.AGENCY_STAFF})))
    if user_can(user, Rectification, "view"):
        actions.append(HomeAction(_("Rectification items"), reverse("projects:rectification_list"), "bi-list-check", weight=27,
                                  roles=frozenset({Role.AGENCY_STAFF, Role.EVALUATOR})))
    return actions
