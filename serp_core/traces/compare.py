"""The same call in two runs, side by side: for two prompt versions on one query, say, the
layout call of candidate 0 at step 1 in each, with the prompt text diffed.

Calls are matched by what they served: stage, candidate, step, prompt block and attempt, and
among calls alike in all of these (a candidate's populate calls, one per block) by order."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from ..schema import CallTrace
from .read import prompt_of

Key = tuple[str, int | None, int | None, str, int]


def logical_calls(traces: Iterable[CallTrace]) -> dict[Key, list[CallTrace]]:
    """The calls by what they served (stage, candidate, step, block, and their order among
    calls alike in these), each with its attempts: a re-ask belongs to the call before it."""
    seen: dict[tuple, int] = {}
    out: dict[Key, list[CallTrace]] = {}
    for t in sorted(traces, key=lambda t: t.index):
        base = (t.stage, t.candidate, t.step, t.block)
        if t.attempt == 1 or base not in seen:
            seen[base] = seen.get(base, -1) + 1
        out.setdefault((*base, seen[base]), []).append(t)
    return out


@dataclass
class CallPair:
    key: Key
    a: CallTrace | None
    b: CallTrace | None


def pair_calls(a: Iterable[CallTrace], b: Iterable[CallTrace]) -> list[CallPair]:
    """Every call of either run matched with its counterpart in the other (attempt by
    attempt; None: none), in the first run's order, then the second run's calls it lacks."""
    la, lb = logical_calls(a), logical_calls(b)
    pairs = []
    for key in [*la, *(k for k in lb if k not in la)]:
        xs, ys = la.get(key, []), lb.get(key, [])
        pairs += [CallPair(key, xs[i] if i < len(xs) else None, ys[i] if i < len(ys) else None)
                  for i in range(max(len(xs), len(ys)))]
    return pairs


def counterpart(trace: CallTrace, own: Iterable[CallTrace],
                other: Iterable[CallTrace]) -> CallTrace | None:
    """The other run's call that served the same as `trace` (one of `own`): the same attempt
    where it made one, else its last attempt (it re-asked less, or more)."""
    theirs = logical_calls(other)
    for key, attempts in logical_calls(own).items():
        if any(t.index == trace.index for t in attempts):
            found = theirs.get(key, [])
            same = [t for t in found if t.attempt == trace.attempt]
            return same[0] if same else (found[-1] if found else None)
    return None


@dataclass
class DiffLine:
    kind: str  # "same", "removed" (only in a), "added" (only in b)
    text: str


def diff_text(a: str, b: str) -> list[DiffLine]:
    """A line diff of two prompt texts."""
    out: list[DiffLine] = []
    al, bl = a.splitlines(), b.splitlines()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, al, bl, autojunk=False).get_opcodes():
        if op == "equal":
            out += [DiffLine("same", t) for t in al[i1:i2]]
            continue
        out += [DiffLine("removed", t) for t in al[i1:i2]]
        out += [DiffLine("added", t) for t in bl[j1:j2]]
    return out


def prompt_diff(a: CallTrace, b: CallTrace) -> list[DiffLine]:
    """The two calls' prompts diffed: the system message, then the user prompt."""
    def system(t: CallTrace) -> str:
        return next((str(m.get("content", "")) for m in t.messages
                     if m.get("role") == "system"), "")

    head = diff_text(system(a), system(b)) if system(a) != system(b) else []
    return head + diff_text(prompt_of(a), prompt_of(b))
