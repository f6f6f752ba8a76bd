from django.utils.translation import gettext_lazy as _

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
            MenuItem(_("Certificates"), "volunteers:volunteercertificate_list", VolunteerCertificate, "bi-award"),
            MenuItem(_("Volunteer indicators"), "volunteers:rates", Volunteer, "bi-graph-up"),
        ],
        order=60,
    )
]
