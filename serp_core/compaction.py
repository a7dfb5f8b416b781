"""Deterministic compaction: the layout floor every candidate page ends on, whatever the
model proposed.

After `grid.repair` has made a layout valid (inside the grid, minimum sizes, no overlaps),
`compact` makes it tight, in passes that each record what they changed:

1. snap     every block onto the column system (starts 0, 4, 6, 8; widths 4, 6, 8, 12),
            keeping the edge it touches (a left block stays left, a rail block stays right);
2. fit      each block's height to its content (given a measure of rows needed), growing
            or shrinking it; a block asked to show more than fits in MAX_FIT_ROWS shows less;
3. pack     blocks move up in the model's reading order until they touch what is above;
4. widen    a block grows sideways into free cells of its rows (onto aligned edges);
   (fit, pack and widen repeat until nothing changes: a wider block needs fewer rows)
5. fill     the empty cells left at the bottom of a column or under a block are given to the
            block above them, which shows more of its items where it has them.

The model's intent is kept: each block keeps the side it was put on (its columns only grow)
and the vertical order of blocks that share columns; blocks side by side may slide past
each other, as columns of a page are read one by one. The result has no holes, and at most
FLOOR_WHITESPACE white space in its used rows.
"""

from __future__ import annotations

import math
from typing import Protocol

from . import grid
from .schema import GRID_COLS, Block, Layout, Repair

ALIGNED_COLS = (0, 4, 6, 8)
ALIGNED_WIDTHS = (4, 6, 8, 12)
EDGES = (0, 4, 6, 8, 12)  # the vertical edges blocks may have
MAX_FIT_ROWS = 10  # a block is never made taller than this to show what it was asked to
FLOOR_WHITESPACE = 0.15
MAX_ROUNDS = 4
FIT_SLACK = 0.1  # rows of estimate error tolerated before a block gets another row



class Measure(Protocol):
    """What compaction needs to know of how blocks render (serp_core.render.measure)."""

    def rows(self, block: Block, n: int) -> float:
        """Rows the block needs to show its first n items, at its width and look."""

    def per_row(self, block: Block) -> int | None:
        """How many items a horizontal strip shows side by side (None: not a strip)."""


def compact(layout: Layout, measure: Measure | None = None) -> tuple[Layout, list[Repair]]:
    """The layout tightened as described above, and the repairs that say how."""
    repairs: list[Repair] = []
    blocks = snap(layout, repairs).blocks
    for _ in range(MAX_ROUNDS):
        for _ in range(MAX_ROUNDS):
            before = [(b.col, b.row, b.width, b.height) for b in blocks]
            if measure is not None:
                for b in blocks:
                    _fit(b, measure, repairs)
            _pack(blocks, repairs)
            _widen(blocks, repairs)
            if [(b.col, b.row, b.width, b.height) for b in blocks] == before:
                break
        _fill(blocks, measure, repairs)
        if not _narrow_over_holes(blocks, repairs):
            break
    if not meets_floor(Layout(blocks=blocks)):
        _restack(blocks, measure, repairs)
    return Layout(blocks=blocks), _merge(repairs)


def snap(layout: Layout, repairs: list[Repair] | None = None) -> Layout:
    """The layout with every block on the column system, in reading order (pass 1)."""
    blocks = [b.model_copy(deep=True) for b in grid.reading_order(layout)]
    for b in blocks:
        _snap(b, repairs if repairs is not None else [])
    return Layout(blocks=blocks)


def meets_floor(layout: Layout) -> bool:
    m = grid.metrics(layout)
    return m.holes == 0 and m.whitespace <= FLOOR_WHITESPACE + 1e-9


def side(b: Block) -> str:
    """Which edge of the page a block touches: left, right, full (both) or middle."""
    left, right = b.col == 0, b.col + b.width == GRID_COLS
    return "full" if left and right else "left" if left else "right" if right else "middle"


# --- passes ---------------------------------------------------------------------------------
def _snap(b: Block, repairs: list[Repair]) -> None:
    before = (b.col, b.width)
    where = side(b)
    min_w = grid.MIN_SIZE[b.type][0]
    width = min((w for w in ALIGNED_WIDTHS if w >= max(b.width, min_w) - 1 and w >= min_w),
                key=lambda w: (abs(w - b.width), -w))
    if where == "left":
        col = 0
    elif where == "right":
        col = GRID_COLS - width
    else:  # the aligned start nearest its own that keeps the width inside the grid
        col = min((c for c in ALIGNED_COLS if c + width <= GRID_COLS),
                  key=lambda c: (abs(c - b.col), c))
    b.col, b.width = col, width
    if (b.col, b.width) != before:
        repairs.append(Repair(kind="snap", block=b.type, detail=(
            f"columns {before[0]}-{before[0] + before[1]} snapped to {b.col}-{b.col + b.width}")))


def _fit(b: Block, measure: Measure, repairs: list[Repair]) -> None:
    available = len(b.item_ids) or b.ux.max_items
    shown = max(1, min(b.ux.max_items, available))
    across = measure.per_row(b)
    if across is not None and min(across, available) != shown:
        # a strip shows one row of cards: fewer leave its right side empty, more are hidden
        repairs.append(Repair(kind="fit", block=b.type, detail=(
            f"shows {min(across, available)} of {available} items, as many as fit side by "
            f"side (asked {shown})")))
        shown = b.ux.max_items = min(across, available)
    min_h = grid.MIN_SIZE[b.type][1]

    def rows(n: int) -> int:
        return max(min_h, math.ceil(measure.rows(b, n) - FIT_SLACK))

    need = rows(shown)
    cut = shown
    while need > MAX_FIT_ROWS and cut > 1:
        cut -= 1
        need = rows(cut)
    need = min(need, MAX_FIT_ROWS)
    if cut != shown:
        b.ux.max_items = cut
        repairs.append(Repair(kind="fit", block=b.type,
                              detail=f"shows {cut} of {shown} items: more do not fit"))
    if need != b.height:
        repairs.append(Repair(kind="fit", block=b.type, detail=(
            f"height {b.height} -> {need} rows, to fit what it shows")))
        b.height = need


def _pack(blocks: list[Block], repairs: list[Repair]) -> None:
    """Each block, in reading order, moves up to rest on the blocks above it."""
    skyline = [0] * GRID_COLS
    for b in sorted(blocks, key=lambda b: (b.row, b.col)):
        top = max(skyline[b.col:b.col + b.width])
        if top != b.row:
            repairs.append(Repair(kind="pack", block=b.type,
                                  detail=f"row {b.row} -> {top}, to close the gap above it"))
            b.row = top
        for c in range(b.col, b.col + b.width):
            skyline[c] = top + b.height


def _widen(blocks: list[Block], repairs: list[Repair]) -> None:
    """A block grows onto the aligned edge farthest out whose cells are free in its rows."""
    for b in sorted(blocks, key=lambda b: (b.row, b.col)):
        taken = _cells(blocks, skip=b)
        right = max(e for e in EDGES if e >= b.col + b.width
                    and _free(taken, b, b.col + b.width, e))
        left = min(e for e in EDGES if e <= b.col and _free(taken, b, e, b.col))
        if (left, right) != (b.col, b.col + b.width) and right - left in ALIGNED_WIDTHS:
            repairs.append(Repair(kind="widen", block=b.type, detail=(
                f"columns {b.col}-{b.col + b.width} -> {left}-{right}, into free space")))
            b.col, b.width = left, right - left


def _fill(blocks: list[Block], measure: Measure | None, repairs: list[Repair]) -> None:
    """Empty cells under a block (down to the next block or the page's last row) are given to
    that block, bottom-most blocks first, so no hole and no ragged bottom is left."""
    if not blocks:
        return
    bottom = max(b.row + b.height for b in blocks)
    for b in sorted(blocks, key=lambda b: -(b.row + b.height)):
        taken = _cells(blocks, skip=b)
        end = b.row + b.height
        limit = next((r for r in range(end, bottom)
                      if any((r, c) in taken for c in range(b.col, b.col + b.width))), bottom)
        if limit > end:
            grown = limit - b.row
            detail = f"height {b.height} -> {grown} rows, to fill the empty cells under it"
            if measure is not None:
                more = _show_more(b, grown, measure)
                if more:
                    detail += f"; shows {more} items"
            repairs.append(Repair(kind="fill", block=b.type, detail=detail))
            b.height = grown


def _narrow_over_holes(blocks: list[Block], repairs: list[Repair]) -> bool:
    """A hole left under one block and over another (their columns only partly shared) is
    opened up: the block below gives up the hole's columns on its edge, if it stays aligned
    and wide enough, so the next round can pack and fill around it. True if one changed."""
    taken = _cells(blocks)
    for b in sorted(blocks, key=lambda b: (b.row, b.col)):
        over = [c for c in range(b.col, b.col + b.width)
                if b.row > 0 and (b.row - 1, c) not in taken]
        if not over:
            continue
        keep = [c for c in range(b.col, b.col + b.width) if c not in over]
        if not keep or keep != list(range(keep[0], keep[-1] + 1)):
            continue
        col, width = keep[0], len(keep)
        if width in ALIGNED_WIDTHS and col in EDGES and width >= grid.MIN_SIZE[b.type][0]:
            repairs.append(Repair(kind="widen", block=b.type, detail=(
                f"columns {b.col}-{b.col + b.width} -> {col}-{col + width}, "
                "to leave no hole above it")))
            b.col, b.width = col, width
            return True
    return False


def _restack(blocks: list[Block], measure: Measure | None, repairs: list[Repair]) -> None:
    """The last resort, for the rare tangle the passes cannot close: one full-width column in
    reading order. Every block still touches the edge it touched, and blocks that shared
    columns keep their vertical order."""
    row = 0
    for b in sorted(blocks, key=lambda b: (b.row, b.col)):
        b.col, b.width, b.row = 0, GRID_COLS, row
        if measure is not None:
            _fit(b, measure, [])
        row += b.height
    repairs.append(Repair(kind="restack", detail="the blocks could not be packed without "
                          "holes: stacked full width in reading order"))


def _show_more(b: Block, rows: int, measure: Measure) -> int:
    """Show as many more of its items as fit in `rows`; the new count, or 0 if unchanged."""
    available = len(b.item_ids)
    n = b.ux.max_items
    if measure.per_row(b) is not None:
        return 0  # a strip's count follows its width, not its height
    while n < min(available, 10) and measure.rows(b, n + 1) - FIT_SLACK <= rows:
        n += 1
    if n == b.ux.max_items:
        return 0
    b.ux.max_items = n
    return n


# --- helpers --------------------------------------------------------------------------------
def _free(taken: set[tuple[int, int]], b: Block, c0: int, c1: int) -> bool:
    """Whether columns c0..c1 are free in all of b's rows."""
    return all((r, c) not in taken for r in range(b.row, b.row + b.height)
               for c in range(c0, c1))


def _cells(blocks: list[Block], skip: Block | None = None) -> set[tuple[int, int]]:
    return {cell for b in blocks if b is not skip for cell in b.cells()}


def _merge(repairs: list[Repair]) -> list[Repair]:
    """One repair per block and change, its first and last states joined: a block packed in
    three rounds says once where it went ("row 9 -> 4" and "row 4 -> 3" become "row 9 -> 3")."""
    merged: dict[tuple[str, object, str], Repair] = {}
    for r in repairs:
        key = (r.kind, r.block, r.detail.split(" ", 1)[0])
        earlier = merged.get(key)
        if earlier is not None and " -> " in r.detail and " -> " in earlier.detail:
            first, last = earlier.detail.split(" -> ", 1)[0], r.detail.split(" -> ", 1)[1]
            r = Repair(kind=r.kind, block=r.block, detail=f"{first} -> {last}")
        merged[key] = r
    return list(merged.values())
