"""The Prompt lab's comparison: the same queries run on two prompt versions, their best scores
side by side and where each version puts every content type, updating as runs finish."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from serp_core.analysis import (
    MAX_RUNS,
    Cell,
    Comparison,
    RunFilter,
    Selection,
    compare_versions,
    placement_maps,
)
from serp_core.charts import comparison_figure
from serp_core.llm import ModelUnavailable
from serp_core.prompts import PromptSet
from serp_core.query import BadQuery
from serp_core.schema import RunConfig
from serp_core.search.local import load_topics

from . import state
from .components import inert, show_flash

REFRESH_S = 3
CHART_CONFIG = {"displayModeBar": False}
MODES = ("coarse-to-fine", "single-step")
SOURCE_LABELS = {"winners": "Winners only", "candidates": "All candidates"}

ss = st.session_state


def compare_tab(versions: dict[str, PromptSet]) -> None:
    st.caption("Run the same queries with two versions, then compare their best scores and "
               "where they put each content type. Results update as runs finish.")
    names = list(versions)
    cols = st.columns(2)
    a = cols[0].selectbox("Version A", names, key="lab_cmp_a")
    b = cols[1].selectbox("Version B", names, index=min(1, len(names) - 1), key="lab_cmp_b")
    same = versions[a].version == versions[b].version
    if same:
        st.warning(f"A and B have the same content (version `{versions[a].version}`): save "
                   "an edited version in the Edit tab, then pick it here.")
    topics = {t.text: t.vertical for t in load_topics()}
    picked = st.multiselect("Demo queries", list(topics), key="lab_cmp_topics",
                            format_func=lambda q: f"{q} · {topics[q]}",
                            placeholder="Pick from the 200 bundled queries")
    typed = st.text_area("Or type queries, one per line", key="lab_cmp_typed", height=80)
    queries = list(dict.fromkeys(picked + [q.strip() for q in typed.splitlines() if q.strip()]))
    cols = st.columns([1, 2, 3], vertical_alignment="bottom")
    beam = cols[0].number_input("Beam", min_value=1, max_value=8, value=1, key="lab_cmp_beam",
                                help="Candidates per run; 1 is greedy and quickest.")
    mode = cols[1].selectbox("Mode", MODES, key="lab_cmp_mode")
    label = f"Run {len(queries)} quer{'y' if len(queries) == 1 else 'ies'} on both versions"
    if cols[2].button(label, type="primary", disabled=same or not queries,
                      icon=":material/play_arrow:"):
        submit_runs(queries, [versions[a], versions[b]],
                    RunConfig(backend=state.settings().resolved_backend, beam=beam, mode=mode))
        st.rerun()  # the whole app, so the sidebar lists the new runs
    show_flash("lab_cmp_flash")
    if not same:
        st.fragment(live_comparison, run_every=state.refresh_every(REFRESH_S))(
            a, versions[a].version, b, versions[b].version,
                        RunFilter(backend=frozenset({state.settings().resolved_backend}),
                                  mode=frozenset({mode}), beam=frozenset({beam})))


def submit_runs(queries: list[str], prompt_sets: list[PromptSet], config: RunConfig) -> None:
    """Queue one run per query and version, alternating versions so both progress together."""
    refused = []
    for query in queries:
        for prompts in prompt_sets:
            try:
                state.submit_run(query, config, prompts)
            except BadQuery as e:
                refused.append(f"“{inert(query, 80)}”: {inert(str(e), 200)}")
                break
            except ModelUnavailable as e:
                ss.lab_cmp_flash = ("error", f"No model: {inert(str(e), 300)}")
                return
    if refused:
        ss.lab_cmp_flash = ("error", "Not run: " + "; ".join(refused))


def live_comparison(a: str, a_version: str, b: str, b_version: str, setup: RunFilter) -> None:
    """Only runs made like the ones this tab starts (same backend, mode and beam) count."""
    runs = state.workspace().store.list(MAX_RUNS)
    comparison = compare_versions(runs, a_version, b_version, setup)
    if not comparison.rows:
        st.info("No query has been run on both versions yet: pick some above and press Run.",
                icon=":material/compare:")
        return
    cols = st.columns(3)
    cols[0].metric(f"A · {a} · mean best score", _mean(comparison.mean_a))
    delta = _delta(comparison.mean_b, comparison.mean_a)
    cols[1].metric(f"B · {b} · mean best score", _mean(comparison.mean_b), delta=delta,
                   delta_color="off" if delta and delta.startswith("+0.00") else "normal")
    cols[2].metric("Queries scored on both", comparison.paired)
    if comparison.pending:
        runs_word = "run is" if comparison.pending == 1 else "runs are"
        st.caption(f"{comparison.pending} {runs_word} still queued or running: the scores, "
                   f"table and heatmaps fill in as they finish.")
    st.dataframe(comparison_table(comparison, a, b), hide_index=True, width="stretch")

    source = st.radio("Heatmaps count", list(SOURCE_LABELS), format_func=SOURCE_LABELS.get,
                      horizontal=True, key="lab_cmp_source")
    reader = state.layout_reader()
    maps = [placement_maps(reader, runs, Selection(
        filter=setup.model_copy(update={"prompt_version": frozenset({v}),
                                        "query": comparison.queries}),
        source=source)) for v in (a_version, b_version)]
    if not (maps[0].layouts and maps[1].layouts):
        st.caption("The heatmaps appear once both versions have layouts to show.")
        return
    st.caption(f"A: {maps[0].layouts} layouts, B: {maps[1].layouts} layouts, over the queries "
               f"in the table. Bottom row: red where A covers a cell more often, blue where B "
               f"does.")
    st.plotly_chart(comparison_figure(maps[0], maps[1], names=(a, b)), config=CHART_CONFIG,
                    key="lab_cmp_chart")


def comparison_table(comparison: Comparison, a: str, b: str) -> pd.DataFrame:
    return pd.DataFrame([
        {"Query": r.query, f"A · {a}": _cell(r.a), f"B · {b}": _cell(r.b),
         "A − B": (f"{r.a.score - r.b.score:+.1f}"
                   if r.a.score is not None and r.b.score is not None else "")}
        for r in comparison.rows])


def _cell(cell: Cell) -> str:
    if cell.status == "done":
        return _score(cell.score)
    return {"queued": "queued", "running": "running…", "failed": "failed"}.get(cell.status, "—")


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _delta(value: float | None, reference: float | None) -> str | None:
    return None if value is None or reference is None else f"{value - reference:+.2f} vs A"
