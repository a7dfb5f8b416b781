"""A ChatModel over any OpenAI-compatible Chat Completions endpoint (OpenAI, vLLM, llama.cpp, ...).

Errors reach callers as one of three exceptions, each with one human-readable line that
starts with the cause in words ("rate limited: ...", "server error: ...", "unreachable: ...",
"timed out: ...", "malformed reply: ..."):

* `ModelUnavailable`: the endpoint cannot serve this run at all: connection refused / host
  unknown, a timeout (after the SDK's retries), a rejected API key, an unknown model or a
  wrong base URL, an exhausted quota. Going on would only repeat the same wait or failure.
* `EndpointError`: this call failed at the endpoint (HTTP 5xx / 429 after the SDK's
  retries, another 4xx, a connection dropped mid-reply, a reply that is not Chat
  Completions or a stream cut short). A run ends failed on it: its pages would otherwise be
  made of fallbacks.
* `ImagesRejected`: a call that showed images was refused because of them (a text-only
  model or server); the same call without images may work.

Messages pass through as given, so a user message may carry image parts (llm.base).

The SDK does the retrying (connection errors, timeouts, 408/409/429/5xx, honouring
Retry-After); `max_retries` is passed straight through.
"""

from __future__ import annotations

import json
import re
import socket
import ssl
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

import openai
from pydantic import SecretStr

from serp_core import logs
from serp_core.llm.base import (
    ChatModel,
    Completion,
    EndpointError,
    ImagesRejected,
    Message,
    ModelUnavailable,
    TextStream,
    TokenCount,
    TokenLogprob,
    has_images,
)
from serp_core.llm.tokenizers import counter_for
from serp_core.settings import public_url

if TYPE_CHECKING:
    from serp_core.settings import Settings

JsonMode = Literal["json_schema", "json_object", "none"]
OPENAI_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"
_PLACEHOLDER_KEY = "not-needed"  # the SDK insists on some key; local servers ignore it
_MAX_DETAIL = 200
TOP_LOGPROBS = 20  # the most Chat Completions returns per token
# How servers say a request's images are the problem: OpenAI ("image_url is only supported
# by certain models"), vLLM ("not a multimodal model"), llama.cpp's server ("image input is
# not supported ... mmproj"), LM Studio and Ollama ("does not support images" / "vision").
_IMAGE_REFUSAL = re.compile(r"image|vision|multi-?modal|mmproj|modalit|content.?type",
                            re.IGNORECASE)


class OpenAIChatModel(ChatModel):
    """Chat Completions through the official `openai` SDK. Never exposes the API key."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        base_url: str | None = None,
        api_key: str | SecretStr | None = None,
        timeout_s: float = 60.0,
        max_retries: int = 2,
        json_mode: JsonMode = "json_schema",
    ) -> None:
        if json_mode not in ("json_schema", "json_object", "none"):
            raise ValueError(
                f"unknown json_mode {json_mode!r}: expected 'json_schema', 'json_object' or 'none'"
            )
        key = api_key.get_secret_value() if isinstance(api_key, SecretStr) else api_key
        if not key and base_url is None:
            raise ModelUnavailable(
                "no API key for the OpenAI API: set OPENAI_API_KEY, "
                "or set GENSERP_BASE_URL to a local OpenAI-compatible server"
            )
        self.name = model
        self.model = model
        self.grammar = False
        self.vision = True  # image parts are sent; a text-only model refuses them (ImagesRejected)
        self.base_url = (base_url or OPENAI_BASE_URL).rstrip("/")
        self.shown_url = public_url(self.base_url)  # for messages: no credentials, no query
        self.json_mode: JsonMode = json_mode
        self.timeout_s = float(timeout_s)
        self.max_retries = int(max_retries)
        self._secret = key or ""
        logs.keep_secret(key)
        self._count = counter_for(model)  # for a server that sends no usage
        # Explicit base_url and api_key: the SDK must not pick up OPENAI_* variables on its own.
        self._client = openai.OpenAI(
            api_key=key or _PLACEHOLDER_KEY,
            base_url=self.base_url,
            timeout=openai.Timeout(self.timeout_s, connect=min(self.timeout_s, 5.0)),
            max_retries=self.max_retries,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIChatModel:
        return cls(
            model=settings.model or DEFAULT_MODEL,
            base_url=settings.base_url,
            api_key=settings.api_key,
            timeout_s=settings.timeout_s,
            max_retries=settings.max_retries,
            json_mode=settings.json_mode,
        )

    def __repr__(self) -> str:
        return (
            f"OpenAIChatModel(model={self.model!r}, base_url={self.shown_url!r}, "
            f"json_mode={self.json_mode!r}, timeout_s={self.timeout_s}, "
            f"max_retries={self.max_retries})"
        )

    def close(self) -> None:
        self._client.close()

    # -- ChatModel ----------------------------------------------------------------------------

    def stream_text(
        self, messages: list[Message], *, max_tokens: int, temperature: float, seed: int | None
    ) -> TextStream:
        kwargs = self._common(max_tokens, temperature, seed)
        try:
            stream = self._client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                stream=True,
                stream_options={"include_usage": True},
                **kwargs,
            )
        except _FAILURES as e:
            raise self._translate(e, images=has_images(messages)) from None
        result = TextStream(deltas=iter(()), usage=TokenCount(None, None, None))
        result.deltas = self._deltas(stream, result, messages)
        return result

    def complete_json(
        self,
        messages: list[Message],
        schema: dict[str, Any],
        *,
        max_tokens: int,
        temperature: float,
        seed: int | None,
        logprobs: bool = False,
    ) -> Completion:
        kwargs = self._common(max_tokens, temperature, seed)
        if logprobs:
            kwargs.update(logprobs=True, top_logprobs=TOP_LOGPROBS)
        if self.json_mode == "json_schema":
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": _schema_name(schema), "schema": schema, "strict": False},
            }
        else:
            messages = _with_schema_instruction(messages, schema)
            if self.json_mode == "json_object":
                kwargs["response_format"] = {"type": "json_object"}
        try:
            resp = self._client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                **kwargs,
            )
            # A body that is not a completion (HTML, a bare string) comes back as such.
            choices = getattr(resp, "choices", None)
            if not choices or getattr(choices[0], "message", None) is None:
                raise ValueError("no choices")
        except _FAILURES as e:
            raise self._translate(e, json_call=True, images=has_images(messages)) from None
        choice = choices[0]
        text = choice.message.content or ""
        return Completion(text=text, usage=self._usage(resp.usage, messages, text),
                          logprobs=_logprobs(choice.logprobs) if logprobs else None)

    # -- internals ----------------------------------------------------------------------------

    def _common(self, max_tokens: int, temperature: float, seed: int | None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"max_tokens": max_tokens, "temperature": temperature}
        if seed is not None:
            kwargs["seed"] = seed
        return kwargs

    def _usage(self, sent: Any, messages: list[Message], reply: str) -> TokenCount:
        """The server's counts; else the model's tokenizer's, where it is known."""
        usage = _usage(sent)
        if usage.prompt_tokens is None and self._count is not None:
            return self._count(messages, reply)
        return usage

    def _deltas(self, stream: Any, result: TextStream,
                messages: list[Message]) -> Iterator[str]:
        finished, sent, parts = False, None, []
        try:
            for chunk in stream:
                if chunk.usage is not None:
                    sent = chunk.usage
                for choice in chunk.choices or ():
                    finished = finished or choice.finish_reason is not None
                    text = choice.delta.content if choice.delta is not None else None
                    if text:
                        parts.append(text)
                        yield text
            if not finished:  # every server ends a reply with a finish_reason
                raise ValueError("the stream ended before the reply did")
            result.usage = self._usage(sent, messages, "".join(parts))
        except _FAILURES as e:
            raise self._translate(e, mid_stream=True) from None
        finally:
            stream.close()

    def _translate(
        self, err: Exception, *, json_call: bool = False, mid_stream: bool = False,
        images: bool = False,
    ) -> RuntimeError:
        """One clear line per failure, the cause first; never the API key."""
        kind, cause, msg = self._describe(err, json_call=json_call, mid_stream=mid_stream,
                                          images=images)
        line = msg if kind is ImagesRejected else f"{cause}: {msg}"
        if self._secret and len(self._secret) >= 4:
            line = line.replace(self._secret, "***")
        return kind(line)

    def _describe(
        self, err: Exception, *, json_call: bool, mid_stream: bool, images: bool = False
    ) -> tuple[type[RuntimeError], str, str]:
        at = f"the model endpoint at {self.shown_url}"
        tried = f" (tried {self.max_retries + 1} times)" if self.max_retries else ""
        if isinstance(err, openai.APITimeoutError):
            return ModelUnavailable, "timed out", (
                f"{at} did not answer within {self.timeout_s:g} s{'' if mid_stream else tried}; "
                "raise timeout_s (GENSERP_TIMEOUT) if the model is just slow"
            )
        if isinstance(err, openai.APIConnectionError):
            reason = _connection_reason(err)
            if mid_stream:
                return EndpointError, "connection dropped", f"{at} dropped the reply ({reason})"
            return ModelUnavailable, "unreachable", f"cannot reach {at} ({reason})"
        if isinstance(err, openai.APIStatusError):
            status, detail = err.status_code, _detail(err)
            if status == 401:
                return ModelUnavailable, "unauthorized", f"{at} rejected the API key (HTTP 401)"
            if status == 403:
                return ModelUnavailable, "forbidden", f"{at} refused access (HTTP 403){detail}"
            if status == 404 and _mentions_model(err):
                return ModelUnavailable, "unknown model", (
                    f"model {self.model!r} not found at {self.shown_url}")
            if status == 404:
                return ModelUnavailable, "wrong address", (
                    f"no chat completions endpoint at {self.shown_url} (HTTP 404); "
                    "OpenAI-compatible base URLs usually end in /v1"
                )
            if status == 429 and err.code == "insufficient_quota":
                return ModelUnavailable, "out of quota", (
                    f"the account at {self.shown_url} has no quota left")
            if images and status in (400, 415, 422, 500, 501) and _IMAGE_REFUSAL.search(
                    _body_text(err)):
                return ImagesRejected, "images refused", (
                    f"model {self.model!r} at {self.shown_url} does not take images "
                    f"(HTTP {status}{detail})")
            retried = tried if status in (408, 409, 429) or status >= 500 else ""
            hint = ""
            if json_call and self.json_mode == "json_schema" and status in (400, 422, 500):
                hint = (
                    "; if the server lacks json_schema support, set GENSERP_JSON_MODE=json_object"
                )
            cause = ("rate limited" if status == 429 else "server error" if status >= 500
                     else "request refused")
            return EndpointError, cause, f"{at} returned HTTP {status}{detail}{retried}{hint}"
        if isinstance(err, openai.APIError):  # e.g. an error object inside a stream
            return EndpointError, "server error", f"{at} failed: {_first_line(err.message)}"
        # The SDK's parsing of a body or stream that is not Chat Completions JSON.
        what = "a stream that was cut short" if "ended before" in str(err) else (
            "a reply that is not Chat Completions JSON")
        return EndpointError, "malformed reply", f"{at} sent {what}"


# What a call to the SDK raises when the endpoint fails it: its own errors, and (for a body
# or stream that is not JSON, or JSON of another shape) json's and pydantic's ValueErrors.
_FAILURES = (openai.OpenAIError, ValueError)


def _usage(u: Any) -> TokenCount:
    """The server's counts; None for what it did not send (never a made-up 0)."""
    if u is None:
        return TokenCount(None, None, None)
    details = getattr(u, "prompt_tokens_details", None)
    cached = getattr(details, "cached_tokens", None) if details is not None else None
    prompt = getattr(u, "prompt_tokens", None)
    completion = getattr(u, "completion_tokens", None)
    return TokenCount(
        prompt_tokens=None if prompt is None else int(prompt),
        completion_tokens=None if completion is None else int(completion),
        cached_tokens=int(cached or 0) if prompt is not None else None,
    )


def _logprobs(raw: Any) -> list[TokenLogprob] | None:
    """Chat Completions' `choice.logprobs.content`, or None where the server sent none."""
    content = getattr(raw, "content", None)
    if not content:
        return None
    return [TokenLogprob(token=t.token, logprob=float(t.logprob),
                         top={a.token: float(a.logprob) for a in (t.top_logprobs or [])})
            for t in content]


def _schema_name(schema: dict[str, Any]) -> str:
    """OpenAI wants ^[a-zA-Z0-9_-]{1,64}$."""
    name = re.sub(r"[^a-zA-Z0-9_-]+", "_", str(schema.get("title") or "")).strip("_")[:64]
    return name or "response"


def _with_schema_instruction(messages: list[Message], schema: dict[str, Any]) -> list[Message]:
    """Describe the schema in the system message, for servers that cannot enforce it."""
    instruction = (
        "Reply with a single JSON object and nothing else. It must match this JSON schema:\n"
        + json.dumps(schema, ensure_ascii=False)
    )
    out = [dict(m) for m in messages]
    if out and out[0].get("role") == "system" and isinstance(out[0].get("content"), str):
        out[0]["content"] = f"{out[0]['content']}\n\n{instruction}"
    else:
        out.insert(0, {"role": "system", "content": instruction})
    return out


def _first_line(text: str) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= _MAX_DETAIL else line[: _MAX_DETAIL - 1] + "…"


def _detail(err: openai.APIStatusError) -> str:
    body = err.body
    message = None
    if isinstance(body, dict):
        message = body.get("message") or body.get("detail")
        if isinstance(message, dict):
            message = message.get("message")
    elif isinstance(body, str):
        message = body
    return f": {_first_line(message)}" if isinstance(message, str) and message.strip() else ""


def _body_text(err: openai.APIStatusError) -> str:
    body = err.body
    return json.dumps(body) if isinstance(body, dict | list) else str(body or "")


def _mentions_model(err: openai.APIStatusError) -> bool:
    if err.code == "model_not_found":
        return True
    return "model" in _body_text(err).lower()


def _connection_reason(err: BaseException) -> str:
    seen: set[int] = set()
    cur: BaseException | None = err
    last: BaseException = err
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cur, socket.gaierror):
            return "host name not found"
        if isinstance(cur, ssl.SSLError):
            return "TLS error"
        last = cur
        cur = cur.__cause__ or cur.__context__
    text = str(last)
    if "refused" in text.lower():
        return "connection refused"
    return _first_line(text) or type(last).__name__
