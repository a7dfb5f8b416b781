"""The quality floor the engine guarantees whatever the model does: grounded answers, only
relevant results, compact layouts, and scores that are not one sampled token."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from serp_core import compaction, grid, grounding
from serp_core.baseline import baseline_run
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.schema import (
    ANSWER_ID,
    RETRIEVAL_TOOLS,
    Block,
    ContentType,
    Final,
    Layout,
    RunConfig,
    Vertical,
    WebItem,
)
from serp_core.search import relevance
from tests.fake_openai import Reply
from tests.serp_responder import QUERIES, SerpResponder

SYSTEM = PromptSet.load().blocks["system"]


def run_with(srv, corpus, query, **config):
    prompts = PromptSet.load()
    run = new_run(query, RunConfig(**{"backend": "openai", **config}), search=corpus,
                  prompts=prompts)
    events = list(generate(run, model=srv.chat_model(), search=corpus, prompts=prompts))
    final = next(e for e in events if isinstance(e, Final)).run
    assert final.status == "done", final.error
    return final


def hostile(srv) -> SerpResponder:
    """A model that scatters its blocks far apart, answers with the system prompt and calls
    every page perfect."""
    responder = srv.responder = SerpResponder()

    def scatter(body):
        props = body["response_format"]["json_schema"]["schema"]["properties"]
        types = [t for t in props if t != "confidence"]
        return json.dumps({**{t: [8 if i % 2 else 0, (5 * i) % 16, 4, 1]
                              for i, t in enumerate(types)}, "confidence": 10})

    responder.overrides["layout"] = scatter
    responder.overrides["answer"] = lambda body: SYSTEM
    responder.overrides["score"] = lambda body: json.dumps({"reason": "Perfect.", "score": 10})
    return responder


def test_the_floor_holds_against_a_model_that_scatters_echoes_and_flatters(fake_openai,
                                                                            corpus):
    for query in [q.text for q in QUERIES] + ["weather in reykjavik tomorrow"]:
        hostile(fake_openai)
        run = run_with(fake_openai, corpus, query, beam=3)
        answer = run.items[ANSWER_ID]
        assert "GenSERP" not in answer.text and "12 columns" not in answer.text
        sources = [run.items[i] for i in answer.citations]
        assert not grounding.problems(answer.text, sources, run.query) or not sources
        for c in run.candidates:
            assert c.metrics.holes == 0, (query, c.index)
            assert c.metrics.whitespace <= compaction.FLOOR_WHITESPACE, (query, c.index)
            assert not grid.validate(c.layout)
            assert any(r.kind in ("pack", "snap", "fill", "widen", "fit") for r in c.repairs)
        # every score is the same flattering 10: the page metrics choose among them
        assert {c.score for c in run.candidates} == {10}
        assert run.best == max(run.candidates,
                               key=lambda c: (grid.metrics_score(c.metrics), -c.index)).index


def test_nothing_relevant_found_is_said_in_one_sentence(fake_openai, corpus):
    hostile(fake_openai)
    run = run_with(fake_openai, corpus, "zqxv wqmptr florbish", beam=1)
    answer = run.items[ANSWER_ID]
    assert answer.text.count(".") == 1 and "nothing" in answer.text and not answer.citations
    assert [b.type for b in run.winner.layout.blocks] == [ContentType.chat_answer]


def test_a_lead_that_only_repeats_the_query_is_left_out_and_a_kept_one_ends_a_sentence():
    query = "things to do in kyoto in autumn"
    source = WebItem(id="w", title="Kyoto in autumn", snippet="Maple leaves turn red in "
                     "Kyoto in November, best seen at Tofuku-ji.")
    assert grounding.lead_problems("The things to do in Kyoto in autumn", [source], query) == [
        "the lead only repeats the query"]
    assert grounding.lead_problems("Maple leaves turn red", [source], query) == []
    (sentence,) = grounding.source_sentences(query, [source])[:1]
    answer = grounding.compose(query, [sentence], "Maple leaves turn red")
    assert answer.text.startswith("Maple leaves turn red. ") and answer.text.endswith("[1]")


def test_a_kyoto_query_shows_no_mount_si_and_no_stranger_things(fake_openai, corpus):
    fake_openai.responder = SerpResponder()
    run = run_with(fake_openai, corpus, "things to do in kyoto in autumn", beam=1)
    titles = [i.title for i in run.items.values()]
    assert not any("Mount Si" in t or "Stranger Things" in t for t in titles)
    shown = [run.items[i] for b in run.winner.layout.blocks for i in b.item_ids
             if b.type != ContentType.chat_answer]
    assert shown and all("kyoto" in f"{i.title} {i.about}".lower() or "Kyoto" in
                         grounding.sources_text(i) for i in shown)


def test_relevance_weighs_names_over_rare_modifiers(corpus):
    found = {t: corpus.search("things to do in kyoto in autumn", t, 6)
             for t in (ContentType.web, ContentType.images)}
    kept, dropped = relevance.keep("things to do in kyoto in autumn", found, corpus.idf)
    assert any("Mount Si" in i.title for i in dropped)
    assert kept[ContentType.web] and all("Kyoto" in i.title for i in kept[ContentType.images])
    # one shared common word is not enough
    items = [WebItem(id="a", title="Best things to do", snippet="Things worth doing."),
             WebItem(id="b", title="Kyoto in autumn", snippet="Maple leaves in Kyoto.")]
    verdicts = relevance.judge("things to do in kyoto in autumn", items, corpus.idf)
    assert [v.kept for v in verdicts] == [False, True]


def test_a_subject_no_result_mentions_leaves_nothing_to_show(corpus):
    """"marvel" is in no result: the release dates of other films and games share the rest
    of the query's words, and are not about it. (The index stems words its own way: the
    query's rarity is read from the words as written.)"""
    query = "new marvel movie release date"
    found = {t: corpus.search(query, t, 6) for t in RETRIEVAL_TOOLS}
    assert any("release date" in i.title.lower() for hits in found.values() for i in hits)
    assert corpus.idf("release") < corpus.idf("marvel")
    kept, _ = relevance.keep(query, found, corpus.idf)
    assert kept == {}


def test_the_score_is_the_expectation_over_the_score_tokens(fake_openai, corpus):
    responder = fake_openai.responder = SerpResponder()
    half = math.log(0.5)
    responder.overrides["score"] = lambda body: Reply(
        text='{"reason":"Clear answer first.","score":7}',
        logprobs=[{"token": '{"reason":"Clear answer first.","score":', "logprob": 0.0},
                  {"token": "7", "logprob": half,
                   "top_logprobs": [{"token": "7", "logprob": half},
                                    {"token": "10", "logprob": half}]},
                  {"token": "}", "logprob": 0.0}])
    run = run_with(fake_openai, corpus, QUERIES[0].text, beam=2)
    assert all(c.score == 8.5 for c in run.candidates)
    assert "expected 8.50" in run.candidates[0].score_reason
    asked = [b for b in fake_openai.requests if b.get("logprobs")]
    assert len(asked) == 2 and all(b["top_logprobs"] == 20 for b in asked)


def test_without_logprobs_the_sampled_score_is_used_and_said(fake_openai, corpus):
    fake_openai.responder = SerpResponder()
    prompts = PromptSet.load()
    run = new_run(QUERIES[0].text, RunConfig(backend="openai", beam=2), search=corpus,
                  prompts=prompts)
    events = list(generate(run, model=fake_openai.chat_model(), search=corpus,
                           prompts=prompts))
    final = next(e for e in events if isinstance(e, Final)).run
    assert all("sampled" in c.score_reason for c in final.candidates)
    said = [e.text for e in events if getattr(e, "kind", "") == "reasoning"]
    assert sum("no token probabilities" in t for t in said) == 1  # once per run


def test_on_the_embedded_model_auto_blends_and_keeps_every_part(fake_openai, corpus,
                                                                monkeypatch):
    """A run configured as the embedded model's (here answered by the fake server) scores
    each page as a blend of the model's score and the page metrics, each part kept and
    shown in the candidate table."""
    responder = fake_openai.responder = SerpResponder()
    responder.overrides["score"] = lambda body: json.dumps({"reason": "Fine page.",
                                                            "score": 4})
    run = run_with(fake_openai, corpus, QUERIES[0].text, beam=2, backend="local")
    for c in run.candidates:
        metrics = round(grid.metrics_score(c.metrics), 2)
        assert c.score_parts == {"model": 4.0, "metrics": metrics}
        assert math.isclose(c.score, round((0.25 * 4 + 0.45 * metrics) / 0.7, 2))
        assert "blend" in c.score_reason
    from ui import run_view
    monkeypatch.setattr(run_view.state, "prices", dict)  # no store: no prices
    table = run_view.candidate_rows(run)
    by_index = {c.index: c for c in run.candidates}
    for _, row in table.iterrows():
        c = by_index[row["Candidate"]]
        assert (row["Score"], row["Score: model"], row["Score: metrics"]) == (
            c.score, 4.0, c.score_parts["metrics"])


# --- compaction, over random layouts -------------------------------------------------------
boxes = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 15), st.integers(1, 12),
                           st.integers(1, 8)), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(boxes, st.randoms(use_true_random=False))
def test_compaction_leaves_no_holes_keeps_sides_and_reading_order(raw, rnd):
    types = rnd.sample(list(ContentType), len(raw))
    repaired, _ = grid.repair(Layout(blocks=[Block(type=t, col=c, row=r, width=w, height=h)
                                             for t, (c, r, w, h) in zip(types, raw,
                                                                        strict=True)]))
    before = compaction.snap(repaired)  # the model's intent on the column system
    after, repairs = compaction.compact(repaired)
    assert not grid.validate(after)
    m = grid.metrics(after)
    assert m.holes == 0 and m.whitespace <= compaction.FLOOR_WHITESPACE
    moved = {b.type: b for b in after.blocks}
    for a in before.blocks:
        got = moved[a.type]
        if compaction.side(a) in ("left", "full"):
            assert got.col == 0  # a block on the left edge stays on it
        if compaction.side(a) in ("right", "full"):
            assert got.col + got.width == 12  # ... and on the right edge
        for b in before.blocks:
            shares_columns = a.col < b.col + b.width and b.col < a.col + a.width
            if shares_columns and a.row + a.height <= b.row:  # a above b: still above
                assert got.row + got.height <= moved[b.type].row
    changed = {(b.col, b.row, b.width, b.height) for b in after.blocks} != {
        (b.col, b.row, b.width, b.height) for b in before.blocks}
    assert bool(repairs) or not changed  # every move is recorded


def test_the_template_page_fills_its_rail_and_meets_the_floor(corpus):
    for query in [q.text for q in QUERIES] + ["things to do in kyoto in autumn"]:
        page = baseline_run(query, corpus)
        layout = page.winner.layout
        assert any(b.col == 8 and b.width == 4 for b in layout.blocks), query  # a rail
        assert compaction.meets_floor(layout), (query, page.winner.metrics)
        assert page.vertical in set(Vertical)
