"""Benchmark: what the engine adds to a run against an endpoint, and what beam costs there.

    .venv/bin/python -m benchmarks.endpoint_overhead [--latency 0.2] [--queries 4]
        [--beams 1,3,8]

Runs go through the real `openai` SDK to tests/fake_openai.py on 127.0.0.1, which answers
each chat call after a fixed latency (tests/serp_responder.py replies as a capable model).
For every run, the model's critical path is the time at least one model call was in flight
(the union of the calls' intervals, from their traces); everything else on the run's wall
time is the engine's own work between calls (search, relevance, compaction, rendering the
prompts, storing events). Prints, per beam width, the median wall time, critical path,
the engine's share over it, and the wall time against greedy's.
Targets (the issue): the engine adds at most 10% to the critical path; beam 8 takes at most
1.5x the greedy wall time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generate_local import pick_queries
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.schema import CallTraced, Final, RunConfig
from serp_core.search.local import LocalCorpus
from serp_core.store import RunStore, record
from tests.fake_openai import FakeOpenAI
from tests.serp_responder import SerpResponder


def busy_seconds(intervals: list[tuple[float, float]]) -> float:
    """The length of the union of [start, end) intervals."""
    total, end = 0.0, float("-inf")
    for a, b in sorted(intervals):
        if a > end:
            total, end = total + (b - a), b
        elif b > end:
            total, end = total + (b - end), b
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--queries", type=int, default=4)
    ap.add_argument("--beams", default="1,3,8")
    args = ap.parse_args()

    search = LocalCorpus(index_path=Path(tempfile.mkdtemp()) / "index.sqlite")
    store = RunStore(Path(tempfile.mkdtemp()) / "runs.sqlite")
    prompts = PromptSet.load()
    queries = pick_queries(args.queries)
    medians: dict[int, float] = {}
    with FakeOpenAI(latency=args.latency) as srv:
        srv.responder = SerpResponder()
        model = srv.chat_model()
        for q in queries[:1]:  # warm the search index and the SDK's connection pool
            run = new_run(q, RunConfig(backend="openai", beam=1), search=search,
                          prompts=prompts)
            list(generate(run, model=model, search=search, prompts=prompts))
        print(f"fake endpoint, {args.latency:.2f} s per call; {len(queries)} queries")
        print(f"{'beam':>4} {'wall s':>8} {'model s':>8} {'engine +%':>10} {'calls':>6} "
              f"{'vs greedy':>10}")
        for beam in (int(b) for b in args.beams.split(",")):
            walls, paths, calls = [], [], []
            for q in queries:
                run = new_run(q, RunConfig(backend="openai", beam=beam), search=search,
                              prompts=prompts)
                started = time.perf_counter()
                spans = []
                for event in record(store, run, generate(run, model=model, search=search,
                                                             prompts=prompts)):
                    if isinstance(event, CallTraced):
                        t = event.trace
                        end = t.started_at.timestamp() + t.latency_s
                        spans.append((t.started_at.timestamp(), end))
                    if isinstance(event, Final):
                        assert event.run.status == "done", event.run.error
                walls.append(time.perf_counter() - started)
                paths.append(busy_seconds(spans))
                calls.append(len(spans))
            wall, path = statistics.median(walls), statistics.median(paths)
            medians[beam] = wall
            greedy = medians.get(1)
            print(f"{beam:>4} {wall:8.2f} {path:8.2f} {100 * (wall - path) / path:9.1f}% "
                  f"{statistics.median(calls):6.0f} "
                  f"{f'{wall / greedy:.2f}x' if greedy else '':>10}")


if __name__ == "__main__":
    main()
