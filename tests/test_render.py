"""The renderer: placement, per-type content, UX knobs, safety, the local map."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from serp_core.render import (
    places_map_svg,
    project_pins,
    render_page,
    safe_url,
    thumbnail_data_uri,
    thumbnail_svg,
)
from serp_core.render.html import ENV, display_url, nice_date, paragraphs, price
from serp_core.render.svg import MOTIFS, glyph
from serp_core.schema import (
    UX,
    Block,
    ChatAnswerItem,
    ContentType,
    ImageItem,
    KnowledgePanelItem,
    Layout,
    NewsItem,
    PlaceItem,
    ProductItem,
    VideoItem,
    Visual,
    WebItem,
)

T = ContentType
XSS = "<script>alert(1)</script>"


def sample_items() -> dict:
    """A small corpus with a few items of every type (also used for the sample page)."""
    items = [
        ChatAnswerItem(
            id="a1",
            title="Visiting Lisbon in spring",
            text=(
                "Spring (March to May) is one of the best times to visit Lisbon: mild days "
                "around 20 °C, fewer crowds than summer and long evenings for the miradouros [1]."
                "\n\nTop picks:\n- Ride tram 28 through Alfama early in the morning [2]\n"
                "- Day-trip to Sintra's palaces\n- Sunset at Miradouro da Senhora do Monte"
            ),
            citations=["w1", "w2"],
        ),
        WebItem(
            id="w1",
            title="Lisbon travel guide: the best things to do in 2024",
            url="https://www.visitlisboa.com/en/guides/things-to-do",
            site="Visit Lisboa",
            snippet="From the hilltop castle to riverside Belém, our local editors pick the "
            "sights, restaurants and viewpoints worth your time, with maps and tram tips.",
        ),
        WebItem(
            id="w2",
            title="Tram 28 Lisbon: route, tickets and how to avoid the queues",
            url="https://www.timeout.com/lisbon/things-to-do/tram-28",
            site="Time Out",
            snippet="The yellow tram rattles through Graça, Alfama and Baixa. Board at "
            "Martim Moniz before 9am to get a seat.",
        ),
        WebItem(
            id="w3",
            title="Sintra day trip from Lisbon – complete guide",
            url="https://www.lonelyplanet.com/portugal/sintra",
            site="Lonely Planet",
            snippet="Trains leave Rossio every 20 minutes; the ride takes 40 minutes.",
        ),
        ImageItem(
            id="i1",
            title="Alfama rooftops",
            site="unsplash.com",
            visual=Visual(motif="city", hue=20, aspect=1.5),
        ),
        ImageItem(
            id="i2",
            title="Belém Tower",
            site="wikimedia.org",
            visual=Visual(motif="museum", hue=200, aspect=0.8),
        ),
        ImageItem(
            id="i3",
            title="Cascais beach",
            site="flickr.com",
            visual=Visual(motif="beach", hue=190, aspect=1.8),
        ),
        ImageItem(
            id="i4",
            title="Sintra hills",
            site="pexels.com",
            visual=Visual(motif="forest", hue=120, aspect=1.2),
        ),
        ImageItem(
            id="i5",
            title="Pastéis de nata",
            site="pexels.com",
            visual=Visual(motif="food", hue=35, aspect=1.0),
        ),
        VideoItem(
            id="v1",
            title="Lisbon in 4K – a walking tour of Alfama",
            channel="Wanderlust",
            duration="14:05",
            views=1_250_000,
            url="https://www.youtube.com/watch?v=abc",
            visual=Visual(motif="city", hue=30),
        ),
        VideoItem(
            id="v2",
            title="10 things to know before visiting Lisbon",
            channel="Travel Tips",
            duration="9:41",
            views=483_000,
            visual=Visual(motif="mountain", hue=260),
        ),
        VideoItem(
            id="v3",
            title="Street food tour: Time Out Market",
            channel="Food Ranger",
            duration="21:17",
            views=2_900,
            visual=Visual(motif="food", hue=10),
        ),
        NewsItem(
            id="n1",
            title="Lisbon expands tram network ahead of summer season",
            source="Reuters",
            date="2024-03-04",
            snippet="The city will add two new lines and more night services.",
            visual=Visual(motif="city", hue=50, aspect=1.0),
        ),
        NewsItem(
            id="n2",
            title="Portugal tourism hits record first quarter",
            source="The Guardian",
            date="2024-04-12",
            snippet="Visitor numbers rose 11% year on year.",
        ),
        NewsItem(
            id="n3",
            title="New tourist tax takes effect in Lisbon",
            source="Público",
            date="2024-01-15",
            snippet="The nightly fee doubles to €4 per guest.",
            visual=Visual(motif="generic", hue=300, aspect=1.0),
        ),
        KnowledgePanelItem(
            id="k1",
            title="Lisbon",
            subtitle="Capital of Portugal",
            url="https://en.wikipedia.org/wiki/Lisbon",
            description="Lisbon is Portugal's hilly, coastal capital city, known for its pastel "
            "buildings, São Jorge Castle and the yellow trams of the historic centre.",
            facts={
                "Population": "545,000 (2021)",
                "Area": "100 km²",
                "Mayor": "Carlos Moedas",
                "Founded": "c. 1200 BC",
            },
            visual=Visual(motif="city", hue=15, aspect=2.0),
        ),
        PlaceItem(
            id="p1",
            title="Castelo de São Jorge",
            category="Castle",
            address="R. de Santa Cruz do Castelo",
            rating=4.5,
            reviews=84_210,
            lat=38.7139,
            lon=-9.1335,
        ),
        PlaceItem(
            id="p2",
            title="Torre de Belém",
            category="Monument",
            address="Av. Brasília, Belém",
            rating=4.6,
            reviews=120_433,
            lat=38.6916,
            lon=-9.2160,
        ),
        PlaceItem(
            id="p3",
            title="Time Out Market",
            category="Food hall",
            address="Av. 24 de Julho 49",
            rating=4.4,
            reviews=61_902,
            lat=38.7069,
            lon=-9.1458,
        ),
        PlaceItem(
            id="p4",
            title="LX Factory",
            category="Arts centre",
            address="R. Rodrigues de Faria 103",
            rating=4.5,
            reviews=40_011,
            lat=38.7033,
            lon=-9.1784,
        ),
        ProductItem(
            id="r1",
            title="Lonely Planet Lisbon (City Guide)",
            merchant="Amazon",
            price=17.99,
            rating=4.7,
            reviews=1_204,
            visual=Visual(motif="book", hue=210, aspect=1.0),
        ),
        ProductItem(
            id="r2",
            title="Osprey Daylite Travel Backpack 24L",
            merchant="REI",
            price=65.0,
            rating=4.8,
            reviews=3_118,
            visual=Visual(motif="generic", hue=140, aspect=1.0),
        ),
        ProductItem(
            id="r3",
            title="Comfortable Walking Shoes for Cobblestones",
            merchant="Zalando",
            price=89.95,
            currency="EUR",
            rating=4.2,
            reviews=512,
            visual=Visual(motif="shoe", hue=0, aspect=1.0),
        ),
        ProductItem(
            id="r4",
            title="Compact Travel Camera 20MP",
            merchant="Best Buy",
            price=349.0,
            rating=3.9,
            reviews=87,
            visual=Visual(motif="camera", hue=230, aspect=1.0),
        ),
    ]
    return {it.id: it for it in items}


def ids_of(items: dict, type_: ContentType) -> list[str]:
    return [k for k, v in items.items() if v.type == type_]


def sample_layout(items: dict) -> Layout:
    """Every type once: a main column and a right rail."""

    def b(type_, col, row, w, h, **ux):
        return Block(
            type=type_,
            col=col,
            row=row,
            width=w,
            height=h,
            ux=UX(**ux),
            item_ids=ids_of(items, type_),
        )

    return Layout(
        blocks=[
            b(T.chat_answer, 0, 0, 8, 3, max_items=1),
            b(T.web, 0, 3, 8, 4, truncate_text=True),
            b(T.images, 0, 7, 8, 3, orientation="horizontal", media_size="large", max_items=5),
            b(T.videos, 0, 10, 8, 3, orientation="horizontal", truncate_text=True),
            b(T.news, 0, 13, 8, 4, max_items=3, media_size="small", truncate_text=True),
            b(T.knowledge_panel, 8, 0, 4, 6, title_font="large", max_items=1),
            b(T.places, 8, 6, 4, 6, max_items=4, truncate_text=True),
            b(T.products, 8, 12, 4, 5, max_items=3, media_size="small", truncate_text=True),
        ]
    )


class Page(HTMLParser):
    """Collects blocks (by data-type), items (by data-item-id) and every tag seen."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.blocks: list[dict] = []
        self.block_items: dict[int, list[str]] = {}
        self._stack: list[int] = []  # index of the enclosing block per open <section>
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "section" and "data-type" in a:
            self.blocks.append(a)
            self.block_items[len(self.blocks) - 1] = []
            self._stack.append(len(self.blocks) - 1)
        elif tag == "section":
            self._stack.append(-1)
        if "data-item-id" in a and self._stack:
            self.block_items[self._stack[-1]].append(a["data-item-id"])

    def handle_endtag(self, tag):
        if tag == "section" and self._stack:
            self._stack.pop()

    def items_of(self, type_: ContentType) -> list[str]:
        idx = next(i for i, b in enumerate(self.blocks) if b["data-type"] == type_.value)
        return self.block_items[idx]


@pytest.fixture
def items():
    return sample_items()


def test_every_type_renders_its_items(items):
    layout = sample_layout(items)
    page = Page(render_page("lisbon", layout, items))
    assert [b["data-type"] for b in page.blocks] == [blk.type.value for blk in layout.blocks]
    for blk in layout.blocks:
        expected = [i for i in blk.item_ids if i in items][: blk.ux.max_items]
        assert page.items_of(blk.type) == expected, blk.type


def test_item_text_appears(items):
    html = render_page("lisbon", sample_layout(items), items)
    for needle in (
        "Spring (March to May)",  # answer
        "visitlisboa.com › en › guides",  # web breadcrumb
        "Belém Tower",  # image alt
        "14:05",  # video duration
        "1.2M views",
        "Mar 4, 2024",  # news date
        "Carlos Moedas",  # kp fact
        "Av. 24 de Julho 49",  # place address
        "$17.99",  # product price
        "84,210",  # review count
    ):
        assert needle in html, needle
    assert html.count('class="cite"') == 2
    assert '<sup class="ref">1</sup>' in html


def test_positions_match_blocks(items):
    layout = sample_layout(items)
    html = render_page("lisbon", layout, items)
    page = Page(html)
    for blk, attrs in zip(layout.blocks, page.blocks, strict=True):
        assert attrs["data-col"] == str(blk.col)
        assert attrs["data-row"] == str(blk.row)
        assert attrs["data-width"] == str(blk.width)
        assert attrs["data-height"] == str(blk.height)
        style = attrs["style"]
        assert f"grid-column: {blk.col + 1} / span {blk.width}" in style
        assert f"grid-row: {blk.row + 1} / span {blk.height}" in style
    assert "repeat(12, 1fr)" in html
    assert "90px" in html
    assert "top: 720px" in html  # the fold


def test_annotate_labels_blocks(items):
    layout = sample_layout(items)
    plain = render_page("q", layout, items)
    annotated = render_page("q", layout, items, annotate=True)
    assert 'class="anno"' not in plain
    assert annotated.count('class="anno"') == len(layout.blocks)
    assert "web · 0,3 · 8×4" in annotated


def test_max_items_truncates_and_missing_ids_are_skipped(items):
    block = Block(
        type=T.web,
        col=0,
        row=0,
        width=8,
        height=4,
        ux=UX(max_items=2),
        item_ids=["nope", "w3", "i1", "w1", "w2"],
    )
    page = Page(render_page("q", Layout(blocks=[block]), items))
    # unknown id and an item of another type are skipped; then max_items applies
    assert page.items_of(T.web) == ["w3", "w1"]


def test_empty_block_still_renders(items):
    block = Block(type=T.videos, col=0, row=0, width=6, height=2, item_ids=["missing"])
    html = render_page("q", Layout(blocks=[block]), items)
    assert 'data-type="videos"' in html
    assert "No videos results" in html


@pytest.mark.parametrize(
    "ux, css",
    [
        (UX(orientation="horizontal"), "o-horizontal"),
        (UX(orientation="vertical"), "o-vertical"),
        (UX(title_font="large"), "tf-large"),
        (UX(body_font="small"), "bf-small"),
        (UX(media_size="large"), "ms-large"),
        (UX(truncate_text=True), "clamp"),
    ],
)
def test_ux_becomes_classes(items, ux, css):
    block = Block(
        type=T.images, col=0, row=0, width=8, height=3, ux=ux, item_ids=ids_of(items, T.images)
    )
    page = Page(render_page("q", Layout(blocks=[block]), items))
    assert css in page.blocks[0]["class"].split()


def test_ux_classes_are_styled():
    text = (Path(ENV.loader.searchpath[0]) / "page.css").read_text(encoding="utf-8")
    for rule in (
        ".tf-large",
        ".bf-small",
        ".ms-large",
        "-webkit-line-clamp",
        ".o-horizontal .items",
    ):
        assert rule in text


# --- safety ---------------------------------------------------------------------------
def _evil_items() -> dict:
    return {
        "w": WebItem(id="w", title=XSS, url="javascript:alert(1)", site=XSS, snippet=XSS),
        "k": KnowledgePanelItem(
            id="k",
            title="K",
            description=XSS,
            facts={XSS: XSS},
            url="data:text/html,<script>x</script>",
        ),
        "a": ChatAnswerItem(id="a", title=XSS, text=f"hi {XSS}\n\n- {XSS}", citations=["w"]),
        "n": NewsItem(id="n", title=XSS, source=XSS, date=XSS, url=" JaVaScRiPt:alert(1)"),
        "v": VideoItem(
            id="v", title=XSS, channel=XSS, duration=XSS, url='https://ok.example/v"onmouseover="x'
        ),
        "p": PlaceItem(id="p", title=XSS, category=XSS, address=XSS, url="java\tscript:alert(1)"),
        "r": ProductItem(id="r", title=XSS, merchant=XSS, currency="<b>", url="//evil.example/x"),
        "i": ImageItem(id="i", title=XSS, site=XSS, url="https://img.example/a.png"),
    }


def _evil_layout(items) -> Layout:
    types = {it.type for it in items.values()}
    return Layout(
        blocks=[
            Block(type=t, col=0, row=3 * n, width=8, height=3, item_ids=list(items))
            for n, t in enumerate(sorted(types))
        ]
    )


def test_script_is_inert_everywhere():
    items = _evil_items()
    html = render_page(XSS, _evil_layout(items), items, title=XSS)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = Page(html)
    assert not any(tag == "script" for tag, _ in page.tags)
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)


def test_only_http_links_survive():
    items = _evil_items()
    page = Page(render_page("q", _evil_layout(items), items))
    hrefs = [a["href"] for tag, a in page.tags if tag == "a" and "href" in a]
    assert hrefs
    for href in hrefs:
        assert href == "#" or re.match(r"^https?://", href), href
    assert "https://img.example/a.png" in hrefs


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
        ("javascript:alert(1)", "#"),
        ("data:text/html;base64,xx", "#"),
        ("java\nscript:alert(1)", "#"),
        ("//evil.example", "#"),
        ("", "#"),
        ("https://exa mple.com", "#"),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_no_network_references(items):
    html = render_page("lisbon", sample_layout(items), items)
    lowered = html.lower()
    assert 'src="http' not in lowered
    assert "url(http" not in lowered
    assert "@import" not in lowered
    assert "<link" not in lowered
    assert "default-src 'none'" in html
    page = Page(html)
    for tag, attrs in page.tags:
        if tag == "img":
            assert attrs["src"].startswith("data:image/svg+xml;base64,")
        for name, value in attrs.items():
            if name != "href" and value and re.search(r"https?://", value):
                # only the SVG namespace may appear outside <a href>
                assert name == "xmlns", (tag, name, value)


def test_templates_are_autoescaped():
    assert ENV.autoescape("blocks/web.html.j2") is True
    assert ENV.autoescape("page.html.j2") is True
    assert ENV.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


# --- formatting helpers ---------------------------------------------------------------
def test_formatting_helpers():
    assert price(1299, "USD") == "$1,299.00"
    assert price(89.95, "EUR") == "€89.95"
    assert price(12000, "JPY") == "¥12,000"
    assert price(5, "XYZ") == "5.00 XYZ"
    assert nice_date("2024-03-04") == "Mar 4, 2024"
    assert nice_date("yesterday") == "yesterday"
    assert display_url("https://www.example.com/a/b/c", "Ex") == "example.com › a › b"
    paras = paragraphs("One [1].\n\n- a\n- b [2]")
    assert paras[0]["kind"] == "p" and {"text": "", "ref": 1} in paras[0]["parts"]
    assert paras[1]["kind"] == "ul" and len(paras[1]["lines"]) == 2


# --- svg ------------------------------------------------------------------------------
def test_thumbnails_are_deterministic_and_local():
    v = Visual(motif="mountain", hue=120, aspect=1.5)
    assert thumbnail_svg(v) == thumbnail_svg(v)
    assert thumbnail_data_uri(v).startswith("data:image/svg+xml;base64,")
    assert thumbnail_svg(v) != thumbnail_svg(Visual(motif="beach", hue=120, aspect=1.5))
    assert 'viewBox="0 0 180 120"' in thumbnail_svg(v)
    assert "<path" in thumbnail_svg(v, play=True).split("</g>")[-1]  # the play triangle
    assert glyph("no-such-motif") == glyph("generic")
    for motif in MOTIFS:
        svg = thumbnail_svg(Visual(motif=motif))
        assert "{" not in svg and "http" not in svg.replace(
            'xmlns="http://www.w3.org/2000/svg"', ""
        )


def test_pins_follow_lat_lon():
    # north-east, south-west, centre
    coords = [(38.72, -9.10), (38.68, -9.20), (38.70, -9.15)]
    (x_ne, y_ne), (x_sw, y_sw), (x_c, y_c) = project_pins(coords, 400, 200)
    assert x_ne > x_c > x_sw  # further east -> further right
    assert y_ne < y_c < y_sw  # further north -> higher up
    for x, y in [(x_ne, y_ne), (x_sw, y_sw), (x_c, y_c)]:
        assert 0 <= x <= 400 and 0 <= y <= 200
    # uniform scale: equal distances east and north (corrected for latitude) look equal
    south, north, west, east = project_pins([(-1, 0), (1, 0), (0, -1), (0, 1)], 400, 400)
    assert abs((east[0] - west[0]) - (south[1] - north[1])) < 1e-6
    assert (
        project_pins([(1, 1), (1, 1)], 100, 100)[0] == project_pins([(1, 1), (1, 1)], 100, 100)[1]
    )


def test_map_in_page_has_pins_in_place_order(items):
    places = [items[k] for k in ("p1", "p2", "p3")]
    svg = str(places_map_svg(places, 380, 180))
    assert svg == str(places_map_svg(places, 380, 180))
    pins = [
        (int(n), float(x), float(y))
        for n, x, y in re.findall(r'data-pin="(\d+)" data-x="([\d.]+)" data-y="([\d.]+)"', svg)
    ]
    assert [p[0] for p in pins] == [1, 2, 3]
    by = {n: (x, y) for n, x, y in pins}
    # p2 (Belém) is west of p1 (castle) and p3; p1 is the northernmost
    assert by[2][0] < by[3][0] < by[1][0]
    assert by[1][1] < by[3][1] < by[2][1]
    block = Block(
        type=T.places,
        col=8,
        row=0,
        width=4,
        height=6,
        ux=UX(max_items=2),
        item_ids=["p1", "p2", "p3"],
    )
    html = render_page("q", Layout(blocks=[block]), items)
    assert html.count('class="pin"') == 2
    assert html.count('class="pin-n"') == 2


def test_citations_resolve_and_keep_their_numbers(items):
    answer = ChatAnswerItem(id="a", title="", text="x [1] y [3]", citations=["w1", "ghost", "w3"])
    pool = {**items, "a": answer}
    block = Block(type=T.chat_answer, col=0, row=0, width=8, height=3, item_ids=["a"])
    html = render_page("q", Layout(blocks=[block]), pool)
    chips = re.findall(r'data-cite-id="([^"]+)"><span class="n">(\d+)</span>', html)
    assert chips == [("w1", "1"), ("w3", "3")]  # the unknown id is dropped, numbers kept
    assert 'href="https://www.lonelyplanet.com/portugal/sintra"' in html


def test_sparse_items_render_without_empty_chrome():
    bare = {
        "w": WebItem(id="w", title="no url"),
        "n": NewsItem(id="n", title="no source"),
        "p": PlaceItem(id="p", title="null island"),
        "r": ProductItem(id="r", title="thing", price=5, currency="sek"),
    }
    blocks = [
        Block(type=it.type, col=0, row=2 * n, width=6, height=2, item_ids=[k])
        for n, (k, it) in enumerate(bare.items())
    ]
    html = render_page("q", Layout(blocks=blocks), bare)
    assert 'class="url"' not in html and 'class="src"' not in html
    assert "5.00 SEK" in html
    assert html.count('class="pin"') == 1
