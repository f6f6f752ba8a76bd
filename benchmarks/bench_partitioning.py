"""Should the hours table be partitioned by year at province scale? Figures on PostgreSQL (``make bench-partitioning``).

    .venv/bin/python benchmarks/bench_partitioning.py [--rows 10000000] [--years 5] [--rounds 5] [--keep]

Builds, in a database of its own (``wulian_bench_partitioning``), two copies of the same synthetic service-hours
rows — the columns the portal's hour table has, plus the activity's date (the portal's table has no date of its
own: a partition key would have to be copied there first) — one plain table and one partitioned by year
(``PARTITION BY RANGE (date)``), with the same indexes: (region, date, id) and (volunteer). A province: 9,000
communities, 1,000,000 volunteers, the rows spread evenly over ``--years`` years ending with 2025.

Then, rounds interleaved between the two tables (so both see the same machine load), the median of each query:

- the yearly aggregate the summary refresh computes for the dashboard (hours and volunteers per region, one year);
- the same over all years (what a table partitioned by year cannot prune);
- the hours list page: the 25 newest rows of a town's communities, and its count (the paginator's);
- the list page filtered to one year, and its count;
- one volunteer's hours (their page, across years);
- removing the oldest year: DELETE against DETACH + DROP of its partition (once, at the end).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import psycopg2

PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DB = "wulian_bench_partitioning"
COMMUNITIES, VOLUNTEERS, LAST_YEAR = 9_000, 1_000_000, 2025

COLUMNS = """
    id bigint NOT NULL,
    activity_id bigint NOT NULL,
    region_id integer NOT NULL,
    volunteer_id integer NOT NULL,
    hours numeric(5, 2),
    status varchar(10) NOT NULL,
    source varchar(10) NOT NULL,
    checked_in_at timestamptz,
    date date NOT NULL
"""


def connect(database: str):
    conn = psycopg2.connect(f"{PG}/{database}")
    conn.autocommit = True
    return conn


def build(cursor, rows: int, years: int) -> dict:
    first = LAST_YEAR - years + 1
    timings = {}
    cursor.execute("SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET jit = off")
    cursor.execute("DROP TABLE IF EXISTS hours_plain, hours_by_year CASCADE")
    cursor.execute(f"CREATE TABLE hours_plain ({COLUMNS}, PRIMARY KEY (id))")
    cursor.execute(f"CREATE TABLE hours_by_year ({COLUMNS}, PRIMARY KEY (id, date)) PARTITION BY RANGE (date)")
    for year in range(first, LAST_YEAR + 1):
        cursor.execute(f"CREATE TABLE hours_by_year_{year} PARTITION OF hours_by_year "
                       f"FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')")
    # 25 volunteers per activity, an activity per community every few days, rows in date order as they come.
    select = f"""
        SELECT g, g / 25, ((g / 25) % {COMMUNITIES} + 1)::int, ((g * 7919) % {VOLUNTEERS} + 1)::int,
               (1 + g % 8) * 0.5, CASE WHEN g % 20 = 0 THEN 'pending' ELSE 'confirmed' END,
               CASE WHEN g % 3 = 0 THEN 'checkin' ELSE 'staff' END,
               DATE '{first}-01-01' + (g::bigint * {years * 365} / {rows})::int + TIME '09:00',
               DATE '{first}-01-01' + (g::bigint * {years * 365} / {rows})::int
        FROM generate_series(1::bigint, {rows}) g"""
    for table in ("hours_plain", "hours_by_year"):
        t0 = time.monotonic()
        cursor.execute(f"INSERT INTO {table} {select}")
        cursor.execute(f"CREATE INDEX ON {table} (region_id, date DESC, id DESC)")
        cursor.execute(f"CREATE INDEX ON {table} (volunteer_id)")
        cursor.execute(f"CREATE INDEX ON {table} (date)")
        cursor.execute(f"VACUUM ANALYZE {table}")
        timings[table] = time.monotonic() - t0
    return timings


def queries(years: int) -> dict[str, str]:
    year = LAST_YEAR - 1  # a full past year
    town = "region_id BETWEEN 1001 AND 1100"  # a town: 100 of the province's communities
    in_year = f"date >= '{year}-01-01' AND date < '{year + 1}-01-01'"
    return {
        "yearly aggregate per region (one year)": (
            f"SELECT region_id, SUM(hours), COUNT(DISTINCT volunteer_id) FROM {{t}} "
            f"WHERE status = 'confirmed' AND {in_year} GROUP BY region_id"),
        "aggregate per region and year (all years)": (
            "SELECT region_id, date_trunc('year', date), SUM(hours) FROM {t} WHERE status = 'confirmed' "
            "GROUP BY 1, 2"),
        "list page: 25 newest of a town": f"SELECT * FROM {{t}} WHERE {town} ORDER BY date DESC, id DESC LIMIT 25",
        "list count: a town": f"SELECT COUNT(*) FROM {{t}} WHERE {town}",
        "list page: a town in one year": (
            f"SELECT * FROM {{t}} WHERE {town} AND {in_year} ORDER BY date DESC, id DESC LIMIT 25"),
        "list count: a town in one year": f"SELECT COUNT(*) FROM {{t}} WHERE {town} AND {in_year}",
        "list page: whole province, deep page 400": (
            "SELECT * FROM {t} ORDER BY date DESC, id DESC LIMIT 25 OFFSET 10000"),
        "one volunteer's hours": "SELECT * FROM {t} WHERE volunteer_id = 4242 ORDER BY date DESC",
    }


def measure(cursor, rounds: int, years: int) -> dict:
    results: dict = {}
    cursor.execute("SET jit = off")
    for label, sql in queries(years).items():  # warm-up
        for table in ("hours_plain", "hours_by_year"):
            cursor.execute(sql.format(t=table))
            cursor.fetchall()
    for _ in range(rounds):
        for label, sql in queries(years).items():
            for table in ("hours_plain", "hours_by_year"):
                t0 = time.monotonic()
                cursor.execute(sql.format(t=table))
                cursor.fetchall()
                results.setdefault(label, {}).setdefault(table, []).append((time.monotonic() - t0) * 1000)
    return {label: {table: statistics.median(times) for table, times in tables.items()}
            for label, tables in results.items()}


def drop_oldest_year(cursor, years: int) -> dict:
    oldest = LAST_YEAR - years + 1
    out = {}
    t0 = time.monotonic()
    cursor.execute(f"DELETE FROM hours_plain WHERE date < '{oldest + 1}-01-01'")
    out["DELETE a year (plain)"] = (time.monotonic() - t0) * 1000
    t0 = time.monotonic()
    cursor.execute(f"ALTER TABLE hours_by_year DETACH PARTITION hours_by_year_{oldest}")
    cursor.execute(f"DROP TABLE hours_by_year_{oldest}")
    out["DETACH + DROP a year (partitioned)"] = (time.monotonic() - t0) * 1000
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database (default: dropped at the end)")
    parser.add_argument("--reuse", action="store_true", help="measure the tables a --keep run left")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{args.rows:,} hour rows over {args.years} years; {os.cpu_count()} cores, load average {load[0]:.1f}")
    admin = connect("postgres")
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{DB}"')
    conn = connect(DB)
    with conn.cursor() as cursor:
        if not args.reuse:
            for table, seconds in build(cursor, args.rows, args.years).items():
                print(f"  {table}: loaded, indexed and analysed in {seconds:.0f} s")
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('hours_plain')), "
                       "(SELECT pg_size_pretty(SUM(pg_total_relation_size(inhrelid))) FROM pg_inherits "
                       "WHERE inhparent = 'hours_by_year'::regclass)")
        plain_size, partitioned_size = cursor.fetchone()
        print(f"  size with indexes: plain {plain_size}, partitioned {partitioned_size}")
        results = measure(cursor, args.rounds, args.years)
        print(f"\n{'query (median of ' + str(args.rounds) + ' rounds, ms)':48} {'plain':>9} {'by year':>9} {'ratio':>6}")
        for label, times in results.items():
            plain, by_year = times["hours_plain"], times["hours_by_year"]
            print(f"{label:48} {plain:9.1f} {by_year:9.1f} {by_year / plain:5.2f}×")
        for label, ms in drop_oldest_year(cursor, args.years).items():
            print(f"{label:48} {ms:9.0f} ms")
    conn.close()
    if not args.keep:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{DB}"')
    admin.close()
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.1f} (busy machine: the ratios hold better than the times)")


if __name__ == "__main__":
    main()
