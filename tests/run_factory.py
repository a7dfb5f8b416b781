"""Runs built by hand and put straight into a store, for tests of what pages compute from
stored runs (heatmaps, comparisons) without running the pipeline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from serp_core.schema import (
    Block,
    Candidate,
    ContentType,
    Layout,
    LayoutProposed,
    Run,
    RunConfig,
    Vertical,
)
from serp_core.store import RunStore

Boxes = dict[str, tuple[int, int, int, int]]  # type -> (col, row, width, height)
_T0 = datetime(2026, 1, 1, tzinfo=UTC)


def layout(boxes: Boxes) -> Layout:
    return Layout(blocks=[Block(type=ContentType(t), col=c, row=r, width=w, height=h)
                          for t, (c, r, w, h) in boxes.items()])


def add_run(store: RunStore, run_id: str, candidates: list[Boxes], *, query: str = "",
            vertical: str = "travel", backend: str = "openai", prompt_version: str = "v1",
            mode: str = "coarse-to-fine", status: str = "done", best: int | None = 0,
            scores: list[float] | None = None, minute: int = 0) -> Run:
    """A finished run (or, with status running, one whose layouts exist only as
    LayoutProposed events, as in a live run). `minute` orders runs: later is newer."""
    scores = scores or [5.0] * len(candidates)
    config = RunConfig(backend=backend, mode=mode, beam=max(1, len(candidates)))
    run = Run(id=run_id, query=query or f"query {run_id}", vertical=Vertical(vertical),
              config=config, prompt_version=prompt_version, status="running",
              created_at=_T0 + timedelta(minutes=minute))
    if status in ("queued", "running"):
        run.status = status
        run.worker = store.worker  # a live process runs it: recover() leaves it alone
        store.save(run)
        for i, boxes in enumerate(candidates):
            store.append(run_id, LayoutProposed(candidate=i, step=1, layout=layout(boxes),
                                                confidence=8))
        return run
    run.candidates = [Candidate(index=i, layout=layout(b), score=s)
                      for i, (b, s) in enumerate(zip(candidates, scores, strict=True))]
    run.status, run.best = status, best if status == "done" else None
    store.save(run)
    return run
