"""``make bench``: list pages and Excel exports at two data sizes, judged against the goals of DESIGN.md §5.

    .venv/bin/python benchmarks/bench.py [--sizes 1,0.1] [--rounds 5] [--export-rows 200000] [--export-rounds 3]

A size is a fraction of the plan's city (10 counties, 80 towns, 900 communities, 100,000 volunteers,
1,012,500 hour rows, 59,400 activity-log rows, 5,000 service projects in every step with their notices,
agreements and milestones); ``1`` and ``0.1`` are the city and exactly a tenth of it.
Each size has its own PostgreSQL database (``wulian_bench_city``, ``wulian_bench_small``, ``wulian_bench_x10``),
seeded once and again only when its size changes: the rows are model instances written with PostgreSQL COPY
(``copy_in``: each column what ``bulk_create`` would send — timestamps, encrypted personal fields, blind
indexes), the hour rows by ``INSERT … SELECT`` over ``generate_series`` (``seed_hours``), the big tables' secondary
indexes and constraints dropped during the load and made again after it, then ``VACUUM ANALYZE``: ten times the
city (10 million hour rows) seeds in about 9 minutes on this 2-core machine under load, the city in 2.

Every run then migrates each database and recomputes its kept figures (``volunteers.stats``): the code measured
may be newer than the seed.

Then, as the city bureau user: one warm-up pass, ``--rounds`` rounds that each request every page once at
each size in turn (so both sizes see the same machine load), and per page the median, the spread (min–max),
the SQL queries and the ratio of the two sizes' medians. The export comparison writes the same rows of the
service-hours list with this project's exporter, django-import-export, a bare openpyxl write-only loop and
a bare xlsxwriter ``constant_memory`` loop (the bare loops over rows already in memory), each run in its own
process, rounds interleaved, with its peak memory growth; the project's exporter also writes the whole
hour table (a million rows) once for the memory goal. Last, a verdict line per goal and the load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")

# The plan's city; a size is a fraction of it.
CITY = {"counties": 10, "towns": 80, "communities": 900, "volunteers": 100_000, "agencies": 2_000, "projects": 5_000}
VOLUNTEER_ACTIVITIES_PER_COMMUNITY = 45
HOURS_PER_VOLUNTEER_ACTIVITY = 25  # 900 × 45 × 25 = 1,012,500 hour rows
ACTIVITIES_PER_STATION = 60  # (10 + 80 + 900) stations × 60 = 59,400 activity-log rows
PER_PAGE = 25

GOALS = {"list_ms": 150, "ratio": 2.0, "vs_import_export": 1.5, "vs_bare": 1.25, "memory_mb": 100}


# -- sizes ------------------------------------------------------------------------------------------------------

def size_spec(scale: float) -> dict:
    """Counts for ``scale`` × the plan's city (0.1 is exactly a tenth: 1 county, 8 towns, 90 communities…)."""
    spec = {key: round(value * scale) for key, value in CITY.items()}
    if min(spec.values()) < 1:
        raise ValueError(f"size {scale} is too small")
    stations = spec["counties"] + spec["towns"] + spec["communities"]
    spec["stations"] = stations
    spec["activities"] = stations * ACTIVITIES_PER_STATION
    spec["volunteer_activities"] = spec["communities"] * VOLUNTEER_ACTIVITIES_PER_COMMUNITY
    spec["hours"] = spec["volunteer_activities"] * HOURS_PER_VOLUNTEER_ACTIVITY
    spec["scale"] = scale
    return spec


def size_name(scale: float) -> str:
    return {1.0: "city", 0.1: "small"}.get(scale, f"x{scale:g}".replace(".", "_"))


def database_url(scale: float) -> str:
    return f"{PG}/wulian_bench_{size_name(scale)}"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,0.1", help="fractions of the plan's city, comma-separated (default 1,0.1)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of page requests per size (≥ 5 for a verdict)")
    parser.add_argument("--export-rows", type=int, default=200_000, help="rows in the export comparison")
    parser.add_argument("--export-rounds", type=int, default=3, help="rounds of the export comparison")
    parser.add_argument("--no-million", action="store_true", help="skip the million-row memory run of the exporter")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-exports", action="store_true")
    args = parser.parse_args(argv)
    args.scales = sorted({float(s) for s in args.sizes.split(",") if s.strip()}, reverse=True)
    return args


# -- verdicts (pure, so they can be read and tested on their own) ------------------------------------------------

def verdicts(pages: dict, exports: dict, million: dict | None, scales: list[float], rounds: int = 5) -> list[str]:
    """One line per goal. ``pages``: {label: {scale: {"median": ms, ...}}}; ``exports``: {tool: {"median": s, ...}}.

    Fewer than five rounds of pages give no verdict on them: the lines say FAIL and why.
    """
    lines = []
    if pages and rounds < 5:
        lines.append(_verdict(False, "page timings over at least 5 rounds", f"only {rounds}: the page lines below are no verdict"))
    big, small = scales[0], scales[-1]
    broken = sorted({label for label, sizes in pages.items() for entry in sizes.values() if entry.get("status") != 200})
    if pages:
        lines.append(_verdict(not broken, "every page answers 200",
                              "not: " + ", ".join(broken) if broken else f"{len(pages)} pages"))
    lists = {label: sizes[big]["median"] for label, sizes in pages.items() if big in sizes}
    if lists:
        slow = {label: ms for label, ms in lists.items() if ms > GOALS["list_ms"]}
        lines.append(_verdict(
            not slow, f"every page ≤ {GOALS['list_ms']} ms at size {big:g}",
            f"{len(slow)} of {len(lists)} over: " + ", ".join(f"{k} {v:.0f} ms" for k, v in slow.items()) if slow
            else f"slowest {max(lists.values()):.0f} ms",
        ))
    if len(scales) > 1:
        ratios = {label: s[big]["median"] / s[small]["median"] for label, s in pages.items()
                  if big in s and small in s and s[small]["median"] > 0}
        if ratios:
            steep = {k: r for k, r in ratios.items() if r > GOALS["ratio"]}
            lines.append(_verdict(
                not steep, f"{big / small:g}× the data costs ≤ {GOALS['ratio']:g}× the time",
                f"{len(steep)} of {len(ratios)} over: " + ", ".join(f"{k} {v:.1f}×" for k, v in steep.items()) if steep
                else f"steepest {max(ratios.values()):.1f}×",
            ))
    project = exports.get("project")
    if project:
        ie = exports.get("import_export")
        if ie:
            speedup = ie["median"] / project["median"]
            lines.append(_verdict(speedup >= GOALS["vs_import_export"],
                                  f"export ≥ {GOALS['vs_import_export']:g}× faster than django-import-export",
                                  f"{speedup:.2f}× ({project['median']:.1f} s against {ie['median']:.1f} s)"))
        bare = exports.get("openpyxl")
        if bare:
            ratio = project["median"] / bare["median"]
            extra = ""
            if exports.get("xlsxwriter"):
                extra = f"; {project['median'] / exports['xlsxwriter']['median']:.2f}× the bare xlsxwriter loop"
            lines.append(_verdict(ratio <= GOALS["vs_bare"],
                                  f"export ≤ {GOALS['vs_bare']:g}× the bare write-only loop",
                                  f"{ratio:.2f}× the bare openpyxl loop ({bare['median']:.1f} s){extra}"))
        if ie and bare:
            # The same two comparisons in the exporters' own CPU time, which other work on the machine
            # disturbs far less than the wall clock.
            lines.append(_verdict(
                ie["cpu"] / project["cpu"] >= GOALS["vs_import_export"] and project["cpu"] / bare["cpu"] <= GOALS["vs_bare"],
                "the same two in CPU time",
                f"{ie['cpu'] / project['cpu']:.2f}× faster than django-import-export, "
                f"{project['cpu'] / bare['cpu']:.2f}× the bare openpyxl loop",
            ))
        run = million or project
        lines.append(_verdict(run["growth_mb"] <= GOALS["memory_mb"],
                              f"export memory growth ≤ {GOALS['memory_mb']} MB",
                              f"{run['growth_mb']:.0f} MB at {run['rows']:,} rows"))
    return lines


def _verdict(ok: bool, goal: str, detail: str) -> str:
    return f"{'PASS' if ok else 'FAIL'}  {goal}: {detail}"


# -- the orchestrator -------------------------------------------------------------------------------------------

# The bench's bureau user is measured on its pages, not on its second factor (issue 21 sends a bureau user without
# one to the enrolment page: every page was a 302 to /accounts/2fa/); the second factor is tested on its own.
BENCH_ENV = {"DJANGO_SETTINGS_MODULE": "tests.settings", "ALLOWED_HOSTS": "testserver", "PYTHONUNBUFFERED": "1",
             "WULIAN_TWO_FACTOR": "0"}


def run(cmd: list[str], scale: float, **kwargs):
    env = dict(os.environ, DATABASE_URL=database_url(scale), **BENCH_ENV)
    env.pop("CELERY_BROKER_URL", None)  # a list export is never queued here
    return subprocess.run([sys.executable, __file__, *cmd], env=env, check=True, text=True, **kwargs)


def start_worker(scale: float):
    env = dict(os.environ, DATABASE_URL=database_url(scale), **BENCH_ENV)
    env.pop("CELERY_BROKER_URL", None)
    return subprocess.Popen([sys.executable, __file__, "_pages"], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def ask(worker, message: dict) -> dict:
    worker.stdin.write(json.dumps(message) + "\n")
    worker.stdin.flush()
    return json.loads(worker.stdout.readline())


def ensure_database(scale: float) -> None:
    """Create and seed the size's database, or seed it again when it holds another size."""
    import psycopg2

    name = f"wulian_bench_{size_name(scale)}"
    spec = size_spec(scale)
    admin = psycopg2.connect(f"{PG}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
    current = None
    if exists:
        with psycopg2.connect(database_url(scale)) as conn, conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass('bench_spec') IS NOT NULL")
            if cursor.fetchone()[0]:
                cursor.execute("SELECT spec FROM bench_spec")
                row = cursor.fetchone()
                current = json.loads(row[0]) if row else None
        conn.close()
    if current == spec:
        return
    with admin.cursor() as cursor:
        if exists:
            print(f"  {name} holds another size: seeding it again")
            cursor.execute(f'DROP DATABASE "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    t0 = time.monotonic()
    run(["_seed", json.dumps(spec)], scale)
    print(f"  {name} seeded in {time.monotonic() - t0:.0f} s")


def prepare(scale: float) -> None:
    """Migrate and recompute the kept figures, every run: the code measured may be newer than the seed."""
    t0 = time.monotonic()
    out = run(["_prepare"], scale, capture_output=True).stdout.strip()
    print(f"  wulian_bench_{size_name(scale)} migrated and its figures recomputed in {time.monotonic() - t0:.0f} s"
          f"{' (' + out + ')' if out else ''}")


def measure_pages(args, workers) -> dict:
    results: dict = {}
    for scale, worker in workers.items():
        ask(worker, {"cmd": "pages"})  # warm-up: caches, connections, the planner's statistics
    for _round in range(args.rounds):
        for scale, worker in workers.items():  # the sizes take turns within each round
            for label, ms, queries, status in ask(worker, {"cmd": "pages"})["pages"]:
                entry = results.setdefault(label, {}).setdefault(scale, {"times": [], "queries": queries,
                                                                         "status": status})
                entry["times"].append(ms)
                entry["queries"], entry["status"] = queries, status
    for sizes in results.values():
        for entry in sizes.values():
            entry["median"] = statistics.median(entry["times"])
    return results


def print_pages(results: dict, scales: list[float], rounds: int) -> None:
    big, small = scales[0], scales[-1]
    head = "".join(f"{'size ' + format(s, 'g') + ': ms median (min–max)':>32} {'SQL':>4}" for s in scales)
    print(f"\n{'page':46}{head} {'ratio':>6}")
    for label, sizes in results.items():
        line = f"{label:46}"
        for scale in scales:
            e = sizes.get(scale)
            if e is None:
                line += f"{'—':>37}"
                continue
            flag = "" if e["status"] == 200 else f" [{e['status']}]"
            spread = f"{e['median']:.0f} ({min(e['times']):.0f}–{max(e['times']):.0f}){flag}"
            line += f"{spread:>32} {e['queries']:>4}"
        if len(scales) > 1 and big in sizes and small in sizes and sizes[small]["median"]:
            line += f" {sizes[big]['median'] / sizes[small]['median']:>5.1f}×"
        print(line)
    print(f"(median of {rounds} rounds after a warm-up; the sizes alternate within each round)")


def measure_exports(args, scale: float) -> tuple[dict, dict | None]:
    tools = ["project", "import_export", "openpyxl", "xlsxwriter"]
    runs: dict = {tool: [] for tool in tools}
    for round_number in range(args.export_rounds):
        order = tools if round_number % 2 == 0 else list(reversed(tools))
        for tool in order:
            out = run(["_export", tool, str(args.export_rows)], scale, capture_output=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            runs[tool].append(result)
            print(f"  round {round_number + 1}: {tool:14} {result['seconds']:7.1f} s (CPU {result['cpu']:.1f} s), "
                  f"growth {result['growth_mb']:6.1f} MB, {result['rows']:,} rows")
    summary = {}
    for tool, results in runs.items():
        times = [r["seconds"] for r in results]
        summary[tool] = {
            "median": statistics.median(times), "min": min(times), "max": max(times),
            "cpu": statistics.median(r["cpu"] for r in results),
            "growth_mb": max(r["growth_mb"] for r in results), "rows": results[0]["rows"],
        }
    million = None
    if not args.no_million:
        out = run(["_export", "project", "0"], scale, capture_output=True).stdout
        million = json.loads(out.strip().splitlines()[-1])
        print(f"  all hour rows: project {million['seconds']:.1f} s, growth {million['growth_mb']:.1f} MB, "
              f"{million['rows']:,} rows")
    return summary, million


def print_exports(summary: dict, million: dict | None) -> None:
    names = {"project": "this project (list export)", "import_export": "django-import-export 4.4",
             "openpyxl": "bare openpyxl write-only loop", "xlsxwriter": "bare xlsxwriter constant_memory"}
    print(f"\n{'exporter':36} {'s median (min–max)':>22} {'CPU s':>7} {'memory growth':>14} {'rows':>10}")
    for tool, s in summary.items():
        spread = f"{s['median']:.1f} ({s['min']:.1f}–{s['max']:.1f})"
        print(f"{names[tool]:36} {spread:>22} {s['cpu']:>7.1f} {s['growth_mb']:>11.0f} MB {s['rows']:>10,}")
    if million:
        print(f"{'this project, every hour row':36} {million['seconds']:>22.1f} {million['cpu']:>7.1f} "
              f"{million['growth_mb']:>11.0f} MB "
              f"{million['rows']:>10,}")


def main(argv=None) -> None:
    args = parse_args(argv)
    load_start = os.getloadavg()
    started = time.monotonic()
    print(f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f}")
    for scale in args.scales:
        spec = size_spec(scale)
        print(f"Size {scale:g} ({size_name(scale)}): {spec['counties']} counties, {spec['towns']} towns, "
              f"{spec['communities']} communities, {spec['volunteers']:,} volunteers, {spec['hours']:,} hour rows, "
              f"{spec['activities']:,} activity-log rows")
        ensure_database(scale)
        prepare(scale)
    pages = {}
    if not args.skip_pages:
        workers = {scale: start_worker(scale) for scale in args.scales}
        try:
            pages = measure_pages(args, workers)
        finally:
            for worker in workers.values():
                worker.stdin.close()
                worker.wait()
        print_pages(pages, args.scales, args.rounds)
    exports, million = {}, None
    if not args.skip_exports:
        print(f"\nExport of {args.export_rows:,} service-hour rows at size {args.scales[0]:g}, each run in its own process:")
        exports, million = measure_exports(args, args.scales[0])
        print_exports(exports, million)
    load_end = os.getloadavg()
    print(f"\nLoad average at the end {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f} on {os.cpu_count()} cores; "
          f"bench took {(time.monotonic() - started) / 60:.1f} min")
    if max(load_start[0], load_end[0]) > (os.cpu_count() or 1):
        print("The machine was busy with other work: read the times as upper bounds, the ratios as rough.")
    print()
    for line in verdicts({k: v for k, v in pages.items() if not k.startswith("export")}, exports, million, args.scales,
                         args.rounds):
        print(line)


# -- inside a size's database (subprocesses) ---------------------------------------------------------------------

def setup_django():
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    logging.disable(logging.CRITICAL)


def id_number(serial: int) -> str:
    """A well-formed 18-character 居民身份证 number (GB 11643 check character)."""
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=serial % 20000)
    body = f"610326{birth:%Y%m%d}{(serial // 20000) % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def seed(spec: dict) -> None:
    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    from organizations.models import SocialOrganization
    from stations.models import Activity, StaffAssignment, StaffMember, Station
    from volunteers.models import ServiceHours, Volunteer, VolunteerActivity
    from wulian.choices import CommunityKind, RegionLevel, Role
    from wulian.models import Agency, Region, User

    call_command("migrate", verbosity=0)
    rng = random.Random(20231103)
    t0 = time.monotonic()

    with transaction.atomic():
        province = Region.objects.add_root({"name": "基准省", "level": RegionLevel.PROVINCE})
        city = Region.objects.add_child(province, {"name": "基准市", "level": RegionLevel.CITY})
        counties, towns, communities = [], [], []
        towns_per_county = spec["towns"] // spec["counties"]
        for c in range(spec["counties"]):
            counties.append(Region.objects.add_child(city, {"name": f"第{c + 1}县", "level": RegionLevel.COUNTY}))
        for t in range(spec["towns"]):
            county = counties[min(t // towns_per_county, len(counties) - 1)]
            towns.append(Region.objects.add_child(county, {"name": f"{county.name}{t + 1}镇", "level": RegionLevel.TOWN}))
        # 900 communities over 80 towns: the first towns get one more (12 and 11).
        per_town, extra = divmod(spec["communities"], spec["towns"])
        for t, town in enumerate(towns):
            for m in range(per_town + (1 if t < extra else 0)):
                kind = CommunityKind.URBAN if m < 5 else CommunityKind.RURAL
                communities.append(Region.objects.add_child(town, {
                    "name": f"{town.name}{m + 1}{'社区' if kind == CommunityKind.URBAN else '村'}",
                    "level": RegionLevel.COMMUNITY, "kind": kind, "population": rng.randint(800, 9000),
                }))
        User.objects.create_user("bench_city", password="bench", role=Role.BUREAU_ADMIN, region=city)
        User.objects.create_user("bench_town", password="bench", role=Role.TOWN_STAFF, region=towns[0])
    print(f"  regions {len(counties) + len(towns) + len(communities) + 1} ({time.monotonic() - t0:.0f} s)", flush=True)

    # The big tables load without their secondary indexes and constraints (primary keys stay), which are made
    # again, with the same names and definitions, once the rows are in: one sorted pass per index and one
    # validating join per foreign key instead of a trigger and an index update per row.
    big = [Activity, Volunteer, VolunteerActivity, ServiceHours]
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        remake = drop_secondary(cursor, [m._meta.db_table for m in big])

    copy_in(Agency, (Agency(name=f"基准社工机构{i}", region=counties[i % len(counties)]) for i in range(spec["agencies"])))
    categories = ["service", "public_welfare", "mutual_aid", "culture_sports", "other"]
    copy_in(SocialOrganization, (
        SocialOrganization(name=f"{m.name}组织{k}", region=m, category=categories[k % 5], status="filed",
                           founded_on=dt.date(2020, 1, 1))
        for m in communities for k in range(6)
    ))
    stations = [Station(name=f"{c.name}社工总站", tier="county_hub", region=c, office_area=Decimal(120)) for c in counties]
    stations += [Station(name=f"{t.name}社工站", tier="town_station", region=t, office_area=Decimal(rng.choice([50, 65, 80])))
                 for t in towns]
    stations += [Station(name=f"{m.name}社工室", tier="community_room", region=m, office_area=Decimal(rng.choice([20, 35])))
                 for m in communities]
    copy_in(Station, stations)
    stations = list(Station.objects.select_related("region").order_by("pk"))
    copy_in(StaffMember, (StaffMember(name=f"工作人员{i}", region=s.region, is_professional=i % 3 == 0)
                          for s in stations for i in range(3)))
    people = list(StaffMember.objects.order_by("pk").values_list("pk", flat=True))
    copy_in(StaffAssignment, (StaffAssignment(person_id=p, station=stations[i // 3], start_date=dt.date(2023, 1, 1))
                              for i, p in enumerate(people)))
    start = dt.date(2023, 1, 1)
    kinds = ["casework", "group", "community", "visit", "training", "other"]
    # The activity log keeps its own copy of the station's region (what RegionCopyQuerySet.bulk_create fills).
    n = copy_in(Activity, (
        Activity(station=s, region_id=s.region_id, kind=rng.choice(kinds),
                 date=start + dt.timedelta(days=rng.randint(0, 364)),
                 title=f"{s.name}活动{i}", participants=rng.randint(3, 60),
                 hours=Decimal(rng.choice(["1.0", "1.5", "2.0", "3.0"])))
        for s in stations for i in range(ACTIVITIES_PER_STATION)
    ))
    print(f"  stations {len(stations)}, activities {n:,} ({time.monotonic() - t0:.0f} s)", flush=True)

    def volunteers():
        for serial in range(1, spec["volunteers"] + 1):
            yield Volunteer(name=f"志愿者{serial}", id_number=id_number(serial), volunteer_number=f"B{serial:09d}",
                            phone=f"139{serial:08d}", community=communities[serial % len(communities)],
                            registered_on=start)

    # Encrypted 身份证 numbers and phones and their blind indexes: the model's own fields compute them.
    n = copy_in(Volunteer, volunteers())
    copy_in(VolunteerActivity, (
        VolunteerActivity(title=f"{m.name}志愿活动{i}", region=m, date=start + dt.timedelta(days=rng.randint(0, 364)),
                          start_time=dt.time(9), end_time=dt.time(11), place=m.name, organiser_name="社工站",
                          content="服务", status="closed")
        for m in communities for i in range(VOLUNTEER_ACTIVITIES_PER_COMMUNITY)
    ))
    print(f"  volunteers {n:,} ({time.monotonic() - t0:.0f} s)", flush=True)
    n = seed_hours(spec, communities)
    print(f"  hour rows {n:,} ({time.monotonic() - t0:.0f} s)", flush=True)
    n = seed_projects(spec, rng, towns, communities, copy_in)
    print(f"  service projects {n:,} ({time.monotonic() - t0:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for statement in remake:
            cursor.execute(statement)
    print(f"  indexes and constraints made again ({time.monotonic() - t0:.0f} s)", flush=True)
    # Fresh statistics and visibility map: right after a bulk load the planner otherwise takes the big tables
    # for empty ones. Production's autovacuum does this by itself.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CREATE TABLE bench_spec (spec text)")
        cursor.execute("INSERT INTO bench_spec VALUES (%s)", [json.dumps(spec)])
    print(f"  vacuumed and analysed ({time.monotonic() - t0:.0f} s)", flush=True)


def drop_secondary(cursor, tables: list[str]) -> list[str]:
    """Drop the unique, check and foreign-key constraints and the other indexes of ``tables`` (primary keys
    stay); return the statements that make them again as the migrations made them (indexes, then unique and
    check constraints, then foreign keys)."""
    indexes, constraints = [], {"u": [], "c": [], "f": [], "x": [], "t": [], "n": []}
    for table in tables:
        cursor.execute("SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = %s::regclass AND contype <> 'p'", [table])
        for name, kind, definition in cursor.fetchall():
            constraints[kind].append(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = %s "
                       "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
                       [table, table])
        for name, definition in cursor.fetchall():
            indexes.append(definition)
            cursor.execute(f'DROP INDEX "{name}"')
    return indexes + [s for kind in ("u", "x", "c", "t", "n", "f") for s in constraints[kind]]


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_cell(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dt.date, dt.time)):  # datetimes too: ISO 8601 with their UTC offset
        return value.isoformat()
    if hasattr(value, "adapted"):  # a JSON value as the driver would send it
        return json.dumps(value.adapted).translate(_COPY_ESCAPES)
    return str(value)


def copy_in(model, rows, chunk: int = 20_000) -> int:
    """Load an iterable of unsaved instances with PostgreSQL COPY, in chunks, never holding them all.

    Each column gets what ``bulk_create`` would send for it — ``field.pre_save`` then ``get_db_prep_save``: the
    timestamps, the AES-GCM-encrypted personal fields and their blind indexes come from the model's own fields.
    The primary key is left to the table's identity, in the order of ``rows``. Unlike ``bulk_create`` no primary
    keys come back: read them again.
    """
    import io

    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    count, buffer = 0, io.StringIO()

    def flush():
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(statement, buffer)
        buffer.seek(0)
        buffer.truncate()

    for obj in rows:
        buffer.write("\t".join(_copy_cell(f.get_db_prep_save(f.pre_save(obj, True), connection)) for f in fields))
        buffer.write("\n")
        count += 1
        if count % chunk == 0:
            flush()
    if buffer.tell():
        flush()
    return count


def seed_hours(spec: dict, communities: list) -> int:
    """``HOURS_PER_VOLUNTEER_ACTIVITY`` hour rows per volunteer activity, for distinct volunteers of its
    community, written by PostgreSQL itself (INSERT … SELECT over generate_series, in chunks of activities taken
    in the activities' own order, newest first, as the ORM seed wrote them). Every column holds what
    ``ServiceHours.objects.bulk_create`` writes: the model's defaults, the activity's region copied, every fifth
    row checked in and out."""
    from django.db import connection

    from volunteers.models import ServiceHours, Volunteer

    field = ServiceHours._meta.get_field
    total = spec["volunteers"]
    width = len(communities)
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id), count(*) FROM volunteers_volunteer")
        first, last, count = cursor.fetchone()
        assert last - first + 1 == count == total, "volunteer ids must run without gaps in serial order"
        assert Volunteer.objects.get(pk=first).volunteer_number == "B000000001"
        # Volunteer ``serial`` lives in community ``serial % width``: the j-th volunteer (from 0) of community
        # k is serial (k or width) + j × width, and community k has ``members`` of them.
        rows = []
        for k, community in enumerate(communities):
            lowest = k or width
            members = (total - lowest) // width + 1 if lowest <= total else 0
            assert members >= HOURS_PER_VOLUNTEER_ACTIVITY, f"community {k} has {members} volunteers"
            rows.append((community.pk, lowest, members))
        cursor.execute("CREATE TEMP TABLE bench_community (region_id bigint PRIMARY KEY, lowest int, members int)")
        cursor.executemany("INSERT INTO bench_community VALUES (%s, %s, %s)", rows)
        cursor.execute(
            "CREATE TEMP TABLE bench_activity AS SELECT id, region_id, "
            "row_number() OVER (ORDER BY date DESC, start_time DESC, id) AS n FROM volunteers_volunteeractivity"
        )
        cursor.execute("CREATE INDEX ON bench_activity (n)")
        cursor.execute("SELECT count(*) FROM bench_activity")
        activities = cursor.fetchone()[0]
        step = 20_000
        for low in range(1, activities + 1, step):
            cursor.execute(
                """
                INSERT INTO volunteers_servicehours (created_at, updated_at, hours, status, source, checked_in_at,
                    checked_out_at, reviewed_at, note, reviewed_by_id, volunteer_id, activity_id, region_id)
                SELECT now(), now(), 2.00, %(status)s, %(source)s,
                       CASE WHEN i %% 5 = 0 THEN %(checked_in)s END,
                       CASE WHEN i %% 5 = 0 THEN %(checked_out)s END,
                       NULL, %(note)s, NULL,
                       %(first)s - 1 + c.lowest + ((a.id * 7919 + i) %% c.members) * %(width)s,
                       a.id, a.region_id
                FROM bench_activity a JOIN bench_community c ON c.region_id = a.region_id
                CROSS JOIN generate_series(0, %(per)s - 1) AS i
                WHERE a.n >= %(low)s AND a.n < %(high)s
                ORDER BY a.n, i
                """,
                {"status": field("status").get_default(), "source": field("source").get_default(),
                 "note": field("note").get_default(), "first": first, "width": width,
                 "per": HOURS_PER_VOLUNTEER_ACTIVITY, "low": low, "high": low + step,
                 "checked_in": dt.datetime(2023, 6, 1, 1, 0, tzinfo=dt.UTC),
                 "checked_out": dt.datetime(2023, 6, 1, 3, 0, tzinfo=dt.UTC)},
            )
        cursor.execute("SELECT count(*) FROM volunteers_servicehours")
        return cursor.fetchone()[0]


def seed_projects(spec: dict, rng: random.Random, towns: list, communities: list, bulk) -> int:
    """``spec["projects"]`` service projects of 2023 spread over the towns and communities and over every step of
    the workflow, as the six steps leave them: a notice from publication on, the chosen agency from the award on,
    an agreement (signed by the agency, then by both sides) and two milestones from the agency's signature on,
    a grade once accepted. Some are overdue on purpose (bids closed without award, supervision, milestones)."""
    from projects.choices import Grade, MilestoneStatus, ProcurementMethod, ProjectStatus as S, ServiceDomain
    from projects.models import Agreement, Milestone, Notice, Project
    from wulian.models import Agency

    # Shares of the pipeline (sum 100): most projects of a past year are in service or done.
    steps = [(S.DRAFT, 4), (S.SUBMITTED, 4), (S.RETURNED, 2), (S.APPROVED, 3), (S.PUBLISHED, 5), (S.AWARDED, 3),
             (S.AGENCY_SIGNED, 3), (S.CONTRACTED, 6), (S.IN_SERVICE, 35), (S.EVALUATING, 10), (S.ACCEPTED, 22),
             (S.CANCELLED, 3)]
    weights = [w for _s, w in steps]
    order = [s for s, _w in steps]
    published = set(order[order.index(S.PUBLISHED):order.index(S.CANCELLED)])
    awarded = set(order[order.index(S.AWARDED):order.index(S.CANCELLED)])
    signed_by_agency = set(order[order.index(S.AGENCY_SIGNED):order.index(S.CANCELLED)])
    domains = list(ServiceDomain.values)
    agencies = list(Agency.objects.order_by("pk").values_list("pk", flat=True))
    places = towns + communities
    year = 2023
    rows = []
    for i in range(spec["projects"]):
        region = places[i % len(places)]
        status = rng.choices(order, weights)[0]
        budget = Decimal(rng.choice([50_000, 80_000, 120_000, 200_000, 300_000]))
        rows.append(Project(
            code=f"B{year}-{i + 1:05d}", title=f"{region.name}{rng.choice(['为老', '青少年', '助残', '社区治理'])}服务项目{i + 1}",
            region=region, domain=rng.choice(domains), budget=budget, year=year,
            planned_start=dt.date(year, 3, 1), planned_end=dt.date(year, 12, 31),
            is_professional=i % 3 != 2, is_micro_venture=i % 3 == 2, status=status,
            agency_id=agencies[i % len(agencies)] if status in awarded else None,
            supervision_due=dt.date(year, 7, 1) if status in signed_by_agency else None,
            grade=rng.choice([Grade.EXCELLENT, Grade.GOOD, Grade.PASS]) if status == S.ACCEPTED else "",
            final_score=Decimal(rng.randint(62, 98)) if status == S.ACCEPTED else None,
        ))
    count = bulk(Project, rows, chunk=5_000)
    projects = list(Project.objects.filter(year=year).order_by("pk").values_list("pk", "status", "budget"))
    bulk(Notice, (
        Notice(project_id=pk, scope_of_service="按项目方案提供服务", budget_ceiling=budget,
               method=ProcurementMethod.OPEN_TENDER if pk % 10 else ProcurementMethod.COMPETITIVE_CONSULTATION,
               bid_deadline=dt.datetime(year, 2, 20, 9, 0, tzinfo=dt.UTC))
        for pk, status, budget in projects if status in published
    ))
    bulk(Agreement, (
        Agreement(project_id=pk, number=f"BA{year}-{pk:06d}", amount=budget, start=dt.date(year, 3, 1),
                  end=dt.date(year, 12, 31), deliverables="按协议交付", agency_signed_on=dt.date(year, 2, 25),
                  bureau_signed_on=None if status == S.AGENCY_SIGNED else dt.date(year, 2, 28))
        for pk, status, budget in projects if status in signed_by_agency
    ))
    done = {S.ACCEPTED, S.EVALUATING}
    bulk(Milestone, (
        Milestone(project_id=pk, name=name, amount=budget / 2, due_on=due, condition="提交服务报告",
                  status=MilestoneStatus.MET if status in done else MilestoneStatus.SCHEDULED)
        for pk, status, budget in projects if status in signed_by_agency
        for name, due in (("首期", dt.date(year, 6, 30)), ("尾期", dt.date(year, 12, 31)))
    ))
    return count


def prepare_database() -> None:
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from volunteers.stats import refresh

    call_command("migrate", verbosity=0)
    # The city follows a policy document, as bench_dashboard.py attaches it (the same 眉县 profile, once): without
    # one, "stations, not compliant" lists no station at all and measures nothing.
    from wulian.models import PolicyProfile, ProfileRegion, Region

    root = Region.objects.get(name="基准市")
    if not ProfileRegion.objects.filter(region__in=[root, root.get_parent()]).exists():
        ProfileRegion.objects.create(profile=PolicyProfile.objects.get(code="meixian2022"), region=root)
    t0 = time.monotonic()
    rows = refresh()
    print(f"{rows:,} region-year figure rows in {time.monotonic() - t0:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def pages_for(user) -> list[tuple[str, str, dict]]:
    from stations.models import Activity
    from volunteers.models import ServiceHours, Volunteer, VolunteerActivity

    def last(model):
        return max(1, math.ceil(model.objects.restrict(user).count() / PER_PAGE))

    return [
        ("home page", "/", {}),
        ("regions", "/core/regions/", {}),
        ("agencies", "/organizations/agencies/", {}),
        ("social organisations", "/organizations/social/", {}),
        ("organisation summary", "/organizations/social/summary/", {}),
        ("stations", "/stations/stations/", {}),
        ("stations, not compliant", "/stations/stations/", {"compliance": "no"}),
        ("staff", "/stations/staff/", {}),
        ("staff assignments", "/stations/assignments/", {}),
        ("trainings", "/stations/trainings/", {}),
        ("activity log", "/stations/activities/", {}),
        ("activity log, sorted by participants", "/stations/activities/", {"sort": "-participants"}),
        ("activity log, search", "/stations/activities/", {"q": "活动5"}),
        ("activity log, page 150", "/stations/activities/", {"page": 150}),
        ("activity log, last page", "/stations/activities/", {"page": last(Activity)}),
        ("volunteers", "/volunteers/people/", {}),
        ("volunteers, page 150", "/volunteers/people/", {"page": 150}),
        ("volunteers, last page", "/volunteers/people/", {"page": last(Volunteer)}),
        ("volunteer teams", "/volunteers/teams/", {}),
        ("volunteer activities", "/volunteers/activities/", {}),
        ("volunteer activities, last page", "/volunteers/activities/", {"page": last(VolunteerActivity)}),
        ("service hours", "/volunteers/hours/", {}),
        ("service hours, page 150", "/volunteers/hours/", {"page": 150}),
        ("service hours, last page", "/volunteers/hours/", {"page": last(ServiceHours)}),
        ("volunteer certificates", "/volunteers/certificates/", {}),
        ("volunteer rates 2023", "/volunteers/rates/", {"year": 2023}),
        ("service projects", "/projects/projects/", {}),
        ("service projects, in service", "/projects/projects/", {"status": "in_service"}),
        ("service projects, overdue", "/projects/projects/", {"overdue": "true"}),
        ("access log", "/core/access-log/", {}),
    ]


def serve_pages() -> None:
    """Answer {"cmd": "pages"} lines: request every page once, reply with [label, ms, queries, status] rows."""
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wulian.models import User

    user = User.objects.get(username="bench_city")
    client = Client()
    client.force_login(user)
    pages = pages_for(user)
    for line in sys.stdin:
        if json.loads(line)["cmd"] != "pages":
            continue
        results = []
        for label, url, params in pages:
            with CaptureQueriesContext(connection) as queries:
                t = time.perf_counter()
                response = client.get(url, params)
                if response.streaming:
                    b"".join(response.streaming_content)
                ms = (time.perf_counter() - t) * 1000
            results.append([label, ms, len(queries), response.status_code])
        sys.stdout.write(json.dumps({"pages": results}) + "\n")
        sys.stdout.flush()


def rss_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    """Reset the peak resident size (VmHWM) so the growth of the timed part alone is measured."""
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def export(tool: str, rows: int) -> None:
    """One export of the service-hours list, as the city bureau user; prints seconds, memory growth and rows."""
    setup_django()
    import tempfile

    from django.test import RequestFactory

    from volunteers.views import ServiceHoursListView
    from wulian.models import User

    user = User.objects.get(username="bench_city")
    request = RequestFactory().get("/volunteers/hours/")
    request.user = user
    view = ServiceHoursListView()
    view.setup(request)
    queryset, _filterset = view.filtered(request)
    if rows:
        queryset = queryset[:rows]
    table = view.table_class(queryset, user=user, request=request)
    directory = tempfile.mkdtemp(prefix="wulian-bench-")
    path = os.path.join(directory, f"{tool}.xlsx")
    written = 0
    try:
        if tool in ("openpyxl", "xlsxwriter"):
            data = _rows_in_memory(table, queryset)
        reset_peak()
        before = rss_mb("VmRSS")
        t, cpu = time.perf_counter(), time.process_time()
        if tool == "project":
            from wulian.exports import table_export, write_workbook

            columns, row_iter = table_export(table, queryset)
            written = write_workbook(path, [(view.verbose_name_plural, columns, row_iter)])
        elif tool == "import_export":
            written = _import_export(queryset, path)
        elif tool == "openpyxl":
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet("hours")
            for row in data:
                ws.append(row)
            wb.save(path)
            written = len(data) - 1
        elif tool == "xlsxwriter":
            import xlsxwriter

            wb = xlsxwriter.Workbook(path, {"constant_memory": True, "default_date_format": "yyyy-mm-dd"})
            ws = wb.add_worksheet("hours")
            for r, row in enumerate(data):
                ws.write_row(r, 0, row)
            wb.close()
            written = len(data) - 1
        seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        growth = rss_mb("VmHWM") - before
    finally:
        if os.path.exists(path):
            os.unlink(path)
        os.rmdir(directory)
    print(json.dumps({"tool": tool, "seconds": seconds, "cpu": cpu, "growth_mb": growth, "rows": written}))


def _rows_in_memory(table, queryset) -> list:
    """The rows the project's exporter writes, as plain values already in memory (header first)."""
    from django.utils import timezone

    from wulian.exports import table_export

    columns, rows = table_export(table, queryset)
    data = [[c.header for c in columns]]
    for row in rows:
        data.append([timezone.localtime(v).replace(tzinfo=None) if isinstance(v, dt.datetime) else v for v in row])
    return data


def _import_export(queryset, path) -> int:
    """The same columns through django-import-export's ModelResource and tablib, its documented way."""
    from import_export import fields, resources

    from volunteers.models import ServiceHours

    class ServiceHoursResource(resources.ModelResource):
        record = fields.Field(column_name="记录")
        date = fields.Field(attribute="activity__date", column_name="日期")
        volunteer = fields.Field(attribute="volunteer__name", column_name="志愿者")
        number = fields.Field(attribute="volunteer__volunteer_number", column_name="志愿者编号")
        hours = fields.Field(attribute="hours", column_name="时长")
        status = fields.Field(attribute="get_status_display", column_name="状态")
        source = fields.Field(attribute="get_source_display", column_name="记录方式")
        checked_in_at = fields.Field(attribute="checked_in_at", column_name="签到时间")
        checked_out_at = fields.Field(attribute="checked_out_at", column_name="签退时间")

        class Meta:
            model = ServiceHours
            fields = ("record", "date", "volunteer", "number", "hours", "status", "source", "checked_in_at",
                      "checked_out_at")

        def dehydrate_record(self, obj):
            return str(obj)

    dataset = ServiceHoursResource().export(queryset=queryset)
    with open(path, "wb") as handle:
        handle.write(dataset.export("xlsx"))
    return len(dataset)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        seed(json.loads(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_prepare":
        prepare_database()
    elif len(sys.argv) > 1 and sys.argv[1] == "_pages":
        serve_pages()
    elif len(sys.argv) > 1 and sys.argv[1] == "_export":
        export(sys.argv[2], int(sys.argv[3]))
    else:
        main()
