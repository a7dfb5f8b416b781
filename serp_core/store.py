"""Runs and their events in SQLite (WAL: one writer, readers never blocked), so a UI can tail
a run that another thread or process is producing."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, TypeAdapter

from . import grid
from .grid import Box
from .schema import ContentType, Event, Final, Run

_EVENT = TypeAdapter(Event)

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    vertical TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    backend TEXT NOT NULL,
    mode TEXT NOT NULL,
    best_score REAL,
    run_json TEXT NOT NULL,
    boxes TEXT,
    beam INTEGER
);
CREATE INDEX IF NOT EXISTS runs_created ON runs(created_at);
CREATE TABLE IF NOT EXISTS events (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);
"""


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
    layouts: list[list[Box]]


class RunStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._conn() as db:
            db.executescript(SCHEMA)
            # A store made before these columns existed gets them (boxes are then read from
            # the run's JSON until the run is saved again).
            columns = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
            if "boxes" not in columns:
                db.execute("ALTER TABLE runs ADD COLUMN boxes TEXT")
            if "beam" not in columns:
                db.execute("ALTER TABLE runs ADD COLUMN beam INTEGER")
                db.execute("UPDATE runs SET beam = json_extract(run_json, '$.config.beam')")

    def _conn(self) -> sqlite3.Connection:
        # One connection per thread: sqlite3 connections must not be shared across threads.
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
        return db

    def save(self, run: Run) -> None:
        best = run.candidates[run.best].score if run.best is not None else None
        # An upsert, not INSERT OR REPLACE: a replace deletes the row and so cascades to the
        # run's events.
        # The boxes beside the whole run: placement heatmaps over thousands of runs read these
        # few hundred bytes, not each run's JSON with all its items.
        boxes = json.dumps([run.best, [grid.boxes(c.layout) for c in run.candidates]])
        with self._conn() as db:
            db.execute(
                "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "status=excluded.status, best_score=excluded.best_score, "
                "run_json=excluded.run_json, boxes=excluded.boxes",
                (run.id, run.query, run.vertical, run.status, run.created_at.isoformat(),
                 run.prompt_version, run.config.backend, run.config.mode, best,
                 run.model_dump_json(), boxes, run.config.beam))

    def append(self, run_id: str, event: Event) -> int:
        with self._conn() as db:
            (seq,) = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE run_id = ?",
                                (run_id,)).fetchone()
            db.execute("INSERT INTO events VALUES (?,?,?,?)",
                       (run_id, seq, event.kind, event.model_dump_json()))
        return seq

    def events(self, run_id: str, after: int = 0) -> list[tuple[int, Event]]:
        rows = self._conn().execute(
            "SELECT seq, payload FROM events WHERE run_id = ? AND seq > ? ORDER BY seq",
            (run_id, after)).fetchall()
        return [(seq, _EVENT.validate_json(payload)) for seq, payload in rows]

    def get(self, run_id: str) -> Run | None:
        row = self._conn().execute("SELECT run_json FROM runs WHERE id = ?",
                                   (run_id,)).fetchone()
        return Run.model_validate_json(row[0]) if row else None

    def boxes(self, run_ids: Sequence[str]) -> dict[str, RunBoxes]:
        """The boxes of these runs' candidates (runs not found are left out)."""
        found: dict[str, RunBoxes] = {}
        for start in range(0, len(run_ids), 500):  # under SQLite's bound-variable limit
            chunk = run_ids[start:start + 500]
            rows = self._conn().execute(
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
        rows = self._conn().execute(
            f"SELECT {', '.join(cols)} FROM runs ORDER BY created_at DESC LIMIT ?", (limit,))
        return [RunSummary(**dict(zip(cols, row, strict=True))) for row in rows]

    def delete(self, run_id: str) -> None:
        with self._conn() as db:
            db.execute("DELETE FROM runs WHERE id = ?", (run_id,))


def record(store: RunStore, run: Run, events: Iterable[Event]) -> Iterator[Event]:
    """Persist a run as its events stream past: the run row first (status running), every
    event as it comes, and the finished run from the Final event."""
    store.save(run)
    for event in events:
        store.append(run.id, event)
        if isinstance(event, Final):
            store.save(event.run)
        yield event
