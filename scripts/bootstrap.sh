#!/usr/bin/env bash
# Install what wulian needs on a Debian machine: system packages, then the Python venv.
#   scripts/bootstrap.sh run    packages to serve the portal (fonts, gettext, Pango for PDFs)
#   scripts/bootstrap.sh test   also Chromium (browser tests), poppler-utils (reading PDFs) and docker-compose
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
PYTHON=${PYTHON:-python3}
packages=(fonts-noto-cjk gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if [ "$mode" = test ]; then
  # docker-compose (1.29) validates docker-compose.yml in the suite without a Docker engine.
  packages+=(chromium poppler-utils docker-compose)
  # The production stack of `make stack` (tests/test_stack.py): nginx in front, its own PostgreSQL pair and Redis.
  packages+=(nginx openssl postgresql redis-server)
  # npm installs axe-core (package.json), which the browser tests inject to check accessibility.
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages (run as root or install them): ${missing[*]}" >&2
    exit 1
  fi
fi

# The virtualenv, reinstalled when pyproject.toml changes.
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q ".[test]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Test-only npm packages (axe-core), reinstalled when package.json changes.
if [ "$mode" = test ]; then
  npm_stamp=node_modules/.installed-$(sha1sum package.json | cut -c1-12)
  if [ ! -f "$npm_stamp" ]; then
    npm install --no-audit --no-fund --loglevel=error
    rm -f node_modules/.installed-*
    touch "$npm_stamp"
  fi
fi

# Translations are compiled from the shipped .po files.
.venv/bin/python manage.py compilemessages -v0 --ignore=.venv 2>/dev/null || DEBUG=1 .venv/bin/python manage.py compilemessages -v0 --ignore=.venv
