"""End to end on the real embedded model (SmolLM2-135M through llama.cpp in process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from serp_core import grid
from serp_core.llm.local_backend import LocalChatModel
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
    assert any(isinstance(e, Reasoning) and e.delta for e in events)
    assert len([e for e in events if isinstance(e, LayoutProposed)]) >= 2
    assert len(final.run.candidates) == 2 and final.run.best is not None
    for c in final.run.candidates:
        assert grid.validate(c.layout) == [] and 0 <= c.score <= 10
    assert final.run.usage.calls >= 8 and final.run.usage.completion_tokens > 0


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
