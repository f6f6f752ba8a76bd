from django.utils.translation import gettext_lazy as _

from wulian.choices import Role
from wulian.models import Agency
from wulian.navigation import Menu, MenuItem

from .models import SocialOrganization

MENUS = [
    Menu(
        _("Organisations"),
        "bi-diagram-3",
        [
            MenuItem(
                _("Social work agencies"), "organizations:agency_list", Agency, "bi-building",
                hidden_for=frozenset({Role.COMMUNITY_WORKER}),
            ),
            MenuItem(
                _("Community social organisations"), "organizations:socialorganization_list", SocialOrganization,
                "bi-people",
            ),
            MenuItem(
                _("Organisations by community"), "organizations:community_summary", SocialOrganization, "bi-bar-chart",
                hidden_for=frozenset({Role.COMMUNITY_WORKER}),
            ),
        ],
        order=30,
    )
]


def home_stats(user):
    """How many communities of the area reach the social-organisation targets of their own document."""
    from django.urls import reverse

    from wulian.choices import RegionLevel
    from wulian.models import Region
    from wulian.models.base import user_can
    from wulian.navigation import HomeStat

    from .summary import meeting_count

    if not user_can(user, SocialOrganization, "view") or user.region_id is None and not user.is_superuser:
        return []
    communities = Region.objects.restrict(user).filter(level=RegionLevel.COMMUNITY)
    meeting, count = meeting_count(communities)
    return [
        HomeStat(
            _("Communities meeting the organisation target"),
            f"{meeting} / {count}",
            reverse("organizations:community_summary"),
            "success" if count and meeting == count else "danger",
        )
    ]


def home_actions(user):
    from django.urls import reverse

    from wulian.models.base import user_can
    from wulian.navigation import HomeAction

    actions = []
    if user_can(user, SocialOrganization, "add"):
        actions.append(
            HomeAction(
                _("Register a social organisation"), reverse("organizations:socialorganization_add"), "bi-people", weight=40,
                roles=frozenset({Role.TOWN_STAFF, Role.COMMUNITY_WORKER}),
            )
        )
    if user_can(user, SocialOrganization, "view"):
        actions.append(
            HomeAction(
                _("Organisations by community"), reverse("organizations:community_summary"), "bi-bar-chart",
                roles=frozenset({Role.BUREAU_ADMIN, Role.LEADER, Role.TOWN_STAFF}),
            )
        )
    if user_can(user, Agency, "view"):
        actions.append(
            HomeAction(
                _("Social work agencies"), reverse("organizations:agency_list"), "bi-building",
                roles=frozenset({Role.AGENCY_STAFF}),
            )
        )
    return actions
