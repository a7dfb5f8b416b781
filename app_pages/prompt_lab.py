"""Prompt lab: edit the first-person monologue blocks and the few-shot layouts, save them as a
named version, choose the version new runs use, and compare two versions on the same
queries as their runs finish (the editor and the comparison are ui.prompt_editor and
ui.prompt_comparison)."""

from __future__ import annotations

import streamlit as st

from serp_core.prompts.editing import DEFAULT_NAME, saved_versions
from ui import state
from ui.prompt_comparison import compare_tab
from ui.prompt_editor import edit_tab, open_draft

USE_KEY = state.PROMPT_VERSION_KEY
ss = st.session_state
versions = saved_versions(state.prompt_dir())
open_draft(versions, ss[USE_KEY] if ss.get(USE_KEY) in versions else DEFAULT_NAME)

st.title("Prompt lab")
st.caption("The model is steered by first-person monologue blocks and a few example layouts. "
           "Edit them, save a named version, and compare two versions on the same queries.")
use_col, about_col = st.columns([1, 2], vertical_alignment="bottom")
current = ss.get(USE_KEY) if ss.get(USE_KEY) in versions else DEFAULT_NAME
ss[USE_KEY] = use_col.selectbox(
    "New runs use", list(versions), index=list(versions).index(current), key="lab_use",
    help="The prompt version the Playground starts new runs with.")
about_col.caption(f"Version id `{versions[ss[USE_KEY]].version}`: a hash of the blocks and "
                  f"examples, recorded on every run.")

edit, compare = st.tabs(["Edit", "Compare two versions"])
with edit:
    edit_tab(versions)
with compare:
    compare_tab(versions)
