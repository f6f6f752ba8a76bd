"""The production stack, started from the repository's deployment files (scripts/stack.py, `make stack`), used the
way a user and an operator do: nginx over TLS and HTTP/2, two gunicorn instances, the report and default Celery
workers, beat, PostgreSQL with a streaming replica, Redis."""

from __future__ import annotations

import io
import json
import socket
import ssl
import urllib.request
import uuid

import pytest

from tests.stack_helpers import BASE, Browser, log_text, wait_until

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]

# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc0000003010100"
    "18dd8db00000000049454e44ae426082"
)


def test_the_login_page_comes_through_nginx_over_tls_and_http2(stack):
    response = Browser().get("/accounts/login/")
    assert response.status_code == 200
    assert "<title>登录" in response.text
    assert response.headers["Server"] == "nginx"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    # nginx offers HTTP/2 on the TLS port.
    context = ssl.create_default_context(cafile=str(stack.ETC / "tls" / "wulian.crt"))
    context.set_alpn_protocols(["h2", "http/1.1"])
    with socket.create_connection(("127.0.0.1", stack.HTTPS_PORT), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            assert tls.selected_alpn_protocol() == "h2"
    # Plain HTTP is sent to HTTPS; the probe /healthz answers on it.
    plain = Browser().http.get(f"http://127.0.0.1:{stack.HTTP_PORT}/accounts/login/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    health = Browser().http.get(f"http://127.0.0.1:{stack.HTTP_PORT}/healthz", timeout=10).json()
    assert health["database"] is True and health["broker"] is True and health["cache"] is True
    assert health["replica"]["ok"] is True


def test_static_files_are_served_by_nginx_compressed_and_cached(stack):
    page = Browser().get("/accounts/login/").text
    css = next(part.split('"')[0] for part in page.split('href="')[1:] if part.startswith("/static/") and ".css" in part.split('"')[0])
    response = Browser().get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    # Not through gunicorn: nginx's access log names no upstream for it.
    assert wait_until(lambda: any(
        json.loads(line)["uri"] == css and json.loads(line)["upstream"] == ""
        for line in log_text("nginx-access").splitlines()[-50:]
    ), 5)


def test_every_process_runs_its_systemd_units_command_line(stack):
    for name, (unit, instance) in stack.SERVICES.items():
        pid = stack.pid_of(name)
        assert pid is not None, f"{name} is not running"
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            running = [part.decode() for part in cmdline.read().split(b"\0") if part]
        argv, _env, _workdir = stack.unit_command(unit, instance)
        # The interpreter line of a console script comes first; the unit's own words follow in order.
        assert running[-len(argv) + 1:] == argv[1:], (name, running, argv)
        assert argv[0].endswith(("/gunicorn", "/celery"))
    # Two web instances, and a worker per queue.
    assert {n for n in stack.SERVICES if n.startswith("web-")} == {f"web-{p}" for p in stack.WEB_PORTS}
    assert "--queues reports" in " ".join(stack.unit_command(*stack.SERVICES["worker-reports"])[0])


def test_an_attachment_is_sent_by_nginx_only_after_the_scoped_check(stack):
    bureau = Browser().login("bureau")
    station = stack.psql("SELECT id FROM stations_station WHERE name = '首善街道社会工作服务站'")
    owner_type = stack.psql("SELECT id FROM django_content_type WHERE app_label = 'stations' AND model = 'station'")
    name = f"stack-{uuid.uuid4().hex[:8]}.png"
    bureau.get(f"/stations/{station}/")
    token = bureau.http.cookies.get("csrftoken")
    response = bureau.http.post(
        f"{BASE}/core/attachments/add/{owner_type}/{station}/",
        data={"csrfmiddlewaretoken": token, "kind": "photo"},
        files={"files": (name, io.BytesIO(PNG), "image/png")},
        headers={"Referer": f"{BASE}/stations/{station}/"}, allow_redirects=False, timeout=30,
    )
    assert response.status_code == 302
    attachment = stack.psql(f"SELECT id FROM wulian_attachment WHERE original_name = '{name}'")
    assert attachment
    download = bureau.get(f"/core/attachments/{attachment}/")
    assert download.status_code == 200
    assert download.content.startswith(b"\x89PNG")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Accel-Redirect" not in download.headers
    # nginx sent it: gunicorn itself only answers with the hand-over to nginx's internal location.
    stored = stack.psql(f"SELECT file FROM wulian_attachment WHERE id = {attachment}")
    assert (stack.DATA / "private" / stored).read_bytes() == download.content
    direct = bureau.http.get(
        f"http://127.0.0.1:{stack.WEB_PORTS[0]}/core/attachments/{attachment}/",
        headers={"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{stack.HTTPS_PORT}"},
        cookies={"sessionid": bureau.http.cookies.get("sessionid")}, allow_redirects=False, timeout=10,
    )
    assert direct.status_code == 200
    assert direct.headers["X-Accel-Redirect"] == f"/_private/{stored}"
    assert direct.content == b""
    # Someone outside the station's area gets the portal's 404, and the internal location is not reachable.
    assert Browser().login("hengqu").get(f"/core/attachments/{attachment}/").status_code == 404
    assert bureau.get(f"/_private/{stored}").status_code == 404


def test_a_report_runs_on_the_report_queue_with_the_request_id_in_the_worker_log(stack):
    bureau = Browser().login("bureau")
    before = int(stack.psql("SELECT COALESCE(MAX(id), 0) FROM wulian_reportjob"))
    bureau.get("/core/reports/")
    response = bureau.post("/core/reports/new/region_population/", {})
    assert response.status_code == 302
    request_id = response.headers["X-Request-ID"]
    job = int(stack.psql(f"SELECT id FROM wulian_reportjob WHERE id > {before} ORDER BY id DESC LIMIT 1"))
    assert wait_until(lambda: stack.psql(f"SELECT status FROM wulian_reportjob WHERE id = {job}") == "done", 90)
    lines = [json.loads(line) for line in log_text("worker-reports").splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == request_id]
    assert any(f"building report job {job}" in line["message"] for line in mine), mine
    assert f"report job {job}" not in log_text("worker-celery")
    # The file comes from nginx (X-Accel-Redirect to its internal /_media/) after the owner check.
    download = bureau.get(f"/core/reports/{job}/download/")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert len(download.content) > 100
    assert Browser().login("hengqu").get(f"/core/reports/{job}/download/").status_code == 404


def test_metrics_are_on_a_loopback_port_for_operators_and_not_through_nginx(stack):
    first, last = (int(p) for p in stack.METRICS_PORTS.split("-"))
    Browser().get("/accounts/login/")
    found = ""
    for port in range(first, last + 1):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
                body = response.read().decode()
        except OSError:
            continue
        if "django_http_requests_total_by_method_total" in body:
            found = body
            break
    assert found, "no gunicorn process exports django_http_ metrics"
    assert Browser().get("/metrics").status_code == 404


def test_healthz_reports_the_replica_and_its_lag(stack):
    health = Browser().get("/healthz").json()
    assert health["replica"]["ok"] is True
    assert 0 <= health["replica"]["lag_seconds"] <= 3
    assert health["disk"]["private"]["ok"] is True


def test_stack_logs_are_json_lines_with_request_ids(stack):
    response = Browser().get("/core/dashboard/")  # a redirect to the login page: logged by nginx
    request_id = response.headers["X-Request-ID"]
    assert wait_until(lambda: any(
        line.startswith("{") and json.loads(line)["request_id"] == request_id
        for line in log_text("nginx-access").splitlines()[-50:]
    ), 5)
    for line in log_text(f"web-{stack.WEB_PORTS[0]}").splitlines()[-20:]:
        if line.startswith("{"):
            assert {"ts", "level", "logger", "message"} <= set(json.loads(line))
