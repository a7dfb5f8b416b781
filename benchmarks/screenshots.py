"""Benchmark: screenshots of candidate pages, and what the vision scorer adds to a run.

    .venv/bin/python -m benchmarks.screenshots [--pages 20] [--queries 5] [--beam 3]
        [--latency 0.2]

1. Screenshot time per page with a warm browser: the template pages of bundled demo queries
   (with and without set-of-mark labels, so every page differs), each drawn once into an
   empty cache: the first screen (1280x720) and the full page; then the cache hit. The
   browser's cold start is printed on its own. Target (the issue): under 0.5 s per page.
2. A run's added wall time with the vision scorer: the same coarse-to-fine runs against the
   fake OpenAI-compatible server with a fixed latency per call (tests/fake_openai.py,
   answered by tests/serp_responder.py, each candidate given its own layout so each has its
   own page), once with the text scorer (`llm`) and once with `vision`, each vision run with
   an empty screenshot cache and the browser warm. Printed: the score stage and the whole run,
   per scorer, and the difference.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from serp_core.baseline import baseline_run
from serp_core.experiments.query_sets import bundled, select
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.render.browser import Browser
from serp_core.render.screenshot import Screenshots, page_html
from serp_core.schema import Final, RunConfig
from serp_core.search.local import LocalCorpus
from tests.fake_openai import FakeOpenAI
from tests.serp_responder import SerpResponder


def ms(seconds: list[float]) -> str:
    s = sorted(seconds)
    p90 = s[min(len(s) - 1, round(0.9 * (len(s) - 1)))]
    return (f"mean {1000 * statistics.mean(s):6.0f} ms · median {1000 * statistics.median(s):6.0f}"
            f" ms · p90 {1000 * p90:6.0f} ms · max {1000 * s[-1]:6.0f} ms (n={len(s)})")


def screenshot_times(search: LocalCorpus, n: int, browser: Browser, tmp: Path) -> None:
    queries = [q.text for q in select(bundled(), n=n, seed=0)]
    pages = []
    for q in queries:
        run = baseline_run(q, search)
        c = run.candidates[0]
        pages += [page_html(q, c.layout, run.items), page_html(q, c.layout, run.items,
                                                               marks=True)]
    started = time.perf_counter()
    browser.html_png("<!doctype html><p>warm up</p>")
    print(f"browser cold start (launch + first page): {time.perf_counter() - started:.2f} s")
    for kind in ("first", "full"):
        shots = Screenshots(tmp / f"shots-{kind}", browser)
        draw = shots.first_screen if kind == "first" else shots.full_page
        times = []
        for html in pages:
            t0 = time.perf_counter()
            draw(html)
            times.append(time.perf_counter() - t0)
        assert shots.drawn == len(pages)
        label = "first screen 1280x720" if kind == "first" else "full page, 1280 wide"
        print(f"  {label:<22} {ms(times)}")
        hits = []
        for html in pages:
            t0 = time.perf_counter()
            draw(html)
            hits.append(time.perf_counter() - t0)
        print(f"  {'  cached (disk)':<22} {ms(hits)}")


class DistinctLayouts(SerpResponder):
    """The scripted model, with each candidate's layout its own (its seed says which), so a
    run has as many different pages as candidates."""

    def layout(self, body: dict) -> str:
        candidate = (int(body.get("seed") or 0) % 1000) // 10
        types = [t for t in self._schema(body)["properties"] if t != "confidence"]
        width = (8, 12, 6)[candidate % 3]
        boxes = {t: [0, 3 * i, width, 3] for i, t in enumerate(types)}
        return json.dumps({**boxes, "confidence": 9})


def run_times(search: LocalCorpus, n: int, beam: int, latency: float, browser: Browser,
              tmp: Path) -> None:
    prompts = PromptSet.load()
    queries = [q.text for q in select(bundled(), n=n, seed=1)]
    found: dict[str, list[tuple[float, float]]] = {"llm": [], "vision": []}
    with FakeOpenAI(latency=latency) as fake:
        fake.responder = DistinctLayouts()
        model = fake.chat_model(timeout_s=60)
        for n_run, q in enumerate(queries):
            for scorer in ("llm", "vision"):
                shots = Screenshots(tmp / f"run-{n_run}-{scorer}", browser)
                run = new_run(q, RunConfig(backend="openai", beam=beam, scorer=scorer),
                              search=search, prompts=prompts)
                final = None
                for event in generate(run, model=model, search=search, prompts=prompts,
                                      screenshots=shots):
                    if isinstance(event, Final):
                        final = event.run
                assert final is not None and final.status == "done", final and final.error
                if scorer == "vision":
                    assert all("screenshot" in c.score_reason for c in final.candidates)
                    assert shots.drawn == len({page_html(q, c.layout, final.items)
                                               for c in final.candidates})
                found[scorer].append((final.timings["score"], final.timings["total"]))
        model.close()
    print(f"runs: {n} queries, beam {beam}, {latency * 1000:.0f} ms per model call, the "
          "browser warm, an empty screenshot cache per run")
    means = {}
    for scorer, rows in found.items():
        score = statistics.mean(r[0] for r in rows)
        total = statistics.mean(r[1] for r in rows)
        means[scorer] = (score, total)
        print(f"  scorer {scorer:<7} score stage {score:5.2f} s · whole run {total:5.2f} s")
    added = means["vision"][1] - means["llm"][1]
    print(f"  added by vision: {added:+.2f} s per run ({added / means['llm'][1]:+.0%}), "
          f"score stage {means['vision'][0] - means['llm'][0]:+.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20, help="queries whose pages are drawn")
    ap.add_argument("--queries", type=int, default=5, help="runs per scorer")
    ap.add_argument("--beam", type=int, default=3)
    ap.add_argument("--latency", type=float, default=0.2,
                    help="seconds the fake server waits before every chat answer")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="genserp-bench-") as tmp_dir:
        tmp = Path(tmp_dir)
        search = LocalCorpus(index_path=tmp / "corpus.sqlite")
        browser = Browser()
        try:
            print(f"screenshots of {2 * args.pages} candidate pages, one warm browser:")
            screenshot_times(search, args.pages, browser, tmp)
            run_times(search, args.queries, args.beam, args.latency, browser, tmp)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
