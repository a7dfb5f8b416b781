"""Benchmark: batch throughput (runs per minute) against a fake OpenAI-compatible server with
a fixed latency per chat call, at several concurrencies.

    .venv/bin/python -m benchmarks.batch_throughput [--latency 0.2] [--queries 32]
        [--concurrency 1 4 16] [--beam 1] [--polish 1] [--no-warmup] [--profile] [--nagle]

Each level runs the same bundled demo queries (a seeded, vertical-stratified sample) as one
coarse-to-fine batch into a fresh temporary run store, through the real `openai` SDK
(`max_retries=0`) talking HTTP to tests/fake_openai.py on 127.0.0.1, answered by
tests/serp_responder.py. Every run records all its events in SQLite, as in the app. Before the
timed levels one untimed pass warms the search index's caches, so every level sees the same
(warm) search cost. Target (the issue): runs/min at concurrency 16 >= 10x concurrency 1.
`--profile` also prints, per level, the CPU time the process used per run: a level is CPU
bound when cpu/wall approaches the number of cores.

The fake server turns Nagle's algorithm off, so each call costs the configured latency;
`--nagle` turns it back on (+~40 ms per JSON call: headers and body are two small writes and
the body waits for the client's delayed ACK).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from serp_core.experiments.batch import Batch, run_batch
from serp_core.experiments.query_sets import bundled, select
from serp_core.llm.openai_backend import OpenAIChatModel
from serp_core.prompts import PromptSet
from serp_core.schema import RunConfig
from serp_core.search.local import LocalCorpus
from serp_core.store import RunStore
from tests import fake_openai
from tests.fake_openai import FakeOpenAI
from tests.serp_responder import SerpResponder


def run_level(queries, config: RunConfig, concurrency: int, *, fake: FakeOpenAI,
              search: LocalCorpus, prompts: PromptSet, tmp: Path, tag: str) -> dict:
    store = RunStore(tmp / f"runs-{tag}.sqlite")
    model = OpenAIChatModel(base_url=fake.base_url, model="fake-model", api_key="k",
                            max_retries=0, timeout_s=60)
    batch = Batch(experiment="throughput", arm=tag, config=config,
                  prompt_version=prompts.version, queries=queries)
    requests_before = len(fake.requests)
    cpu0, t0 = time.process_time(), time.perf_counter()
    result = run_batch(batch, store=store, search=search, model=model, prompts=prompts,
                       concurrency=concurrency)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    model.close()
    runs = [store.get(run_id) for run_id in result.run_ids.values()]
    walls = [r.timings.get("total", 0.0) for r in runs if r is not None]
    return {
        "done": result.done, "failed": result.failed, "wall": wall, "cpu": cpu,
        "calls": statistics.mean(r.usage.calls for r in runs if r is not None),
        "requests": len(fake.requests) - requests_before,
        "run_wall": statistics.median(walls) if walls else 0.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--latency", type=float, default=0.2,
                    help="seconds the fake server waits before every chat answer")
    ap.add_argument("--queries", type=int, default=32, help="runs per concurrency level")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--beam", type=int, default=1)
    ap.add_argument("--polish", type=int, default=1, help="max polish steps (the default 1)")
    ap.add_argument("--no-warmup", action="store_true")
    ap.add_argument("--profile", action="store_true", help="print CPU time per run")
    ap.add_argument("--nagle", action="store_true",
                    help="leave Nagle's algorithm on in the fake server (+~40 ms per JSON call)")
    args = ap.parse_args()
    fake_openai._Handler.disable_nagle_algorithm = not args.nagle

    with tempfile.TemporaryDirectory(prefix="genserp-bench-") as tmp_dir:
        tmp = Path(tmp_dir)
        search = LocalCorpus(index_path=tmp / "index.sqlite")
        prompts = PromptSet.load()
        queries = select(bundled(), n=args.queries, seed=0)
        config = RunConfig(backend="openai", beam=args.beam, max_polish_steps=args.polish)
        print(f"fake server latency {args.latency:.3f} s per chat call; {len(queries)} runs per "
              f"level; coarse-to-fine, beam {args.beam}, polish steps {args.polish}; "
              f"{os.cpu_count()} CPUs; Nagle {'on' if args.nagle else 'off'} in the fake server")

        with FakeOpenAI(latency=args.latency) as fake:
            fake.responder = SerpResponder()
            if not args.no_warmup:
                t0 = time.perf_counter()
                run_level(queries, config, max(args.concurrency), fake=fake, search=search,
                          prompts=prompts, tmp=tmp, tag="warmup")
                print(f"warm-up pass (untimed): {time.perf_counter() - t0:.1f} s")

            print(f"{'concurrency':>11} {'runs':>5} {'failed':>6} {'wall s':>7} {'runs/min':>9} "
                  f"{'speed-up':>8} {'calls/run':>9} {'run s':>6}"
                  + (f" {'cpu s/run':>9} {'cpu/wall':>8}" if args.profile else ""))
            base = None
            for c in args.concurrency:
                r = run_level(queries, config, c, fake=fake, search=search, prompts=prompts,
                              tmp=tmp, tag=f"c{c}")
                rpm = 60 * r["done"] / r["wall"]
                base = base or rpm
                line = (f"{c:>11} {r['done']:>5} {r['failed']:>6} {r['wall']:7.2f} {rpm:9.1f} "
                        f"{rpm / base:7.1f}x {r['calls']:9.1f} {r['run_wall']:6.2f}")
                if args.profile:
                    line += f" {r['cpu'] / len(queries):9.3f} {r['cpu'] / r['wall']:8.2f}"
                print(line)
        if args.latency:
            ceiling = 60 / (r["calls"] * args.latency)
            print(f"(latency alone caps one run after another at {ceiling:.1f} runs/min: "
                  f"{r['calls']:.1f} sequential calls x {args.latency} s; 'run s' is the median "
                  "wall time of one run)")


if __name__ == "__main__":
    main()
