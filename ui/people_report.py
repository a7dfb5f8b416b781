"""What people said about a judged experiment, on the Experiments page: their Table 1, their
agreement and each judge against them, brought up to date from the store."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from serp_core.experiments.human import refresh_report
from serp_core.experiments.summary import JudgedSummary

from .components import inert
from .judge_setup import judge_link, judgments, report_path

HUMAN_COLUMNS = ["group", "n", "judges", "judgments", "mean_score", "sd", "judgment_sd", "wins",
                 "ties", "losses", "statistic", "p", "p_adjusted", "significant", "reason"]


def humans_panel(summary: JudgedSummary) -> JudgedSummary:
    """The people's Table 1 and their agreement, brought up to date from the store (and
    written into the report's summary.json when it exists)."""
    path = report_path(summary.experiment)
    try:
        if path.is_file():
            summary = refresh_report(path, judgments())
    except (OSError, ValueError) as e:
        st.warning(f"The report could not be updated: {inert(str(e), 200)}",
                   icon=":material/warning:")
    humans = summary.humans
    st.markdown(f"**People as judges** ({humans.judgments} judgments by {humans.judges} "
                f"judges, {humans.skipped} skipped) · [judge these pairs]"
                f"({judge_link(summary.experiment)})")
    if not humans.table:
        st.caption("No one has judged these pairs yet: open the link above (or the Judge "
                   "page) and share it with the team.")
        return summary
    st.dataframe(pd.DataFrame([r.model_dump() for r in humans.table])[HUMAN_COLUMNS],
                 hide_index=True)
    labels = {"x": summary.arms[0].label if summary.arms else "X",
              "y": summary.arms[1].label if len(summary.arms) > 1 else "Y", "tie": "a tie"}
    for side, counts in humans.reasons.items():
        st.caption(f"Reasons given for {inert(labels[side])}: "
                   + " · ".join(f"{inert(r, 80)} ({n})" for r, n in list(counts.items())[:6]))
    a = humans.alpha
    interval = f" (95% bootstrap interval {a.low:.2f} to {a.high:.2f})" if a.low is not None \
        else ""
    st.markdown("**Agreement between people:** Krippendorff's α = "
                + (f"{a.alpha:.3f}{interval}, on {a.pairs} pairs judged by two or more"
                   if a.alpha is not None else f"none: {inert(a.reason)}"))
    if humans.agreement:
        st.markdown("**Each judge against the people's mean score per pair**")
        st.dataframe(pd.DataFrame([r.model_dump() for r in humans.agreement]),
                     hide_index=True)
    return summary
