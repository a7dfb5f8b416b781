"""The whole pipeline through the real openai SDK against a fake server on 127.0.0.1."""

from __future__ import annotations

import json
import threading

import pytest

from serp_core import grid
from serp_core.llm.openai_backend import OpenAIChatModel
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.query import BadQuery
from serp_core.schema import (
    CandidatePopulated,
    ContentType,
    ErrorEvent,
    Final,
    LayoutProposed,
    PolishStep,
    Reasoning,
    RunConfig,
    Scored,
    StageStart,
    ToolResult,
)
from tests.serp_responder import SerpResponder, call_kind

QUERY = "best hiking trails near seattle"


def model_for(srv, **kw):
    return OpenAIChatModel(base_url=srv.base_url, model="fake", api_key="test-key",
                           timeout_s=5, **kw)


def run_events(srv, search, query=QUERY, **config):
    prompts = PromptSet.load()
    run = new_run(query, RunConfig(backend="openai", **config), search=search, prompts=prompts)
    return list(generate(run, model=model_for(srv), search=search, prompts=prompts))


def final_run(events):
    assert isinstance(events[-1], Final)
    return events[-1].run


def test_coarse_to_fine_beam_run_end_to_end(fake_openai, responder, corpus):
    events = run_events(fake_openai, corpus, beam=3)
    run = final_run(events)
    assert run.status == "done", run.error
    assert [e.stage for e in events if isinstance(e, StageStart)] == [
        "gather", "populate", "polish", "score"]
    # Streamed reasoning arrives in fragments, before any layout is proposed.
    first_layout = next(i for i, e in enumerate(events) if isinstance(e, LayoutProposed))
    deltas = [e for e in events[:first_layout] if isinstance(e, Reasoning) and e.delta]
    assert len(deltas) > 3
    assert "".join(d.text for d in deltas).startswith("I think they want")
    # Tools were called and returned corpus items.
    found = {e.tool: e.item_ids for e in events if isinstance(e, ToolResult)}
    assert found[ContentType.web] and found[ContentType.chat_answer] == ["answer"]
    assert len(run.candidates) == 3
    for c in run.candidates:
        assert grid.validate(c.layout) == []
        assert all(run.items[i].type == b.type for b in c.layout.blocks for i in b.item_ids)
        assert c.score is not None and 0 <= c.score <= 10
        assert c.usage.calls > 0
    assert run.best == max(range(3), key=lambda i: (run.candidates[i].score, -i))
    # The responder re-ranked in reverse and chose the look: both must be applied.
    web = run.candidates[0].layout.block(ContentType.web)
    assert web.item_ids == list(reversed(found[ContentType.web]))
    assert web.ux.body_font == "small" and web.ux.max_items == 3
    images = run.candidates[0].layout.block(ContentType.images)
    assert images.ux.orientation == "horizontal" and images.ux.media_size == "medium"
    assert not any(r.kind in ("ux_default", "fallback") for c in run.candidates
                   for r in c.repairs)
    # Polish set the web title font to small on every candidate.
    assert any(isinstance(e, PolishStep) and e.action == "ux" for e in events)
    assert web.ux.title_font == "small"
    assert len([e for e in events if isinstance(e, Scored)]) == 3
    # Usage on the run counts every request the server saw.
    assert run.usage.calls == len(fake_openai.requests)
    assert run.usage.prompt_tokens > 0 and run.usage.completion_tokens > 0
    assert set(run.timings) >= {"gather", "populate", "polish", "score", "total"}


def test_candidates_are_developed_concurrently(fake_openai, corpus):
    r = SerpResponder(delay=0.2)
    fake_openai.responder = r
    run = final_run(run_events(fake_openai, corpus, beam=3, max_polish_steps=0))
    assert run.status == "done"
    assert r.max_in_flight >= 2  # beam candidates were in flight at the same time


def test_out_of_grid_and_overlapping_layouts_are_repaired_and_recorded(
        fake_openai, responder, corpus):
    def wild(body):
        types = [t for t in body["response_format"]["json_schema"]["schema"]["properties"]
                 if t != "confidence"]
        boxes = {t: [14, 0, 40, 219160] for t in types[:1]}  # out of the grid
        boxes.update({t: [2, 1, 6, 3] for t in types[1:]})  # all on top of each other
        return json.dumps({**boxes, "confidence": 10})

    responder.overrides["layout"] = wild
    run = final_run(run_events(fake_openai, corpus, beam=2))
    assert run.status == "done"
    for c in run.candidates:
        assert grid.validate(c.layout) == []
        kinds = {r.kind for r in c.repairs}
        assert {"clip", "overlap"} <= kinds


def test_malformed_json_is_reasked_then_used(fake_openai, responder, corpus):
    bad = iter(['{"chat_answer": [0, 0,', None, None, None, None, None])
    responder.overrides["layout"] = lambda body: next(bad, None)
    events = run_events(fake_openai, corpus, beam=1)
    run = final_run(events)
    assert run.status == "done"
    errors = [e for e in events if isinstance(e, ErrorEvent)]
    assert any("malformed" in e.message for e in errors)
    assert not any(e.fatal for e in errors)
    assert responder.counts["layout"] == 2  # the re-ask
    assert not any(r.kind == "fallback" for r in run.candidates[0].repairs)
    # The re-ask shows the model its own reply and the reason.
    reask = [b for b in fake_openai.requests if "not usable" in b["messages"][-1]["content"]]
    assert reask and reask[0]["messages"][-2]["role"] == "assistant"


def test_garbage_everywhere_falls_back_and_never_crashes(fake_openai, responder, corpus):
    for kind in ("tools", "layout", "rerank", "ux", "polish", "score"):
        responder.overrides[kind] = lambda body: "I like turtles <script>alert(1)</script>"
    responder.overrides["answer"] = lambda body: ""
    events = run_events(fake_openai, corpus, beam=2)
    run = final_run(events)
    assert run.status == "done"
    assert len(run.candidates) == 2 and run.best is not None
    for c in run.candidates:
        assert grid.validate(c.layout) == []
        assert any(r.kind == "fallback" for r in c.repairs)
        assert "metrics" in c.score_reason
    assert run.items["answer"].text  # the top snippet stands in for the empty answer


def test_server_errors_are_retried_by_the_sdk(fake_openai, responder, corpus):
    fake_openai.error(500, "boom", headers={"retry-after-ms": "1"})
    fake_openai.error(429, "slow down", headers={"retry-after-ms": "1"})
    run = final_run(run_events(fake_openai, corpus, beam=1))
    assert run.status == "done"
    assert run.usage.calls == len(fake_openai.requests) - 2  # two failed attempts retried


def test_unreachable_endpoint_fails_the_run_with_one_line(corpus):
    prompts = PromptSet.load()
    run = new_run(QUERY, RunConfig(backend="openai"), search=corpus, prompts=prompts)
    model = OpenAIChatModel(base_url="http://127.0.0.1:9/v1", model="x", api_key="k",
                            max_retries=0, timeout_s=2)
    events = list(generate(run, model=model, search=corpus, prompts=prompts))
    final = final_run(events)
    assert final.status == "failed"
    fatal = [e for e in events if isinstance(e, ErrorEvent) and e.fatal]
    assert len(fatal) == 1 and "\n" not in fatal[0].message
    assert "127.0.0.1:9" in fatal[0].message


def test_single_step_mode_makes_one_page_call_per_candidate(fake_openai, responder, corpus):
    events = run_events(fake_openai, corpus, beam=2, mode="single-step")
    run = final_run(events)
    assert run.status == "done"
    assert responder.counts.get("single_step") == 2
    assert not {"intent", "tools", "rerank", "ux", "polish", "layout"} & set(responder.counts)
    assert not any(isinstance(e, PolishStep) for e in events)
    assert all(b.ux.max_items == 2 for c in run.candidates for b in c.layout.blocks
               if b.type != ContentType.chat_answer)


def test_populated_candidates_are_announced_with_metrics(fake_openai, responder, corpus):
    events = run_events(fake_openai, corpus, beam=2)
    populated = [e.candidate for e in events if isinstance(e, CandidatePopulated)]
    assert [c.index for c in populated] == [0, 1]
    assert all(0 < c.metrics.coverage <= 1 for c in populated)


def test_metrics_scorer_needs_no_score_call(fake_openai, responder, corpus):
    run = final_run(run_events(fake_openai, corpus, beam=2, scorer="metrics"))
    assert "score" not in responder.counts
    assert all(c.score_reason == "scored by page metrics" for c in run.candidates)


@pytest.mark.parametrize("query, message", [("   \n\t ", "empty"), ("x" * 501, "limit is 500")])
def test_unusable_queries_are_refused_before_anything_runs(corpus, query, message):
    with pytest.raises(BadQuery, match=message):
        new_run(query, RunConfig(), search=corpus, prompts=PromptSet.load())


def test_a_consumer_that_stops_early_stops_the_worker(fake_openai, corpus):
    fake_openai.responder = SerpResponder(delay=0.05)
    prompts = PromptSet.load()
    run = new_run(QUERY, RunConfig(backend="openai", beam=2), search=corpus, prompts=prompts)
    events = generate(run, model=model_for(fake_openai), search=corpus, prompts=prompts)
    next(events)
    events.close()
    workers = [t for t in threading.enumerate() if t.name == f"genserp-run-{run.id}"]
    for t in workers:
        t.join(timeout=10)
    assert not any(t.is_alive() for t in workers)


def test_low_confidence_proposals_are_refined_in_the_same_conversation(
        fake_openai, responder, corpus):
    def unsure_then_sure(body):
        refining = any(m["role"] == "assistant" for m in body["messages"])
        reply = json.loads(responder.layout(body))
        return json.dumps({**reply, "confidence": 9 if refining else 3})

    responder.overrides["layout"] = unsure_then_sure
    events = run_events(fake_openai, corpus, beam=2, theta=7, max_gather_steps=3)
    assert final_run(events).status == "done"
    steps = [(e.candidate, e.step, e.confidence) for e in events
             if isinstance(e, LayoutProposed)]
    assert sorted(steps) == [(0, 1, 3), (0, 2, 9), (1, 1, 3), (1, 2, 9)]
    refine = [b for b in fake_openai.requests if call_kind(b) == "layout"
              and any(m["role"] == "assistant" for m in b["messages"])]
    assert len(refine) == 2
    said = json.loads(refine[0]["messages"][-2]["content"])
    assert said["confidence"] == 3 and len(said["web"]) == 4
    assert "look again" in refine[0]["messages"][-1]["content"]


def test_a_query_outside_the_corpus_still_gets_a_page(fake_openai, responder, corpus):
    query = "quantum chromodynamics lecture notes"
    assert all(corpus.search(query, t) == [] for t in ContentType if t != "chat_answer")
    run = final_run(run_events(fake_openai, corpus, query=query, beam=2))
    assert run.status == "done" and run.best is not None
    for c in run.candidates:
        assert [b.type for b in c.layout.blocks] == [ContentType.chat_answer]
    assert run.items["answer"].text
