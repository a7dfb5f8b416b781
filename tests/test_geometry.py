"""One pixel geometry (serp_core.geometry) for the page a person sees and the page the click
simulator examines: a rendered page's blocks, its CSS and its item lines agree with the
simulator's item slots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from serp_core import geometry
from serp_core.render import measure, render_page
from serp_core.render.html import TEMPLATES_DIR
from serp_core.reward.slots import item_slots
from serp_core.schema import UX, Block, ContentType, ImageItem, Layout, Visual, WebItem
from tests.test_render import sample_items, sample_layout

T = ContentType
SECTION = re.compile(r'<section class="([^"]*)" style="grid-column: (\d+) / span (\d+); '
                     r'grid-row: (\d+) / span (\d+)"[^>]*data-type="(\w+)"')


def rendered_boxes(html: str) -> dict[str, tuple[int, int, int, int]]:
    """Each block's grid area as the page's CSS places it: (col, row, width, height)."""
    return {m[5]: (int(m[1]) - 1, int(m[3]) - 1, int(m[2]), int(m[4]))
            for m in SECTION.findall(html)}


def test_the_simulators_slots_lie_in_the_blocks_the_page_draws():
    items = sample_items()
    layout = sample_layout(items)
    drawn = rendered_boxes(render_page("lisbon in spring", layout, items))
    assert set(drawn) == {b.type.value for b in layout.blocks}
    slots = item_slots(layout, items)
    assert {s.item_id for s in slots} >= {i for b in layout.blocks for i in b.item_ids[:1]}
    for s in slots:
        col, row, width, height = drawn[s.block_type.value]
        assert col - 1e-9 <= s.col and s.col + s.width <= col + width + 1e-9, s
        assert row - 1e-9 <= s.row and s.row + s.height <= row + height + 1e-9, s


def test_the_page_css_reads_its_geometry_from_serp_core_geometry():
    items = sample_items()
    html = render_page("lisbon in spring", sample_layout(items), items)
    root = re.search(r":root \{ (.*?)\}", html).group(1)
    declared = dict(re.findall(r"--([\w-]+): ([^;]+);", root))
    assert declared == geometry.css_variables()
    css = (TEMPLATES_DIR / "page.css").read_text()
    used = set(re.findall(r"var\(--([\w-]+)\)", css))
    assert used >= set(geometry.css_variables()) - {"row"}  # --row: the page template
    # no pixel value of the geometry is written into the stylesheet by hand
    for rule in ("margin: 6px 10px", "padding: 12px 14px", "minmax(230px", "--media: 64px",
                 "gap: 8px; }"):
        assert rule not in css
    assert "var(--row)" in (TEMPLATES_DIR / "page.html.j2").read_text()


def test_the_map_the_page_draws_is_the_size_the_measure_says():
    items = sample_items()
    layout = sample_layout(items)
    html = render_page("lisbon in spring", layout, items)
    places = layout.block(T.places)
    shown = [items[i] for i in places.item_ids[:places.ux.max_items]]
    w, h = measure.map_size(places, shown)
    assert geometry.MAP_MIN_PX <= h <= geometry.MAP_MAX_PX
    assert re.search(rf'<svg class="map"[^>]*width="{w}" height="{h}"', html)


# --- in a real browser: items per line, as the simulator lays them out --------------------
CHROMIUM = "/usr/bin/chromium"


def web_items(n: int) -> dict:
    return {f"w{i}": WebItem(id=f"w{i}", title=f"Result {i}", url=f"https://ex.com/{i}",
                             site="ex.com", snippet="A snippet of the result.")
            for i in range(n)}


def image_items(n: int) -> dict:
    return {f"i{i}": ImageItem(id=f"i{i}", title=f"Image {i}", url=f"https://ex.com/i{i}",
                               site="ex.com", visual=Visual(aspect=4 / 3))
            for i in range(n)}


CASES = [  # (type, width in columns, ux): blocks whose items wrap into lines
    *[(T.web, w, {"orientation": "horizontal", "max_items": 6}) for w in (4, 6, 8, 10, 12)],
    *[(T.images, w, {"orientation": "vertical", "media_size": m, "max_items": 10})
      for w in (3, 4, 6, 8, 12) for m in ("small", "medium", "large")],
]


@pytest.mark.browser
def test_items_fall_into_the_lines_the_simulator_expects(tmp_path):
    """Each item's line on the page (its distinct top offset) against the slot's row."""
    sync_api = pytest.importorskip("playwright.sync_api")
    pages = []
    for n, (type_, width, ux) in enumerate(CASES):
        items = web_items(6) if type_ == T.web else image_items(10)
        layout = Layout(blocks=[Block(type=type_, col=0, row=0, width=width, height=8,
                                      ux=UX(**ux), item_ids=list(items))])
        path = tmp_path / f"{n}.html"
        path.write_text(render_page("q", layout, items))
        pages.append((path, layout, items))
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else None,
            args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        wrong = []
        for (path, layout, items), case in zip(pages, CASES, strict=True):
            page.goto(path.as_uri())
            tops = page.eval_on_selector_all(
                "[data-item-id]", "els => els.map(e => [e.dataset.itemId, "
                "Math.round(e.getBoundingClientRect().top)])")
            lines = {top: n for n, top in enumerate(sorted({t for _, t in tops}))}
            seen = {item: lines[top] for item, top in tops}
            rows = sorted({s.row for s in item_slots(layout, items)})
            expected = {s.item_id: rows.index(s.row) for s in item_slots(layout, items)}
            if seen != expected:
                wrong.append((case, seen, expected))
        browser.close()
    assert wrong == []
