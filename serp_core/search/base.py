"""The search tool the engine gives the model: one query, one content type at a time."""

from __future__ import annotations

from typing import NamedTuple, Protocol, runtime_checkable

from serp_core.schema import ContentType, Item, SearchSource, Vertical


class Found(NamedTuple):
    """One tool's results and what answered them."""

    items: list[Item]
    source: SearchSource


@runtime_checkable
class SearchTool(Protocol):
    def search(self, query: str, type_: ContentType, k: int = 8) -> list[Item]:
        """Up to k items of one type, most relevant first; [] when nothing fits. Never raises
        for odd query text."""

    def find(self, query: str, type_: ContentType, k: int = 8) -> Found:
        """`search`, with the source that answered (the provider, its cached response, and
        the chosen provider's failure when another answered instead). Never raises."""

    def vertical_of(self, query: str) -> Vertical:
        """The vertical the query belongs to (Vertical.other when unsure)."""

    def types_for(self, query: str) -> dict[ContentType, int]:
        """How many items of each searchable type the search would find (zeros included)."""

    def idf(self, term: str) -> float:
        """How rare a (stemmed) term is among the documents the tool knows, as inverse
        document frequency; unseen terms get the highest value."""
