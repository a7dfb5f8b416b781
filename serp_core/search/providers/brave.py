"""The Brave Search API (a key, sent in the X-Subscription-Token header): one endpoint per
tool, `/res/v1/{web,images,videos,news}/search?q=...`. Fields as Brave documents them:
web.results[] (title, url, description, profile, meta_url); results[] for images (title, url,
source, thumbnail.src, properties.width/height), videos (title, url, description,
thumbnail.src, video.duration/views/creator/publisher) and news (title, url, description,
page_age, meta_url, thumbnail.src). Errors come as {"type": "ErrorResponse", "error": {...}}.
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from ...schema import ContentType, ImageItem, Item, NewsItem, VideoItem, WebItem
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
    picture,
)

API_URL = "https://api.search.brave.com"
ENDPOINTS = {
    ContentType.web: "/res/v1/web/search",
    ContentType.images: "/res/v1/images/search",
    ContentType.videos: "/res/v1/videos/search",
    ContentType.news: "/res/v1/news/search",
}
HINTS = {401: "the API key was refused (BRAVE_API_KEY)",
         422: "the API key or a parameter was refused (BRAVE_API_KEY)"}


class Brave:
    name = "brave"
    label = "Brave"

    def __init__(self, api_key: SecretStr, *, timeout: float, base_url: str = API_URL,
                 transport: Any = None) -> None:
        # The key lives only in the client's default headers: never in a URL or a message.
        self.http = JsonClient(self.label, base_url, timeout=timeout, transport=transport,
                               headers={"X-Subscription-Token": api_key.get_secret_value()},
                               hints=HINTS)

    def fetch(self, tool: ContentType, query: str, k: int) -> list[Item]:
        params: dict[str, Any] = {"q": query[:400], "count": max(1, min(k, 20))}
        if tool is ContentType.web:
            params["text_decorations"] = "false"
        data = self.http.get(ENDPOINTS[tool], params)
        if not isinstance(data, dict) or data.get("type") == "ErrorResponse":
            raise ProviderError("Brave sent an unexpected answer (not a search response)")
        section = data.get("web", {"results": []}) if tool is ContentType.web else data
        rows = section.get("results") if isinstance(section, dict) else None
        if not isinstance(rows, list):
            raise ProviderError("Brave sent an unexpected answer (results is not a list)")
        return distinct_items(rows, lambda row: _MAP[tool](self, row))[:k]

    def _web(self, row: dict[str, Any]) -> WebItem | None:
        url, title = http_url(row.get("url")), clean(row.get("title"), 200)
        if not url or not title:
            return None
        return WebItem(id=item_id(self.name, ContentType.web, url), title=title, url=url,
                       site=_site(row, url), snippet=clean(row.get("description")),
                       via=self.label)

    def _image(self, row: dict[str, Any]) -> ImageItem | None:
        url, title = http_url(row.get("url")), clean(row.get("title"), 200)
        image = http_url(_get(row, "thumbnail", "src"))
        if not image:
            return None
        size = row.get("properties") if isinstance(row.get("properties"), dict) else {}
        return ImageItem(id=item_id(self.name, ContentType.images, image),
                         title=title or host(url), url=url,
                         site=clean(row.get("source"), 60) or host(url), image_url=image,
                         visual=picture(title, size.get("width") or _get(row, "thumbnail", "width"),
                                        size.get("height") or _get(row, "thumbnail", "height")),
                         via=self.label)

    def _video(self, row: dict[str, Any]) -> VideoItem | None:
        url, title = http_url(row.get("url")), clean(row.get("title"), 200)
        if not url or not title:
            return None
        return VideoItem(id=item_id(self.name, ContentType.videos, url), title=title, url=url,
                         channel=clean(_get(row, "video", "creator"), 60)
                         or clean(_get(row, "video", "publisher"), 60) or host(url),
                         duration=duration(_get(row, "video", "duration")),
                         views=count(_get(row, "video", "views")),
                         image_url=http_url(_get(row, "thumbnail", "src")),
                         visual=picture(title), via=self.label)

    def _news(self, row: dict[str, Any]) -> NewsItem | None:
        url, title = http_url(row.get("url")), clean(row.get("title"), 200)
        if not url or not title:
            return None
        image = http_url(_get(row, "thumbnail", "src"))
        return NewsItem(id=item_id(self.name, ContentType.news, url), title=title, url=url,
                        source=_site(row, url), date=iso_date(row.get("page_age")),
                        snippet=clean(row.get("description")), image_url=image,
                        visual=picture(title) if image else None, via=self.label)


_MAP = {ContentType.web: Brave._web, ContentType.images: Brave._image,
        ContentType.videos: Brave._video, ContentType.news: Brave._news}


def _get(row: dict[str, Any], section: str, key: str) -> Any:
    part = row.get(section)
    return part.get(key) if isinstance(part, dict) else None


def _site(row: dict[str, Any], url: str) -> str:
    return (clean(_get(row, "profile", "name"), 60) or clean(_get(row, "meta_url", "hostname"), 60)
            .removeprefix("www.") or host(url))


def build(settings: Settings) -> Brave:
    if settings.brave_api_key is None:
        raise ValueError("the brave search provider needs BRAVE_API_KEY (a Brave Search API "
                         "key)")
    return Brave(settings.brave_api_key, timeout=settings.search_timeout_s)


providers.register("brave", ProviderSpec(
    "brave", "Brave", tuple(ENDPOINTS), build, needs="BRAVE_API_KEY",
    note="the Brave Search API (a key from its dashboard)"))
