"""A run's trace as OpenTelemetry spans in an OTLP JSON file (ExportTraceServiceRequest), so
it opens in Phoenix, Langfuse, Jaeger or any OTLP collector.

One trace per run: a root span for the run, a span per stage under it, and a span per model
call under its stage, following the GenAI semantic conventions for inference spans
(semantic-conventions docs/gen-ai/gen-ai-spans.md): name "{gen_ai.operation.name}
{gen_ai.request.model}", kind CLIENT (INTERNAL for the embedded model, which runs in
process), the required gen_ai.operation.name and gen_ai.provider.name, error.type when the
call failed, and the request and usage attributes. The messages go in the opt-in
gen_ai.system_instructions, gen_ai.input.messages and gen_ai.output.messages attributes when
the trace kept them. What only GenSERP knows (stage, candidate, step, prompt block, attempt,
fallback, cost) is under genserp.*. Ids are derived from the run id, so exporting a run twice
gives the same ids.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..schema import CallTrace, Event, Run, StageEnd, StageStart
from .cost import Prices, call_cost

SERVICE_NAME = "genserp-playground"
SCOPE = "serp_core.traces"
KIND_INTERNAL, KIND_CLIENT = 1, 3  # Span.SpanKind
STATUS_OK, STATUS_ERROR = 1, 2  # Status.StatusCode
PROVIDERS = {"openai": "openai", "local": "llama_cpp"}


def _id(*parts: object, size: int) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[: 2 * size]


def _nanos(at: datetime) -> str:
    return str(int(at.timestamp() * 1e9))  # int64 as a JSON string (the proto3 mapping)


def _value(v: Any) -> dict[str, Any]:
    if isinstance(v, bool):
        return {"boolValue": v}
    if isinstance(v, int):
        return {"intValue": str(v)}
    if isinstance(v, float):
        return {"doubleValue": v}
    if isinstance(v, list | tuple):
        return {"arrayValue": {"values": [_value(x) for x in v]}}
    return {"stringValue": str(v)}


def _attributes(values: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"key": k, "value": _value(v)} for k, v in values.items() if v is not None]


def _span(trace_id: str, span_id: str, parent: str | None, name: str, kind: int,
          start: datetime, end: datetime, attributes: dict[str, Any],
          error: str = "") -> dict[str, Any]:
    span = {"traceId": trace_id, "spanId": span_id, "name": name, "kind": kind,
            "startTimeUnixNano": _nanos(start), "endTimeUnixNano": _nanos(max(start, end)),
            "attributes": _attributes(attributes),
            "status": {"code": STATUS_ERROR, "message": error} if error
            else {"code": STATUS_OK}}
    if parent:
        span["parentSpanId"] = parent
    return span


def _messages(trace: CallTrace) -> dict[str, str]:
    """The opt-in content attributes (JSON strings), when the trace kept the text."""
    if trace.redacted:
        return {}
    system = [{"type": "text", "content": str(m.get("content", ""))}
              for m in trace.messages if m.get("role") == "system"]
    inputs = [{"role": m.get("role"), "parts": [{"type": "text",
                                                   "content": str(m.get("content", ""))}]}
              for m in trace.messages if m.get("role") != "system"]
    output = [{"role": "assistant", "parts": [{"type": "text", "content": trace.reply}],
               "finish_reason": "stop" if trace.ok else "error"}]
    found = {"gen_ai.input.messages": json.dumps(inputs, ensure_ascii=False),
             "gen_ai.output.messages": json.dumps(output, ensure_ascii=False)}
    if system:
        found["gen_ai.system_instructions"] = json.dumps(system, ensure_ascii=False)
    return found


def _error_type(trace: CallTrace) -> str | None:
    if trace.ok:
        return None
    return "invalid_reply" if trace.reply or trace.reply_chars else "model_error"


def call_span(trace: CallTrace, trace_id: str, parent: str, run_id: str, backend: str,
              prices: Prices) -> dict[str, Any]:
    end = trace.started_at + timedelta(seconds=trace.latency_s)
    attributes = {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": PROVIDERS.get(backend, backend),
        "gen_ai.request.model": trace.model or None,
        "gen_ai.output.type": "json" if trace.kind == "json" else "text",
        "error.type": _error_type(trace),
        "gen_ai.request.seed": trace.sampling.get("seed"),
        "gen_ai.request.temperature": _float(trace.sampling.get("temperature")),
        "gen_ai.request.max_tokens": trace.sampling.get("max_tokens"),
        "gen_ai.usage.input_tokens": trace.prompt_tokens,
        "gen_ai.usage.output_tokens": trace.completion_tokens,
        "gen_ai.usage.cache_read.input_tokens": trace.cached_tokens,
        **_messages(trace),
        "genserp.call.index": trace.index,
        "genserp.stage": trace.stage,
        "genserp.candidate": trace.candidate,
        "genserp.step": trace.step,
        "genserp.prompt.block": trace.block or None,
        "genserp.prompt.version": trace.prompt_version or None,
        "genserp.attempt": trace.attempt,
        "genserp.grammar": trace.grammar,
        "genserp.reply.error": trace.error or None,
        "genserp.fallback": trace.fallback or None,
        "genserp.cost_usd": call_cost(trace, trace.model, prices),
    }
    kind = KIND_INTERNAL if backend == "local" else KIND_CLIENT
    return _span(trace_id, _id(run_id, "call", trace.index, size=8), parent,
                 f"chat {trace.model}".strip(), kind, trace.started_at, end, attributes,
                 trace.error)


def _float(v: Any) -> float | None:
    return None if v is None else float(v)


def export(run: Run, traces: Sequence[CallTrace], events: Sequence[Event],
           prices: Prices) -> dict[str, Any]:
    """The run as an ExportTraceServiceRequest, in OTLP's JSON encoding."""
    trace_id = _id(run.id, "trace", size=16)
    root = _id(run.id, "run", size=8)
    ends = [t.started_at + timedelta(seconds=t.latency_s) for t in traces]
    ends += [e.ts for e in events]
    run_end = max(ends, default=run.created_at)
    stage_spans, parents = [], {}
    starts = {e.stage: e.ts for e in events if isinstance(e, StageStart) and e.candidate is None}
    stops = {e.stage: e.ts for e in events if isinstance(e, StageEnd) and e.candidate is None}
    for stage, start in starts.items():
        of_stage = [t for t in traces if t.stage == stage]
        end = stops.get(stage) or max(
            (t.started_at + timedelta(seconds=t.latency_s) for t in of_stage), default=start)
        parents[stage] = _id(run.id, "stage", stage, size=8)
        stage_spans.append(_span(trace_id, parents[stage], root, f"genserp.{stage}",
                                 KIND_INTERNAL, start, end, {"genserp.stage": stage}))
    backend = run.config.backend
    calls = [call_span(t, trace_id, parents.get(t.stage, root), run.id, backend, prices)
             for t in traces]
    run_span = _span(trace_id, root, None, "genserp.run", KIND_INTERNAL, run.created_at,
                     run_end, {
                         "genserp.run.id": run.id, "genserp.query": run.query,
                         "genserp.status": run.status, "genserp.mode": run.config.mode,
                         "genserp.beam": run.config.beam,
                         "genserp.prompt.version": run.prompt_version or None,
                         "gen_ai.request.model": run.config.model or None,
                     }, run.error if run.status == "failed" else "")
    return {"resourceSpans": [{
        "resource": {"attributes": _attributes({"service.name": SERVICE_NAME})},
        "scopeSpans": [{"scope": {"name": SCOPE},
                        "spans": [run_span, *stage_spans, *calls]}],
    }]}


def write(path: Path, request: dict[str, Any]) -> Path:
    path.write_text(json.dumps(request, ensure_ascii=False, indent=1))
    return path
