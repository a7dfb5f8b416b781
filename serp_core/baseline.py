"""A rule-based, "production-like" page: what a 2024 desktop SERP template would show.

Each vertical is a table of slots. A slot puts one content type in the main column
(8 columns on the left) or in the right rail (4 columns); slots stack top-down in table
order, and a slot whose type has no available items is skipped. One block per type.
"""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import compaction, grid, grounding
from .query import clean_query
from .render.measure import measure_for
from .schema import (
    DEFAULT_UX,
    FOLD_ROWS,
    ITEMS_PER_TYPE,
    MAX_ROWS,
    RETRIEVAL_TOOLS,
    Block,
    Candidate,
    ChatAnswerItem,
    ContentType,
    Item,
    Layout,
    Run,
    RunConfig,
    Vertical,
)
from .search import relevance
from .search.base import SearchTool

T = ContentType

MAIN = (0, 8)  # (col, width)
RAIL = (8, 4)

@dataclass(frozen=True)
class Slot:
    type: ContentType
    rail: bool = False
    rows: float = 3  # fixed height, in grid rows
    per_item: float = 0  # extra rows for each item shown (lists that grow)
    ux: dict[str, Any] = field(default_factory=dict)  # overrides of DEFAULT_UX


WEB = Slot(T.web, rows=0.4, per_item=1.15)
RAIL_PLACES = Slot(T.places, rail=True, rows=6)
RAIL_PRODUCTS = Slot(
    T.products,
    rail=True,
    rows=4,
    ux={"orientation": "vertical", "media_size": "small", "max_items": 3},
)
RAIL_IMAGES = Slot(
    T.images, rail=True, rows=4, ux={"orientation": "vertical", "media_size": "medium"}
)

TEMPLATES: dict[Vertical, tuple[Slot, ...]] = {
    # trip planning: the map pack sits right under the answer, wide
    Vertical.travel: (
        Slot(T.chat_answer),
        Slot(T.places, rows=5, ux={"orientation": "horizontal", "max_items": 4}),
        WEB,
        Slot(T.images),
        Slot(T.videos),
        Slot(T.news),
        Slot(T.knowledge_panel, rail=True, rows=6),
        RAIL_PRODUCTS,
    ),
    # films, shows, music: the entity panel, then trailers and headlines
    Vertical.entertainment: (
        Slot(T.chat_answer),
        Slot(T.videos),
        Slot(T.news),
        WEB,
        Slot(T.images),
        Slot(T.knowledge_panel, rail=True, rows=7),
        RAIL_PLACES,
        RAIL_PRODUCTS,
    ),
    # buying: the product strip leads the page; stores in the rail
    Vertical.shopping: (
        Slot(T.products, rows=4),
        Slot(T.chat_answer),
        WEB,
        Slot(T.videos),
        Slot(T.images),
        Slot(T.news),
        Slot(T.knowledge_panel, rail=True, rows=6),
        RAIL_PLACES,
    ),
    # health: a longer answer, authoritative web results, never products
    Vertical.health: (
        Slot(T.chat_answer, rows=4),
        Slot(T.web, rows=0.4, per_item=1.15, ux={"max_items": 6}),
        Slot(T.videos),
        Slot(T.news),
        Slot(T.knowledge_panel, rail=True, rows=7),
        RAIL_PLACES,
        RAIL_IMAGES,
    ),
    Vertical.other: (
        Slot(T.chat_answer),
        WEB,
        Slot(T.images),
        Slot(T.videos),
        Slot(T.news),
        Slot(T.knowledge_panel, rail=True, rows=6),
        RAIL_PLACES,
        RAIL_PRODUCTS,
    ),
}


# A production page fills its right rail down to the fold: while the vertical's rail types
# leave it shorter, these move from the main column to the rail, in this order.
RAIL_STANDINS = (T.images, T.videos, T.news)
RAIL_LOOK = {"orientation": "vertical", "media_size": "small", "max_items": 3}
MIN_MAIN_BLOCKS = 2  # the answer and the web results stay in the main column


def template_slots(vertical: Vertical,
                   available: Mapping[ContentType, list[str]]) -> list[Slot]:
    """The vertical's slots whose types have results, with a rail filled to the fold."""
    slots = [s for s in TEMPLATES.get(vertical, TEMPLATES[Vertical.other])
             if available.get(s.type)]
    for t in RAIL_STANDINS:
        rail_rows = sum(s.rows for s in slots if s.rail)
        main = [s for s in slots if not s.rail]
        standin = next((s for s in main if s.type == t), None)
        if rail_rows >= FOLD_ROWS or standin is None or len(main) <= MIN_MAIN_BLOCKS:
            continue
        slots.remove(standin)
        slots.append(Slot(t, rail=True, rows=4, ux={**standin.ux, **RAIL_LOOK}))
    return slots


def baseline_layout(vertical: Vertical, available: Mapping[ContentType, list[str]]) -> Layout:
    """The vertical's template filled with whatever content types have items.

    Item ids go into each block in the given order; blocks never overlap and stay inside
    the 12 x MAX_ROWS grid (a slot that would start below the last row is dropped).
    """
    next_row = {False: 0, True: 0}  # per column: main, rail
    blocks: list[Block] = []
    for slot in template_slots(vertical, available):
        ids = list(available[slot.type])
        ux = DEFAULT_UX[slot.type].model_copy(update=slot.ux)
        shown = min(len(ids), ux.max_items)
        row = next_row[slot.rail]
        height = min(math.ceil(slot.rows + slot.per_item * shown), MAX_ROWS - row)
        if height < 1:
            continue
        col, width = RAIL if slot.rail else MAIN
        blocks.append(
            Block(type=slot.type, col=col, row=row, width=width, height=height, ux=ux, item_ids=ids)
        )
        next_row[slot.rail] = row + height
    return Layout(blocks=blocks)


def baseline_run(query: str, search: SearchTool, answer: ChatAnswerItem | None = None) -> Run:
    """The template page for a query as a one-candidate run; no model involved. Every tool is
    called; pass a generated answer to compare like with like against a GenSERP run."""
    query = clean_query(query)
    started = time.perf_counter()
    found, _ = relevance.keep(query, {t: search.search(query, t, k=ITEMS_PER_TYPE)
                                      for t in RETRIEVAL_TOOLS}, search.idf)
    items: dict[str, Item] = {i.id: i for hits in found.values() for i in hits}
    answer = answer or grounding.extractive(query, [*found.get(ContentType.web, []),
                                                    *found.get(ContentType.knowledge_panel, [])])
    items = {answer.id: answer, **items}
    available = {ContentType.chat_answer: [answer.id],
                 **{t: [i.id for i in hits] for t, hits in found.items() if hits}}
    vertical = search.vertical_of(query)
    layout, repairs = compaction.compact(baseline_layout(vertical, available),
                                         measure_for(items))
    m = grid.metrics(layout)
    candidate = Candidate(index=0, layout=layout, metrics=m, score=grid.metrics_score(m),
                          repairs=repairs,
                          score_reason="template page, scored by page metrics")
    return Run(id=uuid.uuid4().hex[:12], query=query, vertical=vertical,
               config=RunConfig(mode="template", beam=1, scorer="metrics"), status="done",
               items=items, candidates=[candidate], best=0,
               timings={"total": round(time.perf_counter() - started, 3)})
