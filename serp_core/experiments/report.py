"""An experiment's report on disk: `summary.json` (the table's numbers), each figure as HTML,
and as PNG when a Chromium-family browser can be found to draw it.

The HTML files share one `plotly.min.js` written beside them, so they open offline.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..render.browser import BrowserUnavailable, ScreenshotError, shared_browser
from .experiment import ExperimentResult

log = logging.getLogger(__name__)

PNG_WIDTH = 1100
PLOT_READY = ".main-svg"  # Plotly has drawn the figure


def write_report(result: ExperimentResult, out: Path, *, png: bool = True) -> list[Path]:
    """Write the report into `out` (created); returns the files written. PNGs are drawn by
    the process's warm browser (serp_core.render.browser); without one, HTML only."""
    out.mkdir(parents=True, exist_ok=True)
    summary = out / "summary.json"
    result.summary.save(summary)
    written = [summary]
    for name, fig in result.figures.items():
        html = out / f"{name}.html"
        fig.write_html(html, include_plotlyjs="directory", full_html=True,
                       config={"displayModeBar": False})
        written.append(html)
        if png:
            image = out / f"{name}.png"
            height = int(fig.layout.height or 600) + 40
            if screenshot(html, image, width=PNG_WIDTH, height=height):
                written.append(image)
    return written


def screenshot(html: Path, image: Path, *, width: int, height: int) -> bool:
    """Draw a local Plotly HTML file to PNG; False (logged) if there is no browser or it
    fails (without one, the next figure fails at once: the browser is not tried again)."""
    try:
        data = shared_browser().file_png(html, width=width, height=height, ready=PLOT_READY)
    except (BrowserUnavailable, ScreenshotError) as e:
        log.warning("no PNG of %s: %s", html.name, e)
        return False
    image.write_bytes(data)
    return True
