"""A finished run as downloads: result.json and a zip of its rendered pages."""

from __future__ import annotations

import io
import json
import zipfile

from serp_core.export import candidate_html, result_dict
from serp_core.schema import Run


def result_json(run: Run) -> str:
    """The CLI's result.json contract (the API key is not part of a run: nothing to strip)."""
    return json.dumps(result_dict(run), indent=2, ensure_ascii=False)


def pages_zip(run: Run, baseline: Run) -> bytes:
    """candidates/<i>.html, best.html and baseline.html (the template page), zipped."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for c in run.candidates:
            z.writestr(f"candidates/{c.index}.html", candidate_html(run, c.index))
        if run.best is not None:
            z.writestr("best.html", candidate_html(run, run.best))
        z.writestr("baseline.html", candidate_html(baseline, 0))
    return buf.getvalue()
