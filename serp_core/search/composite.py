"""The search tool a run is given when real providers are chosen: each tool answered by its
provider, every provider answer cached in the run store with its pictures embedded, the
bundled corpus for the other tools and whenever a provider fails.

The corpus stays underneath for what no provider has: a query's vertical, and term rarity
(idf) for the relevance floor, so that provider results are judged like the corpus's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from ..schema import ITEMS_PER_TYPE, RETRIEVAL_TOOLS, ContentType, Item, SearchSource, Vertical
from ..settings import Settings
from .base import Found, SearchTool
from .cache import SearchCache
from .providers import CORPUS, Provider, ProviderError, ProviderSpec, providers
from .thumbnails import Thumbnails

log = logging.getLogger(__name__)


def routes_for(settings: Settings) -> dict[ContentType, ProviderSpec]:
    """Which provider answers each tool: the first provider of the tool's list that can
    answer it, else the corpus. ValueError (one line) for an unknown name, or for a tool's
    own setting that names no provider able to answer it."""
    chosen: dict[ContentType, ProviderSpec] = {}
    for tool in RETRIEVAL_TOOLS:
        names = settings.search_choice(tool).split(",")
        specs = []
        for name in names:
            spec = providers.find(name)
            if spec is None:
                known = ", ".join(providers.names())
                raise ValueError(f"unknown search provider {name!r} (for {tool}); known: "
                                 f"{known}")
            specs.append(spec)
        able = [s for s in specs if s.serves(tool)]
        if not able and getattr(settings, f"search_{tool}"):
            offers = ", ".join(f"{s.name} answers {', '.join(s.tools)}" for s in specs)
            raise ValueError(f"GENSERP_SEARCH_{tool.upper()}: no provider there can answer "
                             f"{tool} ({offers})")
        chosen[tool] = able[0] if able else providers.get(CORPUS)
    return chosen


@dataclass(frozen=True)
class Probe:
    """One tool tried once against its provider (Settings: "Test the provider")."""

    tool: ContentType
    provider: str
    found: int | None  # None: it failed
    error: str
    seconds: float


class CompositeSearch:
    def __init__(self, corpus: SearchTool, *, routes: Mapping[ContentType, Provider] | None = None,
                 cache: SearchCache | None = None, thumbnails: Thumbnails | None = None,
                 max_age: timedelta | None = timedelta(hours=24),
                 pins: Mapping[ContentType, SearchSource] | None = None) -> None:
        """`max_age`: how old a cached answer may be and still serve (None: any age, as an
        experiment wants; zero: always ask again). `pins`: sources to serve again exactly
        (a recorded run's), whatever the routes and the age."""
        self.corpus = corpus
        self.routes = dict(routes or {})
        if self.routes and cache is None:
            raise ValueError("provider answers need a cache to be recorded in")
        self.cache, self.thumbnails = cache, thumbnails
        self.max_age, self.pins = max_age, dict(pins or {})

    # --- variants ---------------------------------------------------------------------
    def replaying(self, sources: Mapping[ContentType, SearchSource]) -> CompositeSearch:
        """The same search, but the tools in `sources` answered exactly as they were then."""
        return _copy(self, pins={**self.pins, **sources})

    def frozen(self) -> CompositeSearch:
        """The same search reusing any cached answer however old: every arm and every retry
        of an experiment sees the results the first run of a query got."""
        return _copy(self, max_age=None)

    # --- the SearchTool interface -----------------------------------------------------
    def search(self, query: str, type_: ContentType, k: int = 8) -> list[Item]:
        return self.find(query, type_, k).items

    def find(self, query: str, type_: ContentType, k: int = 8) -> Found:
        type_ = ContentType(type_)
        pinned = self._pinned(query, type_, k)
        if pinned is not None:
            return pinned
        provider = self.routes.get(type_)
        if provider is None or type_ is ContentType.chat_answer or k <= 0:
            return self.corpus.find(query, type_, k)
        assert self.cache is not None
        try:
            entry = self.cache.latest(provider.name, type_, query, self.max_age) \
                if self.max_age is None or self.max_age > timedelta(0) else None
            if entry is not None:
                return Found(entry.items[:k], SearchSource(
                    provider=provider.name, entry=entry.id, fetched_at=entry.fetched_at,
                    cached=True))
            items = provider.fetch(type_, query, max(k, ITEMS_PER_TYPE))
            if self.thumbnails is not None:
                self.thumbnails.embed(items)
            entry = self.cache.put(provider.name, type_, query, items)
        except ProviderError as e:
            return self._fallback(query, type_, k, provider, str(e))
        except Exception as e:  # a provider bug: the run goes on with the corpus
            log.exception("search provider %s failed for %s", provider.name, type_)
            return self._fallback(query, type_, k, provider,
                                  f"{provider.label} failed: internal error "
                                  f"({type(e).__name__})")
        return Found(items[:k], SearchSource(provider=provider.name, entry=entry.id,
                                             fetched_at=entry.fetched_at))

    def vertical_of(self, query: str) -> Vertical:
        return self.corpus.vertical_of(query)

    def idf(self, term: str) -> float:
        return self.corpus.idf(term)

    def types_for(self, query: str) -> dict[ContentType, int]:
        return {t: len(self.find(query, t, ITEMS_PER_TYPE).items) for t in RETRIEVAL_TOOLS}

    # --- for the Settings page --------------------------------------------------------
    def provider_of(self, tool: ContentType) -> str:
        provider = self.routes.get(tool)
        return provider.name if provider is not None else CORPUS

    def probe(self, query: str) -> list[Probe]:
        """Ask each tool's provider once (no cache, no pictures): how many results, or the
        one-line error. The corpus answers the tools routed to it."""
        probes = []
        for tool in RETRIEVAL_TOOLS:
            provider = self.routes.get(tool)
            started = time.perf_counter()
            try:
                found = (provider.fetch(tool, query, ITEMS_PER_TYPE) if provider is not None
                         else self.corpus.search(query, tool, ITEMS_PER_TYPE))
                n, error = len(found), ""
            except ProviderError as e:
                n, error = None, str(e)
            except Exception as e:
                log.exception("search provider probe failed for %s", tool)
                n, error = None, f"internal error ({type(e).__name__})"
            probes.append(Probe(tool, provider.label if provider else "the bundled corpus", n,
                                error, round(time.perf_counter() - started, 2)))
        return probes

    # --- internals --------------------------------------------------------------------
    def _pinned(self, query: str, type_: ContentType, k: int) -> Found | None:
        source = self.pins.get(type_)
        if source is None:
            return None
        if source.provider == CORPUS:
            return Found(self.corpus.search(query, type_, k), source)
        entry = self.cache.get(source.entry) if self.cache and source.entry is not None else None
        if entry is None or entry.provider != source.provider or entry.tool != type_:
            return None  # gone from this store: answer as today
        return Found(entry.items[:k], source.model_copy(update={"cached": True}))

    def _fallback(self, query: str, type_: ContentType, k: int, provider: Provider,
                  error: str) -> Found:
        log.warning("search: %s for %s; the corpus answers instead", error, type_)
        return Found(self.corpus.search(query, type_, k),
                     SearchSource(provider=CORPUS, wanted=provider.name, error=error))


def _copy(search: CompositeSearch, **changes) -> CompositeSearch:
    fields = {"routes": search.routes, "cache": search.cache, "thumbnails": search.thumbnails,
              "max_age": search.max_age, "pins": search.pins, **changes}
    return CompositeSearch(search.corpus, **fields)


def check_search(settings: Settings) -> None:
    """ValueError (one line) when the search settings cannot be used: what `build_search`
    would say, without a store."""
    for spec in {s.name: s for s in routes_for(settings).values()}.values():
        if spec.build is not None:
            spec.build(settings)


def build_search(settings: Settings, corpus: SearchTool, cache: SearchCache | None, *,
                 thumbnails: Thumbnails | None = None) -> CompositeSearch:
    """The search the settings choose, embedding pictures with `thumbnails` (none: items
    keep their placeholders). ValueError (one line) for unknown providers or a provider
    missing what it needs (a URL, a key)."""
    built: dict[str, Provider] = {}
    routes: dict[ContentType, Provider] = {}
    for tool, spec in routes_for(settings).items():
        if spec.build is None:  # the corpus
            continue
        if spec.name not in built:
            built[spec.name] = spec.build(settings)
        routes[tool] = built[spec.name]
    return CompositeSearch(corpus, routes=routes, cache=cache, thumbnails=thumbnails,
                           max_age=timedelta(hours=settings.search_cache_hours))
