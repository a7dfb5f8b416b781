"""The learned reward where a user meets it: the reward command, Stage 3's reward scorer and
the reward as a judge of experiments."""

from __future__ import annotations

import json

import pytest

from serp_core.experiments.catalog import get
from serp_core.experiments.experiment import run_experiment
from serp_core.experiments.judges import JudgeSetup, open_judge
from serp_core.experiments.query_sets import Query, bundled, select
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.reward import load_model, train
from serp_core.schema import ErrorEvent, Final, RunConfig
from serp_core.store import RunStore
from tests.serp_responder import SerpResponder
from tests.test_cli import cli, one_line_error

QUERIES = select(bundled(), n=16, seed=2)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("reward")
    train(out / "runs.sqlite", queries=QUERIES, search=corpus, sessions_per_page=5, out_dir=out)
    return out


def test_reward_train_then_eval_from_the_command_line(tmp_path):
    csv = tmp_path / "queries.csv"
    csv.write_text("query,vertical\n" + "".join(f"{q.text},{q.vertical}\n" for q in QUERIES))
    out = tmp_path / "reward"
    trained = cli("reward", "train", "--queries", str(csv), "--sessions", "5", "--out", str(out),
                  data_dir=tmp_path / "data")
    assert trained.returncode == 0, trained.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert set(summary["pair_accuracy"]) == {"relevance", "ranking", "diversity", "redundancy"}
    scorers = summary["ablation"]["scorers"]
    assert {"page_only", "item_only", "joint"} <= set(scorers)
    assert scorers["page_only"]["lambda"] == 1.0 and scorers["item_only"]["lambda"] == 0.0
    assert all(0 < s["grid_ndcg"] <= 1 and s["expected_clicks"] > 0 for s in scorers.values())
    model = load_model(out)
    assert f"model {model.version}" in trained.stdout
    pairs = [json.loads(line) for line in (out / "pairs.jsonl").read_text().splitlines()]
    assert pairs and all(set(p) >= {"prompt", "chosen", "rejected"} for p in pairs)
    assert all(p["chosen"] != p["rejected"] for p in pairs)

    evaluated = cli("reward", "eval", "--reward-model", str(out), "--out", str(tmp_path / "e"),
                    data_dir=tmp_path / "data")
    assert evaluated.returncode == 0, evaluated.stderr
    again = json.loads((tmp_path / "e" / "summary.json").read_text())
    assert again["pair_accuracy"] == summary["pair_accuracy"]


def test_reward_eval_without_a_model_is_one_line(tmp_path):
    proc = cli("reward", "eval", "--reward-model", str(tmp_path / "none"), data_dir=tmp_path)
    assert proc.returncode != 0
    assert "none" in one_line_error(proc)



def run_with(srv, corpus, reward_model: str):
    prompts = PromptSet.load()
    config = RunConfig(backend="openai", beam=2, max_polish_steps=0, scorer="reward",
                       reward_model=reward_model)
    run = new_run("weekend in lisbon", config, search=corpus, prompts=prompts)
    events = list(generate(run, model=srv.chat_model(), search=corpus, prompts=prompts))
    return events, events[-1].run


def test_the_reward_scores_stage_3_without_a_model_call(fake_openai, corpus, model_dir):
    responder = fake_openai.responder = SerpResponder()
    events, final = run_with(fake_openai, corpus, str(model_dir))
    assert isinstance(events[-1], Final) and final.status == "done"
    assert responder.counts.get("score", 0) == 0
    version = load_model(model_dir).version
    for c in final.candidates:
        assert 0 <= c.score <= 10 and c.score_reason.startswith(f"learned page reward {version}")


def test_without_a_trained_reward_the_metrics_score_and_it_says_so(fake_openai, corpus,
                                                                   tmp_path):
    fake_openai.responder = SerpResponder()
    events, final = run_with(fake_openai, corpus, str(tmp_path / "missing"))
    assert final.status == "done"
    errors = [e.message for e in events if isinstance(e, ErrorEvent)]
    assert len(errors) == 1 and "no reward model" in errors[0]
    assert all(c.score_reason.endswith("gave no score: page metrics") for c in final.candidates)


def test_the_reward_judges_an_experiment(fake_openai, corpus, model_dir, tmp_path):
    fake_openai.responder = SerpResponder()
    queries = [Query(text=t, vertical=v) for t, v in (
        ("weekend in lisbon", "travel"), ("best running shoes", "shopping"),
        ("flu symptoms vs covid", "health"))]
    reward = load_model(model_dir)
    summary = run_experiment(get("genserp-vs-template"), queries,
                             store=RunStore(tmp_path / "runs.sqlite"), search=corpus,
                             model=fake_openai.chat_model(), prompts=PromptSet.load(),
                             base=RunConfig(backend="openai", beam=1, max_polish_steps=0),
                             extra_judges=[open_judge("reward", JudgeSetup(
                                 reward_model=str(model_dir)))]).summary.to_json()
    judged = summary["reward_judge"]
    assert list(summary)[-1] == "reward_judge"  # after the model judge's keys, as before
    assert judged["model"] == reward.version
    assert judged["table"][-1]["group"] == "all" and judged["table"][-1]["n"] == 3
    assert all(0 <= m <= 10 for m in judged["score_mean"])
