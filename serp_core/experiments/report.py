"""An experiment's report on disk: `summary.json` (the table's numbers), each figure as HTML,
and as PNG when a Chromium-family browser can be found to draw it.

The HTML files share one `plotly.min.js` written beside them, so they open offline.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .experiment import ExperimentResult

log = logging.getLogger(__name__)

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Where Playwright keeps its own Chromium on a user's machine (`playwright install chromium`).
PLAYWRIGHT_CHROMIUM = "~/.cache/ms-playwright/chromium-*/chrome-linux*/chrome"
PNG_WIDTH = 1100
SCREENSHOT_TIMEOUT_S = 60


def write_report(result: ExperimentResult, out: Path, *, png: bool = True) -> list[Path]:
    """Write the report into `out` (created); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    summary = out / "summary.json"
    result.summary.save(summary)
    written = [summary]
    browser = find_browser() if png else None
    for name, fig in result.figures.items():
        html = out / f"{name}.html"
        fig.write_html(html, include_plotlyjs="directory", full_html=True,
                       config={"displayModeBar": False})
        written.append(html)
        if browser is not None:
            image = out / f"{name}.png"
            height = int(fig.layout.height or 600) + 40
            if screenshot(browser, html, image, width=PNG_WIDTH, height=height):
                written.append(image)
    return written


def find_browser() -> str | None:
    """A Chromium-family browser: $GENSERP_BROWSER, one on the PATH, or Playwright's own."""
    chosen = os.environ.get("GENSERP_BROWSER")
    if chosen:
        return chosen if shutil.which(chosen) or Path(chosen).is_file() else None
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    installed = sorted(glob.glob(os.path.expanduser(PLAYWRIGHT_CHROMIUM)))
    return installed[-1] if installed else None


def screenshot(browser: str, html: Path, image: Path, *, width: int, height: int) -> bool:
    """Draw a local HTML file to PNG with headless Chromium; False (logged) if it fails."""
    with tempfile.TemporaryDirectory(prefix="genserp-chromium-") as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-background-networking", "--hide-scrollbars",
                   f"--user-data-dir={profile}", f"--window-size={width},{height}",
                   "--virtual-time-budget=5000",  # let Plotly draw before the shot
                   f"--screenshot={image}", html.resolve().as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=SCREENSHOT_TIMEOUT_S,
                           check=True)
        except (OSError, subprocess.SubprocessError) as e:
            log.warning("no PNG of %s: %s", html.name, e)
            return False
    return image.is_file() and image.stat().st_size > 0
