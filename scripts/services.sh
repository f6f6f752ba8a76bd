#!/usr/bin/env bash
# Make sure PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379) answer.
# Starts them when installed but stopped; installs them from Debian when absent and we are root.
# Fails loudly: the test suite never runs without its real services.
set -uo pipefail

pg_ok() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_ok() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

if ! pg_ok; then
  if ! command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    ver=$(ls /etc/postgresql | head -1)
    echo "host all all 127.0.0.1/32 trust" > /tmp/pg_hba_wulian
    cat /tmp/pg_hba_wulian "/etc/postgresql/$ver/main/pg_hba.conf" > /tmp/pg_hba_new && cp /tmp/pg_hba_new "/etc/postgresql/$ver/main/pg_hba.conf"
  fi
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start 2>/dev/null || true
    for _ in $(seq 20); do pg_ok && break; sleep 0.5; done
  fi
fi
if ! redis_ok; then
  if ! command -v redis-server >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  if command -v redis-server >/dev/null; then
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp >/dev/null 2>&1 || true
    for _ in $(seq 20); do redis_ok && break; sleep 0.5; done
  fi
fi

pg_ok || { echo "PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }
redis_ok || { echo "Redis does not answer on 127.0.0.1:6379" >&2; exit 1; }
# The database named by the test DATABASE_URL (pytest creates test_<name> beside it).
if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='wulian'" | grep -q 1; then
  createdb -h 127.0.0.1 -U postgres wulian
fi
echo "PostgreSQL and Redis answer."
