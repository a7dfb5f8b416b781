"""The Prompt lab's editor: the monologue blocks and the few-shot layouts of a draft prompt set,
saved as a named version.

The set being edited (the draft) lives in session state. Widgets are keyed by a revision
number that changes whenever the draft is replaced wholesale (another version loaded, an
example added or removed, JSON applied), so they start again from the draft; otherwise they
keep the person's edits, which are copied into the draft on every run."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import streamlit as st

from serp_core.charts import layout_preview
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
)
from serp_core.schema import GRID_COLS, MAX_ROWS, ContentType

from . import state
from .components import inert, show_flash

CHART_CONFIG = {"displayModeBar": False}
NEW_EXAMPLE = {ContentType.chat_answer: (0, 0, 8, 3), ContentType.web: (0, 3, 8, 5)}

ss = st.session_state


# --- the draft ----------------------------------------------------------------------------
def open_draft(versions: dict[str, PromptSet], name: str) -> None:
    """Start editing a copy of the named version, unless a draft of a version that still
    exists is being edited already."""
    if ss.get("lab_loaded") not in versions:  # first visit, or the folder was removed
        load_draft(versions, name)
    linked = st.query_params.pop("version", None)  # a version saved from a trace's replay
    if linked in versions and draft().version == versions[ss.lab_loaded].version:
        load_draft(versions, linked)  # only over a draft with no unsaved edits


def load_draft(versions: dict[str, PromptSet], name: str) -> None:
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
def block_editors(shipped: PromptSet) -> None:
    linked = st.query_params.get("block")  # a trace's link opens its block's tab
    tabs = st.tabs(list(BLOCK_NAMES), default=linked if linked in BLOCK_NAMES else None)
    for name, tab in zip(BLOCK_NAMES, tabs, strict=True):
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


def save_row(versions: dict[str, PromptSet]) -> tuple[str, bool]:
    """Pick the version to edit; name the draft and ask to save it. Returns the name and
    whether Save was pressed: saving waits until the whole draft has been read from the
    widgets below, so it includes the latest edits."""
    cols = st.columns([2, 2, 1], vertical_alignment="bottom")
    names = list(versions)
    chosen = cols[0].selectbox("Edit version", names, index=names.index(ss.lab_loaded),
                               key=widget_key("edit_version"))
    if chosen != ss.lab_loaded:
        load_draft(versions, chosen)
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


def draft_status(versions: dict[str, PromptSet]) -> None:
    loaded = versions[ss.lab_loaded]
    if draft().version == loaded.version:
        st.caption(f"Editing **{ss.lab_loaded}** · version `{loaded.version}`")
    else:
        st.caption(f"Editing **{ss.lab_loaded}** (`{loaded.version}`) · unsaved changes, "
                   f"draft version `{draft().version}`")


def edit_tab(versions: dict[str, PromptSet]) -> None:
    """The whole editor: pick a version, edit its blocks and examples, save it."""
    name, save_clicked = save_row(versions)
    messages = st.container()  # under the Save button, for what saving says
    with messages:
        show_flash("lab_flash")
    status = st.empty()  # filled last, once every widget's edits are in the draft
    st.subheader("Monologue blocks", divider="gray")
    st.caption("What the model tells itself at each step, in the first person. "
               "`$name` is replaced by the engine.")
    block_editors(versions[DEFAULT_NAME])
    st.subheader("Few-shot layouts", divider="gray")
    st.caption("Layouts the model is shown before it proposes one. Edit the table; the "
               "preview follows.")
    pressed = example_editor()
    apply_example_actions(pressed)
    if save_clicked:
        with messages:
            save_draft(name)
    with status:
        draft_status(versions)
