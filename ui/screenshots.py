"""A run's pages as screenshots in the app: thumbnails for the candidate table, the image a
vision scorer was shown, PNGs for the export. Drawn by the engine's warm browser and cached
beside the run store, so each page is drawn once (serp_core.render.screenshot)."""

from __future__ import annotations

import base64
import io

import streamlit as st
from PIL import Image

from serp_core.render.browser import BrowserUnavailable, ScreenshotError
from serp_core.render.screenshot import page_html
from serp_core.schema import Candidate, Run

from . import state

THUMB_WIDTH = 144  # px; a 16:9 first screen is 81 px tall


def first_screens(run: Run) -> tuple[dict[int, bytes], str]:
    """Each candidate's first screen (1280x720 PNG) by index, and why some are missing ("":
    none is). Without a browser this costs one quick failure, not one per page."""
    shots, found, why = state.screenshots(), {}, ""
    for c in run.candidates:
        try:
            found[c.index] = shots.first_screen(page_html(run.query, c.layout, run.items))
        except BrowserUnavailable as e:
            return found, str(e)
        except ScreenshotError as e:
            why = str(e)
    return found, why


def as_scored(run: Run, c: Candidate) -> bytes | None:
    """The image the run's vision scorer was shown for this candidate (with its block labels
    under vision-marks), or None (another scorer, or no browser)."""
    if not run.config.scorer.startswith("vision"):
        return None
    html = page_html(run.query, c.layout, run.items, marks=run.config.scorer == "vision-marks")
    try:
        return state.screenshots().first_screen(html)
    except (BrowserUnavailable, ScreenshotError):
        return None


@st.cache_data(show_spinner=False, max_entries=256)
def thumbnail_uri(png: bytes, width: int = THUMB_WIDTH) -> str:
    """A small PNG of a screenshot, as a data: URL for a table cell."""
    with Image.open(io.BytesIO(png)) as im:
        small = im.convert("RGB").resize((width, round(im.height * width / im.width)),
                                         Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
