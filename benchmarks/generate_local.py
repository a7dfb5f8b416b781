"""Benchmark: `generate` on the embedded model at beam 3 over 10 corpus queries.

    .venv/bin/python -m benchmarks.generate_local [--queries 10] [--beam 3]

Prints per-run figures and the median / p90 wall time, time to the first reasoning text,
calls and tokens per run. The model is loaded once (its load time is printed separately), as
in the app, where it stays loaded between runs.
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
from serp_core.schema import Final, Reasoning, RunConfig
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=10)
    ap.add_argument("--beam", type=int, default=3)
    args = ap.parse_args()

    t0 = time.perf_counter()
    model = LocalChatModel()
    print(f"model load: {time.perf_counter() - t0:.2f} s ({model.name})")
    search = LocalCorpus(index_path=Path(tempfile.mkdtemp()) / "index.sqlite")
    prompts = PromptSet.load()

    walls, firsts, calls, p_tok, c_tok = [], [], [], [], []
    print(f"{'query':<48} {'wall s':>7} {'first s':>8} {'calls':>6} {'tokens in/out':>14}")
    for q in pick_queries(args.queries):
        run = new_run(q, RunConfig(backend="local", beam=args.beam), search=search,
                      prompts=prompts)
        start = time.perf_counter()
        first = None
        final = None
        for event in generate(run, model=model, search=search, prompts=prompts):
            if first is None and isinstance(event, Reasoning):
                first = time.perf_counter() - start
            if isinstance(event, Final):
                final = event.run
        wall = time.perf_counter() - start
        assert final is not None and final.status == "done", final and final.error
        u = final.usage
        walls.append(wall)
        firsts.append(first or wall)
        calls.append(u.calls)
        p_tok.append(u.prompt_tokens)
        c_tok.append(u.completion_tokens)
        print(f"{q[:48]:<48} {wall:7.2f} {first or 0:8.2f} {u.calls:6d} "
              f"{u.prompt_tokens:>7}/{u.completion_tokens:<6}")

    print()
    print(f"runs: {len(walls)}, beam {args.beam}, local backend")
    print(f"wall time: median {statistics.median(walls):.2f} s, p90 {p90(walls):.2f} s")
    print(f"first reasoning text: median {statistics.median(firsts):.2f} s, "
          f"p90 {p90(firsts):.2f} s, max {max(firsts):.2f} s")
    print(f"calls per run: median {statistics.median(calls):.0f}")
    print(f"tokens per run: median {statistics.median(p_tok):.0f} prompt, "
          f"{statistics.median(c_tok):.0f} completion")


if __name__ == "__main__":
    main()
