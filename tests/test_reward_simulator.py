"""The reward's click simulator and item-slot geometry (serp_core.reward)."""

from __future__ import annotations

import numpy as np
import pytest

from serp_core import geometry, grid
from serp_core.render import measure
from serp_core.reward import ClickParams, ClickSimulator, Page, item_slots, page_pool
from serp_core.reward.pages import query_content, random_layout
from serp_core.reward.simulator import column_factor, row_factor, true_examination_grid
from serp_core.schema import ROW_HEIGHT_PX, UX, Block, ContentType, Layout, WebItem

T = ContentType


WORDS = ["alpine", "harbour", "museum", "tram", "bakery", "glacier", "opera", "canal"]


def web_items(n: int, prefix: str = "w") -> dict[str, WebItem]:
    return {f"{prefix}{i}": WebItem(id=f"{prefix}{i}", title=f"{WORDS[i]} guide",
                                    url=f"https://site{i}.example/{prefix}{i}", site=f"site{i}")
            for i in range(n)}


# --- slots -------------------------------------------------------------------------------
def test_vertical_block_stacks_items_top_down_within_its_box():
    items = web_items(6)
    block = Block(type=T.web, col=0, row=2, width=8, height=5,
                  ux=UX(orientation="vertical", max_items=4), item_ids=list(items))
    slots = item_slots(Layout(blocks=[block]), items)
    assert [s.item_id for s in slots] == ["w0", "w1", "w2", "w3"]  # cut to max_items
    assert all(s.col == 0 and s.width == 8 for s in slots)
    assert [s.row for s in slots] == pytest.approx([2, 3.25, 4.5, 5.75])
    assert slots[-1].row + slots[-1].height == pytest.approx(7)
    assert [s.cell for s in slots] == [(2, 4), (3, 4), (4, 4), (5, 4)]
    assert all(s.block_area == 40 for s in slots)


def test_horizontal_block_sets_items_side_by_side():
    ids = [f"v{i}" for i in range(4)]
    block = Block(type=T.videos, col=4, row=0, width=8, height=3,
                  ux=UX(orientation="horizontal", max_items=4), item_ids=ids)
    slots = item_slots(Layout(blocks=[block]))
    assert all(s.row == 0 and s.height == 3 for s in slots)
    assert [s.col for s in slots] == pytest.approx([4, 6, 8, 10])
    assert [s.cell[1] for s in slots] == [5, 7, 9, 11]


def test_renderer_quirks_places_map_and_wrapping_tiles():
    places = Block(type=T.places, col=8, row=0, width=4, height=6,
                   ux=UX(orientation="vertical", max_items=2), item_ids=["p0", "p1"])
    images = Block(type=T.images, col=0, row=0, width=8, height=4,
                   ux=UX(orientation="vertical", media_size="medium", max_items=6),
                   item_ids=[f"i{i}" for i in range(6)])
    slots = item_slots(Layout(blocks=[places, images]))
    # the map takes the top of the places block (as tall as the renderer draws it); items
    # start below it
    map_rows = (measure.map_size(places, [])[1] + geometry.MAP_GAP_PX) / ROW_HEIGHT_PX
    assert slots[0].row == pytest.approx(map_rows)
    assert 0 < slots[0].row < places.height / 2
    # tiles wrap: several per line, more than one line
    tiles = [s for s in slots if s.type == T.images]
    assert len({s.row for s in tiles}) >= 2 and len({s.col for s in tiles}) >= 2


def test_unknown_and_mistyped_ids_are_not_shown():
    items = web_items(2)
    block = Block(type=T.web, col=0, row=0, width=8, height=3, item_ids=["w0", "nope", "w1"])
    assert [s.item_id for s in item_slots(Layout(blocks=[block]), items)] == ["w0", "w1"]


# --- examination ---------------------------------------------------------------------------
def test_examination_decays_down_rows_with_a_skip_and_peaks_at_one():
    p = ClickParams()
    v = row_factor(np.arange(4), p)
    assert v[0] == 1 and v[1] == pytest.approx(p.beta * (1 - p.skip))
    assert v[3] / v[2] == pytest.approx(p.beta)
    truth = true_examination_grid(p)
    assert truth.max() == pytest.approx(1)
    h = column_factor(np.arange(12), p)
    assert h.argmax() not in (0, 11)  # the middle bias pulls the peak off the left edge
    assert h[0] > h[11]  # ...and the F-pattern keeps the left above the right


def test_larger_blocks_and_salient_types_draw_more_examination():
    small = Block(type=T.web, col=0, row=4, width=4, height=2, ux=UX(max_items=1),
                  item_ids=["a"])
    big = small.model_copy(update={"width": 8, "height": 6})
    sim = ClickSimulator(ClickParams())
    rel = {"a": 1.0}
    items = {"a": WebItem(id="a", title="a", url="https://a.example")}
    e = [sim.click_probabilities(Page(query="q", layout=Layout(blocks=[b]), items=items,
                                      relevance=rel))[0] for b in (small, big)]
    assert e[1] > e[0]


# --- attraction and redundancy --------------------------------------------------------------
def _pair_page(twin: bool) -> Page:
    items = web_items(2)
    if twin:  # the second result repeats the first: same URL
        items["w1"] = items["w1"].model_copy(update={"url": items["w0"].url})
    block = Block(type=T.web, col=0, row=0, width=8, height=4, ux=UX(max_items=2),
                  item_ids=["w0", "w1"])
    return Page(query="q", layout=Layout(blocks=[block]), items=items,
                relevance={"w0": 0.8, "w1": 0.8})


def test_redundancy_discount_lowers_clicks_on_a_duplicate():
    p = ClickParams(explore=0)
    distinct = ClickSimulator(p).click_probabilities(_pair_page(twin=False))
    twin = ClickSimulator(p).click_probabilities(_pair_page(twin=True))
    assert twin[0] == pytest.approx(distinct[0])  # the first of the two is untouched
    assert twin[1] < distinct[1]
    expected_attraction = p.floor + (1 - p.floor) * 0.8 * p.delta
    assert twin[1] / distinct[1] == pytest.approx(expected_attraction / (p.floor + (1 - p.floor)
                                                                         * 0.8))
    # and simulated people click it less, too
    sims = ClickSimulator(p, seed=3).simulate(_pair_page(twin=True), 4000)
    free = ClickSimulator(p, seed=3).simulate(_pair_page(twin=False), 4000)
    assert sims.clicked[:, 1].mean() < free.clicked[:, 1].mean() - 0.03
    # no discount: no difference
    same = ClickSimulator(ClickParams(explore=0, delta=1.0)).click_probabilities(
        _pair_page(twin=True))
    assert same[1] == pytest.approx(distinct[1])


def test_expected_clicks_match_simulated_clicks(corpus):
    page = page_pool(corpus, ["best hiking trails near seattle"], np.random.default_rng(0), 1)[0]
    sim = ClickSimulator(ClickParams(explore=0), seed=1)
    sims = sim.simulate(page, 6000)
    assert sims.clicked.sum(axis=1).mean() == pytest.approx(sim.expected_clicks(page), rel=0.05)
    assert not sims.explored.any()


def test_exploration_slice_permutes_items_among_the_slots(corpus):
    page = page_pool(corpus, ["3 day tokyo itinerary"], np.random.default_rng(1), 1)[0]
    k = len(page.slots())
    everyone = ClickSimulator(ClickParams(explore=1.0), seed=0).simulate(page, 50)
    assert everyone.explored.all()
    identity = np.arange(k)
    assert all(sorted(row) == list(identity) for row in everyone.shown)  # a permutation...
    assert sum((row != identity).any() for row in everyone.shown) >= 49  # ...that moves items
    sessions = everyone.to_sessions()
    shown = [sh.slot for sh in sessions[0].shown]
    # the slots stay where they are; the items move
    assert [(s.row, s.col) for s in shown] == [(s.row, s.col) for s in page.slots()]
    assert [s.item_id for s in shown] != [s.item_id for s in page.slots()]
    nobody = ClickSimulator(ClickParams(explore=0.0), seed=0).simulate(page, 50)
    assert not nobody.explored.any() and (nobody.shown == identity).all()
    some = ClickSimulator(ClickParams(explore=0.2), seed=0).simulate(page, 2000)
    assert some.explored.mean() == pytest.approx(0.2, abs=0.03)


def test_simulation_is_deterministic_under_a_seed(corpus):
    page = page_pool(corpus, ["best time to visit iceland"], np.random.default_rng(0), 1)[0]
    a = ClickSimulator(seed=7).simulate(page, 30)
    b = ClickSimulator(seed=7).simulate(page, 30)
    c = ClickSimulator(seed=8).simulate(page, 30)
    assert (a.clicked == b.clicked).all() and a.ids == b.ids
    assert (a.clicked != c.clicked).any()


# --- pages ---------------------------------------------------------------------------------
def test_random_pages_are_valid_and_relevance_is_graded(corpus):
    content = query_content(corpus, "best noise cancelling headphones under 300")
    rng = np.random.default_rng(0)
    for _ in range(30):
        layout = random_layout(content.available, rng)
        assert grid.validate(layout) == []
        assert all(b.item_ids and set(b.item_ids) <= set(content.available[b.type])
                   for b in layout.blocks)
    rel = content.relevance
    assert set(rel) == set(content.items) and all(0 <= v <= 1 for v in rel.values())
    products, news = content.available[T.products], content.available[T.news]
    # a shopping query: the top product matters more than the top story, and more than the
    # last product
    assert rel[products[0]] > rel[news[0]]
    assert rel[products[0]] > rel[products[-1]]
