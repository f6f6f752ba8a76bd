"""A county's busy day against the stack (`make loadtest`, benchmarks/loadtest.py): staff of every role reading
lists, details, forms, the dashboard and attainment, and asking for reports; and a 重阳节 burst — 200 volunteers
checking in at one activity within a minute. Loopback only: the host is the stack's nginx on 127.0.0.1."""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, constant_pacing, events, task
from locust.exception import StopUser

DATA = json.loads(open(os.environ["LOADTEST_DATA"]).read())
CERT = os.environ["LOADTEST_CERT"]
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "wulian-demo")
BURST_USERS = 20
THINK = tuple(float(x) for x in os.environ.get("LOADTEST_THINK", "5,15").split(","))
CHECKED_IN = "签到成功"
_volunteers = list(DATA["volunteers"])
_accounts: dict[str, itertools.count] = {}


@events.test_start.add_listener
def _loopback_only(environment, **kwargs):
    host = environment.host or ""
    assert host.startswith(("https://127.0.0.1:", "https://localhost:")), f"loopback only, not {host}"


class Staff(HttpUser):
    """Staff of the county: each logs in once and works through pages like a person reading them (5–15 s between
    clicks; LOADTEST_THINK="1,3" for a harsher day)."""

    abstract = True
    username = "bureau"
    wait_time = between(*THINK)

    def on_start(self):
        # An account of its own (benchmarks/loadtest_seed.py clones each role's demo user): one session each.
        account = f"{self.username}-lt{next(_accounts.setdefault(self.username, itertools.count(1))):02d}"
        self.client.verify = CERT
        self.client.get("/accounts/login/", name="login page")
        token = self.client.cookies.get("csrftoken")
        with self.client.post(
            "/accounts/login/",
            {"username": account, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="login", allow_redirects=False, catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}: not logged in as {account}")

    def page(self, path, name=None):
        with self.client.get(path, name=name or path, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    def pages(self, kind):
        return DATA["pages"][self.username][kind]

    @task(3)
    def lists(self):
        if self.pages("lists"):
            self.page(random.choice(self.pages("lists")))

    @task(2)
    def details(self):
        if self.pages("details"):
            path = random.choice(self.pages("details"))
            self.page(path, name=path.rsplit("/", 2)[0] + "/[id]/")

    @task(1)
    def forms(self):
        if self.pages("forms"):
            self.page(random.choice(self.pages("forms")))

    @task(1)
    def home(self):
        self.page("/", name="home")


class Bureau(Staff):
    weight = 2
    username = "bureau"

    @task(2)
    def dashboard(self):
        self.page("/core/dashboard/")

    @task(1)
    def attainment(self):
        self.page("/core/targets/attainment/")

    @task(1)
    def report(self):
        self.client.get("/core/reports/", name="/core/reports/")
        token = self.client.cookies.get("csrftoken")
        with self.client.post("/core/reports/new/region_population/", {"csrfmiddlewaretoken": token},
                              headers={"Referer": self.host + "/core/reports/"}, name="report request",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")


class Leader(Staff):
    weight = 1
    username = "leader"

    @task(4)
    def dashboard(self):
        for path in self.pages("dashboard")[:1]:
            self.page(path)

    @task(2)
    def attainment(self):
        for path in self.pages("dashboard")[1:]:
            self.page(path)


class Town(Staff):
    weight = 3
    username = "shoushan"


class TownHengqu(Staff):
    weight = 2
    username = "hengqu"


class Community(Staff):
    weight = 3
    username = "binhe"


class Agency(Staff):
    weight = 1
    username = "agency"


class Volunteer(HttpUser):
    """The 重阳节 burst: 20 phones at the activity's QR code, 10 volunteers each, 200 check-ins in about a minute."""

    fixed_count = BURST_USERS
    wait_time = constant_pacing(6)  # one volunteer every 6 s per phone: 200 in a minute

    def on_start(self):
        self.client.verify = CERT
        self.path = f"/volunteers/check-in/{DATA['activity_token']}/"

    @task
    def check_in(self):
        if not _volunteers:
            raise StopUser()
        phone, birthday = _volunteers.pop()
        self.client.get(self.path, name="check-in page")
        token = self.client.cookies.get("csrftoken")
        with self.client.post(self.path, {"csrfmiddlewaretoken": token, "phone": phone,
                                          "birth_mmdd": birthday, "action": "check_in"},
                              headers={"Referer": self.host + self.path}, name="check-in",
                              catch_response=True) as response:
            if response.status_code != 200 or CHECKED_IN not in response.text:
                response.failure(f"{response.status_code}: not checked in")
