"""Placement statistics over stored runs, with no UI code: which grid cells each content type
covers in a filtered selection of runs (the GenSERP paper's Fig. 5), the difference of two
selections, and two prompt versions compared on the same queries. Pages draw the results."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from . import grid
from .grid import TypedBox
from .schema import (
    MAX_ROWS,
    CandidatePopulated,
    ContentType,
    Event,
    Layout,
    LayoutProposed,
    PolishStep,
)
from .store import RunBoxes, RunStore, RunSummary

IN_PROGRESS = ("queued", "running")
FILTER_FIELDS = ("vertical", "backend", "prompt_version", "mode")  # what a person filters by
MAX_RUNS = 1000  # the most recent runs an analysis looks at

Source = Literal["candidates", "winners"]


class RunFilter(BaseModel):
    """Which runs to count: each field is a set of allowed values, empty meaning any."""

    model_config = ConfigDict(frozen=True)

    vertical: frozenset[str] = frozenset()
    backend: frozenset[str] = frozenset()
    prompt_version: frozenset[str] = frozenset()
    mode: frozenset[str] = frozenset()
    beam: frozenset[int] = frozenset()
    query: frozenset[str] = frozenset()

    def matches(self, run: RunSummary) -> bool:
        return all(not allowed or getattr(run, name) in allowed
                   for name, allowed in self)


ANY_RUN = RunFilter()


class Selection(BaseModel):
    """A set of runs and which of their layouts to count: every candidate, or the winner."""

    model_config = ConfigDict(frozen=True)

    filter: RunFilter = RunFilter()
    source: Source = "candidates"


def filter_options(runs: Iterable[RunSummary]) -> dict[str, list[str]]:
    """The values each filter field takes in these runs, sorted."""
    runs = list(runs)
    return {name: sorted({getattr(r, name) for r in runs}) for name in FILTER_FIELDS}


def latest_layouts(events: Iterable[Event]) -> list[Layout]:
    """Each candidate's most recent layout in a run's events (proposed, populated, polished),
    in candidate order: what a run still in progress has to show."""
    latest: dict[int, Layout] = {}
    _fold_layouts(latest, events)
    return [latest[i] for i in sorted(latest)]


def _fold_layouts(latest: dict[int, Layout], events: Iterable[Event]) -> None:
    for event in events:
        if isinstance(event, LayoutProposed | PolishStep):
            latest[event.candidate] = event.layout
        elif isinstance(event, CandidatePopulated):
            latest[event.candidate.index] = event.candidate.layout


class LayoutReader:
    """Reads the boxes of runs' layouts from a store. A finished run never changes, so its
    boxes are read once (many runs in one query). A run in progress holds no candidates until
    it ends, so its layouts come from its events, of which each read fetches only the new
    ones. Safe to share between threads."""

    def __init__(self, store: RunStore) -> None:
        self.store = store
        self._finished: dict[str, RunBoxes] = {}
        self._live: dict[str, tuple[int, dict[int, Layout]]] = {}  # id -> (last seq, latest)
        self._lock = threading.Lock()

    def prefetch(self, runs: Sequence[RunSummary]) -> None:
        """Read every finished run not read yet, in one go."""
        with self._lock:
            missing = [r.id for r in runs
                       if r.status not in IN_PROGRESS and r.id not in self._finished]
        if missing:
            found = self.store.boxes(missing)
            with self._lock:
                self._finished.update(found)
                for run_id in found:
                    self._live.pop(run_id, None)

    def boxes(self, summary: RunSummary, source: Source) -> list[list[TypedBox]]:
        """The boxes of each layout the run contributes: every candidate, or the winner."""
        if summary.status in IN_PROGRESS:
            # A run in progress has no winner yet: it only adds to the candidates maps.
            return [] if source == "winners" else self._read_live(summary.id)
        self.prefetch([summary])
        with self._lock:
            finished = self._finished.get(summary.id)
        if finished is None:  # deleted meanwhile
            return []
        if source == "winners":
            return [] if finished.best is None else [finished.layouts[finished.best]]
        return finished.layouts

    def _read_live(self, run_id: str) -> list[list[TypedBox]]:
        with self._lock:
            seq, latest = self._live.get(run_id, (0, {}))
        new = self.store.events(run_id, after=seq)
        if new:
            latest = dict(latest)
            _fold_layouts(latest, (e for _, e in new))
            with self._lock:
                self._live[run_id] = (new[-1][0], latest)
        return [grid.boxes(latest[i]) for i in sorted(latest)]


@dataclass
class PlacementMaps:
    """Per content type, the share of the counted layouts that cover each grid cell."""

    maps: dict[ContentType, np.ndarray]  # rows x 12, values 0..1
    present: dict[ContentType, int]  # how many of the layouts have a block of the type
    matched: int  # runs that pass the filter
    runs: int  # of those, runs that contributed at least one layout
    layouts: int
    in_progress: int  # matched runs still queued or running


def placement_maps(reader: LayoutReader, runs: Sequence[RunSummary], selection: Selection,
                   rows: int = MAX_ROWS) -> PlacementMaps:
    matched = [r for r in runs if selection.filter.matches(r)]
    reader.prefetch(matched)
    pages: list[list[TypedBox]] = []
    contributing = 0
    for summary in matched:
        found = reader.boxes(summary, selection.source)
        contributing += bool(found)
        pages.extend(found)
    maps, present = grid.heatmaps(pages, rows)
    return PlacementMaps(maps=maps, present=present, matched=len(matched), runs=contributing,
                         layouts=len(pages),
                         in_progress=sum(r.status in IN_PROGRESS for r in matched))


def layout_maps(layouts: Sequence[Layout], rows: int = MAX_ROWS) -> PlacementMaps:
    """Placement maps of the given layouts, one per run."""
    maps, present = grid.heatmaps([grid.boxes(layout) for layout in layouts], rows)
    return PlacementMaps(maps=maps, present=present, matched=len(layouts), runs=len(layouts),
                         layouts=len(layouts), in_progress=0)


def difference(a: PlacementMaps, b: PlacementMaps) -> dict[ContentType, np.ndarray]:
    """A − B per type: positive where A's layouts cover a cell more often than B's."""
    return {t: a.maps[t] - b.maps[t] for t in ContentType}


def used_rows(*maps: dict[ContentType, np.ndarray], at_least: int = 0) -> int:
    """How many rows from the top hold anything in these maps (for cropping the display)."""
    last = 0
    for by_type in maps:
        for m in by_type.values():
            filled = np.flatnonzero(np.abs(m).sum(axis=1))
            if filled.size:
                last = max(last, int(filled[-1]) + 1)
    return max(last, at_least)


# --- two prompt versions on the same queries --------------------------------------------
@dataclass(frozen=True)
class Cell:
    """One query's latest run on one version: its status, and its best score once done."""

    status: str  # queued, running, done, failed; "" when the version never ran the query
    score: float | None = None


@dataclass(frozen=True)
class QueryRow:
    query: str
    a: Cell
    b: Cell


@dataclass(frozen=True)
class Comparison:
    rows: list[QueryRow]  # queries run on both versions, most recently run first
    mean_a: float | None  # mean best score over the queries both versions have scored
    mean_b: float | None
    paired: int  # how many queries the means rest on

    @property
    def queries(self) -> frozenset[str]:
        return frozenset(r.query for r in self.rows)

    @property
    def pending(self) -> int:
        return sum(c.status in IN_PROGRESS for r in self.rows for c in (r.a, r.b))


def compare_versions(runs: Sequence[RunSummary], version_a: str, version_b: str,
                     where: RunFilter = ANY_RUN) -> Comparison:
    """Each query run with both prompt versions (among the runs `where` allows, e.g. made
    with the same backend, mode and beam), and the latest run's best score on each. `runs`
    come newest first, as RunStore.list returns them."""
    latest: dict[tuple[str, str], RunSummary] = {}
    order: list[str] = []
    for r in runs:
        if not where.matches(r):
            continue
        if r.prompt_version in (version_a, version_b):
            latest.setdefault((r.query, r.prompt_version), r)
            if r.query not in order:
                order.append(r.query)

    def cell(query: str, version: str) -> Cell:
        r = latest.get((query, version))
        if r is None:
            return Cell(status="")
        return Cell(status=r.status, score=r.best_score if r.status == "done" else None)

    rows = [QueryRow(q, cell(q, version_a), cell(q, version_b)) for q in order
            if (q, version_a) in latest and (q, version_b) in latest]
    scored = [(r.a.score, r.b.score) for r in rows
              if r.a.score is not None and r.b.score is not None]
    mean_a = float(np.mean([a for a, _ in scored])) if scored else None
    mean_b = float(np.mean([b for _, b in scored])) if scored else None
    return Comparison(rows=rows, mean_a=mean_a, mean_b=mean_b, paired=len(scored))
