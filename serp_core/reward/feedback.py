"""The feedback log: impressions and clicks, simulated and human, in one SQLite table.

FeedbackLog owns the store's `feedback` table (see db.py). It lives in the run store's file
(pass RunStore.db, or its path), so the app's human feedback mode and a training job in another
process can write at once (WAL). One row is one item shown in one session: the session id,
where it came from ('simulated' | 'human'), the run it was shown in (if any), the query, the
item, its slot on the grid, its block's box, whether it was clicked, and whether the session
was an exploration shuffle. `batch` names the training job that wrote simulated rows, so a job
can replace its own rows and leave everyone else's alone.

    log = FeedbackLog(store.db)
    sid = log.open_session(query, layout, items, run_id=run.id)    # a person sees a page
    log.record_click(sid, item_id)                                  # ...and clicks an item
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..db import Database
from ..schema import ContentType, Item, Layout, utcnow
from .simulator import FeedbackSource, Session, Shown, SimulatedSessions
from .slots import ItemSlot, item_slots

_COLUMNS = ("session_id", "source", "batch", "run_id", "query", "item_id", "type", "block_type",
            "block", "rank", "slot_row", "slot_col", "slot_width", "slot_height", "cell_row",
            "cell_col", "block_area", "block_col", "block_row", "block_width", "block_height",
            "examined", "clicked", "explored", "ts")
_INSERT = (f"INSERT INTO feedback ({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join('?' * len(_COLUMNS))})")


@dataclass
class Impressions:
    """The log as columns (one entry per impression), what the fits read."""

    session: np.ndarray  # int: index into `session_ids`
    session_ids: list[str]
    query: np.ndarray  # object (str)
    item_id: np.ndarray  # object (str)
    type: np.ndarray  # object (str): the item's type
    block_type: np.ndarray  # object (str): the type of the block it was shown in
    cell_row: np.ndarray  # int
    cell_col: np.ndarray  # int
    slot_row: np.ndarray  # float
    slot_col: np.ndarray  # float
    clicked: np.ndarray  # bool
    explored: np.ndarray  # bool
    source: np.ndarray  # object (str)

    def __len__(self) -> int:
        return len(self.clicked)

    def subset(self, mask: np.ndarray) -> Impressions:
        keep = np.flatnonzero(mask)
        return Impressions(**{name: (getattr(self, name) if name == "session_ids"
                                     else getattr(self, name)[keep])
                              for name in self.__dataclass_fields__})

    @classmethod
    def from_sessions(cls, sessions: Iterable[Session]) -> Impressions:
        rows = [(n, s.id, s.query, sh.slot, sh.clicked, s.explored, s.source)
                for n, s in enumerate(sessions) for sh in s.shown]
        ids = list(dict.fromkeys(r[1] for r in rows))
        return _columns(
            [(r[1], r[2], r[3].item_id, r[3].type.value, r[3].block_type.value, *r[3].cell,
              r[3].row, r[3].col, int(r[4]), int(r[5]), r[6]) for r in rows], ids)


def _columns(rows: list[tuple], session_ids: list[str]) -> Impressions:
    index = {sid: n for n, sid in enumerate(session_ids)}
    cols = list(zip(*rows, strict=True)) if rows else [()] * 12
    return Impressions(
        session=np.array([index[s] for s in cols[0]], dtype=np.int64),
        session_ids=session_ids,
        query=np.array(cols[1], dtype=object),
        item_id=np.array(cols[2], dtype=object),
        type=np.array(cols[3], dtype=object),
        block_type=np.array(cols[4], dtype=object),
        cell_row=np.array(cols[5], dtype=np.int64),
        cell_col=np.array(cols[6], dtype=np.int64),
        slot_row=np.array(cols[7], dtype=float),
        slot_col=np.array(cols[8], dtype=float),
        clicked=np.array(cols[9], dtype=bool),
        explored=np.array(cols[10], dtype=bool),
        source=np.array(cols[11], dtype=object),
    )


class FeedbackLog:
    def __init__(self, db: Database | Path | str) -> None:
        self.db = db if isinstance(db, Database) else Database(db)
        self.path = self.db.path

    # --- writing ------------------------------------------------------------------------
    def add_session(self, session: Session, *, layout: Layout | None = None,
                    batch: str = "") -> str:
        """Store one session (simulated or human) with its clicks; returns its stored id
        (prefixed with the batch, if any)."""
        ts = utcnow().isoformat()
        boxes = _block_boxes(layout)
        sid = session_key(batch, session.id)
        rows = [(sid, session.source, batch, session.run_id, session.query, *_slot_cols(
            sh.slot, boxes), None if sh.examined is None else int(sh.examined), int(sh.clicked),
            int(session.explored), ts) for sh in session.shown]
        with self.db.transaction() as con:
            con.executemany(_INSERT, rows)
        return sid

    def add_simulated(self, batches: Iterable[SimulatedSessions], *, batch: str = "") -> int:
        """Store simulated sessions in bulk; returns the number of impressions written. Their
        ids are prefixed with the batch (see session_key): two jobs with one seed draw the
        same ids."""
        ts = utcnow().isoformat()
        written = 0
        with self.db.transaction() as con:
            for sims in batches:
                # per-slot columns once per page; a shuffle only swaps the item columns
                boxes = _block_boxes(sims.page.layout)
                cols = [_slot_cols(slot, boxes) for slot in sims.slots]
                item_cols = [c[:2] for c in cols]
                geom_cols = [c[2:] for c in cols]
                head = ("simulated", batch, None, sims.page.query)
                rows = []
                for s, raw_id in enumerate(sims.ids):
                    sid = session_key(batch, raw_id)
                    explored = int(sims.explored[s])
                    shown, examined = sims.shown[s].tolist(), sims.examined[s].tolist()
                    clicked = sims.clicked[s].tolist()
                    rows.extend((sid, *head, *item_cols[shown[j]], *geom_cols[j],
                                 int(examined[j]), int(clicked[j]), explored, ts)
                                for j in range(len(cols)))
                con.executemany(_INSERT, rows)
                written += len(rows)
        return written

    def open_session(self, query: str, layout: Layout, items: Mapping[str, Item] | None = None,
                     *, run_id: str | None = None, source: FeedbackSource = "human") -> str:
        """Record what a person is shown (every item of the rendered page, once) and return
        the session id to pass to record_click."""
        session = Session(id=f"{source[:3]}-{uuid.uuid4().hex[:16]}", query=query,
                          source=source, run_id=run_id,
                          shown=[Shown(slot=s) for s in item_slots(layout, items)])
        return self.add_session(session, layout=layout)

    def record_click(self, session_id: str, item_id: str) -> bool:
        """Mark an item of an open session clicked; False when the session does not show it."""
        with self.db.transaction() as con:
            cur = con.execute(
                "UPDATE feedback SET clicked = 1, clicked_at = COALESCE(clicked_at, ?) "
                "WHERE session_id = ? AND item_id = ?",
                (utcnow().isoformat(), session_id, item_id))
            return cur.rowcount > 0

    def clear(self, source: FeedbackSource | None = None, *, batch: str | None = None) -> int:
        """Delete rows of one source (and/or batch), or all rows; returns how many."""
        where, args = _where(source, batch)
        with self.db.transaction() as con:
            return con.execute(f"DELETE FROM feedback{where}", args).rowcount

    # --- reading ------------------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        """Per source: sessions, impressions, clicks."""
        with self.db.transaction() as con:
            rows = con.execute("SELECT source, COUNT(DISTINCT session_id), COUNT(*), "
                              "COALESCE(SUM(clicked), 0) FROM feedback GROUP BY source").fetchall()
        return {src: {"sessions": s, "impressions": n, "clicks": c} for src, s, n, c in rows}

    def sessions(self, source: FeedbackSource | None = None, *,
                 batch: str | None = None) -> list[Session]:
        where, args = _where(source, batch)
        with self.db.transaction() as con:
            rows = con.execute(
                "SELECT session_id, source, run_id, query, item_id, type, block_type, block, "
                "rank, slot_row, slot_col, slot_width, slot_height, block_area, examined, "
                f"clicked, explored FROM feedback{where} ORDER BY id", args).fetchall()
        out: dict[str, Session] = {}
        for (sid, src, run_id, query, item_id, type_, block_type, block, rank, row, col, width,
             height, area, examined, clicked, explored) in rows:
            session = out.get(sid)
            if session is None:
                session = out[sid] = Session(id=sid, query=query, source=src, run_id=run_id,
                                             explored=bool(explored))
            slot = ItemSlot(item_id=item_id, type=ContentType(type_),
                        block_type=ContentType(block_type), block=block, rank=rank, row=row,
                        col=col, width=width, height=height, block_area=area)
            session.shown.append(Shown(slot=slot, clicked=bool(clicked),
                                       examined=None if examined is None else bool(examined)))
        return list(out.values())

    def impressions(self, source: FeedbackSource | None = None, *,
                    batch: str | None = None) -> Impressions:
        where, args = _where(source, batch)
        with self.db.transaction() as con:
            rows = con.execute(
                "SELECT session_id, query, item_id, type, block_type, cell_row, cell_col, "
                f"slot_row, slot_col, clicked, explored, source FROM feedback{where} ORDER BY id",
                args).fetchall()
        return _columns(rows, list(dict.fromkeys(r[0] for r in rows)))


def session_key(batch: str, session_id: str) -> str:
    return f"{batch}/{session_id}" if batch else session_id


def _where(source: str | None, batch: str | None) -> tuple[str, tuple]:
    terms, args = [], []
    if source is not None:
        terms.append("source = ?")
        args.append(source)
    if batch is not None:
        terms.append("batch = ?")
        args.append(batch)
    return (" WHERE " + " AND ".join(terms) if terms else ""), tuple(args)


def _block_boxes(layout: Layout | None) -> list[tuple[int, int, int, int]]:
    return [(b.col, b.row, b.width, b.height) for b in layout.blocks] if layout else []


def _slot_cols(slot: ItemSlot, boxes: list[tuple[int, int, int, int]]) -> tuple:
    box = boxes[slot.block] if slot.block < len(boxes) else (None, None, None, None)
    return (slot.item_id, slot.type.value, slot.block_type.value, slot.block, slot.rank,
            slot.row, slot.col, slot.width, slot.height, *slot.cell, slot.block_area, *box)


def impressions_of(batches: Iterable[SimulatedSessions]) -> Impressions:
    """Simulated sessions as Impressions without a database (held-out traffic, tests)."""
    rows: list[tuple] = []
    ids: list[str] = []
    for sims in batches:
        k = len(sims.slots)
        for s, sid in enumerate(sims.ids):
            ids.append(sid)
            for j in range(k):
                item, where = sims.slots[sims.shown[s, j]], sims.slots[j]
                rows.append((sid, sims.page.query, item.item_id, item.type.value,
                             where.block_type.value, *where.cell, where.row, where.col,
                             bool(sims.clicked[s, j]), bool(sims.explored[s]), "simulated"))
    return _columns(rows, ids)


def concat(parts: Iterable[Impressions]) -> Impressions:
    parts = [p for p in parts if len(p)]
    if not parts:
        return _columns([], [])
    offset, sessions, ids = 0, [], []
    for p in parts:
        sessions.append(p.session + offset)
        ids.extend(p.session_ids)
        offset += len(p.session_ids)
    fields = [f for f in Impressions.__dataclass_fields__ if f not in ("session", "session_ids")]
    return Impressions(session=np.concatenate(sessions), session_ids=ids,
                       **{f: np.concatenate([getattr(p, f) for p in parts]) for f in fields})
