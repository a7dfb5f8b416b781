"""Benchmark: does every candidate page meet the quality floor? Embedded model, beam 3, over a
sample of the demo queries and 22 queries written for this benchmark (none of them a corpus
query), each with the words that make a result about it, labelled by hand.

    .venv/bin/python -m benchmarks.page_quality [--demo 8] [--beam 3] [--model PATH]

A candidate meets the floor when its chat answer is grounded (an answer drawn from its cited
sources, never a persona or a refusal; or, with nothing relevant found, the one sentence that
says so), at least 90% of the items it shows are on topic, its used rows have at most 15%
white space, and it has no holes. Prints each query's candidates, the share that meet the
floor, and the mean of each measure.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generate_local import pick_queries
from serp_core import grounding, text
from serp_core.llm.local_backend import LocalChatModel
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.schema import ANSWER_ID, ContentType, Final, Item, Run, RunConfig, item_text
from serp_core.search.local import LocalCorpus

ON_TOPIC = 0.9
MAX_WHITESPACE = 0.15

# Queries outside the corpus, with the stems of which at least one makes a result about it.
OUT_OF_CORPUS: dict[str, tuple[str, ...]] = {
    "things to do in kyoto in autumn": ("kyoto",),
    "weather in reykjavik tomorrow": ("reykjavik", "iceland"),
    "how to fix a leaking kitchen faucet": ("faucet", "tap", "plumb"),
    "best noise cancelling headphones for flights": ("headphon", "earbud"),
    "cheap flights to tokyo in march": ("tokyo",),
    "symptoms of vitamin d deficiency in adults": ("vitamin",),
    "new marvel movie release date": ("marvel",),
    "how long to boil an egg": ("egg",),
    "gaming laptop under 1000": ("laptop",),
    "hotels near the eiffel tower": ("eiffel", "pari"),
    "how to train a puppy to sit": ("puppi", "dog"),
    "taylor swift tour dates": ("swift",),
    "remedies for a sore throat": ("throat",),
    "electric cars under 30000": ("car", "ev"),
    "hiking in patagonia in january": ("patagonia",),
    "best documentaries about space": ("documentari", "space"),
    "best espresso beans": ("espresso", "coffe"),
    "how to stop a panic attack": ("panic", "anxieti"),
    "museums in berlin open on monday": ("berlin",),
    "winter tires vs all season tires": ("tire", "tyre"),
    "street food in bangkok": ("bangkok",),
    "knee pain when running": ("knee",),
}


def on_topic(item: Item, query: str, words: tuple[str, ...] | None) -> bool:
    """A demo query's results are about it when they come from its own topic; any other
    query's when they name one of its labelled words."""
    if words is None:
        return item.about == query
    have = text.stems(f"{item_text(item)} {item.about}")
    return any(w in have for w in words)


def answer_ok(run: Run) -> bool:
    answer = run.items[ANSWER_ID]
    if not answer.citations:
        return answer.text == grounding.nothing_found(run.query).text
    sources = [run.items[i] for i in answer.citations if i in run.items]
    return not grounding.problems(answer.text, sources, run.query)


def measure(run: Run, words: tuple[str, ...] | None) -> list[dict[str, float]]:
    rows = []
    grounded = answer_ok(run)
    for c in run.candidates:
        shown = [run.items[i] for b in c.layout.blocks if b.type != ContentType.chat_answer
                 for i in b.item_ids[:b.ux.max_items] if i in run.items]
        share = sum(on_topic(i, run.query, words) for i in shown) / len(shown) if shown else 1.0
        m = c.metrics
        rows.append({"grounded": float(grounded), "on_topic": share, "shown": len(shown),
                     "whitespace": m.whitespace, "holes": m.holes,
                     "floor": float(grounded and share >= ON_TOPIC
                                    and m.whitespace <= MAX_WHITESPACE and m.holes == 0)})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--demo", type=int, default=8, help="demo queries, spread over verticals")
    ap.add_argument("--beam", type=int, default=3)
    ap.add_argument("--model", type=Path, default=None, help="a GGUF file (default: shipped)")
    args = ap.parse_args()

    model = LocalChatModel(args.model)
    search = LocalCorpus(index_path=Path(tempfile.mkdtemp()) / "index.sqlite")
    prompts = PromptSet.load()
    queries: list[tuple[str, tuple[str, ...] | None]] = [
        *((q, None) for q in pick_queries(args.demo)), *OUT_OF_CORPUS.items()]
    print(f"{model.name}, beam {args.beam}: {args.demo} demo + {len(OUT_OF_CORPUS)} other "
          "queries")
    print(f"{'query':<46} {'answer':>6} {'on topic':>9} {'white':>6} {'holes':>6} "
          f"{'floor':>6} {'wall s':>7}")
    rows: list[dict[str, float]] = []
    for query, words in queries:
        run = new_run(query, RunConfig(backend="local", beam=args.beam), search=search,
                      prompts=prompts)
        started = time.perf_counter()
        final = next(e.run for e in generate(run, model=model, search=search, prompts=prompts)
                     if isinstance(e, Final))
        wall = time.perf_counter() - started
        if final.status != "done":
            print(f"{query[:46]:<46} failed: {final.error}")
            continue
        found = measure(final, words)
        rows += found
        for n, r in enumerate(found):
            print(f"{(query if n == 0 else '')[:46]:<46} {r['grounded']:>6.0f} "
                  f"{r['on_topic']:>8.0%} {r['whitespace']:>6.0%} {r['holes']:>6.0%} "
                  f"{'yes' if r['floor'] else 'NO':>6} {f'{wall:.1f}' if n == 0 else '':>7}")
    if not rows:
        return
    print(f"\ncandidates: {len(rows)}; meeting the floor: "
          f"{statistics.mean(r['floor'] for r in rows):.1%}")
    for key in ("grounded", "on_topic", "whitespace", "holes", "shown"):
        print(f"  mean {key}: {statistics.mean(r[key] for r in rows):.3f}")


if __name__ == "__main__":
    main()
