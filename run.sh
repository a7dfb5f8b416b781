#!/usr/bin/env bash
# Set up (first time only) and run GenSERP: the Playground app on http://localhost:8501, or,
# with arguments, the command line tool:
#   ./run.sh generate "best hiking trails near seattle" --beam 3 --out /tmp/r
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh requirements.txt
if [ $# -gt 0 ]; then
  exec .venv/bin/python -m serp_core "$@"
fi
exec .venv/bin/python -m streamlit run serve.py --browser.gatherUsageStats false
