"""JSON over HTTP for the providers, with every failure turned into one ProviderError line:
unreachable, timed out, rate-limited, refused, too big, not JSON."""

from __future__ import annotations

import json
from typing import Any

import httpx2

from ...settings import public_url
from .base import ProviderError

USER_AGENT = ("GenSERP-Playground/1.0 (a research tool that composes search results pages; "
              "python-httpx2)")
MAX_BODY = 4_000_000  # bytes: a search answer is tens of kB; anything near this is garbage


class JsonClient:
    """GET JSON from one service. Thread-safe: one connection pool for every tool's calls."""

    def __init__(self, label: str, base_url: str, *, timeout: float,
                 headers: dict[str, str] | None = None, hints: dict[int, str] | None = None,
                 transport: httpx2.BaseTransport | None = None) -> None:
        self.label, self.base_url, self.timeout = label, base_url.rstrip("/"), timeout
        self.hints = hints or {}  # status -> what the user can do about it
        self._client = httpx2.Client(
            timeout=timeout, transport=transport, follow_redirects=True,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})})

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        url = self.base_url + path
        try:
            with self._client.stream("GET", url, params=params) as response:
                body = _read_capped(response, self.label)
        except httpx2.TimeoutException:
            raise ProviderError(f"{self.label} did not answer within {self.timeout:g} s") from None
        except httpx2.HTTPError as e:
            raise ProviderError(f"{self.label} is unreachable at {public_url(self.base_url)} "
                                f"({_reason(e)})") from None
        status = response.status_code
        if status == 429:
            wait = response.headers.get("retry-after", "").strip()
            later = f", retry after {wait[:12]} s" if wait.isdigit() else ""
            raise ProviderError(f"{self.label} is rate-limiting requests (HTTP 429{later})",
                                status=status)
        if status >= 400:
            detail = self.hints.get(status) or _detail(body)
            raise ProviderError(f"{self.label} answered HTTP {status}"
                                + (f": {detail}" if detail else ""), status=status)
        try:
            return json.loads(body)
        except ValueError:
            kind = response.headers.get("content-type", "no content type").split(";")[0]
            raise ProviderError(f"{self.label} sent something other than JSON "
                                f"({kind[:40]})") from None

    def close(self) -> None:
        self._client.close()


def _read_capped(response: httpx2.Response, label: str) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise ProviderError(f"{label} sent an answer of {int(declared):,} bytes, over the "
                            f"{MAX_BODY:,} allowed")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BODY:
            raise ProviderError(f"{label} sent an answer over the {MAX_BODY:,} bytes allowed")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:120]


def _detail(body: bytes) -> str:
    """A short reason from an error body, when the service gave one in JSON."""
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    found: object = None
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict):  # Brave: {"error": {"code", "detail", "status"}}
            found = error.get("detail") or error.get("code")
        else:
            found = error or data.get("detail") or data.get("message")
    return " ".join(str(found).split())[:120] if isinstance(found, str | int) else ""
