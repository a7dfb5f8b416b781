"""What a search provider is: a named source of items for some of the tools, built from the
settings, failing with one line (ProviderError) that the composite search turns into a
fallback to the corpus.

Providers register in `providers` (a serp_core.plugins registry, so an installed package can
add one through a `genserp` entry point). "corpus" is registered too, with no builder: it is
the bundled corpus every tool falls back to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ...plugins import Registry
from ...schema import RETRIEVAL_TOOLS, ContentType, Item
from ...settings import Settings


class ProviderError(Exception):
    """The provider could not answer usefully (unreachable, timed out, rate-limited, refused,
    or an answer that is not what it documents); the message is one line for the user."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status, when the service answered with an error


class Provider(Protocol):
    name: str
    label: str  # as pages and messages name it ("SearXNG")

    def fetch(self, tool: ContentType, query: str, k: int) -> list[Item]:
        """Up to k items for one tool, best first, with `via` and `image_url` set; [] when
        the provider found nothing. Raises ProviderError."""


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    label: str
    tools: tuple[ContentType, ...]  # the tools it can answer
    build: Callable[[Settings], Provider] | None  # ValueError (one line) when misconfigured
    needs: str = ""  # what it needs to be set, for the Settings page and the README
    note: str = ""

    def serves(self, tool: ContentType) -> bool:
        return tool in self.tools


providers = Registry[ProviderSpec]("search provider")
CORPUS = "corpus"
providers.register(CORPUS, ProviderSpec(CORPUS, "the bundled corpus", tuple(RETRIEVAL_TOOLS),
                                        None, note="the 200 demo queries, offline"))


def provider_label(name: str) -> str:
    """How messages and pages name a provider (its name when it is not registered)."""
    spec = providers.find(name)
    return spec.label if spec is not None else name
