"""A fake of the search services on 127.0.0.1: SearXNG's `/search?format=json`, the Brave
Search API's `/res/v1/*/search`, Wikipedia's Core REST search and REST page summary, and the
pictures their results point at. Answers are the fixtures in tests/fixtures/search/, written
from each service's documented response format; `{{base}}` in them becomes this server's
address, so pictures are fetched from here too.

`modes[service]` scripts a failure per service ("searxng", "brave", "wikipedia"): "empty",
"error" (HTTP 500), "429", "403", "malformed" (not JSON), "wrong" (JSON of the wrong shape),
"slow" (answers after `slow_s`), and for SearXNG "unresponsive" (no results, every engine
listed as unresponsive). Pictures: /img/photo.jpg (640x400 JPEG), /img/wide.png,
/img/huge.jpg (declares 50 MB), /img/stream.jpg (no Content-Length), /img/bomb.png and
/img/big.png (headers claiming 30000x30000 and 10000x5000 pixels), /img/slow.jpg,
/img/page.html (not an image), /img/to-private.jpg (redirects to a private address).
Every request is logged (path, query, headers) and in-flight picture requests are counted,
to check the concurrency bound.
"""

from __future__ import annotations

import contextlib
import io
import json
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures" / "search"
SEARXNG_FILES = {"general": "searxng_general.json", "images": "searxng_images.json",
                 "videos": "searxng_videos.json", "news": "searxng_news.json",
                 "map": "searxng_map.json"}
BRAVE_FILES = {"web": "brave_web.json", "images": "brave_images.json",
               "videos": "brave_videos.json", "news": "brave_news.json"}
BRAVE_KEY = "brave-test-key-0123456789"


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


def _jpeg(width: int, height: int, color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG", quality=85)
    return out.getvalue()


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (30, 90, 200, 180)).save(out, "PNG")
    return out.getvalue()


def _bomb_png(width: int, height: int) -> bytes:
    """A valid PNG header claiming width x height pixels, with almost no data behind it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


@dataclass
class FakeSearch:
    modes: dict[str, str] = field(default_factory=dict)
    slow_s: float = 3.0
    picture_delay_s: float = 0.0  # every picture answers after this (concurrency tests)
    log: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self.pictures = {"/img/photo.jpg": ("image/jpeg", _jpeg(640, 400, (40, 110, 170))),
                         "/img/wide.png": ("image/png", _png(600, 200)),
                         "/img/bomb.png": ("image/png", _bomb_png(30000, 30000)),
                         "/img/big.png": ("image/png", _bomb_png(10000, 5000))}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                fake._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeSearch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests(self, prefix: str) -> list[Seen]:
        with self._lock:
            return [s for s in self.log if s.path.startswith(prefix)]

    # --- serving ----------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        with self._lock:
            self.log.append(Seen(path, query, {k.lower(): v for k, v in h.headers.items()}))
        if path.startswith("/img/"):
            return self._picture(h, path)
        if path == "/search":
            return self._searxng(h, query)
        if path.startswith("/res/v1/"):
            return self._brave(h, path, query)
        if path == "/w/rest.php/v1/search/page":
            return self._scripted(h, "wikipedia", "wikipedia_search.json", {"pages": []})
        if path.startswith("/api/rest_v1/page/summary/"):
            title = path.rsplit("/", 1)[1]
            if title != "Reykjavík":
                return self._send(h, 404, {"type": "https://mediawiki.org/wiki/HyperSwitch/"
                                                   "errors/not_found", "title": "Not found.",
                                           "detail": "Page or revision not found."})
            return self._scripted(h, "wikipedia", "wikipedia_summary.json", {})
        self._send(h, 404, {"error": "no such path"})

    def _searxng(self, h: BaseHTTPRequestHandler, query: dict[str, list[str]]) -> None:
        if query.get("format") != ["json"]:
            return self._send(h, 403, b"<html>403 Forbidden</html>", "text/html")
        category = (query.get("categories") or ["general"])[0]
        empty = {"query": query.get("q", [""])[0], "number_of_results": 0, "results": [],
                 "answers": [], "corrections": [], "infoboxes": [], "suggestions": [],
                 "unresponsive_engines": []}
        if self.modes.get("searxng") == "unresponsive":  # every engine refused or timed out
            return self._send(h, 200, {**empty, "unresponsive_engines": [
                ["google", "CAPTCHA"], ["duckduckgo", "timeout"]]})
        self._scripted(h, "searxng", SEARXNG_FILES.get(category, "searxng_general.json"), empty)

    def _brave(self, h: BaseHTTPRequestHandler, path: str, query: dict) -> None:
        if h.headers.get("X-Subscription-Token") != BRAVE_KEY:
            return self._send(h, 422, self._fixture("brave_error_422.json"))
        kind = path.split("/")[3]
        if self.modes.get("brave") == "429":
            return self._send(h, 429, self._fixture("brave_error_429.json"),
                              extra={"Retry-After": "1"})
        empty = {"type": "search"} if kind == "web" else {"type": kind, "results": []}
        self._scripted(h, "brave", BRAVE_FILES[kind], empty)

    def _scripted(self, h: BaseHTTPRequestHandler, service: str, fixture: str,
                  empty: dict) -> None:
        mode = self.modes.get(service, "ok")
        if mode == "slow":
            time.sleep(self.slow_s)
        if mode == "empty":
            return self._send(h, 200, empty)
        if mode == "error":
            return self._send(h, 500, b"<html>Internal Server Error</html>", "text/html")
        if mode == "429":
            return self._send(h, 429, b"Too Many Requests", "text/plain",
                              extra={"Retry-After": "30"})
        if mode == "403":
            return self._send(h, 403, b"<html>403 Forbidden</html>", "text/html")
        if mode == "malformed":
            return self._send(h, 200, b'{"results": [{"url": "https://trunc', "application/json")
        if mode == "wrong":
            return self._send(h, 200, {"results": "none today", "pages": {"a": 1}})
        self._send(h, 200, self._fixture(fixture))

    def _fixture(self, name: str) -> dict:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        return json.loads(text.replace("{{base}}", self.base_url))

    def _picture(self, h: BaseHTTPRequestHandler, path: str) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.picture_delay_s:
                time.sleep(self.picture_delay_s)
            if path == "/img/huge.jpg":
                h.send_response(200)
                h.send_header("Content-Type", "image/jpeg")
                h.send_header("Content-Length", str(50_000_000))
                h.end_headers()
                with contextlib.suppress(OSError):  # the engine hangs up early, as it should
                    h.wfile.write(b"\xff\xd8" + b"\x00" * 65536)
                h.close_connection = True
                return
            if path == "/img/slow.jpg":
                time.sleep(self.slow_s)
            if path == "/img/stream.jpg":  # no Content-Length: the body ends when it closes
                h.send_response(200)
                h.send_header("Content-Type", "image/jpeg")
                h.send_header("Connection", "close")
                h.end_headers()
                h.wfile.write(self.pictures["/img/photo.jpg"][1])
                h.close_connection = True
                return
            if path == "/img/page.html":
                return self._send(h, 200, b"<html>not a picture</html>", "text/html")
            if path == "/img/to-private.jpg":
                return self._send(h, 302, b"", "text/plain",
                                  extra={"Location": "http://10.1.2.3/x.jpg"})
            kind, body = self.pictures.get(path.replace("/img/slow.jpg", "/img/photo.jpg"),
                                           (None, None))
            if body is None:
                return self._send(h, 404, b"not found", "text/plain")
            self._send(h, 200, body, kind)
        finally:
            with self._lock:
                self.in_flight -= 1

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: dict | bytes,
              kind: str = "application/json", extra: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode() if isinstance(body, dict) else body
        try:
            h.send_response(status)
            h.send_header("Content-Type", kind)
            h.send_header("Content-Length", str(len(data)))
            for k, v in (extra or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(data)
        except OSError:  # the client gave up (a timeout test)
            pass
