"""Benchmark: where generation time per token goes on the embedded model.

    .venv/bin/python -m benchmarks.token_profile [--tokens 64]

Compares, on the same prompt: llama-cpp-python's high-level loop (`Llama.create_completion`,
with and without a JSON grammar), and this project's engine (serp_core.llm.llama_engine)
for one stream, three streams decoded together, and a grammar-constrained reply; for the
engine it splits each token's time into the forward pass (llama_decode) and the sampling
(grammar check on the top candidates, top-k, temperature). Prints tokens per second and
milliseconds per token.
"""

from __future__ import annotations

import argparse
import json
import threading
import time

from serp_core.llm.local_backend import LocalChatModel, _grammar, shipped_model_path

PROMPT = [{"role": "system", "content": "I answer in plain sentences."},
          {"role": "user", "content": "Describe a day of hiking near Seattle in detail."}]
SCHEMA = {"type": "object", "additionalProperties": False, "required": ["items"],
          "properties": {"items": {"type": "array", "minItems": 20, "maxItems": 20,
                                   "items": {"type": "integer", "enum": list(range(10))}}}}


def high_level(tokens: int) -> None:
    from llama_cpp import Llama, LlamaGrammar

    llm = Llama(model_path=str(shipped_model_path()), n_ctx=2048, verbose=False)
    for label, grammar in (("text", None), ("json grammar", LlamaGrammar.from_string(
            _grammar(json.dumps(SCHEMA)), verbose=False))):
        started = time.perf_counter()
        out = llm.create_chat_completion(PROMPT, max_tokens=tokens, temperature=0.7, seed=1,
                                         grammar=grammar)
        n = out["usage"]["completion_tokens"]
        dt = time.perf_counter() - started
        print(f"  llama-cpp-python high level, {label:<12}: {n / dt:6.1f} tok/s "
              f"({1000 * dt / n:.1f} ms/token, prompt evaluation included)")
    llm.close()


def engine(model: LocalChatModel, tokens: int) -> None:
    e = model.engine

    def measure(label: str, streams: int, json_reply: bool = False) -> None:
        e.stats.update(decodes=0, decode_s=0.0, sample_s=0.0, tokens=0)
        done: list[int] = []

        def one(seed: int) -> None:
            messages = [PROMPT[0], {**PROMPT[1], "content": PROMPT[1]["content"] + f" ({seed})"}]
            if json_reply:
                reply = model.complete_json(messages, SCHEMA, max_tokens=tokens,
                                            temperature=0.7, seed=seed)
                done.append(reply.usage.completion_tokens)
            else:
                stream = model.stream_text(messages, max_tokens=tokens, temperature=0.7,
                                           seed=seed)
                "".join(stream)
                done.append(stream.usage.completion_tokens)

        started = time.perf_counter()
        threads = [threading.Thread(target=one, args=(s,)) for s in range(streams)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        dt = time.perf_counter() - started
        n, st = sum(done), e.stats
        print(f"  engine, {label:<28}: {n / dt:6.1f} tok/s; per step "
              f"{1000 * st['decode_s'] / st['decodes']:.1f} ms forward pass + "
              f"{1000 * st['sample_s'] / st['decodes']:.2f} ms sampling, "
              f"{st['decodes']} steps for {n} tokens")

    measure("one stream", 1)
    measure("three streams together", 3)
    measure("one JSON reply (grammar)", 1, json_reply=True)
    measure("three JSON replies together", 3, json_reply=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens", type=int, default=64)
    args = ap.parse_args()
    model = LocalChatModel()
    print(f"{model.name} (the engine) and {shipped_model_path().name}, as shipped (high level)")
    high_level(args.tokens)
    engine(model, args.tokens)


if __name__ == "__main__":
    main()
