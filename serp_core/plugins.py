"""Extension points: named registries that higher layers register into.

A lower layer owns the registry for the extension it consumes (the pipeline owns `scorers`,
the experiments own `judges` and `analyses`) and looks entries up by name; it never imports
the packages that provide them. Providers register when they are imported, and
`load_plugins()` imports the built-in ones and any installed package's `genserp` entry points,
the way simonw/llm loads its default plugins exactly like third-party ones.

    scorers = Registry[Scorer]("scorer")          # in the consuming layer
    scorers.register("reward", RewardScorer())    # in the providing layer, at import
    scorers.get("reward")                         # loads the plugins first, once
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterator
from importlib.metadata import entry_points
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

# Modules inside serp_core that provide extensions, named as strings so that no lower layer
# imports them: each registers what it provides when imported.
BUILTIN_PLUGINS: tuple[str, ...] = ("serp_core.reward.plugin", "serp_core.vision.plugin")
ENTRY_POINT_GROUP = "genserp"

_loaded = False
_load_lock = threading.RLock()


def load_plugins() -> None:
    """Import the built-in plugins and installed entry points, once per process. A broken
    third-party plugin is logged and skipped; a broken built-in one raises (it is a bug)."""
    global _loaded
    with _load_lock:
        if _loaded:
            return
        _loaded = True  # set first: a plugin that looks a registry up must not recurse
        for name in BUILTIN_PLUGINS:
            importlib.import_module(name)
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            try:
                ep.load()
            except Exception:
                log.exception("the genserp plugin %s could not be loaded", ep.name)


class Registry(Generic[T]):
    """Named extensions of one kind, in registration order."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, T] = {}
        self._lock = threading.Lock()

    def register(self, name: str, entry: T, *, replace: bool = False) -> T:
        with self._lock:
            if name in self._entries and not replace:
                raise ValueError(f"a {self.kind} named {name!r} is registered already")
            self._entries[name] = entry
        return entry

    def get(self, name: str) -> T:
        """The entry, or a one-line ValueError that lists the known names."""
        load_plugins()
        with self._lock:
            entry = self._entries.get(name)
            known = ", ".join(self._entries)
        if entry is None:
            raise ValueError(f"no {self.kind} named {name!r}; known: {known or 'none'}")
        return entry

    def find(self, name: str) -> T | None:
        load_plugins()
        with self._lock:
            return self._entries.get(name)

    def names(self) -> list[str]:
        load_plugins()
        with self._lock:
            return list(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None

    def __iter__(self) -> Iterator[tuple[str, T]]:
        load_plugins()
        with self._lock:
            return iter(list(self._entries.items()))
