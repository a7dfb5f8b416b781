"""What counts as a usable query: one line of printable text, not empty, not huge."""

from __future__ import annotations

MAX_QUERY_CHARS = 500


class BadQuery(ValueError):
    """The query cannot be run; the message is one sentence for the user."""


def clean_query(query: str) -> str:
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in query).split())
    if not text:
        raise BadQuery("the query is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is {len(text)} characters long; the limit is "
                       f"{MAX_QUERY_CHARS}")
    return text
