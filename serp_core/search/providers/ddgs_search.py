"""ddgs (PyPI `ddgs`, the maintained successor of duckduckgo-search), no key: web, images,
videos and news through `DDGS().text/images/videos/news(query, max_results=...)`. It scrapes
several engines, so what it finds and how often it is refused vary.

Its result dicts, as ddgs documents them: text {title, href, body}; images {title, image,
thumbnail, url, height, width, source}; videos {title, content (the page), description,
duration, images {large, medium, small}, publisher, uploader, statistics {viewCount},
published}; news {date, title, body, url, image, source}.

ddgs raises "No results found." both when there are none and when its engines refused the
request (it cannot tell them apart), so an empty answer is treated as a failure: the corpus
answers and the run says why.
"""

from __future__ import annotations

import math
from typing import Any

from ...schema import ContentType, ImageItem, Item, NewsItem, VideoItem, WebItem
from ...settings import Settings
from .base import ProviderError, ProviderSpec, providers
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

METHODS = {ContentType.web: "text", ContentType.images: "images",
           ContentType.videos: "videos", ContentType.news: "news"}


class Ddgs:
    name = "ddgs"
    label = "ddgs"

    def __init__(self, *, timeout: float, backend: str = "auto", proxy: str | None = None,
                 verify: bool | str = True) -> None:
        # proxy and verify are DDGS's own (documented) options: a proxy URL, and True / False
        # / a CA bundle path. ddgs also reads DDGS_PROXY from the environment.
        self.timeout, self.backend, self.proxy, self.verify = timeout, backend, proxy, verify

    def fetch(self, tool: ContentType, query: str, k: int) -> list[Item]:
        from ddgs import DDGS  # imported when used: it loads every engine module
        from ddgs.exceptions import DDGSException, RatelimitException, TimeoutException

        client = DDGS(proxy=self.proxy, timeout=max(1, math.ceil(self.timeout)),
                      verify=self.verify)
        try:
            rows = getattr(client, METHODS[tool])(query, max_results=k, backend=self.backend)
        except RatelimitException:
            raise ProviderError("ddgs is being rate-limited by its engines") from None
        except TimeoutException:
            raise ProviderError(f"ddgs did not answer within {self.timeout:g} s") from None
        except DDGSException as e:
            if "no results found" in str(e).lower():
                raise ProviderError("ddgs found no results (its engines may be refusing "
                                    "requests)") from None
            raise ProviderError(f"ddgs failed: {clean(str(e), 120)}") from None
        if not isinstance(rows, list):
            raise ProviderError("ddgs sent an unexpected answer (not a list of results)")
        return distinct_items(rows, lambda row: _MAP[tool](self, row))[:k]

    def _web(self, row: dict[str, Any]) -> WebItem | None:
        url, title = http_url(row.get("href")), clean(row.get("title"), 200)
        if not url or not title:
            return None
        return WebItem(id=item_id(self.name, ContentType.web, url), title=title, url=url,
                       site=host(url), snippet=clean(row.get("body")), via=self.label)

    def _image(self, row: dict[str, Any]) -> ImageItem | None:
        url, title = http_url(row.get("url")), clean(row.get("title"), 200)
        image = http_url(row.get("thumbnail")) or http_url(row.get("image"))
        if not image:
            return None
        return ImageItem(id=item_id(self.name, ContentType.images, image),
                         title=title or host(url), url=url,
                         site=host(url) or clean(row.get("source"), 60), image_url=image,
                         visual=picture(title, row.get("width"), row.get("height")),
                         via=self.label)

    def _video(self, row: dict[str, Any]) -> VideoItem | None:
        url, title = http_url(row.get("content")), clean(row.get("title"), 200)
        if not url or not title:
            return None
        images = row.get("images") if isinstance(row.get("images"), dict) else {}
        stats = row.get("statistics") if isinstance(row.get("statistics"), dict) else {}
        image = next((http_url(images.get(size)) for size in ("medium", "large", "small")
                      if http_url(images.get(size))), "")
        return VideoItem(id=item_id(self.name, ContentType.videos, url), title=title, url=url,
                         channel=clean(row.get("uploader"), 60)
                         or clean(row.get("publisher"), 60) or host(url),
                         duration=duration(row.get("duration")),
                         views=count(stats.get("viewCount")), image_url=image,
                         visual=picture(title), via=self.label)

    def _news(self, row: dict[str, Any]) -> NewsItem | None:
        url, title = http_url(row.get("url")), clean(row.get("title"), 200)
        if not url or not title:
            return None
        image = http_url(row.get("image"))
        return NewsItem(id=item_id(self.name, ContentType.news, url), title=title, url=url,
                        source=clean(row.get("source"), 60) or host(url),
                        date=iso_date(row.get("date")), snippet=clean(row.get("body")),
                        image_url=image, visual=picture(title) if image else None,
                        via=self.label)


_MAP = {ContentType.web: Ddgs._web, ContentType.images: Ddgs._image,
        ContentType.videos: Ddgs._video, ContentType.news: Ddgs._news}


def build(settings: Settings) -> Ddgs:
    return Ddgs(timeout=settings.search_timeout_s)


providers.register("ddgs", ProviderSpec(
    "ddgs", "ddgs", tuple(METHODS), build,
    note="metasearch through the ddgs library, no key (results and refusals vary)"))
