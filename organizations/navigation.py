from django.utils.translation import gettext_lazy as _

from wulian.navigation import Menu, MenuItem

from .models import Agency, SocialOrganization

MENUS = [
    Menu(
        _("Organisations"),
        "bi-diagram-3",
        [
            MenuItem(_("Social work agencies"), "organizations:agency_list", Agency, "bi-building"),
            MenuItem(
                _("Community social organisations"), "organizations:socialorganization_list", SocialOrganization,
                "bi-people",
            ),
            MenuItem(
                _("Organisations by community"), "organizations:community_summary", SocialOrganization, "bi-bar-chart"
            ),
        ],
        order=30,
    )
]
