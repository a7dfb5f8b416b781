"""A finished run as downloads: result.json and a zip of its rendered pages and their
screenshots."""

from __future__ import annotations

import io
import json
import zipfile

from serp_core.export import candidate_html, result_dict
from serp_core.render.browser import BrowserUnavailable, ScreenshotError
from serp_core.render.screenshot import Screenshots, page_html
from serp_core.schema import Run


def result_json(run: Run) -> str:
    """The CLI's result.json contract (the API key is not part of a run: nothing to strip)."""
    return json.dumps(result_dict(run), indent=2, ensure_ascii=False)


def pages_zip(run: Run, baseline: Run, shots: Screenshots | None = None) -> bytes:
    """candidates/<i>.html, best.html and baseline.html (the template page), zipped; with
    `shots`, a full-page PNG beside each (screenshots/missing.txt says why, when a browser
    could not draw them)."""
    pages = {f"candidates/{c.index}": (run, c.index) for c in run.candidates}
    if run.best is not None:
        pages["best"] = (run, run.best)
    pages["baseline"] = (baseline, 0)
    buf = io.BytesIO()
    missing: list[str] = []  # why a page has no PNG
    no_browser = ""
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, (source, index) in pages.items():
            z.writestr(f"{name}.html", candidate_html(source, index))
            if shots is None or no_browser:
                continue
            c = source.candidates[index]
            try:
                png = shots.full_page(page_html(source.query, c.layout, source.items))
            except BrowserUnavailable as e:
                no_browser = str(e)
                missing.append(no_browser)
                continue
            except ScreenshotError as e:
                missing.append(f"{name}.png: {e}")
                continue
            # Stored as it is: a PNG is compressed already.
            z.writestr(f"{name}.png", png, compress_type=zipfile.ZIP_STORED)
        if missing:
            z.writestr("screenshots/missing.txt", "\n".join(missing) + "\n")
    return buf.getvalue()
