"""Runs and their events (tables `runs` and `events` of the store, see db.py), so a UI can tail
a run that another thread or process is producing; each model call's trace goes to its own
table as the call finishes (traces.store)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, TypeAdapter

from . import grid, workers
from .db import Database
from .grid import TypedBox
from .schema import CallTraced, ContentType, ErrorEvent, Event, Final, Run
from .traces.store import CallTraces

log = logging.getLogger(__name__)
_EVENT = TypeAdapter(Event)


class RunSummary(BaseModel):
    id: str
    query: str
    vertical: str
    status: str
    created_at: str
    prompt_version: str
    backend: str
    mode: str
    best_score: float | None
    beam: int


class RunBoxes(NamedTuple):
    """A run's candidate layouts reduced to their blocks' boxes, and the chosen one."""

    best: int | None
    layouts: list[list[TypedBox]]


class RunStore:
    """The owner of the `runs` and `events` tables. `db` is the store file's Database: the
    owners of its other tables are built from it (BatchRuns(store.db), ...)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = Database(path)
        self.traces = CallTraces(self.db)  # the owner of the call_traces table

    def save(self, run: Run) -> None:
        winner = run.winner
        best = winner.score if winner is not None else None
        # An upsert, not INSERT OR REPLACE: a replace deletes the row and so cascades to the
        # run's events.
        # The boxes beside the whole run: placement heatmaps over thousands of runs read these
        # few hundred bytes, not each run's JSON with all its items.
        boxes = json.dumps([run.best, [grid.boxes(c.layout) for c in run.candidates]])
        with self.db.transaction() as con:
            con.execute(
                "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "status=excluded.status, best_score=excluded.best_score, "
                "run_json=excluded.run_json, boxes=excluded.boxes",
                (run.id, run.query, run.vertical, run.status, run.created_at.isoformat(),
                 run.prompt_version, run.config.backend, run.config.mode, best,
                 run.model_dump_json(), boxes, run.config.beam))

    def append(self, run_id: str, event: Event) -> int:
        with self.db.transaction() as con:
            (seq,) = con.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE run_id = ?",
                                 (run_id,)).fetchone()
            con.execute("INSERT INTO events VALUES (?,?,?,?)",
                        (run_id, seq, event.kind, event.model_dump_json()))
        return seq

    def events(self, run_id: str, after: int = 0) -> list[tuple[int, Event]]:
        rows = self.db.conn().execute(
            "SELECT seq, payload FROM events WHERE run_id = ? AND seq > ? ORDER BY seq",
            (run_id, after)).fetchall()
        return [(seq, _EVENT.validate_json(payload)) for seq, payload in rows]

    def get(self, run_id: str) -> Run | None:
        row = self.db.conn().execute("SELECT run_json FROM runs WHERE id = ?",
                                     (run_id,)).fetchone()
        return Run.model_validate_json(row[0]) if row else None

    def boxes(self, run_ids: Sequence[str]) -> dict[str, RunBoxes]:
        """The boxes of these runs' candidates (runs not found are left out)."""
        found: dict[str, RunBoxes] = {}
        for start in range(0, len(run_ids), 500):  # under SQLite's bound-variable limit
            chunk = run_ids[start:start + 500]
            rows = self.db.conn().execute(
                f"SELECT id, boxes FROM runs WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            for run_id, text in rows:
                if text is None:  # saved before boxes were stored
                    run = self.get(run_id)
                    assert run is not None
                    found[run_id] = RunBoxes(run.best, [grid.boxes(c.layout)
                                                        for c in run.candidates])
                    continue
                best, layouts = json.loads(text)
                found[run_id] = RunBoxes(best, [[(ContentType(t), *box) for t, *box in layout]
                                                for layout in layouts])
        return found

    def list(self, limit: int = 200) -> list[RunSummary]:
        cols = list(RunSummary.model_fields)
        rows = self.db.conn().execute(
            f"SELECT {', '.join(cols)} FROM runs ORDER BY created_at DESC LIMIT ?", (limit,))
        return [RunSummary(**dict(zip(cols, row, strict=True))) for row in rows]

    def delete(self, run_id: str) -> None:
        with self.db.transaction() as con:
            con.execute("DELETE FROM runs WHERE id = ?", (run_id,))

    @property
    def worker(self) -> str:
        """This process's worker id for the store's data directory (serp_core.workers)."""
        return workers.current(self.path.parent)

    def is_alive(self, run: Run) -> bool:
        """Whether a live process is running the run (it holds the run's worker lock)."""
        return workers.alive(self.path.parent, run.worker)

    def recover(self) -> list[str]:
        """Mark the runs left queued or running by a process that died (no live worker holds
        them) as interrupted, with the time; their events stay. Returns their ids. Called
        on start by the command line, the app and experiments (Workspace.open)."""
        rows = self.db.conn().execute(
            "SELECT id FROM runs WHERE status IN ('queued', 'running')").fetchall()
        found = []
        for (run_id,) in rows:
            run = self.get(run_id)
            if run is not None and run.status in ("queued", "running") \
                    and not self.is_alive(run):
                self.interrupt(run)
                found.append(run_id)
        workers.sweep(self.path.parent)
        return found

    def interrupt(self, run: Run) -> None:
        """End a run whose process died as interrupted: a fatal error and a Final event
        (live views end), and the run saved with the time it was found so."""
        run.status, run.interrupted_at = "interrupted", datetime.now(UTC)
        run.error = ("interrupted: the process running it stopped before it finished; "
                     f"redo it with python -m serp_core resume {run.id}")
        self.append(run.id, ErrorEvent(message=run.error, fatal=True))
        self.append(run.id, Final(run=run))
        self.save(run)  # last: a crash before it leaves the run to the next recover

    def mark_failed(self, run: Run, error: str) -> None:
        """End a run as failed with this error: the error and a Final event are appended and
        the run saved. For a run its pipeline could not finish (a crash left it queued or
        running, it was interrupted, the store failed mid-run); never raises."""
        run.status, run.error = "failed", error
        try:
            self.append(run.id, ErrorEvent(message=error, fatal=True))
            self.append(run.id, Final(run=run))
            self.save(run)
        except Exception:
            log.exception("run %s could not be marked failed", run.id)


def record(store: RunStore, run: Run, events: Iterable[Event]) -> Iterator[Event]:
    """Persist a run as its events stream past: the run row first (status running), every
    event as it comes, and the finished run from the Final event. A call's trace goes to the
    call_traces table, not among the events: the live view reads events only, and stays
    light however large the prompts are."""
    run.worker = run.worker or store.worker  # whose death leaves it interrupted
    store.save(run)
    for event in events:
        if isinstance(event, CallTraced):
            store.traces.add(run.id, event.trace)
        else:
            store.append(run.id, event)
        if isinstance(event, Final):
            store.save(event.run)
        yield event
