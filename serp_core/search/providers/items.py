"""Provider results as the engine's items: the small conversions every provider needs (plain
one-line text, ids, dates, durations, picture URLs), so each provider module is only its
service's field names."""

from __future__ import annotations

import hashlib
import html
import re
import zlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from ...schema import ContentType, Item, Visual

_INLINE_TAG = re.compile(r"</?(?:b|strong|em|i|u|mark|span)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
TEXT_LIMIT = 500  # characters: a snippet, not a page


def distinct_items(rows: Iterable[object],
                   make: Callable[[dict[str, Any]], Item | None]) -> list[Item]:
    """The items made from a provider's result rows, in order: rows that are not objects or
    make no item are skipped, and a result listed twice (one id) is kept once."""
    items: dict[str, Item] = {}
    for row in rows:
        item = make(row) if isinstance(row, dict) else None
        if item is not None and item.id not in items:
            items[item.id] = item
    return list(items.values())


def clean(value: object, limit: int = TEXT_LIMIT) -> str:
    """Plain one-line text from a provider field: tags dropped, entities decoded (pages
    escape it again), whitespace collapsed, cut at `limit`. Anything not text is ""."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    # Highlight markup (Brave's <strong>, Wikipedia's searchmatch span) joins its word.
    text = " ".join(html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", str(value)))).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def http_url(value: object) -> str:
    """An absolute http(s) URL, or "" (protocol-relative //host/... becomes https)."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if text.startswith("//"):
        text = "https:" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme in ("http", "https") and parts.hostname else ""


def host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def item_id(provider: str, tool: ContentType, key: str) -> str:
    """A stable id: the same result of the same provider always gets the same one."""
    digest = hashlib.sha1(f"{provider}|{tool}|{key}".encode()).hexdigest()[:12]
    return f"{provider}-{tool.value}-{digest}"


def number(value: object) -> float | None:
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return result if result == result and abs(result) != float("inf") else None


def picture(title: str, width: object = None, height: object = None) -> Visual:
    """The locally drawn stand-in for a provider's picture (shown until, or unless, the engine
    embeds the real one), shaped like it when the provider says its size."""
    w, h = number(width), number(height)
    aspect = w / h if w and h and w > 0 and h > 0 else 16 / 9
    return Visual(motif="generic", hue=zlib.crc32(title.encode()) % 360,
                  aspect=max(0.5, min(2.5, aspect)))


def iso_date(value: object) -> str:
    """YYYY-MM-DD from an ISO date-time or a Unix time; "" when it is neither."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return ""
    if not isinstance(value, str):
        return ""
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return ""


def duration(value: object) -> str:
    """A playing time as "m:ss" or "h:mm:ss", from seconds, "hh:mm:ss" text, or SearXNG's
    serialised struct_time; "" when unreadable."""
    seconds: float | None = None
    if isinstance(value, list) and len(value) >= 6:  # time.struct_time as a JSON list
        parts = [number(v) for v in value[3:6]]
        if all(p is not None for p in parts):
            seconds = parts[0] * 3600 + parts[1] * 60 + parts[2]  # type: ignore[operator]
    elif isinstance(value, str) and re.fullmatch(r"\d{1,3}(:\d{1,2}){1,2}", value.strip()):
        seconds = 0
        for part in value.strip().split(":"):
            seconds = seconds * 60 + int(part)
    else:
        seconds = number(value)
    if seconds is None or seconds <= 0 or seconds > 100 * 3600:
        return ""
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def count(value: object) -> int:
    n = number(value)
    return int(n) if n is not None and 0 <= n < 1e15 else 0
