"""Benchmark: `generate` on the embedded model over 10 corpus queries, at each beam width.

    .venv/bin/python -m benchmarks.generate_local [--queries 10] [--beams 1,3,8] [--model F]

Prints per-run figures and, per beam, the median / p90 wall time, the time to the first
reasoning text (and to the first line drawn from the model), calls, and prompt tokens sent,
actually evaluated (the rest came from the KV cache) and completion tokens per run. The
model is loaded once (its load time is printed separately), as in the app, where it stays
loaded between runs.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from pathlib import Path

from serp_core.llm.local_backend import LocalChatModel
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.schema import CallTraced, Final, Reasoning, RunConfig
from serp_core.search.local import DEMO_QUERIES_CSV, LocalCorpus


def pick_queries(n: int) -> list[str]:
    """n queries spread evenly over the verticals, the same ones every time."""
    with open(DEMO_QUERIES_CSV, newline="") as f:
        rows = list(csv.DictReader(f))
    by_vertical: dict[str, list[str]] = {}
    for row in rows:
        by_vertical.setdefault(row["vertical"], []).append(row["query"])
    picked: list[str] = []
    i = 0
    while len(picked) < n:
        for queries in by_vertical.values():
            if i < len(queries) and len(picked) < n:
                picked.append(queries[i * 7 % len(queries)])
        i += 1
    return picked


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def run_once(model, search, prompts, query: str, beam: int) -> dict[str, float]:
    run = new_run(query, RunConfig(backend="local", beam=beam), search=search, prompts=prompts)
    start = time.perf_counter()
    first = first_model = None
    calls_done = False
    final = None
    for event in generate(run, model=model, search=search, prompts=prompts):
        now = time.perf_counter() - start
        if isinstance(event, CallTraced):
            calls_done = True
        if isinstance(event, Reasoning):
            first = now if first is None else first
            if calls_done and first_model is None:  # the first line drawn from the model
                first_model = now
        if isinstance(event, Final):
            final = event.run
    wall = time.perf_counter() - start
    assert final is not None and final.status == "done", final and final.error
    u = final.usage
    return {"wall": wall, "first": first or wall, "first_model": first_model or wall,
            "calls": u.calls, "sent": u.prompt_tokens, "evaluated": u.evaluated_tokens,
            "completion": u.completion_tokens}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=10)
    ap.add_argument("--beams", default="3", help="comma-separated beam widths, e.g. 1,3,8")
    ap.add_argument("--model", type=Path, default=None, help="a GGUF file (default: the "
                    "embedded model as it runs)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    model = LocalChatModel(args.model)
    print(f"model load: {time.perf_counter() - t0:.2f} s ({model.name})")
    search = LocalCorpus(index_path=Path(tempfile.mkdtemp()) / "index.sqlite")
    prompts = PromptSet.load()
    for beam in (int(b) for b in args.beams.split(",")):
        rows = []
        print(f"\nbeam {beam}")
        print(f"{'query':<44} {'wall s':>7} {'first s':>8} {'model s':>8} {'calls':>6} "
              f"{'sent/evaluated/completion':>26}")
        for q in pick_queries(args.queries):
            r = run_once(model, search, prompts, q, beam)
            rows.append(r)
            print(f"{q[:44]:<44} {r['wall']:7.2f} {r['first']:8.2f} {r['first_model']:8.2f} "
                  f"{r['calls']:6d} {r['sent']:>10}/{r['evaluated']:>6}/{r['completion']:<6}")
        col = {k: [r[k] for r in rows] for k in rows[0]}
        print(f"beam {beam}: {len(rows)} runs; wall median {statistics.median(col['wall']):.2f} s,"
              f" p90 {p90(col['wall']):.2f} s; first reasoning text median "
              f"{statistics.median(col['first']):.2f} s (max {max(col['first']):.2f}); first "
              f"from the model median {statistics.median(col['first_model']):.2f} s; per run "
              f"{statistics.median(col['calls']):.0f} calls, "
              f"{statistics.median(col['sent']):.0f} prompt tokens sent, "
              f"{statistics.median(col['evaluated']):.0f} evaluated, "
              f"{statistics.median(col['completion']):.0f} completion")


if __name__ == "__main__":
    main()
