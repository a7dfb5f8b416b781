"""The run store's SQLite file: the one module that opens connections and shapes the schema.

Every table of the store (runs and events, batch membership, cached verdicts, the feedback
log, ...) lives in one file, opened only through here, with one set of PRAGMAs (WAL, foreign
keys on, a busy timeout, synchronous=NORMAL), and its schema is a list of ordered migrations
tracked by `PRAGMA user_version`: opening a file applies the migrations it has not had yet,
so a store written by an older version of the code is brought up to date on open.

Each table has one owner: a small class over a `Database` that holds its SQL, e.g.
`store.RunStore` (runs, events), `experiments.batch.BatchRuns` (batch_runs),
`experiments.judgements.Judgements` (judgements), `reward.feedback.FeedbackLog` (feedback),
`human_judgments.HumanJudgments` (human_judgments), `search.cache.SearchCache`
(search_cache), `traces.store.CallTraces` (call_traces, trace_options),
`traces.cost.PriceTable` (prices).
No other module writes CREATE TABLE or a PRAGMA.

Adding a table (say `call_traces`) takes two steps:

1. Append a `Migration` to `MIGRATIONS` below, with its CREATE TABLE and CREATE INDEX
   statements. Only ever append: never edit, reorder or delete a migration that has been
   committed, because stores in the field have already applied it (their user_version says
   how many). A migration runs exactly once per file, inside one transaction with the
   user_version bump, so it needs no IF NOT EXISTS; a change to an existing table is a new
   migration too (ALTER TABLE, or a function for anything SQL alone cannot say).
2. Write the owner class beside the code that uses the table:

       class CallTraces:
           def __init__(self, db: Database) -> None:
               self.db = db

           def add(self, run_id: str, trace: str) -> None:
               with self.db.transaction() as con:
                   con.execute("INSERT INTO call_traces VALUES (?, ?)", (run_id, trace))

           def of(self, run_id: str) -> list[str]:
               rows = self.db.conn().execute(
                   "SELECT trace FROM call_traces WHERE run_id = ?", (run_id,))
               return [trace for (trace,) in rows]

   and build it from the store's database: `CallTraces(store.db)`.

Connections are per thread (sqlite3 connections must not cross threads): `Database.conn()`
is this thread's connection, opened on first use and kept; `Database.transaction()` wraps it
in one transaction (committed on success, rolled back on error). Under WAL one writer and
any number of readers, in this process or another, work at once; a writer waits up to the
busy timeout for another to finish.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BUSY_TIMEOUT_S = 30
# Every connection's settings. WAL (one writer, readers never blocked) is the file's own
# setting, kept once made: `connect` switches a new file to it first.
PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}",
    "PRAGMA synchronous=NORMAL",  # safe under WAL; spares an fsync per commit
)


class SchemaError(RuntimeError):
    """The file's schema is newer than this code knows (written by a later version)."""


@dataclass(frozen=True)
class Migration:
    """One step of the schema: SQL statements (`;`-separated), then an optional function for
    what SQL cannot say (such as adding a column only where it is missing)."""

    name: str
    sql: str = ""
    then: Callable[[sqlite3.Connection], None] | None = None

    def apply(self, con: sqlite3.Connection) -> None:
        for statement in _statements(self.sql):
            con.execute(statement)
        if self.then is not None:
            self.then(con)


def _statements(sql: str) -> list[str]:
    """Split a script into whole statements (a trigger's body keeps its own `;`)."""
    found, pending = [], ""
    for part in sql.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                found.append(pending.strip())
            pending = ""
    if pending.strip(" \n\t;"):
        found.append(pending.strip())
    return found


def _columns(con: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in con.execute(f"PRAGMA table_info({table})")}


def _runs_boxes_and_beam(con: sqlite3.Connection) -> None:
    # Stores written before versioned migrations (user_version 0) may already have these
    # columns, or not: add what is missing. Boxes stay NULL (read from the run's JSON until
    # the run is saved again); beam is filled from each run's config.
    columns = _columns(con, "runs")
    if "boxes" not in columns:
        con.execute("ALTER TABLE runs ADD COLUMN boxes TEXT")
    if "beam" not in columns:
        con.execute("ALTER TABLE runs ADD COLUMN beam INTEGER")
        con.execute("UPDATE runs SET beam = json_extract(run_json, '$.config.beam')")


# The schema, in order. Append only (see the module docstring). The first five describe what
# the code made before migrations were versioned, so they say IF NOT EXISTS: a store from then
# (user_version 0) already has some of these tables, possibly without the later columns.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("runs and their events", """
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
            run_json TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS runs_created ON runs(created_at);
        CREATE TABLE IF NOT EXISTS events (
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (run_id, seq)
        );
    """),
    Migration("runs keep their candidates' boxes and their beam width",
              then=_runs_boxes_and_beam),
    Migration("batch membership: which run answers which query of a batch", """
        CREATE TABLE IF NOT EXISTS batch_runs (
            batch_id TEXT NOT NULL,
            query TEXT NOT NULL,
            run_id TEXT NOT NULL,
            status TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (batch_id, query)
        );
    """),
    Migration("the judges' cached verdicts", """
        CREATE TABLE IF NOT EXISTS judgements (
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            judge TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            score REAL,
            PRIMARY KEY (kind, subject, judge, prompt_version)
        );
    """),
    Migration("the feedback log: impressions and clicks, simulated and human", """
        CREATE TABLE IF NOT EXISTS feedback (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('simulated', 'human')),
            batch TEXT NOT NULL DEFAULT '',
            run_id TEXT,
            query TEXT NOT NULL,
            item_id TEXT NOT NULL,
            type TEXT NOT NULL,
            block_type TEXT NOT NULL,
            block INTEGER NOT NULL,
            rank INTEGER NOT NULL,
            slot_row REAL NOT NULL,
            slot_col REAL NOT NULL,
            slot_width REAL NOT NULL,
            slot_height REAL NOT NULL,
            cell_row INTEGER NOT NULL,
            cell_col INTEGER NOT NULL,
            block_area INTEGER NOT NULL,
            block_col INTEGER,
            block_row INTEGER,
            block_width INTEGER,
            block_height INTEGER,
            examined INTEGER,
            clicked INTEGER NOT NULL DEFAULT 0,
            explored INTEGER NOT NULL DEFAULT 0,
            ts TEXT NOT NULL,
            clicked_at TEXT
        );
        CREATE INDEX IF NOT EXISTS feedback_session ON feedback(session_id);
        CREATE INDEX IF NOT EXISTS feedback_source ON feedback(source, batch);
    """),
    Migration("people's side-by-side judgments of two runs' chosen pages", """
        CREATE TABLE human_judgments (
            judge TEXT NOT NULL,
            run_x TEXT NOT NULL,
            run_y TEXT NOT NULL,
            session TEXT NOT NULL,
            query TEXT NOT NULL,
            vertical TEXT NOT NULL,
            x_left INTEGER NOT NULL CHECK (x_left IN (0, 1)),
            raw REAL CHECK (raw BETWEEN 0 AND 10),
            score REAL CHECK (score BETWEEN 0 AND 10),
            reasons TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (judge, run_x, run_y)
        );
        CREATE INDEX human_judgments_pair ON human_judgments(run_x, run_y);
    """),
    Migration("search providers' answers, per provider, tool and query", """
        CREATE TABLE search_cache (
            id INTEGER PRIMARY KEY,
            provider TEXT NOT NULL,
            tool TEXT NOT NULL,
            query TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            items TEXT NOT NULL
        );
        CREATE INDEX search_cache_key ON search_cache(provider, tool, query, fetched_at);
    """),
    Migration("judges keep the reasons of their verdicts", """
        ALTER TABLE judgements ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';
    """),
    # Traces are owned by a run id with no foreign key, so experiments' judges can keep
    # their calls under a judgement's id too; a run's go with it (the trigger). The calls
    # recorded as events before this table existed move into it.
    Migration("call traces, the price table and the trace options", """
        CREATE TABLE call_traces (
            run_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            stage TEXT NOT NULL,
            candidate INTEGER,
            step INTEGER,
            block TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            ok INTEGER NOT NULL,
            model TEXT NOT NULL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cached_tokens INTEGER,
            latency_s REAL NOT NULL,
            started_at TEXT NOT NULL,
            trace TEXT NOT NULL,
            PRIMARY KEY (run_id, idx)
        );
        CREATE TRIGGER call_traces_of_deleted_runs AFTER DELETE ON runs BEGIN
            DELETE FROM call_traces WHERE run_id = OLD.id;
        END;
        INSERT OR IGNORE INTO call_traces
            SELECT run_id, json_extract(payload, '$.trace.index'),
                   json_extract(payload, '$.trace.stage'),
                   json_extract(payload, '$.trace.candidate'),
                   json_extract(payload, '$.trace.step'),
                   COALESCE(json_extract(payload, '$.trace.block'), ''),
                   COALESCE(json_extract(payload, '$.trace.attempt'), 1),
                   COALESCE(json_extract(payload, '$.trace.ok'), 1),
                   COALESCE(json_extract(payload, '$.trace.model'), ''),
                   json_extract(payload, '$.trace.prompt_tokens'),
                   json_extract(payload, '$.trace.completion_tokens'),
                   json_extract(payload, '$.trace.cached_tokens'),
                   COALESCE(json_extract(payload, '$.trace.latency_s'), 0),
                   COALESCE(json_extract(payload, '$.trace.started_at'), ''),
                   json_extract(payload, '$.trace')
            FROM events WHERE kind = 'call';
        DELETE FROM events WHERE kind = 'call';
        CREATE TABLE prices (
            model TEXT PRIMARY KEY,
            prompt REAL NOT NULL,
            cached REAL NOT NULL,
            completion REAL NOT NULL
        );
        CREATE TABLE trace_options (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
    """),
)


def connect(path: Path | str) -> sqlite3.Connection:
    """A new connection to the file, in WAL mode, with the store's PRAGMAs (use a Database
    instead)."""
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    _use_wal(con)
    for pragma in PRAGMAS:
        con.execute(pragma)
    return con


def _use_wal(con: sqlite3.Connection) -> None:
    # Switching a file to WAL takes an exclusive lock, and SQLite answers "database is
    # locked" at once, without waiting, while another connection opens the same new file:
    # so wait here. A file already in WAL (every store after its first open) needs nothing.
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            con.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def schema_version(con: sqlite3.Connection) -> int:
    return con.execute("PRAGMA user_version").fetchone()[0]


def migrate(con: sqlite3.Connection,
            migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """Apply the migrations the file has not had, each in its own transaction together with
    its user_version bump; returns the version reached. Safe when several processes open a
    new file at once: the version is read again once the write lock is held."""
    while True:
        if schema_version(con) >= len(migrations):
            break
        con.execute("BEGIN IMMEDIATE")  # the write lock, before reading the version
        try:
            version = schema_version(con)
            if version < len(migrations):
                migrations[version].apply(con)
                con.execute(f"PRAGMA user_version = {version + 1}")
            con.commit()
        except BaseException:
            con.rollback()
            raise
    version = schema_version(con)
    if version > len(migrations):
        raise SchemaError(f"the store is at schema version {version}, newer than this code "
                          f"knows ({len(migrations)}): upgrade GenSERP Playground")
    return version


class Database:
    """One store file: migrated when opened, then a connection per thread."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        migrate(self.conn())

    def conn(self) -> sqlite3.Connection:
        """This thread's connection (autocommit reads; writes belong in `transaction`)."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = connect(self.path)
        return con

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection inside one transaction: committed when the block ends,
        rolled back if it raises."""
        con = self.conn()
        with con:
            yield con
