"""Shared set-up for the provider tests: a composite search over the bundled corpus whose
tools are answered by one provider, cached in a fresh run store, with pictures fetched from
127.0.0.1 (the only address these tests allow; the default allows public addresses only)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from serp_core.schema import ContentType
from serp_core.search.cache import SearchCache
from serp_core.search.composite import CompositeSearch
from serp_core.search.providers import Provider
from serp_core.search.thumbnails import Thumbnails
from serp_core.store import RunStore

QUERY = "weather in reykjavik tomorrow"


def loopback_pictures(**kwargs) -> Thumbnails:
    return Thumbnails(allow=lambda address: address.is_loopback, **kwargs)


def search_with(provider: Provider, tools: Iterable[ContentType], corpus, tmp_path: Path, *,
                thumbnails: Thumbnails | None = None, **kwargs) -> CompositeSearch:
    cache = SearchCache(RunStore(tmp_path / "runs.sqlite").db)
    return CompositeSearch(corpus, routes={t: provider for t in tools}, cache=cache,
                           thumbnails=thumbnails or loopback_pictures(timeout=2.0), **kwargs)
