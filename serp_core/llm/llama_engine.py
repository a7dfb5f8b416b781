"""A llama.cpp engine that evaluates each prompt prefix once and decodes concurrent calls
together, over llama.cpp's low-level API.

One context holds up to N_SEQ sequences in a unified KV cache. Every sequence remembers the
tokens whose keys and values it holds, so a new call starts from the longest prefix any
sequence already has: it continues that sequence when it is idle, or copies the prefix into
a free one (`llama_memory_seq_cp` shares the cells, nothing is evaluated again). A call whose
prompt shares a longer prefix with a prompt still being evaluated waits for it, so the k
beam candidates sending the same layout prompt evaluate it once between them.

A single scheduler thread owns the context. Each step it builds one batch from every active
call: the next chunk of each prompt being evaluated and the last token of each reply being
generated, so beam candidates are decoded side by side. Sampling is done here: the top
candidates by logit are checked against the call's JSON grammar (llama.cpp's grammar
sampler, on a handful of tokens instead of the whole vocabulary; the whole vocabulary only
when none of them is allowed), then top-k and temperature with a seeded generator. The log
probabilities of the allowed tokens are kept, so a score can be read as an expectation.
"""

from __future__ import annotations

import codecs
import ctypes
import logging
import math
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

N_CTX = 8192  # cells shared by all sequences (SmolLM2-135M: about 23 KB each)
N_SEQ = 16
N_BATCH = 512
CANDIDATES = 48  # tokens checked against the grammar before the whole vocabulary is
PREFIX_WAIT = 24  # tokens of prefix worth waiting for another call's prompt to finish
DISCARD_OK = 48  # tokens of an idle sequence's tail a call may drop to continue it in place
TOP_LOGPROBS = 20


_LEVELS = {3: logging.WARNING, 4: logging.ERROR}  # ggml_log_level (others: debug)
_log_callback = None  # kept referenced: llama.cpp calls it


def quiet_llama_cpp() -> None:
    """llama.cpp's own messages go to this module's logger (the log file), never to a
    user's terminal."""
    global _log_callback
    if _log_callback is not None:
        return
    from llama_cpp import llama_cpp as L

    @L.llama_log_callback
    def forward(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        log.log(_LEVELS.get(level, logging.DEBUG), "llama.cpp: %s",
                text.decode("utf-8", "replace").rstrip())

    _log_callback = forward
    L.llama_log_set(forward, ctypes.c_void_p(0))


class EngineError(RuntimeError):
    """The engine could not serve a call (the context is full, the decode failed)."""


@dataclass
class Call:
    """One completion: the prompt's tokens, how to sample, and (once done) the result."""

    tokens: list[int]
    max_tokens: int
    temperature: float
    top_k: int
    seed: int
    grammar: str | None = None  # GBNF
    logprobs: bool = False
    on_text: Callable[[str], None] | None = None  # streamed deltas, from the engine's thread
    # the outcome
    text: str = ""
    generated: list[int] = field(default_factory=list)
    token_logprobs: list[tuple[str, float, dict[str, float]]] = field(default_factory=list)
    cached: int = 0  # prompt tokens found already evaluated
    error: str = ""
    done: threading.Event = field(default_factory=threading.Event)
    # engine state
    slot: Slot | None = None
    pending: list[int] = field(default_factory=list)  # prompt tokens not yet evaluated
    evaluated: int = 0  # of those, evaluated by the current step
    next_token: int | None = None  # sampled, to be decoded next step
    rng: np.random.Generator | None = None
    sampler: object = None  # the grammar sampler (a llama_sampler pointer)
    decoder: object = None
    batch_index: int = -1  # where this call's logits are in the last batch

    def wait(self, timeout: float | None = None) -> None:
        if not self.done.wait(timeout):
            raise EngineError("the embedded model did not answer in time")
        if self.error:
            raise EngineError(self.error)


@dataclass
class Slot:
    seq: int
    tokens: list[int] = field(default_factory=list)  # what its KV holds, positions 0..n-1
    busy: Call | None = None
    used: float = 0.0


def requantize(source: Path, target: Path, ftype: str) -> None:
    """Write `source` requantized to `ftype` (e.g. "Q4_0") at `target`, atomically: a reader
    never sees half a file, and two processes doing it at once both succeed."""
    import os

    from llama_cpp import llama_cpp as L

    quiet_llama_cpp()
    params = L.llama_model_quantize_default_params()
    params.ftype = getattr(L, f"LLAMA_FTYPE_MOSTLY_{ftype}")
    params.allow_requantize = True
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        if L.llama_model_quantize(str(source).encode(), str(partial).encode(),
                                  ctypes.byref(params)) != 0:
            raise EngineError(f"llama.cpp could not requantize {source.name} to {ftype}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def common_prefix(a: list[int], b: list[int]) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


class LlamaEngine:
    def __init__(self, model_path: Path, n_threads: int, *, n_ctx: int = N_CTX,
                 n_seq: int = N_SEQ) -> None:
        from llama_cpp import llama_cpp as L

        quiet_llama_cpp()
        self.L = L
        L.llama_backend_init()
        model = L.llama_model_load_from_file(str(model_path).encode(),
                                             L.llama_model_default_params())
        if not model:
            raise EngineError(f"cannot load the model file {model_path}")
        self.model = model
        self.vocab = L.llama_model_get_vocab(model)
        self.n_vocab = L.llama_vocab_n_tokens(self.vocab)
        params = L.llama_context_default_params()
        params.n_ctx, params.n_batch, params.n_ubatch = n_ctx, N_BATCH, N_BATCH
        params.n_seq_max, params.kv_unified, params.no_perf = n_seq, True, True
        params.n_threads = params.n_threads_batch = n_threads
        self.ctx = L.llama_init_from_model(model, params)
        if not self.ctx:
            raise EngineError("cannot create a llama.cpp context")
        self.mem = L.llama_get_memory(self.ctx)
        self.batch = L.llama_batch_init(N_BATCH, 0, 1)
        self.slots = [Slot(seq=i) for i in range(n_seq)]
        self._pieces: dict[int, bytes] = {}
        self._cand = (L.llama_token_data * CANDIDATES)()
        self._full = (L.llama_token_data * self.n_vocab)()
        self._full_np = np.ctypeslib.as_array(self._full)
        self._inbox: queue.Queue[Call | None] = queue.Queue()
        self._waiting: list[Call] = []
        self._active: list[Call] = []
        self.stats = {"decodes": 0, "decode_s": 0.0, "sample_s": 0.0, "tokens": 0}
        self._thread = threading.Thread(target=self._loop, name="llama-engine", daemon=True)
        self._thread.start()

    # --- the public side --------------------------------------------------------------------
    def tokenize(self, text: str) -> list[int]:
        data = text.encode("utf-8")
        room = len(data) + 16
        out = (self.L.llama_token * room)()
        n = self.L.llama_tokenize(self.vocab, data, len(data), out, room, False, True)
        if n < 0:  # too small: llama.cpp says how many it needs
            out = (self.L.llama_token * -n)()
            n = self.L.llama_tokenize(self.vocab, data, len(data), out, -n, False, True)
        return list(out[:n])

    def piece(self, token: int) -> bytes:
        found = self._pieces.get(token)
        if found is None:
            buf = ctypes.create_string_buffer(64)
            n = self.L.llama_token_to_piece(self.vocab, token, buf, 64, 0, False)
            found = self._pieces[token] = buf.raw[:max(n, 0)]
        return found

    def chat_template(self) -> str:
        raw = self.L.llama_model_chat_template(self.model, None)
        return raw.decode("utf-8") if raw else ""

    def token_text(self, which: str) -> str:
        token = {"eos": self.L.llama_vocab_eos, "bos": self.L.llama_vocab_bos}[which](self.vocab)
        buf = ctypes.create_string_buffer(64)
        n = self.L.llama_token_to_piece(self.vocab, token, buf, 64, 0, True)
        return buf.raw[:max(n, 0)].decode("utf-8", "replace")

    def submit(self, call: Call) -> Call:
        if not call.tokens:
            raise EngineError("an empty prompt")
        self._inbox.put(call)
        return call

    def close(self) -> None:
        self._inbox.put(None)
        self._thread.join(timeout=10)
        L = self.L
        L.llama_batch_free(self.batch)
        L.llama_free(self.ctx)
        L.llama_model_free(self.model)

    # --- the scheduler ----------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            if not self._active and not self._waiting:
                call = self._inbox.get()  # idle: sleep until a call comes
                if call is None:
                    return
                self._waiting.append(call)
            while True:
                try:
                    call = self._inbox.get_nowait()
                except queue.Empty:
                    break
                if call is None:
                    return
                self._waiting.append(call)
            try:
                self._admit()
                if self._active:
                    self._step()
            except Exception as e:  # a bug must fail the calls, not hang their callers
                log.exception("the llama.cpp engine failed")
                for call in [*self._active, *self._waiting]:
                    self._finish(call, f"the embedded model failed: {type(e).__name__}: {e}")
                self._waiting = []

    def _admit(self) -> None:
        """Give waiting calls a sequence, starting from the longest prefix already held."""
        still: list[Call] = []
        for call in self._waiting:
            shared = {s.seq: common_prefix(s.tokens, call.tokens) for s in self.slots}
            # the longest prefix; among equals, the sequence that loses least if continued
            best = max(self.slots, key=lambda s: (shared[s.seq], s.busy is None,
                                                  shared[s.seq] - len(s.tokens)))
            have = shared[best.seq]
            coming = max((common_prefix(c.tokens, call.tokens) for c in self._active
                          if c.pending), default=0)
            if coming >= have + PREFIX_WAIT:
                still.append(call)  # another call is evaluating more of this prompt
                continue
            # Continue an idle sequence in place only when little of it is dropped; else
            # copy the prefix into the free sequence worth least, and keep the other whole.
            in_place = best.busy is None and len(best.tokens) - have <= DISCARD_OK
            slot = best if in_place else self._free_slot()
            if slot is None:
                still.append(call)
                continue
            keep = min(have, len(call.tokens) - 1)  # at least one token makes the logits
            if slot is not best:
                self.L.llama_memory_seq_rm(self.mem, slot.seq, -1, -1)
                self.L.llama_memory_seq_cp(self.mem, best.seq, slot.seq, 0, keep)
            else:
                self.L.llama_memory_seq_rm(self.mem, slot.seq, keep, -1)
            slot.tokens = call.tokens[:keep]
            slot.busy, slot.used = call, time.monotonic()
            call.slot, call.cached, call.pending = slot, keep, call.tokens[keep:]
            call.rng = np.random.default_rng(call.seed)
            call.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
            if call.grammar:
                call.sampler = self.L.llama_sampler_init_grammar(
                    self.vocab, call.grammar.encode(), b"root")
                if not call.sampler:
                    self._finish(call, "the reply's grammar could not be built")
                    continue
            self._active.append(call)
        self._waiting = still

    def _free_slot(self) -> Slot | None:
        idle = [s for s in self.slots if s.busy is None]
        return min(idle, key=lambda s: (len(s.tokens) > 0, s.used)) if idle else None

    def _step(self) -> None:
        entries: list[tuple[Call, int, int, bool]] = []  # call, token, pos, wants logits
        for call in self._active:
            if call.next_token is not None:
                entries.append((call, call.next_token, len(call.slot.tokens), True))
                call.batch_index = len(entries) - 1
        room = N_BATCH - len(entries)
        for call in self._active:
            if not call.pending or room <= 0:
                continue
            chunk = call.pending[:room]
            start = len(call.slot.tokens)
            last = len(chunk) == len(call.pending)
            entries += [(call, t, start + i, last and i == len(chunk) - 1)
                        for i, t in enumerate(chunk)]
            room -= len(chunk)
        if not entries:
            return
        b = self.batch
        b.n_tokens = len(entries)
        for i, (call, token, pos, logits) in enumerate(entries):
            b.token[i], b.pos[i], b.n_seq_id[i] = token, pos, 1
            b.seq_id[i][0], b.logits[i] = call.slot.seq, logits
            if logits:
                call.batch_index = i
        started = time.perf_counter()
        status = self.L.llama_decode(self.ctx, b)
        if status == 1 and self._evict():
            status = self.L.llama_decode(self.ctx, b)
        self.stats["decodes"] += 1
        self.stats["decode_s"] += time.perf_counter() - started
        self.stats["tokens"] += len(entries)
        if status == 1:  # no room even with idle sequences gone: drop the biggest new prompt
            waiting = [c for c in self._active if c.pending] or list(self._active)
            self._finish(max(waiting, key=lambda c: len(c.pending)), "the embedded model's "
                         f"context ({N_CTX} tokens) is full; try a shorter query or fewer "
                         "runs at once")
            return
        if status != 0:
            for call in list(self._active):
                self._finish(call, f"the embedded model could not decode (llama.cpp {status})")
            return
        # what the batch evaluated is now held by each sequence
        for call, token, _pos, _ in entries:
            call.slot.tokens.append(token)
            if call.next_token is None:
                call.evaluated += 1  # a prompt token
            else:
                call.next_token = None
        for call in self._active:
            if call.evaluated:
                call.pending, call.evaluated = call.pending[call.evaluated:], 0
        started = time.perf_counter()
        for call in list(self._active):
            if call.batch_index >= 0 and not call.pending and call.next_token is None:
                self._sample(call)
                call.batch_index = -1
        self.stats["sample_s"] += time.perf_counter() - started

    def _evict(self) -> bool:
        """Free the KV of idle sequences (least recently used first); True if any."""
        idle = sorted((s for s in self.slots if s.busy is None and s.tokens),
                      key=lambda s: s.used)
        for s in idle:
            self.L.llama_memory_seq_rm(self.mem, s.seq, -1, -1)
            s.tokens = []
        return bool(idle)

    # --- sampling ---------------------------------------------------------------------------
    def _sample(self, call: Call) -> None:
        logits = np.ctypeslib.as_array(self.L.llama_get_logits_ith(self.ctx, call.batch_index),
                                       shape=(self.n_vocab,))
        ids, values = self._allowed(call, logits)
        if ids.size == 0:
            self._finish(call, "the grammar allows no token here")
            return
        order = np.argsort(-values)[: max(call.top_k, 1)]
        top_ids, top_values = ids[order], values[order]
        if call.temperature <= 0:
            pick = 0
        else:
            scaled = (top_values - top_values[0]) / call.temperature
            p = np.exp(scaled)
            pick = int(call.rng.choice(len(p), p=p / p.sum()))
        token = int(top_ids[pick])
        if call.logprobs:  # the model's distribution over what the grammar allows
            lp = values - values.max()
            lp = lp - math.log(float(np.exp(lp).sum()))
            best = np.argsort(-lp)[:TOP_LOGPROBS]
            top = {self.piece(int(ids[j])).decode("utf-8", "replace"): float(lp[j])
                   for j in best}
            chosen = float(lp[np.flatnonzero(ids == token)[0]])
        if call.sampler is not None:
            self.L.llama_sampler_accept(call.sampler, token)
        if self.L.llama_vocab_is_eog(self.vocab, token):
            self._finish(call)
            return
        if call.logprobs:
            call.token_logprobs.append((self.piece(token).decode("utf-8", "replace"), chosen,
                                        top))
        call.generated.append(token)
        delta = call.decoder.decode(self.piece(token))
        if delta:
            call.text += delta
            if call.on_text is not None:
                call.on_text(delta)
        if len(call.generated) >= call.max_tokens:
            self._finish(call)
        else:
            call.next_token = token

    def _allowed(self, call: Call, logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The candidate tokens the call's grammar allows, with their logits: the top
        CANDIDATES by logit, or, when the grammar allows none of those, the whole vocabulary."""
        top = np.argpartition(logits, -CANDIDATES)[-CANDIDATES:]
        if call.sampler is None:
            return top, logits[top].astype(np.float64)
        arr = self._cand
        for i, t in enumerate(top.tolist()):
            arr[i].id, arr[i].logit, arr[i].p = t, float(logits[t]), 0.0
        view = self.L.llama_token_data_array(data=arr, size=CANDIDATES, selected=-1,
                                             sorted=False)
        self.L.llama_sampler_apply(call.sampler, ctypes.byref(view))
        got = np.array([arr[i].logit for i in range(CANDIDATES)])
        ok = np.isfinite(got)
        if ok.any():
            return np.array([arr[i].id for i in range(CANDIDATES)])[ok], got[ok]
        full = self._full_np
        full["id"] = np.arange(self.n_vocab)
        full["logit"] = logits
        full["p"] = 0.0
        view = self.L.llama_token_data_array(data=self._full, size=self.n_vocab, selected=-1,
                                             sorted=False)
        self.L.llama_sampler_apply(call.sampler, ctypes.byref(view))
        ok = np.isfinite(full["logit"])
        return full["id"][ok].astype(np.int64), full["logit"][ok].astype(np.float64)

    def _finish(self, call: Call, error: str = "") -> None:
        call.error = error
        if call.decoder is not None:
            tail = call.decoder.decode(b"", final=True)
            if tail:
                call.text += tail
                if call.on_text is not None:
                    call.on_text(tail)
        if call.sampler is not None:
            self.L.llama_sampler_free(call.sampler)
            call.sampler = None
        if call.slot is not None:
            call.slot.busy, call.slot.used = None, time.monotonic()
        if call in self._active:
            self._active.remove(call)
        call.done.set()
