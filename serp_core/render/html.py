"""Render a Layout plus its items into one self-contained HTML page.

The page is a 12-column CSS grid over a 1280 px surface with 90 px rows, its pixel geometry
read from serp_core.geometry (as the click simulator's is). It references no network resource
(a CSP forbids it and runs no script): a provider's pictures are embedded by the engine as
data: URIs (search.thumbnails), every other thumbnail and the map are drawn
locally by `serp_core.render.svg`. All model and corpus text goes through Jinja2
autoescaping; only SVG built here from numbers and fixed glyphs is marked safe.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from serp_core import geometry
from serp_core.grid import reading_order
from serp_core.render.measure import map_size
from serp_core.render.svg import places_map_svg, thumbnail_data_uri
from serp_core.schema import (
    FOLD_ROWS,
    GRID_COLS,
    ROW_HEIGHT_PX,
    SURFACE_WIDTH_PX,
    Block,
    ContentType,
    Item,
    Layout,
    PlaceItem,
    Visual,
)

TEMPLATES_DIR = Path(__file__).parent / "templates"


# Section headings shown above a block's items (empty: no heading).
HEADINGS: dict[ContentType, str] = {
    ContentType.chat_answer: "Copilot",
    ContentType.web: "",
    ContentType.images: "Images",
    ContentType.videos: "Videos",
    ContentType.news: "Top stories",
    ContentType.knowledge_panel: "",
    ContentType.places: "Places",
    ContentType.products: "Shopping",
}

CURRENCIES: dict[str, tuple[str, int]] = {  # code -> (symbol, decimals)
    "USD": ("$", 2),
    "EUR": ("€", 2),
    "GBP": ("£", 2),
    "JPY": ("¥", 0),
    "CNY": ("CN¥", 2),
    "INR": ("₹", 2),
    "KRW": ("₩", 0),
    "CAD": ("CA$", 2),
    "AUD": ("A$", 2),
    "CHF": ("CHF ", 2),
}


# --- text helpers (all return plain str; the templates escape them) -------------------
_HTTP_URL = re.compile(r"^https?://[^\s<>\"'\\\x00-\x1f\x7f]+$", re.IGNORECASE)


def safe_url(url: object) -> str:
    """The URL if it is an absolute http(s) URL, else "#" (no javascript:, data:, ...)."""
    text = str(url or "").strip()
    return text if _HTTP_URL.match(text) else "#"


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def display_url(url: object, site: str = "") -> str:
    """A breadcrumb line like `example.com › guides › paris`."""
    text = safe_url(url)
    if text == "#":
        return site
    parts = urlsplit(text)
    crumbs = [c for c in parts.path.split("/") if c][:2]
    crumbs = [c if len(c) <= 24 else c[:23] + "…" for c in crumbs]
    return " › ".join([_host(text) or site, *crumbs])


def site_name(url: object, site: str = "") -> str:
    return site or _host(safe_url(url)) or ""


def favicon(url: object, site: str = "") -> dict[str, object]:
    """A letter avatar standing in for a favicon: the site's first letter on a hue."""
    name = site_name(url, site)
    letter = next((ch for ch in name if ch.isalnum()), "•").upper()
    return {"letter": letter, "hue": zlib.crc32(name.lower().encode()) % 360}


def compact_number(n: object) -> str:
    """1234 -> 1.2K, 3_400_000 -> 3.4M."""
    try:
        value = float(n)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}".removesuffix(".0") + suffix
    return f"{value:.0f}"


def thousands(n: object) -> str:
    try:
        return f"{int(n):,}"  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return ""


def nice_date(text: object) -> str:
    """ISO date -> `Mar 3, 2024`; anything unparsable is shown as given."""
    raw = str(text or "")
    try:
        d = date.fromisoformat(raw[:10])
    except ValueError:
        return raw
    return f"{d:%b} {d.day}, {d.year}"


def price(value: float, currency: str = "USD") -> str:
    code = (currency or "USD").upper()
    symbol, decimals = CURRENCIES.get(code, ("", 2))
    amount = f"{value:,.{decimals}f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {code}"


def aspect(value: float) -> str:
    """A thumbnail aspect ratio for CSS, clamped to a sane range."""
    return f"{max(0.5, min(2.5, float(value or 1.0))):.3f}"


def stars(rating: float | None, reviews: int = 0) -> Markup:
    """Rating number, five partially filled stars and the review count.

    Built only from numbers (never from text), so it may be marked safe.
    """
    if rating is None:
        return Markup("")
    value = max(0.0, min(5.0, float(rating)))
    count = f'<span class="cnt">({int(reviews):,})</span>' if reviews else ""
    return Markup(
        f'<span class="rating" aria-label="Rated {value:.1f} out of 5">'
        f'<span class="num">{value:.1f}</span>'
        f'<span class="stars" style="--pct: {value * 20:.0f}%">★★★★★</span>{count}</span>'
    )


_REF = re.compile(r"\[(\d{1,2})\]")


def _runs(text: str) -> list[dict[str, object]]:
    """Split text into plain runs and `[n]` citation markers."""
    runs: list[dict[str, object]] = []
    for i, piece in enumerate(_REF.split(_plain(text))):
        if i % 2:
            runs.append({"text": "", "ref": int(piece)})
        elif piece:
            runs.append({"text": piece, "ref": 0})
    return runs


_BULLET = re.compile(r"^(?:[-*•]|\d{1,2}[.)])\s+(.*)$")


def paragraphs(text: object) -> list[dict[str, object]]:
    """Split answer text into paragraphs and bullet lists (light markdown, never HTML).

    Each paragraph is `{"kind": "p", "parts": runs}`, each list `{"kind": "ul", "lines":
    [runs, ...]}`; a run is `{"text": str, "ref": int}` with `ref` > 0 for a `[n]` marker.
    Blank lines separate paragraphs; consecutive `- `, `* ` or `1. ` lines form a list.
    """
    blocks: list[dict[str, object]] = []
    for chunk in re.split(r"\n\s*\n", str(text or "").strip()):
        lines = [ln.strip() for ln in chunk.splitlines() if ln.strip()]
        for is_list, group in groupby(lines, key=lambda ln: bool(_BULLET.match(ln))):
            run = list(group)
            if is_list:
                bullets = [_BULLET.sub(r"\1", ln) for ln in run]
                blocks.append({"kind": "ul", "lines": [_runs(b) for b in bullets]})
            else:
                blocks.append({"kind": "p", "parts": _runs(" ".join(run))})
    return blocks


def _plain(text: str) -> str:
    """Drop markdown emphasis markers rather than render them."""
    return re.sub(r"(\*\*|__|`)", "", text)


def thumb(visual: Visual | None, play: bool = False) -> str:
    return thumbnail_data_uri(visual or Visual(), play=play)


def picture(item: Item, play: bool = False) -> str:
    """The item's picture for an <img src>: the one the engine fetched and embedded (the
    item's schema admits only a JPEG/PNG data: URI), else its locally drawn placeholder."""
    return item.thumbnail or thumb(getattr(item, "visual", None), play=play)


def via(items: list[Item]) -> str:
    """Which provider a block's items came from ("" for the bundled corpus)."""
    return " + ".join(dict.fromkeys(i.via for i in items if i.via))


# --- the view model -------------------------------------------------------------------
@dataclass
class BlockView:
    block: Block
    index: int
    items: list[Item]
    style: str
    classes: str
    width_px: int
    height_px: int
    heading: str
    via: str = ""  # the search provider its items came from, shown in a corner
    map_svg: Markup | None = None
    mark: int = 0  # its set-of-mark number (1.. in reading order); 0: unmarked
    sources: Mapping[str, Item] = field(default_factory=dict)  # every item, for citations

    def citations_for(self, item: Item) -> list[dict[str, object]]:
        """Chips for an answer's citations that resolve to an item: n, id, url, label, title.

        `n` is the 1-based position in the citation list (what `[n]` in the text means);
        ids that are not among the items are skipped without renumbering the rest.
        """
        chips: list[dict[str, object]] = []
        for n, cid in enumerate(getattr(item, "citations", []), start=1):
            src = self.sources.get(cid)
            if src is None:
                continue
            site = getattr(src, "site", "") or getattr(src, "source", "")
            label = site_name(src.url, site) or src.title or cid
            chips.append({"n": n, "id": cid, "url": src.url, "label": label, "title": src.title})
        return chips


def _placement(block: Block) -> tuple[int, int, int, int]:
    """Clamp coordinates so a malformed block cannot grow the grid sideways."""
    col = max(0, min(GRID_COLS - 1, block.col))
    width = max(1, min(GRID_COLS - col, block.width))
    row = max(0, block.row)
    height = max(1, block.height)
    return col, row, width, height


def _block_items(block: Block, items: Mapping[str, Item]) -> list[Item]:
    """The block's items in order: unknown ids and items of another type are skipped."""
    chosen = [items[i] for i in block.item_ids if i in items and items[i].type == block.type]
    return chosen[: block.ux.max_items]


def _view(index: int, block: Block, items: Mapping[str, Item]) -> BlockView:
    col, row, width, height = _placement(block)
    width_px, height_px = geometry.block_px(width, height)
    ux = block.ux
    classes = " ".join(
        [
            "block",
            f"b-{block.type.value}",
            f"o-{ux.orientation}",
            f"tf-{ux.title_font}",
            f"bf-{ux.body_font}",
            f"ms-{ux.media_size}",
            "clamp" if ux.truncate_text else "full",
        ]
    )
    view = BlockView(
        block=block,
        index=index,
        items=_block_items(block, items),
        style=f"grid-column: {col + 1} / span {width}; grid-row: {row + 1} / span {height}",
        classes=classes,
        width_px=width_px,
        height_px=height_px,
        heading=HEADINGS.get(block.type, ""),
    )
    view.via = via(view.items)
    if block.type == ContentType.places and view.items:
        places = [it for it in view.items if isinstance(it, PlaceItem)]
        view.map_svg = places_map_svg(places, *map_size(block, places))
    if block.type == ContentType.chat_answer:
        view.sources = items
    return view


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        # every template (.html.j2, .j2, .css) and every string template is escaped
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "j2"), default_for_string=True, default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        safe_url=safe_url,
        display_url=display_url,
        site_name=site_name,
        compact=compact_number,
        thousands=thousands,
        nice_date=nice_date,
        aspect=aspect,
        paragraphs=paragraphs,
    )
    env.globals.update(favicon=favicon, price=price, picture=picture, stars=stars)
    return env


ENV = _environment()


def render_page(
    query: str,
    layout: Layout,
    items: Mapping[str, Item],
    *,
    title: str = "",
    annotate: bool = False,
    marks: bool = False,
) -> str:
    """One self-contained HTML document showing `layout` filled with `items`. `marks`
    outlines each block and labels it with its number in reading order and its type, for a
    vision model to name blocks by (set-of-mark prompting)."""
    # Every used row is shown: a repair may push a block below MAX_ROWS, and cutting it off
    # would lose content silently.
    rows = max(FOLD_ROWS + 1, layout.rows_used())
    views = [_view(i, b, items) for i, b in enumerate(layout.blocks)]
    if marks:
        number = {id(b): n for n, b in enumerate(reading_order(layout), start=1)}
        for v in views:
            v.mark = number[id(v.block)]
    return ENV.get_template("page.html.j2").render(
        query=query,
        title=title,
        annotate=annotate,
        marks=marks,
        views=views,
        rows=rows,
        row_px=ROW_HEIGHT_PX,
        cols=GRID_COLS,
        surface_px=SURFACE_WIDTH_PX,
        fold_px=FOLD_ROWS * ROW_HEIGHT_PX,
        css_variables=geometry.css_variables(),
    )
