from django.utils.translation import gettext_lazy as _

from wulian.choices import Role
from wulian.navigation import Menu, MenuItem

from .models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training

# A community worker logs its room's work; the network's staffing records are the town's and county's.
LOCAL = frozenset({Role.COMMUNITY_WORKER})

MENUS = [
    Menu(
        _("Station network"),
        "bi-house-heart",
        [
            MenuItem(Station._meta.verbose_name_plural, "stations:station_list", Station, "bi-house-door"),
            MenuItem(_("Activity log"), "stations:activity_list", Activity, "bi-journal-text"),
            MenuItem(_("Staff"), "stations:staffmember_list", StaffMember, "bi-people"),
            MenuItem(_("Staff assignments"), "stations:staffassignment_list", StaffAssignment, "bi-person-badge", hidden_for=LOCAL),
            MenuItem(_("Certificates"), "stations:certificate_list", Certificate, "bi-award", hidden_for=LOCAL),
            MenuItem(_("Agencies stationed"), "stations:agencyplacement_list", AgencyPlacement, "bi-building-check", hidden_for=LOCAL),
            MenuItem(_("Training"), "stations:training_list", Training, "bi-mortarboard"),
            MenuItem(_("Class hours per year"), "stations:training_hours", Training, "bi-clock-history", hidden_for=LOCAL),
        ],
        order=20,
    )
]


def home_stats(user):
    """Stations short of the standard (for those who run stations) and this month's logged activities."""
    from django.urls import reverse

    from wulian.models.base import user_can
    from wulian.navigation import HomeStat

    stats = []
    if user_can(user, Station, "view"):
        stations = Station.objects.restrict(user)
        short = stations.not_compliant().count()
        stats.append(
            HomeStat(
                _("Stations short of the standard"),
                f"{short} / {stations.count()}",
                reverse("stations:station_list") + "?compliance=no",
                "danger" if short else "success",
            )
        )
    if user_can(user, Activity, "view"):
        from wulian.listfigures import listed_stat

        stats.append(listed_stat(user, _("Activities logged this month"), "stations:activity_list", {"period": "month"}))
    return stats


def home_actions(user):
    from django.urls import reverse

    from wulian.models.base import user_can
    from wulian.navigation import HomeAction

    overseers = frozenset({Role.BUREAU_ADMIN, Role.LEADER})
    actions = []
    if user_can(user, Activity, "add"):
        actions.append(HomeAction(_("Log an activity"), reverse("stations:activity_add"), "bi-journal-plus", weight=10))
    if user_can(user, Activity, "view"):
        actions.append(
            HomeAction(_("Activity log"), reverse("stations:activity_list"), "bi-journal-text", roles=overseers)
        )
    if user_can(user, Training, "add"):
        actions.append(
            HomeAction(
                _("Record a training"), reverse("stations:training_add"), "bi-mortarboard", weight=30,
                roles=frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF}),
            )
        )
    if user_can(user, Training, "view"):
        actions.append(
            HomeAction(
                _("Class hours per year"), reverse("stations:training_hours"), "bi-clock-history",
                roles=overseers | {Role.AGENCY_STAFF},
            )
        )
    if user_can(user, AgencyPlacement, "view"):
        actions.append(
            HomeAction(
                _("Agencies stationed"), reverse("stations:agencyplacement_list"), "bi-building-check",
                roles=frozenset({Role.AGENCY_STAFF}),
            )
        )
    return actions
