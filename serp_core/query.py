"""Queries: what counts as a usable one (one line of printable text, not empty, not huge),
and `Query`, a query with its vertical, as every query set holds them (the bundled demo
queries, a user's CSV, an experiment's sample)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

from .schema import Vertical

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


def as_vertical(value: object, *, strict: bool = False) -> Vertical:
    """A vertical by name, any case; an unknown name is "other" (a ValueError when strict)."""
    name = str(value).strip().lower()
    try:
        return Vertical(name)
    except ValueError:
        if strict:
            known = ", ".join(v.value for v in Vertical)
            raise ValueError(f"unknown vertical {str(value)!r}: use one of {known}") from None
        return Vertical.other


class Query(BaseModel):
    """One query of a set; the text is always clean (one line, not empty, not huge)."""

    model_config = ConfigDict(frozen=True)

    text: str
    vertical: Vertical = Vertical.other

    @field_validator("text")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_query(value)

    @field_validator("vertical", mode="before")
    @classmethod
    def _vertical(cls, value: object) -> object:
        return as_vertical(value) if isinstance(value, str) else value
