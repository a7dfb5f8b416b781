"""Where a user's runs and search index live, opened once from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from .search.local import LocalCorpus
from .settings import Settings
from .store import RunStore


@dataclass
class Workspace:
    settings: Settings
    store: RunStore
    search: LocalCorpus

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        data = settings.data_dir
        return cls(settings=settings, store=RunStore(data / "runs.sqlite"),
                   search=LocalCorpus(index_path=data / "corpus-index.sqlite"))
