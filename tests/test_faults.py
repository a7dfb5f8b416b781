"""Faults, crashes and leaks, the way a user meets them: the command line against an
OpenAI-compatible server that fails in each way an endpoint can, the store under 16 runs at
once, and the CLI killed with SIGKILL at random points. After each: the run's end state and
its one line, the events and traces kept, and the API key nowhere."""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from serp_core import logs
from serp_core.llm.openai_backend import OpenAIChatModel
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.schema import ErrorEvent, Final, RunConfig, StageStart
from serp_core.store import RunStore, record
from serp_core.traces import otlp
from serp_core.traces.cost import PriceTable
from tests.fake_openai import Reply
from tests.serp_responder import SerpResponder
from ui.exports import result_json

ROOT = Path(__file__).resolve().parent.parent
QUERY = "weekend in lisbon"
SECRET = "sk-test-SECRET-7f3a9c1e5b2d4f60"


def error(status: int, **headers: str) -> Reply:
    # The server echoes the key back, as some proxies do: it must still never be kept.
    return Reply(status=status, headers=headers, error={
        "message": f"boom for key {SECRET}", "type": "fake_error", "code": None})


@dataclass
class Fault:
    cause: str  # how the one line begins
    reply: Reply | None = None  # what the server answers from the failing call on
    at: int = 0  # the request (0-based) from which it fails; 0: the first, streamed, call
    refused: bool = False  # nothing listens at the base URL
    wrong_key: bool = False  # the server wants another key


FAULTS = {
    # Requests 0-2 are one at a time (the intent and the answer stream, the tools are JSON);
    # from 3 on, calls go side by side.
    "http-500-mid-run": Fault("server error", error(500), at=7),
    "http-500-first-streamed-call": Fault("server error", error(500)),
    "429-retry-after": Fault("rate limited", error(429, **{"Retry-After": "0"}), at=2),
    "429-no-retry-after": Fault("rate limited", error(429), at=1),
    "http-401": Fault("unauthorized", wrong_key=True),
    "connection-refused": Fault("unreachable", refused=True),
    "hang-timeout": Fault("timed out", Reply(text="late", delay=5), at=4),
    "garbage-json": Fault("malformed reply", Reply(body="<html>oops</html>"), at=1),
    "truncated-sse": Fault("malformed reply", Reply(text="I think they want", cut_after=2)),
    "dropped-mid-stream": Fault("connection dropped",
                                Reply(text="I think they want", abort_after=2)),
}


class FailingFrom(SerpResponder):
    """The scripted model, until request `at`; from then on every request gets `reply`."""

    def __init__(self, at: int, reply: Reply) -> None:
        super().__init__()
        self.at, self.reply, self.seen = at, reply, 0

    def __call__(self, body):
        with self._lock:
            n, self.seen = self.seen, self.seen + 1
        return self.reply if n >= self.at else super().__call__(body)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str, base_url: str, data: Path, timeout: float = 120,
        **popen) -> subprocess.CompletedProcess[str] | subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "GENSERP_"))}
    env |= {"OPENAI_API_KEY": SECRET, "GENSERP_TIMEOUT": "1", "GENSERP_MAX_RETRIES": "1"}
    command = [sys.executable, "-m", "serp_core", *args, "--base-url", base_url,
               "--data-dir", str(data)]
    if popen:
        return subprocess.Popen(command, cwd=ROOT, env=env, text=True, **popen)
    return subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=True,
                          timeout=timeout)


def generate_cli(base_url: str, data: Path, **popen):
    return cli("generate", QUERY, "--beam", "1", "--backend", "openai", "--quiet",
               base_url=base_url, data=data, **popen)


def assert_no_secret(data: Path, *texts: str) -> None:
    """Not in the store's files (every table, the WAL), the log, exports, or these texts."""
    for text in texts:
        assert SECRET not in text
    files = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.name == "runs.sqlite" for p in files)
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), path
    store = RunStore(data / "runs.sqlite")
    for summary in store.list():
        run = store.get(summary.id)
        events = [e for _, e in store.events(run.id)]
        traces = store.traces.of(run.id)
        assert SECRET not in result_json(run)
        spans = otlp.export(run, traces, events, PriceTable(store.db).all())
        assert SECRET not in json.dumps(spans)


@pytest.mark.parametrize("name", list(FAULTS))
def test_each_endpoint_fault_fails_the_run_with_one_line(name, fake_openai, tmp_path):
    fault = FAULTS[name]
    if fault.reply is not None:
        fake_openai.responder = FailingFrom(fault.at, fault.reply)
    else:
        fake_openai.responder = SerpResponder()
    if fault.wrong_key:
        fake_openai.api_key = "sk-some-other-key"
    base_url = f"http://127.0.0.1:{closed_port()}/v1" if fault.refused else fake_openai.base_url
    data = tmp_path / "data"

    done = generate_cli(base_url, data)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"genserp: error: {fault.cause}: ")
    store = RunStore(data / "runs.sqlite")
    (summary,) = store.list()
    run = store.get(summary.id)
    assert run.status == "failed" and run.error == line.removeprefix("genserp: error: ")
    events = [e for _, e in store.events(run.id)]
    assert isinstance(events[0], StageStart) and isinstance(events[-1], Final)
    fatal = [e for e in events if isinstance(e, ErrorEvent) and e.fatal]
    assert [e.message for e in fatal] == [run.error]  # said once
    # Every call up to the failure is kept, then the failed ones (calls side by side fail
    # together), with no fallback taken; no call is made after.
    traces = store.traces.of(run.id)
    answered = 0 if fault.refused else fault.at
    assert sum(t.ok for t in traces) == answered
    failed = [t for t in traces if not t.ok]
    assert failed and all(t.fallback == "" and t.error.startswith(fault.cause)
                          for t in failed)
    assert run.error in {t.error for t in failed}
    if fault.at == 0:
        assert traces[0].kind == "text"  # the first call streams
    if name.startswith("429"):  # retried once as the SDK does, then given up
        assert len(fake_openai.requests) == fault.at + 2
    log = (data / logs.LOG_NAME).read_text()
    assert run.error.split(":")[0] in log  # the log has it too, but no traceback is owed
    assert_no_secret(data, done.stdout, done.stderr, log)


def test_a_traceback_goes_to_the_log_with_keys_masked(tmp_path):
    path = logs.setup(tmp_path)
    logs.keep_secret(SECRET)
    try:
        raise RuntimeError(f"a bug holding {SECRET}")
    except RuntimeError:
        logging.getLogger("serp_core.test").exception("it broke")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text()
    assert "Traceback" in text and "RuntimeError: a bug holding ***" in text
    assert SECRET not in text


def test_16_runs_at_once_into_one_store_lose_nothing(fake_openai, corpus, tmp_path, caplog):
    fake_openai.responder = SerpResponder()
    prompts = PromptSet.load()
    path = tmp_path / "runs.sqlite"
    RunStore(path)  # created once; then each run writes through its own connections
    queries = [f"{q} {i}" for i, q in enumerate(["weekend in lisbon", "best running shoes",
                                                  "flu symptoms vs covid", "new sci-fi movies"]
                                                 * 4)]

    def one(query: str):
        store = RunStore(path)
        model = OpenAIChatModel(base_url=fake_openai.base_url, model="fake", api_key=SECRET,
                                max_retries=0, timeout_s=30)
        run = new_run(query, RunConfig(backend="openai", beam=1, max_polish_steps=0),
                      search=corpus, prompts=prompts)
        events = list(record(store, run, generate(run, model=model, search=corpus,
                                                  prompts=prompts)))
        return events[-1].run, [e for e in events if e.kind != "call"]

    with caplog.at_level(logging.WARNING), ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, queries))
    store = RunStore(path)
    assert len(store.list()) == 16
    for run, events in results:
        assert run.status == "done", run.error
        stored = [e for _, e in store.events(run.id)]
        assert [e.kind for e in stored] == [e.kind for e in events]
        assert len(store.traces.of(run.id)) == run.usage.calls == len(run.calls)
    assert sum(r.usage.calls for r, _ in results) == len(fake_openai.requests)
    assert "locked" not in caplog.text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_run_killed_at_a_random_point_is_recovered_and_redone(seed, fake_openai, tmp_path):
    rng = random.Random(seed)
    kill_at = rng.randint(1, 16)  # requests the server has seen when the process dies
    responder = SerpResponder(delay=0.01)
    reached = threading.Event()

    class Counting(SerpResponder):
        def __call__(self, body):
            if len(fake_openai.requests) >= kill_at:
                reached.set()
            return responder(body)

    fake_openai.responder = Counting()
    data = tmp_path / "data"
    proc = generate_cli(fake_openai.base_url, data, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL)
    try:
        assert reached.wait(60), "the run never got that far"
        time.sleep(rng.uniform(0, 0.05))  # anywhere around that call: mid-write too
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()

    path = data / "runs.sqlite"
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = RunStore(path)
    (summary,) = store.list()
    assert summary.status in ("running", "done")  # nobody has looked yet
    if summary.status == "done":
        pytest.skip("the run finished before the kill landed")
    before = store.events(summary.id)
    assert store.recover() == [summary.id]
    old = store.get(summary.id)
    assert old.status == "interrupted" and old.interrupted_at is not None
    after = store.events(summary.id)
    assert after[:len(before)] == before  # what was written before the crash is kept
    assert isinstance(after[-1][1], Final) and after[-1][1].run.status == "interrupted"
    assert all(t.ok for t in store.traces.of(summary.id))
    assert store.recover() == []  # once

    if seed != 1:
        return
    fake_openai.responder = SerpResponder()
    again = cli("resume", summary.id, "--quiet", base_url=fake_openai.base_url, data=data)
    assert again.returncode == 0, again.stderr
    new = next(r for r in RunStore(path).list() if r.id != summary.id)
    redone = RunStore(path).get(new.id)
    assert redone.status == "done" and redone.redo_of == old.id
    assert (redone.query, redone.config, redone.prompt_version) == (
        old.query, old.config, old.prompt_version)
    assert_no_secret(data)


def test_a_running_run_of_a_live_process_is_not_interrupted(fake_openai, corpus, tmp_path):
    """recover() in another store object (as another page or process would) while this
    process's run goes on: the run is left alone."""
    fake_openai.responder = SerpResponder(delay=0.05)
    prompts = PromptSet.load()
    store = RunStore(tmp_path / "runs.sqlite")
    model = fake_openai.chat_model()
    run = new_run(QUERY, RunConfig(backend="openai", beam=1), search=corpus, prompts=prompts)
    events = record(store, run, generate(run, model=model, search=corpus, prompts=prompts))
    next(events)
    assert RunStore(tmp_path / "runs.sqlite").recover() == []
    *_, last = events
    assert last.run.status == "done"


def test_usage_the_server_does_not_send_is_unknown_or_counted(fake_openai, corpus):
    responder = SerpResponder()

    def no_usage(body):
        return Reply(text=responder(body), send_usage=False)

    fake_openai.responder = no_usage
    prompts = PromptSet.load()
    for name in ("fake", "SmolLM2-135M-Instruct"):
        model = fake_openai.chat_model(model=name)
        run = new_run(QUERY, RunConfig(backend="openai", beam=1), search=corpus,
                      prompts=prompts)
        *_, final = generate(run, model=model, search=corpus, prompts=prompts)
        usage = final.run.usage
        assert final.run.status == "done" and usage.calls > 0
        if name == "fake":  # no tokenizer known: unknown, never 0
            assert usage.unknown_calls == usage.calls and usage.tokens is None
            assert "token counts unknown" in usage.describe()
            assert all(c.prompt_tokens is None for c in final.run.calls)
        else:  # SmolLM2's own tokenizer counts what the server did not
            assert usage.unknown_calls == 0 and usage.prompt_tokens > usage.calls * 20
            assert all(c.completion_tokens for c in final.run.calls)
