"""Benchmark: placement-heatmap aggregation over 10,000 stored candidates.

    .venv/bin/python -m benchmarks.heatmap_aggregation [--runs 2500] [--beam 4] [--repeat 3]
        [--profile]

Writes `runs` finished runs of `beam` candidates each (2,500 x 4 = 10,000 candidates) into a
temporary RunStore. The runs look like real ones: a bundled demo query, the corpus items a
run would have gathered for it, one call record per model call, and candidates whose layouts
are grid.repair'ed random boxes (seeded) with item ids, UX settings and page metrics. Then
times the heatmap page's path, as app_pages/heatmaps.py does it:

* list: `store.list(runs)`, the run summaries the page filters;
* cold: `placement_maps(reader, summaries, Selection())` (every candidate) with a new
  LayoutReader, so every run's boxes are read from SQLite and parsed;
* warm: the same call again on that reader, whose cache now holds every finished run;
* heatmaps: `grid.heatmaps` for the 8 content types straight over in-memory boxes.

Target (the issue): aggregation <= 0.5 s. `--profile` prints the cold path's top functions.
Note the app itself looks at the most recent analysis.MAX_RUNS (1000) runs only.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from serp_core import grid
from serp_core.analysis import LayoutReader, Selection, placement_maps
from serp_core.experiments.query_sets import bundled
from serp_core.schema import (
    DEFAULT_UX,
    GRID_COLS,
    MAX_ROWS,
    Block,
    CallRecord,
    Candidate,
    ContentType,
    Item,
    Layout,
    Run,
    RunConfig,
    Usage,
)
from serp_core.search.local import LocalCorpus
from serp_core.store import RunStore

T0 = datetime(2026, 1, 1, tzinfo=UTC)
STAGES = ["gather"] * 4 + ["populate"] * 6 + ["polish", "score"]  # call records of a candidate


def random_layout(rng: random.Random, items: dict[ContentType, list[str]]) -> Layout:
    """A valid layout: 3 to 8 random types at random boxes, made valid by grid.repair."""
    types = rng.sample(list(ContentType), rng.randint(3, len(ContentType)))
    blocks = []
    for t in types:
        width = rng.randint(2, GRID_COLS)
        blocks.append(Block(type=t, col=rng.randint(0, GRID_COLS - width),
                            row=rng.randint(0, 12), width=width, height=rng.randint(1, 6),
                            ux=DEFAULT_UX[t], item_ids=items.get(t, [])[:4]))
    layout, _ = grid.repair(Layout(blocks=blocks))
    return layout


def make_runs(n_runs: int, beam: int, seed: int, search: LocalCorpus) -> list[Run]:
    rng = random.Random(seed)
    queries = bundled()
    found: dict[str, dict[ContentType, list[Item]]] = {}
    runs = []
    for i in range(n_runs):
        q = queries[i % len(queries)]
        if q.text not in found:
            found[q.text] = {t: search.search(q.text, t, k=4) for t in ContentType}
        by_type = found[q.text]
        ids = {t: [it.id for it in its] for t, its in by_type.items()}
        candidates = []
        for c in range(beam):
            layout = random_layout(rng, ids)
            candidates.append(Candidate(
                index=c, layout=layout, proposal_confidence=rng.randint(5, 10),
                metrics=grid.metrics(layout), score=float(rng.randint(3, 10)),
                score_reason="Clear answer on top.", latency_s=round(rng.uniform(2, 4), 3),
                usage=Usage(calls=len(STAGES), prompt_tokens=9000, completion_tokens=600)))
        calls = [CallRecord(stage=s, candidate=c, prompt_version="bench", prompt_tokens=750,
                            completion_tokens=50, latency_s=0.2)
                 for c in range(beam) for s in STAGES]
        run = Run(id=f"bench{i:06d}", query=q.text, vertical=q.vertical,
                  config=RunConfig(backend="openai", model="fake-model", beam=beam),
                  prompt_version="bench", status="done", created_at=T0 + timedelta(seconds=i),
                  items={it.id: it for its in by_type.values() for it in its},
                  candidates=candidates, best=max(range(beam), key=lambda c: candidates[c].score),
                  timings={"gather": 1.2, "populate": 1.5, "polish": 0.4, "score": 0.4},
                  usage=Usage(calls=len(calls), prompt_tokens=750 * len(calls),
                              completion_tokens=50 * len(calls)),
                  calls=calls)
        runs.append(run)
    return runs


def timed(fn, repeat: int) -> tuple[float, object]:
    """The median wall time of `repeat` calls, and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=2500)
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="timed repetitions (median shown)")
    ap.add_argument("--profile", action="store_true", help="profile the cold path")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="genserp-bench-") as tmp_dir:
        tmp = Path(tmp_dir)
        search = LocalCorpus(index_path=tmp / "index.sqlite")
        t0 = time.perf_counter()
        runs = make_runs(args.runs, args.beam, args.seed, search)
        made = time.perf_counter() - t0
        store = RunStore(tmp / "runs.sqlite")
        t0 = time.perf_counter()
        for run in runs:
            store.save(run)
        saved = time.perf_counter() - t0
        size = (tmp / "runs.sqlite").stat().st_size + sum(
            p.stat().st_size for p in tmp.glob("runs.sqlite-*"))
        n_cand = sum(len(r.candidates) for r in runs)
        print(f"{len(runs)} runs x {args.beam} candidates = {n_cand} candidates; built in "
              f"{made:.1f} s, saved in {saved:.1f} s; store {size / 1e6:.1f} MB "
              f"(mean run_json {size / len(runs) / 1e3:.1f} kB)")

        selection = Selection()  # every candidate of every run
        t_list, summaries = timed(lambda: store.list(args.runs), args.repeat)

        def cold():
            return placement_maps(LayoutReader(store), summaries, selection)

        t_cold, maps = timed(cold, args.repeat)
        assert maps.layouts == n_cand and maps.runs == len(runs), (maps.layouts, maps.runs)
        reader = LayoutReader(store)
        placement_maps(reader, summaries, selection)  # fills the cache
        t_warm, _ = timed(lambda: placement_maps(reader, summaries, selection), args.repeat)
        pages = [grid.boxes(c.layout) for r in runs for c in r.candidates]
        t_heat, _ = timed(lambda: grid.heatmaps(pages, MAX_ROWS), args.repeat)

        print(f"median of {args.repeat}; target <= 0.5 s")
        print(f"  store.list({args.runs}) summaries        {t_list:7.3f} s")
        print(f"  placement_maps cold (new LayoutReader)  {t_cold:7.3f} s")
        print(f"  placement_maps warm (cached reader)     {t_warm:7.3f} s")
        print(f"  grid.heatmaps, {len(ContentType)} types, in memory      {t_heat:7.3f} s")
        print(f"  page total cold = list + cold           {t_list + t_cold:7.3f} s")
        print(f"  page total warm = list + warm           {t_list + t_warm:7.3f} s")

        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            cold()
            prof.disable()
            print("\ncold placement_maps, top functions by own time:")
            pstats.Stats(prof).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
