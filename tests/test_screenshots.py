"""Screenshots with a real headless Chromium through Playwright: one warm browser, PNGs of the
expected size, cached by content, text in every script drawn as glyphs (not boxes)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading

import pytest
from PIL import Image, ImageChops

from serp_core.baseline import baseline_run
from serp_core.render.browser import Browser, BrowserUnavailable
from serp_core.render.screenshot import Screenshots, page_html, png_size

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


def glyph(browser: Browser, text: str) -> Image.Image:
    """`text` drawn large on white, as a page's text is (the page's own font stack)."""
    html = ('<!doctype html><html lang="en"><body style="margin:0;background:#fff">'
            '<p style="margin:8px;font:96px -apple-system, \'Segoe UI\', Roboto, Arial, '
            f'sans-serif;color:#000">{text}</p></body></html>')
    return Image.open(io.BytesIO(browser.html_png(html, width=420, height=140))).convert("RGB")


def differs(a: Image.Image, b: Image.Image) -> bool:
    return ImageChops.difference(a, b).getbbox() is not None


def inked(im: Image.Image) -> bool:
    return ImageChops.difference(im, Image.new("RGB", im.size, "white")).getbbox() is not None


def test_one_warm_browser_draws_pages_from_many_threads(browser, corpus):
    run = baseline_run("weekend in lisbon", corpus)
    c = run.candidates[0]
    pages = [page_html(f"{run.query} {n}", c.layout, run.items) for n in range(6)]
    found: dict[int, bytes] = {}

    def shoot(n: int) -> None:
        found[n] = browser.html_png(pages[n])

    threads = [threading.Thread(target=shoot, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(found) == list(range(6))
    assert {png_size(png) for png in found.values()} == {(1280, 720)}
    assert len(set(found.values())) == 6  # each its own page (the query differs)
    full = browser.html_png(pages[0], full_page=True)
    width, height = png_size(full)
    assert width == 1280 and height > 720  # the whole page, as long as it runs
    assert browser.launches == 1  # warm: started once for all of them


def test_a_page_is_drawn_with_its_scripts_off(browser):
    html = ("<!doctype html><body style='background:#fff'><p>quiet</p>"
            "<script>document.body.style.background = 'rgb(255, 0, 0)'</script></body>")
    im = Image.open(io.BytesIO(browser.html_png(html, width=200, height=100))).convert("RGB")
    assert im.getpixel((150, 80)) == (255, 255, 255)


def test_the_cache_draws_a_page_once(tmp_path, corpus):
    run = baseline_run("best running shoes", corpus)
    html = page_html(run.query, run.candidates[0].layout, run.items)
    shots = Screenshots(tmp_path / "shots")
    first = shots.first_screen(html)
    assert shots.first_screen(html) == first and shots.drawn == 1
    assert Screenshots(tmp_path / "shots").first_screen(html) == first  # from disk
    assert png_size(shots.full_page(html))[1] > 720 and shots.drawn == 2
    marked = shots.first_screen(page_html(run.query, run.candidates[0].layout, run.items,
                                          marks=True))
    assert marked != first and shots.drawn == 3  # another page, another file
    assert sorted(p.name.rsplit("-", 1)[1] for p in (tmp_path / "shots").iterdir()) == \
        ["first.png", "first.png", "full.png"]


def test_the_cache_keeps_the_most_recently_used(tmp_path):
    shots = Screenshots(tmp_path)
    for n in range(5):
        path = tmp_path / f"{n}-first.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(1000))
        os.utime(path, (1000 + n, 1000 + n))
    assert shots.prune(keep_bytes=2500) == 3
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["3-first.png", "4-first.png"]


def test_no_browser_is_one_clear_line_and_not_retried_at_once(tmp_path):
    b = Browser(executable=str(tmp_path / "no-such-chrome"))
    with pytest.raises(BrowserUnavailable) as first:
        b.html_png("<p>x</p>")
    message = str(first.value)
    assert "\n" not in message and "install Chromium" in message
    with pytest.raises(BrowserUnavailable, match="install Chromium"):
        b.html_png("<p>x</p>")
    assert b.launches == 0
    b.close()


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="no fontconfig on this system")
@pytest.mark.parametrize("lang", ["ja", "zh", "ko", "ar"])
def test_fontconfig_finds_a_font_for_each_script(lang):
    found = subprocess.run(["fc-list", f":lang={lang}", "family"], capture_output=True,
                           text=True, check=True).stdout
    assert found.strip(), f"no font for :lang={lang} (scripts/setup.sh installs Noto fonts)"


@pytest.mark.parametrize("one, other", [("東", "京"), ("旅", "行"), ("م", "ع"), ("한", "국")])
def test_text_in_every_script_is_drawn_as_glyphs_not_boxes(browser, one, other):
    """Two different characters drawn as missing-glyph boxes look the same; drawn from a
    font that has them, they differ. Two unassigned code points are the control."""
    box_a, box_b = glyph(browser, "\u0378"), glyph(browser, "\u0379")  # unassigned: boxes
    assert not differs(box_a, box_b)
    a, b = glyph(browser, one), glyph(browser, other)
    assert inked(a) and inked(b) and differs(a, b)
    assert differs(a, box_a) and differs(b, box_a)


def test_emoji_are_drawn_in_colour(browser):
    im = glyph(browser, "🍕")
    colours = im.getcolors(maxcolors=420 * 140) or []
    assert any(max(rgb) - min(rgb) > 80 for _, rgb in colours)  # not a grey box


def test_a_japanese_query_shows_as_text_on_its_page(tmp_path, corpus):
    """The query in the page's search box, against the same page with the characters
    swapped: boxes would draw both alike."""
    shots = Screenshots(tmp_path)
    run = baseline_run("東京 旅行", corpus)
    layout = run.candidates[0].layout
    a = Image.open(io.BytesIO(shots.first_screen(page_html("東京 旅行", layout, run.items))))
    b = Image.open(io.BytesIO(shots.first_screen(page_html("京東 旅行", layout, run.items))))
    box = (200, 15, 420, 55)  # the search box's text
    assert differs(a.convert("RGB").crop(box), b.convert("RGB").crop(box))
