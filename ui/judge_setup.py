"""Who judges and what: the judge's name (once per browser session), the judged experiments
with a report in the data directory, the link that opens one on the Judge page, and two runs
of one query to compare instead."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from serp_core.experiments.catalog import EXPERIMENTS
from serp_core.experiments.summary import JudgedSummary, Pair
from serp_core.human_judgments import HumanJudgments, clean_judge_name

from . import state
from .components import inert

NAME = "judge_name"

def judgments() -> HumanJudgments:
    return HumanJudgments(state.workspace().store.db)


# --- who judges ---------------------------------------------------------------------------
def judge_name() -> str | None:
    """The judge's name, asked once per browser session; None until it is given."""
    if st.session_state.get(NAME):
        left, right = st.columns([2, 1], vertical_alignment="center")
        left.markdown(f"Judging as **{inert(st.session_state[NAME])}**")
        right.button("Change", key="jg_rename", type="tertiary", help="Judge under another name",
                     on_click=st.session_state.pop, args=(NAME,))
        return st.session_state[NAME]
    with st.form("jg_name_form", border=False):
        typed = st.text_input("Your name", key="jg_name_input", max_chars=60,
                              help="Kept with your judgments, so several people can judge "
                                   "the same pairs and their agreement can be measured.")
        if st.form_submit_button("Start judging", type="primary"):
            try:
                st.session_state[NAME] = clean_judge_name(typed)
                st.rerun()
            except ValueError as e:
                st.error(inert(str(e)), icon=":material/error:")
    return None



# --- which pairs --------------------------------------------------------------------------
def judged_reports() -> tuple[dict[str, JudgedSummary], list[str]]:
    """The judged experiments with a report in the data directory (name -> summary), and a
    line for each report that cannot be read."""
    found: dict[str, JudgedSummary] = {}
    problems: list[str] = []
    for name, experiment in EXPERIMENTS.items():
        path = state.settings().experiments_dir / name / "summary.json"
        if experiment.analysis != "judged" or not path.is_file():
            continue
        try:
            summary = JudgedSummary.model_validate(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError) as e:
            problems.append(f"{name}: {str(e).splitlines()[0]}")
            continue
        if summary.verdicts:
            found[name] = summary
    return found, problems


def report_path(name: str) -> Path:
    return state.settings().experiments_dir / name / "summary.json"


def judge_link(name: str) -> str:
    """A link that opens the Judge page on an experiment's pairs."""
    return state.page_url("judge", judge=name)


def two_runs() -> list[Pair]:
    """Pick a query with two finished runs or more, then the two runs to compare."""
    store = state.workspace().store
    done = [r for r in store.list(limit=1000) if r.status == "done"]
    by_query: dict[str, list] = {}
    for r in done:
        by_query.setdefault(r.query, []).append(r)
    queries = [q for q, runs in by_query.items() if len(runs) >= 2]
    if not queries:
        st.info("No query has two finished runs yet: run one twice on the Playground (another "
                "beam, mode or seed), then compare them here.", icon=":material/info:")
        return []
    query = st.selectbox("Query", queries, key="jg_query", format_func=lambda q: inert(q, 80))
    runs = {r.id: r for r in by_query[query]}

    def label(run_id: str) -> str:
        r = runs[run_id]
        return (f"{r.created_at[:16].replace('T', ' ')} · {r.mode} · beam {r.beam} · "
                f"{r.backend} · score {r.best_score if r.best_score is not None else '–'}")

    left, right = st.columns(2)
    ids = list(runs)
    x = left.selectbox("Run X", ids, key="jg_run_x", format_func=label)
    y = right.selectbox("Run Y", [i for i in ids if i != x], key="jg_run_y", format_func=label)
    return [Pair(query=query, vertical=runs[x].vertical, run_x=x, run_y=y)] if y else []
