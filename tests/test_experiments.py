"""The Section 5 experiments end to end against the fake server: every definition runs and
reports, arms and verdicts are reused, and the probes change what the model is shown."""

from __future__ import annotations

import json
import re
import shutil
from typing import Any

import pytest

from serp_core.experiments.analyses import read_summary
from serp_core.experiments.catalog import EXPERIMENTS, get
from serp_core.experiments.experiment import run_experiment
from serp_core.experiments.query_sets import Query, bundled
from serp_core.experiments.report import write_report
from serp_core.experiments.treatments import shuffled_examples
from serp_core.human_judgments import HumanJudgment, HumanJudgments
from serp_core.pipeline.answer import random_text
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.render.browser import find_browser
from serp_core.schema import ANSWER_ID, ContentType, Final, RunConfig
from serp_core.store import RunStore
from tests.serp_responder import QUERIES, SerpResponder, call_kind

BASE = RunConfig(backend="openai", beam=2, max_polish_steps=0)
# summary.json's keys, in order, as the untyped summaries had them
COMMON_KEYS = ["experiment", "title", "paper", "question", "analysis", "model", "queries",
               "verticals", "arms", "complete"]
# The keys of 33f641b in their order; later keys come after them (issue 15: every pair's
# verdicts, who judged, and people's judgments).
KIND_KEYS = {"judged": ["table", "pairs", "arm_x", "arm_y", "pointwise", "method", "verdicts",
                        "judge_models", "humans"],
             "placement": ["table", "method"], "heatmaps": ["table", "layouts", "method"]}


@pytest.fixture
def store(tmp_path):
    return RunStore(tmp_path / "runs.sqlite")


@pytest.fixture
def prompts():
    return PromptSet.load()



def run(name, srv, store, corpus, prompts, queries=QUERIES, **kw):
    return run_experiment(get(name), queries, store=store, search=corpus, model=srv.chat_model(),
                          prompts=prompts, base=BASE, concurrency=4, **kw)


def prompt_of(body: dict[str, Any]) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def intents(srv) -> int:
    """Runs the server saw start (each GenSERP run asks for its intent once)."""
    return sum(prompt_of(b).startswith("I am reading the query") for b in srv.requests)


def pair_requests(srv) -> int:
    return sum("Page A, " in prompt_of(b) for b in srv.requests)


@pytest.mark.parametrize("name", list(EXPERIMENTS))
def test_every_experiment_runs_and_writes_its_report(name, fake_openai, store, corpus, prompts,
                                                     tmp_path):
    fake_openai.responder = SerpResponder()
    result = run(name, fake_openai, store, corpus, prompts)
    summary = result.summary.to_json()
    assert summary["complete"] and not result.stopped
    assert [a["done"] for a in summary["arms"]] == [4] * len(get(name).arms)
    assert summary["table"] and result.figures
    files = write_report(result, tmp_path / "out", png=False)
    written = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert written["table"] == json.loads(json.dumps(summary["table"]))
    assert list(written) == COMMON_KEYS + KIND_KEYS[get(name).analysis]
    assert read_summary(written, get(name).analysis) == result.summary
    assert {f.suffix for f in files} == {".json", ".html"}
    assert (tmp_path / "out" / "plotly.min.js").is_file()  # the plots open offline


def test_arms_and_verdicts_are_reused_not_redone(fake_openai, store, corpus, prompts):
    fake_openai.responder = SerpResponder()
    run("beam-vs-greedy", fake_openai, store, corpus, prompts)
    assert intents(fake_openai) == 8 and pair_requests(fake_openai) == 8  # both orders
    again = run("beam-vs-greedy", fake_openai, store, corpus, prompts)
    assert intents(fake_openai) == 8 and pair_requests(fake_openai) == 8
    assert [a.resumed for a in again.summary.arms] == [4, 4]
    other = run("coarse-vs-single", fake_openai, store, corpus, prompts)
    assert [a.resumed for a in other.summary.arms] == [4, 0]  # GenSERP's runs shared
    assert intents(fake_openai) == 8  # single-step runs ask no intent


def test_the_judged_table_follows_the_judge_in_both_orders(fake_openai, store, corpus,
                                                           prompts):
    """A judge that always prefers the GenSERP page (the scripted model shows at most 3 web
    results, the template 5), whichever side it is shown on."""
    responder = fake_openai.responder = SerpResponder()

    def judge(body):
        text = prompt_of(body)
        if "Page A, " not in text:
            return None
        shown_a = text.split("Page A, ")[1].split("Page B, ")[0]
        web_shown = int(re.search(r"^web \[.*?shows (\d+)", shown_a, re.M).group(1))
        genserp_is_a = web_shown <= 3
        return json.dumps({"reasons": ["clearer"], "score": 9 if genserp_is_a else 1})

    responder.overrides["score"] = judge
    queries = QUERIES + [Query(text=t, vertical="travel") for t in
                         ("hiking trails near seattle", "cheap flights to tokyo")]
    summary = run("genserp-vs-template", fake_openai, store, corpus, prompts,
                  queries=queries).summary.to_json()
    rows = {r["group"]: r for r in summary["table"]}
    assert list(rows) == ["travel", "entertainment", "shopping", "health", "all"]
    assert rows["all"]["n"] == 6 and rows["all"]["wins"] == 6 and rows["all"]["mean_score"] == 9
    assert rows["travel"]["wins"] == 3 and rows["travel"]["p"] is not None  # 3 untied: tested
    assert rows["health"]["p"] is None and "too few" in rows["health"]["reason"]
    assert rows["all"]["p"] == pytest.approx(0.0312, abs=1e-4)  # exact: 2 / 2**6
    assert summary["pointwise"][0]["arm"] == "genserp"


def test_a_judged_experiment_lists_its_pairs_and_takes_peoples_judgments_in(
        fake_openai, store, corpus, prompts):
    """Every pair's runs and verdicts are in the summary; judgments people gave on those pairs
    meanwhile are in it when the experiment runs again (its runs and verdicts are reused)."""
    fake_openai.responder = SerpResponder()
    first = run("beam-vs-greedy", fake_openai, store, corpus, prompts).summary
    assert [v.query for v in first.verdicts] == [q.text for q in QUERIES]
    assert all(v.scores["model"] is not None for v in first.verdicts)
    assert first.judge_models == {"model": fake_openai.chat_model().name}
    assert first.humans.judgments == 0 and first.humans.table == []
    people = HumanJudgments(store.db)
    for v in first.verdicts:
        for name, raw in (("ana", 8), ("ben", 9)):
            people.put(HumanJudgment(judge=name, run_x=v.run_x, run_y=v.run_y, query=v.query,
                                     vertical=v.vertical, x_left=False, raw=raw))
    again = run("beam-vs-greedy", fake_openai, store, corpus, prompts).summary
    assert again.humans.judgments == 8 and again.humans.judges == 2
    assert again.humans.table[-1].mean_score == 8.5 and again.humans.table[-1].wins == 4
    assert again.humans.agreement[0].judge == "model" and again.humans.agreement[0].pairs == 4


def test_a_planted_content_order_effect_is_found_and_no_other(fake_openai, store, corpus,
                                                             prompts):
    """The model puts images on top when the prompt lists them first, else at the bottom;
    listing web first changes nothing."""
    responder = fake_openai.responder = SerpResponder()

    def layout(body):
        props = body["response_format"]["json_schema"]["schema"]["properties"]
        images_first = prompt_of(body).split("The content I have: ")[1].startswith("images")
        rest = [t for t in ContentType if t in props and t != "images"]  # a fixed order
        order = (["images"] + rest) if images_first else (rest + ["images"])
        return json.dumps({**{t: [0, 3 * i, 8, 3] for i, t in enumerate(order)},
                           "confidence": 9})

    responder.overrides["layout"] = layout
    # Demo queries with images in the corpus: the relevance floor drops images a query is
    # not about, and every query here must have them.
    queries = [q for q in bundled() if q.vertical == "travel"][:8]
    summary = run("content-order", fake_openai, store, corpus, prompts,
                  queries=queries).summary.to_json()
    found = {(r["treatment"], r["type"], r["measure"]): r for r in summary["table"]}
    planted = found[("images-first", "images", "centre_y")]
    assert planted["significant"] and planted["cliffs_delta"] == -1.0
    assert not any(r["significant"] for (t, _, _), r in found.items() if t == "web-first")


def test_content_first_leads_the_layout_prompt(fake_openai, corpus, prompts):
    fake_openai.responder = SerpResponder()
    config = BASE.model_copy(update={"content_first": ContentType.videos, "beam": 1})
    r = new_run("weekend in lisbon", config, search=corpus, prompts=prompts)
    list(generate(r, model=fake_openai.chat_model(), search=corpus, prompts=prompts))
    layout_prompts = [prompt_of(b) for b in fake_openai.requests if call_kind(b) == "layout"]
    assert layout_prompts[0].split("The content I have: ")[1].startswith("videos (")
    schema = next(b for b in fake_openai.requests if call_kind(b) == "layout")
    assert list(schema["response_format"]["json_schema"]["schema"]["properties"])[0] == "videos"


def answer_run(srv, corpus, prompts, probe):
    config = BASE.model_copy(update={"answer_probe": probe, "beam": 1})
    r = new_run("weekend in lisbon", config, search=corpus, prompts=prompts)
    final = [e for e in generate(r, model=srv.chat_model(), search=corpus, prompts=prompts)
             if isinstance(e, Final)][0].run
    assert final.status == "done"
    return final


def test_the_paraphrase_probe_adds_four_answers(fake_openai, corpus, prompts):
    responder = fake_openai.responder = SerpResponder()
    responder.overrides["answer"] = lambda body: (
        f"{SerpResponder.answer(responder, body)} Version {body.get('seed')}.")
    final = answer_run(fake_openai, corpus, prompts, "paraphrases")
    answers = [i for i in final.items.values() if i.type == ContentType.chat_answer]
    assert [a.id for a in answers] == [ANSWER_ID] + [f"{ANSWER_ID}-{n}" for n in range(1, 5)]
    assert len({a.text for a in answers}) == 5  # resampled with distinct seeds
    block = final.candidates[0].layout.block(ContentType.chat_answer)
    assert set(block.item_ids) == {a.id for a in answers}


def test_the_random_text_probe_keeps_only_the_answers_length(fake_openai, corpus, prompts):
    fake_openai.responder = SerpResponder()
    plain = answer_run(fake_openai, corpus, prompts, "none").items[ANSWER_ID].text
    probed = answer_run(fake_openai, corpus, prompts, "random_text").items[ANSWER_ID].text
    assert len(probed) == len(plain) and probed != plain
    assert not set(probed.split()) & set(plain.lower().split())


def test_random_text_has_the_exact_length_and_is_seeded():
    for n in (1, 7, 80, 333):
        assert len(random_text(n, seed=1)) == n
    assert random_text(50, seed=1) == random_text(50, seed=1) != random_text(50, seed=2)


def test_shuffled_examples_move_the_answer_down_and_deal_the_other_boxes_again(prompts):
    shuffled = shuffled_examples(prompts, seed=3)
    assert shuffled.version != prompts.version
    assert shuffled_examples(prompts, seed=3).version == shuffled.version
    for before, after in zip(prompts.examples, shuffled.examples, strict=True):
        assert set(after.layout) == set(before.layout)
        answer = after.layout[ContentType.chat_answer]
        others = [b for t, b in after.layout.items() if t != ContentType.chat_answer]
        assert answer.row == max(b.row + b.height for b in others)  # right under the rest
        sizes = sorted((b.width, b.height) for b in others)
        assert sizes == sorted((b.width, b.height) for t, b in before.layout.items()
                               if t != ContentType.chat_answer)
        assert any(after.layout[t] != before.layout[t] for t in after.layout
                   if t != ContentType.chat_answer)
        cells = [(r, c) for b in after.layout.values() for r in range(b.row, b.row + b.height)
                 for c in range(b.col, b.col + b.width)]
        assert len(cells) == len(set(cells))  # no overlaps
        assert min(b.row for b in others) == 0  # the gap at the top is closed


def test_an_unknown_experiment_is_one_clear_error():
    with pytest.raises(ValueError, match="no experiment named 'table9'; choose one of"):
        get("table9")


@pytest.mark.browser
@pytest.mark.skipif(find_browser() is None and shutil.which("chromium") is None,
                    reason="no Chromium-family browser")
def test_the_report_has_png_plots_when_a_browser_is_found(fake_openai, store, corpus, prompts,
                                                          tmp_path):
    fake_openai.responder = SerpResponder()
    result = run("placement-heatmaps", fake_openai, store, corpus, prompts)
    files = write_report(result, tmp_path / "out")
    png = tmp_path / "out" / "heatmaps.png"
    assert png in files and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_experiment_summaries_carry_each_arms_cost(fake_openai, store, corpus, prompts):
    from serp_core.traces import cost

    fake_openai.responder = SerpResponder()
    model = fake_openai.chat_model(model="gpt-4o-mini")
    result = run_experiment(get("beam-vs-greedy"), QUERIES[:2], store=store, search=corpus,
                            model=model, prompts=prompts, base=BASE, concurrency=2)
    summary = result.summary
    prices = cost.DEFAULT_PRICES
    for arm, report in zip(get("beam-vs-greedy").arms, summary.arms, strict=True):
        runs = [store.get(r.id) for r in store.list() if r.status == "done"]
        spent = [cost.usage_cost(r.usage, "gpt-4o-mini", prices) for r in runs
                 if r.config.beam == arm.run_config(BASE).beam]
        assert report.cost_usd == pytest.approx(sum(spent), abs=1e-6) and report.cost_usd > 0
    for costs in summary.pointwise:
        assert costs.cost_usd_mean is not None and costs.cost_usd_mean > 0
    assert "cost_usd" in summary.to_json()["arms"][0]
