"""The app's Streamlit settings, as Streamlit itself reads them from .streamlit/config.toml
(a misspelt section or key would be ignored without a word)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def resolved(*options: str) -> list:
    """Each option's value in a fresh process started where the app is (the config's
    place), with no STREAMLIT_* variables to override the file."""
    code = ("import json, sys; from streamlit import config; config.get_config_options("
            "force_reparse=True); print(json.dumps([config.get_option(o) for o in sys.argv[1:]]))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    out = subprocess.run([sys.executable, "-c", code, *options], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def test_the_app_skips_streamlits_full_collection_but_not_its_privacy_settings():
    # A gc.collect(2) after every script and fragment run held the GIL for about 0.1 s each,
    # and the live view's ticks stalled the model between decodes.
    assert resolved("runner.postScriptGC", "browser.gatherUsageStats") == [False, False]
