"""The page in pixels, defined once: the renderer and the click simulator both read it.

The grid itself is in schema.py (12 columns over a SURFACE_WIDTH_PX surface, ROW_HEIGHT_PX
rows); this adds what a block does inside its grid area and how items line up in it. The page
template (render/templates/page.html.j2) writes these numbers as the CSS variables page.css
uses (`css_variables`), render/html.py sizes the places map with them, and reward/slots.py
works out where each shown item sits from the same numbers, so the boxes the simulated user
examines are the boxes a person sees (tests/test_geometry.py renders a page and checks).
"""

from __future__ import annotations

from .schema import GRID_COLS, ROW_HEIGHT_PX, SURFACE_WIDTH_PX, Size

COL_WIDTH_PX = SURFACE_WIDTH_PX / GRID_COLS

# A block's white card sits inside its grid area with this margin, its content this far in.
BLOCK_MARGIN_Y_PX, BLOCK_MARGIN_X_PX = 6, 10
BLOCK_PADDING_Y_PX, BLOCK_PADDING_X_PX = 12, 14

MEDIA_PX: dict[Size, int] = {"small": 64, "medium": 100, "large": 150}  # ux.media_size
TILE_GAP_PX = 8  # between image tiles, which wrap in a vertical block
TILE_ASPECT = 4 / 3  # an image tile's width over its height
# Web results in a horizontal block form a grid of columns at least this wide.
WEB_COLUMN_MIN_PX = 230
WEB_ROW_GAP_PX, WEB_COLUMN_GAP_PX = 14, 22
# The places block keeps its map above the list, at most half as tall as it is wide and within
# these bounds; the map takes the height the list leaves (serp_core.render.measure.map_size).
MAP_MIN_PX, MAP_MAX_PX = 70, 260
MAP_GAP_PX = 12  # the map's border and its margin above the list


def block_px(width: int, height: int) -> tuple[int, int]:
    """A block's card (border box) in px, for a block `width` columns by `height` rows."""
    return (round(width * COL_WIDTH_PX) - 2 * BLOCK_MARGIN_X_PX,
            height * ROW_HEIGHT_PX - 2 * BLOCK_MARGIN_Y_PX)


def content_width_px(width: int) -> float:
    """What a block `width` columns wide has across for its items (card less padding)."""
    return width * COL_WIDTH_PX - 2 * (BLOCK_MARGIN_X_PX + BLOCK_PADDING_X_PX)


def css_variables() -> dict[str, str]:
    """The custom properties page.css reads, by name (without the leading --)."""
    return {
        "row": f"{ROW_HEIGHT_PX}px",
        "block-margin": f"{BLOCK_MARGIN_Y_PX}px {BLOCK_MARGIN_X_PX}px",
        "block-padding": f"{BLOCK_PADDING_Y_PX}px {BLOCK_PADDING_X_PX}px",
        **{f"media-{size}": f"{px}px" for size, px in MEDIA_PX.items()},
        "tile-gap": f"{TILE_GAP_PX}px",
        "web-column-min": f"{WEB_COLUMN_MIN_PX}px",
        "web-gap": f"{WEB_ROW_GAP_PX}px {WEB_COLUMN_GAP_PX}px",
    }
