"""What the Trace view does with one call: compare it with the same call in another run (the
prompts diffed, both replies), and replay it with its block edited in place on the model in
use now, the edited block then saved as a new prompt version in one click."""

from __future__ import annotations

import hashlib

import streamlit as st

from serp_core.llm import ModelError, ModelUnavailable
from serp_core.prompts.editing import check_name, save_version, saved_versions
from serp_core.schema import CallTrace, Run
from serp_core.store import RunSummary
from serp_core.traces import compare, replay
from serp_core.traces.read import label, outcome, prompt_of, tokens

from . import state
from .components import backend_label, inert

PROMPT_LAB = "app_pages/prompt_lab.py"
DIFF_MARK = {"same": "  ", "removed": "- ", "added": "+ "}


# --- compare ------------------------------------------------------------------------------
def compare_panel(run: Run, t: CallTrace, traces: list[CallTrace]) -> None:
    others = [r for r in state.workspace().store.list() if r.id != run.id]
    others.sort(key=lambda r: r.query != run.query)  # the same query first (stable: newest)
    if not others:
        st.caption("No other run to compare with yet: run the same query with another "
                   "prompt version, say.")
        return
    by_id = {r.id: r for r in others}
    other_id = st.selectbox("Compare with the same call in", list(by_id), index=None,
                            key=f"compare-{run.id}-{t.index}", format_func=lambda i: _run_label(
                                by_id[i], run), placeholder="Pick another run…")
    if other_id is None:
        st.caption("The same query's runs come first. A call is matched by its stage, "
                   "candidate, step, prompt block and attempt.")
        return
    other_traces = state.workspace().store.traces.of(other_id)
    match = compare.counterpart(t, traces, other_traces)
    if match is None:
        st.info(f"Run {inert(other_id)} made no such call ({t.stage}, "
                f"{'the run' if t.candidate is None else f'candidate {t.candidate}'}, "
                f"{inert(label(t))}).", icon=":material/info:")
        return
    if t.redacted or match.redacted:
        st.caption("One of the two calls kept no text (privacy): only counts can be compared.")
    else:
        diff = compare.prompt_diff(t, match)
        changed = sum(d.kind != "same" for d in diff)
        st.markdown(f"**The prompts**, diffed: {changed} line(s) differ "
                    f"(`-` only in this run, `+` only in {inert(other_id)})")
        st.code("\n".join(DIFF_MARK[d.kind] + d.text for d in diff), language="diff",
                wrap_lines=True)
    left, right = st.columns(2, gap="medium")
    for col, call, name in ((left, t, f"This run ({run.id})"), (right, match, other_id)):
        with col:
            st.markdown(f"**{inert(name)}** · call #{call.index} · prompts "
                        f"`{call.prompt_version[:10]}`")
            st.caption(inert(f"{call.model} · {tokens(call)} · {call.latency_s:.2f} s · "
                             f"{outcome(call)}"))
            show_reply(call)


def show_reply(call: CallTrace) -> None:
    """A call's raw reply (or that it was not kept), what was read from it or why not."""
    if call.redacted:
        st.caption(f"Reply not kept: {call.reply_chars or 0:,} characters.")
    else:
        st.code(call.reply or "(empty)", language=None, wrap_lines=True)
    if call.parsed is not None:
        st.caption("Read from it:")
        st.json(call.parsed, expanded=2)
    elif call.error:
        st.caption(f"Not usable: {inert(call.error, 200)}")


def _run_label(r: RunSummary, current: Run) -> str:
    same = " (same query)" if r.query == current.query else ""
    return (f"{r.created_at[:16].replace('T', ' ')} · {r.query[:50]}{same} · prompts "
            f"{r.prompt_version[:8]} · {r.status}")


# --- replay -------------------------------------------------------------------------------
def replay_panel(run: Run, t: CallTrace) -> None:
    if t.redacted:
        st.caption("This call's text was not kept (privacy), so it cannot be sent again.")
        return
    key = f"replay-{run.id}-{t.index}"
    s = state.settings()
    model_label = backend_label(s.resolved_backend, s)
    if t.template:
        st.caption(f"Edit the **{inert(t.block)}** block in place: it is filled with the values "
                   "this call had, and sent with the same system message, history, schema and "
                   f"sampling to the model in use now ({inert(model_label)}). The stored run "
                   "does not change.")
        text = st.text_area(f"The {t.block} block", t.template, height=260, key=f"{key}-text")
    else:
        st.caption("This prompt was not filled from a prompt block: edit it as it is.")
        text = st.text_area("The prompt", prompt_of(t), height=260, key=f"{key}-text")
    if st.button(f"Replay on {model_label}", key=f"{key}-go", icon=":material/replay:"):
        _replay(t, text, key)
    result: replay.Replay | None = st.session_state.get(f"{key}-result")
    if result is None:
        return
    left, right = st.columns(2, gap="medium")
    for col, call, title in ((left, result.old, "As recorded"),
                             (right, result.new, "Replayed now")):
        with col:
            st.markdown(f"**{title}** · {inert(call.model)}")
            st.caption(inert(f"{tokens(call)} · {call.latency_s:.2f} s · {outcome(call)}"))
            show_reply(call)
    if not result.validated and t.kind == "json":
        st.caption("The run's reader could not be looked up: the reply was only parsed as JSON.")
    if t.template:
        _save_row(run, t, text, key)


def _replay(t: CallTrace, text: str, key: str) -> None:
    edit = {"block_text": text} if t.template else {"prompt_text": text}
    try:
        with st.spinner("Sending the call again…"):
            st.session_state[f"{key}-result"] = replay.replay(t, state.model(), **edit)
    except (ModelUnavailable, ModelError, replay.ReplayError) as e:
        st.error(f"Could not replay: {inert(str(e), 300)}", icon=":material/error:")


def _save_row(run: Run, t: CallTrace, text: str, key: str) -> None:
    digest = hashlib.sha256(text.encode()).hexdigest()[:6]
    name_col, save_col = st.columns([3, 2], vertical_alignment="bottom")
    name = name_col.text_input("New prompt version", f"{t.block.replace('_', '-')}-{digest}",
                               key=f"{key}-name-{digest}")
    if save_col.button("Save as a new prompt version", key=f"{key}-save",
                       icon=":material/save:", disabled=text.strip() == t.template.strip(),
                       help="The run's prompt set with this block replaced, in the Prompt "
                            "lab's saved versions"):
        try:
            prompts, base = replay.edited_version(t, text, saved_versions(state.prompt_dir()))
            saved = save_version(prompts, state.prompt_dir(), check_name(name))
        except (ValueError, OSError) as e:
            st.error(f"Not saved: {inert(str(e), 300)}", icon=":material/error:")
            return
        st.success(f"Saved **{inert(name)}** (version `{saved.version}`): {inert(base)} with "
                   f"this {inert(t.block)} block.", icon=":material/check_circle:")
        st.page_link(PROMPT_LAB, label=f"Open {name} in the Prompt lab",
                     icon=":material/edit_note:",
                     query_params={"version": name, "block": t.block})
