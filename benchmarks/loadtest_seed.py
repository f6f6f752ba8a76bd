"""Data for `make loadtest`, in the stack's database: a 重阳节 activity open for check-in now and the 200
volunteers who will check in to it, and ids for the detail pages. Writes var/stack/loadtest.json.

Run by benchmarks/loadtest.py with the stack's environment (var/stack/etc/wulian.env); a new activity each run.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from stations.models import Station  # noqa: E402
from volunteers.choices import ActivityStatus, VolunteerStatus  # noqa: E402
from volunteers.models import Volunteer, VolunteerActivity  # noqa: E402
from wulian.models import Region  # noqa: E402

out = Path(sys.argv[1])
STAFF = ("bureau", "leader", "shoushan", "hengqu", "binhe", "agency")  # the locustfile's roles
CLONES = 50  # accounts per role: enough for every staff user of the scenario to have one of its own
now = timezone.localtime()
start = max(now - dt.timedelta(minutes=10), now.replace(hour=0, minute=0, second=0, microsecond=0))
community = Region.objects.get(name="滨河社区")
activity = VolunteerActivity.objects.create(
    title=f"重阳节敬老活动（压测 {now:%H:%M:%S}）",
    region=community,
    date=now.date(),
    start_time=start.time().replace(second=0, microsecond=0),
    end_time=dt.time(23, 59),
    place="滨河社区党群服务中心",
    content="重阳节敬老志愿服务：200 名志愿者在一分钟内扫码签到。",
    status=ActivityStatus.OPEN,
)
volunteers = []
for volunteer in Volunteer.objects.filter(status=VolunteerStatus.ACTIVE).order_by("pk"):
    if volunteer.check_in_secret and volunteer.phone:  # a volunteer checks in with the mobile number and birthday
        volunteers.append([volunteer.phone, volunteer.check_in_secret])
    if len(volunteers) == 200:
        break
# One account per simulated staff user, as in a county (a second login of an account ends its first session,
# WULIAN_SINGLE_SESSION): clones of each demo user with its role, area and agency — and its password hash, so
# no password is hashed 300 times here. Made once; later runs find them.
User = get_user_model()
clones = []
for template in User.objects.filter(username__in=STAFF):
    for i in range(1, CLONES + 1):
        clones.append(User(
            username=f"{template.username}-lt{i:02d}", password=template.password, role=template.role,
            region_id=template.region_id, agency_id=template.agency_id, first_name=template.first_name,
            last_name=template.last_name, password_changed_at=timezone.now(),
        ))
User.objects.bulk_create(clones, ignore_conflicts=True)
out.write_text(json.dumps({
    "activity_token": activity.token,
    "volunteers": volunteers,
    "stations": list(Station.objects.order_by("pk").values_list("pk", flat=True)[:20]),
    "activities": list(VolunteerActivity.objects.order_by("-pk").values_list("pk", flat=True)[:20]),
}))
print(f"activity {activity.pk} ({activity.title}), {len(volunteers)} volunteers")
