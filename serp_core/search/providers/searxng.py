"""SearXNG, a self-hosted metasearch engine: `GET /search?q=...&format=json&categories=...`.

Every tool but products: general (web results, and its infoboxes as the knowledge panel),
images, videos, news, and map (places). Result fields as SearXNG documents them (its result
templates): url, title, content, img_src / thumbnail_src / thumbnail, publishedDate, length,
author, latitude / longitude / address; infoboxes have infobox, id, content, img_src, urls,
attributes. The JSON format must be enabled in the instance's settings.yml
(`search: formats: [html, json]`), or it answers 403.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ...schema import (
    ContentType,
    ImageItem,
    Item,
    KnowledgePanelItem,
    NewsItem,
    PlaceItem,
    VideoItem,
    WebItem,
)
from ...settings import Settings
from .base import ProviderError, ProviderSpec, providers
from .http import JsonClient
from .items import (
    clean,
    count,
    distinct_items,
    duration,
    host,
    http_url,
    iso_date,
    item_id,
    number,
    picture,
)

CATEGORIES = {
    ContentType.web: "general",
    ContentType.knowledge_panel: "general",
    ContentType.images: "images",
    ContentType.videos: "videos",
    ContentType.news: "news",
    ContentType.places: "map",
}
FORBIDDEN_HINT = ("its JSON format is off: add json to search.formats in the instance's "
                  "settings.yml")


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    results: list[dict[str, Any]]
    infoboxes: list[dict[str, Any]] = []
    unresponsive_engines: list[Any] = []


class Searxng:
    name = "searxng"
    label = "SearXNG"

    def __init__(self, url: str, *, timeout: float, transport: Any = None) -> None:
        self.http = JsonClient(self.label, url, timeout=timeout, transport=transport,
                               hints={403: FORBIDDEN_HINT})

    def fetch(self, tool: ContentType, query: str, k: int) -> list[Item]:
        data = self.http.get("/search", {"q": query, "format": "json",
                                         "categories": CATEGORIES[tool]})
        try:
            answer = _Answer.model_validate(data)
        except ValidationError as e:
            where = ".".join(str(p) for p in e.errors()[0]["loc"]) or "answer"
            raise ProviderError(f"SearXNG sent an unexpected answer ({where}: "
                                f"{e.errors()[0]['msg'].lower()})") from None
        rows = answer.infoboxes if tool is ContentType.knowledge_panel else answer.results
        items = distinct_items(rows, lambda row: _MAP[tool](self, row))
        if not items and not answer.results and answer.unresponsive_engines:
            raise ProviderError("SearXNG's engines did not answer: "
                                + _engines(answer.unresponsive_engines))
        return items[:k]

    # --- one result each --------------------------------------------------------------
    def _base(self, tool: ContentType, row: dict[str, Any], key: str = "url"):
        url = http_url(row.get(key))
        title = clean(row.get("title"), 200)
        return url, title, item_id(self.name, tool, url or title)

    def _web(self, row: dict[str, Any]) -> WebItem | None:
        url, title, id_ = self._base(ContentType.web, row)
        if not url or not title:
            return None
        return WebItem(id=id_, title=title, url=url, site=host(url),
                       snippet=clean(row.get("content")), via=self.label)

    def _image(self, row: dict[str, Any]) -> ImageItem | None:
        url, title, _ = self._base(ContentType.images, row)
        image = http_url(row.get("thumbnail_src")) or http_url(row.get("img_src"))
        if not image:
            return None
        w, h = _resolution(row.get("resolution"))
        return ImageItem(id=item_id(self.name, ContentType.images, image), title=title or host(url),
                         url=url, site=clean(row.get("source"), 60) or host(url),
                         image_url=image, visual=picture(title, w, h), via=self.label)

    def _video(self, row: dict[str, Any]) -> VideoItem | None:
        url, title, id_ = self._base(ContentType.videos, row)
        if not url or not title:
            return None
        image = http_url(row.get("thumbnail")) or http_url(row.get("img_src"))
        return VideoItem(id=id_, title=title, url=url,
                         channel=clean(row.get("author"), 60) or host(url),
                         duration=duration(row.get("length")), views=count(row.get("views")),
                         image_url=image, visual=picture(title), via=self.label)

    def _news(self, row: dict[str, Any]) -> NewsItem | None:
        url, title, id_ = self._base(ContentType.news, row)
        if not url or not title:
            return None
        image = http_url(row.get("img_src")) or http_url(row.get("thumbnail"))
        return NewsItem(id=id_, title=title, url=url, source=host(url),
                        date=iso_date(row.get("publishedDate")), snippet=clean(row.get("content")),
                        image_url=image, visual=picture(title) if image else None, via=self.label)

    def _place(self, row: dict[str, Any]) -> PlaceItem | None:
        lat, lon = number(row.get("latitude")), number(row.get("longitude"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        address = row.get("address")
        title = clean(row.get("title"), 200) or (
            clean(address.get("name"), 200) if isinstance(address, dict) else "")
        if not title:
            return None
        url = http_url(row.get("url"))
        return PlaceItem(id=item_id(self.name, ContentType.places, f"{url}|{lat}|{lon}"),
                         title=title, url=url, address=_address(address),
                         category=clean(row.get("type"), 40), lat=lat, lon=lon, via=self.label)

    def _infobox(self, row: dict[str, Any]) -> KnowledgePanelItem | None:
        title = clean(row.get("infobox"), 120)
        if not title:
            return None
        links = [u for u in row.get("urls") or [] if isinstance(u, dict)]
        url = http_url(row.get("id")) or next(
            (http_url(u.get("url")) for u in links if http_url(u.get("url"))), "")
        facts = {}
        for a in row.get("attributes") or []:
            if isinstance(a, dict) and clean(a.get("label"), 40) and clean(a.get("value"), 80):
                facts[clean(a.get("label"), 40)] = clean(a.get("value"), 80)
            if len(facts) == 6:
                break
        image = http_url(row.get("img_src"))
        return KnowledgePanelItem(
            id=item_id(self.name, ContentType.knowledge_panel, url or title), title=title,
            url=url, description=clean(row.get("content"), 900), facts=facts, image_url=image,
            visual=picture(title, 1, 1) if image else None, via=self.label)


_MAP = {
    ContentType.web: Searxng._web,
    ContentType.images: Searxng._image,
    ContentType.videos: Searxng._video,
    ContentType.news: Searxng._news,
    ContentType.places: Searxng._place,
    ContentType.knowledge_panel: Searxng._infobox,
}


def _resolution(value: object) -> tuple[float | None, float | None]:
    """SearXNG's "1920 x 1080"."""
    if isinstance(value, str) and "x" in value:
        w, _, h = value.lower().partition("x")
        return number(w.strip()), number(h.strip())
    return None, None


def _address(value: object) -> str:
    if isinstance(value, str):
        return clean(value, 160)
    if not isinstance(value, dict):
        return ""
    street = " ".join(clean(value.get(k), 60) for k in ("road", "house_number")).strip()
    town = " ".join(clean(value.get(k), 60) for k in ("postcode", "locality")).strip()
    return ", ".join(p for p in (street, town, clean(value.get("country"), 60)) if p)


def _engines(unresponsive: list[Any]) -> str:
    named = []
    for entry in unresponsive[:4]:
        if isinstance(entry, list | tuple) and entry:
            why = f" ({clean(entry[1], 40)})" if len(entry) > 1 and clean(entry[1], 40) else ""
            named.append(clean(entry[0], 30) + why)
    return ", ".join(named) or "no engine answered"


def build(settings: Settings) -> Searxng:
    if not settings.searxng_url:
        raise ValueError("the searxng search provider needs GENSERP_SEARXNG_URL (the "
                         "instance's address, e.g. http://localhost:8888)")
    return Searxng(settings.searxng_url, timeout=settings.search_timeout_s)


providers.register("searxng", ProviderSpec(
    "searxng", "SearXNG", tuple(CATEGORIES), build, needs="GENSERP_SEARXNG_URL",
    note="a SearXNG instance with its JSON format enabled"))
