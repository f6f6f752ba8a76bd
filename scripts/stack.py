#!/usr/bin/env python3
"""The production stack on this machine, from the repository's own deployment files (``make stack``).

    scripts/stack.py up       start everything under var/stack/ (kept between runs: a second `up` is quick)
    scripts/stack.py down     stop every process it started
    scripts/stack.py purge    down, then remove var/stack/
    scripts/stack.py status   which processes answer

What runs, each on loopback ports of its own (never the machine's shared PostgreSQL or Redis):
nginx (deploy/nginx/wulian.conf: TLS with a generated certificate, HTTP/2), two gunicorn instances, two Celery
workers (queue ``reports`` and queue ``celery``) and beat — started from the ``ExecStart`` lines of the systemd
units in deploy/systemd/, with their ``EnvironmentFile`` — a PostgreSQL primary and a streaming replica made with
``pg_basebackup``, and Redis. Paths of a real host (/opt/wulian, /etc/wulian, /var/lib/wulian, /var/log/wulian,
/run/wulian) and the site's ports are mapped to var/stack/ and the ports below; nothing else is rewritten.

Ports (environment variables of the same name change them): STACK_HTTPS_PORT 18443, STACK_HTTP_PORT 18080,
STACK_WEB_PORTS 18001,18002, STACK_PG_PORT 15432, STACK_REPLICA_PORT 15433, STACK_REDIS_PORT 16379,
STACK_METRICS_PORTS 19100-19139. They lie below Linux's ephemeral range (32768–60999): a port in that range is
taken, for a minute, by any outgoing connection that happened to get it (a client socket, or one in TIME_WAIT,
blocks a listener's bind even with SO_REUSEADDR), which on a busy machine made PostgreSQL or a restarted
gunicorn fail to bind now and then. `up` checks every port before it starts anything and names what holds one.

PID 1 of some containers and VMs (this machine's included) never reaps orphans: a process killed with -9 stays
a zombie, and ``kill(pid, 0)`` still succeeds on it. Every "is it running" here reads /proc (a zombie is not
running), and `up` removes the pid files of dead processes first (gunicorn, Celery, nginx and PostgreSQL each
refuse to start over a pid file whose process "answers"), so it starts cleanly after a killed run.

The drills (tests/test_stack_drills.py) import this file for ``start``/``stop`` of single parts.
"""

from __future__ import annotations

import glob
import base64
import os
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STACK = (ROOT / os.environ.get("STACK_DIR", "var/stack")).resolve()
ETC, RUN, LOG, DATA = STACK / "etc", STACK / "run", STACK / "log", STACK / "data"
HTTPS_PORT = int(os.environ.get("STACK_HTTPS_PORT", "18443"))
HTTP_PORT = int(os.environ.get("STACK_HTTP_PORT", "18080"))
WEB_PORTS = [int(p) for p in os.environ.get("STACK_WEB_PORTS", "18001,18002").split(",")]
PG_PORT = int(os.environ.get("STACK_PG_PORT", "15432"))
REPLICA_PORT = int(os.environ.get("STACK_REPLICA_PORT", "15433"))
REDIS_PORT = int(os.environ.get("STACK_REDIS_PORT", "16379"))
METRICS_PORTS = os.environ.get("STACK_METRICS_PORTS", "19100-19139")
BASE_URL = f"https://127.0.0.1:{HTTPS_PORT}"
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/wulian"
REPLICA_URL = f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/wulian"

# The units, and the instance each is started as (the %i of a template unit).
SERVICES = {
    **{f"web-{port}": ("wulian-web@.service", str(port)) for port in WEB_PORTS},
    "worker-reports": ("wulian-worker@.service", "reports"),
    "worker-celery": ("wulian-worker@.service", "celery"),
    "beat": ("wulian-beat.service", ""),
}
# A real host's folders → this stack's.
HOST_PATHS = {
    "/opt/wulian": str(ROOT),
    "/etc/wulian": str(ETC),
    "/var/lib/wulian": str(DATA),
    "/var/log/wulian": str(LOG),
    "/run/wulian": str(RUN),
}


def log(message: str) -> None:
    print(f"[stack] {message}", flush=True)


# -- the units' own command lines ------------------------------------------------------------------------------


def unit_section(path: Path) -> dict[str, str]:
    """The [Service] settings of a systemd unit file (last one wins, as in systemd)."""
    values: dict[str, str] = {}
    section = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service" and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def map_host_paths(text: str) -> str:
    for host, here in HOST_PATHS.items():
        text = text.replace(host, here)
    return text


def expand_specifiers(text: str, instance: str) -> str:
    """systemd's %i (instance), %H (host name) and %% (a percent sign)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "%" and i + 1 < len(text):
            spec = text[i + 1]
            out.append({"i": instance, "H": socket.gethostname(), "%": "%"}.get(spec, "%" + spec))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def unit_command(unit: str, instance: str) -> tuple[list[str], dict[str, str], Path]:
    """The argv, environment and working directory systemd would use for ``unit`` (instance ``instance``)."""
    service = unit_section(ROOT / "deploy" / "systemd" / unit)
    argv = shlex.split(map_host_paths(expand_specifiers(service["ExecStart"], instance)))
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TZ") if k in os.environ}
    env.update(read_env_file(Path(map_host_paths(service["EnvironmentFile"]))))
    workdir = Path(map_host_paths(service.get("WorkingDirectory", "/")))
    return argv, env, workdir


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines; none when the file is not there yet (a fresh tree: `down` or a pid check before `up`)."""
    env = {}
    if not path.exists():
        return env
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip().strip('"')
    return env


def stack_env() -> dict[str, str]:
    """The environment of the portal's processes here (what /etc/wulian/wulian.env says on a real host)."""
    return read_env_file(ETC / "wulian.env")


# -- processes -------------------------------------------------------------------------------------------------


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs. A zombie (killed, not reaped: this machine's PID 1 never reaps orphans) does
    not, though ``kill(pid, 0)`` still succeeds on it; one that is our own child is reaped here."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().rsplit(") ", 1)[1][0]
    except (OSError, IndexError, ValueError):
        return False
    if state in "ZX":
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        return False
    return True


def cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as raw:
            return [part.decode(errors="replace") for part in raw.read().split(b"\0") if part]
    except OSError:
        return []


def pid_in(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def pid_of(name: str) -> int | None:
    """The running process of one of SERVICES: its recorded pid, alive, and running that unit's command line
    (a pid file left by a killed run may name a zombie, or a number the system has since given to another)."""
    pid = pid_in(RUN / f"{name}.stackpid")
    if pid is None or not alive(pid):
        return None
    argv, _env, _workdir = unit_command(*SERVICES[name])
    return pid if cmdline(pid)[-len(argv) + 1:] == argv[1:] else None


def unit_pidfile(argv: list[str]) -> Path | None:
    """The pid file a unit's command line names (gunicorn ``--pid``, Celery ``--pidfile``)."""
    for flag in ("--pid", "--pidfile"):
        if flag in argv:
            return Path(argv[argv.index(flag) + 1])
    return None


def clear_stale_pidfile(path: Path | None) -> None:
    """Remove a pid file whose process is gone: gunicorn and Celery refuse to start over one whose pid "answers"
    (gunicorn: "Already running on PID … (or pid file … is stale)"), which a zombie does."""
    if path is not None and path.exists():
        pid = pid_in(path)
        if pid is None or not alive(pid):
            path.unlink(missing_ok=True)


def start(name: str) -> int:
    """Start one of SERVICES from its unit's ExecStart; returns its process id."""
    if (pid := pid_of(name)) is not None:
        return pid
    unit, instance = SERVICES[name]
    argv, env, workdir = unit_command(unit, instance)
    clear_stale_pidfile(unit_pidfile(argv))
    if name.startswith("web-"):
        wait_port_free(int(instance), f"gunicorn {name}")
    with open(LOG / f"{name}.log", "ab") as out:
        process = subprocess.Popen(
            argv, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    (RUN / f"{name}.stackpid").write_text(str(process.pid))
    return process.pid


def stop(name: str, sig: int = signal.SIGTERM, wait: float = 30) -> None:
    """Stop one of SERVICES (its whole process group: a gunicorn master and its workers); after a killed run,
    whatever of its group is left (workers whose master died) is killed too."""
    recorded = pid_in(RUN / f"{name}.stackpid")
    pgid = pid_of(name)
    if pgid is not None:
        _signal_group(pgid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _group_alive(pgid):
            time.sleep(0.1)
    # Whatever of the group still runs (no pid is handed out again while its group exists: these are ours).
    if recorded is not None and group_members(recorded):
        _signal_group(recorded, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _group_alive(recorded):
            time.sleep(0.1)
    (RUN / f"{name}.stackpid").unlink(missing_ok=True)
    clear_stale_pidfile(unit_pidfile(unit_command(*SERVICES[name])[0]))


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def _group_alive(pgid: int) -> bool:
    """Whether any process of the group still runs (its leader may already be a zombie while workers exit)."""
    alive(pgid)  # reaps the leader if it is our own child
    return bool(group_members(pgid))


def group_members(pgid: int) -> list[int]:
    members = []
    for stat_path in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat_path) as stat:
                fields = stat.read().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] not in "ZX":
            members.append(int(stat_path.split("/")[2]))
    return members


# -- ports -----------------------------------------------------------------------------------------------------


def port_free(port: int) -> bool:
    """Whether a listener could bind 127.0.0.1:``port`` now (as the servers do, with SO_REUSEADDR)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_sockets(port: int) -> dict[int, str]:
    """The processes with a socket on ``port`` (from /proc/net/tcp and their open files): pid → state."""
    states = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                states[fields[9]] = {"0A": "listening", "06": "TIME_WAIT"}.get(fields[3], "connected")
    holders = {}
    for pid in _all_pids() if states else ():
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in states:
                holders[pid] = states[target[8:-1]]
    return holders


def port_holder(port: int) -> str:
    holders = port_sockets(port)
    return "; ".join(f"pid {pid} ({state}: {' '.join(cmdline(pid))[:120]})" for pid, state in holders.items()) or "unknown"


def parent_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(") ", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def kill_orphaned_nginx_workers() -> None:
    """nginx workers outlive a master killed with -9 and keep its ports: those on this stack's ports whose master
    is gone are ended (another stack's nginx, with its master alive, is left alone)."""
    for port in (HTTPS_PORT, HTTP_PORT):
        for pid in port_sockets(port):
            title = " ".join(cmdline(pid))
            if title.startswith("nginx: worker") and (parent_of(pid) == 1 or not alive(parent_of(pid))):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def wait_port_free(port: int, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not port_free(port):
        if time.monotonic() > deadline:
            raise SystemExit(
                f"port {port} for {what} is taken by {port_holder(port)} — stop that (another stack? "
                f"`scripts/stack.py down` in its tree) or give this stack other ports (STACK_*_PORT, see scripts/stack.py)"
            )
        time.sleep(0.5)


def _all_pids() -> list[int]:
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit()]


# -- PostgreSQL ------------------------------------------------------------------------------------------------


def pg_bin(tool: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise SystemExit(f"PostgreSQL's {tool} is missing: run scripts/bootstrap.sh test")
    return found[-1]


def as_postgres(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


def reachable_by(user: str, path: Path) -> bool:
    """Whether ``user`` can reach ``path`` (every folder above it searchable): a clone under /root is not."""
    if os.geteuid() != 0:
        return True
    return subprocess.run(["runuser", "-u", user, "--", "test", "-x", str(path)], capture_output=True).returncode == 0


def pg_home() -> Path:
    """Where the clusters, their sockets and logs live: var/stack/pg, or — when the postgres user cannot reach
    the work tree (a clone in root's home) — a folder of this stack's own under /var/tmp."""
    home = STACK / "pg"
    marker = STACK / ".pg_home"
    if marker.exists():
        return Path(marker.read_text().strip())
    STACK.mkdir(parents=True, exist_ok=True)
    if not reachable_by("postgres", STACK):
        import hashlib

        home = Path("/var/tmp") / f"wulian-stack-{hashlib.sha1(str(STACK).encode()).hexdigest()[:10]}"
    marker.write_text(str(home))
    return home


def pg_ctl(cluster: str, action: str, *extra: str) -> subprocess.CompletedProcess:
    data = pg_home() / cluster
    log_file = pg_home() / f"{cluster}.log"
    argv = [pg_bin("pg_ctl"), "-D", str(data), "-w", "-t", "60", "-l", str(log_file), action, *extra]
    return subprocess.run(as_postgres(argv), capture_output=True, text=True)


def pg_running(cluster: str) -> bool:
    """Whether the cluster's postmaster runs (read from its postmaster.pid and /proc: ``pg_ctl status`` takes
    the zombie of a killed postmaster for a running server)."""
    pid = pid_in(pg_home() / cluster / "postmaster.pid")
    return pid is not None and alive(pid) and _cwd(pid) == (pg_home() / cluster).resolve()


def _cwd(pid: int) -> Path | None:
    try:
        return Path(os.readlink(f"/proc/{pid}/cwd")).resolve()
    except OSError:
        return None


def pg_clear_leftovers(cluster: str) -> None:
    """After a killed postmaster: kill what is left of its processes (their working directory is the cluster's),
    then remove its postmaster.pid — PostgreSQL refuses to start while the pid in it answers, as a zombie does."""
    data = (pg_home() / cluster).resolve()
    lock = data / "postmaster.pid"
    if not lock.exists() or pg_running(cluster):
        return
    deadline = time.monotonic() + 15
    while leftovers := [pid for pid in _all_pids() if alive(pid) and _cwd(pid) == data]:
        if time.monotonic() > deadline:
            raise SystemExit(f"{cluster}: processes {leftovers} of a killed server do not exit")
        for pid in leftovers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.2)
    log(f"{cluster}: removing the postmaster.pid of a server that is gone")
    lock.unlink(missing_ok=True)


def pg_pin_ports(cluster: str) -> None:
    """This stack's ports in the cluster's postgresql.auto.conf (read last, so it wins): a cluster made with
    other ports (an older tree, or STACK_PG_PORT changed) listens — and its replica streams — where `up` looks."""
    if not (pg_home() / cluster / "PG_VERSION").exists():
        return  # no cluster here (yet): writing into the folder would make initdb refuse it as not empty
    auto = pg_home() / cluster / "postgresql.auto.conf"
    keep = [line for line in auto.read_text().splitlines()
            if not line.startswith(("port ", "port=", "primary_conninfo"))] if auto.exists() else []
    keep.append(f"port = {REPLICA_PORT if cluster == 'replica' else PG_PORT}")
    if cluster == "replica":
        keep.append(f"primary_conninfo = 'host=127.0.0.1 port={PG_PORT} user=postgres application_name=replica'")
    auto.write_text("\n".join(keep) + "\n")
    _own(auto)


def pg_start(cluster: str) -> None:
    if not pg_running(cluster):
        pg_clear_leftovers(cluster)
        pg_pin_ports(cluster)
        wait_port_free(REPLICA_PORT if cluster == "replica" else PG_PORT, f"PostgreSQL {cluster}")
        result = pg_ctl(cluster, "start")
        if result.returncode != 0:
            raise SystemExit(f"{cluster} did not start: {result.stderr}\n{(pg_home() / f'{cluster}.log').read_text()[-2000:]}")


def pg_stop(cluster: str, mode: str = "fast") -> None:
    if (pg_home() / cluster / "PG_VERSION").exists():
        if pg_running(cluster):
            pg_ctl(cluster, "stop", "-m", mode)
        pg_clear_leftovers(cluster)


def psql(sql: str, port: int = PG_PORT, database: str = "wulian") -> str:
    result = subprocess.run(
        [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database, "-tAc", sql],
        capture_output=True, text=True, timeout=30,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return result.stdout.strip()


def clear_unfinished_cluster(data: Path) -> None:
    """A cluster folder without PG_VERSION is what an interrupted initdb or pg_basebackup left (or files written
    into it before one ran): both tools refuse a folder that is not empty, so it is removed — it holds no data."""
    if data.exists() and any(data.iterdir()):
        log(f"{data.name}: removing an unfinished cluster folder (no PG_VERSION): {sorted(p.name for p in data.iterdir())[:8]}")
        shutil.rmtree(data)


def run_pg_tool(what: str, argv: list[str]) -> None:
    """Run initdb or pg_basebackup as the postgres user; on failure stop with what the tool said."""
    result = subprocess.run(as_postgres(argv), capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{what} failed ({result.returncode}): {result.stderr.strip()[-2000:]}\n{result.stdout.strip()[-1000:]}")


def setup_postgres() -> None:
    home = pg_home()
    home.mkdir(parents=True, exist_ok=True)
    (home / "run").mkdir(exist_ok=True)
    _own(home)
    _own(home / "run")
    primary, replica = home / "primary", home / "replica"
    if not (primary / "PG_VERSION").exists():
        clear_unfinished_cluster(primary)
        log("initdb: the primary cluster")
        primary.mkdir(parents=True, exist_ok=True)
        _own(primary)
        run_pg_tool("initdb", [pg_bin("initdb"), "-D", str(primary), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                               "--locale=C.UTF-8"])
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write(
                f"\n# make stack\nlisten_addresses = '127.0.0.1'\nport = {PG_PORT}\n"
                f"unix_socket_directories = '{home / 'run'}'\nwal_level = replica\nmax_wal_senders = 5\n"
                "wal_keep_size = '256MB'\nhot_standby = on\nhot_standby_feedback = on\nmax_connections = 200\n"
                "jit = off\n"
            )
    pg_start("primary")
    if not psql("SELECT 1 FROM pg_database WHERE datname = 'wulian'", database="postgres"):
        psql("CREATE DATABASE wulian", database="postgres")
    if not (replica / "PG_VERSION").exists():
        clear_unfinished_cluster(replica)
        log("pg_basebackup: the streaming replica")
        replica.mkdir(parents=True, exist_ok=True)
        _own(replica)
        os.chmod(replica, 0o700)
        run_pg_tool("pg_basebackup", [pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres",
                                      "-D", str(replica), "-R", "-X", "stream", "-c", "fast"])
    pg_start("replica")


# -- Redis, TLS, nginx -----------------------------------------------------------------------------------------


def redis_cli(*args: str) -> str:
    result = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT), *args], capture_output=True,
                            text=True, timeout=10)
    return result.stdout.strip()


def redis_start() -> None:
    if redis_cli("ping") == "PONG":
        return
    (STACK / "redis").mkdir(exist_ok=True)
    wait_port_free(REDIS_PORT, "Redis")
    subprocess.run(
        ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--daemonize", "yes",
         "--pidfile", str(RUN / "redis.pid"), "--logfile", str(LOG / "redis.log"), "--dir", str(STACK / "redis"),
         "--save", "", "--appendonly", "yes"],
        check=True,
    )
    for _ in range(50):
        if redis_cli("ping") == "PONG":
            return
        time.sleep(0.1)
    raise SystemExit("Redis did not start")


def redis_stop() -> None:
    if redis_cli("ping") == "PONG":
        redis_cli("shutdown", "nosave")
        for _ in range(50):
            if redis_cli("ping") != "PONG":
                return
            time.sleep(0.1)


def make_certificate() -> None:
    tls = ETC / "tls"
    if (tls / "wulian.crt").exists():
        return
    tls.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(tls / "wulian.key"), "-out", str(tls / "wulian.crt")],
        check=True, capture_output=True,
    )
    os.chmod(tls / "wulian.key", 0o600)


def nginx_site() -> str:
    """deploy/nginx/wulian.conf with this stack's ports and folders (each mapping must apply)."""
    text = (ROOT / "deploy" / "nginx" / "wulian.conf").read_text()
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{HTTP_PORT};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{HTTPS_PORT} ssl http2;",
        "server 127.0.0.1:8001 ": f"server 127.0.0.1:{WEB_PORTS[0]} ",
        "server 127.0.0.1:8002 ": f"server 127.0.0.1:{WEB_PORTS[1]} ",
    }
    for old, new in replacements.items():
        if old not in text:
            raise SystemExit(f"deploy/nginx/wulian.conf no longer has {old!r}: update scripts/stack.py")
        text = text.replace(old, new)
    return map_host_paths(text)


def nginx_conf() -> Path:
    (STACK / "nginx").mkdir(exist_ok=True)
    site = ETC / "nginx-site.conf"
    site.write_text(nginx_site())
    conf = STACK / "nginx" / "nginx.conf"
    temp = STACK / "nginx"
    # Started as root, nginx's workers run as nobody; when nobody cannot reach the work tree (a clone in
    # root's home), they run as the tree's owner instead (this stack listens on loopback only).
    worker_user = ""
    if os.geteuid() == 0 and not reachable_by("nobody", DATA / "static"):
        worker_user = "user root;\n"
    conf.write_text(
        f"""# make stack: Debian's nginx with the repository's site (deploy/nginx/wulian.conf, mapped).
{worker_user}worker_processes 2;
pid {RUN}/nginx.pid;
error_log {LOG}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""
    )
    return conf


def nginx(*args: str) -> subprocess.CompletedProcess:
    conf = STACK / "nginx" / "nginx.conf"
    return subprocess.run(["nginx", "-c", str(conf), "-p", str(STACK / "nginx"), *args], capture_output=True, text=True)


def nginx_running() -> bool:
    pid = pid_in(RUN / "nginx.pid")
    return pid is not None and alive(pid) and "nginx" in " ".join(cmdline(pid))


# -- the whole stack -------------------------------------------------------------------------------------------


def write_env() -> None:
    path = ETC / "wulian.env"
    old = read_env_file(path) if path.exists() else {}
    secret = old.get("SECRET_KEY") or secrets.token_urlsafe(48)
    # The key personal data is encrypted with (docs/security.md): made once, kept with the stack like the secret.
    data_key = old.get("WULIAN_DATA_KEY") or base64.b64encode(secrets.token_bytes(32)).decode()
    origins = f"https://127.0.0.1:{HTTPS_PORT},https://localhost:{HTTPS_PORT}"
    lines = {
        "DEBUG": "0",
        "SECRET_KEY": secret,
        "WULIAN_DATA_KEY": data_key,
        # The drills and the load test log in by password as the demo's users; the second factor they would ask
        # the bureau for is proven on its own (tests/test_security_browser.py), never switched off on a real host.
        "WULIAN_TWO_FACTOR": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": origins,
        "DATABASE_URL": DATABASE_URL,
        "DATABASE_REPLICA_URL": REPLICA_URL,
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/1",
        "WULIAN_VAR_DIR": str(DATA),
        "MEDIA_ROOT": str(DATA / "media"),
        "STATIC_MANIFEST": "1",
        "WULIAN_REPORT_QUEUE": "reports",
        "TRUSTED_PROXIES": "127.0.0.1",
        "WULIAN_X_ACCEL_REDIRECT": "1",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
        "PROMETHEUS_EXPORT_ADDRESS": "127.0.0.1",
        "PROMETHEUS_EXPORT_PORTS": METRICS_PORTS,
        # Short enough for the replica tests to watch a session come back to the replica.
        "WULIAN_PRIMARY_AFTER_WRITE_SECONDS": os.environ.get("STACK_PRIMARY_AFTER_WRITE_SECONDS", "5"),
        "WULIAN_REPLICA_MAX_LAG_SECONDS": os.environ.get("STACK_REPLICA_MAX_LAG_SECONDS", "3"),
        "WULIAN_DEMO_PASSWORD": "wulian-demo",
    }
    path.write_text("# make stack: what /etc/wulian/wulian.env holds on a real host\n"
                    + "".join(f"{k}={v}\n" for k, v in lines.items()))
    os.chmod(path, 0o600)


def manage(*args: str) -> None:
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(stack_env())
    env["PROMETHEUS_EXPORT_PORTS"] = ""  # a one-off command exports no metrics
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def get(url: str, timeout: float = 5) -> int:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with urllib.request.urlopen(url, timeout=timeout, context=context) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if get(url, timeout=3) == 200:
            return
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer 200 within {seconds:.0f} s (logs: {LOG})")


def up() -> None:
    started = time.monotonic()
    for folder in (ETC, RUN, LOG, DATA / "static", DATA / "media", DATA / "private"):
        folder.mkdir(parents=True, exist_ok=True)
    make_certificate()
    write_env()
    setup_postgres()
    redis_start()
    marker = STACK / ".prepared"
    if not marker.exists():
        log("migrate, collectstatic, demo data")
        manage("migrate", "--noinput", "-v0")
        manage("collectstatic", "--noinput", "-v0")
        manage("load_demo", "--force")
        marker.write_text("")
    for name in SERVICES:
        start(name)
    nginx_conf()
    if not nginx_running():
        (RUN / "nginx.pid").unlink(missing_ok=True)
        kill_orphaned_nginx_workers()
        for port in (HTTPS_PORT, HTTP_PORT):
            wait_port_free(port, "nginx")
        result = nginx()
        if result.returncode != 0:
            raise SystemExit(f"nginx did not start: {result.stderr}")
    else:
        nginx("-s", "reload")  # the site as deploy/nginx/wulian.conf says now
    for port in WEB_PORTS:
        wait_for(f"http://127.0.0.1:{port}/healthz", 240)
    wait_for(f"{BASE_URL}/accounts/login/", 120)
    log(f"up in {time.monotonic() - started:.0f} s: {BASE_URL}/ (logs in {LOG})")


def down() -> None:
    if nginx_running():
        nginx("-s", "stop")
    kill_orphaned_nginx_workers()
    for name in SERVICES:
        stop(name)
    redis_stop()
    pg_stop("replica")
    pg_stop("primary")
    log("down")


def status() -> int:
    ok = True
    for name in SERVICES:
        alive = pid_of(name) is not None
        ok &= alive
        print(f"{name:16} {'running' if alive else 'stopped'}")
    for cluster in ("primary", "replica"):
        alive = (pg_home() / cluster / "PG_VERSION").exists() and pg_running(cluster)
        ok &= alive
        print(f"{cluster:16} {'running' if alive else 'stopped'}")
    print(f"{'redis':16} {'running' if redis_cli('ping') == 'PONG' else 'stopped'}")
    print(f"{'nginx':16} {'running' if nginx_running() else 'stopped'}")
    return 0 if ok else 1


def one_at_a_time():
    """An exclusive lock on this tree's stack for `up`, `down` and `purge`: two of them at once (two test processes,
    or a test beside `make stack`) would each take the other's half-made cluster for a dead server's leftovers and
    kill it — an initdb killed mid-way was the stack tests' failure on a fresh clone. The second waits its turn."""
    import fcntl

    STACK.mkdir(parents=True, exist_ok=True)
    lock = open(STACK / ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log("another up/down of this stack is running: waiting for it")
        fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "up"
    if command in ("up", "down", "purge"):
        lock = one_at_a_time()  # held until this process exits
    if command == "up":
        up()
    elif command == "down":
        down()
    elif command == "purge":
        down()
        shutil.rmtree(pg_home(), ignore_errors=True)
        shutil.rmtree(STACK, ignore_errors=True)
        del lock
    elif command == "status":
        return status()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
