"""Features the rewards read, from what the engine can see (never the simulator's truth).

Item features describe one item in its page: its type, its type in this query's vertical
(one indicator per vertical x type), its retrieval rank within the type, how many of the
query's words its text and title contain, and how many similar items are read before it.

Page features summarise a page through the item reward and the fitted examination grid:
where the estimated relevance sits (in well or poorly examined cells, above the fold, in the
best three slots), whether the best items got the best cells, how many types it shows, how
much it repeats itself, and plain grid geometry.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import grid
from ..schema import (
    FOLD_ROWS,
    ITEMS_PER_TYPE,
    MAX_ROWS,
    ContentType,
    Item,
    Layout,
    Vertical,
    item_text,
)
from ..text import content_words
from .pages import Page
from .similarity import earlier_similar, similarity_matrix
from .slots import ItemSlot

TYPES = list(ContentType)
VERTICALS = list(Vertical)
ITEM_FEATURES: list[str] = (
    [f"type={t.value}" for t in TYPES]
    + [f"{v.value}x{t.value}" for v in VERTICALS for t in TYPES]
    + ["rank_prior", "rank", "query_overlap", "title_overlap", "repeats_earlier"])
REDUNDANCY = ITEM_FEATURES.index("repeats_earlier")

PAGE_FEATURES: list[str] = [
    "exam_relevance",  # sum over slots of gamma * estimated relevance
    "wasted_relevance",  # sum of (1 - gamma) * estimated relevance: good items in bad cells
    "top3_relevance",  # mean estimated relevance in the three best-examined slots
    "fold_relevance_share",  # share of the estimated relevance above the fold
    "placement_corr",  # Spearman correlation of estimated relevance and gamma over slots
    "types_shown",  # distinct content types / 8
    "type_entropy",  # entropy of the type mix of the shown items, / log 8
    "repeated_items",  # items with a similar item read before them
    "repeated_exam",  # examination spent on those repeats
    "items_shown",  # / 30
    "coverage",  # grid metrics over the used rows
    "holes",
    "rows_used",  # / MAX_ROWS
    "answer_exam",  # gamma of the chat answer's slot, 0 when there is none
]


@lru_cache(maxsize=65536)
def _terms(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


def retrieval_ranks(page: Page) -> dict[str, int]:
    ranks: dict[str, int] = {}
    seen: dict[ContentType, int] = {}
    for item_id, item in page.items.items():
        ranks[item_id] = seen.get(item.type, 0)
        seen[item.type] = ranks[item_id] + 1
    return {**ranks, **page.ranks}


_OVERLAP: dict[tuple[str, str, str, str], tuple[float, float]] = {}


def _overlap(query: str, item: Item) -> tuple[float, float]:
    """Share of the query's words in the item's text and in its title (cached)."""
    key = (query, item.id, item.url, item.title)
    value = _OVERLAP.get(key)
    if value is None:
        if len(_OVERLAP) > 200_000:
            _OVERLAP.clear()
        q = _terms(query)
        value = _OVERLAP[key] = ((len(q & _terms(item_text(item))) / len(q),
                                  len(q & _terms(item.title)) / len(q)) if q else (0.0, 0.0))
    return value


def item_vector(page: Page, item_id: str, rank: int) -> np.ndarray:
    """One item's features with `repeats_earlier` left at 0 (it depends on the arrangement)."""
    item = page.items[item_id]
    x = np.zeros(len(ITEM_FEATURES))
    t = TYPES.index(item.type)
    x[t] = 1
    x[len(TYPES) * (1 + VERTICALS.index(page.vertical)) + t] = 1
    base = len(TYPES) * (1 + len(VERTICALS))
    x[base] = 1 / (1 + rank)
    x[base + 1] = min(rank, ITEMS_PER_TYPE) / ITEMS_PER_TYPE
    x[base + 2], x[base + 3] = _overlap(page.query, item)
    return x


@dataclass
class ItemView:
    """The shown items of a page as the rewards see them."""

    slots: list[ItemSlot]
    x: np.ndarray  # (k, d) item features, with repeats_earlier
    repeats: np.ndarray  # (k,) similar items read before each


def item_view(page: Page, slots: Sequence[ItemSlot] | None = None) -> ItemView:
    slots = list(page.slots() if slots is None else slots)
    ranks = retrieval_ranks(page)
    x = np.array([item_vector(page, s.item_id, ranks.get(s.item_id, ITEMS_PER_TYPE))
                  for s in slots]).reshape(len(slots), len(ITEM_FEATURES))
    sim = similarity_matrix([page.items[s.item_id] for s in slots])
    repeats = earlier_similar(sim, grid.reading_indices(slots))
    x[:, REDUNDANCY] = np.log1p(repeats)
    return ItemView(slots, x, repeats)


def exam_at(slots: Sequence[ItemSlot], gamma: np.ndarray) -> np.ndarray:
    """The filled examination grid looked up at each slot's anchor cell."""
    if not slots:
        return np.zeros(0)
    cells = np.array([s.cell for s in slots])
    return gamma[cells[:, 0], cells[:, 1]]


def page_vector(page: Page, view: ItemView, exam: np.ndarray, relevance: np.ndarray) -> np.ndarray:
    """PAGE_FEATURES of a page, given each slot's gamma and estimated relevance (the item
    reward's attraction without the repeat term)."""
    k = len(view.slots)
    f = dict.fromkeys(PAGE_FEATURES, 0.0)
    f.update(_geometry(page.layout))
    if k:
        total = float(relevance.sum())
        best = np.argsort(-exam, kind="stable")[:3]
        above = np.array([s.row < FOLD_ROWS for s in view.slots])
        types = np.array([TYPES.index(s.type) for s in view.slots])
        share = np.bincount(types, minlength=len(TYPES)) / k
        share = share[share > 0]
        repeated = view.repeats > 0
        f.update(
            exam_relevance=float(exam @ relevance),
            wasted_relevance=float((1 - exam) @ relevance),
            top3_relevance=float(relevance[best].mean()),
            fold_relevance_share=float(relevance[above].sum() / total) if total else 0.0,
            placement_corr=_spearman(relevance, exam),
            types_shown=len(share) / len(TYPES),
            type_entropy=float(-(share * np.log(share)).sum() / math.log(len(TYPES))),
            repeated_items=float(repeated.sum()),
            repeated_exam=float(exam[repeated].sum()),
            items_shown=k / 30,
            answer_exam=float(max((e for s, e in zip(view.slots, exam, strict=True)
                                   if s.type == ContentType.chat_answer), default=0.0)),
        )
    return np.array([f[name] for name in PAGE_FEATURES])


def _geometry(layout: Layout) -> dict[str, float]:
    """Coverage and holes over the used rows, as grid.metrics defines them (without its
    priority terms, which cost more than all the rest here)."""
    rows = layout.rows_used()
    if rows == 0:
        return {"coverage": 0.0, "holes": 0.0, "rows_used": 0.0}
    filled = grid.occupancy(layout, rows=rows).astype(bool)
    below = np.flip(np.logical_or.accumulate(np.flip(filled, 0), 0), 0)
    strictly_below = np.vstack([below[1:], np.zeros((1, filled.shape[1]), bool)])
    cells = filled.size
    return {"coverage": float(filled.sum() / cells),
            "holes": float(np.logical_and(~filled, strictly_below).sum() / cells),
            "rows_used": rows / MAX_ROWS}


def _ranks(a: np.ndarray) -> np.ndarray:
    """Ranks with ties averaged (what Spearman's rho needs), in numpy."""
    order = np.argsort(a, kind="stable")
    r = np.empty(len(a))
    r[order] = np.arange(len(a))
    _, inverse = np.unique(a, return_inverse=True)
    return (np.bincount(inverse, r) / np.bincount(inverse))[inverse]


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return 0.0
    value = np.corrcoef(_ranks(a), _ranks(b))[0, 1]
    return 0.0 if not np.isfinite(value) else float(value)
