from django.utils.translation import gettext_lazy as _

from wulian.navigation import Menu, MenuItem

from .models import Agency

MENUS = [
    Menu(
        _("Organisations"),
        "bi-diagram-3",
        [MenuItem(_("Social work agencies"), "organizations:agency_list", Agency, "bi-building")],
        order=30,
    )
]
