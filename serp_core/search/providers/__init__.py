"""Real search behind the same tools: the provider registry and the built-in providers
(SearXNG, Brave, ddgs, Wikipedia; "corpus" is the bundled corpus). Importing this package
registers them."""

from __future__ import annotations

from . import brave, ddgs_search, searxng, wikipedia
from .base import CORPUS, Provider, ProviderError, ProviderSpec, provider_label, providers

__all__ = ["CORPUS", "Provider", "ProviderError", "ProviderSpec", "brave", "ddgs_search",
           "provider_label", "providers", "searxng", "wikipedia"]
