"""The running production stack (scripts/stack.py) for the tests marked ``stack``: a fixture that brings it up
(and down again, when it started it), and a browser-like HTTPS client speaking to nginx."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("wulian_stack", ROOT / "scripts" / "stack.py")
stack_module = importlib.util.module_from_spec(_spec)
sys.modules["wulian_stack"] = stack_module
_spec.loader.exec_module(stack_module)

BASE = stack_module.BASE_URL
DEMO_PASSWORD = "wulian-demo"


@pytest.fixture(scope="session")
def stack():
    """The stack, up (started by `make stack` before, or here — then stopped again at the end)."""
    # Ours and whole (every process of this tree's var/stack running, and nginx answering): else `up`, which also
    # clears what a killed run left (stale pid files, zombies' locks, orphaned workers).
    already = (all(stack_module.pid_of(name) for name in stack_module.SERVICES) and stack_module.nginx_running()
               and stack_module.get(f"{BASE}/healthz", timeout=10) == 200)
    if not already:
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "stack.py"), "up"], capture_output=True,
                                text=True, timeout=1200)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    yield stack_module
    if not already:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "stack.py"), "down"], capture_output=True, timeout=300)


class Browser:
    """A user's browser against nginx over TLS (the stack's own self-signed certificate)."""

    def __init__(self):
        self.http = requests.Session()
        self.http.trust_env = False  # no proxy or CA bundle from the environment: loopback, the stack's own certificate
        self.http.verify = str(stack_module.ETC / "tls" / "wulian.crt")

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        return self.http.get(BASE + path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        token = self.http.cookies.get("csrftoken")
        if token is None:
            self.get(path)
            token = self.http.cookies.get("csrftoken")
        headers = {"Referer": BASE + path, "X-CSRFToken": token}
        return self.http.post(BASE + path, data={"csrfmiddlewaretoken": token, **data}, headers=headers, **kwargs)

    def login(self, username: str, password: str = DEMO_PASSWORD) -> "Browser":
        page = self.get("/accounts/login/")
        assert page.status_code == 200
        response = self.post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code == 302, response.text[:500]
        return self


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def wait_until(check, seconds: float, step: float = 0.3):
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


def log_text(name: str) -> str:
    path = stack_module.LOG / f"{name}.log"
    return path.read_text(errors="replace") if path.exists() else ""


# -- load while a drill happens -----------------------------------------------------------------------------------

PAGES = ("/core/regions/", "/stations/stations/", "/volunteers/people/", "/volunteers/activities/",
         "/projects/projects/", "/core/dashboard/")
UNAVAILABLE = "系统暂时不可用"


class Load:
    """Logged-in users reading list pages (GET) and one writing (POST: a new community each time), in threads,
    every answer recorded with its time: what users would have seen while a drill happened."""

    def __init__(self, stack, readers: int = 3, writer: bool = True, tag: str = "drill"):
        import threading

        self.stack = stack
        self.stop_flag = threading.Event()
        self.lock = threading.Lock()
        # (t, path, status, seconds, unavailable page, reader)
        self.gets: list[tuple[float, str, int, float, bool, int]] = []
        self.posts: list[tuple[float, str, int, bool]] = []  # (t, community name, status, unavailable page)
        self.tag = tag
        self.started = time.monotonic()
        # One account per thread: a second login of an account ends its first session (WULIAN_SINGLE_SESSION).
        # The writer is the bureau; drills that log in as the bureau beside a Load use no other account.
        users = ["shoushan", "leader", "hengqu", "tianjiaan"]
        self.readers = readers
        self.threads = [threading.Thread(target=self._read, args=(users[i % len(users)], i), daemon=True)
                        for i in range(readers)]
        if writer:
            self.threads.append(threading.Thread(target=self._write, daemon=True))
        self.town = stack.psql("SELECT id FROM wulian_region WHERE name = '首善街道'")

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        # Warm: every reader logged in and reading (logging in takes seconds on a busy machine).
        wait_until(lambda: len({g[5] for g in self.gets}) >= self.readers, 60, step=0.2)
        return self

    def __exit__(self, *exc):
        self.stop_flag.set()
        for thread in self.threads:
            thread.join(60)

    def now(self) -> float:
        return time.monotonic() - self.started

    def _read(self, username: str, offset: int):
        t = self.now()
        try:
            browser = Browser().login(username)
        except (AssertionError, requests.RequestException):
            # A login that failed is a user-visible error too (its GET of the login page counts).
            with self.lock:
                self.gets.append((t, "/accounts/login/", 0, self.now() - t, False, offset))
            return
        i = offset
        while not self.stop_flag.is_set():
            path = PAGES[i % len(PAGES)]
            i += 1
            t = self.now()
            try:
                response = browser.get(path)
                status, text = response.status_code, response.text
            except requests.exceptions.ChunkedEncodingError:
                status, text = CUT, ""  # the answer's head came, its body was cut (the instance died sending it)
            except requests.RequestException:
                status, text = 0, ""
            with self.lock:
                self.gets.append((t, path, status, self.now() - t, UNAVAILABLE in text, offset))
            time.sleep(0.05)

    def _write(self):
        try:
            browser = Browser().login("bureau")
        except (AssertionError, requests.RequestException):
            with self.lock:
                self.posts.append((self.now(), "login", 0, False))
            return
        browser.get("/core/regions/add/")
        i = 0
        while not self.stop_flag.is_set():
            i += 1
            name = f"{self.tag}{i:04d}"
            t = self.now()
            try:
                response = browser.post("/core/regions/add/", {
                    "name": name, "level": "5", "kind": "urban", "population": "100", "parent": self.town, "code": "",
                })
                status, text = response.status_code, response.text
                if status == 302 and "/accounts/login/" in response.headers.get("Location", ""):
                    status = 401  # the session was lost: not a commit
            except requests.RequestException:
                status, text = 0, ""
            with self.lock:
                self.posts.append((t, name, status, UNAVAILABLE in text))
            time.sleep(0.2)

    def rows_written(self) -> dict[str, int]:
        """How many communities each POST's name has in the database now."""
        out = self.stack.psql(f"SELECT name, COUNT(*) FROM wulian_region WHERE name LIKE '{self.tag}%' GROUP BY name")
        return {name: int(count) for name, count in (line.split("|") for line in out.splitlines() if line)}

    def summary(self) -> dict:
        gets = [g for g in self.gets]
        seconds = sorted(g[3] for g in gets) or [0]
        return {
            "gets": len(gets),
            "get_errors": sum(1 for g in gets if g[2] != 200),
            "get_p95_ms": round(seconds[int(len(seconds) * 0.95) - 1 if len(seconds) > 1 else 0] * 1000),
            "get_max_ms": round(seconds[-1] * 1000),
            "posts": len(self.posts),
            "posts_committed": sum(1 for p in self.posts if p[2] == 302),
        }


# The status recorded for an answer whose head came and whose body was cut: the instance sending it was killed. nginx
# passes an answer's head to the browser before its body, and retries on the other instance only what it has passed
# nothing of, so no proxy can take such an answer back; each of the killed instance's workers can be sending one.
CUT = -1


def burst(browser: Browser, paths: list[str], sending: list | None = None) -> tuple[list, list]:
    """Sends the GETs of ``paths`` at once, each on its own connection with ``browser``'s session; returns the
    threads (to join) and the list they fill with (path, status, request id, unavailable page). ``sending``, if
    given, gets one entry as each thread starts its request (a drill waits for all of them before it strikes: on a
    machine busy with the rest of the suite, starting eight threads and sessions can take longer than the strike's
    delay)."""
    import threading

    answers: list[tuple[str, int, str, bool]] = []

    def one(path):
        client = Browser()
        client.http.cookies.update(browser.http.cookies)
        if sending is not None:
            sending.append(path)
        try:
            response = client.get(path, timeout=120)
            answers.append((path, response.status_code, response.headers.get("X-Request-ID", ""), UNAVAILABLE in response.text))
        except requests.exceptions.ChunkedEncodingError as exc:
            answers.append((path, CUT, repr(exc), False))
        except requests.RequestException as exc:
            answers.append((path, 0, repr(exc), False))

    threads = [threading.Thread(target=one, args=(path,), daemon=True) for path in paths]
    for thread in threads:
        thread.start()
    return threads, answers


def nginx_log_of(request_ids: set[str]) -> list[dict]:
    """nginx's access log lines of these requests (JSON lines: status, upstream addresses tried, …)."""
    import json

    lines = [json.loads(line) for line in log_text("nginx-access").splitlines() if line.startswith("{")]
    return [line for line in lines if line["request_id"] in request_ids]
