"""Where a user's runs and search index live, opened once from the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from . import logs
from .search.cache import SearchCache
from .search.composite import CompositeSearch, build_search
from .search.local import LocalCorpus
from .search.thumbnails import Thumbnails
from .settings import Settings
from .store import RunStore


@dataclass
class Workspace:
    settings: Settings
    store: RunStore
    corpus: LocalCorpus
    search: CompositeSearch = field(init=False)  # as the settings choose

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        """ValueError (one line) when the search settings name an unusable provider.

        Opening is a start: the process's log goes to the data directory (serp_core.logs)
        and runs a dead process left running are marked interrupted (RunStore.recover)."""
        data = settings.data_dir
        logs.setup(data)
        ws = cls(settings=settings, store=RunStore(data / "runs.sqlite"),
                 corpus=LocalCorpus(index_path=data / "corpus-index.sqlite"))
        ws.store.recover()
        ws.search = ws.search_for(settings)
        return ws

    @cached_property
    def search_cache(self) -> SearchCache:
        return SearchCache(self.store.db)

    @cached_property
    def thumbnails(self) -> Thumbnails:
        """One picture fetcher for every search of this workspace: its concurrency bound
        holds across runs."""
        return Thumbnails()

    def search_for(self, settings: Settings) -> CompositeSearch:
        """A search with other search settings (a session's), over the same corpus, cache and
        picture fetcher. ValueError (one line) for an unusable provider."""
        return build_search(settings, self.corpus, self.search_cache,
                            thumbnails=self.thumbnails)
