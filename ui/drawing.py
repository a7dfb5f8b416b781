"""Pure drawing pieces, no Streamlit: text on one line, the grid diagram of a layout and the
legend of its colours. Importable before Streamlit's runtime exists (serve.py's route)."""

from __future__ import annotations

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


def one_line(text: str, limit: int | None = None) -> str:
    """The text on one line (runs of whitespace made one space), cut to `limit` characters."""
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


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
