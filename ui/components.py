"""Small drawing pieces every page can use: inert text, the grid diagram and its legend,
rendered pages in sandboxed frames, and the backend banner."""

from __future__ import annotations

import math
import re
import string
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st
from st_aggrid import AgGrid, GridOptionsBuilder, JsCode

from serp_core.grid import TYPE_LETTER
from serp_core.palette import TYPE_COLORS, TYPE_LABELS
from serp_core.schema import (
    FOLD_ROWS,
    GRID_COLS,
    ROW_HEIGHT_PX,
    SURFACE_WIDTH_PX,
    ContentType,
    Layout,
)
from serp_core.settings import Settings, public_url

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
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def grid_svg(layout: Layout, width: int = 240) -> str:
    """A 12-column drawing of a layout: one coloured box per block, the fold as a dashed
    line. Built only from numbers and content-type names."""
    cell_w = width / GRID_COLS
    cell_h = cell_w * ROW_HEIGHT_PX / (SURFACE_WIDTH_PX / GRID_COLS)
    rows = max(layout.rows_used(), FOLD_ROWS + 1)
    height = rows * cell_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 {width + 2} {height + 2:.1f}" '
        f'width="{width + 2}" height="{height + 2:.0f}">',
        f'<rect width="{width}" height="{height:.1f}" fill="#f6f7f9" stroke="#d7dbe0"/>',
    ]
    for c in range(1, GRID_COLS):
        parts.append(f'<line x1="{c * cell_w:.1f}" y1="0" x2="{c * cell_w:.1f}" '
                     f'y2="{height:.1f}" stroke="#e6e9ed" stroke-width="0.6"/>')
    for b in layout.blocks:
        x, y = b.col * cell_w + 1, b.row * cell_h + 1
        w, h = b.width * cell_w - 2, b.height * cell_h - 2
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="3" '
            f'fill="{TYPE_COLORS[b.type]}" fill-opacity="0.85"/>'
            f'<text x="{x + w / 2:.1f}" y="{y + h / 2 + 4:.1f}" text-anchor="middle" '
            f'font-family="sans-serif" font-size="11" font-weight="700" fill="#fff">'
            f'{TYPE_LETTER[b.type]}</text>')
    fold = FOLD_ROWS * cell_h
    parts.append(f'<line x1="0" y1="{fold:.1f}" x2="{width}" y2="{fold:.1f}" stroke="#e11d48" '
                 'stroke-width="1.2" stroke-dasharray="4 3"/>')
    parts.append("</svg>")
    return "".join(parts)


def legend_html(types: list[ContentType] | None = None) -> str:
    """Colour chips naming the content types (all of them by default)."""
    chips = "".join(
        f'<span style="display:inline-flex;align-items:center;gap:5px;margin:0 14px 4px 0">'
        f'<span style="width:16px;height:16px;border-radius:3px;background:{TYPE_COLORS[t]};'
        f'color:#fff;font:700 10px sans-serif;display:inline-flex;align-items:center;'
        f'justify-content:center">{TYPE_LETTER[t]}</span>{TYPE_LABELS[t]}</span>'
        for t in (types or list(ContentType)))
    fold = ('<span style="display:inline-flex;align-items:center;gap:5px">'
            '<span style="width:18px;border-top:2px dashed #e11d48"></span>fold (720 px)</span>')
    return f'<div style="font:13px sans-serif;color:#31333f">{chips}{fold}</div>'


def grid_diagram(layout: Layout, caption: str = "", width: int = 240) -> None:
    """The layout's grid drawing with a caption (st.html would strip the SVG)."""
    st.image(grid_svg(layout, width), caption=caption or None, width=width + 2)


def legend(types: list[ContentType] | None = None) -> None:
    st.html(legend_html(types))


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
