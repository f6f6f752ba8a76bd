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
    already = stack_module.get(f"{BASE}/healthz", timeout=3) == 200
    if not already:
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "stack.py"), "up"], capture_output=True,
                                text=True, timeout=600)
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
