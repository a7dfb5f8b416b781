#!/usr/bin/env bash
# Set up (first time only) and run every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
# The set-up also installs the Chromium and fonts the screenshots and browser tests use: here
# (root, Debian) Debian's packages, because Playwright cannot download its browsers offline.
scripts/setup.sh requirements-dev.txt
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
