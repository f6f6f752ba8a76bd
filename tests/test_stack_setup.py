"""What made `scripts/stack.py up` fail on a busy machine and after a killed run, each checked without the stack
(in the ordinary suite): its ports lie outside the range the kernel hands to outgoing connections, a killed
process that nobody reaped does not count as running, and a pid file it left is removed before a start."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

from tests.stack_helpers import stack_module as stack


def ephemeral_range() -> tuple[int, int]:
    low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
    return int(low), int(high)


def stack_ports() -> list[int]:
    first, last = (int(p) for p in stack.METRICS_PORTS.split("-"))
    return [stack.HTTPS_PORT, stack.HTTP_PORT, *stack.WEB_PORTS, stack.PG_PORT, stack.REPLICA_PORT, stack.REDIS_PORT,
            *range(first, last + 1)]


def test_the_stacks_ports_are_distinct_and_outside_the_ephemeral_range():
    low, high = ephemeral_range()
    ports = stack_ports()
    assert len(set(ports)) == len(ports)
    inside = [port for port in ports if low <= port <= high]
    assert inside == [], f"ports {inside} lie in {low}-{high}: any outgoing connection may hold them"


def test_a_client_socket_on_a_port_blocks_a_listener_which_up_detects():
    # Why the ports moved: an outgoing connection's local port cannot be bound by a server (SO_REUSEADDR or not).
    server = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(server.getsockname())
    try:
        port = client.getsockname()[1]
        assert stack.port_free(port) is False
        assert "connected" in stack.port_holder(port)
    finally:
        client.close()
        server.close()


def test_a_killed_unreaped_process_is_not_running_and_its_pid_file_is_cleared(tmp_path):
    # An orphan killed with -9: a zombie until PID 1 reaps it (this machine's never does); kill(pid, 0) succeeds.
    child = subprocess.Popen(["sleep", "60"])
    try:
        pidfile = tmp_path / "web-1.pid"
        pidfile.write_text(f"{child.pid}\n")
        stack.clear_stale_pidfile(pidfile)
        assert pidfile.exists(), "a running process's pid file was removed"
        assert stack.alive(child.pid)
        child.send_signal(signal.SIGKILL)
        time.sleep(0.3)
        with open(f"/proc/{child.pid}/stat") as stat:
            assert stat.read().rsplit(") ", 1)[1][0] == "Z"  # not reaped yet: the state gunicorn was fooled by
        assert stack.alive(child.pid) is False
        pidfile.write_text(f"{child.pid}\n")
        stack.clear_stale_pidfile(pidfile)
        assert not pidfile.exists()
    finally:
        child.kill()
        child.wait()


def test_the_unit_pid_files_are_found_in_the_units_command_lines():
    for name, (unit, instance) in stack.SERVICES.items():
        argv = stack.unit_command(unit, instance)[0]
        pidfile = stack.unit_pidfile(argv)
        assert pidfile is not None and pidfile.parent == stack.RUN, name


def test_ports_are_not_pinned_into_a_folder_without_a_cluster(tmp_path, monkeypatch):
    # initdb refuses a folder that is not empty: a postgresql.auto.conf written before it ran would stop `up`.
    monkeypatch.setattr(stack, "pg_home", lambda: tmp_path)
    (tmp_path / "primary").mkdir()
    stack.pg_pin_ports("primary")
    assert list((tmp_path / "primary").iterdir()) == []
    (tmp_path / "primary" / "PG_VERSION").write_text("15\n")
    stack.pg_pin_ports("primary")
    assert f"port = {stack.PG_PORT}" in (tmp_path / "primary" / "postgresql.auto.conf").read_text()


def test_an_unfinished_cluster_folder_is_cleared_before_initdb(tmp_path):
    unfinished = tmp_path / "primary"
    unfinished.mkdir()
    (unfinished / "postgresql.auto.conf").write_text("port = 15432\n")
    (unfinished / "base").mkdir()
    stack.clear_unfinished_cluster(unfinished)
    assert not unfinished.exists()
    stack.clear_unfinished_cluster(unfinished)  # nothing there: nothing to do


def test_two_ups_of_one_stack_take_turns(tmp_path):
    # Two `up`s at once each took the other's half-made cluster for a dead server's leftovers and killed its initdb.
    import os
    import sys

    code = (
        "import importlib.util, sys, time\n"
        f"spec = importlib.util.spec_from_file_location('s', {str(stack.ROOT / 'scripts' / 'stack.py')!r})\n"
        "s = importlib.util.module_from_spec(spec); spec.loader.exec_module(s)\n"
        "lock = s.one_at_a_time(); print(time.time(), flush=True); time.sleep(1.5)\n"
    )
    env = dict(os.environ, STACK_DIR=str(tmp_path))
    first = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
    first_got = float(first.stdout.readline())
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30)
    first.wait(timeout=30)
    second_got = float(second.stdout.split()[-1])
    assert second_got - first_got >= 1.4, "the second took the lock while the first held it"
    assert "waiting for it" in second.stdout + second.stderr
