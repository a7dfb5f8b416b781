"""Training the multi-grained reward end to end on a small config, and using it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from serp_core.baseline import baseline_run
from serp_core.reward import (
    FAMILIES,
    RewardModel,
    TrainConfig,
    evaluate,
    export_pairs,
    fit_examination,
    judge_pair,
    load_model,
    page_pairs,
    page_pool,
    score_candidate,
    score_layout,
    train,
)
from serp_core.reward.feedback import FeedbackLog, impressions_of
from serp_core.reward.simulator import ClickSimulator
from serp_core.reward.slots import shown_ids
from serp_core.search.local import load_topics

SMALL = TrainConfig(pages_per_query=3, sessions_per_page=12, candidates=3, rounds=1,
                    min_impressions=10)
QUERIES = [q.text for q in load_topics()][::8]  # 25 queries, every vertical


@pytest.fixture(scope="module")
def trained(corpus, tmp_path_factory):
    """(model, summary, out dir, store path) for seed 0, trained once for the module."""
    tmp = tmp_path_factory.mktemp("reward")
    model, summary = train(tmp / "runs.sqlite", queries=QUERIES, search=corpus, config=SMALL,
                           out_dir=tmp / "out")
    return model, summary, tmp / "out", tmp / "runs.sqlite"


def test_training_is_deterministic_under_a_seed(trained, corpus, tmp_path):
    model, _, _, _ = trained
    again, _ = train(tmp_path / "other.sqlite", queries=QUERIES, search=corpus, config=SMALL)
    assert again.version == model.version
    assert again.item.weights == model.item.weights and again.page.weights == model.page.weights
    assert again.gamma == model.gamma and again.lam == model.lam
    other, _ = train(tmp_path / "other.sqlite", queries=QUERIES, search=corpus, config=SMALL,
                     seed=1)
    assert other.version != model.version
    assert other.item.weights != model.item.weights


def test_model_and_summary_are_saved_versioned_and_reloadable(trained, corpus):
    model, summary, out, _ = trained
    loaded = load_model(out)
    assert loaded.version == model.version and loaded.content_hash() == model.version
    assert (out / f"model-{model.version}.json").is_file()
    page = page_pool(corpus, [QUERIES[0]], np.random.default_rng(0), 1)[0]
    assert loaded.score(page) == pytest.approx(model.score(page))
    on_disk = json.loads((out / "summary.json").read_text())
    assert on_disk["model_version"] == model.version
    for family in FAMILIES:
        acc = on_disk["pair_accuracy"][family]
        assert acc["n"] > 0 and 0 <= acc["joint"] <= 1
    scorers = on_disk["ablation"]["scorers"]
    assert {"page_only", "item_only", "joint", "random", "template", "oracle"} <= set(scorers)
    assert scorers["page_only"]["lambda"] == 1.0 and scorers["item_only"]["lambda"] == 0.0
    # the oracle bounds every pick, and the joint pick is no worse than chance here
    for name in ("page_only", "item_only", "joint", "random", "template"):
        assert scorers[name]["expected_clicks"] <= scorers["oracle"]["expected_clicks"] + 1e-9
    assert scorers["joint"]["expected_clicks"] > scorers["random"]["expected_clicks"]
    assert isinstance(on_disk["verdict"], str) and on_disk["verdict"]


def test_a_tampered_model_file_is_refused(trained, tmp_path):
    model, _, out, _ = trained
    data = json.loads((out / "model.json").read_text())
    data["lam"] = 0.99
    (tmp_path / "model.json").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="changed after it was saved"):
        RewardModel.load(tmp_path)


def test_evaluate_a_saved_model_reproduces_the_training_summary(trained, corpus, tmp_path):
    model, summary, out, _ = trained
    again = evaluate(out / "model.json", search=corpus, out_dir=tmp_path)
    assert again["pair_accuracy"] == summary["pair_accuracy"]
    assert again["ablation"] == summary["ablation"]
    assert json.loads((tmp_path / "summary.json").read_text())["model_version"] == model.version


def test_training_writes_its_sessions_to_the_log_and_replaces_them_on_rerun(trained, corpus):
    model, _, _, store = trained
    log = FeedbackLog(store)
    batch = model.training["batch"]
    first = log.counts()["simulated"]["impressions"]
    assert first == model.training["impressions"]
    train(store, queries=QUERIES, search=corpus, config=SMALL)
    assert log.counts()["simulated"]["impressions"] == first  # replaced, not doubled
    assert {s.id.split("/")[0] for s in log.sessions("simulated")} == {batch}


def test_trl_export_lines_parse_and_name_the_pages(trained):
    _, _, out, _ = trained
    lines = (out / "pairs.jsonl").read_text().splitlines()
    assert lines
    for line in lines:
        record = json.loads(line)
        assert set(record) == {"prompt", "chosen", "rejected", "source", "family"}
        assert record["source"] == "simulated" and record["family"] in FAMILIES
        assert record["chosen"] != record["rejected"]
        for side in ("chosen", "rejected"):
            page = json.loads(record[side])
            assert set(page) == {"layout", "order"}
            assert all(len(box) == 4 for box in page["layout"].values())
    # a redundancy pair shows its near-duplicate as a repeated item number
    assert any(any(len(o) != len(set(o)) for o in json.loads(json.loads(line)["rejected"])
                   ["order"].values()) for line in lines)


def test_page_families_change_what_they_say_they_change(corpus):
    pages = page_pool(corpus, QUERIES[:6], np.random.default_rng(0), 4)
    imp = impressions_of(ClickSimulator(seed=0).simulate(p, 30) for p in pages)
    fit = fit_examination(imp, min_impressions=10)
    gamma = fit.filled()
    pairs = page_pairs(pages, fit, gamma, np.random.default_rng(1))
    assert {p.family for p in pairs} == set(FAMILIES)

    def shown(page):
        return [i for b in page.layout.blocks for i in shown_ids(b, page.items)]

    for p in pairs:
        a, b = shown(p.chosen), shown(p.rejected)
        alpha = fit.attraction[p.query]
        if p.family == "relevance":  # less engaged items came in
            new = set(b) - set(a)
            assert new and max(alpha[i] for i in new) < max(alpha[i] for i in set(a) - set(b))
        elif p.family == "ranking":  # same items, another order
            assert sorted(a) == sorted(b) and a != b
        elif p.family == "diversity":  # fewer types
            assert len({x.type for x in p.rejected.layout.blocks}) < len(
                {x.type for x in p.chosen.layout.blocks})
        else:  # a near-duplicate is shown
            assert any(i.endswith("~dup") for i in b)
            assert any(p.rejected.items[i].url == p.rejected.items[i[:-4]].url
                       for i in b if i.endswith("~dup"))


def test_stage3_score_and_pair_judge(trained, corpus):
    model, _, _, _ = trained
    run = baseline_run(QUERIES[1], corpus)
    s = score_candidate(model, run, 0)
    assert 0 <= s <= 10
    c = run.candidates[0]
    assert score_layout(model, run.query, c.layout, run.items, run.vertical) == s
    other = page_pool(corpus, [run.query], np.random.default_rng(5), 2)[1]
    x, y = (c.layout, run.items), (other.layout, other.items)
    xy = judge_pair(model, run.query, x, y, run.vertical)
    yx = judge_pair(model, run.query, y, x, run.vertical)
    assert xy + yx == pytest.approx(10, abs=0.02)  # no position bias, by construction
    assert judge_pair(model, run.query, x, x, run.vertical) == 5
    # a better combined score means a higher Stage 3 score
    sy = score_layout(model, run.query, other.layout, other.items, run.vertical)
    assert (s > sy) == (xy > 5)


def test_export_pairs_writes_one_line_per_pair(corpus, tmp_path):
    pages = page_pool(corpus, QUERIES[:2], np.random.default_rng(0), 2)
    imp = impressions_of(ClickSimulator(seed=0).simulate(p, 20) for p in pages)
    fit = fit_examination(imp, min_impressions=5)
    pairs = page_pairs(pages, fit, fit.filled(), np.random.default_rng(0))
    n = export_pairs(tmp_path / "p.jsonl", pairs)
    lines = (tmp_path / "p.jsonl").read_text().splitlines()
    assert n == len(pairs) == len(lines)
    record = json.loads(lines[0])
    assert pairs[0].query in record["prompt"]
