"""Production mode: hashed static files served by the portal itself, security headers, no CDN."""

import json
import re
from pathlib import Path

from tests.test_settings import PRODUCTION_ENV, ROOT, run_python

MANAGE = "from django.core.management import execute_from_command_line as e; e(['manage.py', {args}])"


def test_collectstatic_builds_hashed_files_and_pages_link_them(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_MANIFEST": "1", "WULIAN_VAR_DIR": str(tmp_path), "ALLOWED_HOSTS": "testserver",
           "SECURE_SSL_REDIRECT": "0"}
    result = run_python(MANAGE.format(args="'collectstatic', '--noinput', '-v0'"), **env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    for asset in (
        "vendor/bootstrap/bootstrap.min.css",
        "vendor/bootstrap/bootstrap.bundle.min.js",
        "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
        "vendor/htmx/htmx.min.js",
        "vendor/echarts/echarts.min.js",
        "js/wulian.js",
    ):
        assert asset in manifest, asset
        assert (tmp_path / "static" / manifest[asset]).exists()
    assert (tmp_path / "static" / (manifest["vendor/bootstrap/bootstrap.min.css"] + ".gz")).exists()
    page = run_python(
        "import django; django.setup(); from django.test import Client; r = Client().get('/accounts/login/'); "
        "print(r.status_code); print(r.content.decode())",
        **env,
    )
    assert page.returncode == 0, page.stderr
    status, body = page.stdout.split("\n", 1)
    assert status == "200"
    assert "/static/" + manifest["vendor/bootstrap/bootstrap.min.css"] in body


def test_pages_carry_a_strict_script_policy_and_no_framing(client, db):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_template_or_script_loads_anything_from_the_internet():
    offenders = []
    for folder in ("templates", "wulian", "stations", "organizations", "volunteers", "projects", "funding", "static/js", "static/css"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".html", ".js", ".css"} and path.is_file():
                text = path.read_text(encoding="utf-8", errors="ignore")
                if re.search(r"""(src|href)=["']https?://""", text) or re.search(r"url\(\s*['\"]?https?://", text):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_no_template_has_an_inline_script():
    offenders = []
    for path in Path(ROOT).glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == []
