"""A run's calls read back: grouped by stage and candidate, one call as text, the repairs a
call led to, JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from string import Template

from ..schema import CallTrace, Event, LayoutProposed, Repair, Run
from .cost import Prices, call_cost, usd

STAGES = ("gather", "populate", "polish", "score")
# Which repairs a stage's calls can lead to. The engine records repairs per candidate, not
# per call: a gather call's are exact (each layout step's event carries them), the others
# are the candidate's repairs of the kinds that stage makes.
COMPACTION = {"snap", "fit", "pack", "widen", "fill", "restack"}
STAGE_REPAIRS = {"populate": {"fallback", "ux_default"} | COMPACTION,
                 "polish": {"polish_rejected"} | COMPACTION}


@dataclass
class CallGroup:
    stage: str
    candidate: int | None
    calls: list[CallTrace] = field(default_factory=list)

    @property
    def title(self) -> str:
        who = "the run" if self.candidate is None else f"candidate {self.candidate}"
        return f"{self.stage} · {who}"


def groups(traces: Iterable[CallTrace]) -> list[CallGroup]:
    """Calls by stage (in pipeline order), then candidate (the run's own calls first)."""
    found: dict[tuple[str, int | None], CallGroup] = {}
    for t in traces:
        found.setdefault((t.stage, t.candidate), CallGroup(t.stage, t.candidate)).calls.append(t)

    def order(key: tuple[str, int | None]) -> tuple[int, int]:
        stage, candidate = key
        rank = STAGES.index(stage) if stage in STAGES else len(STAGES)
        return rank, -1 if candidate is None else candidate

    return [found[k] for k in sorted(found, key=order)]


def prompt_index(trace: CallTrace) -> int | None:
    """Where the call's prompt is among its messages: the one filled from its block (a
    re-ask's reason comes after it), else the last user message; None without one."""
    filled = Template(trace.template).safe_substitute(trace.values) if trace.template else None
    users = [i for i, m in enumerate(trace.messages) if m.get("role") == "user"]
    if not users:
        return None
    return next((i for i in reversed(users) if trace.messages[i].get("content") == filled),
                users[-1])


def prompt_of(trace: CallTrace) -> str:
    """The call's prompt (see prompt_index)."""
    i = prompt_index(trace)
    return "" if i is None else str(trace.messages[i].get("content", ""))


def tokens(trace: CallTrace) -> str:
    if trace.prompt_tokens is None:
        return "tokens unknown"
    cached = f", {trace.cached_tokens:,} cached" if trace.cached_tokens else ""
    return f"{trace.prompt_tokens:,} in{cached} + {trace.completion_tokens or 0:,} out"


def outcome(trace: CallTrace) -> str:
    if trace.ok:
        return "ok"
    what = "unusable" if trace.reply or trace.reply_chars else "failed"
    return f"{what}, {trace.fallback}" if trace.fallback else what


def label(trace: CallTrace) -> str:
    """E.g. "layout, step 2, try 2" — which prompt, which step, which attempt."""
    parts = [trace.block or trace.stage]
    if trace.step is not None:
        parts.append(f"step {trace.step}")
    if trace.attempt > 1:
        parts.append(f"try {trace.attempt} (re-ask)")
    return ", ".join(parts)


def line(trace: CallTrace, prices: Prices) -> str:
    """One row of the CLI's listing."""
    who = "-" if trace.candidate is None else f"c{trace.candidate}"
    cost = usd(call_cost(trace, trace.model, prices))
    return (f"#{trace.index:<3} {trace.stage:<8} {who:<3} {label(trace):<34} "
            f"{tokens(trace):<28} {trace.latency_s:6.2f} s  {cost:<12} {outcome(trace)}")


def describe(trace: CallTrace, prices: Prices) -> str:
    """One call in full, for a terminal: what was sent, what came back, what became of it."""
    out = [f"call #{trace.index}: {trace.stage}, "
           f"{'the run' if trace.candidate is None else f'candidate {trace.candidate}'}, "
           f"{label(trace)}",
           f"model {trace.model} · prompts {trace.prompt_version[:10] or '-'} · "
           f"{trace.kind}{' under a grammar' if trace.grammar else ''} · "
           f"sampling {json.dumps(trace.sampling)}",
           f"{tokens(trace)} · {trace.latency_s:.2f} s · "
           f"{usd(call_cost(trace, trace.model, prices))} · {outcome(trace)}"]
    if trace.redacted:
        out.append("message text was not kept (the store's privacy option): "
                   + ", ".join(f"{m.get('role')} {m.get('chars', 0):,} chars"
                               for m in trace.messages)
                   + f"; reply {trace.reply_chars or 0:,} chars")
    else:
        for m in trace.messages:
            out += [f"--- {m.get('role')} ---", str(m.get("content", ""))]
        out += ["--- reply ---", trace.reply]
    if trace.parsed is not None:
        out += ["--- parsed ---", json.dumps(trace.parsed, ensure_ascii=False)]
    if trace.error:
        out.append(f"--- error --- {trace.error}")
    if trace.fallback:
        out.append(f"--- fallback --- {trace.fallback}")
    return "\n".join(out)


def jsonl(traces: Iterable[CallTrace]) -> Iterable[str]:
    for t in traces:
        yield t.model_dump_json()


def repairs_for(trace: CallTrace, run: Run | None, events: Sequence[Event] = ()) -> list[Repair]:
    """The repairs this call led to, as far as the record tells: for a layout step, the
    repairs made to what that step proposed; for a populate call, its block's; for a polish
    call, the candidate's polish repairs."""
    if run is None or trace.candidate is None or not trace.ok:
        return []
    if trace.stage == "gather" and trace.step is not None:
        steps = [e for e in events if isinstance(e, LayoutProposed)
                 and e.candidate == trace.candidate]
        this = next((e for e in steps if e.step == trace.step), None)
        before = next((e for e in steps if e.step == trace.step - 1), None)
        if this is None:
            return []
        return this.repairs[len(before.repairs) if before else 0:]
    kinds = STAGE_REPAIRS.get(trace.stage)
    if not kinds or trace.candidate >= len(run.candidates):
        return []
    found = [r for r in run.candidates[trace.candidate].repairs if r.kind in kinds]
    if trace.stage == "populate" and trace.values.get("type"):
        found = [r for r in found if r.block is not None and r.block == trace.values["type"]]
    return found
