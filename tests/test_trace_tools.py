"""What is done with a stored trace: replayed with an edited block (on the fake server, the
stored run untouched), compared across two prompt versions, priced, exported as OTLP."""

from __future__ import annotations

import json
import re

import pytest
from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from serp_core.llm.openai_backend import OpenAIChatModel
from serp_core.prompts import PromptSet
from serp_core.prompts.editing import DEFAULT_NAME, save_version, saved_versions
from serp_core.schema import Usage
from serp_core.store import RunStore
from serp_core.traces import compare, cost, otlp, replay
from serp_core.traces.read import groups, repairs_for
from tests.serp_responder import SerpResponder
from tests.test_traces import reasked_run, run_stored

MARKER = "I keep the answer at the very top, full width."


@pytest.fixture
def stored(fake_openai, corpus, tmp_path):
    return reasked_run(fake_openai, corpus, tmp_path / "runs.sqlite")


def snapshot(store: RunStore, run_id: str) -> tuple:
    return (store.get(run_id).model_dump_json(),
            [t.model_dump_json() for t in store.traces.of(run_id)],
            [e.model_dump_json() for _, e in store.events(run_id)])


def test_replay_sends_the_edited_block_and_leaves_the_run_alone(stored, fake_openai):
    store, run, _ = stored
    before = snapshot(store, run.id)
    layout = next(t for t in store.traces.of(run.id) if t.block == "layout" and t.ok
                  and t.attempt == 1)
    edited = layout.template + "\n" + MARKER
    model = OpenAIChatModel(base_url=fake_openai.base_url, model="gpt-4o-mini", api_key="k",
                            timeout_s=5)
    sent = len(fake_openai.requests)
    result = replay.replay(layout, model, block_text=edited)

    assert len(fake_openai.requests) == sent + 1
    body = fake_openai.requests[-1]
    prompt = body["messages"][-1]["content"]
    assert prompt.endswith(MARKER) and f'"{layout.values["query"]}"' in prompt
    assert prompt == layout.messages[-1]["content"] + "\n" + MARKER
    assert body["messages"][:-1] == layout.messages[:-1]  # system and history as recorded
    assert body["response_format"]["json_schema"]["schema"] == layout.json_schema
    assert body["seed"] == layout.sampling["seed"]
    # Read by the run's own reader: the boxes, as the run would have read them.
    assert result.validated and result.new.ok
    assert set(result.new.parsed["boxes"]) == set(layout.parsed["boxes"])
    assert result.new.template == edited and result.old is layout
    assert snapshot(store, run.id) == before  # nothing stored changed


def test_replay_reads_with_the_recorded_reader_and_its_arguments(stored, fake_openai):
    store, run, _ = stored
    ux = next(t for t in store.traces.of(run.id) if t.block == "populate")
    read = replay.reader_for(ux)
    assert read is not None and read.keywords["base"].__class__.__name__ == "UX"
    fake_openai.responder = lambda body: '{"orientation": "sideways"}'  # an unusable look
    model = OpenAIChatModel(base_url=fake_openai.base_url, model="m", api_key="k", timeout_s=5)
    result = replay.replay(ux, model)
    # read_ux keeps defaults for what it cannot read and says which: the same as in a run.
    ux_value, fixed = result.new.parsed
    assert fixed == ["orientation"] and ux_value["orientation"] == ux.reader_args["base"][
        "orientation"]
    # A reader outside the engine is never imported from a trace.
    assert replay.reader_for(ux.model_copy(update={"reader": "os:system"})) is None


def test_a_replay_of_a_redacted_call_is_refused(stored):
    store, run, _ = stored
    store.traces.redact_stored()
    trace = store.traces.of(run.id)[0]
    with pytest.raises(replay.ReplayError, match="not kept"):
        replay.edited_messages(trace, block_text="x")


def test_the_edited_block_saves_as_a_new_prompt_version(stored, tmp_path):
    store, run, _ = stored
    layout = next(t for t in store.traces.of(run.id) if t.block == "layout")
    versions = saved_versions(tmp_path / "prompts")
    prompts, base = replay.edited_version(layout, layout.template + "\n" + MARKER, versions)
    assert base == DEFAULT_NAME
    saved = save_version(prompts, tmp_path / "prompts", "wider-answer")
    assert saved.blocks["layout"].endswith(MARKER)
    assert {k: v for k, v in saved.blocks.items() if k != "layout"} == {
        k: v for k, v in versions[DEFAULT_NAME].blocks.items() if k != "layout"}
    assert saved.version != run.prompt_version


def test_compare_two_prompt_versions_on_one_query(fake_openai, corpus, tmp_path):
    fake_openai.responder = SerpResponder()
    store = RunStore(tmp_path / "runs.sqlite")
    a, _ = run_stored(fake_openai, corpus, store, beam=1)
    shipped = PromptSet.load()
    edited = shipped.model_copy(update={"blocks": {
        **shipped.blocks, "layout": shipped.blocks["layout"] + "\n" + MARKER}}, deep=True)
    b, _ = run_stored(fake_openai, corpus, store, beam=1, prompts=edited)
    ta, tb = store.traces.of(a.id), store.traces.of(b.id)
    pairs = compare.pair_calls(ta, tb)
    assert all(p.a is not None and p.b is not None for p in pairs)  # the same calls made
    layout = next(p for p in pairs if p.key[3] == "layout")
    assert (layout.a.prompt_version, layout.b.prompt_version) == (a.prompt_version,
                                                                  b.prompt_version)
    diff = compare.prompt_diff(layout.a, layout.b)
    assert [d.text for d in diff if d.kind == "added"] == [MARKER]
    assert not [d for d in diff if d.kind == "removed"]
    assert compare.counterpart(layout.a, ta, tb).index == layout.b.index
    intent = next(p for p in pairs if p.key[3] == "intent")
    assert all(d.kind == "same" for d in compare.prompt_diff(intent.a, intent.b))


def test_calls_group_by_stage_and_candidate_and_name_their_repairs(stored):
    store, run, events = stored
    traces = store.traces.of(run.id)
    found = [(g.stage, g.candidate) for g in groups(traces)]
    assert found[0] == ("gather", None) and found[-1] == ("score", 1)
    assert found == sorted(found, key=lambda k: (["gather", "populate", "polish", "score"]
                                                 .index(k[0]), -1 if k[1] is None else k[1]))
    assert sum(len(g.calls) for g in groups(traces)) == len(traces)
    # A layout step's repairs are the ones made to what that step proposed.
    event_log = [e for _, e in store.events(run.id)]
    for t in traces:
        if t.block in ("layout", "refine") and t.ok:
            proposed = next(e for e in event_log if getattr(e, "kind", "") == "layout_proposed"
                            and e.candidate == t.candidate and e.step == t.step)
            assert set(map(repr, repairs_for(t, run, event_log))) <= set(
                map(repr, proposed.repairs))
    for t in traces:
        if t.block == "populate" and t.ok:
            assert all(r.block == t.values["type"] for r in repairs_for(t, run, event_log))


def test_prices_and_costs():
    prices = cost.DEFAULT_PRICES
    assert cost.price_for("gpt-4o-mini-2024-07-18", prices) == prices["gpt-4o-mini"]
    assert cost.price_for("gpt-4o-2024-11-20", prices) == prices["gpt-4o"]
    assert cost.price_for("SmolLM2-135M-Instruct.Q4_1", prices) == cost.FREE
    assert cost.price_for("my-local-llama", prices) is None
    mini = prices["gpt-4o-mini"]
    # 1,000 sent of which 400 cached, 100 out: 600 x 0.15 + 400 x 0.075 + 100 x 0.60 per 1M.
    assert cost.tokens_cost(mini, 1000, 400, 100) == pytest.approx(
        (600 * 0.15 + 400 * 0.075 + 100 * 0.60) / 1e6)
    assert cost.tokens_cost(mini, None, None, None) is None
    usage = Usage(calls=3, prompt_tokens=1000, completion_tokens=100, cached_tokens=400,
                  unknown_calls=1)
    assert cost.usage_cost(usage, "gpt-4o-mini", prices) == pytest.approx(
        cost.tokens_cost(mini, 1000, 400, 100))
    assert "without 1 calls" in cost.describe(usage, "gpt-4o-mini", prices)
    assert "no price for model 'x'" in cost.describe(usage, "x", prices)
    assert cost.usage_cost(Usage(calls=2, unknown_calls=2), "gpt-4o-mini", prices) is None
    assert cost.usd(0) == "$0" and cost.usd(0.000123) == "$0.000123" and cost.usd(2) == "$2.00"


def test_the_price_table_keeps_edits_over_the_defaults(tmp_path):
    table = cost.PriceTable(RunStore(tmp_path / "runs.sqlite").db)
    assert table.all() == cost.DEFAULT_PRICES
    edited = {**table.all(), "gpt-4o-mini": cost.Price(prompt=1, cached=0.5, completion=2),
              "my-vllm-model": cost.Price(prompt=0.1, cached=0, completion=0.2)}
    table.save(edited)
    assert set(table.stored()) == {"gpt-4o-mini", "my-vllm-model"}  # only what differs
    assert table.all()["gpt-4o-mini"].prompt == 1 and table.all()["gpt-4o"] == \
        cost.DEFAULT_PRICES["gpt-4o"]
    table.save(cost.DEFAULT_PRICES)
    assert table.stored() == {}


# --- OTLP ---------------------------------------------------------------------------------
# The GenAI inference span's required attributes (semantic-conventions, docs/gen-ai/
# gen-ai-spans.md): gen_ai.operation.name and gen_ai.provider.name always; error.type when
# the call ended in an error; gen_ai.request.model when known; gen_ai.output.type when the
# client asks for a type; the request seed when one was sent.
REQUIRED = {"gen_ai.operation.name", "gen_ai.provider.name"}
HEX = {16: re.compile(r"[0-9a-f]{32}"), 8: re.compile(r"[0-9a-f]{16}")}


def attrs(span: dict) -> dict:
    out = {}
    for a in span["attributes"]:
        (kind, value), = a["value"].items()
        out[a["key"]] = int(value) if kind == "intValue" else value
    return out


def test_otlp_export_follows_the_genai_conventions(stored, tmp_path):
    store, run, events = stored
    traces = store.traces.of(run.id)
    path = otlp.write(tmp_path / "trace.json", otlp.export(
        run, traces, [e for _, e in store.events(run.id)], cost.DEFAULT_PRICES))
    data = json.loads(path.read_text())
    # The OTLP JSON shape: the protobuf message parses it with no unknown field.
    json_format.Parse(path.read_text(), ExportTraceServiceRequest(), ignore_unknown_fields=False)
    (resource,) = data["resourceSpans"]
    assert attrs(resource["resource"])["service.name"] == otlp.SERVICE_NAME
    spans = resource["scopeSpans"][0]["spans"]
    ids = {s["spanId"] for s in spans}
    assert len(ids) == len(spans)
    (root,) = [s for s in spans if "parentSpanId" not in s]
    assert root["name"] == "genserp.run" and attrs(root)["genserp.run.id"] == run.id
    chats = [s for s in spans if s["name"].startswith("chat ")]
    assert len(chats) == len(traces)
    for s in spans:
        assert HEX[16].fullmatch(s["traceId"]) and s["traceId"] == root["traceId"]
        assert HEX[8].fullmatch(s["spanId"])
        assert s is root or s["parentSpanId"] in ids
        assert int(s["startTimeUnixNano"]) <= int(s["endTimeUnixNano"])
    for s, t in zip(chats, traces, strict=True):
        a = attrs(s)
        assert set(a) >= REQUIRED and a["gen_ai.operation.name"] == "chat"
        assert a["gen_ai.provider.name"] == "openai" and s["kind"] == otlp.KIND_CLIENT
        assert s["name"] == f"chat {a['gen_ai.request.model']}" == "chat gpt-4o-mini"
        assert a["gen_ai.output.type"] == t.kind
        assert a["gen_ai.request.seed"] == t.sampling["seed"]
        assert a["genserp.stage"] == t.stage and a["genserp.attempt"] == t.attempt
        if t.ok:
            assert "error.type" not in a and s["status"]["code"] == otlp.STATUS_OK
            assert a["gen_ai.usage.input_tokens"] == t.prompt_tokens
        else:
            assert a["error.type"] in ("invalid_reply", "model_error")
            assert s["status"]["code"] == otlp.STATUS_ERROR
        messages = json.loads(a["gen_ai.input.messages"])
        assert messages[-1]["parts"][0]["content"] == t.messages[-1]["content"]
        assert json.loads(a["gen_ai.output.messages"])[0]["parts"][0]["content"] == t.reply
        # A call's span sits under its stage's span, inside the run's time.
        parent = next(p for p in spans if p["spanId"] == s["parentSpanId"])
        assert parent["name"] == f"genserp.{t.stage}"
        assert int(root["startTimeUnixNano"]) <= int(s["startTimeUnixNano"])
    # Without the text, the content attributes are left out.
    store.traces.redact_stored()
    bare = otlp.export(run, store.traces.of(run.id), [], cost.DEFAULT_PRICES)
    for s in bare["resourceSpans"][0]["scopeSpans"][0]["spans"]:
        assert not {"gen_ai.input.messages", "gen_ai.output.messages"} & set(attrs(s))


def test_a_re_ask_compares_with_the_other_runs_answer_to_the_same_step(stored, fake_openai,
                                                                       corpus):
    store, run, _ = stored  # its first layout reply was re-asked
    fake_openai.responder = SerpResponder()
    clean, _ = run_stored(fake_openai, corpus, store)
    mine, theirs = store.traces.of(run.id), store.traces.of(clean.id)
    reask = next(t for t in mine if t.block == "layout" and t.attempt == 2)
    match = compare.counterpart(reask, mine, theirs)
    assert (match.block, match.candidate, match.step, match.attempt) == (
        "layout", reask.candidate, 1, 1)
    first = next(t for t in mine if t.block == "layout" and t.attempt == 1
                 and t.candidate == reask.candidate)
    assert compare.counterpart(first, mine, theirs) is not None
    assert compare.counterpart(first, mine, theirs).index == match.index
    pairs = [p for p in compare.pair_calls(mine, theirs)
             if p.key[:4] == ("gather", reask.candidate, 1, "layout")]
    assert [(p.a.attempt, p.b.attempt if p.b else None) for p in pairs] == [(1, 1), (2, None)]


def test_judge_calls_are_traced_under_their_verdict(stored, fake_openai, corpus):
    from serp_core.experiments.judgements import Judgements
    from serp_core.experiments.judges import JudgeSetup, judgement_trace_id, open_judge
    from serp_core.query import Query

    store, x, _ = stored
    fake_openai.responder = SerpResponder()
    y, _ = run_stored(fake_openai, corpus, store, beam=1)
    judge = open_judge("model", JudgeSetup(model=fake_openai.chat_model(), prompts=PromptSet.load(),
                                           verdicts=Judgements(store.db)))
    fake_openai.responder = lambda body: '{"reasons": ["cleaner"], "score": 7}'
    sent = len(fake_openai.requests)
    assert judge.pair(Query(text=x.query), x, y) == 5.0  # 7 both ways: position bias cancels
    traces = store.traces.of(judgement_trace_id("pair", f"{x.id}|{y.id}"))
    assert len(traces) == len(fake_openai.requests) - sent == 2
    assert [t.messages for t in traces] == [b["messages"] for b in fake_openai.requests[sent:]]
    assert all(t.block == "judge_pair" and t.ok for t in traces)
    assert traces[0].reader == "serp_core.experiments.judges:read_pair"
    judge.pair(Query(text=x.query), x, y)  # kept: asked no more, traced no more
    assert len(fake_openai.requests) - sent == 2
