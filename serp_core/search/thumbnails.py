"""Provider pictures, fetched by the engine and embedded into pages as data: URIs, so a
rendered page still loads nothing (its CSP allows data: images only).

A fetch is refused unless it is safe to make: http or https only; the host resolves to public
addresses only (never loopback, private, link-local, shared or reserved ranges, checked on
every redirect hop, and the connection goes to the address that was checked, so a second DNS
answer cannot point it elsewhere); a short deadline for the whole transfer; an image content
type; a size cap before and while reading; a pixel cap before decoding. The picture is then
downscaled and re-encoded as a small JPEG. Whatever fails leaves the item without one, and
pages draw the local SVG placeholder instead (render.svg).
"""

from __future__ import annotations

import base64
import io
import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx2
from PIL import Image

from ..schema import Item
from .providers.http import USER_AGENT

log = logging.getLogger(__name__)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
CONTENT_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
MAX_BYTES = 3_000_000  # a thumbnail is tens of kB; this leaves room for a full-size photo
MAX_PIXELS = 40_000_000  # checked from the header, before anything is decoded
MAX_SIDE = 320  # px: the largest a block shows a picture
QUALITY = 78
MAX_REDIRECTS = 3
TIMEOUT_S = 4.0  # the whole fetch, connect to last byte
WORKERS = 4  # fetches at a time, over all searches sharing a Thumbnails


class ThumbnailError(Exception):
    """Why a picture was not embedded (one line, for the log)."""


def is_public(address: Address) -> bool:
    """Whether pictures may be fetched from the address: globally routable unicast only."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _resolve(host: str, port: int) -> list[Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as e:
        raise ThumbnailError(f"cannot resolve {host}: {e}") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


class Thumbnails:
    """Embeds items' pictures. `allow` decides which addresses may be fetched from: tests
    that serve pictures from 127.0.0.1 pass their own; the default is `is_public`."""

    def __init__(self, *, allow: Callable[[Address], bool] = is_public,
                 resolve: Callable[[str, int], list[Address]] = _resolve,
                 timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES,
                 workers: int = WORKERS) -> None:
        self.allow, self.resolve = allow, resolve
        self.timeout, self.max_bytes = timeout, max_bytes
        # trust_env off: through a proxy the address check would check the wrong address.
        self._client = httpx2.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                                     headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
        self._pool = ThreadPoolExecutor(max_workers=workers,
                                        thread_name_prefix="genserp-thumbnail")

    def embed(self, items: Sequence[Item]) -> int:
        """Fetch the pictures of the items that have one, in parallel, and set their
        `thumbnail` (and their placeholder's aspect to the picture's); returns how many were
        embedded. Never raises."""
        wanted = [i for i in items if i.image_url and not i.thumbnail]
        return sum(self._pool.map(self._embed_one, wanted))

    def _embed_one(self, item: Item) -> bool:
        try:
            uri, (width, height) = self.fetch(item.image_url)
        except ThumbnailError as e:
            log.info("no thumbnail for %s: %s", item.id, e)
            return False
        except Exception:  # a bug must not cost the search its results
            log.exception("thumbnail fetch failed for %s", item.id)
            return False
        item.thumbnail = uri
        visual = getattr(item, "visual", None)
        if visual is not None and width and height:
            item.visual = visual.model_copy(update={"aspect": max(0.5, min(2.5, width / height))})
        return True

    def fetch(self, url: str) -> tuple[str, tuple[int, int]]:
        """The picture at `url` as a JPEG data: URI and its original size; ThumbnailError
        when it may not, or could not, be fetched."""
        deadline = time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            target, headers, extensions = self._pinned(url)
            try:
                with self._client.stream("GET", target, headers=headers,
                                         extensions=extensions) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    body = self._body(response, deadline)
            except httpx2.HTTPError as e:
                raise ThumbnailError(f"fetch failed: {type(e).__name__}") from None
            return _downscaled(body)
        raise ThumbnailError(f"more than {MAX_REDIRECTS} redirects")

    def _pinned(self, url: str) -> tuple[str, dict[str, str], dict[str, str]]:
        """The request for `url` sent to the one address that was checked: the URL with that
        address for its host, the Host header, and for https the name to verify."""
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise ThumbnailError("not a URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ThumbnailError(f"only http(s) pictures are fetched, not {parts.scheme or '?'}:")
        host = parts.hostname
        addresses = self.resolve(host, port)
        refused = [a for a in addresses if not self.allow(a)]
        if not addresses or refused:
            raise ThumbnailError(f"refused: {host} resolves to a non-public address "
                                 f"({refused[0] if refused else 'none'})")
        ip = addresses[0]
        literal = f"[{ip}]" if ip.version == 6 else str(ip)
        target = urlunsplit((parts.scheme, f"{literal}:{port}", parts.path or "/", parts.query,
                             ""))
        default = port == (443 if parts.scheme == "https" else 80)
        headers = {"Host": host if default else f"{host}:{port}"}
        extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
        return target, headers, extensions

    def _body(self, response: httpx2.Response, deadline: float) -> bytes:
        if response.status_code != 200:
            raise ThumbnailError(f"HTTP {response.status_code}")
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in CONTENT_TYPES:
            raise ThumbnailError(f"not an image type: {kind[:40] or 'none'}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise ThumbnailError(f"{int(declared):,} bytes, over {self.max_bytes:,}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise ThumbnailError(f"over {self.max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise ThumbnailError(f"slower than {self.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._client.close()


def _downscaled(body: bytes) -> tuple[str, tuple[int, int]]:
    try:
        with Image.open(io.BytesIO(body)) as img:
            if img.format not in FORMATS:
                raise ThumbnailError(f"not a picture format pages show: {img.format}")
            size = img.size
            if size[0] * size[1] > MAX_PIXELS:
                raise ThumbnailError(f"{size[0]}x{size[1]} pixels, over {MAX_PIXELS:,}")
            img.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a fraction of the size
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            rgba = img.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            out = io.BytesIO()
            flat.save(out, "JPEG", quality=QUALITY, optimize=True)
    except ThumbnailError:
        raise
    except Image.DecompressionBombError:  # Pillow's own guard, before ours sees the size
        raise ThumbnailError("too many pixels to decode") from None
    except (OSError, ValueError, SyntaxError) as e:
        raise ThumbnailError(f"not a readable picture: {type(e).__name__}") from None
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii"), size
