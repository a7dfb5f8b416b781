import io
import sqlite3
import threading

import pytest

from serp_core.experiments.batch import (
    INTERRUPTED,
    Batch,
    BatchRuns,
    Progress,
    progress_bar,
    run_batch,
)
from serp_core.llm.openai_backend import OpenAIChatModel
from serp_core.prompts import PromptSet
from serp_core.schema import Final, Run, RunConfig
from serp_core.store import RunStore
from tests.serp_responder import QUERIES, SerpResponder

CONFIG = RunConfig(backend="openai", beam=1, max_polish_steps=0)


@pytest.fixture
def prompts():
    return PromptSet.load()


@pytest.fixture
def store(tmp_path):
    return RunStore(tmp_path / "runs.sqlite")


def batch_runs(store, batch_id):
    return BatchRuns(store.db).of(batch_id)


def make_batch(prompts, queries=QUERIES, **kw):
    return Batch(experiment="test", config=CONFIG, prompt_version=prompts.version,
                 queries=queries, **kw)


def runs_started(fake_openai, query):
    """How many runs the fake server saw for a query (each run asks for its intent once)."""
    return sum(body["messages"][-1]["content"].startswith(f'I am reading the query "{query}"')
               for body in fake_openai.requests)


def test_a_batch_runs_every_query_concurrently_and_records_it(fake_openai, corpus, store,
                                                               prompts):
    responder = fake_openai.responder = SerpResponder(delay=0.03)
    batch = make_batch(prompts)
    reports: list[Progress] = []
    result = run_batch(batch, store=store, search=corpus, model=fake_openai.chat_model(),
                       prompts=prompts, concurrency=2, on_progress=reports.append)

    assert result.complete and (result.done, result.failed, result.skipped) == (4, 0, 0)
    assert list(result.run_ids) == [q.text for q in QUERIES]  # in batch order
    assert responder.max_queries_in_flight == 2  # two runs at a time
    members = batch_runs(store, batch.id)
    assert [(q, r, s) for q, r, s in members] == [
        (q.text, result.run_ids[q.text], "done") for q in QUERIES]
    for q in QUERIES:
        run = store.get(result.run_ids[q.text])
        assert run.status == "done" and run.query == q.text and run.vertical == q.vertical
        assert run.config.model == "fake" and len(run.candidates) == 1
        assert isinstance(store.events(run.id)[-1][1], Final)
    assert reports[0] == Progress(total=4)  # the opening report, before any run
    assert [(p.done, p.failed) for p in reports[1:]] == [(1, 0), (2, 0), (3, 0), (4, 0)]
    assert {p.query for p in reports[1:]} == {q.text for q in QUERIES}
    assert batch.config.model == ""  # runs filling in the model did not change the batch


def test_an_interrupted_batch_resumes_without_redoing_finished_runs(fake_openai, corpus,
                                                                    store, prompts):
    fake_openai.responder = SerpResponder(delay=0.01)
    model = fake_openai.chat_model()
    batch = make_batch(prompts)

    def crash_after_two(p: Progress) -> None:
        if p.done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(batch, store=store, search=corpus, model=model, prompts=prompts,
                  concurrency=1, on_progress=crash_after_two)
    first = {q: (r, s) for q, r, s in batch_runs(store, batch.id)}
    finished = [q for q, (_, s) in first.items() if s == "done"]
    assert finished == [QUERIES[0].text, QUERIES[1].text]
    assert QUERIES[3].text not in first and runs_started(fake_openai, QUERIES[3].text) == 0
    for run_id, status in first.values():  # a run cut short is failed, not "running"
        assert status in ("done", "failed")
        assert store.get(run_id).status == status
        if status == "failed":
            assert store.get(run_id).error == INTERRUPTED

    seen = len(fake_openai.requests)
    reports: list[Progress] = []
    result = run_batch(batch, store=store, search=corpus, model=model, prompts=prompts,
                       concurrency=2, on_progress=reports.append)
    assert result.complete and result.skipped == 2 and result.done == 4
    assert reports[0] == Progress(done=2, skipped=2, total=4)
    for q in finished:  # the same runs, and not a single new request for them
        assert result.run_ids[q] == first[q][0]
        assert not any(q in str(body) for body in fake_openai.requests[seen:])
        assert runs_started(fake_openai, q) == 1
    for q in QUERIES[2:]:
        assert runs_started(fake_openai, q.text) >= 1
        assert store.get(result.run_ids[q.text]).status == "done"
    assert {s for _, _, s in batch_runs(store, batch.id)} == {"done"}


def test_a_crash_mid_run_leaves_a_row_and_the_run_is_redone(fake_openai, corpus, store,
                                                            prompts):
    fake_openai.responder = SerpResponder()
    model = fake_openai.chat_model()
    batch = make_batch(prompts, queries=QUERIES[:2])
    done = run_batch(batch, store=store, search=corpus, model=model, prompts=prompts,
                     concurrency=2, on_progress=None)
    # Simulate a process killed mid-run: the second query's run and row say "running".
    zombie_id = done.run_ids[QUERIES[1].text]
    zombie = store.get(zombie_id).model_copy(update={"status": "running", "candidates": [],
                                                       "best": None, "worker": "1-gone"})
    store.save(zombie)
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE batch_runs SET status = 'running' WHERE run_id = ?", (zombie_id,))
    # ...and one killed after the run was saved but before its row was: run done, row not.
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE batch_runs SET status = 'running' WHERE run_id = ?",
                   (done.run_ids[QUERIES[0].text],))

    again = run_batch(batch, store=store, search=corpus, model=model, prompts=prompts,
                      concurrency=2)
    assert again.skipped == 1 and again.done == 2
    assert again.run_ids[QUERIES[0].text] == done.run_ids[QUERIES[0].text]
    new_id = again.run_ids[QUERIES[1].text]
    assert new_id != zombie_id and store.get(new_id).status == "done"
    old = store.get(zombie_id)  # the interrupted run is kept, and says what happened
    assert old.status == "interrupted" and old.interrupted_at is not None
    assert batch_runs(store, batch.id) == [(QUERIES[0].text, done.run_ids[QUERIES[0].text],
                                            "done"), (QUERIES[1].text, new_id, "done")]


def test_failed_runs_are_recorded_not_raised_and_redone_next_time(fake_openai, corpus, store,
                                                                   prompts):
    dead = OpenAIChatModel(base_url="http://127.0.0.1:9/v1", model="fake", api_key="k",
                           max_retries=0, timeout_s=2)
    batch = make_batch(prompts, queries=QUERIES[:2])
    failed = run_batch(batch, store=store, search=corpus, model=dead, prompts=prompts,
                       concurrency=2)
    assert (failed.done, failed.failed) == (0, 2) and not failed.complete
    assert {s for _, _, s in batch_runs(store, batch.id)} == {"failed"}
    assert all(store.get(r).status == "failed" for r in failed.run_ids.values())

    fake_openai.responder = SerpResponder()
    fixed = run_batch(batch, store=store, search=corpus, model=fake_openai.chat_model(),
                      prompts=prompts, concurrency=2)
    assert fixed.complete and fixed.skipped == 0
    assert set(fixed.run_ids.values()).isdisjoint(failed.run_ids.values())


def test_a_stopped_batch_starts_nothing_more(fake_openai, corpus, store, prompts):
    fake_openai.responder = SerpResponder()
    stop = threading.Event()
    stop.set()
    result = run_batch(make_batch(prompts), store=store, search=corpus,
                       model=fake_openai.chat_model(), prompts=prompts, concurrency=2, stop=stop)
    assert result.stopped and result.done == 0 and fake_openai.requests == []


def test_the_batch_id_is_stable_and_tells_batches_apart(prompts):
    batch = make_batch(prompts)
    assert make_batch(prompts).id == batch.id and len(batch.id) == 16
    others = [
        make_batch(prompts, arm="b"),
        make_batch(prompts, queries=list(reversed(QUERIES))),
        make_batch(prompts, queries=QUERIES[:3]),
        Batch(experiment="other", config=CONFIG, prompt_version=prompts.version,
              queries=QUERIES),
        Batch(experiment="test", config=CONFIG.model_copy(update={"beam": 2}),
              prompt_version=prompts.version, queries=QUERIES),
        Batch(experiment="test", config=CONFIG, prompt_version="0" * 12, queries=QUERIES),
    ]
    assert len({b.id for b in others} | {batch.id}) == len(others) + 1
    with pytest.raises(ValueError, match="twice"):
        make_batch(prompts, queries=[QUERIES[0], QUERIES[0]])


def test_mismatched_prompts_model_or_concurrency_are_refused(fake_openai, corpus, store,
                                                              prompts):
    model = fake_openai.chat_model()
    kw = dict(store=store, search=corpus, model=model, prompts=prompts)
    with pytest.raises(ValueError, match="prompt version"):
        run_batch(Batch(config=CONFIG, prompt_version="x", queries=QUERIES), **kw)
    with pytest.raises(ValueError, match="model 'other'"):
        run_batch(Batch(config=CONFIG.model_copy(update={"model": "other"}),
                        prompt_version=prompts.version, queries=QUERIES), **kw)
    with pytest.raises(ValueError, match="concurrency"):
        run_batch(make_batch(prompts), concurrency=0, **kw)
    assert fake_openai.requests == []


def test_membership_lives_in_the_run_store_file_beside_its_tables(tmp_path, store):
    assert batch_runs(store, "nothing") == []  # nothing started
    with sqlite3.connect(store.path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"runs", "events", "batch_runs"} <= tables
    store.save(Run(id="r1", query="q", config=RunConfig()))
    assert store.get("r1").query == "q"


def test_progress_bar_draws_one_line():
    out = io.StringIO()
    show = progress_bar(out, width=10)
    show(Progress(done=2, failed=1, total=4, skipped=1))
    show(Progress(done=3, failed=1, total=4, skipped=1))
    text = out.getvalue()
    assert "\r[#######...] 3/4 done 2 · failed 1 · resumed 1" in text
    assert text.endswith("[##########] 4/4 done 3 · failed 1 · resumed 1\n")
