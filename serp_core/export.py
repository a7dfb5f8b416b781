"""A finished run as files: result.json, best.html and candidates/<i>.html (the CLI contract)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .render import render_page
from .schema import Run


def candidate_html(run: Run, index: int, *, annotate: bool = False) -> str:
    c = run.candidates[index]
    title = f"candidate {index}" + (f" · score {c.score:g}" if c.score is not None else "")
    return render_page(run.query, c.layout, run.items, title=title, annotate=annotate)


def result_dict(run: Run) -> dict[str, Any]:
    data = run.model_dump(mode="json")
    data["run_id"] = data.pop("id")
    return data


def write_run(run: Run, out: Path) -> Path:
    """Write the run's pages and result.json under `out`; returns the result.json path."""
    (out / "candidates").mkdir(parents=True, exist_ok=True)
    for c in run.candidates:
        path = out / "candidates" / f"{c.index}.html"
        path.write_text(candidate_html(run, c.index), encoding="utf-8")
        c.html = str(path)
    if run.best is not None:
        (out / "best.html").write_text(candidate_html(run, run.best), encoding="utf-8")
    result = out / "result.json"
    result.write_text(json.dumps(result_dict(run), indent=2, ensure_ascii=False),
                      encoding="utf-8")
    return result
