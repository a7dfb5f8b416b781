"""How tall a block's content renders, in grid rows, without a browser.

The layout repair sizes blocks to their content (a block taller than what it shows is the
white space the paper complained of; a shorter one hides results), so it needs the height
`page.css` gives a block's items at a given width and look. This module mirrors that CSS:
fonts, line heights, gaps, media sizes, and line wrapping estimated from text length. A
browser test renders sample blocks and checks these estimates against the real layout.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..geometry import (
    BLOCK_MARGIN_Y_PX,
    BLOCK_PADDING_Y_PX,
    MAP_GAP_PX,
    MAP_MAX_PX,
    MAP_MIN_PX,
    MEDIA_PX,
    TILE_GAP_PX,
    WEB_COLUMN_GAP_PX,
    WEB_COLUMN_MIN_PX,
    WEB_ROW_GAP_PX,
    content_width_px,
)
from ..schema import ROW_HEIGHT_PX, Block, ContentType, Item

# What page.css draws around and between items, beyond serp_core.geometry (px).
BORDER = 1
HEADING_PX = 15 * 1.45 + 8  # .block > .heading: 15 px font, line-height 1.45, 8 px margin
TITLE_FONT = {"small": 14.0, "medium": 16.5, "large": 20.0}  # --tf
BODY_FONT = {"small": 12.5, "medium": 14.0, "large": 16.0}  # --bf
MEDIA = {size: float(px) for size, px in MEDIA_PX.items()}  # --media
CHAR_EM = 0.45  # average glyph width of the sans-serif stack, in em
WORD_SLACK = 3  # characters lost at the end of a wrapped line
HAS_HEADING = {ContentType.chat_answer, ContentType.images, ContentType.videos,
               ContentType.news, ContentType.places, ContentType.products}


def inner_width(width_cols: int) -> float:
    """The content width of a block `width_cols` columns wide, in px."""
    return content_width_px(width_cols) - 2 * BORDER


def chrome_px(type_: ContentType) -> float:
    return 2 * (BLOCK_MARGIN_Y_PX + BLOCK_PADDING_Y_PX + BORDER) + (
        HEADING_PX if type_ in HAS_HEADING else 0)


def lines(text: str, font_px: float, width_px: float, clamp: int | None = None) -> int:
    """Lines a text wraps to (at least one when there is text)."""
    if not text:
        return 0
    # Lines break between words: about half a word is lost at the end of each line.
    per_line = max(1, int(width_px / (font_px * CHAR_EM)) - WORD_SLACK)
    n = max(1, math.ceil(len(text) / per_line))
    return min(n, clamp) if clamp else n


def content_px(block: Block, items: Sequence[Item], width_cols: int | None = None) -> float:
    """The height in px of `block` showing `items` (already cut to what it shows), at its
    own width or at `width_cols`."""
    w = inner_width(width_cols or block.width)
    ux = block.ux
    tf, bf, media = TITLE_FONT[ux.title_font], BODY_FONT[ux.body_font], MEDIA[ux.media_size]
    clamp = ux.truncate_text
    horizontal = ux.orientation == "horizontal"
    t = block.type
    if not items:
        return chrome_px(t) + bf * 1.45
    measure = _MEASURES[t]
    return chrome_px(t) + measure(items, w, tf, bf, media, clamp, horizontal, block)


def rows_for(block: Block, items: Mapping[str, Item], shown: int | None = None,
             width_cols: int | None = None) -> float:
    """The rows (fractional) `block` needs to show its first `shown` items (default: as
    many as its look shows)."""
    chosen = [items[i] for i in block.item_ids if i in items and items[i].type == block.type]
    n = block.ux.max_items if shown is None else shown
    return content_px(block, chosen[:n], width_cols) / ROW_HEIGHT_PX


# --- per type ---------------------------------------------------------------------------
def _stack(heights: list[float], gap: float) -> float:
    return sum(heights) + gap * max(len(heights) - 1, 0)


def _web(items, w, tf, bf, media, clamp, horizontal, block) -> float:
    def one(it, width: float) -> float:
        title = lines(it.title, tf, width, 1 if clamp else None) * tf * 1.3
        url = 12.5 * 1.45 + 4
        snippet = getattr(it, "snippet", "")
        body = lines(snippet, bf, width, 2 if clamp else None) * bf * 1.45 + (2 if snippet else 0)
        return title + url + body

    if horizontal:
        gap = WEB_COLUMN_GAP_PX
        per_row = max(1, min(int((w + gap) / (WEB_COLUMN_MIN_PX + gap)), len(items)))
        cell = (w - gap * (per_row - 1)) / per_row
        rows = [max(one(it, cell) for it in items[i:i + per_row])
                for i in range(0, len(items), per_row)]
        return _stack(rows, WEB_ROW_GAP_PX)
    return _stack([one(it, w) for it in items], 16)


def _images(items, w, tf, bf, media, clamp, horizontal, block) -> float:
    tile = media + 4 + 11.5 * 1.45
    if horizontal:
        return tile
    widths = [media * max(0.5, min(2.5, it.visual.aspect)) for it in items]
    rows, used = 1, 0.0
    for width in widths:  # flex-wrap: a tile moves down when its basis does not fit
        width = max(width, media * 0.7)
        if used and used + TILE_GAP_PX + width > w:
            rows, used = rows + 1, 0.0
        used += (TILE_GAP_PX if used else 0) + width
    return rows * tile + TILE_GAP_PX * (rows - 1)


def _videos(items, w, tf, bf, media, clamp, horizontal, block) -> float:
    sub = (bf - 1) * 1.45 + 3
    if horizontal:
        n = len(items)
        card = min(max((w - 14 * (n - 1)) / n, media * 1.6), media * 2.1)
        thumb = card * 9 / 16
        title = max(lines(it.title, tf, card, 2 if clamp else None) for it in items) * tf * 1.3
        return thumb + 6 + title + sub
    meta_w = max(w - media * 16 / 9 - 12, 60)
    return _stack([max(media, lines(it.title, tf, meta_w, 2 if clamp else None) * tf * 1.3
                       + sub) for it in items], 12)


def _news(items, w, tf, bf, media, clamp, horizontal, block) -> float:
    src = 12 * 1.45

    def meta(it, width: float) -> float:
        title = 3 + lines(it.title, tf, width, 2 if clamp else None) * tf * 1.3 + 1
        snippet = getattr(it, "snippet", "")
        return src + title + lines(snippet, bf, width, 2 if clamp else None) * bf * 1.45

    if horizontal:
        card = min(max((w - 12 * (len(items) - 1)) / len(items), 220), 320)
        thumbs = any(it.visual for it in items)
        return max((media if thumbs else 0) + 19 + meta(it, card - 24) for it in items) + 2
    return _stack([max(meta(it, w - (media + 12 if it.visual else 0)),
                       media if it.visual else 0) for it in items], 12)


def _knowledge_panel(items, w, tf, bf, media, clamp, horizontal, block) -> float:
    def one(it) -> float:
        text_w = w - (media * 1.7 + 16 if horizontal and it.visual else 0)
        title = (tf + 5) * 1.3
        sub = ((bf - 1) * 1.45 + 1) if it.subtitle else 0
        desc = (8 + lines(it.description, bf, text_w, 4 if clamp else None) * bf * 1.45
                if it.description else 0)
        facts = (8 + len(it.facts) * ((bf - 0.5) * 1.45 + 9)) if it.facts else 0
        text = title + sub + desc + facts
        if not it.visual:
            return text
        if horizontal:
            return max(media * 1.7, text)
        return media * 1.5 + 10 + text

    return _stack([one(it) for it in items], 28)


def map_max_px(w: float) -> int:
    return min(round(w * 0.5), MAP_MAX_PX)


def map_preferred_px(w: float) -> int:
    """The map height a places block is sized for; the drawn map then takes whatever the
    block's rows leave (between MAP_MIN_PX and map_max_px), so no row is left half empty."""
    return max(MAP_MIN_PX, min(round(w * 0.35), 200))


def map_size(block: Block, items: Sequence[Item]) -> tuple[int, int]:
    """Width and height of the places map the renderer draws in `block`."""
    w = inner_width(block.width)
    room = block.height * ROW_HEIGHT_PX - chrome_px(block.type) - MAP_GAP_PX - _place_list(
        items, w, block)
    return round(w), int(max(MAP_MIN_PX, min(room, map_max_px(w))))


def _places(items, w, tf, bf, media, clamp, horizontal, block) -> float:
    return map_preferred_px(w) + MAP_GAP_PX + _place_list(items, w, block)


def _place_list(items, w: float, block: Block) -> float:
    ux = block.ux
    tf, bf, clamp = TITLE_FONT[ux.title_font], BODY_FONT[ux.body_font], ux.truncate_text
    horizontal = ux.orientation == "horizontal"
    if not items:
        return 0.0

    def one(it, width: float) -> float:
        title = lines(it.title, tf, width, 1 if clamp else None) * tf * 1.3
        rating = 12.5 * 1.45 + 3 if it.rating is not None else 0
        where = " · ".join(x for x in (it.category, it.address) if x)
        return title + rating + lines(where, bf - 1, width, 2 if clamp else None) * (bf - 1) * 1.45

    if horizontal:
        n = len(items)
        cell = max((w - 12 * (n - 1)) / n, 190) - 32
        return max(one(it, cell) for it in items)
    return _stack([one(it, w - 32) for it in items], 12)


def _products(items, w, tf, bf, media, clamp, horizontal, block) -> float:
    def meta(it, width: float) -> float:
        title = lines(it.title, tf - 2, width, 2 if clamp else None) * (tf - 2) * 1.3
        price = 3 + tf * 1.45
        merchant = 12 * 1.45 if it.merchant else 0
        rating = 12.5 * 1.45 if it.rating is not None else 0
        return title + price + merchant + rating

    if horizontal:
        n = len(items)
        card = min(max((w - 12 * (n - 1)) / n, media + 48), media * 2)
        return max(22 + media + 8 + meta(it, card - 22) for it in items)
    return _stack([max(media, meta(it, w - media - 12)) for it in items], 12)


def _chat_answer(items, w, tf, bf, media, clamp, horizontal, block) -> float:
    def one(it) -> float:
        title = tf * 1.3 + 6 if it.title else 0
        text_w = w - 230 if horizontal else w
        paragraphs = [p for p in it.text.split("\n\n") if p.strip()] or [""]
        text = sum(lines(p, bf, text_w, 4 if clamp else None) * bf * 1.45 + 8
                   for p in paragraphs)
        cites = len(it.citations)
        if not cites:
            return title + text
        if horizontal:
            return title + max(text, cites * 24)
        per_line = max(1, int((w - 60) / 140))
        return title + text + 4 + math.ceil(cites / per_line) * 25

    return _stack([one(it) for it in items], 24)


_MEASURES = {
    ContentType.web: _web,
    ContentType.images: _images,
    ContentType.videos: _videos,
    ContentType.news: _news,
    ContentType.knowledge_panel: _knowledge_panel,
    ContentType.places: _places,
    ContentType.products: _products,
    ContentType.chat_answer: _chat_answer,
}


# The narrowest a card of a horizontal strip gets (flex basis or min-width in page.css), by
# type, from the block's media size; a strip shows as many as fit side by side.
def _card_px(block: Block, items: Sequence[Item]) -> float | None:
    media = MEDIA[block.ux.media_size]
    t = block.type
    if t == ContentType.images:
        aspects = [max(0.5, min(2.5, it.visual.aspect)) for it in items] or [4 / 3]
        return media * sum(aspects) / len(aspects)
    return {ContentType.videos: media * 16 / 9, ContentType.products: media + 48,
            ContentType.news: 220.0, ContentType.places: 190.0}.get(t)


def per_row(block: Block, items: Mapping[str, Item]) -> int | None:
    """How many items a horizontal strip shows side by side at its width (None: the block
    is not a strip, so its width does not decide how many it shows)."""
    if block.ux.orientation != "horizontal":
        return None
    chosen = [items[i] for i in block.item_ids if i in items and items[i].type == block.type]
    card = _card_px(block, chosen)
    if card is None:
        return None
    gap = TILE_GAP_PX if block.type == ContentType.images else 12
    return max(1, int((inner_width(block.width) + gap) / (card + gap)))


class BlockMeasure:
    """What the compaction asks of the renderer, over one run's items: the rows a block
    needs to show n of them, and how many a horizontal strip shows side by side."""

    def __init__(self, items: Mapping[str, Item]) -> None:
        self.items = items

    def rows(self, block: Block, n: int) -> float:
        return rows_for(block, self.items, shown=n)

    def per_row(self, block: Block) -> int | None:
        return per_row(block, self.items)


def measure_for(items: Mapping[str, Item]) -> BlockMeasure:
    return BlockMeasure(items)
