"""Judge: people compare two results pages side by side, as the GenSERP paper's annotators did
(0-10, 5 = tie, 1-3 reasons), on a judged experiment's pairs or on two runs of one query.
`?judge=<experiment>` opens an experiment's pairs: a link a team can share."""

from __future__ import annotations

import streamlit as st

from serp_core.experiments.catalog import EXPERIMENTS
from serp_core.experiments.human import experiment_pairs
from ui import judge_setup, judging
from ui.components import inert

SOURCES = ("A judged experiment", "Two runs of one query")

st.title("Judge")
st.caption("Two results pages for one query, side by side: score which one serves the person "
           "who searched better and say why, as the GenSERP paper's annotators did. Which side "
           "each page is on is drawn for each judge; scores are kept beside the model judges'.")

who, what = st.columns([2, 3], vertical_alignment="center")
with who:
    judge = judge_setup.judge_name()
if judge is None:
    st.stop()

reports, problems = judge_setup.judged_reports()
for problem in problems:
    st.warning(f"A report cannot be read: {inert(problem, 200)}", icon=":material/warning:")
linked = st.query_params.get("judge")
if linked and linked not in reports:
    st.error(f"There is no judged report for “{inert(linked, 60)}” in this data directory: run "
             "that experiment on the Experiments page first.", icon=":material/error:")
source = what.radio("What to judge", SOURCES, key="jg_source", horizontal=True,
                    index=1 if not reports else 0, label_visibility="collapsed")

if source == SOURCES[0]:
    if not reports:
        st.info("No judged experiment has been run yet: run “Beam search vs greedy”, "
                "“Coarse-to-fine vs single-step” or “GenSERP vs the template page” on the "
                "Experiments page, then judge its pairs here.", icon=":material/science:")
        st.stop()
    if linked in reports and "jg_experiment" not in st.session_state:
        st.session_state.jg_experiment = linked  # a shared link opens its experiment
    pick, link = st.columns([3, 2], vertical_alignment="bottom")
    name = pick.selectbox("Experiment", list(reports), key="jg_experiment", index=None,
                          placeholder="Choose an experiment",
                          format_func=lambda n: f"{EXPERIMENTS[n].paper} · "
                                                f"{EXPERIMENTS[n].title}")
    if name is None:
        st.stop()
    st.query_params["judge"] = name  # the address bar is the session's shareable link
    summary = reports[name]
    link.code(judge_setup.judge_link(name), language=None, wrap_lines=True)
    st.caption(f"{len(summary.verdicts)} pairs, one per query: the chosen pages of "
               f"{inert(summary.arms[0].label if summary.arms else 'X')} and "
               f"{inert(summary.arms[1].label if len(summary.arms) > 1 else 'Y')}, shown "
               "unlabelled. Share the link beside the experiment so the team judges the same "
               "set; each judge's place in it is kept.")
    session, pairs = name, experiment_pairs(summary)
else:
    session, pairs = "", judge_setup.two_runs()
    if not pairs:
        st.stop()

judging.judging_panel(judging.open_judging(judge, session, pairs))
