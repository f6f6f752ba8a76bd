from django.utils.translation import gettext_lazy as _

from wulian.choices import Role
from wulian.navigation import Menu, MenuItem

from .models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam

MENUS = [
    Menu(
        _("Volunteers"),
        "bi-heart",
        [
            MenuItem(_("Volunteers"), "volunteers:volunteer_list", Volunteer, "bi-person-vcard"),
            MenuItem(_("Volunteer teams"), "volunteers:volunteerteam_list", VolunteerTeam, "bi-people"),
            MenuItem(_("Volunteer activities"), "volunteers:volunteeractivity_list", VolunteerActivity, "bi-calendar-event"),
            MenuItem(_("Service hours"), "volunteers:servicehours_list", ServiceHours, "bi-clock-history"),
            MenuItem(_("Service certificates"), "volunteers:volunteercertificate_list", VolunteerCertificate, "bi-award"),
            MenuItem(
                _("Volunteer indicators"), "volunteers:rates", Volunteer, "bi-graph-up",
                hidden_for=frozenset({Role.COMMUNITY_WORKER}),
            ),
        ],
        order=60,
    )
]


def home_stats(user):
    """Registered volunteers, and self-recorded hours waiting for a staff member to confirm them."""
    from django.urls import reverse

    from wulian.models.base import user_can
    from wulian.navigation import HomeStat

    from .choices import HoursStatus

    stats = []
    if user_can(user, Volunteer, "view"):
        from .stats import registered_volunteers

        active = registered_volunteers(user)  # not a count of 100,000 rows on every home page
        stats.append(HomeStat(_("Registered volunteers"), active, reverse("volunteers:volunteer_list") + "?status=active"))
    if user_can(user, ServiceHours, "change"):
        from django.db.models import Count, Sum

        from wulian.templatetags.wulian import number

        pending = (
            ServiceHours.objects.restrict(user, "change")
            .filter(status=HoursStatus.PENDING)
            .aggregate(records=Count("pk"), hours=Sum("hours"))
        )
        stats.append(
            HomeStat(
                _("Hour records waiting for confirmation"),
                pending["records"],
                reverse("volunteers:servicehours_list") + "?status=pending",
                "warning" if pending["records"] else "secondary",
                _("%(hours)s hours in all") % {"hours": number(pending["hours"] or 0)},
            )
        )
    return stats


def home_actions(user):
    from django.urls import reverse

    from wulian.models.base import user_can
    from wulian.navigation import HomeAction

    from .choices import HoursStatus

    workers = frozenset({Role.TOWN_STAFF, Role.COMMUNITY_WORKER})
    actions = []
    if user_can(user, Volunteer, "add"):
        actions.append(
            HomeAction(_("Register a volunteer"), reverse("volunteers:volunteer_add"), "bi-person-plus", weight=20, roles=workers)
        )
    if user_can(user, VolunteerActivity, "add"):
        actions.append(
            HomeAction(
                _("New volunteer activity"), reverse("volunteers:volunteeractivity_add"), "bi-calendar-plus", weight=25,
                roles=workers,
            )
        )
    if user_can(user, ServiceHours, "change"):
        actions.append(
            HomeAction(
                _("Confirm service hours"),
                reverse("volunteers:servicehours_list") + f"?status={HoursStatus.PENDING}",
                "bi-check2-square", weight=15,
            )
        )
    if user_can(user, Volunteer, "view"):
        actions.append(
            HomeAction(
                _("Volunteer indicators"), reverse("volunteers:rates"), "bi-graph-up",
                roles=frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF, Role.LEADER}),
            )
        )
    return actions
