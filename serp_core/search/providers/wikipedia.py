"""Wikipedia for the knowledge panel, no key: the page the query names, found with the Core
REST API's search (`/w/rest.php/v1/search/page?q=...`: pages[] with key, title, description),
then its REST summary (`/api/rest_v1/page/summary/{title}`: type, title, description,
extract, thumbnail.source/width/height, content_urls.desktop.page). Wikimedia asks for a
descriptive User-Agent; the client sends one."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...schema import ContentType, Item, KnowledgePanelItem
from ...settings import Settings
from .base import ProviderError, ProviderSpec, providers
from .http import JsonClient
from .items import clean, http_url, item_id, number, picture

CANDIDATES = 3  # search hits tried in order until one has a usable summary


class Wikipedia:
    name = "wikipedia"
    label = "Wikipedia"

    def __init__(self, url: str, *, timeout: float, transport: Any = None) -> None:
        self.base_url = url.rstrip("/")
        self.http = JsonClient(self.label, url, timeout=timeout, transport=transport)

    def fetch(self, tool: ContentType, query: str, k: int) -> list[Item]:
        data = self.http.get("/w/rest.php/v1/search/page", {"q": query, "limit": CANDIDATES})
        pages = data.get("pages") if isinstance(data, dict) else None
        if not isinstance(pages, list):
            raise ProviderError("Wikipedia sent an unexpected answer (pages is not a list)")
        for page in pages[:CANDIDATES]:
            key = page.get("key") if isinstance(page, dict) else None
            if isinstance(key, str) and key.strip():
                panel = self._panel(key.strip())
                if panel is not None:
                    return [panel][:k]
        return []

    def _panel(self, key: str) -> KnowledgePanelItem | None:
        try:
            s = self.http.get(f"/api/rest_v1/page/summary/{quote(key, safe='')}")
        except ProviderError as e:
            if e.status == 404:  # the page went away between search and summary
                return None
            raise
        if not isinstance(s, dict) or s.get("type") not in ("standard", None):
            return None  # a disambiguation page, the main page, ...
        title, extract = clean(s.get("title"), 120), clean(s.get("extract"), 900)
        if not title or not extract:
            return None
        desktop = (s.get("content_urls") or {}).get("desktop") if isinstance(
            s.get("content_urls"), dict) else None
        url = http_url(desktop.get("page") if isinstance(desktop, dict) else None) or (
            f"{self.base_url}/wiki/{quote(key)}")
        thumb = s.get("thumbnail") if isinstance(s.get("thumbnail"), dict) else {}
        image = http_url(thumb.get("source"))
        facts = {}
        where = s.get("coordinates") if isinstance(s.get("coordinates"), dict) else {}
        lat, lon = number(where.get("lat")), number(where.get("lon"))
        if lat is not None and lon is not None:
            facts["Coordinates"] = (f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, "
                                    f"{abs(lon):.2f}° {'E' if lon >= 0 else 'W'}")
        return KnowledgePanelItem(
            id=item_id(self.name, ContentType.knowledge_panel, url), title=title, url=url,
            subtitle=clean(s.get("description"), 120), description=extract, facts=facts,
            image_url=image, visual=picture(title, thumb.get("width"), thumb.get("height"))
            if image else None, via=self.label)


def build(settings: Settings) -> Wikipedia:
    return Wikipedia(settings.wikipedia_url, timeout=settings.search_timeout_s)


providers.register("wikipedia", ProviderSpec(
    "wikipedia", "Wikipedia", (ContentType.knowledge_panel,), build,
    note="the knowledge panel from Wikipedia's page summary (GENSERP_WIKIPEDIA_URL picks "
         "the language edition)"))
