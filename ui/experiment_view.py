"""An experiment's result on screen, read through its typed summary (experiments.summary):
the arms, the table of its kind, the method, and the figures when they were just drawn."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import BaseModel

from serp_core.experiments.summary import (
    ExperimentSummary,
    HeatmapsSummary,
    JudgedSummary,
    PlacementSummary,
)
from serp_core.traces import cost

from .components import inert
from .people_report import humans_panel

CHART_CONFIG = {"displayModeBar": False}


def frame(rows: list[BaseModel]) -> pd.DataFrame:
    return pd.DataFrame([r.model_dump() for r in rows])


def show_result(summary: ExperimentSummary, figures: dict) -> None:
    arms = pd.DataFrame([{"arm": a.label, "done": a.done, "failed": a.failed,
                          "reused": a.resumed, "prompt version": a.prompt_version,
                          "cost": cost.usd(a.cost_usd)}
                         for a in summary.arms])
    st.markdown(f"**{summary.queries} queries** on `{inert(summary.model)}` · "
                + ", ".join(f"{v} {n}" for v, n in summary.verticals.items()))
    st.dataframe(arms, hide_index=True)
    if isinstance(summary, JudgedSummary):
        st.markdown(f"**Side-by-side verdicts** ({summary.pairs.judged} of "
                    f"{summary.pairs.asked} pairs judged)")
        st.dataframe(frame(summary.table), hide_index=True)
        st.markdown("**Each arm's chosen page**")
        st.dataframe(frame(summary.pointwise), hide_index=True)
        for kind, judged in summary.other_judges.items():
            st.markdown(f"**The {'learned reward' if kind == 'reward' else kind} as judge** "
                        f"(model {judged.model}; mean 0-10 score per arm: "
                        f"{judged.score_mean})")
            st.dataframe(frame(judged.table), hide_index=True)
        humans_panel(summary)
    elif isinstance(summary, PlacementSummary):
        table = frame(summary.table)
        only = st.toggle("Significant only", key="exp_significant")
        st.dataframe(table[table["significant"]] if only else table, hide_index=True)
    elif isinstance(summary, HeatmapsSummary):
        st.dataframe(frame(summary.table), hide_index=True)
    else:
        st.warning("The experiment was stopped before its analysis.", icon=":material/stop:")
        return
    st.caption(" · ".join(f"{k.replace('_', ' ')}: {v}" for k, v in summary.method.items()))
    if not figures:
        st.info("Plots are drawn when the experiment runs: run it again to see them here "
                "(its runs and verdicts are reused).", icon=":material/bar_chart:")
    for name, fig in figures.items():
        st.plotly_chart(fig, config=CHART_CONFIG, key=f"exp_fig_{name}")
