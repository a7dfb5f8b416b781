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
