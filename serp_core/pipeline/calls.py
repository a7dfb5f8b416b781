"""Every model call of a run goes through a Caller: it meters tokens and latency per call,
streams reasoning as events, validates JSON replies (re-asking once before giving up), and
records each call whole, as it finishes, in a CallTraced event: the messages sent, the
schema, the sampling, the raw reply, what was read from it or why it was not usable, and
what the step fell back to. A prompt is text, or a list of content parts to show images
(llm.base.text_part / image_part); traces keep each image's size and hash, not its data.

What the model says is checked and, when unusable, asked again or replaced by a fallback.
An endpoint that fails a call (EndpointError, ModelUnavailable) ends the run instead: the
call's trace is recorded, the error raised, and every later call of the run raises it at
once (a page built from fallbacks would hide the failure)."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ..llm.base import (
    ChatModel,
    Completion,
    Content,
    EndpointError,
    Message,
    ModelError,
    ModelUnavailable,
    TokenCount,
    without_image_data,
)
from ..prompts import Filled
from ..schema import CallRecord, CallTrace, CallTraced, ErrorEvent, Event, Reasoning, Stage, Usage
from .replies import ReplyError, extract_json

T = TypeVar("T")
Emit = Callable[[Event], None]


@dataclass
class Answer(Generic[T]):
    """A validated value (None: no usable reply) and the completion it was read from; `error`
    is the model's failure when there was no reply (say, ImagesRejected)."""

    value: T | None
    completion: Completion | None
    error: ModelError | None = None


class Caller:
    def __init__(self, model: ChatModel, *, system: str, prompt_version: str,
                 temperature: float, seed: int, emit: Emit) -> None:
        self.model = model
        self.system = system
        self.prompt_version = prompt_version
        self.temperature = temperature
        self.seed = seed
        self.emit = emit
        self.records: list[CallRecord] = []
        self.failure: EndpointError | ModelUnavailable | None = None  # what ended the run
        self._lock = threading.Lock()

    # --- what the run reads back ---------------------------------------------------------
    def usage(self, candidate: int | None = None, *, every: bool = True) -> Usage:
        with self._lock:
            records = [r for r in self.records if every or r.candidate == candidate]
        known = [r for r in records if r.prompt_tokens is not None]
        return Usage(calls=len(records),
                     prompt_tokens=sum(r.prompt_tokens or 0 for r in known),
                     completion_tokens=sum(r.completion_tokens or 0 for r in known),
                     cached_tokens=sum(r.cached_tokens or 0 for r in known),
                     unknown_calls=len(records) - len(known))

    def latency(self, candidate: int) -> float:
        with self._lock:
            return round(sum(r.latency_s for r in self.records if r.candidate == candidate), 4)

    def say(self, stage: Stage, text: str, candidate: int | None = None) -> None:
        """A line of monologue that is not generated (a retrieved block, a decision)."""
        self.emit(Reasoning(stage=stage, candidate=candidate, text=text))

    # --- calls ---------------------------------------------------------------------------
    def text(self, stage: Stage, prompt: str, *, max_tokens: int, block: str,
             candidate: int | None = None, step: int | None = None, show: bool = True,
             temperature: float | None = None, sample: int = 1, system: str | None = None,
             fallback: str = "") -> str:
        """Stream a free-text reply, emitting each delta as reasoning when `show`. `sample`
        draws another reproducible sample of the same prompt; `system` replaces the run's
        system block for this call; `fallback` says what the step does without a reply."""
        messages = self._messages(prompt, system=system)
        trace = self._trace(stage, block, candidate, step, "text", messages, None, {
            "temperature": self.temperature if temperature is None else temperature,
            "seed": self._seed(candidate, 1, sample), "max_tokens": max_tokens})
        self._go_on()
        started = time.perf_counter()
        parts: list[str] = []
        usage = TokenCount(None, None, None)
        try:
            stream = self.model.stream_text(messages, max_tokens=max_tokens,
                                            seed=trace.sampling["seed"],
                                            temperature=trace.sampling["temperature"])
            for delta in stream:
                parts.append(delta)
                if show:
                    self.emit(Reasoning(stage=stage, candidate=candidate, text=delta, delta=True))
            usage = stream.usage
        except (ModelError, ModelUnavailable) as e:
            trace.reply, trace.fallback = "".join(parts), fallback
            self._failed(trace, started, e)
            return "".join(parts)
        trace.reply = "".join(parts)
        self._finish(trace, started, usage, ok=True)
        return trace.reply.strip()

    def json(self, stage: Stage, prompt: str, schema: dict[str, Any],
             read: Callable[[dict[str, Any]], T], *, max_tokens: int, block: str,
             candidate: int | None = None, step: int | None = None,
             history: list[Message] | None = None, system: str | None = None,
             sample: int = 1, fallback: str = "") -> T | None:
        """A validated reply, or None after one re-ask (the caller falls back, as `fallback`
        says, and records it). `history` continues a conversation (earlier user/assistant
        turns). An endpoint's failure (EndpointError, ModelUnavailable) propagates: the run
        ends failed."""
        return self.ask_json(stage, prompt, schema, read, max_tokens=max_tokens, block=block,
                             candidate=candidate, step=step, history=history, system=system,
                             sample=sample, fallback=fallback).value

    def ask_json(self, stage: Stage, prompt: Content, schema: dict[str, Any],
                 read: Callable[[dict[str, Any]], T], *, max_tokens: int, block: str,
                 candidate: int | None = None, step: int | None = None,
                 history: list[Message] | None = None, logprobs: bool = False,
                 system: str | None = None, sample: int = 1,
                 fallback: str = "") -> Answer[T]:
        """`json`, with the completion the value was read from (and its log probabilities,
        when asked for and the backend gives them)."""
        messages = self._messages(prompt, history, system)
        for attempt in (1, 2):
            trace = self._trace(stage, block, candidate, step, "json", messages, schema, {
                "temperature": self.temperature, "seed": self._seed(candidate, attempt, sample),
                "max_tokens": max_tokens}, attempt=attempt)
            trace.reader, trace.reader_args = reader_ref(read)
            self._go_on()
            started = time.perf_counter()
            try:
                reply = self.model.complete_json(
                    messages, schema, max_tokens=max_tokens, temperature=self.temperature,
                    seed=trace.sampling["seed"], logprobs=logprobs)
            except (ModelError, ModelUnavailable) as e:
                trace.fallback = fallback
                self._failed(trace, started, e)
                return Answer(None, None, e)
            trace.reply = reply.text
            try:
                value = read(extract_json(reply.text))
            except ReplyError as e:
                trace.error = str(e)
                trace.fallback = fallback if attempt == 2 else "asked again"
                self._finish(trace, started, reply.usage, ok=False)
                self.emit(ErrorEvent(stage=stage, candidate=candidate,
                                     message=f"unusable {stage} reply (try {attempt}): {e}"))
                messages = [*messages, {"role": "assistant", "content": reply.text[:2000]},
                            {"role": "user", "content": f"That reply was not usable: {e}. "
                             "I answer again with only the JSON object asked for."}]
                continue
            trace.parsed = _jsonable(value)
            self._finish(trace, started, reply.usage, ok=True)
            return Answer(value, reply)
        return Answer(None, None)

    def resend(self, recorded: CallTrace, messages: list[Message],
               read: Callable[[dict[str, Any]], Any] | None = None) -> CallTrace:
        """Send a recorded call again (a replay) with these messages and the recorded schema
        and sampling: one attempt, a json reply read by `read` (or only parsed as JSON).
        Returns the new call's trace; a model error is on it, not raised."""
        trace = self._trace(recorded.stage, recorded.block, recorded.candidate, recorded.step,
                            recorded.kind, messages, recorded.json_schema,
                            dict(recorded.sampling), attempt=recorded.attempt)
        trace.reader, trace.reader_args = recorded.reader, recorded.reader_args
        sampling = {"max_tokens": trace.sampling.get("max_tokens", 256),
                    "temperature": trace.sampling.get("temperature", self.temperature),
                    "seed": trace.sampling.get("seed")}
        started = time.perf_counter()
        try:  # a replay is not a run: whatever fails is on the new trace
            if recorded.kind == "text":
                stream = self.model.stream_text(messages, **sampling)
                trace.reply = "".join(stream)
                usage = stream.usage
            else:
                reply = self.model.complete_json(messages, recorded.json_schema or {},
                                                 **sampling)
                trace.reply, usage = reply.text, reply.usage
        except (ModelError, ModelUnavailable) as e:
            self._failed(trace, started, e, replay=True)
            return trace
        ok = True
        if recorded.kind == "json":
            try:
                data = extract_json(trace.reply)
                trace.parsed = _jsonable(read(data) if read is not None else data)
            except ReplyError as e:
                trace.error, ok = str(e), False
        self._finish(trace, started, usage, ok=ok)
        return trace

    # --- internals -----------------------------------------------------------------------
    def _messages(self, prompt: Content, history: list[Message] | None = None,
                  system: str | None = None) -> list[Message]:
        return [{"role": "system", "content": self.system if system is None else system},
                *(history or []), {"role": "user", "content": prompt}]

    def _trace(self, stage: Stage, block: str, candidate: int | None, step: int | None,
               kind: str, messages: list[Message], schema: dict[str, Any] | None,
               sampling: dict[str, Any], attempt: int = 1) -> CallTrace:
        # The prompt filled from a block: the last user message, or the one before a re-ask.
        filled = next((m["content"] for m in reversed(messages)
                       if isinstance(m.get("content"), Filled)), None)
        made = ({"template": filled.template, "values": dict(filled.values)}
                if isinstance(filled, Filled) else {})
        # Without json_schema the endpoint backend puts the schema in the system message
        # itself: recorded, so the messages above read as what was sent with that mode.
        json_mode = getattr(self.model, "json_mode", None) if schema else None
        if json_mode:
            sampling = {**sampling, "json_mode": json_mode}
        return CallTrace(stage=stage, block=block, candidate=candidate, step=step,
                         prompt_version=self.prompt_version, model=self.model.name, kind=kind,
                         messages=[{k: str(v) if isinstance(v, str) else v  # no Filled
                                    for k, v in without_image_data(m).items()}
                                   for m in messages], json_schema=schema,
                         grammar=bool(schema) and getattr(self.model, "grammar", False),
                         sampling=sampling, attempt=attempt, **made)

    def _go_on(self) -> None:
        """Before a call: raise what ended the run, if a call of another candidate failed."""
        failure = self.failure
        if failure is not None:
            raise type(failure)(str(failure))  # a copy: threads must not share a traceback

    def _failed(self, trace: CallTrace, started: float, error: ModelError | ModelUnavailable,
                replay: bool = False) -> None:
        """The model failed this call: its trace is recorded. The endpoint's failure ends
        the run (raised; the run says it, once); the embedded model's or a refused image
        is said here and the step falls back."""
        trace.error = str(error)
        ends = isinstance(error, EndpointError | ModelUnavailable) and not replay
        if ends:
            trace.fallback = ""
        self._finish(trace, started, TokenCount(None, None, None), ok=False)
        if ends:
            with self._lock:
                self.failure = self.failure or error  # type: ignore[assignment]
            raise error
        self.emit(ErrorEvent(stage=trace.stage, candidate=trace.candidate, message=str(error)))

    def _finish(self, trace: CallTrace, started: float, usage: TokenCount, ok: bool) -> None:
        trace.latency_s = round(time.perf_counter() - started, 4)
        trace.prompt_tokens, trace.completion_tokens = usage.prompt_tokens, usage.completion_tokens
        trace.cached_tokens, trace.ok = usage.cached_tokens, ok
        with self._lock:
            trace.index = len(self.records)
            self.records.append(CallRecord.model_validate(trace.model_dump(
                include=set(CallRecord.model_fields))))
        self.emit(CallTraced(trace=trace))

    def _seed(self, candidate: int | None, attempt: int = 1, sample: int = 1) -> int:
        # Distinct but reproducible seeds, so beam candidates explore different layouts.
        return self.seed * 1000 + (candidate or 0) * 10 + attempt + 100 * (sample - 1)


def reader_ref(read: Callable[..., Any]) -> tuple[str, dict[str, Any]]:
    """The reader as "module:function" and its keyword arguments, JSON-shaped, so a replay
    can look it up again (traces.replay.reader_for); ("", {}) for one that cannot be (a
    closure, a lambda, positional arguments)."""
    func, kwargs = read, {}
    if isinstance(read, functools.partial):
        if read.args:
            return "", {}
        func, kwargs = read.func, dict(read.keywords)
    name = f"{getattr(func, '__module__', '')}:{getattr(func, '__qualname__', '')}"
    if "<" in name or name.startswith(":"):
        return "", {}
    return name, _jsonable(kwargs)


def _jsonable(value: Any) -> Any:
    """What a reader returned, as JSON-shaped data for the trace."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
