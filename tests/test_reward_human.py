"""People's judgments feed the learned page reward: each judged pair becomes a preference pair
(the mean of its judges decides, a tie gives none), marked as human in the TRL export, and a
preference people hold against the clicks moves the page reward toward them."""

from __future__ import annotations

import json

import pytest

from serp_core.db import Database
from serp_core.human_judgments import HumanJudgment, HumanJudgments
from serp_core.reward import TrainConfig, export_pairs, train
from serp_core.reward.export import page_text
from serp_core.reward.human import human_pairs
from serp_core.reward.train import human_pair_summary
from serp_core.search.local import load_topics
from serp_core.store import RunStore
from tests.judging_support import judged_experiment

SMALL = TrainConfig(pages_per_query=3, sessions_per_page=12, candidates=3, rounds=1,
                    min_impressions=10)
QUERIES = [q.text for q in load_topics()][::8]  # 25 queries, every vertical


def judge(store, verdict, name, score):
    """`name` scores X (the template page) against Y (a random layout): 0 = Y far better."""
    HumanJudgments(Database(store)).put(HumanJudgment(
        judge=name, run_x=verdict.run_x, run_y=verdict.run_y, query=verdict.query,
        x_left=False, raw=score, reasons=["cleaner layout"]))


def test_judged_pairs_become_preference_pairs_marked_human(tmp_path, corpus):
    summary = judged_experiment(tmp_path, corpus, queries=QUERIES[:4])
    store = tmp_path / "runs.sqlite"
    v = summary.verdicts
    judge(store, v[0], "ana", 8)
    judge(store, v[0], "ben", 6)  # mean 7: X preferred, by 2 of 5
    judge(store, v[1], "ana", 1)  # Y preferred, by 4 of 5
    judge(store, v[2], "ana", 5)  # a tie says nothing
    judge(store, v[3], "ana", 9)
    RunStore(store).delete(v[3].run_y)  # a pair whose run is gone is left out
    pairs = human_pairs(store, weight=2.0)
    assert [(p.query, p.source, p.family) for p in pairs] == [
        (v[0].query, "human", "judged"), (v[1].query, "human", "judged")]
    runs = RunStore(store)
    first, second = pairs
    assert first.chosen.layout == runs.get(v[0].run_x).winner.layout
    assert second.chosen.layout == runs.get(v[1].run_y).winner.layout
    assert first.weight == pytest.approx(2.0 * 2 / 5) and second.weight == pytest.approx(1.6)

    export_pairs(tmp_path / "pairs.jsonl", pairs)
    records = [json.loads(line) for line in (tmp_path / "pairs.jsonl").read_text().splitlines()]
    assert [r["source"] for r in records] == ["human", "human"]
    assert records[0]["chosen"] == page_text(first.chosen)
    assert records[0]["rejected"] == page_text(first.rejected) != records[0]["chosen"]
    assert f'"{v[0].query}"' in records[0]["prompt"]


def test_a_preference_people_hold_against_the_clicks_moves_the_page_reward(tmp_path, corpus):
    """People here prefer a random layout to the template page, which the click simulator
    favours: without their pairs the page reward ranks every one of them the other way."""
    summary = judged_experiment(tmp_path, corpus, queries=QUERIES[:12])
    store = tmp_path / "runs.sqlite"
    for verdict in summary.verdicts:
        judge(store, verdict, "ana", 0)
    pairs = human_pairs(store)
    without, _ = train(store, queries=QUERIES, search=corpus,
                       config=SMALL.model_copy(update={"use_human": False}))
    model, trained = train(store, queries=QUERIES, search=corpus, out_dir=tmp_path / "out",
                           config=SMALL.model_copy(update={"human_weight": 20.0}))
    assert human_pair_summary(without, pairs)["fit_accuracy"]["page"] < 0.2
    assert trained["human_pairs"]["n"] == 12 and model.training["human_pairs"] == 12
    assert trained["human_pairs"]["fit_accuracy"]["page"] > 0.8
    sources = [json.loads(line)["source"]
               for line in (tmp_path / "out" / "pairs.jsonl").read_text().splitlines()]
    assert sources.count("human") == 12 and sources.count("simulated") > 12
