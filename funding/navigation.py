from django.utils.translation import gettext_lazy as _

from wulian.choices import Role
from wulian.navigation import Menu, MenuItem

from .models import BudgetLine, Donation, Entry

# A community worker's menu stays short: its room's money shows on the room's page.
NOT_DAILY = frozenset({Role.COMMUNITY_WORKER})
AGENCY = frozenset({Role.AGENCY_STAFF})

MENUS = [
    Menu(
        _("Funds"),
        "bi-cash-coin",
        [
            MenuItem(_("budget lines"), "funding:budgetline_list", BudgetLine, "bi-journal-text",
                     hidden_for=NOT_DAILY | AGENCY),
            MenuItem(_("ledger entries"), "funding:entry_list", Entry, "bi-list-ol", hidden_for=NOT_DAILY),
            MenuItem(_("Station operating funds"), "funding:operating_funds", BudgetLine, "bi-building",
                     hidden_for=NOT_DAILY | AGENCY),
            MenuItem(_("Budget execution"), "funding:execution", BudgetLine, "bi-bar-chart",
                     hidden_for=NOT_DAILY | AGENCY),
            MenuItem(_("donations"), "funding:donation_list", Donation, "bi-gift"),
        ],
        order=45,
    )
]
