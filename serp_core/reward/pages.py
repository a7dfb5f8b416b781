"""Pages to simulate and score, built with no language model: the query's items from the
search tool, laid out by the template (baseline_layout) or at random on the grid.

`Page.relevance` is the simulator's hidden ground truth. It is decided from the corpus
deterministically: graded by the item's rank in its type's search result, times how well the
content type serves the query's vertical, times 0.4 for an item from another topic than the
query's own, times a fixed per-(query, item) factor in [0.8, 1.2] so that relevance is not a
function of rank and type alone (the logs have something to teach). The reward never sees it.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import numpy as np
from pydantic import BaseModel

from .. import grid
from ..baseline import baseline_layout
from ..grounding import extractive
from ..schema import (
    DEFAULT_UX,
    GRID_COLS,
    ITEMS_PER_TYPE,
    MAX_ROWS,
    RETRIEVAL_TOOLS,
    Block,
    ContentType,
    Item,
    Layout,
    Vertical,
)
from ..search.base import SearchTool
from .slots import ItemSlot, item_slots

T = ContentType
V = Vertical

# How much a content type serves a vertical's intent (0..1), the simulator's belief.
AFFINITY: dict[Vertical, dict[ContentType, float]] = {
    V.travel: {T.chat_answer: 0.9, T.web: 0.85, T.images: 0.8, T.videos: 0.6, T.news: 0.35,
               T.knowledge_panel: 0.6, T.places: 0.9, T.products: 0.3},
    V.entertainment: {T.chat_answer: 0.8, T.web: 0.8, T.images: 0.6, T.videos: 0.9, T.news: 0.7,
                      T.knowledge_panel: 0.85, T.places: 0.4, T.products: 0.5},
    V.shopping: {T.chat_answer: 0.7, T.web: 0.75, T.images: 0.6, T.videos: 0.6, T.news: 0.4,
                 T.knowledge_panel: 0.5, T.places: 0.6, T.products: 1.0},
    V.health: {T.chat_answer: 1.0, T.web: 0.95, T.images: 0.3, T.videos: 0.5, T.news: 0.45,
               T.knowledge_panel: 0.7, T.places: 0.7, T.products: 0.3},
    V.other: {T.chat_answer: 0.9, T.web: 0.9, T.images: 0.5, T.videos: 0.6, T.news: 0.5,
              T.knowledge_panel: 0.6, T.places: 0.5, T.products: 0.5},
}
RANK_SLOPE = 0.35  # grade = 1 / (1 + 0.35 rank): 1.0, 0.74, 0.59, 0.49, ...
OFF_TOPIC = 0.4
JITTER = 0.2


class Page(BaseModel):
    """A query, a layout and the items its blocks refer to."""

    query: str
    vertical: Vertical = Vertical.other
    layout: Layout
    items: dict[str, Item]
    relevance: dict[str, float] = {}  # hidden truth for the simulator and metrics only
    ranks: dict[str, int] = {}  # retrieval rank within the type; by `items` order if absent

    def slots(self) -> list[ItemSlot]:
        return item_slots(self.layout, self.items)


class QueryContent(NamedTuple):
    query: str
    vertical: Vertical
    items: dict[str, Item]  # the answer first, then each tool's results in rank order
    available: dict[ContentType, list[str]]
    relevance: dict[str, float]


def query_content(search: SearchTool, query: str) -> QueryContent:
    """What the engine would gather for a query without a model: every tool's results and an
    extractive answer, plus the simulator's relevance truth for them."""
    found = {t: search.search(query, t, k=ITEMS_PER_TYPE) for t in RETRIEVAL_TOOLS}
    answer = extractive(query, found[T.web])
    items: dict[str, Item] = {answer.id: answer}
    available: dict[ContentType, list[str]] = {T.chat_answer: [answer.id]}
    for t, hits in found.items():
        if hits:
            items.update((i.id, i) for i in hits)
            available[t] = [i.id for i in hits]
    vertical = search.vertical_of(query)
    return QueryContent(query, vertical, items, available,
                        relevance_truth(query, vertical, available, items))


def relevance_truth(query: str, vertical: Vertical, available: Mapping[ContentType, list[str]],
                    items: Mapping[str, Item]) -> dict[str, float]:
    topics = Counter(_topic(i) for t, ids in available.items() if t != T.chat_answer
                     for i in ids)
    main_topic = topics.most_common(1)[0][0] if topics else ""
    affinity = AFFINITY.get(vertical, AFFINITY[V.other])
    rel: dict[str, float] = {}
    for t, ids in available.items():
        for rank, item_id in enumerate(ids):
            if t == T.chat_answer:  # an answer with nothing to cite says little
                grade = 1.0 if getattr(items[item_id], "citations", []) else 0.3
            else:
                grade = 1 / (1 + RANK_SLOPE * rank)
                grade *= 1.0 if _topic(item_id) == main_topic else OFF_TOPIC
            rel[item_id] = float(np.clip(affinity[t] * grade * _jitter(query, item_id), 0, 1))
    return rel


def _topic(item_id: str) -> str:
    return item_id.split("-", 1)[0] if "-" in item_id else ""


def _jitter(query: str, item_id: str) -> float:
    u = zlib.crc32(f"{query}\x1f{item_id}".encode()) / 2**32
    return 1 - JITTER + 2 * JITTER * u


# --- random pages -----------------------------------------------------------------------
WIDTHS = (3, 4, 4, 6, 6, 8, 8, 12)  # common SERP widths come up more often
COLS = (0, 0, 4, 6, 8)


def random_layout(available: Mapping[ContentType, list[str]], rng: np.random.Generator) -> Layout:
    """A valid random page: a random subset of the types (web always, when it has results),
    in random order, random sizes and UX, stacked on a skyline so that blocks never overlap,
    and random item orders within half of the blocks."""
    types = [t for t in available if available[t]
             and (t == T.web or rng.random() < (0.85 if t == T.chat_answer else 0.7))]
    types = [types[i] for i in rng.permutation(len(types))]
    skyline = [0] * GRID_COLS
    blocks: list[Block] = []
    for t in types:
        ids = list(available[t])
        ux = DEFAULT_UX[t].model_copy()
        if len(ids) > 1 and rng.random() < 0.3:
            ux.orientation = "horizontal" if ux.orientation == "vertical" else "vertical"
        low, high = max(1, ux.max_items - 2), min(ux.max_items + 1, len(ids))
        ux.max_items = int(rng.integers(min(low, high), high + 1))
        if rng.random() < 0.5:
            ids = [ids[i] for i in rng.permutation(len(ids))]
        min_w, min_h = grid.MIN_SIZE[t]
        width = int(rng.choice([w for w in WIDTHS if w >= min_w]))
        cols = [c for c in COLS if c + width <= GRID_COLS]
        col = int(rng.choice(cols)) if rng.random() < 0.7 else int(
            rng.integers(0, GRID_COLS - width + 1))
        shown = min(len(ids), ux.max_items)
        natural = min_h + (shown // 2 if ux.orientation == "vertical" else 0)
        height = max(min_h, natural + int(rng.integers(-1, 3)))
        row = max(skyline[col: col + width])
        if row + height > MAX_ROWS:
            continue
        skyline[col: col + width] = [row + height] * width
        blocks.append(Block(type=t, col=col, row=row, width=width, height=height, ux=ux,
                            item_ids=ids))
    layout, _ = grid.repair(Layout(blocks=blocks))
    return layout


def page_pool(search: SearchTool, queries: Iterable[object], rng: np.random.Generator,
              per_query: int = 8, baseline: bool = True) -> list[Page]:
    """`per_query` pages for each query: the template page (when `baseline`) and random ones.
    Queries may be strings or anything with a `.text` or `.query` attribute."""
    pages: list[Page] = []
    for q in queries:
        content = query_content(search, _text(q))
        for n in range(per_query):
            if n == 0 and baseline:
                layout = baseline_layout(content.vertical, content.available)
            else:
                layout = random_layout(content.available, rng)
            pages.append(page_of(content, layout))
    return pages


def page_of(content: QueryContent, layout: Layout) -> Page:
    return Page(query=content.query, vertical=content.vertical, layout=layout,
                items=content.items, relevance=content.relevance)


def _text(q: object) -> str:
    if isinstance(q, str):
        return q
    for name in ("text", "query"):
        value = getattr(q, name, None)
        if isinstance(value, str):
            return value
    raise TypeError(f"not a query: {q!r}")
