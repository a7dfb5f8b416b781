"""Screenshots of rendered pages, cached on disk by the page's content.

A candidate is drawn as its user sees it: `page_html` renders it without the run's title
(the title carries the score, which must not reach a judge), headless Chromium draws it
(render.browser: one warm browser per process), and the PNG is kept in a folder beside the
run store, named by a hash of the HTML and the viewport. The same page is never drawn twice:
a re-score, the app's candidate table and the run export all find it there.

    shots = Screenshots.beside(store.path)           # <data dir>/screenshots
    png = shots.first_screen(page_html(query, layout, items))   # 1280x720 PNG bytes
    png = shots.full_page(page_html(query, layout, items))      # 1280 wide, as tall as the page
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import platformdirs

from ..schema import FOLD_ROWS, ROW_HEIGHT_PX, SURFACE_WIDTH_PX, Item, Layout
from .browser import Browser, shared_browser
from .html import render_page

FIRST_SCREEN = (SURFACE_WIDTH_PX, FOLD_ROWS * ROW_HEIGHT_PX)  # the paper's 1280x720 surface
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEEP_BYTES = 512 * 2**20  # the cache is pruned to this size, oldest-used first
PRUNE_EVERY = 200  # screenshots written between two prunings

Kind = Literal["first", "full"]


def page_html(query: str, layout: Layout, items: Mapping[str, Item], *,
              marks: bool = False) -> str:
    """A page as its user sees it (no run title, no score); with `marks`, each block outlined
    and labelled with its number in reading order and its type (set-of-mark prompting)."""
    return render_page(query, layout, items, marks=marks)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's header; ValueError if it is not a PNG."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class Screenshots:
    """A folder of PNGs named by content, filled by a browser on a miss."""

    def __init__(self, directory: Path, browser: Browser | None = None) -> None:
        self.directory = Path(directory)
        self._browser = browser
        self.drawn = 0  # screenshots this object had the browser take (misses)
        self._lock = threading.Lock()
        self._written = 0

    @classmethod
    def beside(cls, store_path: Path) -> Screenshots:
        """The cache beside a run store: `<its folder>/screenshots`."""
        return cls(Path(store_path).parent / "screenshots")

    @classmethod
    def default(cls) -> Screenshots:
        """Where screenshots go when no store is at hand (the user's cache folder)."""
        return cls(Path(platformdirs.user_cache_dir("genserp")) / "screenshots")

    @property
    def browser(self) -> Browser:
        return self._browser or shared_browser()

    def first_screen(self, html: str) -> bytes:
        """The first 1280x720 pixels of the page. BrowserUnavailable, ScreenshotError."""
        return self._shot(html, "first")

    def full_page(self, html: str) -> bytes:
        """The whole page, 1280 px wide."""
        return self._shot(html, "full")

    def path_for(self, html: str, kind: Kind) -> Path:
        width, height = FIRST_SCREEN
        key = hashlib.sha256(f"{kind}|{width}x{height}|{html}".encode()).hexdigest()[:32]
        return self.directory / f"{key}-{kind}.png"

    def _shot(self, html: str, kind: Kind) -> bytes:
        path = self.path_for(html, kind)
        try:
            data = path.read_bytes()
            if data[:8] == PNG_SIGNATURE:
                os.utime(path)  # recently used: kept longest when pruning
                return data
        except OSError:
            pass
        width, height = FIRST_SCREEN
        data = self.browser.html_png(html, width=width, height=height,
                                     full_page=kind == "full")
        with self._lock:
            self.drawn += 1
            self._written += 1
            prune = self._written % PRUNE_EVERY == 0
        self._write(path, data)
        if prune:
            self.prune()
        return data

    def _write(self, path: Path, data: bytes) -> None:
        """Atomically (a reader never sees half a PNG); a cache that cannot be written only
        costs the next shot."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.directory, suffix=".tmp",
                                             delete=False) as f:
                f.write(data)
            os.replace(f.name, path)
        except OSError:
            pass

    def prune(self, keep_bytes: int = KEEP_BYTES) -> int:
        """Delete the least recently used PNGs beyond `keep_bytes`; returns how many."""
        try:
            files = sorted(((p.stat().st_mtime, p.stat().st_size, p)
                            for p in self.directory.glob("*.png")), reverse=True)
        except OSError:
            return 0
        total, removed = 0, 0
        for _, size, path in files:
            total += size
            if total > keep_bytes:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed
