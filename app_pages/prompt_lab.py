"""Prompt lab: edit the first-person monologue blocks and the few-shot layouts, save them as a
named version, choose the version new runs use, and compare two versions on the same
queries as their runs finish.

The set being edited (the draft) lives in session state. Widgets are keyed by a revision
number that changes whenever the draft is replaced wholesale (another version loaded, an
example added or removed, JSON applied), so they start again from the draft; otherwise they
keep the person's edits, which are copied into the draft on every run."""

from __future__ import annotations

import hashlib
import json

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
from serp_core.charts import comparison_figure, layout_preview
from serp_core.llm import ModelUnavailable
from serp_core.prompts import BLOCK_NAMES, Example, PromptSet
from serp_core.prompts.editing import (
    DEFAULT_NAME,
    example_from_rows,
    example_layout,
    example_problems,
    example_rows,
    missing_placeholders,
    placeholders,
    save_version,
    saved_versions,
)
from serp_core.query import BadQuery
from serp_core.schema import GRID_COLS, MAX_ROWS, ContentType, RunConfig
from serp_core.search.local import load_topics
from ui import state
from ui.components import inert

USE_KEY = state.PROMPT_VERSION_KEY
REFRESH_S = 3
CHART_CONFIG = {"displayModeBar": False}
MODES = ("coarse-to-fine", "single-step")
SOURCE_LABELS = {"winners": "Winners only", "candidates": "All candidates"}
NEW_EXAMPLE = {ContentType.chat_answer: (0, 0, 8, 3), ContentType.web: (0, 3, 8, 5)}

ss = st.session_state
versions = saved_versions(state.prompt_dir())
shipped = versions[DEFAULT_NAME]


# --- the draft ----------------------------------------------------------------------------
def load_draft(name: str) -> None:
    ss.lab_draft = versions[name].model_copy(deep=True)
    ss.lab_loaded = name
    ss.lab_example = 0  # the example being edited
    new_revision()


def new_revision() -> None:
    ss.lab_rev = ss.get("lab_rev", 0) + 1


def draft() -> PromptSet:
    return ss.lab_draft


def widget_key(*parts: object) -> str:
    return "_".join(["lab", str(ss.lab_rev), *map(str, parts)])


# --- editing ------------------------------------------------------------------------------
def block_editors() -> None:
    for name, tab in zip(BLOCK_NAMES, st.tabs(list(BLOCK_NAMES)), strict=True):
        with tab:
            text = st.text_area(name, draft().blocks[name], height=300,
                                key=widget_key("block", name), label_visibility="collapsed")
            draft().blocks[name] = text
            found = sorted(placeholders(text))
            st.caption("Filled in by the engine: " + ", ".join(f"`${p}`" for p in found)
                       if found else "This block has no placeholders.")
            missing = missing_placeholders(shipped.blocks[name], text)
            if missing:
                st.warning("The shipped block uses " + ", ".join(f"`${p}`" for p in missing)
                           + ", which this one has dropped: the model will not see that "
                             "information.", icon=":material/warning:")


def example_editor() -> dict[str, bool]:
    """Edit one few-shot example: its table, a grid preview of it, and its raw JSON.
    Returns which example buttons were pressed (acted on after the whole draft is read)."""
    examples = draft().examples
    pressed = {"add": False, "delete": False, "apply_json": False}
    top = st.columns([3, 1, 1], vertical_alignment="bottom")
    if examples:
        ss.lab_example = top[0].selectbox(
            "Example", range(len(examples)), index=min(ss.lab_example, len(examples) - 1),
            key=widget_key("example"),
            format_func=lambda i: f"{examples[i].name} — {examples[i].query}")
    pressed["add"] = top[1].button("Add example", icon=":material/add:", width="stretch")
    pressed["delete"] = top[2].button("Delete example", icon=":material/delete:",
                                      width="stretch", disabled=len(examples) <= 1)
    if not examples:
        st.info("No examples: add one so the model sees what a good layout looks like.")
        return pressed

    index = ss.lab_example
    example = examples[index]
    table_col, preview_col = st.columns([3, 2], gap="medium")
    with table_col:
        name = st.text_input("Name (its file name)", example.name, key=widget_key("ex_name", index))
        query = st.text_input("Query", example.query, key=widget_key("ex_query", index))
        edited = st.data_editor(
            _table_base(index, example), key=widget_key("ex_table", index), num_rows="dynamic",
            hide_index=True, width="stretch", column_config=_table_columns())
        rows = edited.astype(object).where(edited.notna(), None).to_dict("records")
        example, row_problems = example_from_rows(name, query, rows)
        examples[index] = example
        with st.expander("Raw JSON"):
            layout_json = json.dumps(example.model_dump(mode="json")["layout"], indent=2)
            digest = hashlib.sha1(layout_json.encode()).hexdigest()[:8]
            ss.lab_json_text = st.text_area(
                "Layout as JSON: type → {col, row, width, height}", layout_json, height=260,
                key=widget_key("ex_json", index, digest))
            pressed["apply_json"] = st.button("Apply JSON to the table")
    with preview_col:
        st.markdown("**Preview** · the dashed line is the fold")
        st.plotly_chart(layout_preview(example_layout(example)), config=CHART_CONFIG,
                        key=widget_key("ex_preview", index))
        for problem in row_problems + example_problems(example):
            st.warning(inert(problem), icon=":material/grid_off:")
    return pressed


def _table_base(index: int, example: Example) -> pd.DataFrame:
    """The table an editor starts from. It must stay the same while the editor is shown (the
    editor keeps edits relative to it), and start from the draft when the editor is new."""
    key = widget_key("ex_table", index)
    if ss.get("lab_table_base", (None,))[0] != key:
        ss.lab_table_base = (key, pd.DataFrame(example_rows(example),
                                               columns=["type", "col", "row", "width", "height"]))
    return ss.lab_table_base[1]


def _table_columns() -> dict:
    number = st.column_config.NumberColumn
    return {
        "type": st.column_config.SelectboxColumn(
            "Content type", options=[t.value for t in ContentType], required=True, width=125),
        "col": number("Col", min_value=0, max_value=GRID_COLS - 1, step=1, required=True,
                      width="small", help="Left edge, 0-11"),
        "row": number("Row", min_value=0, max_value=MAX_ROWS - 1, step=1, required=True,
                      width="small", help="Top edge; row 0 is the top of the page"),
        "width": number("Width", min_value=1, max_value=GRID_COLS, step=1, required=True,
                        width="small", help="Columns spanned"),
        "height": number("Height", min_value=1, max_value=MAX_ROWS, step=1, required=True,
                         width="small", help="Rows spanned"),
    }


def apply_example_actions(pressed: dict[str, bool]) -> None:
    examples = draft().examples
    if pressed["add"]:
        taken = {e.name for e in examples}
        number = len(examples) + 1
        while f"{number:02d}_new" in taken:
            number += 1
        layout = {t: dict(zip(("col", "row", "width", "height"), box, strict=True))
                  for t, box in NEW_EXAMPLE.items()}
        examples.append(Example(name=f"{number:02d}_new", query="a new example query",
                                layout=layout))
        ss.lab_example = len(examples) - 1
    elif pressed["delete"]:
        examples.pop(ss.lab_example)
        ss.lab_example = max(0, ss.lab_example - 1)
    elif pressed["apply_json"]:
        current = examples[ss.lab_example]
        try:
            layout = json.loads(ss.lab_json_text)
            examples[ss.lab_example] = Example(name=current.name, query=current.query,
                                               layout=layout)
        except ValueError as e:  # JSON and pydantic errors alike; the text stays as typed
            st.error(f"That JSON is not a layout: {inert(_first_line(e), 300)}")
            return
    else:
        return
    new_revision()
    st.rerun()


def _first_line(e: Exception) -> str:
    return str(e).splitlines()[0]


def save_row() -> tuple[str, bool]:
    """Pick the version to edit; name the draft and ask to save it. Returns the name and
    whether Save was pressed: saving waits until the whole draft has been read from the
    widgets below, so it includes the latest edits."""
    cols = st.columns([2, 2, 1], vertical_alignment="bottom")
    names = list(versions)
    chosen = cols[0].selectbox("Edit version", names, index=names.index(ss.lab_loaded),
                               key=widget_key("edit_version"))
    if chosen != ss.lab_loaded:
        load_draft(chosen)
        st.rerun()
    name = cols[1].text_input("Save as", key="lab_save_name", placeholder="e.g. answer-first",
                              help="Lower-case letters, digits, '-' or '_'. Saving under an "
                                   "existing name replaces it.")
    clicked = cols[2].button("Save version", type="primary", width="stretch",
                             icon=":material/save:")
    return name, clicked


def save_draft(name: str) -> None:
    try:
        saved = save_version(draft(), state.prompt_dir(), name)
    except ValueError as e:
        st.error(f"Not saved: {inert(str(e), 500)}")
        return
    ss.lab_flash = ("success", f"Saved **{saved.name}** as version `{saved.version}` in "
                               f"`{state.prompt_dir() / saved.name}`.")
    # Edit it from now on, as read back from disk: exactly what runs will use.
    ss.lab_draft, ss.lab_loaded = saved, saved.name
    new_revision()
    st.rerun()


def show_flash(key: str) -> None:
    """A message left by the run before a st.rerun()."""
    if key in ss:
        kind, text = ss.pop(key)
        (st.success if kind == "success" else st.error)(text)


def draft_status() -> None:
    loaded = versions[ss.lab_loaded]
    if draft().version == loaded.version:
        st.caption(f"Editing **{ss.lab_loaded}** · version `{loaded.version}`")
    else:
        st.caption(f"Editing **{ss.lab_loaded}** (`{loaded.version}`) · unsaved changes, "
                   f"draft version `{draft().version}`")


def edit_tab() -> None:
    name, save_clicked = save_row()
    messages = st.container()  # under the Save button, for what saving says
    with messages:
        show_flash("lab_flash")
    status = st.empty()  # filled last, once every widget's edits are in the draft
    st.subheader("Monologue blocks", divider="gray")
    st.caption("What the model tells itself at each step, in the first person. "
               "`$name` is replaced by the engine.")
    block_editors()
    st.subheader("Few-shot layouts", divider="gray")
    st.caption("Layouts the model is shown before it proposes one. Edit the table; the "
               "preview follows.")
    pressed = example_editor()
    apply_example_actions(pressed)
    if save_clicked:
        with messages:
            save_draft(name)
    with status:
        draft_status()


# --- comparing two versions ---------------------------------------------------------------
def compare_tab() -> None:
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


# --- the page -----------------------------------------------------------------------------
if ss.get("lab_loaded") not in versions:  # first visit, or the folder was removed
    load_draft(ss[USE_KEY] if ss.get(USE_KEY) in versions else DEFAULT_NAME)

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
    edit_tab()
with compare:
    compare_tab()
