#!/usr/bin/env bash
# Set up (first time only) and run every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh requirements-dev.txt
# The browser tests need a Chromium. Here (root, Debian) that is Debian's package, because
# Playwright cannot download its own browsers offline; elsewhere Playwright's own.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests" >&2
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    .venv/bin/python -m playwright install chromium
  fi
fi
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
