from django.utils.translation import gettext_lazy as _

from wulian.navigation import Menu, MenuItem

from .models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training

MENUS = [
    Menu(
        _("Station network"),
        "bi-house-heart",
        [
            MenuItem(_("Stations"), "stations:station_list", Station, "bi-house-door"),
            MenuItem(_("Activity log"), "stations:activity_list", Activity, "bi-journal-text"),
            MenuItem(_("Staff"), "stations:staffmember_list", StaffMember, "bi-people"),
            MenuItem(_("Staff assignments"), "stations:staffassignment_list", StaffAssignment, "bi-person-badge"),
            MenuItem(_("Certificates"), "stations:certificate_list", Certificate, "bi-award"),
            MenuItem(_("Agencies stationed"), "stations:agencyplacement_list", AgencyPlacement, "bi-building-check"),
            MenuItem(_("Training"), "stations:training_list", Training, "bi-mortarboard"),
            MenuItem(_("Training hours per year"), "stations:training_hours", Training, "bi-clock-history"),
        ],
        order=20,
    )
]


def home_stats(user):
    """Stations short of the standard (for those who run stations) and this month's logged activities."""
    from django.urls import reverse
    from django.utils import timezone

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
        today = timezone.localdate()
        month = Activity.objects.restrict(user).filter(date__year=today.year, date__month=today.month).count()
        stats.append(HomeStat(_("Activities logged this month"), month, reverse("stations:activity_list")))
    return stats


def home_actions(user):
    from django.urls import reverse

    from wulian.models.base import user_can
    from wulian.navigation import HomeAction

    if user_can(user, Activity, "add"):
        return [HomeAction(_("Log an activity"), reverse("stations:activity_add"), "bi-journal-plus")]
    return []
