"""One warm headless Chromium per process, driven through Playwright from one thread.

Playwright's sync API is bound to the thread that started it, while pages are screenshotted
from many (beam candidates score in threads, Streamlit reruns in its own): so one daemon
thread owns Playwright and the browser, and everyone else hands it jobs through a queue. The
browser starts on the first job (about 2 s) and is reused after that (0.1-0.3 s a shot); a
browser that crashed is started again on the next job.

Which Chromium: `$GENSERP_BROWSER`, else a Chromium-family browser on the PATH (Debian's
`chromium`), else Playwright's own (`python -m playwright install chromium`).

    png = shared_browser().html_png(html, width=1280, height=720)   # the first screen
    png = shared_browser().html_png(html, full_page=True)           # the whole page
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import glob
import logging
import math
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Where Playwright keeps its own Chromium on a user's machine (`playwright install chromium`).
PLAYWRIGHT_CHROMIUM = "~/.cache/ms-playwright/chromium-*/chrome-linux*/chrome"
# --no-sandbox: Chromium refuses to run as root with its sandbox (containers, CI); the pages
# are our own and run no script. No background networking: nothing leaves the machine.
LAUNCH_ARGS = ("--no-sandbox", "--disable-background-networking", "--disable-gpu",
               "--hide-scrollbars")
STEP_TIMEOUT_MS = 20_000  # one page load or screenshot
JOB_TIMEOUT_S = 90.0  # a job, including a cold start of the browser
RETRY_AFTER_S = 60.0  # a browser that would not start is not tried again before this


class BrowserUnavailable(RuntimeError):
    """No browser could be started here (one line, with what to install)."""


class ScreenshotError(RuntimeError):
    """This one page could not be drawn (one line); the next may be."""


def find_browser() -> str | None:
    """A Chromium-family browser: $GENSERP_BROWSER, one on the PATH, or Playwright's own."""
    chosen = os.environ.get("GENSERP_BROWSER")
    if chosen:
        return chosen if shutil.which(chosen) or Path(chosen).is_file() else None
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    installed = sorted(glob.glob(os.path.expanduser(PLAYWRIGHT_CHROMIUM)))
    return installed[-1] if installed else None


class _Session:
    """What a job runs against, inside the browser thread: the browser and one reusable page
    per kind (script off for our pages, on for Plotly figures)."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self._pages: dict[bool, Any] = {}
        self._cdp: dict[bool, Any] = {}  # each page's DevTools session

    def page(self, *, script: bool, width: int, height: int) -> Any:
        page = self._pages.get(script)
        if page is None or page.is_closed():
            context = self.browser.new_context(
                viewport={"width": width, "height": height}, device_scale_factor=1,
                java_script_enabled=script, reduced_motion="reduce")
            page = self._pages[script] = context.new_page()
            page.set_default_timeout(STEP_TIMEOUT_MS)
            self._cdp[script] = context.new_cdp_session(page)
        elif page.viewport_size != {"width": width, "height": height}:
            page.set_viewport_size({"width": width, "height": height})
        return page

    def capture(self, *, script: bool, width: int, height: int, full_page: bool) -> bytes:
        """A PNG straight from Chromium's DevTools protocol with `optimizeForSpeed`: its fast
        PNG encoder takes half the time of Playwright's screenshot (150 against 340 ms here
        under load), for files about half again as large. The page is `page(script=...)`."""
        cdp = self._cdp[script]
        if full_page:
            size = cdp.send("Page.getLayoutMetrics")["cssContentSize"]
            height = max(height, math.ceil(size["height"]))
        reply = cdp.send("Page.captureScreenshot", {
            "format": "png", "optimizeForSpeed": True, "captureBeyondViewport": full_page,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        return base64.b64decode(reply["data"])

    def forget(self) -> None:
        """Drop the pages (after an error that may have left one half-loaded)."""
        for page in self._pages.values():
            with contextlib.suppress(Exception):  # already gone with a crashed browser
                page.context.close()
        self._pages.clear()
        self._cdp.clear()


class Browser:
    def __init__(self, executable: str | None = None) -> None:
        self.executable = executable  # None: find_browser(), then Playwright's own
        self.launches = 0  # how many times a browser was started (a warm one stays at 1)
        self._jobs: queue.Queue[tuple[Callable[[_Session], Any], Future] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._failed: tuple[float, str] | None = None  # (when, why) the last launch failed
        self._closed = False

    # --- what callers use ----------------------------------------------------------------
    def html_png(self, html: str, *, width: int = 1280, height: int = 720,
                 full_page: bool = False) -> bytes:
        """A self-contained page drawn with script off: its first `width`×`height` pixels,
        or the whole page at that width. BrowserUnavailable / ScreenshotError (one line)."""
        def shot(s: _Session) -> bytes:
            page = s.page(script=False, width=width, height=height)
            page.set_content(html, wait_until="load")
            return s.capture(script=False, width=width, height=height, full_page=full_page)
        return self.run(shot)

    def file_png(self, path: Path, *, width: int, height: int, ready: str = "") -> bytes:
        """A local HTML file with its scripts (a Plotly figure), once `ready` (a CSS selector)
        is on the page."""
        def shot(s: _Session) -> bytes:
            page = s.page(script=True, width=width, height=height)
            page.goto(path.resolve().as_uri(), wait_until="load")
            if ready:
                page.wait_for_selector(ready, state="attached")
            return page.screenshot(type="png", animations="disabled")
        return self.run(shot)

    def run(self, work: Callable[[_Session], T]) -> T:
        """Run `work` in the browser thread and return its result."""
        with self._lock:
            if self._closed:
                raise BrowserUnavailable("the browser has been shut down")
            if self._failed and time.monotonic() - self._failed[0] < RETRY_AFTER_S:
                raise BrowserUnavailable(self._failed[1])
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._serve, name="genserp-browser",
                                                daemon=True)
                self._thread.start()
        future: Future = Future()
        self._jobs.put((work, future))
        try:
            return future.result(timeout=JOB_TIMEOUT_S)
        except FutureTimeout:
            future.cancel()
            raise ScreenshotError(f"the browser did not answer within {JOB_TIMEOUT_S:g} s")\
                from None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None and thread.is_alive():
            self._jobs.put(None)
            thread.join(timeout=10)

    # --- the browser thread --------------------------------------------------------------
    def _serve(self) -> None:
        playwright = browser = session = None
        try:
            while (job := self._jobs.get()) is not None:
                work, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if browser is None or not browser.is_connected():
                        if playwright is None:
                            playwright = _start_playwright()
                        browser = self._launch(playwright)
                        session = _Session(browser)
                    assert session is not None
                    future.set_result(work(session))
                except BrowserUnavailable as e:
                    future.set_exception(e)
                except Exception as e:  # Playwright's errors: this page, not the next one
                    if session is not None:
                        session.forget()
                    future.set_exception(ScreenshotError(_one_line(e)))
        finally:  # the process is going away: errors closing do not matter
            if browser is not None:
                with contextlib.suppress(Exception):
                    browser.close()
            if playwright is not None:
                with contextlib.suppress(Exception):
                    playwright.stop()

    def _launch(self, playwright: Any) -> Any:
        executable = self.executable or find_browser()
        try:
            browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                                 args=list(LAUNCH_ARGS))
        except Exception as e:
            why = (f"no browser for screenshots ({_one_line(e)}): install Chromium "
                   "(apt-get install chromium) or run `python -m playwright install chromium`, "
                   "or point GENSERP_BROWSER at a Chromium-family browser")
            with self._lock:
                self._failed = (time.monotonic(), why)
            raise BrowserUnavailable(why) from None
        with self._lock:
            self._failed = None
        self.launches += 1
        log.info("started %s for screenshots", executable or "Playwright's Chromium")
        return browser


def _start_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserUnavailable("screenshots need Playwright: pip install -r requirements.txt")\
            from None
    return sync_playwright().start()


def _one_line(e: BaseException) -> str:
    first = next((line.strip() for line in str(e).splitlines() if line.strip()), "")
    text = first or type(e).__name__
    return text if len(text) <= 200 else text[:199] + "…"


_shared: Browser | None = None
_shared_lock = threading.Lock()


def shared_browser() -> Browser:
    """The process's browser (started on its first job)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Browser()
            atexit.register(_shared.close)
        return _shared
