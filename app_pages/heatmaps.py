"""Placement heatmaps: how often each content type covers each grid cell, over the stored
runs that pass the filters (the GenSERP paper's Fig. 5), and the difference between two
selections. Redrawn from the store every few seconds, so runs in progress show up live."""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from serp_core.analysis import (
    FILTER_FIELDS,
    MAX_RUNS,
    PlacementMaps,
    RunFilter,
    Selection,
    filter_options,
    placement_maps,
)
from serp_core.charts import comparison_figure, placement_figure
from serp_core.prompts.editing import saved_versions, version_names
from ui import state

REFRESH_S = 3
CHART_CONFIG = {"displayModeBar": False}
FIELD_LABELS = {"vertical": "Vertical", "backend": "Backend",
                "prompt_version": "Prompt version", "mode": "Mode"}
SOURCE_LABELS = {"candidates": "All candidates", "winners": "Winners only"}
VIEWS = ("Placement", "Difference A − B")


def selection_inputs(key: str, options: dict[str, list[str]], version_label,
                     default_source: str = "candidates", narrow: bool = False) -> Selection:
    """The widgets that pick a selection of runs, in one row (or, when `narrow`, the source
    above two rows of filters); an empty filter means any value."""
    if narrow:
        source_cell, cells = st.container(), [*st.columns(2), *st.columns(2)]
    else:
        source_cell, *cells = st.columns(5)
    source = source_cell.radio("Count", list(SOURCE_LABELS), format_func=SOURCE_LABELS.get,
                               index=list(SOURCE_LABELS).index(default_source),
                               key=f"{key}_source", horizontal=narrow,
                               help="Every candidate layout, or only the one the scorer chose.")
    chosen = {}
    for cell, field in zip(cells, FILTER_FIELDS, strict=True):
        label = version_label if field == "prompt_version" else str
        chosen[field] = frozenset(cell.multiselect(
            FIELD_LABELS[field], options[field], key=f"{key}_{field}", placeholder="any",
            format_func=label))
    return Selection(filter=RunFilter(**chosen), source=source)


def basis(maps: PlacementMaps, selection: Selection) -> str:
    """What a map rests on, in one line."""
    text = (f"{maps.runs} run{'s' * (maps.runs != 1)} · "
            f"{maps.layouts} layout{'s' * (maps.layouts != 1)}")
    if maps.in_progress:
        how = ("their latest layouts are counted" if selection.source == "candidates"
               else "not counted until they pick a winner")
        text += f" · {maps.in_progress} in progress ({how})"
    return text


def live_placement(selection: Selection) -> None:
    runs = state.workspace().store.list(MAX_RUNS)
    maps = placement_maps(state.layout_reader(), runs, selection)
    st.markdown(f"**Based on** {basis(maps, selection)}")
    if not maps.layouts:
        st.info("No layouts match these filters yet.", icon=":material/filter_alt_off:")
        return
    st.plotly_chart(placement_figure(maps), config=CHART_CONFIG, key="hm_placement_chart")


def live_difference(a: Selection, b: Selection) -> None:
    runs = state.workspace().store.list(MAX_RUNS)
    reader = state.layout_reader()
    maps_a, maps_b = (placement_maps(reader, runs, s) for s in (a, b))
    st.markdown(f"**A** rests on {basis(maps_a, a)}  \n**B** rests on {basis(maps_b, b)}")
    if not (maps_a.layouts and maps_b.layouts):
        st.info("Both selections need at least one layout to compare.",
                icon=":material/filter_alt_off:")
        return
    st.caption("Bottom row: red where A covers a cell more often than B, blue where B does.")
    st.plotly_chart(comparison_figure(maps_a, maps_b), config=CHART_CONFIG,
                    key="hm_difference_chart")


def link_to_playground() -> None:
    # Without app.py's navigation (the page run on its own) there is no page to link to.
    with contextlib.suppress(StreamlitPageNotFoundError):
        st.page_link("app_pages/playground.py", label="Open the Playground",
                     icon=":material/play_arrow:")


st.title("Placement heatmaps")
st.caption("How often each content type covers each cell of the 12-column grid, over the "
           "runs you pick. Row 0 is the top of the page; the dashed line is the fold, the "
           "end of the first screen.")

all_runs = state.workspace().store.list(MAX_RUNS)
if not all_runs:
    st.info("No runs yet. Generate a page on the Playground and its layouts appear here "
            "while it runs.", icon=":material/grid_on:")
    link_to_playground()
    st.stop()

options = filter_options(all_runs)
names = version_names(saved_versions(state.prompt_dir()))


def version_label(version: str) -> str:
    return f"{names[version]} · {version[:7]}" if version in names else version


view = st.radio("View", VIEWS, horizontal=True, key="hm_view", label_visibility="collapsed")
if view == VIEWS[0]:
    selection = selection_inputs("hm", options, version_label)
    st.fragment(live_placement, run_every=state.refresh_every(REFRESH_S))(selection)
else:
    left, right = st.columns(2, gap="large")
    with left.container(border=True):
        st.markdown("**Selection A**")
        sel_a = selection_inputs("hm_a", options, version_label, "winners", narrow=True)
    with right.container(border=True):
        st.markdown("**Selection B**")
        sel_b = selection_inputs("hm_b", options, version_label, "candidates", narrow=True)
    st.fragment(live_difference, run_every=state.refresh_every(REFRESH_S))(sel_a, sel_b)
