"""Benchmark: what tracing costs a run. Writes the traces of a real-sized run (its calls taken
from a run against the fake server, so the messages are the pipeline's own) into a temporary
store, call by call as store.record does, then reads them back as the Trace view does.

    .venv/bin/python -m benchmarks.trace_store [--runs 50]

Prints: bytes per call stored, milliseconds per call written (one transaction each, as the
calls finish), milliseconds to read one run's trace, and the same with the privacy option
off (counts only).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.schema import CallTraced, RunConfig
from serp_core.search.local import LocalCorpus
from serp_core.store import RunStore
from tests.fake_openai import FakeOpenAI
from tests.serp_responder import SerpResponder


def sample_traces(corpus: LocalCorpus) -> list:
    with FakeOpenAI() as srv:
        srv.responder = SerpResponder()
        prompts = PromptSet.load()
        run = new_run("weekend in lisbon", RunConfig(backend="openai", beam=3), search=corpus,
                      prompts=prompts)
        return [e.trace for e in generate(run, model=srv.chat_model(model="gpt-4o-mini"),
                                          search=corpus, prompts=prompts)
                if isinstance(e, CallTraced)]


def measure(store: RunStore, traces: list, runs: int) -> tuple[float, float, float]:
    writes, reads = [], []
    for n in range(runs):
        run_id = f"bench-{n}-{store.traces.keep_text()}"
        started = time.perf_counter()
        for t in traces:
            store.traces.add(run_id, t)
        writes.append((time.perf_counter() - started) / len(traces))
        started = time.perf_counter()
        store.traces.of(run_id)
        reads.append(time.perf_counter() - started)
    (size,) = store.db.conn().execute(
        "SELECT AVG(LENGTH(trace)) FROM call_traces WHERE run_id LIKE ?",
        (f"%-{store.traces.keep_text()}",)).fetchone()
    return size, 1000 * statistics.median(writes), 1000 * statistics.median(reads)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = LocalCorpus(index_path=Path(tmp) / "corpus.sqlite")
        traces = sample_traces(corpus)
        store = RunStore(Path(tmp) / "runs.sqlite")
        print(f"a beam-3 run makes {len(traces)} calls; {args.runs} runs' traces each way")
        for keep in (True, False):
            store.traces.set_keep_text(keep)
            size, write_ms, read_ms = measure(store, traces, args.runs)
            what = "with message text" if keep else "counts only     "
            print(f"{what}: {size:,.0f} bytes/call, write {write_ms:.2f} ms/call, "
                  f"read one run's trace {read_ms:.1f} ms")


if __name__ == "__main__":
    main()
