#!/usr/bin/env bash
# Set up (first time only) and run every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh requirements-dev.txt
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
