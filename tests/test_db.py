"""The database layer: one set of PRAGMAs, ordered migrations tracked by user_version, and
stores written before migrations were versioned brought up to date on open."""

import re
import sqlite3
import threading
from pathlib import Path

import pytest

from serp_core import db
from serp_core.experiments.batch import BatchRuns
from serp_core.experiments.judgements import Judgements
from serp_core.reward.feedback import FeedbackLog
from serp_core.schema import Candidate, Layout, Run, RunConfig, StageStart
from serp_core.store import RunStore

# The SQL the code ran before db.py (commit 33f641b): store.py, experiments/batch.py,
# experiments/experiment.py and reward/feedback.py each made their own tables with
# CREATE TABLE IF NOT EXISTS and left user_version at 0.
STORE_33F641B = """
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
BATCH_33F641B = """
CREATE TABLE IF NOT EXISTS batch_runs (
    batch_id TEXT NOT NULL,
    query TEXT NOT NULL,
    run_id TEXT NOT NULL,
    status TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (batch_id, query)
);
"""
JUDGEMENTS_33F641B = """
CREATE TABLE IF NOT EXISTS judgements (
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    judge TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    score REAL,
    PRIMARY KEY (kind, subject, judge, prompt_version)
);
"""
FEEDBACK_33F641B = """
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
"""
# An older store.py, before the boxes and beam columns.
OLD_RUNS = """
CREATE TABLE runs (id TEXT PRIMARY KEY, query TEXT NOT NULL, vertical TEXT NOT NULL,
    status TEXT NOT NULL, created_at TEXT NOT NULL, prompt_version TEXT NOT NULL,
    backend TEXT NOT NULL, mode TEXT NOT NULL, best_score REAL, run_json TEXT NOT NULL);
CREATE TABLE events (run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL,
    PRIMARY KEY (run_id, seq));
"""


def done_run(run_id="r1", beam=2):
    return Run(id=run_id, query="hiking seattle", status="done", best=0,
               config=RunConfig(beam=beam), candidates=[Candidate(
                   index=0, score=6.5, layout=Layout.model_validate(
                       {"blocks": [{"type": "web", "col": 0, "row": 1, "width": 8,
                                    "height": 4}]}))])


def write_old_store(path: Path, runs_sql: str, with_boxes: bool) -> Run:
    """A store as the code before db.py left it, with a row in every table."""
    run = done_run()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.executescript(runs_sql + BATCH_33F641B + JUDGEMENTS_33F641B + FEEDBACK_33F641B)
    row = (run.id, run.query, "other", "done", run.created_at.isoformat(), "", "local",
           "coarse-to-fine", 6.5, run.model_dump_json())
    if with_boxes:
        con.execute("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (*row, '[0, [[["web", 0, 1, 8, 4]]]]', 2))
    else:
        con.execute("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?)", row)
    con.execute("INSERT INTO events VALUES (?, 1, 'stage_start', ?)",
                (run.id, '{"kind": "stage_start", "stage": "gather"}'))
    con.execute("INSERT INTO batch_runs VALUES ('b1', 'hiking seattle', ?, 'done', 0)",
                (run.id,))
    con.execute("INSERT INTO judgements VALUES ('point', ?, 'fake', 'v1', 7.0)", (run.id,))
    con.commit()
    assert con.execute("PRAGMA user_version").fetchone()[0] == 0
    con.close()
    return run


@pytest.mark.parametrize("runs_sql,with_boxes", [(STORE_33F641B, True), (OLD_RUNS, False)],
                         ids=["store-of-33f641b", "store-before-boxes-and-beam"])
def test_a_store_written_before_versioned_migrations_migrates_on_open(tmp_path, runs_sql,
                                                                       with_boxes):
    path = tmp_path / "runs.sqlite"
    run = write_old_store(path, runs_sql, with_boxes)

    store = RunStore(path)

    con = sqlite3.connect(path)
    assert db.schema_version(con) == len(db.MIGRATIONS)
    columns = {r[1] for r in con.execute("PRAGMA table_info(runs)")}
    assert {"boxes", "beam"} <= columns
    con.close()
    (summary,) = store.list()
    assert summary.id == run.id and summary.beam == 2 and summary.best_score == 6.5
    assert store.boxes([run.id])[run.id] == (0, [[("web", 0, 1, 8, 4)]])
    assert [e.kind for _, e in store.events(run.id)] == ["stage_start"]
    assert BatchRuns(store.db).of("b1") == [("hiking seattle", run.id, "done")]
    assert Judgements(store.db).get("point", run.id, "fake", "v1") == 7.0
    log = FeedbackLog(store.db)
    assert log.counts() == {}
    # every owner still writes, and foreign keys are on: deleting a run cascades
    assert store.append(run.id, StageStart(stage="populate")) == 2
    store.delete(run.id)
    assert store.events(run.id) == []


def test_migrations_run_once_and_a_new_file_gets_every_table(tmp_path):
    path = tmp_path / "runs.sqlite"
    applied = []
    counting = tuple(db.Migration(m.name, m.sql, then=lambda con, m=m: applied.append(m.name))
                     for m in db.MIGRATIONS)
    con = db.connect(path)
    assert db.migrate(con, counting) == len(db.MIGRATIONS)
    assert db.migrate(con, counting) == len(db.MIGRATIONS)  # nothing left to do
    assert applied == [m.name for m in db.MIGRATIONS]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"runs", "events", "batch_runs", "judgements", "feedback"} <= tables


def test_every_connection_has_the_stores_pragmas(tmp_path):
    store = RunStore(tmp_path / "runs.sqlite")
    con = store.db.conn()
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_S * 1000
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_a_failed_migration_leaves_the_version_where_it_was(tmp_path):
    path = tmp_path / "runs.sqlite"
    broken = (*db.MIGRATIONS, db.Migration("broken", "CREATE TABLE t (x); CREATE TABLE t (y)"))
    con = db.connect(path)
    with pytest.raises(sqlite3.OperationalError):
        db.migrate(con, broken)
    assert db.schema_version(con) == len(db.MIGRATIONS)
    assert not con.execute("SELECT 1 FROM sqlite_master WHERE name = 't'").fetchone()


def test_a_store_from_a_newer_version_is_refused_with_one_line(tmp_path):
    path = tmp_path / "runs.sqlite"
    RunStore(path)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {len(db.MIGRATIONS) + 1}")
    con.close()
    with pytest.raises(db.SchemaError, match="newer than this code knows"):
        RunStore(path)


def test_threads_opening_a_new_store_at_once_migrate_it_once(tmp_path):
    path = tmp_path / "runs.sqlite"
    errors = []

    def open_it():
        try:
            RunStore(path).list()
        except Exception as e:  # pragma: no cover - the assertion reports it
            errors.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert db.schema_version(sqlite3.connect(path)) == len(db.MIGRATIONS)


def test_no_module_but_db_writes_create_table_or_pragma():
    """The search index (search/local.py) is a separate, rebuildable cache file, not the
    store: it keeps its own schema."""
    root = Path(__file__).resolve().parents[1]
    allowed = {root / "serp_core" / "db.py", root / "serp_core" / "search" / "local.py"}
    pattern = re.compile(r"CREATE\s+(TABLE|INDEX|VIRTUAL)|PRAGMA|sqlite3\.connect", re.I)
    offenders = [str(p.relative_to(root))
                 for folder in ("serp_core", "ui", "app_pages")
                 for p in (root / folder).rglob("*.py")
                 if p not in allowed and pattern.search(p.read_text())]
    assert offenders == []
