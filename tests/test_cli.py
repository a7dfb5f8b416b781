"""The command line contract, run as a user would: a subprocess, its files, its exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.serp_responder import SerpResponder

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, data_dir: Path, env: dict[str, str] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("OPENAI_", "GENSERP_"))}
    return subprocess.run(
        [sys.executable, "-m", "serp_core", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, cwd=ROOT, timeout=timeout,
        env={**clean, **(env or {})})


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def test_generate_writes_the_contracted_files(tmp_path, fake_openai):
    fake_openai.responder = SerpResponder()
    out = tmp_path / "r"
    proc = cli("generate", "<script>alert(1)</script> weekend in lisbon", "--beam", "2",
               "--backend", "openai", "--base-url", fake_openai.base_url, "--out", str(out),
               data_dir=tmp_path / "data", env={"OPENAI_API_KEY": "sk-secret-test-key"})
    assert proc.returncode == 0, proc.stderr
    assert "== gather ==" in proc.stdout and "» I think they want" in proc.stdout
    result = json.loads((out / "result.json").read_text())
    assert result["query"].startswith("<script>")
    assert result["config"]["beam"] == 2 and result["config"]["backend"] == "openai"
    assert len(result["candidates"]) == 2
    for c in result["candidates"]:
        assert {"type", "col", "row", "width", "height"} <= set(c["layout"]["blocks"][0])
        assert 0 <= c["score"] <= 10
        assert Path(c["html"]).is_file()
    assert result["best"] in (0, 1)
    assert {"gather", "populate", "score", "total"} <= set(result["timings"])
    assert result["usage"]["calls"] == len(fake_openai.requests)
    assert result["usage"]["prompt_tokens"] > 0
    best = (out / "best.html").read_text()
    assert "<script>alert" not in best and "&lt;script&gt;alert(1)" in best
    assert sorted(p.name for p in (out / "candidates").iterdir()) == ["0.html", "1.html"]
    # The key is not written anywhere the run goes.
    for path in [out / "result.json", tmp_path / "data" / "runs.sqlite"]:
        assert b"sk-secret-test-key" not in path.read_bytes()


def test_writing_choices_makes_an_endpoint_pick_the_answers_sentences(tmp_path, fake_openai):
    fake_openai.responder = SerpResponder()
    out = tmp_path / "r"
    proc = cli("generate", "weekend in lisbon", "--beam", "1", "--writing", "choices",
               "--backend", "openai", "--base-url", fake_openai.base_url, "--out", str(out),
               "--quiet", data_dir=tmp_path / "data", env={"OPENAI_API_KEY": "k"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "result.json").read_text())["config"]["writing"] == "choices"
    schemas = [b["response_format"]["json_schema"]["schema"] for b in fake_openai.requests
               if "response_format" in b]
    assert any("pick" in s.get("properties", {}) for s in schemas)


def test_a_query_outside_the_corpus_points_at_real_search(tmp_path, fake_openai):
    fake_openai.responder = SerpResponder()
    for query, outside in (("zqxv wqmptr florbish", True), ("weekend in lisbon", False)):
        proc = cli("generate", query, "--beam", "1", "--backend", "openai", "--base-url",
                   fake_openai.base_url, "--quiet", data_dir=tmp_path / "data",
                   env={"OPENAI_API_KEY": "k"})
        assert proc.returncode == 0, proc.stderr
        assert ("nothing in the bundled demo corpus" in proc.stdout) is outside, query


def test_baseline_writes_one_candidate(tmp_path):
    out = tmp_path / "b"
    proc = cli("baseline", "things to do in lisbon in march", "--out", str(out),
               data_dir=tmp_path / "data")
    assert proc.returncode == 0, proc.stderr
    result = json.loads((out / "result.json").read_text())
    assert len(result["candidates"]) == 1 and result["best"] == 0
    assert result["config"]["mode"] == "template"
    assert (out / "best.html").is_file() and (out / "candidates" / "0.html").is_file()


@pytest.mark.parametrize("args, code, fragment", [
    (["generate", "   "], 2, "the query is empty"),
    (["generate", "x" * 600], 2, "limit is 500"),
    (["generate", "hotels", "--backend", "gemini"], 2, "invalid choice: 'gemini'"),
    (["generate", "hotels", "--beam", "0"], 2, "argument --beam: must be between 1 and 8"),
    (["generate", "hotels", "--theta", "high"], 2, "'high' is not a whole number"),
    (["baseline", "", "--out", "/tmp/never"], 2, "the query is empty"),
    (["experiment", "table9"], 2, "invalid choice: 'table9'"),
    (["experiment", "beam-vs-greedy", "--queries", "/no/such.csv"], 2, "/no/such.csv"),
    (["experiment", "beam-vs-greedy", "--n", "0"], 2, "argument --n: must be between"),
])
def test_bad_input_exits_with_one_clear_line(tmp_path, args, code, fragment):
    proc = cli(*args, data_dir=tmp_path)
    assert proc.returncode == code
    assert fragment in one_line_error(proc)


def test_unreachable_endpoint_exits_1_with_one_line(tmp_path):
    proc = cli("generate", "hotels in rome", "--backend", "openai", "--base-url",
               "http://127.0.0.1:9/v1", data_dir=tmp_path,
               env={"OPENAI_API_KEY": "k", "GENSERP_MAX_RETRIES": "0"})
    assert proc.returncode == 1
    assert "127.0.0.1:9" in one_line_error(proc)


def test_unknown_backend_in_environment_is_one_line(tmp_path):
    proc = cli("generate", "hotels", data_dir=tmp_path, env={"GENSERP_BACKEND": "gemini"})
    assert proc.returncode == 2
    assert "unknown backend 'gemini'" in one_line_error(proc)


def test_experiment_writes_its_summary_and_plots(tmp_path, fake_openai):
    fake_openai.responder = SerpResponder()
    queries = tmp_path / "queries.csv"
    queries.write_text("query,vertical\nweekend in lisbon,travel\nbest running shoes,shopping\n"
                       "flu symptoms vs covid,health\n")
    out = tmp_path / "report"
    proc = cli("experiment", "beam-vs-greedy", "--queries", str(queries), "--n", "2",
               "--backend", "openai", "--base-url", fake_openai.base_url, "--beam", "2",
               "--out", str(out), "--no-png", data_dir=tmp_path / "data",
               env={"OPENAI_API_KEY": "k"})
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["experiment"] == "beam-vs-greedy" and summary["queries"] == 2
    assert [(a["name"], a["done"], a["config"]["beam"]) for a in summary["arms"]] == \
        [("genserp", 2, 2), ("greedy", 2, 1)]
    assert summary["table"][-1]["group"] == "all" and summary["table"][-1]["n"] == 2
    assert (out / "judge_scores.html").is_file() and not list(out.glob("*.png"))
    assert "summary: " in proc.stdout and "Traceback" not in proc.stderr


def test_trace_lists_shows_and_exports_a_runs_calls(tmp_path, fake_openai):
    from serp_core.store import RunStore

    fake_openai.responder = SerpResponder()
    data = tmp_path / "data"
    proc = cli("generate", "weekend in lisbon", "--beam", "1", "--backend", "openai",
               "--base-url", fake_openai.base_url, "--quiet", data_dir=data,
               env={"OPENAI_API_KEY": "k", "GENSERP_MODEL": "gpt-4o-mini"})
    assert proc.returncode == 0, proc.stderr
    (summary,) = RunStore(data / "runs.sqlite").list()
    traces = RunStore(data / "runs.sqlite").traces.of(summary.id)

    listing = cli("trace", summary.id, data_dir=data)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert f"run {summary.id}" in lines[0] and f"{len(traces)} calls" in lines[0]
    rows = [line for line in lines if line.startswith("#")]
    assert len(rows) == len(traces) == len(fake_openai.requests)
    first = traces[0]
    assert rows[0].split()[:3] == ["#0", first.stage, "-"]
    assert f"{first.prompt_tokens:,} in" in rows[0] and rows[0].rstrip().endswith("ok")
    assert "$" in lines[-1]  # the run's cost, gpt-4o-mini being priced

    one = cli("trace", summary.id, "--call", "3", data_dir=data)
    assert one.returncode == 0
    # Recorded as sent (independent calls go out together: the server's order may differ).
    body = next((b for b in fake_openai.requests if b["messages"] == traces[3].messages), None)
    assert body is not None
    for m in body["messages"]:
        assert f"--- {m['role']} ---\n{m['content']}" in one.stdout
    assert f"--- reply ---\n{traces[3].reply}" in one.stdout

    jsonl = cli("trace", summary.id, "--json", data_dir=data)
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [r["index"] for r in records] == list(range(len(traces)))
    assert records[3]["messages"] == body["messages"]

    out = tmp_path / "trace.json"
    spans = cli("trace", summary.id, "--otlp", str(out), data_dir=data)
    assert spans.returncode == 0 and str(out) in spans.stdout
    assert json.loads(out.read_text())["resourceSpans"][0]["scopeSpans"][0]["spans"]


def test_trace_of_an_unknown_run_is_one_line(tmp_path):
    proc = cli("trace", "nope", data_dir=tmp_path)
    assert proc.returncode == 2 and "there is no run 'nope'" in one_line_error(proc)


def test_trace_of_an_unknown_call_is_one_line(tmp_path):
    from serp_core.pipeline.run import new_run
    from serp_core.prompts import PromptSet
    from serp_core.schema import RunConfig
    from serp_core.search.local import LocalCorpus
    from serp_core.store import RunStore

    store = RunStore(tmp_path / "runs.sqlite")
    run = new_run("weekend in lisbon", RunConfig(), prompts=PromptSet.load(),
                  search=LocalCorpus(index_path=tmp_path / "corpus-index.sqlite"))
    store.save(run)
    proc = cli("trace", run.id, "--call", "7", data_dir=tmp_path)
    assert proc.returncode == 2 and f"{run.id} has no call 7 (it has 0)" in one_line_error(proc)
