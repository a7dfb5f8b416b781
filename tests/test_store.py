import sqlite3
import threading

from serp_core.schema import (
    Candidate,
    Final,
    Layout,
    Reasoning,
    Run,
    RunConfig,
    Scored,
    StageStart,
)
from serp_core.store import RunStore, record


def make_run(run_id="r1", query="hiking seattle"):
    return Run(id=run_id, query=query, config=RunConfig(beam=1))


def test_record_persists_each_event_as_it_passes(tmp_path):
    store = RunStore(tmp_path / "runs.sqlite")
    run = make_run()
    done = run.model_copy(update={"status": "done", "best": 0, "candidates": [
        Candidate(index=0, layout=Layout(), score=7.5)]})
    events = [StageStart(stage="gather"), Reasoning(stage="gather", text="I ", delta=True),
              Scored(candidate=0, score=7.5), Final(run=done)]
    seen = []
    for e in record(store, run, iter(events)):
        # Each event is already stored when the consumer sees it.
        seen.append(e)
        assert [s for s, _ in store.events("r1")][-1] == len(seen)
    assert [e.kind for _, e in store.events("r1")] == [e.kind for e in events]
    assert [s for s, _ in store.events("r1", after=2)] == [3, 4]
    assert store.get("r1").status == "done"
    (summary,) = store.list()
    assert summary.best_score == 7.5 and summary.status == "done"


def test_running_run_is_listed_before_it_finishes(tmp_path):
    store = RunStore(tmp_path / "runs.sqlite")
    stream = record(store, make_run(), iter([StageStart(stage="gather")]))
    next(stream)
    assert store.list()[0].status == "running"


def test_store_uses_wal_and_serves_readers_in_other_threads(tmp_path):
    path = tmp_path / "runs.sqlite"
    store = RunStore(path)
    store.save(make_run())
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    errors = []

    def write():
        for i in range(50):
            store.append("r1", Reasoning(stage="gather", text=str(i)))

    def read():
        try:
            for _ in range(50):
                store.events("r1")
        except Exception as e:  # pragma: no cover - the assertion reports it
            errors.append(e)

    threads = [threading.Thread(target=write), threading.Thread(target=read),
               threading.Thread(target=read)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [s for s, _ in store.events("r1")] == list(range(1, 51))


def test_delete_removes_run_and_events(tmp_path):
    store = RunStore(tmp_path / "runs.sqlite")
    store.save(make_run())
    store.append("r1", StageStart(stage="gather"))
    store.delete("r1")
    assert store.get("r1") is None and store.events("r1") == []


def test_a_store_from_before_the_boxes_and_beam_columns_is_upgraded(tmp_path):
    path = tmp_path / "runs.sqlite"
    run = make_run().model_copy(update={"status": "done", "best": 0, "candidates": [
        Candidate(index=0, layout=Layout.model_validate(
            {"blocks": [{"type": "web", "col": 0, "row": 1, "width": 8, "height": 4}]}))]})
    run.config.beam = 2
    with sqlite3.connect(path) as db:  # the old table, with one run in it
        db.execute("CREATE TABLE runs (id TEXT PRIMARY KEY, query TEXT NOT NULL, vertical TEXT "
                   "NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, prompt_version "
                   "TEXT NOT NULL, backend TEXT NOT NULL, mode TEXT NOT NULL, best_score REAL, "
                   "run_json TEXT NOT NULL)")
        db.execute("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (run.id, run.query, "other", "done", run.created_at.isoformat(), "", "local",
                    "coarse-to-fine", None, run.model_dump_json()))
    db.close()
    store = RunStore(path)
    (summary,) = store.list()
    assert summary.beam == 2
    assert store.boxes([run.id])[run.id] == (0, [[("web", 0, 1, 8, 4)]])  # from the run's JSON
    store.save(run)
    assert store.boxes([run.id, "missing"])[run.id] == (0, [[("web", 0, 1, 8, 4)]])
