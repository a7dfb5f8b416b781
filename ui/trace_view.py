"""The Trace view of a run: every model call, grouped by stage and candidate; one call opened
whole (its prompt and the block it was filled from, the raw reply, what was parsed, the
repairs it led to), with a permalink (?run=…&call=N), a comparison with the same call in
another run and a replay with the block edited (ui.trace_tools)."""

from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import streamlit as st

from serp_core.palette import TYPE_LABELS
from serp_core.schema import CallTrace, Run, Usage
from serp_core.traces import cost, otlp
from serp_core.traces.read import groups, label, outcome, prompt_index, repairs_for, tokens

from . import state
from .components import inert
from .trace_tools import compare_panel, replay_panel

CALL_PARAM = "call"  # ?run=<id>&call=<n> opens one call
PROMPT_LAB = "app_pages/prompt_lab.py"


def trace_view(run: Run) -> None:
    """The run's calls; the open one from the URL, else the first unusable one."""
    traces = state.workspace().store.traces.of(run.id)
    if not traces:
        st.caption("No model call was recorded for this run"
                   + (" (the template page calls none)." if run.config.mode == "template"
                      else "."))
        return
    prices = state.prices()
    _summary(run, traces, prices)
    _overview(traces, prices)
    shown = _pick_call(run, traces)
    _call(run, shown, traces, prices)


def _usage(traces: list[CallTrace]) -> Usage:
    known = [t for t in traces if t.prompt_tokens is not None]
    return Usage(calls=len(traces), prompt_tokens=sum(t.prompt_tokens or 0 for t in known),
                 completion_tokens=sum(t.completion_tokens or 0 for t in known),
                 cached_tokens=sum(t.cached_tokens or 0 for t in known),
                 unknown_calls=len(traces) - len(known))


def _summary(run: Run, traces: list[CallTrace], prices: cost.Prices) -> None:
    unusable = sum(not t.ok for t in traces)
    asked = sum(t.attempt > 1 for t in traces)
    fallbacks = sum(bool(t.fallback) and t.fallback != "asked again" for t in traces)
    usage = _usage(traces)
    st.caption(inert(f"{usage.describe()} · {cost.describe(usage, traces[0].model, prices)} · "
                     f"{unusable} unusable or failed, {asked} re-asked, {fallbacks} fell back"))
    if traces[0].redacted:
        st.info("This store keeps no message text (Settings → Privacy): each call shows its "
                "counts only.", icon=":material/lock:")
    json_col, otlp_col = st.columns(2)
    json_col.download_button(
        "Calls (JSON lines)", "\n".join(t.model_dump_json() for t in traces) + "\n",
        file_name=f"genserp-{run.id}-calls.jsonl", mime="application/jsonl",
        icon=":material/download:", width="stretch", on_click="ignore",
        key=f"trace-jsonl-{run.id}")
    events = [e for _, e in state.workspace().store.events(run.id)]
    otlp_col.download_button(
        "OpenTelemetry spans (OTLP JSON)",
        json.dumps(otlp.export(run, traces, events, prices), ensure_ascii=False),
        file_name=f"genserp-{run.id}-otlp.json", mime="application/json",
        icon=":material/account_tree:", width="stretch", on_click="ignore",
        key=f"trace-otlp-{run.id}",
        help="GenAI semantic conventions: opens in Phoenix, Langfuse, Jaeger or any OTLP "
             "collector")


def _overview(traces: list[CallTrace], prices: cost.Prices) -> None:
    rows = []
    for g in groups(traces):
        for t in g.calls:
            rows.append({"Stage · for": g.title, "Call": t.index, "Prompt": label(t),
                         "Tokens": tokens(t), "Latency s": round(t.latency_s, 2),
                         "Cost": cost.usd(cost.call_cost(t, t.model, prices)),
                         "Outcome": outcome(t)})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 height=min(36 * (len(rows) + 1) + 2, 420), column_config={
                     "Stage · for": st.column_config.TextColumn(width="medium"),
                     "Call": st.column_config.NumberColumn(width=60),
                     "Prompt": st.column_config.TextColumn(width="medium"),
                     "Tokens": st.column_config.TextColumn(width="medium"),
                     "Latency s": st.column_config.NumberColumn(width=80),
                     "Cost": st.column_config.TextColumn(width=90),
                     "Outcome": st.column_config.TextColumn(width="large")})


def _pick_call(run: Run, traces: list[CallTrace]) -> CallTrace:
    by_index = {t.index: t for t in traces}
    key = f"trace-call-{run.id}"
    wanted = st.query_params.get(CALL_PARAM)
    if wanted is not None and wanted.isdigit() and int(wanted) in by_index \
            and st.session_state.get(key) != int(wanted):
        st.session_state[key] = int(wanted)  # a permalink, or the URL after a reload
    if st.session_state.get(key) not in by_index:
        st.session_state[key] = next((t.index for t in traces if not t.ok), traces[0].index)
    order = [t.index for g in groups(traces) for t in g.calls]
    chosen = st.selectbox(
        "Open a call", order, key=key, on_change=_to_url, args=(key,),
        format_func=lambda i: f"#{i} · {by_index[i].stage} · "
        f"{'the run' if by_index[i].candidate is None else f'candidate {by_index[i].candidate}'}"
        f" · {label(by_index[i])} · {outcome(by_index[i])}")
    st.query_params[CALL_PARAM] = str(chosen)
    return by_index[chosen]


def _to_url(key: str) -> None:
    st.query_params[CALL_PARAM] = str(st.session_state[key])


def _call(run: Run, t: CallTrace, traces: list[CallTrace], prices: cost.Prices) -> None:
    who = "the run" if t.candidate is None else f"candidate {t.candidate}"
    st.markdown(f"##### Call #{t.index}: {t.stage}, {who}, {inert(label(t))}")
    cols = st.columns(5)
    cols[0].metric("Sent", _n(t.prompt_tokens), help="Prompt tokens sent")
    cols[1].metric("Cached", _n(t.cached_tokens), help="Of those, served from a cache")
    cols[2].metric("Evaluated", _n(t.evaluated_tokens), help="Prompt tokens the model read")
    cols[3].metric("Completed", _n(t.completion_tokens), help="Tokens of the reply")
    cols[4].metric("Latency", f"{t.latency_s:.2f} s")
    st.caption(inert(f"{cost.usd(cost.call_cost(t, t.model, prices))} · {t.model} · "
                     f"{t.kind}{' under a grammar' if t.grammar else ''} · "
                     f"sampling {json.dumps(t.sampling)} · prompts {t.prompt_version[:10]} · "
                     f"started {t.started_at:%H:%M:%S} UTC · {outcome(t)}"))
    if t.error:
        st.warning(f"{'Unusable reply' if t.reply or t.reply_chars else 'The call failed'}: "
                   f"{inert(t.error, 300)}" + (f" → {inert(t.fallback)}" if t.fallback else ""),
                   icon=":material/warning:")
    link = f"{state.share_url(run.id)}&{CALL_PARAM}={t.index}"
    st.markdown("**Permalink to this call**")
    st.code(link, language=None)
    prompt, reply, parsed, repairs, compare, replay = st.tabs(
        ["Prompt", "Reply", "Parsed", "Repairs", "Compare", "Replay"])
    with prompt:
        _prompt(t)
    with reply:
        _text(t.reply, t, "reply")
    with parsed:
        if t.parsed is not None:
            st.json(t.parsed)
        else:
            st.caption("Nothing was read from this reply." if t.kind == "json" else
                       "A free-text call: the reply is used as it is.")
        if t.json_schema:
            with st.expander("The JSON schema sent"):
                st.json(t.json_schema)
    with repairs:
        _repairs(run, t)
    with compare:
        compare_panel(run, t, traces)
    with replay:
        replay_panel(run, t)


def _n(value: int | None) -> str:
    return "unknown" if value is None else f"{value:,}"


def _text(text: str, t: CallTrace, what: str) -> None:
    if t.redacted:
        chars = t.reply_chars if what == "reply" else None
        st.caption(f"Not kept (privacy){f': {chars:,} characters' if chars is not None else ''}.")
    elif text:
        st.code(text, language=None, wrap_lines=True)
    else:
        st.caption(f"An empty {what}.")


def _prompt(t: CallTrace) -> None:
    if t.block:
        st.markdown(f"Filled from the monologue block **{inert(t.block)}**.")
        st.page_link(PROMPT_LAB, label=f"Open the {t.block} block in the Prompt lab",
                     icon=":material/edit_note:", query_params={"block": t.block})
    if t.redacted:
        st.caption("Not kept (privacy): " + ", ".join(
            f"{m.get('role')} {m.get('chars', 0):,} characters" for m in t.messages))
        return
    at = prompt_index(t)
    for i, m in enumerate(t.messages):
        content = str(m.get("content", ""))
        st.caption(f"**{m.get('role')}**" + (f" · filled from {t.block}" if i == at and
                                              t.template else ""))
        st.code(content, language=None, wrap_lines=True)
    if t.template:
        with st.expander(f"The {t.block} block as it was, and what the engine put in"):
            st.code(t.template, language=None, wrap_lines=True)
            st.json(t.values, expanded=False)


def _repairs(run: Run, t: CallTrace) -> None:
    events = [e for _, e in state.workspace().store.events(run.id)]
    found = repairs_for(t, run, events)
    if t.stage == "gather" and t.step is not None:
        scope = "made to the layout this step proposed"
    elif t.stage == "populate":
        scope = f"of candidate {t.candidate}'s {t.values.get('type', '')} block, after the " \
                "populate stage"
    else:
        scope = f"of candidate {t.candidate} of the kinds the {t.stage} stage makes"
    if t.candidate is None or t.stage == "score":
        st.caption("A call for the whole run (or a score): it leads to no layout repair.")
        return
    if not found:
        st.caption(f"No repair {scope}." if t.ok else "No usable reply, so nothing to repair; "
                   f"the step fell back: {t.fallback or 'see the error'}.")
        return
    counts = Counter((r.kind, r.block, r.detail) for r in found)
    st.markdown(f"Repairs {scope}:\n" + "\n".join(
        f"- {kind.replace('_', ' ')}" + (f", {TYPE_LABELS[block]}" if block else "")
        + f": {inert(detail, 160)}" + (f" (×{n})" if n > 1 else "")
        for (kind, block, detail), n in counts.items()))
