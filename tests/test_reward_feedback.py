"""The feedback log: simulated and human impressions in one table of the run store's file."""

from __future__ import annotations

import sqlite3
import threading

import numpy as np
import pytest

from serp_core.reward import ClickParams, ClickSimulator, FeedbackLog, fit_examination, page_pool
from serp_core.reward.feedback import impressions_of, session_key
from serp_core.store import RunStore


@pytest.fixture
def pages(corpus):
    return page_pool(corpus, ["best hiking trails near seattle", "3 day tokyo itinerary"],
                     np.random.default_rng(0), per_query=2)


def test_simulated_and_human_rows_roundtrip_in_the_run_store_file(tmp_path, pages):
    store = RunStore(tmp_path / "runs.sqlite")
    log = FeedbackLog(store.path)
    # a simulator per page, each with its own seed: one seed would draw the same session ids
    sims = [ClickSimulator(ClickParams(explore=0.5), seed=n).simulate(p, 6)
            for n, p in enumerate(pages)]
    written = log.add_simulated(sims, batch="job-1")
    assert written == sum(len(s.ids) * len(s.slots) for s in sims)

    # a person looks at a rendered page and clicks two of its items
    page = pages[0]
    sid = log.open_session(page.query, page.layout, page.items, run_id="run-42")
    shown = page.slots()
    assert log.record_click(sid, shown[2].item_id)
    assert log.record_click(sid, shown[0].item_id)
    assert not log.record_click(sid, "not-on-the-page")

    counts = log.counts()
    assert counts["human"] == {"sessions": 1, "impressions": len(shown), "clicks": 2}
    assert counts["simulated"]["sessions"] == sum(len(s.ids) for s in sims)
    assert counts["simulated"]["clicks"] == sum(int(s.clicked.sum()) for s in sims)

    (human,) = log.sessions("human")
    assert human.run_id == "run-42" and human.query == page.query
    assert [sh.slot for sh in human.shown] == shown  # geometry survives the trip
    assert [sh.clicked for sh in human.shown] == [i in (0, 2) for i in range(len(shown))]
    assert all(sh.examined is None for sh in human.shown)  # nobody knows, for a person

    simulated = log.sessions("simulated", batch="job-1")
    first = sims[0]
    back = {s.id: s for s in simulated}[session_key("job-1", first.ids[0])]
    assert [sh.clicked for sh in back.shown] == first.clicked[0].tolist()
    assert [sh.examined for sh in back.shown] == first.examined[0].tolist()
    assert [sh.slot.item_id for sh in back.shown] == [
        first.slots[j].item_id for j in first.shown[0]]
    explored = [s for s in simulated if s.explored]
    assert explored and any(sh.slot.type != sh.slot.block_type or sh.slot.item_id != orig.item_id
                            for s in explored for sh, orig in zip(s.shown, first.slots,
                                                                   strict=False))

    # the run store's own tables are untouched and still usable
    with sqlite3.connect(store.path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"runs", "events", "feedback"} <= tables
    assert store.path == log.path


def test_clear_removes_one_source_or_one_batch(tmp_path, pages):
    log = FeedbackLog(tmp_path / "f.sqlite")
    sim = ClickSimulator(seed=1)
    log.add_simulated([sim.simulate(pages[0], 3)], batch="a")
    log.add_simulated([sim.simulate(pages[1], 3)], batch="b")
    sid = log.open_session(pages[0].query, pages[0].layout, pages[0].items)
    log.record_click(sid, pages[0].slots()[0].item_id)
    n_a = len(pages[0].slots()) * 3
    assert log.clear("simulated", batch="a") == n_a
    assert {s.id for s in log.sessions("simulated")} == set(log.sessions(
        "simulated", batch="b")[i].id for i in range(3))
    assert log.counts()["human"]["clicks"] == 1
    log.clear("simulated")
    assert set(log.counts()) == {"human"}
    log.clear()
    assert log.counts() == {}


def test_fits_read_the_log_or_sessions_alike(tmp_path, pages):
    log = FeedbackLog(tmp_path / "f.sqlite")
    sims = [ClickSimulator(seed=2 + n).simulate(p, 20) for n, p in enumerate(pages)]
    log.add_simulated(sims)
    from_log = fit_examination(log, min_impressions=5)
    from_sessions = fit_examination(log.sessions(), min_impressions=5)
    in_memory = fit_examination(impressions_of(sims), min_impressions=5)
    for other in (from_sessions, in_memory):
        assert other.counts == from_log.counts
        np.testing.assert_allclose(other.grid(), from_log.grid(), equal_nan=True)
    assert from_log.clicks == sum(int(s.clicked.sum()) for s in sims)


def test_two_writers_at_once(tmp_path, pages):
    path = tmp_path / "f.sqlite"
    errors: list[BaseException] = []

    def write(seed: int) -> None:
        try:
            log = FeedbackLog(path)
            sim = ClickSimulator(seed=seed)
            for _ in range(5):
                log.add_simulated([sim.simulate(pages[seed], 4)])
                log.open_session(pages[seed].query, pages[seed].layout, pages[seed].items)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    counts = FeedbackLog(path).counts()
    assert counts["simulated"]["sessions"] == 2 * 5 * 4 and counts["human"]["sessions"] == 10
