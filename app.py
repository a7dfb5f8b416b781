"""GenSERP Playground, the Streamlit entry point: page config, the shared sidebar (which
backend is in use, the runs in progress) and the navigation. Run with `./run.sh`
(`streamlit run serve.py`, which adds the live feed's route)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import streamlit as st

from ui import live_feed, state, visibility
from ui.components import backend_banner, inert

QUEUE_REFRESH_S = 5.0  # a sidebar list of stage names; the live view of a run ticks faster
# A file the app serves itself: a :material/...: page icon is fetched from Google's font CDN.
ICON = Path(__file__).parent / "assets" / "icon.png"

st.set_page_config(page_title="GenSERP Playground", layout="wide", page_icon=str(ICON))

page = st.navigation([
    st.Page("app_pages/playground.py", title="Playground", icon=":material/play_circle:",
            default=True),
    st.Page("app_pages/runs.py", title="Runs", icon=":material/history:", url_path="runs"),
    st.Page("app_pages/heatmaps.py", title="Heatmaps", icon=":material/grid_on:",
            url_path="heatmaps"),
    st.Page("app_pages/prompt_lab.py", title="Prompt lab", icon=":material/edit_note:",
            url_path="prompt_lab"),
    st.Page("app_pages/experiments.py", title="Experiments", icon=":material/science:",
            url_path="experiments"),
    st.Page("app_pages/judge.py", title="Judge", icon=":material/balance:", url_path="judge"),
    st.Page("app_pages/reward.py", title="Reward", icon=":material/thumb_up:",
            url_path="reward"),
    st.Page("app_pages/settings.py", title="Settings", icon=":material/settings:",
            url_path="settings"),
])
st.session_state.page_url_path = page.url_path


def queue_list(known: tuple[str, ...], live: str | None) -> None:
    """Runs queued or running in this app, each with its latest stage (the one shown `live`
    on the Playground says so: its stages are there); click to open one."""
    pending = tuple(state.in_progress())
    if pending != known:
        st.rerun()  # one finished or one was added: redraw the page (and stop ticking if idle)
    if not pending:
        return
    st.markdown("**Runs in progress**")
    store, current = state.workspace().store, state.current_run_id()
    for run_id in pending:
        run = store.get(run_id)
        query = inert(run.query, 34) if run else run_id
        progress = "live on this page" if run_id == live else state.live_view(run_id).progress()
        icon = ":material/visibility:" if run_id == current else ":material/progress_activity:"
        if st.button(f"{query} · {progress}", key=f"queue-{run_id}", width="stretch",
                     icon=icon, help="Shown on the Playground" if run_id == current else None):
            state.open_run(run_id)
            st.switch_page("app_pages/playground.py", query_params={"run": run_id})


try:
    settings = state.settings()
except ValueError as e:  # a bad settings file or environment variable: nothing can run
    st.error(f"The settings are invalid: {inert(str(e), 300)}", icon=":material/error:")
    st.stop()
try:
    state.workspace()
except (OSError, sqlite3.Error) as e:  # only the Settings page can help: let it through
    st.error(f"Cannot use the data directory {inert(str(settings.data_dir))}: "
             f"{inert(str(e), 200)}", icon=":material/error:")
    if page.url_path != "settings":
        st.stop()
else:
    state.sync_current_run()
    with st.sidebar:
        backend_banner(settings)
        pending = tuple(state.in_progress())
        # A run the Playground shows live needs no tick here: its live panel redraws the
        # page when it ends. Each tick, however small, costs the browser about 0.1 s of CPU.
        live = state.current_run_id() if page.url_path == "" and live_feed.mounted() else None
        busy = any(run_id != live for run_id in pending)
        st.fragment(queue_list, run_every=state.refresh_every(QUEUE_REFRESH_S, busy))(pending,
                                                                                     live)
        visibility.watch()

page.run()
