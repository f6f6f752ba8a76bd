"""Operating limits of volunteer check-in and hours (the portal's own rules, not a policy document's).

The policy targets (registration rate, participation rate, activities a year) are data of the policy profiles
(``wulian.models.targets``), judged per region in ``volunteers.rates``; no copy of them is kept here.
"""

from decimal import Decimal

# Self check-in opens this long before an activity starts; check-out is accepted this long after it ends.
CHECK_IN_OPENS_BEFORE_MINUTES = 30
CHECK_OUT_GRACE_MINUTES = 120
MAX_HOURS_PER_RECORD = Decimal("24")
