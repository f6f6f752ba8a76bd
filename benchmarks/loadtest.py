"""``make loadtest``: the busy-day locust scenario (benchmarks/locustfile.py) against the running stack.

    .venv/bin/python benchmarks/loadtest.py [--users 50] [--minutes 2]

Brings the stack up if it is not (scripts/stack.py), seeds a 重阳节 activity and its 200 volunteers
(benchmarks/loadtest_seed.py), runs locust headless — the staff users plus the burst's 20 phones — and prints
requests per second, p50/p95/p99 per page and the errors, then a verdict against the goal: 0 errors and
p95 ≤ 500 ms for pages. Loopback only.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("wulian_stack", ROOT / "scripts" / "stack.py")
stack = importlib.util.module_from_spec(spec)
spec.loader.exec_module(stack)

GOAL_P95_MS = 500
BURST = 20  # the locustfile's check-in phones (fixed_count)


USERS = ("bureau", "leader", "shoushan", "hengqu", "binhe", "agency")
LISTS = ["/core/regions/", "/stations/stations/", "/volunteers/people/", "/volunteers/activities/",
         "/projects/projects/", "/volunteers/hours/"]
FORMS = ["/volunteers/activities/add/", "/stations/activities/add/"]
DASHBOARD = ["/core/dashboard/", "/core/targets/attainment/"]


def probe_pages(data_path: Path) -> None:
    """Which pages each demo user may open (a role sees its own area's records): the scenario clicks only those,
    so every error it counts is the portal's, not the scenario's."""
    import json

    import requests

    data = json.loads(data_path.read_text())
    pages = {}
    for username in USERS:
        http = requests.Session()
        http.trust_env = False
        http.verify = str(stack.ETC / "tls" / "wulian.crt")
        http.get(stack.BASE_URL + "/accounts/login/")
        http.post(stack.BASE_URL + "/accounts/login/", data={
            "username": username, "password": "wulian-demo", "csrfmiddlewaretoken": http.cookies.get("csrftoken"),
        }, headers={"Referer": stack.BASE_URL + "/accounts/login/"})
        candidates = [(p, "lists") for p in LISTS] + [(p, "forms") for p in FORMS] + [(p, "dashboard") for p in DASHBOARD]
        candidates += [(f"/stations/stations/{pk}/", "details") for pk in data["stations"][:12]]
        candidates += [(f"/volunteers/activities/{pk}/", "details") for pk in data["activities"][:12]]
        allowed: dict[str, list[str]] = {"lists": [], "forms": [], "dashboard": [], "details": []}
        for path, kind in candidates:
            if http.get(stack.BASE_URL + path, allow_redirects=False).status_code == 200:
                allowed[kind].append(path)
        pages[username] = allowed
    data["pages"] = pages
    data_path.write_text(json.dumps(data))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="staff users (the burst's phones come on top)")
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--think", default="5,15", help="seconds between a staff user's clicks, min,max")
    parser.add_argument("--spawn-rate", type=float, default=1.0,
                        help="users started per second: a county's staff log in over a minute, not in the same five "
                             "seconds (each login hashes a password, about 0.5 s of a core); the run lasts the ramp "
                             "plus --minutes")
    args = parser.parse_args()

    running = (all(stack.pid_of(name) for name in stack.SERVICES) and stack.nginx_running()
               and stack.get(f"{stack.BASE_URL}/healthz", timeout=10) == 200)
    if not running:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "stack.py"), "up"], check=True)
    try:
        return run(args)
    finally:
        if not running:  # started here: stopped here
            subprocess.run([sys.executable, str(ROOT / "scripts" / "stack.py"), "down"], check=False)


def run(args) -> int:
    data = stack.STACK / "loadtest.json"
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(stack.stack_env(), DJANGO_SETTINGS_MODULE="wulian.settings", PROMETHEUS_EXPORT_PORTS="",
               PYTHONPATH=str(ROOT))
    subprocess.run([str(ROOT / ".venv/bin/python"), str(ROOT / "benchmarks/loadtest_seed.py"), str(data)],
                   check=True, env=env, cwd=ROOT)

    probe_pages(data)
    prefix = stack.STACK / "loadtest"
    load_before = os.getloadavg()[0]
    started = time.time()
    ramp = (args.users + BURST) / args.spawn_rate
    locust_env = dict(os.environ, LOADTEST_DATA=str(data), LOADTEST_CERT=str(stack.ETC / "tls" / "wulian.crt"),
                      LOADTEST_THINK=args.think)
    subprocess.run(
        [str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "benchmarks/locustfile.py"), "--headless",
         "--host", stack.BASE_URL, "-u", str(args.users + BURST), "-r", str(args.spawn_rate),
         "-t", f"{int(ramp + args.minutes * 60)}s",
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"],
        env=locust_env, cwd=ROOT, check=True,
    )
    elapsed = time.time() - started
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv")))
    print(f"\nwulian load test: {args.users} staff users (think {args.think} s, {args.spawn_rate:g} started per second) "
          f"+ {BURST} check-in phones, {elapsed:.0f} s, "
          f"machine load {load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'page':38} {'requests':>8} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6}")
    verdict_ok = True
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        p95 = float(row["95%"] or 0)
        print(f"{name[:38]:38} {row['Request Count']:>8} {float(row['Requests/s']):6.1f} {row['50%']:>6} "
              f"{row['95%']:>6} {row['99%']:>6} {row['Failure Count']:>6}")
        if name != "ALL" and name not in ("report request", "login", "check-in") and p95 > GOAL_P95_MS:
            verdict_ok = False
    total = next(r for r in rows if r["Name"] == "Aggregated")
    for failure in failures:
        print(f"  error: {failure['Method']} {failure['Name']}: {failure['Error']} ×{failure['Occurrences']}")
    checkins = stack.psql(
        "SELECT COUNT(*), EXTRACT(EPOCH FROM MAX(checked_in_at) - MIN(checked_in_at)) FROM volunteers_servicehours h "
        "JOIN volunteers_volunteeractivity a ON a.id = h.activity_id WHERE a.token = "
        f"'{__import__('json').loads(data.read_text())['activity_token']}'"
    )
    count, spread = checkins.split("|")
    print(f"重阳节 burst: {count} check-ins recorded within {float(spread or 0):.0f} s")
    errors = int(total["Failure Count"])
    print(f"verdict: errors {errors} (goal 0) — {'met' if errors == 0 else 'NOT met'}; "
          f"page p95 ≤ {GOAL_P95_MS} ms — {'met' if verdict_ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
