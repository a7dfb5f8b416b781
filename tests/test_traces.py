"""Call traces end to end: a run against the fake OpenAI-compatible server is recorded call by
call in the store's call_traces table, exactly as the server received it; a killed run keeps
every call that finished; the privacy option keeps counts only; the API key never enters."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from serp_core import db
from serp_core.llm.openai_backend import OpenAIChatModel
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.schema import CallTrace, CallTraced, Final, RunConfig
from serp_core.store import RunStore, record
from tests.fake_openai import Reply
from tests.serp_responder import SerpResponder

ROOT = Path(__file__).resolve().parent.parent
QUERY = "weekend in lisbon"
SECRET = "sk-test-secret-0123456789abcdef"


class Recording(SerpResponder):
    """The scripted model, remembering what it answered to which request."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[tuple[dict, str | Reply]] = []

    def __call__(self, body):
        out = super().__call__(body)
        with self._lock:
            self.answers.append((body, out))
        return out


def bad_first_layout(responder: SerpResponder):
    """The first layout reply is not JSON (a re-ask follows); the tools are garbage twice (the
    step falls back). (An endpoint's error ends the run: tests/test_faults.py.)"""
    def first_only(answer):
        seen, lock = [], threading.Lock()

        def override(body):
            with lock:
                seen.append(body)
                return answer if len(seen) == 1 else None
        return override

    responder.overrides["layout"] = first_only("no json here")
    responder.overrides["tools"] = lambda body: "I would rather not say"


def run_stored(srv, corpus, store: RunStore, beam: int = 2, prompts: PromptSet | None = None,
               api_key: str = SECRET, query: str = QUERY):
    prompts = prompts or PromptSet.load()
    model = OpenAIChatModel(base_url=srv.base_url, model="gpt-4o-mini", api_key=api_key,
                            timeout_s=5, max_retries=0)
    run = new_run(query, RunConfig(backend="openai", beam=beam), search=corpus, prompts=prompts)
    events = list(record(store, run, generate(run, model=model, search=corpus,
                                              prompts=prompts)))
    assert isinstance(events[-1], Final)
    return events[-1].run, events


def reasked_run(srv, corpus, path: Path):
    """A run stored at `path` whose first layout reply was unusable and asked again; the
    server's responder records what it received."""
    responder = Recording()
    bad_first_layout(responder)
    srv.responder = responder
    store = RunStore(path)
    run, events = run_stored(srv, corpus, store)
    return store, run, events


def test_traces_match_what_the_server_received(fake_openai, corpus, tmp_path):
    store, run, events = reasked_run(fake_openai, corpus, tmp_path / "runs.sqlite")
    responder = fake_openai.responder
    assert run.status == "done", run.error

    traces = store.traces.of(run.id)
    # One trace per request the server received, none kept among the events.
    assert len(traces) == len(fake_openai.requests) == len(run.calls)
    assert [t.index for t in traces] == list(range(len(traces)))
    assert not any(isinstance(e, CallTraced) for _, e in store.events(run.id))
    unmatched = list(responder.answers)
    for t in traces:
        # The request this call made: the same messages, seed and schema.
        match = next(i for i, (body, _) in enumerate(unmatched)
                     if body["messages"] == t.messages and body.get("seed") == t.sampling["seed"])
        body, answer = unmatched.pop(match)
        assert body["model"] == t.model == "gpt-4o-mini"
        assert body["temperature"] == t.sampling["temperature"]
        assert body["max_tokens"] == t.sampling["max_tokens"]
        if t.kind == "json":
            assert body["response_format"]["json_schema"]["schema"] == t.json_schema
        else:
            assert "response_format" not in body and body["stream"] is True
        assert t.reply == answer
        assert t.prompt_tokens and t.completion_tokens and t.latency_s > 0
    assert unmatched == []

    by_block = {}
    for t in traces:
        by_block.setdefault(t.block, []).append(t)
    # The re-ask: the unusable reply, its error, then the same step asked again in the same
    # conversation with the reason, and read.
    first = next(t for t in by_block["layout"] if not t.ok)
    second = next(t for t in by_block["layout"] if t.candidate == first.candidate
                  and t.attempt == 2)
    assert (first.attempt, first.ok, first.reply) == (1, False, "no json here")
    assert first.error == "the reply has no JSON object" and first.fallback == "asked again"
    assert second.attempt == 2 and second.ok and second.step == first.step == 1
    assert second.messages[-2] == {"role": "assistant", "content": "no json here"}
    assert "not usable: the reply has no JSON object" in second.messages[-1]["content"]
    assert set(second.parsed["boxes"]) >= {"web", "chat_answer"}
    # The fallback: two unusable tool choices, then every tool is called.
    tools = by_block["tools"]
    assert [(t.attempt, t.ok) for t in tools] == [(1, False), (2, False)]
    assert tools[-1].fallback == "call every tool"
    # Every call names its stage, candidate, step, block, the values it was filled with and
    # the reader that checked it.
    assert {t.stage for t in traces} == {"gather", "populate", "polish", "score"}
    layout = second
    assert layout.template.startswith("I am proposing a layout prototype")
    assert layout.values["query"] == QUERY and first.template == layout.template
    assert layout.reader == "serp_core.pipeline.replies:read_layout"
    ux = by_block["populate"][0]
    assert ux.reader == "serp_core.pipeline.replies:read_ux"
    assert ux.reader_args["base"]["orientation"] in ("vertical", "horizontal")
    assert ux.candidate in (0, 1) and ux.values["type"]


def test_the_api_key_never_enters_a_trace(fake_openai, corpus, tmp_path):
    responder = SerpResponder()
    # A failing call whose error goes into the trace (and ends the run).
    responder.overrides["score"] = lambda body: Reply(status=400, error={
        "message": f"echoing the key {SECRET}", "type": "invalid_request_error"})
    fake_openai.responder = responder
    store = RunStore(tmp_path / "runs.sqlite")
    run, _ = run_stored(fake_openai, corpus, store, beam=1)
    assert run.status == "failed" and "***" in run.error
    traces = store.traces.of(run.id)
    assert any("***" in t.error for t in traces)  # the backend masked it
    for path in tmp_path.glob("runs.sqlite*"):  # the file and its WAL
        assert SECRET.encode() not in path.read_bytes(), path


def test_privacy_option_keeps_counts_only(fake_openai, corpus, tmp_path):
    fake_openai.responder = SerpResponder()
    store = RunStore(tmp_path / "runs.sqlite")
    kept, _ = run_stored(fake_openai, corpus, store, beam=1)
    store.traces.set_keep_text(False)
    assert not RunStore(tmp_path / "runs.sqlite").traces.keep_text()  # stored, for all
    run, _ = run_stored(fake_openai, corpus, store, beam=1)
    traces = store.traces.of(run.id)
    assert traces and all(t.redacted for t in traces)
    for t in traces:
        assert all(set(m) == {"role", "chars"} for m in t.messages)
        assert t.reply == "" and t.parsed is None and t.template == "" and t.values == {}
        assert t.reply_chars is not None and t.messages[-1]["chars"] > 0
        assert t.prompt_tokens is not None  # the counts stay
        assert QUERY not in t.model_dump_json()
    # The runs kept before: their text can be removed too.
    assert not store.traces.of(kept.id)[0].redacted
    assert store.traces.redact_stored() == len(store.traces.of(kept.id))
    assert all(t.redacted for t in store.traces.of(kept.id))


def test_a_killed_run_keeps_every_call_that_finished(fake_openai, tmp_path):
    """The CLI, killed with SIGKILL while its 8th call is waiting for the model: the store
    has every call the server answered, exactly as the server received them, and not the
    one it was killed in. (Independent calls go out together, so the server's order and the
    trace's, which is the order calls finished in, may differ.)"""
    responder = SerpResponder()
    stalled = threading.Event()
    release = threading.Event()
    held: list[dict] = []
    seen = itertools.count(1)

    def stall(body):
        if next(seen) == 8:  # counted here: requests arriving together see one length
            held.append(body)
            stalled.set()
            release.wait(30)
        return None

    for kind in ("intent", "answer", "pick", "tools", "layout", "rerank", "ux", "polish",
                 "score"):
        responder.overrides[kind] = stall
    fake_openai.responder = responder
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "GENSERP_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "serp_core", "generate", QUERY, "--beam", "1", "--backend",
         "openai", "--base-url", fake_openai.base_url, "--data-dir", str(data), "--quiet"],
        cwd=ROOT, env={**env, "OPENAI_API_KEY": "test"}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        assert stalled.wait(60), "the run never reached its 8th call"
        time.sleep(0.5)  # the answered calls' traces are written as they finish
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    store = RunStore(data / "runs.sqlite")
    (summary,) = store.list()
    assert summary.status == "running"  # it never finished
    traces = store.traces.of(summary.id)
    assert [t.index for t in traces] == list(range(len(traces))) and len(traces) >= 7
    assert all(t.ok for t in traces)

    def key(messages):
        return json.dumps(messages, sort_keys=True)

    answered = [body for body in fake_openai.requests if body is not held[0]]
    assert sorted(key(t.messages) for t in traces) == sorted(key(b["messages"])
                                                             for b in answered)


def test_calls_stored_as_events_move_to_the_trace_table(tmp_path):
    """A store written when traces were events (the schema before the call_traces table)."""
    path = tmp_path / "runs.sqlite"
    con = db.connect(path)
    db.migrate(con, db.MIGRATIONS[:5])
    trace = CallTrace(index=0, stage="gather", block="intent", model="m", reply="hello",
                      prompt_tokens=None, completion_tokens=None, cached_tokens=None)
    con.execute("INSERT INTO runs (id, query, vertical, status, created_at, prompt_version, "
                "backend, mode, run_json) VALUES ('r1', 'q', 'other', 'done', '2026', '', "
                "'local', 'coarse-to-fine', '{}')")
    con.execute("INSERT INTO events VALUES ('r1', 1, 'call', ?)",
                (CallTraced(trace=trace).model_dump_json(),))
    con.execute("INSERT INTO events VALUES ('r1', 2, 'stage_start', '{}')")
    con.commit()
    con.close()
    store = RunStore(path)
    (moved,) = store.traces.of("r1")
    assert moved.reply == "hello" and moved.prompt_tokens is None
    kinds = [k for (k,) in store.db.conn().execute("SELECT kind FROM events")]
    assert kinds == ["stage_start"]
    store.delete("r1")  # a run's traces go with it
    assert store.traces.count("r1") == 0


@pytest.fixture
def stored_run(fake_openai, corpus, tmp_path):
    fake_openai.responder = Recording()
    store = RunStore(tmp_path / "runs.sqlite")
    run, events = run_stored(fake_openai, corpus, store)
    return store, run, events


class GrammarModel:
    """A stand-in for the embedded model's interface: it decodes under a grammar."""

    name = "SmolLM2-135M-Instruct.Q4_1"
    grammar = True

    def complete_json(self, messages, schema, *, max_tokens, temperature, seed,
                      logprobs=False):
        from serp_core.llm.base import Completion, TokenCount
        return Completion(text='{"tools": ["web", "images"]}',
                          usage=TokenCount(120, 8, 100))


def test_a_call_on_the_embedded_model_records_its_grammar_and_costs_nothing():
    from serp_core.pipeline.calls import Caller
    from serp_core.pipeline.replies import read_tools, tools_schema
    from serp_core.schema import RETRIEVAL_TOOLS
    from serp_core.traces.cost import DEFAULT_PRICES, call_cost

    traced = []
    caller = Caller(GrammarModel(), system="s", prompt_version="v", temperature=0.2, seed=1,
                    emit=lambda e: traced.append(e) if isinstance(e, CallTraced) else None)
    names = [str(t) for t in RETRIEVAL_TOOLS]
    got = caller.json("gather", PromptSet.load().fill("tools", query="q", intent="-",
                                                      tools=", ".join(names), form="{}"),
                      tools_schema(RETRIEVAL_TOOLS), lambda d: read_tools(d, names),
                      max_tokens=60, block="tools")
    assert got == ["web", "images"]
    (event,) = traced
    t = event.trace
    assert t.grammar and t.json_schema == tools_schema(RETRIEVAL_TOOLS)
    assert (t.prompt_tokens, t.cached_tokens, t.evaluated_tokens, t.completion_tokens) == (
        120, 100, 20, 8)
    assert "json_mode" not in t.sampling  # the embedded model has no such mode
    assert t.reader == ""  # a lambda cannot be looked up again: a replay only parses JSON
    assert call_cost(t, t.model, DEFAULT_PRICES) == 0


def test_the_json_mode_is_recorded_when_the_backend_adds_the_schema_itself(fake_openai):
    from serp_core.pipeline.calls import Caller

    fake_openai.responder = lambda body: '{"a": 1}'
    model = fake_openai.chat_model(json_mode="json_object")
    traced = []
    caller = Caller(model, system="s", prompt_version="v", temperature=0.0, seed=0,
                    emit=lambda e: traced.append(e) if isinstance(e, CallTraced) else None)
    caller.json("gather", "p", {"type": "object"}, dict, max_tokens=5, block="")
    (event,) = traced
    assert event.trace.sampling["json_mode"] == "json_object"
    assert event.trace.messages[0] == {"role": "system", "content": "s"}
    assert fake_openai.requests[-1]["messages"][0]["content"].startswith("s\n\nReply with")
