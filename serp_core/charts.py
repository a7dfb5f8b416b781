"""Every Plotly figure of the engine: placement heatmaps, layout previews, the experiments'
verdicts and effect sizes, the learned reward's evidence; drawn by the app's pages and by
experiment reports.

Every grid is drawn the way the page is read: 12 columns across, row 0 at the top, and a
dashed line under the last row of the first screen (the fold)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .analysis import PlacementMaps, difference, used_rows
from .experiments.summary import JudgedRow, PlacementRow
from .geometry import COL_WIDTH_PX
from .palette import TYPE_COLORS, TYPE_LABELS
from .schema import (
    FOLD_ROWS,
    GRID_COLS,
    MAX_ROWS,
    ROW_HEIGHT_PX,
    ContentType,
    Layout,
)

TYPES = list(ContentType)
MIN_ROWS_SHOWN = FOLD_ROWS + 4  # always show a little below the fold
PLOT_WIDTH_PX = 700  # what the panels get across a wide page at 1280 px, beside the sidebar
FOLD_COLOR = "#d9480f"
SHARE_SCALE = "Blues"
DIFF_SCALE = [[0.0, "#2166ac"], [0.5, "#f7f7f7"], [1.0, "#b2182b"]]  # B blue, A red
FONT = {"family": "Source Sans Pro, sans-serif", "size": 12}
def placement_figure(maps: PlacementMaps, columns: int = 4) -> go.Figure:
    """One small heatmap per content type: the share of layouts covering each cell."""
    rows = _rows_shown(maps.maps)
    titles = [f"{TYPE_LABELS[t]} · in {maps.present[t]} of {maps.layouts}" for t in TYPES]
    fig = _panel_grid(len(TYPES) // columns, columns, titles, rows)
    for i, t in enumerate(TYPES):
        _add_heatmap(fig, maps.maps[t][:rows], i // columns + 1, i % columns + 1,
                     t, coloraxis="coloraxis")
    fig.update_layout(coloraxis=_share_axis())
    return _finish(fig, rows, panel_rows=len(TYPES) // columns, panel_width=columns)


def comparison_figure(a: PlacementMaps, b: PlacementMaps,
                      names: Sequence[str] = ()) -> go.Figure:
    """Three rows of panels, one column per type: A, B, and A − B on a diverging scale that
    spans the largest difference, so that small shifts still show. `names` label A and B."""
    diff = difference(a, b)
    span = max(0.1, math.ceil(10 * max(float(np.abs(d).max()) for d in diff.values())) / 10)
    rows = _rows_shown(a.maps, b.maps)
    fig = _panel_grid(3, len(TYPES), [TYPE_LABELS[t] for t in TYPES] + [""] * 2 * len(TYPES),
                      rows)
    for col, t in enumerate(TYPES, start=1):
        _add_heatmap(fig, a.maps[t][:rows], 1, col, t, coloraxis="coloraxis")
        _add_heatmap(fig, b.maps[t][:rows], 2, col, t, coloraxis="coloraxis")
        _add_heatmap(fig, diff[t][:rows], 3, col, t, coloraxis="coloraxis2", signed=True)
    row_names = [f"A · {n}" for n in names[:1]] or ["A"]
    row_names += [f"B · {n}" for n in names[1:2]] or ["B"]
    for row, name in enumerate([*row_names, "A − B"], start=1):
        fig.update_yaxes(title_text=name, title_font={"size": 12}, row=row, col=1)
    fig.update_layout(
        coloraxis=_share_axis(y=1.0, length=0.64),
        coloraxis2={"colorscale": DIFF_SCALE, "cmin": -span, "cmid": 0, "cmax": span,
                    "colorbar": {"title": {"text": "A − B",
                                           "side": "top"},
                                 "tickformat": "+.0%", "thickness": 12, "len": 0.3,
                                 "y": 0.0, "yanchor": "bottom", "outlinewidth": 0}})
    return _finish(fig, rows, panel_rows=3, panel_width=len(TYPES))


def layout_preview(layout: Layout, rows: int | None = None) -> go.Figure:
    """A layout drawn as coloured boxes on the grid; overlapping boxes show through."""
    rows = rows or min(MAX_ROWS, max(MIN_ROWS_SHOWN, layout.rows_used() + 1))
    fig = go.Figure()
    for b in layout.blocks:
        color = TYPE_COLORS[b.type]
        fig.add_shape(type="rect", x0=b.col, x1=b.col + b.width, y0=b.row, y1=b.row + b.height,
                      fillcolor=color, opacity=0.55, line={"color": color, "width": 2})
        fig.add_annotation(x=b.col + b.width / 2, y=b.row + b.height / 2, showarrow=False,
                           text=f"<b>{TYPE_LABELS[b.type]}</b><br>{b.width}×{b.height}",
                           font={"size": 12, "color": "#1a1a1a"})
    fig.add_shape(type="line", x0=0, x1=GRID_COLS, y0=FOLD_ROWS, y1=FOLD_ROWS,
                  line={"color": FOLD_COLOR, "width": 2, "dash": "dash"})
    fig.add_annotation(x=GRID_COLS, y=FOLD_ROWS, text="fold", showarrow=False, xanchor="right",
                       yanchor="bottom", font={"color": FOLD_COLOR, "size": 11})
    grid_axis = {"showgrid": True, "gridcolor": "#e6e6e6", "zeroline": False, "dtick": 1,
                 "showticklabels": False, "fixedrange": True}
    fig.update_xaxes(range=[0, GRID_COLS], **grid_axis)
    fig.update_yaxes(range=[rows, 0], **grid_axis)
    fig.update_layout(height=int(rows * 26) + 20, margin={"l": 4, "r": 4, "t": 4, "b": 4},
                      plot_bgcolor="white", showlegend=False, font=FONT)
    return fig


# --- shared pieces ------------------------------------------------------------------------
def _rows_shown(*maps: dict[ContentType, np.ndarray]) -> int:
    return min(MAX_ROWS, used_rows(*maps, at_least=MIN_ROWS_SHOWN))


def _panel_grid(panel_rows: int, panel_cols: int, titles: list[str], rows: int) -> go.Figure:
    fig = make_subplots(rows=panel_rows, cols=panel_cols, subplot_titles=titles,
                        horizontal_spacing=0.012 if panel_cols > 4 else 0.03,
                        vertical_spacing=0.06 if panel_rows > 2 else 0.1)
    fig.update_annotations(font={"size": 12})  # the subplot titles
    bare = {"showgrid": False, "zeroline": False, "fixedrange": True, "ticks": ""}
    fig.update_xaxes(showticklabels=False, range=[-0.5, GRID_COLS - 0.5], **bare)
    fig.update_yaxes(showticklabels=False, range=[rows - 0.5, -0.5], **bare)  # row 0 on top
    # Row numbers down the left edge only: the top, the first row below the fold, and so on.
    fig.update_yaxes(showticklabels=True, tickvals=list(range(0, rows, FOLD_ROWS)),
                     tickfont={"size": 10, "color": "#888"}, col=1)
    for r in range(1, panel_rows + 1):
        for c in range(1, panel_cols + 1):
            fig.add_shape(type="line", x0=-0.5, x1=GRID_COLS - 0.5, y0=FOLD_ROWS - 0.5,
                          y1=FOLD_ROWS - 0.5, line={"color": FOLD_COLOR, "width": 1.5,
                                                     "dash": "dash"}, row=r, col=c)
    return fig


def _add_heatmap(fig: go.Figure, values: np.ndarray, row: int, col: int, type_: ContentType,
                 coloraxis: str, signed: bool = False) -> None:
    share = "%{z:+.0%} difference" if signed else "%{z:.0%} of layouts"
    fig.add_trace(go.Heatmap(
        # Plain lists: Plotly would otherwise ship numpy arrays base64-encoded.
        z=values.tolist(), x=list(range(GRID_COLS)), y=list(range(values.shape[0])),
        coloraxis=coloraxis, xgap=1, ygap=1, name=TYPE_LABELS[type_],
        hovertemplate=f"row %{{y}}, column %{{x}}<br>{share}<extra>{TYPE_LABELS[type_]}</extra>",
    ), row=row, col=col)


def _share_axis(y: float = 0.5, length: float = 1.0) -> dict:
    return {"colorscale": SHARE_SCALE, "cmin": 0, "cmax": 1,
            "colorbar": {"title": {"text": "share of<br>layouts", "side": "top"},
                         "tickformat": ".0%", "thickness": 12, "len": length, "y": y,
                         "yanchor": "top" if y == 1.0 else "middle", "outlinewidth": 0}}


def _finish(fig: go.Figure, rows: int, panel_rows: int, panel_width: int) -> go.Figure:
    # Panels keep the page's proportions (a cell is 107 px wide and 90 px high), so a layout
    # looks like itself; the figure height follows from the width a panel gets.
    cell_w = PLOT_WIDTH_PX / panel_width / GRID_COLS
    panel_h = rows * cell_w * ROW_HEIGHT_PX / COL_WIDTH_PX
    fig.update_layout(height=int(panel_rows * (panel_h + 40) + 30),
                      margin={"l": 40 if panel_width > 4 else 10, "r": 10, "t": 30, "b": 10},
                      plot_bgcolor="white", font=FONT)
    return fig


# --- experiments ----------------------------------------------------------------------------
def judge_figure(table: Sequence[JudgedRow], x: str, y: str, title: str) -> go.Figure:
    """Wins, ties and losses per vertical as stacked shares (x: the first arm's label, y:
    the second's), the mean score beside each."""
    groups = [r.group for r in table]
    fig = go.Figure()
    for key, name, color in (("wins", f"{x} better", "#2563eb"), ("ties", "tie", "#9ca3af"),
                             ("losses", f"{y} better", "#d97706")):
        counts = [getattr(r, key) for r in table]
        fig.add_bar(y=groups, x=[c / r.n for c, r in zip(counts, table, strict=True)],
                    name=name, orientation="h", marker_color=color, text=counts,
                    textposition="inside")
    for r in table:
        p = "untested" if r.p_adjusted is None else f"p={r.p_adjusted:.3f}"
        fig.add_annotation(x=1.01, xref="paper", y=r.group, xanchor="left", showarrow=False,
                           text=f"mean {r.mean_score:.2f} · n={r.n} · {p}")
    fig.update_layout(barmode="stack", height=90 + 45 * len(groups), width=900,
                      margin={"l": 110, "r": 230, "t": 50, "b": 40}, title=title,
                      xaxis={"tickformat": ".0%", "range": [0, 1]},
                      yaxis={"autorange": "reversed"},
                      legend={"orientation": "h", "y": -0.2, "traceorder": "normal"},
                      plot_bgcolor="white")
    return fig


def effect_figure(table: Sequence[PlacementRow]) -> go.Figure:
    """Cliff's delta per type and measure, one bar group per treatment; significant bars
    solid, the rest faint."""
    tested = [r for r in table if r.cliffs_delta is not None]
    fig = go.Figure()
    for treatment in dict.fromkeys(r.treatment for r in tested):
        rows = [r for r in tested if r.treatment == treatment]
        fig.add_bar(x=[f"{TYPE_LABELS[ContentType(r.type)]} · {r.measure}" for r in rows],
                    y=[r.cliffs_delta for r in rows], name=treatment,
                    marker_opacity=[1.0 if r.significant else 0.35 for r in rows],
                    customdata=[[r.p_adjusted, r.n_control, r.n_treatment] for r in rows],
                    hovertemplate="%{x}<br>delta %{y:+.2f}<br>p (Holm) %{customdata[0]}"
                                  "<br>n %{customdata[1]} vs %{customdata[2]}<extra>"
                                  "%{fullData.name}</extra>")
    fig.update_layout(barmode="group", height=420, width=1000, plot_bgcolor="white",
                      title="Effect sizes (Cliff's delta vs control; solid = significant "
                            "after Holm)",
                      yaxis={"range": [-1, 1], "zeroline": True, "title": "Cliff's delta"},
                      margin={"l": 60, "r": 20, "t": 50, "b": 140})
    return fig


# --- the learned reward ---------------------------------------------------------------------
def examination_figure(fitted: np.ndarray, truth: np.ndarray) -> go.Figure:
    """Examination per grid cell: fitted from the click log beside the simulator's truth, on
    one scale (the best cell is 1). Unobserved cells are blank."""
    observed = np.flatnonzero(np.isfinite(fitted).any(axis=1))
    rows = min(MAX_ROWS, max(MIN_ROWS_SHOWN, int(observed[-1]) + 1 if observed.size else 0))
    fig = _panel_grid(1, 2, ["Fitted from the log", "Simulator's truth"], rows)
    for col, grid_values in enumerate((fitted, truth), start=1):
        values = [[None if np.isnan(v) else float(v) for v in row] for row in grid_values[:rows]]
        fig.add_trace(go.Heatmap(z=values, x=list(range(GRID_COLS)), y=list(range(rows)),
                                 coloraxis="coloraxis", xgap=1, ygap=1,
                                 hovertemplate="row %{y}, column %{x}<br>P(examined) "
                                               "%{z:.2f}<extra></extra>"), row=1, col=col)
    fig.update_layout(coloraxis={"colorscale": "Viridis", "cmin": 0, "cmax": 1,
                                 "colorbar": {"title": {"text": "P(exam.)", "side": "top"},
                                              "thickness": 12, "outlinewidth": 0}})
    return _finish(fig, rows, panel_rows=1, panel_width=2)


def reward_accuracy_figure(accuracy: dict[str, dict[str, float]]) -> go.Figure:
    """Held-out pair accuracy per pair family for the page, item and joint rewards."""
    families = list(accuracy)
    fig = go.Figure()
    for part, color in (("page", "#2563eb"), ("item", "#d97706"), ("joint", "#059669")):
        fig.add_bar(x=families, y=[accuracy[f][part] for f in families], name=part,
                    marker_color=color, text=[f"{accuracy[f][part]:.2f}" for f in families],
                    textposition="outside")
    fig.add_hline(y=0.5, line_dash="dot", line_color="#888", annotation_text="chance")
    fig.update_layout(barmode="group", height=340, yaxis={"range": [0, 1.1],
                      "title": "held-out pair accuracy"}, plot_bgcolor="white", font=FONT,
                      margin={"l": 50, "r": 10, "t": 20, "b": 30},
                      legend={"orientation": "h", "y": 1.08})
    return fig


def lambda_curve_figure(curve: list[dict[str, float]], chosen: float) -> go.Figure:
    """Expected clicks and grid-discounted NDCG of the pages each λ picks (0 = item reward
    only, 1 = page reward only)."""
    lams = [p["lambda"] for p in curve]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_scatter(x=lams, y=[p["expected_clicks"] for p in curve], name="expected clicks",
                    mode="lines+markers", line_color="#2563eb")
    fig.add_scatter(x=lams, y=[p["grid_ndcg"] for p in curve], name="grid NDCG",
                    mode="lines+markers", line_color="#d97706", secondary_y=True)
    fig.add_vline(x=chosen, line_dash="dash", line_color="#059669",
                  annotation_text=f"chosen λ={chosen:g}")
    fig.update_xaxes(title_text="λ (weight of the page reward)")
    fig.update_yaxes(title_text="expected clicks", secondary_y=False)
    fig.update_yaxes(title_text="grid NDCG", secondary_y=True)
    fig.update_layout(height=340, plot_bgcolor="white", font=FONT,
                      margin={"l": 50, "r": 50, "t": 20, "b": 40},
                      legend={"orientation": "h", "y": 1.1})
    return fig
