"""Home-page figures of the charity resources: goods expiring within two months (the station's or town's home)
and disclosures overdue (the bureau's)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.models.base import user_can
from wulian.navigation import HomeStat

from . import goods, rules
from .models import CommunityFund, Fundraising, GoodsLot


def charity_home_stats(user) -> list[HomeStat]:
    today = timezone.localdate()
    stats = []
    if user_can(user, GoodsLot, "view"):
        near = goods.expiring(GoodsLot.objects.restrict(user), today).count()
        if near:
            stats.append(HomeStat(_("Goods expiring within two months"), near,
                                  reverse("funding:goodslot_list") + "?expiring=true", "warning",
                                  _("Charity supermarket stock to issue or check first")))
    if user_can(user, CommunityFund, "view"):
        late = len(rules.overdue(CommunityFund.objects.restrict(user), today))
        late += len(rules.overdue(Fundraising.objects.restrict(user), today))
        if late:
            stats.append(HomeStat(_("Charity disclosures overdue"), late, reverse("funding:communityfund_list"),
                                  "danger", _("慈善法第79条: at least every three months, in full within three months "
                                              "of the end")))
    return stats
