"""Small Streamlit pieces every page can use: inert text, rendered pages in sandboxed frames,
tables, and the backend banner."""

from __future__ import annotations

import math
import re
import string
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st
from st_aggrid import AgGrid, GridOptionsBuilder, JsCode

from serp_core.schema import FOLD_ROWS, ROW_HEIGHT_PX
from serp_core.settings import Settings, public_url

from .drawing import one_line
from .state import html_src

# Rendered pages are 1280 px wide; frames show them scaled to fit their column at 1280x800.
ZOOM_FULL = 0.62  # the main column
ZOOM_HALF = 0.3  # one of two columns
ZOOM_WIDE_COLUMN = 0.37  # the wider of two columns split 3:2
PAGE_CHROME_PX = 118 + 24  # the page's header and tab bar, plus a little slack
TABLE_HEADER_PX, TABLE_ROW_PX = 58, 30  # AgGrid's theme, with two-line headers

_MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")


def inert(text: str, limit: int | None = None) -> str:
    """Any text (a query, model output, a corpus title) made literal, on one line, for
    st.markdown and labels: every ASCII punctuation mark is backslash-escaped, so no markdown,
    HTML, emoji shortcode or colour directive in it takes effect."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text, limit))


def page_frame(html: str, rows: int, zoom: float = ZOOM_FULL) -> None:
    """A rendered page in an iframe on a data: URL (an opaque origin; the page's CSP allows
    no script), scaled with CSS zoom so the 1280 px page fits the column."""
    scaled = html.replace("</head>", f"<style>html{{zoom:{zoom}}}</style></head>", 1)
    rows = max(rows, FOLD_ROWS + 1)
    st.iframe(html_src(scaled), height=math.ceil((PAGE_CHROME_PX + rows * ROW_HEIGHT_PX) * zoom))


# Draws a cell's data:image/png URL as an image. The URL is set as a property (never as
# markup), and only our own screenshots' thumbnails are put in such columns.
IMAGE_CELL = JsCode("""
class ImageCell {
  init(params) {
    this.eGui = document.createElement('img');
    if (typeof params.value === 'string' && params.value.startsWith('data:image/png;base64,')) {
      this.eGui.src = params.value;
    }
    this.eGui.style.cssText = 'height:100%;padding:3px 0;box-sizing:border-box;display:block';
  }
  getGui() { return this.eGui; }
}
""")


def table(df: pd.DataFrame, key: str, preselect: int | None = 0, *,
          columns: dict[str, dict] | None = None, images: tuple[str, ...] = (),
          row_px: int = TABLE_ROW_PX) -> pd.Series | None:
    """An AgGrid table with single-row selection (the `preselect` row to begin with), as tall
    as its rows up to a dozen; `columns` overrides AG Grid options per column (width, flex,
    hide); `images` are columns of PNG data URLs drawn as pictures, in rows `row_px` tall.
    Returns the selected row, if any."""
    options = GridOptionsBuilder.from_dataframe(df)
    options.configure_default_column(sortable=True, resizable=True)
    options.configure_columns(list(df.columns), filter=False, suppressHeaderMenuButton=True,
                              wrapHeaderText=True, autoHeaderHeight=True)
    for name in images:
        options.configure_column(name, cellRenderer=IMAGE_CELL, sortable=False)
    if row_px != TABLE_ROW_PX:
        options.configure_grid_options(rowHeight=row_px)
    for name, column in (columns or {}).items():
        options.configure_column(name, **column)
    options.configure_selection("single", pre_selected_rows=[str(preselect)]
                                if preselect is not None else [])
    # The key follows the data: with a fixed key AgGrid keeps showing a stale table.
    version = int(pd.util.hash_pandas_object(df, index=False).sum()) if len(df) else 0
    grid = AgGrid(df, gridOptions=options.build(), update_on=["selectionChanged"],
                  key=f"{key}-{version}", allow_unsafe_jscode=bool(images),
                  height=TABLE_HEADER_PX + row_px * min(len(df), 12),
                  show_search=False, show_download_button=False)
    rows = grid.selected_rows
    return rows.iloc[0] if rows is not None and len(rows) else None


def backend_label(backend: str, settings: Settings, model_name: str = "") -> str:
    """A few words naming a backend, for banners and captions."""
    if backend == "local":
        return "embedded SmolLM2-135M (offline)"
    host = urlsplit(public_url(settings.base_url)).netloc if settings.base_url else \
        "api.openai.com"
    return f"OpenAI-compatible: {model_name or settings.openai_model} at {host}"


def backend_banner(settings: Settings) -> None:
    """Which backend new runs use; the embedded one is small and meant for offline trials."""
    label = inert(backend_label(settings.resolved_backend, settings))
    if settings.resolved_backend == "local":
        st.warning(f"**Backend:** {label}. The embedded model is small and meant for offline "
                   "trials; set an endpoint or API key on the Settings page for better pages.",
                   icon=":material/memory:")
    else:
        st.info(f"**Backend:** {label}.", icon=":material/cloud:")


def show_flash(key: str) -> None:
    """A message (kind, text) left in session state by the run before a st.rerun()."""
    if key in st.session_state:
        kind, text = st.session_state.pop(key)
        (st.success if kind == "success" else st.error)(text)
