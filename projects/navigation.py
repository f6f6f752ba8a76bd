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
            # A community worker reaches its own proposals and projects from the menu too (issue 23 E).
            MenuItem(Project._meta.verbose_name_plural, "projects:project_list", Project, "bi-kanban"),
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

    from wulian.models.base import user_can
    from wulian.navigation import HomeStat

    if not user_can(user, Project, "view"):
        return []
    from wulian.listfigures import listed_stat

    projects = Project.objects.restrict(user)
    url = reverse("projects:project_list")
    stats = []
    role = user.role
    listed = "projects:project_list"
    if role == Role.BUREAU_ADMIN or user.is_superuser:
        stats.append(listed_stat(user, _("Proposals awaiting review"), listed, {"status": "submitted"}, tone=("warning", "secondary")))
        stats.append(listed_stat(user, _("Bid deadlines passed, no award yet"), listed, {"overdue": "award"}, tone=("danger", "secondary")))
        to_sign = listed_stat(user, _("Agreements to sign"), listed, {"status": "agency_signed"}, tone="warning")
        if to_sign.value:
            stats.append(to_sign)
    elif role in (Role.TOWN_STAFF, Role.COMMUNITY_WORKER):
        stats.append(listed_stat(user, _("Proposals returned"), listed, {"status": "returned"}, tone=("danger", "secondary")))
        stats.append(listed_stat(user, _("Proposals in draft"), listed, {"status": "draft"}))
    elif role == Role.AGENCY_STAFF:
        stats.append(listed_stat(user, _("Open tenders"), listed, {"tender_open": "true"}, tone=("primary", "secondary")))
        own = {"agency": user.agency_id}
        stats.append(listed_stat(user, _("Our contracts in service"), listed, {**own, "serving": "true"}))
        to_sign = listed_stat(user, _("Agreements to sign"), listed, {**own, "status": "awarded"}, tone="warning")
        if to_sign.value:
            stats.append(to_sign)
    elif role == Role.EVALUATOR:
        assigned = projects.count()
        if not assigned:
            return []  # the core's home says nothing is assigned yet
        stats.append(HomeStat(_("Projects assigned to me"), assigned, url))
        stats.append(listed_stat(user, _("Awaiting acceptance"), listed, {"status": "evaluating"}, tone=("warning", "secondary")))
    if user_can(user, Rectification, "view") and role != Role.COMMUNITY_WORKER:
        late = listed_stat(user, _("Overdue rectification items"), "projects:rectification_list", {"overdue": "true"}, tone="danger")
        if late.value:
            stats.append(late)
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
