"""The search tool the engine gives the model: one query, one content type at a time."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from serp_core.schema import ContentType, Item, Vertical


@runtime_checkable
class SearchTool(Protocol):
    def search(self, query: str, type_: ContentType, k: int = 8) -> list[Item]:
        """Up to k items of one type, most relevant first; [] when nothing fits. Never raises
        for odd query text."""

    def vertical_of(self, query: str) -> Vertical:
        """The vertical the query belongs to (Vertical.other when unsure)."""

    def types_for(self, query: str) -> dict[ContentType, int]:
        """How many items of each searchable type the search would find (zeros included)."""

    def idf(self, term: str) -> float:
        """How rare a (stemmed) term is among the documents the tool knows, as inverse
        document frequency; unseen terms get the highest value."""
