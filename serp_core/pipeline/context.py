"""What every stage of one run shares, and how pages are described to a text-only model."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .. import compaction, grid
from ..prompts import PromptSet
from ..render.measure import measure_for
from ..render.screenshot import Screenshots
from ..schema import (
    Block,
    ContentType,
    Item,
    Layout,
    Repair,
    RunConfig,
    SearchSource,
    item_text,
)
from ..search.base import SearchTool
from .calls import Caller, Emit

T = TypeVar("T")
_said_lock = threading.Lock()
T = TypeVar("T")
R = TypeVar("R")


def parallel(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """work(item) for every item at once, results in order: model calls made together are
    what the embedded engine decodes in one batch and an endpoint answers side by side."""
    if len(items) <= 1:
        return [work(i) for i in items]
    with ThreadPoolExecutor(max_workers=len(items), thread_name_prefix="genserp-call") as pool:
        return list(pool.map(work, items))


class Cancelled(Exception):
    """The consumer of the run went away; workers stop at the next call boundary."""


@dataclass
class RunContext:
    query: str
    config: RunConfig
    prompts: PromptSet
    search: SearchTool
    caller: Caller
    emit: Emit
    cancelled: threading.Event = field(default_factory=threading.Event)
    said: set[str] = field(default_factory=set)  # one-time messages already given
    # each candidate's last conversation with the model (user/assistant turns), which a later
    # stage continues so its long first prompt is not evaluated again
    turns: dict[int, list] = field(default_factory=dict)
    screenshots: Screenshots | None = None  # the run store's screenshot cache, when known
    plugin_state: dict[str, Any] = field(default_factory=dict)  # see `state`
    intent: str = ""
    items: dict[str, Item] = field(default_factory=dict)
    by_type: dict[ContentType, list[str]] = field(default_factory=dict)
    sources: dict[ContentType, SearchSource] = field(default_factory=dict)  # per tool called

    def check(self) -> None:
        if self.cancelled.is_set():
            raise Cancelled

    def said_once(self, key: str) -> bool:
        """True if the message `key` was given already in this run; marks it given."""
        with _said_lock:
            if key in self.said:
                return True
            self.said.add(key)
            return False

    def writes_freely(self) -> bool:
        """Whether the model writes its intent and answer itself (then checked) rather than
        choosing among numbered options (RunConfig.writing)."""
        if self.config.writing != "auto":
            return self.config.writing == "free"
        return self.config.backend != "local"
    def state(self, key: str, make: Callable[[], T]) -> T:
        """What a plugin keeps for the length of this run (made once, on first use), e.g.
        whether the model took the images it was shown."""
        with _said_lock:
            if key not in self.plugin_state:
                self.plugin_state[key] = make()
            return self.plugin_state[key]

    def compact(self, layout: Layout) -> tuple[Layout, list[Repair]]:
        """The layout on the floor (serp_core.compaction), blocks sized to their content."""
        return compaction.compact(layout, measure_for(self.items))

    def types(self) -> list[ContentType]:
        """The content at hand in the order prompts list it: as gathered, unless the run's
        content-order probe puts one type first."""
        types = list(self.by_type)
        first = self.config.content_first
        if first in types:
            types.remove(first)
            types.insert(0, first)
        return types

    def available(self) -> str:
        return ", ".join(
            f"{t} ({self._answers()})" if t == ContentType.chat_answer
            else f"{t} ({len(self.by_type[t])} results)" for t in self.types())

    def _answers(self) -> str:
        n = len(self.by_type[ContentType.chat_answer])
        return "the generated answer" if n == 1 else f"{n} generated answers"

    def describe_page(self, layout: Layout) -> str:
        """The page for a text-only model, one short line per block in reading order. Much
        shorter than a drawn map: on a small local model prompt tokens are the main cost."""
        return "\n".join(self._describe(b) for b in grid.reading_order(layout))

    def _describe(self, b: Block) -> str:
        shown = [self.items[i] for i in b.item_ids[: b.ux.max_items] if i in self.items]
        first = f', first "{shown[0].title[:40]}"' if shown and len(shown[0].title) else ""
        return (f"{b.type} [{b.col},{b.row},{b.width},{b.height}] {b.ux.orientation}, "
                f"shows {len(shown)}{first}")

    def numbered_items(self, type_: ContentType) -> str:
        # Short lines: every character is prompt the model evaluates, once per type and run.
        return "\n".join(f"{n}. {item_text(self.items[i])[:80]}"
                         for n, i in enumerate(self.by_type[type_], 1))
