"""Runs: every saved run; open one, share a link to it, export it, redo one that did not
finish."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from serp_core.export import candidate_html
from serp_core.llm import ModelUnavailable
from serp_core.redo import REDOABLE
from serp_core.store import RunSummary
from ui import state
from ui.components import ZOOM_FULL, inert, page_frame, table
from ui.exports import pages_zip, result_json
from ui.run_view import config_caption
from ui.trace_view import trace_view

MODES = {"coarse-to-fine": "coarse-to-fine", "single-step": "single step", "template": "template"}
STATUSES = {"done": "✓ done", "failed": "✗ failed", "interrupted": "⚠ interrupted",
            "running": "▶ running", "queued": "… queued"}


def history_table(runs: list[RunSummary]) -> pd.DataFrame:
    return pd.DataFrame([{
        "When": r.created_at[:16].replace("T", " "),
        "Query": r.query,
        "Vertical": r.vertical,
        "Status": STATUSES.get(r.status, r.status),
        "Mode": MODES.get(r.mode, r.mode),
        "Score": r.best_score,
        "Backend": "embedded" if r.backend == "local" else "OpenAI",
        "Id": r.id,
    } for r in runs])


def pick_run(runs: list[RunSummary]) -> str:
    """The run chosen in the table; a new selection also becomes the current run."""
    df = history_table(runs)
    ids = list(df["Id"])
    current = state.current_run_id()
    row = table(df, key="runs",
                preselect=ids.index(current) if current in ids else None,
                columns={"When": {"width": 135}, "Query": {"flex": 1, "minWidth": 200},
                         "Vertical": {"width": 110}, "Status": {"width": 115},
                         "Mode": {"width": 120}, "Score": {"width": 75},
                         "Backend": {"width": 95}, "Id": {"hide": True}})
    chosen = str(row["Id"]) if row is not None else None
    if chosen and chosen != st.session_state.get("runs_last_selected"):
        st.session_state.runs_last_selected = chosen
        if chosen != current:
            state.open_run(chosen)
            current = chosen
    return current if current in ids else ids[0]


st.title("Runs")
HISTORY_LIMIT = 200
runs = state.workspace().store.list(HISTORY_LIMIT)
if not runs:
    st.info("No runs yet: start one on the Playground.", icon=":material/info:")
    st.page_link("app_pages/playground.py", label="Go to the Playground",
                 icon=":material/play_circle:")
    st.stop()

shown = (f"the latest {HISTORY_LIMIT} runs" if len(runs) == HISTORY_LIMIT
         else f"{len(runs)} run{'s' if len(runs) != 1 else ''}")
st.caption(f"{shown.capitalize()}, newest first. Select one to open, share or export it.")
run_id = pick_run(runs)
run = state.workspace().store.get(run_id)
if run is None:  # deleted by someone else in the meantime
    st.error(f"There is no run {inert(run_id, 40)} any more.")
    st.stop()

st.markdown(f"### {inert(run.query)}")
st.caption(inert(config_caption(run)))
if run.status in REDOABLE:
    what = "failed" if run.status == "failed" else (
        f"was interrupted (found so at {run.interrupted_at:%Y-%m-%d %H:%M} UTC)"
        if run.interrupted_at else "was interrupted")
    st.error(f"This run {what}: {inert(run.error or 'no reason recorded', 300)}")
    if st.button("Redo", icon=":material/replay:", key="redo",
                 help="Run it again as a new run: the same query, configuration and prompt "
                 "version"):
        try:
            new_id = state.redo_run(run.id)
        except (ValueError, ModelUnavailable) as e:
            st.error(inert(str(e), 300))
        else:
            st.switch_page("app_pages/playground.py", query_params={"run": new_id})
elif run.status != "done":
    st.info(f"This run is {run.status}: its pages can be exported once it ends.",
            icon=":material/hourglass_top:")

open_col, json_col, zip_col, delete_col = st.columns(4, vertical_alignment="center")
open_col.page_link("app_pages/playground.py", label="Open in Playground",
                   icon=":material/open_in_new:", query_params={"run": run.id})
json_col.download_button("result.json", partial(result_json, run),
                         file_name=f"genserp-{run.id}.json", mime="application/json",
                         icon=":material/download:", width="stretch", on_click="ignore",
                         help="The run as the command line's result.json")
best = run.winner
done = run.status == "done" and best is not None
# A run that ended without finishing exports the candidates it got to.
exportable = done or (run.status in REDOABLE and bool(run.candidates))
zip_col.download_button("Pages (zip)",
                        partial(pages_zip, run, state.baseline_for(run), state.screenshots())
                        if exportable else b"",
                        file_name=f"genserp-{run.id}-pages.zip", mime="application/zip",
                        icon=":material/folder_zip:", width="stretch", on_click="ignore",
                        disabled=not exportable,
                        help="Every candidate, the best page and the template page, as HTML "
                        "and as full-page screenshots (PNG)")
delete_col.button("Delete", icon=":material/delete:", width="stretch",
                  on_click=state.delete_run, args=(run.id,),
                  disabled=run.id in state.runner().pending())

st.markdown("**Shareable link**: anyone with access to this app can open the run with it.")
st.code(state.share_url(run.id), language=None)

if done:
    st.markdown(f"**Winning page**: candidate {best.index}, score {best.score:g}/10")
    page_frame(candidate_html(run, best.index), best.layout.rows_used(), ZOOM_FULL)

st.markdown("#### Trace: every model call")
trace_view(run)
