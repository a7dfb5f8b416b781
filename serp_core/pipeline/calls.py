"""Every model call of a run goes through a Caller: it meters tokens and latency per call,
streams reasoning as events, and validates JSON replies, re-asking once before giving up."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..llm.base import ChatModel, Completion, Message, ModelError, TokenCount
from ..schema import CallRecord, ErrorEvent, Event, Reasoning, Stage, Usage
from .replies import ReplyError, extract_json

T = TypeVar("T")
Emit = Callable[[Event], None]


@dataclass
class Answer(Generic[T]):
    """A validated value (None: no usable reply) and the completion it was read from."""

    value: T | None
    completion: Completion | None


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
        self._lock = threading.Lock()

    def _messages(self, prompt: str, history: list[Message] | None = None,
                  system: str | None = None) -> list[Message]:
        return [{"role": "system", "content": self.system if system is None else system},
                *(history or []), {"role": "user", "content": prompt}]

    def _record(self, stage: Stage, candidate: int | None, started: float,
                usage: TokenCount, ok: bool) -> None:
        with self._lock:
            self.records.append(CallRecord(
                stage=stage, candidate=candidate, prompt_version=self.prompt_version,
                prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
                latency_s=round(time.perf_counter() - started, 4), ok=ok))

    def usage(self, candidate: int | None = None, *, every: bool = True) -> Usage:
        with self._lock:
            records = [r for r in self.records if every or r.candidate == candidate]
        return Usage(calls=len(records), prompt_tokens=sum(r.prompt_tokens for r in records),
                     completion_tokens=sum(r.completion_tokens for r in records))

    def latency(self, candidate: int) -> float:
        with self._lock:
            return round(sum(r.latency_s for r in self.records if r.candidate == candidate), 4)

    def say(self, stage: Stage, text: str, candidate: int | None = None) -> None:
        """A line of monologue that is not generated (a retrieved block, a decision)."""
        self.emit(Reasoning(stage=stage, candidate=candidate, text=text))

    def text(self, stage: Stage, prompt: str, *, max_tokens: int, candidate: int | None = None,
             show: bool = True, temperature: float | None = None, sample: int = 1,
             system: str | None = None) -> str:
        """Stream a free-text reply, emitting each delta as reasoning when `show`. `sample`
        (1-9) draws another reproducible sample of the same prompt; `system` replaces the
        run's system block for this call."""
        started = time.perf_counter()
        stream = self.model.stream_text(
            self._messages(prompt, system=system), max_tokens=max_tokens,
            seed=self._seed(candidate, 1, sample),
            temperature=self.temperature if temperature is None else temperature)
        parts = []
        try:
            for delta in stream:
                parts.append(delta)
                if show:
                    self.emit(Reasoning(stage=stage, candidate=candidate, text=delta, delta=True))
        except ModelError as e:
            self._record(stage, candidate, started, stream.usage, ok=False)
            self.emit(ErrorEvent(stage=stage, candidate=candidate, message=str(e)))
            return "".join(parts)
        self._record(stage, candidate, started, stream.usage, ok=True)
        return "".join(parts).strip()

    def json(self, stage: Stage, prompt: str, schema: dict[str, Any],
             read: Callable[[dict[str, Any]], T], *, max_tokens: int,
             candidate: int | None = None, history: list[Message] | None = None,
             system: str | None = None, sample: int = 1) -> T | None:
        """A validated reply, or None after one re-ask (the caller falls back and records it).
        `history` continues a conversation (earlier user/assistant turns). ModelUnavailable
        propagates: without a model the run cannot go on."""
        return self.ask_json(stage, prompt, schema, read, max_tokens=max_tokens,
                             candidate=candidate, history=history, system=system,
                             sample=sample).value

    def ask_json(self, stage: Stage, prompt: str, schema: dict[str, Any],
                 read: Callable[[dict[str, Any]], T], *, max_tokens: int,
                 candidate: int | None = None, history: list[Message] | None = None,
                 logprobs: bool = False, system: str | None = None,
                 sample: int = 1) -> Answer[T]:
        """`json`, with the completion the value was read from (and its log probabilities,
        when asked for and the backend gives them)."""
        messages = self._messages(prompt, history, system)
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                reply = self.model.complete_json(
                    messages, schema, max_tokens=max_tokens, temperature=self.temperature,
                    seed=self._seed(candidate, attempt, sample), logprobs=logprobs)
            except ModelError as e:
                self._record(stage, candidate, started, TokenCount(), ok=False)
                self.emit(ErrorEvent(stage=stage, candidate=candidate, message=str(e)))
                return Answer(None, None)
            try:
                value = read(extract_json(reply.text))
            except ReplyError as e:
                self._record(stage, candidate, started, reply.usage, ok=False)
                self.emit(ErrorEvent(stage=stage, candidate=candidate,
                                     message=f"unusable {stage} reply (try {attempt}): {e}"))
                messages = [*messages, {"role": "assistant", "content": reply.text[:2000]},
                            {"role": "user", "content": f"That reply was not usable: {e}. "
                             "I answer again with only the JSON object asked for."}]
                continue
            self._record(stage, candidate, started, reply.usage, ok=True)
            return Answer(value, reply)
        return Answer(None, None)

    def _seed(self, candidate: int | None, attempt: int = 1, sample: int = 1) -> int:
        # Distinct but reproducible seeds, so beam candidates explore different layouts.
        return self.seed * 1000 + (candidate or 0) * 10 + attempt + 100 * (sample - 1)
