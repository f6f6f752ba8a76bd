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
