"""DuckDuckGo's endpoints as ddgs's duckduckgo engines call them, on 127.0.0.1.

ddgs talks to https://html.duckduckgo.com and https://duckduckgo.com and offers no base URL;
it does document a proxy and a CA bundle (`DDGS(proxy=..., verify=...)`). So this fake is an
HTTP CONNECT proxy that terminates TLS itself with a throwaway CA (trustme) and answers as
DuckDuckGo does: the HTML results page (POST /html/), the page holding the vqd token, and the
JSON of i.js (images), v.js (videos) and news.js (news), from tests/fixtures/search/ddg_*.
`{{pictures}}` in them becomes `pictures_url` (a FakeSearch serving the pictures).

`mode`: "ok", "empty" (no results), "error" (HTTP 500), "429", "malformed" (not the format).
"""

from __future__ import annotations

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import trustme

FIXTURES = Path(__file__).parent / "fixtures" / "search"
JSON_FILES = {"/i.js": "ddg_images.json", "/v.js": "ddg_videos.json",
              "/news.js": "ddg_news.json"}
VQD_PAGE = b'<html><script>DDG.deep.initialize("/d.js?q=x&vqd="4-31415926535");</script></html>'


class FakeDdgs:
    def __init__(self, tmp_dir: Path, pictures_url: str = "http://127.0.0.1:9") -> None:
        self.mode = "ok"
        self.pictures_url = pictures_url
        self.seen: list[tuple[str, str, str]] = []  # (method, host, path)
        ca = trustme.CA()
        self.ca_path = str(tmp_dir / "fake-ddg-ca.pem")
        ca.cert_pem.write_to_path(self.ca_path)
        self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert("html.duckduckgo.com", "duckduckgo.com").configure_cert(self._tls)
        fake = self

        class Site(BaseHTTPRequestHandler):
            """One request inside the tunnel, as DuckDuckGo would answer it."""

            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                fake._answer(self)

            do_POST = do_GET

        class Proxy(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_CONNECT(self) -> None:  # noqa: N802
                self.send_response(200, "Connection established")
                self.end_headers()
                try:
                    tunnel = fake._tls.wrap_socket(self.connection, server_side=True)
                    Site(tunnel, self.client_address, self.server)
                except (OSError, ssl.SSLError):
                    pass
                self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
        self.server.daemon_threads = True
        self.proxy = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeDdgs:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        if length:
            h.rfile.read(length)
        host = (h.headers.get("Host") or "").split(":")[0]
        path = urlsplit(h.path).path
        self.seen.append((h.command, host, path))
        if self.mode == "error":
            return self._send(h, 500, b"<html>Server error</html>", "text/html")
        if self.mode == "429":
            return self._send(h, 429, b"<html>Too many requests</html>", "text/html")
        if host == "html.duckduckgo.com":
            page = (FIXTURES / "ddg_html.html").read_bytes()
            if self.mode == "empty":
                page = b'<html><body><div class="no-results">No results.</div></body></html>'
            elif self.mode == "malformed":
                page = b"\x00\x01 this is not a results page"
            return self._send(h, 200, page, "text/html")
        if path in JSON_FILES:
            if self.mode == "malformed":
                return self._send(h, 200, b"{not json", "application/json")
            data = json.loads((FIXTURES / JSON_FILES[path]).read_text(encoding="utf-8")
                              .replace("{{pictures}}", self.pictures_url))
            if self.mode == "empty":
                data["results"] = []
            return self._send(h, 200, json.dumps(data).encode(), "application/json")
        self._send(h, 200, VQD_PAGE, "text/html")  # the search page, for its vqd token

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, kind: str) -> None:
        h.send_response(status)
        h.send_header("Content-Type", kind)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
