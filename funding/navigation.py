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


# Charity resources (社区基金, 募捐项目, 慈善超市, disclosures): recorded by towns and communities, read by leaders;
# agencies see none of them (their scope rules give agency staff no rows).
from .models import (CharityMovement, CommunityFund, Disclosure, Fundraising, GoodsLot,  # noqa: E402
                     StockCount, Supermarket)

MENUS.append(Menu(
    _("Charity resources"),
    "bi-heart",
    [
        MenuItem(_("community funds"), "funding:communityfund_list", CommunityFund, "bi-piggy-bank"),
        MenuItem(_("fundraising projects"), "funding:fundraising_list", Fundraising, "bi-megaphone",
                 hidden_for=NOT_DAILY),
        MenuItem(_("charity incomes and uses"), "funding:charitymovement_list", CharityMovement, "bi-arrow-down-up",
                 hidden_for=NOT_DAILY),
        MenuItem(_("disclosures"), "funding:disclosure_list", Disclosure, "bi-journal-check",
                 hidden_for=NOT_DAILY),
        MenuItem(_("charity supermarkets"), "funding:supermarket_list", Supermarket, "bi-shop"),
        MenuItem(_("stock-ins"), "funding:goodslot_list", GoodsLot, "bi-box-seam",
                 hidden_for=NOT_DAILY),
        MenuItem(_("stock-takes"), "funding:stockcount_list", StockCount, "bi-clipboard-check",
                 hidden_for=NOT_DAILY),
    ],
    order=46,
))


def home_stats(user):
    from .charity.home import charity_home_stats

    return charity_home_stats(user)
