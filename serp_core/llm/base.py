"""The one interface every model backend implements."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

Message = dict[str, Any]  # {"role": ..., "content": ...}, the Chat Completions shape


class ModelUnavailable(RuntimeError):
    """The backend cannot be reached or loaded at all: a run cannot go on without it."""


class ModelError(RuntimeError):
    """One call failed; the run may recover by falling back."""


@dataclass
class TokenCount:
    """A call's tokens. None means nobody could tell (a server that sends no usage)."""

    prompt_tokens: int | None = 0
    completion_tokens: int | None = 0
    cached_tokens: int | None = 0  # of the prompt tokens, served from a cache (KV or prompt)


@dataclass
class TextStream:
    """Iterate for text deltas; `usage` is filled in once the stream is exhausted."""

    deltas: Iterator[str]
    usage: TokenCount = field(default_factory=TokenCount)

    def __iter__(self) -> Iterator[str]:
        return self.deltas


@dataclass
class TokenLogprob:
    """One generated token, its log probability and the most likely alternatives there
    (token text -> log probability), as Chat Completions' `logprobs.content` gives them."""

    token: str
    logprob: float
    top: dict[str, float] = field(default_factory=dict)


@dataclass
class Completion:
    text: str
    usage: TokenCount
    logprobs: list[TokenLogprob] | None = None  # None: not asked for, or not given


class ChatModel(Protocol):
    name: str
    grammar: bool  # decodes JSON under a grammar built from the schema (the embedded model)

    def stream_text(self, messages: list[Message], *, max_tokens: int,
                    temperature: float, seed: int | None) -> TextStream:
        """Stream a free-text reply."""

    def complete_json(self, messages: list[Message], schema: dict[str, Any], *,
                      max_tokens: int, temperature: float, seed: int | None,
                      logprobs: bool = False) -> Completion:
        """A reply constrained (where the backend can) to the JSON schema; with `logprobs`,
        per-token log probabilities and the top alternatives, where the backend gives them.

        Callers validate the text themselves: several servers accept a schema and ignore it.
        """
