"""The one interface every model backend implements."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

# {"role": ..., "content": ...}, the Chat Completions shape. The content is a string, or (to
# show images) a list of parts: text_part(...) and image_part(...).
Message = dict[str, Any]
Content = str | list[dict[str, Any]]
Detail = Literal["low", "high", "auto"]


class ModelUnavailable(RuntimeError):
    """The backend cannot be reached or loaded at all: a run cannot go on without it."""


class ModelError(RuntimeError):
    """One call failed; the run may recover by falling back."""


class EndpointError(ModelError):
    """The endpoint failed a call (an HTTP error after the SDK's retries, a dropped
    connection, a reply that is not Chat Completions): the run ends failed, with this one
    line, which starts with the cause in words ("rate limited: ...")."""


class ImagesRejected(ModelError):
    """The model does not take images (a text-only model, or a server without vision): a
    call without them may still work."""


def text_part(text: str) -> dict[str, Any]:
    return {"type": "text", "text": text}


def image_part(png: bytes, detail: Detail = "auto") -> dict[str, Any]:
    """A PNG as a Chat Completions image part (a data URL)."""
    url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return {"type": "image_url", "image_url": {"url": url, "detail": detail}}


def has_images(messages: list[Message]) -> bool:
    return any(isinstance(m.get("content"), list) and
               any(p.get("type") == "image_url" for p in m["content"]) for m in messages)


def supports_images(model: object) -> bool:
    """Whether a backend can send images at all (its model may still refuse them)."""
    return bool(getattr(model, "vision", False))


def text_only(messages: list[Message]) -> list[Message]:
    """The messages with their text only (for a model that reads no images, or to count
    tokens): a list of content parts becomes its text parts joined."""
    return [{"role": m.get("role", "user"), "content": m["content"]
             if isinstance(m.get("content"), str)
             else " ".join(p.get("text", "") for p in m.get("content") or []
                           if isinstance(p, dict))}
            for m in messages]


def without_image_data(message: Message) -> Message:
    """The message with each image's data URL replaced by its size and hash, for traces: the
    image itself is kept once, in the screenshot cache, not in every stored call."""
    content = message.get("content")
    if not isinstance(content, list):
        return dict(message)
    parts = []
    for part in content:
        url = (part.get("image_url") or {}).get("url", "") if part.get("type") == "image_url" \
            else ""
        if url.startswith("data:") and "," in url:
            head, data = url.split(",", 1)
            raw = base64.b64decode(data, validate=False)
            digest = hashlib.sha256(raw).hexdigest()[:16]
            part = {**part, "image_url": {**part["image_url"],
                                          "url": f"{head},<{len(raw)} bytes, sha256 {digest}>"}}
        parts.append(part)
    return {**message, "content": parts}


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
    vision: bool  # can send image parts (see supports_images: older backends lack it)

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
