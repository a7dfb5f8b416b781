"""The rule-based baseline: per-vertical templates that stay inside the grid."""

from __future__ import annotations

import pytest

from serp_core.baseline import TEMPLATES, baseline_layout
from serp_core.schema import GRID_COLS, MAX_ROWS, ContentType, Layout, Vertical

T = ContentType

ALL = {t: [f"{t.value}-{i}" for i in range(6)] for t in ContentType}


def assert_valid(layout: Layout, available) -> None:
    seen: set[tuple[int, int]] = set()
    for b in layout.blocks:
        assert b.col >= 0 and b.row >= 0 and b.width >= 1 and b.height >= 1
        assert b.col + b.width <= GRID_COLS
        assert b.row + b.height <= MAX_ROWS
        cells = b.cells()
        assert not cells & seen, f"{b.type} overlaps"
        seen |= cells
        assert available.get(b.type), f"{b.type} is not available"
        assert b.item_ids == list(available[b.type])
    types = [b.type for b in layout.blocks]
    assert len(types) == len(set(types)), "one block per type"


@pytest.mark.parametrize("vertical", list(Vertical))
def test_full_availability_is_valid(vertical):
    layout = baseline_layout(vertical, ALL)
    assert_valid(layout, ALL)
    assert layout.blocks
    assert layout.rows_used() <= MAX_ROWS


@pytest.mark.parametrize("vertical", list(Vertical))
@pytest.mark.parametrize(
    "present",
    [
        [T.web],
        [T.web, T.images],
        [T.knowledge_panel, T.places],
        [T.chat_answer, T.web, T.products, T.news],
        [],
    ],
)
def test_only_available_types(vertical, present):
    available = {t: ALL[t] for t in present}
    available[T.videos] = []  # present but empty: no block
    layout = baseline_layout(vertical, available)
    assert_valid(layout, available)
    assert {b.type for b in layout.blocks} <= set(present)


def test_per_vertical_character():
    travel = baseline_layout(Vertical.travel, ALL)
    shopping = baseline_layout(Vertical.shopping, ALL)
    ent = baseline_layout(Vertical.entertainment, ALL)
    health = baseline_layout(Vertical.health, ALL)

    # travel: a wide map pack high in the main column
    places = travel.block(T.places)
    assert places and places.col == 0 and places.width == 8 and places.row <= 3
    # shopping: products lead the page
    products = shopping.block(T.products)
    assert products and products.row == 0 and products.width == 8
    # entertainment: knowledge panel on the rail, videos and news above the fold
    kp = ent.block(T.knowledge_panel)
    assert kp and kp.col == 8 and kp.row == 0
    assert ent.block(T.videos).row < 8 and ent.block(T.news).row < 8
    # health: answer first, web right after, never products
    assert health.block(T.chat_answer).row == 0
    assert health.block(T.web).row == health.block(T.chat_answer).height
    assert health.block(T.products) is None
    # every vertical puts a chat answer on top when it has one (shopping: under the strip)
    for v in Vertical:
        first = min(baseline_layout(v, ALL).blocks, key=lambda b: (b.row, b.col))
        assert first.type in (T.chat_answer, T.products, T.knowledge_panel)


def test_item_order_and_ux_defaults():
    available = {T.web: ["b", "a", "c"], T.images: ["x"]}
    layout = baseline_layout(Vertical.other, available)
    web = layout.block(T.web)
    assert web.item_ids == ["b", "a", "c"]
    assert web.ux.orientation == "vertical" and web.ux.truncate_text
    assert layout.block(T.images).ux.orientation == "horizontal"
    # the web block grows with the number of results it shows
    more = baseline_layout(Vertical.other, {T.web: [str(i) for i in range(5)]}).block(T.web)
    assert more.height > web.height


def test_tables_cover_every_vertical():
    assert set(TEMPLATES) == set(Vertical)
    for slots in TEMPLATES.values():
        types = [s.type for s in slots]
        assert len(types) == len(set(types))


def test_rows_are_capped():
    # even a page with every type and many items never runs past MAX_ROWS
    many = {t: [f"{t.value}-{i}" for i in range(10)] for t in ContentType}
    for v in Vertical:
        layout = baseline_layout(v, many)
        assert_valid(layout, many)
