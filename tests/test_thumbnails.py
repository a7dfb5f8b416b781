"""Pictures fetched by the engine: only from public addresses (by default), only http(s),
only images, capped in bytes, pixels and time, a bounded number at once, downscaled and
embedded as data: URIs; everything refused leaves the drawn placeholder, and pages still
load nothing."""

from __future__ import annotations

import base64
import io
import ipaddress
import re

import pytest
from PIL import Image

from serp_core.render import render_page
from serp_core.schema import Block, ContentType, ImageItem, Layout, NewsItem, Visual
from serp_core.search.thumbnails import MAX_SIDE, ThumbnailError, Thumbnails, is_public
from tests.fake_search import FakeSearch
from tests.search_support import loopback_pictures
from tests.test_render import Page


@pytest.fixture
def fake():
    with FakeSearch(slow_s=1.5) as server:
        yield server


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.9", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("224.0.0.1", False), ("240.0.0.1", False), ("::1", False), ("fe80::1", False),
    ("fc00::1", False), ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False),
    ("93.184.215.14", True), ("8.8.8.8", True), ("2606:4700:4700::1111", True),
])
def test_only_public_addresses_are_fetched_from_by_default(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_a_private_address_is_refused_before_any_connection(fake):
    pictures = Thumbnails(timeout=1.0)  # the default policy
    port = fake.base_url.rsplit(":", 1)[1]
    for url in (f"{fake.base_url}/img/photo.jpg", f"http://localhost:{port}/img/photo.jpg",
                "http://169.254.169.254/latest/meta-data/x.jpg", "http://10.1.2.3/x.jpg",
                "http://[::1]/x.jpg"):
        with pytest.raises(ThumbnailError, match="refused"):
            pictures.fetch(url)
    assert fake.requests("/img/") == []  # nothing reached the server


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x.jpg",
                                 "data:image/png;base64,AAAA", "javascript:alert(1)", "//x/y"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(ThumbnailError):
        loopback_pictures().fetch(url)


def test_a_picture_is_downscaled_into_a_jpeg_data_uri(fake):
    uri, size = loopback_pictures().fetch(f"{fake.base_url}/img/photo.jpg")
    assert size == (640, 400)
    assert uri.startswith("data:image/jpeg;base64,")
    img = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert img.format == "JPEG" and max(img.size) == MAX_SIDE and img.size == (320, 200)
    uri, size = loopback_pictures().fetch(f"{fake.base_url}/img/wide.png")  # with alpha
    assert size == (600, 200) and uri.startswith("data:image/jpeg;base64,")


@pytest.mark.parametrize("path, why", [
    ("/img/huge.jpg", "50,000,000 bytes, over 3,000,000"),
    ("/img/big.png", "10000x5000 pixels, over 40,000,000"),
    ("/img/bomb.png", "too many pixels to decode"),
    ("/img/page.html", "not an image type: text/html"),
    ("/img/missing.jpg", "HTTP 404"),
    ("/img/to-private.jpg", "refused: 10.1.2.3 resolves to a non-public address"),
])
def test_unsafe_or_unusable_pictures_are_refused(fake, path, why):
    with pytest.raises(ThumbnailError, match=re.escape(why)):
        loopback_pictures().fetch(fake.base_url + path)


def test_the_size_cap_holds_without_a_content_length(fake):
    with pytest.raises(ThumbnailError, match="over 1,000 bytes"):
        loopback_pictures(max_bytes=1000).fetch(f"{fake.base_url}/img/stream.jpg")
    uri, _ = loopback_pictures().fetch(f"{fake.base_url}/img/stream.jpg")
    assert uri.startswith("data:image/jpeg;base64,")


def test_a_slow_picture_is_given_up(fake):
    with pytest.raises(ThumbnailError):
        loopback_pictures(timeout=0.3).fetch(f"{fake.base_url}/img/slow.jpg")


def test_embedding_is_parallel_but_bounded_and_failures_keep_the_placeholder(fake):
    fake.picture_delay_s = 0.15
    items = [ImageItem(id=f"i{n}", title=f"picture {n}", visual=Visual(aspect=1.0),
                       image_url=f"{fake.base_url}/img/photo.jpg") for n in range(10)]
    items.append(ImageItem(id="bad", title="a page", image_url=f"{fake.base_url}/img/page.html"))
    items.append(ImageItem(id="none", title="no picture"))
    assert loopback_pictures(workers=3).embed(items) == 10
    assert 1 < fake.max_in_flight <= 3
    assert all(i.thumbnail for i in items[:10])
    assert all(i.visual.aspect == pytest.approx(1.6) for i in items[:10])
    assert items[10].thumbnail == "" and items[11].thumbnail == ""


def test_pages_embed_the_pictures_and_still_load_nothing(fake):
    good = ImageItem(id="good", title="Rain over Reykjavik", via="SearXNG",
                     image_url=f"{fake.base_url}/img/photo.jpg")
    refused = ImageItem(id="refused", title="From a private address", via="SearXNG",
                        image_url="http://10.1.2.3/x.jpg")
    story = NewsItem(id="n1", title="Warning for Reykjavik", via="SearXNG", visual=Visual(),
                     image_url=f"{fake.base_url}/img/photo.jpg")
    loopback_pictures().embed([good, refused, story])
    layout = Layout(blocks=[
        Block(type=ContentType.images, col=0, row=0, width=8, height=3,
              item_ids=["good", "refused"]),
        Block(type=ContentType.news, col=0, row=3, width=8, height=3, item_ids=["n1"])])
    html = render_page("reykjavik", layout, {i.id: i for i in (good, refused, story)})
    srcs = [a["src"] for tag, a in Page(html).tags if tag == "img"]
    assert srcs[0] == good.thumbnail and srcs[2] == story.thumbnail
    assert srcs[1].startswith("data:image/svg+xml;base64,")  # the drawn placeholder
    assert all(s.startswith("data:") for s in srcs)
    assert "http://10.1.2.3" not in html and fake.base_url not in html
    assert "img-src data:" in html and "default-src 'none'" in html
    assert html.count(">via SearXNG</span>") == 2  # one label per block


def test_only_the_engines_own_embeddings_reach_a_page():
    for bad in ("https://tracker.example/pixel.gif", "data:image/svg+xml;base64,PHN2Zz4=",
                'data:image/jpeg;base64,AAAA" onerror="alert(1)', "javascript:alert(1)"):
        assert ImageItem(id="x", title="x", thumbnail=bad).thumbnail == ""
    assert ImageItem(id="x", title="x", thumbnail="data:image/jpeg;base64,AAAA").thumbnail
