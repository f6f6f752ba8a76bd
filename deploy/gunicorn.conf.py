"""gunicorn settings of the portal (the web units' ExecStart names this file; the bind address is the unit's).

Sync workers: every page is a few short queries; slow work (reports, large exports) is on the Celery workers.
nginx in front writes the access log (JSON lines) and retries an idempotent GET on the other instance when
this one dies, so workers may be restarted at any time.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (memory held by a large export goes back to the system).
max_requests = 2000
max_requests_jitter = 200
# Only the reverse proxy's X-Forwarded-* headers are believed.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1")
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "wulian-web"
