"""``make bench``: list pages, exports and summaries on a city-sized data set, on PostgreSQL.

Seeds once (idempotent) a city of 12 counties × 12 towns × 15 communities with its stations, staff,
activity log, agencies, organisations, volunteers and service hours, then requests each page several times
as a city bureau user and as a town worker and prints the median time and the number of SQL queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wulian_bench .venv/bin/python benchmarks/bench.py
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wulian_bench")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.disable(logging.CRITICAL)

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wulian.choices import CommunityKind, RegionLevel, Role  # noqa: E402
from wulian.models import Region, User  # noqa: E402

COUNTIES, TOWNS, COMMUNITIES = 12, 12, 15
ACTIVITIES_PER_STATION = 60
VOLUNTEERS_PER_COMMUNITY = 90
VOLUNTEER_ACTIVITIES_PER_COMMUNITY = 8
HOURS_PER_ACTIVITY = 20
RUNS = 5
CITY = "基准市"
rng = random.Random(20231103)


def id_number(serial: int) -> str:
    """A well-formed 18-character 居民身份证 number (GB 11643 check character)."""
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=serial % 20000)
    body = f"610326{birth:%Y%m%d}{(serial // 20000) % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def bulk(model, rows, batch=5000):
    model.objects.bulk_create(rows, batch_size=batch)


@transaction.atomic
def seed():
    from organizations.models import SocialOrganization
    from wulian.models import Agency
    from stations.models import Activity, Station, StaffAssignment, StaffMember
    from volunteers.models import ServiceHours, Volunteer, VolunteerActivity

    if Region.objects.filter(name=CITY).exists():
        return
    t0 = time.monotonic()
    province = Region.objects.add_root({"name": "基准省", "level": RegionLevel.PROVINCE})
    city = Region.objects.add_child(province, {"name": CITY, "level": RegionLevel.CITY})
    counties, towns, communities = [], [], []
    for c in range(COUNTIES):
        county = Region.objects.add_child(city, {"name": f"第{c + 1}县", "level": RegionLevel.COUNTY})
        counties.append(county)
        for t in range(TOWNS):
            town = Region.objects.add_child(county, {"name": f"第{c + 1}县{t + 1}镇", "level": RegionLevel.TOWN})
            towns.append(town)
            for m in range(COMMUNITIES):
                kind = CommunityKind.URBAN if m < 5 else CommunityKind.RURAL
                communities.append(
                    Region.objects.add_child(
                        town,
                        {
                            "name": f"{town.name}{m + 1}{'社区' if kind == 'urban' else '村'}",
                            "level": RegionLevel.COMMUNITY,
                            "kind": kind,
                            "population": rng.randint(800, 9000),
                        },
                    )
                )
    print(f"  regions: {Region.objects.under(city).count()} ({time.monotonic() - t0:.0f} s)")
    User.objects.create_user("bench_city", password="bench", role=Role.BUREAU_ADMIN, region=city)
    User.objects.create_user("bench_town", password="bench", role=Role.TOWN_STAFF, region=towns[0])

    bulk(Agency, [Agency(name=f"基准社工机构{i}", region=counties[i % COUNTIES]) for i in range(2000)])
    orgs = []
    for i, community in enumerate(communities):
        for k in range(6):
            orgs.append(
                SocialOrganization(
                    name=f"{community.name}组织{k}", region=community, category=["service", "public_welfare", "mutual_aid", "culture_sports", "other"][k % 5],
                    status="filed", founded_on=dt.date(2020, 1, 1),
                )
            )
    bulk(SocialOrganization, orgs)

    stations = [Station(name=f"{c.name}社工总站", tier="county_hub", region=c, office_area=Decimal(120)) for c in counties]
    stations += [Station(name=f"{t.name}社工站", tier="town_station", region=t, office_area=Decimal(rng.choice([50, 65, 80]))) for t in towns]
    stations += [Station(name=f"{m.name}社工室", tier="community_room", region=m, office_area=Decimal(rng.choice([20, 35]))) for m in communities]
    bulk(Station, stations)
    stations = list(Station.objects.filter(region__path__startswith=city.path))
    people = [StaffMember(name=f"工作人员{i}", region=s.region, is_professional=i % 3 == 0) for s in stations for i in range(3)]
    bulk(StaffMember, people)
    people = list(StaffMember.objects.filter(region__path__startswith=city.path).order_by("pk"))
    bulk(StaffAssignment, [StaffAssignment(person=p, station=stations[i // 3], start_date=dt.date(2023, 1, 1)) for i, p in enumerate(people)])
    start = dt.date(2023, 1, 1)
    activities = [
        Activity(
            station=s, kind=rng.choice(["casework", "group", "community", "visit", "training", "other"]),
            date=start + dt.timedelta(days=rng.randint(0, 364)), title=f"{s.name}活动{i}", participants=rng.randint(3, 60),
            hours=Decimal(rng.choice(["1.0", "1.5", "2.0", "3.0"])),
        )
        for s in stations
        for i in range(ACTIVITIES_PER_STATION)
    ]
    bulk(Activity, activities)
    print(f"  stations {len(stations)}, staff {len(people)}, activities {len(activities)} ({time.monotonic() - t0:.0f} s)")

    serial = 0
    volunteers = []
    for community in communities:
        for _ in range(VOLUNTEERS_PER_COMMUNITY):
            serial += 1
            volunteers.append(
                Volunteer(
                    name=f"志愿者{serial}", id_number=id_number(serial), volunteer_number=f"B{serial:09d}",
                    phone=f"139{serial:08d}", community=community, registered_on=start,
                )
            )
    bulk(Volunteer, volunteers)
    by_community = {}
    for v in Volunteer.objects.filter(community__path__startswith=city.path).values("pk", "community_id"):
        by_community.setdefault(v["community_id"], []).append(v["pk"])
    vacts = [
        VolunteerActivity(
            title=f"{m.name}志愿活动{i}", region=m, date=start + dt.timedelta(days=rng.randint(0, 364)),
            start_time=dt.time(9), end_time=dt.time(11), place=m.name, organiser_name="社工站", content="服务",
            status="closed",
        )
        for m in communities
        for i in range(VOLUNTEER_ACTIVITIES_PER_COMMUNITY)
    ]
    bulk(VolunteerActivity, vacts)
    hours = []
    for act in VolunteerActivity.objects.filter(region__path__startswith=city.path).values("pk", "region_id"):
        for vid in rng.sample(by_community[act["region_id"]], HOURS_PER_ACTIVITY):
            hours.append(ServiceHours(activity_id=act["pk"], volunteer_id=vid, hours=Decimal("2.00")))
    bulk(ServiceHours, hours)
    print(f"  volunteers {len(volunteers)}, volunteer activities {len(vacts)}, hour records {len(hours)} ({time.monotonic() - t0:.0f} s)")


def measure(client, url, params=None):
    times, queries, status, size = [], 0, 0, 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(url, params or {})
            body = b"".join(response.streaming_content) if response.streaming else response.content
            times.append((time.perf_counter() - t) * 1000)
        queries, status, size = len(ctx), response.status_code, len(body)
    return statistics.median(times), queries, status, size


PAGES = [
    ("home page (figures of the area)", "/", None),
    ("regions", "/core/regions/", None),
    ("agencies", "/organizations/agencies/", None),
    ("social organisations", "/organizations/social/", None),
    ("stations", "/stations/stations/", None),
    ("stations, not compliant", "/stations/stations/", {"compliance": "no"}),
    ("staff", "/stations/staff/", None),
    ("activity log", "/stations/activities/", None),
    ("activity log, sorted by participants", "/stations/activities/", {"sort": "-participants"}),
    ("activity log, search", "/stations/activities/", {"q": "活动5"}),
    ("volunteers", "/volunteers/people/", None),
    ("service hours", "/volunteers/hours/", None),
    ("volunteer rates 2023, city → counties", "/volunteers/rates/", {"year": 2023}),
    ("organisation summary", "/organizations/social/summary/", None),
    ("export: activity log of one town (xlsx)", "/stations/activities/", {"export": "xlsx", "town": True}),
    ("export: volunteers of one town (xlsx)", "/volunteers/people/", {"export": "xlsx", "town": True}),
]


def main():
    call_command("migrate", verbosity=0)
    print(f"Seeding (once) a city of {COUNTIES}×{TOWNS}×{COMMUNITIES} communities …")
    seed()
    # Fresh statistics: right after a bulk load the planner otherwise takes the big tables for empty
    # ones and picks nested loops (minutes instead of milliseconds). Production's autovacuum does this.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from django.urls import Resolver404, resolve

    counts = {
        "regions": Region.objects.count(),
    }
    for label in ("stations.Activity", "volunteers.Volunteer", "volunteers.ServiceHours", "stations.Station"):
        from django.apps import apps

        counts[label] = apps.get_model(label).objects.count()
    print(f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"PostgreSQL {connection.cursor().connection.server_version}")
    print("Rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    town = User.objects.get(username="bench_town").region
    print(f"\n{'page':44} {'user':6} {'ms (median of %d)' % RUNS:>18} {'queries':>8} {'status':>6}")
    for username in ("bench_city", "bench_town"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for label, url, params in PAGES:
            try:
                resolve(url)
            except Resolver404:
                print(f"{label:44} {'—':6} {'(no such page)':>18}")
                continue
            params = dict(params or {})
            if params.pop("town", False):
                params["region"] = town.pk
            ms, queries, status, _ = measure(client, url, params)
            print(f"{label:44} {username[6:]:6} {ms:18.0f} {queries:8d} {status:6d}")


if __name__ == "__main__":
    main()
