"""Where each shown item sits on the page: its own sub-box of its block, in grid cells.

The pixel geometry is the renderer's own (serp_core.geometry, which page.css reads too): a
vertical block stacks its items top-down, a horizontal block sets them side by side in one
line; image tiles in a vertical block wrap into lines of as many tiles as fit, and web results
in a horizontal block form a grid of WEB_COLUMN_MIN_PX columns. The places block keeps its map
above the list. Headings and padding are ignored: they shift items by a fraction of a row.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from ..geometry import (
    MAP_GAP_PX,
    MEDIA_PX,
    TILE_ASPECT,
    TILE_GAP_PX,
    WEB_COLUMN_GAP_PX,
    WEB_COLUMN_MIN_PX,
    content_width_px,
)
from ..render.measure import map_size
from ..schema import GRID_COLS, MAX_ROWS, ROW_HEIGHT_PX, Block, ContentType, Item, Layout


class ItemSlot(BaseModel):
    """One shown item and the box it occupies, in (fractional) grid cells."""

    model_config = ConfigDict(frozen=True)

    item_id: str
    type: ContentType  # the item's type
    block_type: ContentType  # the block showing it; differs only in an exploration shuffle
    block: int  # index of the block in layout.blocks
    rank: int  # 0-based position within the block
    row: float
    col: float
    width: float
    height: float
    block_area: int  # cells covered by the whole block

    @property
    def cell(self) -> tuple[int, int]:
        """The anchor cell: the row where the item starts (its title) and its centre column.
        Examination is modelled and fitted per anchor cell."""
        r = min(MAX_ROWS - 1, max(0, math.floor(self.row + 1e-9)))
        c = min(GRID_COLS - 1, max(0, math.floor(self.col + self.width / 2 + 1e-9)))
        return r, c


def shown_ids(block: Block, items: Mapping[str, Item] | None = None) -> list[str]:
    """The ids a block really shows: known items of its type (as the renderer filters them),
    cut to ux.max_items."""
    ids = block.item_ids
    if items is not None:
        ids = [i for i in ids if i in items and items[i].type == block.type]
    return list(ids[: block.ux.max_items])


def item_slots(layout: Layout, items: Mapping[str, Item] | None = None) -> list[ItemSlot]:
    """Every shown item's slot, block by block in layout order."""
    slots: list[ItemSlot] = []
    for index, block in enumerate(layout.blocks):
        ids = shown_ids(block, items)
        shown = [items[i] for i in ids if i in items] if items else []
        boxes = _boxes(block, len(ids), shown)
        for rank, (box, item_id) in enumerate(zip(boxes, ids, strict=True)):
            slots.append(ItemSlot(item_id=item_id, type=block.type, block_type=block.type,
                              block=index, rank=rank, row=box[0], col=box[1], width=box[2],
                              height=box[3], block_area=block.width * block.height))
    return slots


def _per_line(block: Block, n: int) -> int:
    width_px = content_width_px(block.width)
    if block.ux.orientation == "horizontal":
        if block.type == ContentType.web:
            return max(1, min(n, int((width_px + WEB_COLUMN_GAP_PX)
                                     // (WEB_COLUMN_MIN_PX + WEB_COLUMN_GAP_PX))))
        return n
    if block.type == ContentType.images:  # tiles wrap: as many 4:3 tiles as fit a line
        tile = MEDIA_PX[block.ux.media_size] * TILE_ASPECT + TILE_GAP_PX
        return max(1, min(n, int(width_px // tile)))
    return 1


def _boxes(block: Block, n: int,
           shown: Sequence[Item] = ()) -> list[tuple[float, float, float, float]]:
    if n == 0:
        return []
    top, height = float(block.row), float(block.height)
    if block.type == ContentType.places:  # the map the renderer draws above the list
        map_rows = min((map_size(block, shown)[1] + MAP_GAP_PX) / ROW_HEIGHT_PX, height / 2)
        top, height = top + map_rows, height - map_rows
    per_line = _per_line(block, n)
    lines = math.ceil(n / per_line)
    w, h = block.width / per_line, height / lines
    return [(top + (k // per_line) * h, block.col + (k % per_line) * w, w, h) for k in range(n)]
