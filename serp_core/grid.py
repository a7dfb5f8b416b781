"""Grid geometry: strict validation, deterministic repair, absolute page metrics, occupancy.

The model's layouts are validated strictly and repaired here; every change is returned as a
`Repair` so the candidate records it rather than silently differing from what was proposed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

import numpy as np
from scipy.stats import kendalltau

from .geometry import COL_WIDTH_PX
from .schema import (
    FOLD_ROWS,
    GRID_COLS,
    MAX_ROWS,
    ROW_HEIGHT_PX,
    Block,
    ContentType,
    Layout,
    PageMetrics,
    Repair,
)

# (min width in columns, min height in rows): below these a block cannot show one item.
MIN_SIZE: dict[ContentType, tuple[int, int]] = {
    ContentType.chat_answer: (4, 2),
    ContentType.web: (4, 2),
    ContentType.images: (3, 2),
    ContentType.videos: (3, 2),
    ContentType.news: (3, 2),
    ContentType.knowledge_panel: (3, 3),
    ContentType.places: (3, 3),
    ContentType.products: (3, 2),
}

# Default importance of a type for priority-placement metrics when the caller has no
# query-specific view: a generated answer and the organic results lead, media follows.
DEFAULT_IMPORTANCE: dict[ContentType, float] = {
    ContentType.chat_answer: 1.0,
    ContentType.web: 0.9,
    ContentType.knowledge_panel: 0.7,
    ContentType.places: 0.6,
    ContentType.products: 0.6,
    ContentType.videos: 0.5,
    ContentType.images: 0.5,
    ContentType.news: 0.4,
}

MEDIA_TYPES = (ContentType.images, ContentType.videos, ContentType.products)

# One letter per type for the text "bird's-eye" map given to text-only models.
TYPE_LETTER: dict[ContentType, str] = {
    ContentType.chat_answer: "A",
    ContentType.web: "W",
    ContentType.images: "I",
    ContentType.videos: "V",
    ContentType.news: "N",
    ContentType.knowledge_panel: "K",
    ContentType.places: "P",
    ContentType.products: "S",
}


def validate(layout: Layout) -> list[str]:
    """Every rule the layout breaks, as short sentences; empty means valid."""
    problems: list[str] = []
    seen: set[ContentType] = set()
    for b in layout.blocks:
        if b.type in seen:
            problems.append(f"{b.type} appears twice")
        seen.add(b.type)
        if b.col < 0 or b.row < 0 or b.width < 1 or b.height < 1:
            problems.append(f"{b.type} has a negative position or an empty size")
        if b.col + b.width > GRID_COLS:
            problems.append(f"{b.type} runs past column {GRID_COLS}")
        min_w, min_h = MIN_SIZE[b.type]
        if b.width < min_w or b.height < min_h:
            problems.append(f"{b.type} is smaller than {min_w}x{min_h}")
    for i, a in enumerate(layout.blocks):
        for b in layout.blocks[i + 1 :]:
            if a.cells() & b.cells():
                problems.append(f"{a.type} overlaps {b.type}")
    return problems


def repair(layout: Layout, keep: ContentType | None = None) -> tuple[Layout, list[Repair]]:
    """Make a layout valid deterministically: dedupe, clip, enforce minimum sizes, then push
    overlapping blocks down in reading order (the `keep` block, one just moved on purpose,
    is placed first). Returns the new layout and what was changed."""
    repairs: list[Repair] = []
    kept: list[Block] = []
    seen: set[ContentType] = set()
    for b in layout.blocks:
        if b.type in seen:
            repairs.append(Repair(kind="duplicate", block=b.type, detail="dropped a second block"))
            continue
        seen.add(b.type)
        kept.append(_fit_to_grid(b.model_copy(deep=True), repairs))

    placed: list[Block] = []
    taken: set[tuple[int, int]] = set()
    for b in sorted(kept, key=lambda b: (b.type != keep, b.row, b.col)):
        start = b.row
        while b.cells() & taken:
            b.row += 1
        if b.row != start:
            repairs.append(Repair(kind="overlap", block=b.type,
                                  detail=f"moved down from row {start} to row {b.row}"))
        taken |= b.cells()
        placed.append(b)
    return Layout(blocks=placed), repairs


def _fit_to_grid(b: Block, repairs: list[Repair]) -> Block:
    before = (b.col, b.row, b.width, b.height)
    b.width = min(max(b.width, 1), GRID_COLS)
    b.col = min(max(b.col, 0), GRID_COLS - b.width)
    b.row = min(max(b.row, 0), MAX_ROWS - 1)
    b.height = min(max(b.height, 1), MAX_ROWS - b.row)
    if (b.col, b.row, b.width, b.height) != before:
        repairs.append(Repair(kind="clip", block=b.type,
                              detail=f"{_geom(*before)} clipped to {_geom_of(b)}"))
    min_w, min_h = MIN_SIZE[b.type]
    if b.width < min_w or b.height < min_h:
        grown = (b.col, b.row, b.width, b.height)
        b.width = max(b.width, min_w)
        b.height = max(b.height, min_h)
        b.col = min(b.col, GRID_COLS - b.width)
        repairs.append(Repair(kind="min_size", block=b.type,
                              detail=f"{_geom(*grown)} grown to {_geom_of(b)}"))
    return b


def _geom(col: int, row: int, width: int, height: int) -> str:
    return f"({col},{row}) {width}x{height}"


def _geom_of(b: Block) -> str:
    return _geom(b.col, b.row, b.width, b.height)


def occupancy(layout: Layout, type_: ContentType | None = None,
              rows: int = MAX_ROWS) -> np.ndarray:
    """A rows x 12 array of 0/1: which cells the blocks (of one type, or all) cover."""
    grid = np.zeros((rows, GRID_COLS), dtype=np.int32)
    for b in layout.blocks:
        if type_ is None or b.type == type_:
            grid[b.row : min(b.row + b.height, rows), b.col : b.col + b.width] = 1
    return grid


# A block reduced to what placement statistics need, as a plain tuple (cheap to store and to
# aggregate over thousands of pages): (type, col, row, width, height), schema.Box with a type.
TypedBox = tuple[ContentType, int, int, int, int]


def boxes(layout: Layout) -> list[TypedBox]:
    return [(b.type, b.col, b.row, b.width, b.height) for b in layout.blocks]


def heatmaps(pages: Iterable[Sequence[TypedBox]],
             rows: int = MAX_ROWS) -> tuple[dict[ContentType, np.ndarray], dict[ContentType, int]]:
    """Per content type, the share of pages covering each cell (0..1), and how many pages
    have the type at all: one pass over the pages for every type at once."""
    # Each type's rectangles go into one 2-D difference array summed up at the end: no
    # rows x 12 array per page, which over 10,000 pages was most of the time. A page with
    # the type twice is counted cell by cell (overlapping duplicates once), as occupancy does.
    index = {t: i for i, t in enumerate(ContentType)}
    tt: list[int] = []
    r0: list[int] = []
    r1: list[int] = []
    c0: list[int] = []
    c1: list[int] = []
    extra = np.zeros((len(index), rows, GRID_COLS), dtype=np.float64)
    present = dict.fromkeys(ContentType, 0)
    n = 0
    for page in pages:
        n += 1
        mine: dict[ContentType, list[TypedBox]] = {}
        for box in page:
            mine.setdefault(box[0], []).append(box)
        for t, found in mine.items():
            present[t] += 1
            if len(found) > 1:
                cover = np.zeros((rows, GRID_COLS), dtype=bool)
                for _, col, row, width, height in found:
                    cover[max(row, 0):max(row + height, 0), max(col, 0):max(col + width, 0)] = True
                extra[index[t]] += cover
                continue
            _, col, row, width, height = found[0]
            top, bottom = min(max(row, 0), rows), min(max(row + height, 0), rows)
            left, right = min(max(col, 0), GRID_COLS), min(max(col + width, 0), GRID_COLS)
            if top < bottom and left < right:
                tt.append(index[t])
                r0.append(top)
                r1.append(bottom)
                c0.append(left)
                c1.append(right)
    diff = np.zeros((len(index), rows + 1, GRID_COLS + 1), dtype=np.int64)
    if tt:
        np.add.at(diff, (tt, r0, c0), 1)
        np.add.at(diff, (tt, r0, c1), -1)
        np.add.at(diff, (tt, r1, c0), -1)
        np.add.at(diff, (tt, r1, c1), 1)
    total = diff.cumsum(1).cumsum(2)[:, :rows, :GRID_COLS] + extra
    if n:
        total /= n
    return {t: total[i] for t, i in index.items()}, present


def metrics(layout: Layout,
            importance: Mapping[ContentType, float] | None = None) -> PageMetrics:
    """Absolute page metrics (no per-batch scaling), see DESIGN.md 'The grid'."""
    rows = layout.rows_used()
    if rows == 0:
        return PageMetrics()
    filled = occupancy(layout, rows=rows).astype(bool)
    cells = GRID_COLS * rows
    coverage = filled.sum() / cells
    # A hole is an empty cell with something filled further down the same column.
    filled_below = np.flip(np.logical_or.accumulate(np.flip(filled, 0), 0), 0)
    filled_strictly_below = np.vstack([filled_below[1:], np.zeros((1, GRID_COLS), bool)])
    holes = np.logical_and(~filled, filled_strictly_below).sum() / cells
    heights = np.where(filled.any(0), rows - np.argmax(np.flip(filled, 0), 0), 0)
    return PageMetrics(
        rows=rows,
        coverage=round(float(coverage), 4),
        whitespace=round(float(1 - coverage), 4),
        holes=round(float(holes), 4),
        raggedness=round(float((heights.max() - heights.min()) / rows), 4),
        vertical_edges=len({e for b in layout.blocks for e in (b.col, b.col + b.width)}),
        **_priority(layout, importance or DEFAULT_IMPORTANCE),
        aspect_error=round(_aspect_error(layout), 4),
    )


def metrics_score(m: PageMetrics) -> float:
    """A model-free 0-10 score from absolute page metrics: dense pages with the important
    content first and above the fold. Used as the `metrics` scorer, the fallback when a
    model's score is unusable, and the tie-break between equal model scores."""
    s = (0.35 * m.coverage + 0.15 * (1 - m.holes) + 0.25 * m.above_fold_share
         + 0.15 * (m.priority_tau + 1) / 2 + 0.10 * max(0.0, 1 - m.aspect_error))
    return round(10 * s, 2)


def _priority(layout: Layout, importance: Mapping[ContentType, float]) -> dict[str, float]:
    blocks = reading_order(layout)
    weights = [importance.get(b.type, 0.0) for b in blocks]
    tau = 0.0
    if len(blocks) >= 2 and len(set(weights)) > 1:
        # Earlier in reading order should mean more important: correlate with -position.
        t = kendalltau(weights, [-i for i in range(len(blocks))]).statistic
        tau = 0.0 if math.isnan(t) else float(t)
    total = sum(weights)
    above = sum(w * _share_above_fold(b) for w, b in zip(weights, blocks, strict=True))
    return {"priority_tau": round(tau, 4),
            "above_fold_share": round(above / total, 4) if total else 0.0}


def _share_above_fold(b: Block) -> float:
    return max(0, min(b.row + b.height, FOLD_ROWS) - b.row) / b.height


def _aspect_error(layout: Layout) -> float:
    """Mean |log(block aspect) - log(target)| over media blocks, where the target is the
    natural thumbnail aspect repeated along the block's orientation."""
    natural = {ContentType.images: 4 / 3, ContentType.videos: 16 / 9, ContentType.products: 1.0}
    errors = []
    for b in layout.blocks:
        if b.type not in MEDIA_TYPES:
            continue
        n = max(1, min(b.ux.max_items, len(b.item_ids) or b.ux.max_items))
        target = natural[b.type] * n if b.ux.orientation == "horizontal" else natural[b.type] / n
        aspect = (b.width * COL_WIDTH_PX) / (b.height * ROW_HEIGHT_PX)
        errors.append(abs(math.log(aspect) - math.log(target)))
    return sum(errors) / len(errors) if errors else 0.0


class _Placed(Protocol):
    row: float
    col: float


def reading_indices(boxes: Sequence[_Placed]) -> list[int]:
    """The reading order of boxes on the grid (blocks, or the items' slots in them), as
    indices: top-down by the grid row a box starts in, then left to right; ties keep their
    order."""
    return sorted(range(len(boxes)),
                  key=lambda i: (math.floor(boxes[i].row + 1e-9), boxes[i].col))


def reading_order(layout: Layout) -> list[Block]:
    """The layout's blocks in reading order (see reading_indices)."""
    return [layout.blocks[i] for i in reading_indices(layout.blocks)]


def ascii_map(layout: Layout) -> str:
    """The page as a character grid, one letter per type, '.' for empty: a bird's-eye view
    that a text-only model can read."""
    rows = max(layout.rows_used(), 1)
    lines = [["."] * GRID_COLS for _ in range(rows)]
    for b in layout.blocks:
        for r, c in b.cells():
            if r < rows and c < GRID_COLS:
                lines[r][c] = TYPE_LETTER[b.type]
    legend = ", ".join(f"{TYPE_LETTER[b.type]}={b.type}" for b in reading_order(layout))
    body = "\n".join(f"{r:2d} {''.join(line)}" for r, line in enumerate(lines))
    return f"{body}\n(rows 0-{FOLD_ROWS - 1} are above the fold; {legend})"
