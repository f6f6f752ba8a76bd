from django.utils.translation import gettext_lazy as _

from wulian.choices import Role
from wulian.navigation import Menu, MenuItem

from .models import BudgetLine, Entry

MENUS = [
    Menu(
        _("Funding"),
        "bi-cash-coin",
        [
            MenuItem(_("budget lines"), "funding:budgetline_list", BudgetLine, "bi-journal-text",
                     hidden_for=frozenset({Role.AGENCY_STAFF})),
            MenuItem(_("ledger entries"), "funding:entry_list", Entry, "bi-list-ol"),
            MenuItem(_("Station operating funds"), "funding:operating_funds", BudgetLine, "bi-building",
                     hidden_for=frozenset({Role.AGENCY_STAFF})),
        ],
        order=45,
    )
]
