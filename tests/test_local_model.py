"""End to end on the real embedded model (SmolLM2-135M through llama.cpp in process)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from serp_core import grid
from serp_core.llm.local_backend import LocalChatModel
from serp_core.pipeline.replies import expected_number
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.schema import Final, LayoutProposed, Reasoning, RunConfig

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def local_model():
    return LocalChatModel()


def test_streams_text_and_counts_tokens(local_model):
    stream = local_model.stream_text([{"role": "user", "content": "Name a fruit."}],
                                     max_tokens=12, temperature=0.0, seed=1)
    deltas = list(stream)
    assert len(deltas) >= 2 and "".join(deltas).strip()
    assert stream.usage.completion_tokens == len(deltas)
    assert stream.usage.prompt_tokens > 5


def test_grammar_keeps_the_small_model_inside_enums(local_model):
    from serp_core.pipeline.replies import extract_json, layout_schema, read_layout
    from serp_core.schema import ContentType as T

    types = [T.chat_answer, T.web, T.images]
    reply = local_model.complete_json(
        [{"role": "user", "content": "Lay out a search page as JSON."}], layout_schema(types),
        max_tokens=120, temperature=0.7, seed=3)
    layout = read_layout(extract_json(reply.text))
    assert set(layout.boxes) == {"chat_answer", "web", "images"}
    assert all(0 <= b.col < 12 and 1 <= b.width <= 12 and 1 <= b.height <= 8
               for b in layout.boxes.values())
    assert reply.usage.completion_tokens > 0


def test_a_beam_run_completes_on_the_embedded_model(local_model, corpus):
    prompts = PromptSet.load()
    run = new_run("best hiking trails near seattle", RunConfig(backend="local", beam=2),
                  search=corpus, prompts=prompts)
    events = list(generate(run, model=local_model, search=corpus, prompts=prompts))
    final = events[-1]
    assert isinstance(final, Final) and final.run.status == "done", final.run.error
    said = [e.text for e in events if isinstance(e, Reasoning)]
    # the small model chooses its reading of the query; it does not write it
    assert said[0].startswith("I am reading") and any(t.startswith("I think they want to")
                                                     for t in said)
    assert len([e for e in events if isinstance(e, LayoutProposed)]) >= 2
    assert len(final.run.candidates) == 2 and final.run.best is not None
    for c in final.run.candidates:
        assert grid.validate(c.layout) == [] and 0 <= c.score <= 10
    usage = final.run.usage
    assert usage.calls >= 8 and usage.completion_tokens > 0 and usage.unknown_calls == 0
    # every prefix is evaluated once: most prompt tokens come from what was evaluated before
    assert usage.cached_tokens > usage.prompt_tokens / 2


SCHEMA = {"type": "object", "properties": {"n": {"type": "integer", "enum": list(range(11))}},
          "required": ["n"], "additionalProperties": False}


def test_a_prompt_prefix_is_evaluated_once(local_model):
    shared = "Here is a long list of facts about Kyoto temples. " * 20
    first = local_model.complete_json(
        [{"role": "user", "content": shared + "Pick a number."}], SCHEMA, max_tokens=8,
        temperature=0.0, seed=1)
    second = local_model.complete_json(
        [{"role": "user", "content": shared + "Pick another number, please."}], SCHEMA,
        max_tokens=8, temperature=0.0, seed=1)
    assert first.usage.prompt_tokens > 200
    assert second.usage.cached_tokens > 200  # the shared prefix was not evaluated again
    assert second.usage.prompt_tokens - second.usage.cached_tokens < 30


def test_concurrent_calls_are_decoded_in_one_batch(local_model):
    engine = local_model.engine
    messages = [{"role": "user", "content": "Write about hiking near Seattle."}]
    before = dict(engine.stats)
    streams = [local_model.stream_text(messages, max_tokens=24, temperature=0.7, seed=s)
               for s in range(3)]
    done: list[str] = []
    threads = [threading.Thread(target=lambda s=s: done.append("".join(s))) for s in streams]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    generated = sum(s.usage.completion_tokens for s in streams)
    steps = engine.stats["decodes"] - before["decodes"]
    assert len(done) == 3 and generated > 30
    assert steps < generated * 0.7  # several sequences' tokens in each decode step


def test_logprobs_cover_only_what_the_grammar_allows(local_model):
    reply = local_model.complete_json(
        [{"role": "user", "content": "Rate this page from 0 to 10."}], SCHEMA, max_tokens=8,
        temperature=0.7, seed=2, logprobs=True)
    digit = next(t for t in reply.logprobs if t.token.strip().isdigit())
    assert digit.top and all(k.strip().isdigit() for k in digit.top)
    assert abs(sum(math.exp(v) for v in digit.top.values()) - 1) < 1e-6
    assert expected_number(reply.logprobs, key="n") is not None


def test_cli_generate_on_the_embedded_default(tmp_path):
    out = tmp_path / "r"
    proc = subprocess.run(
        [sys.executable, "-m", "serp_core", "generate", "flu symptoms vs covid", "--beam", "1",
         "--out", str(out), "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    result = json.loads((out / "result.json").read_text())
    assert result["config"]["backend"] == "local"
    assert (out / "best.html").is_file()
