"""Examination per grid cell, fitted from the log with position-based-model EM.

Each impression has an anchor cell (row, col) and a (query, item) pair. The model is
P(click) = gamma[cell] * alpha[query, item]; EM alternates the posteriors of the notes,

    click:     P(E=1) = P(A=1) = 1
    no click:  P(E=1 | C=0) = gamma (1 - alpha) / (1 - gamma alpha)
               P(A=1 | C=0) = alpha (1 - gamma) / (1 - gamma alpha)

and sets each parameter to the mean posterior over its impressions (alpha with one pseudo
impression at 1/2, which keeps rarely seen pairs off 0 and 1; gamma without, since a prior
would lift the small gammas of deep rows and cells with few impressions are masked anyway).
gamma * alpha is all the clicks
identify, so gamma is reported up to scale. Convention: gamma is divided by its largest value
over well-observed cells (and alpha multiplied by it), so the best-examined cell is 1, the same
convention as simulator.true_examination_grid. Cells with fewer than `min_impressions`
impressions are NaN.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from pydantic import BaseModel

from ..schema import GRID_COLS, MAX_ROWS
from .feedback import FeedbackLog, Impressions
from .simulator import Session

PSEUDO = 1.0  # pseudo impressions (at 1/2) added to each attraction's mean


class ExaminationFit(BaseModel):
    gamma: list[list[float | None]]  # MAX_ROWS x GRID_COLS, None where too few impressions
    counts: list[list[int]]  # impressions per cell
    min_impressions: int
    iterations: int
    log_likelihood: float  # per impression, at the end
    attraction: dict[str, dict[str, float]] = {}  # query -> item id -> alpha (same scale)
    impressions: int = 0
    clicks: int = 0

    def grid(self) -> np.ndarray:
        """gamma as an array, NaN where masked (for heatmaps)."""
        return np.array([[np.nan if v is None else v for v in row] for row in self.gamma])

    def filled(self) -> np.ndarray:
        """gamma with masked cells filled pessimistically, for scoring new pages: the lowest
        fitted value of the same column at or above that row, else the lowest fitted value
        anywhere (an unseen cell is never assumed to be better examined than seen ones)."""
        g = self.grid()
        floor = np.nanmin(g) if np.isfinite(g).any() else 0.0
        out = g.copy()
        for c in range(GRID_COLS):
            best = floor
            for r in range(MAX_ROWS):
                if np.isfinite(g[r, c]):
                    best = g[r, c] if not np.isfinite(out[:r, c]).any() else min(
                        g[r, c], np.nanmin(out[:r, c]))
                    out[r, c] = g[r, c]
                else:
                    out[r, c] = best
        return out


def fit_examination(data: FeedbackLog | Impressions | Iterable[Session], *, iterations: int = 200,
                    min_impressions: int = 30, source: str | None = None,
                    batch: str | None = None, tol: float = 1e-8) -> ExaminationFit:
    imp = _impressions(data, source, batch)
    n_cells = MAX_ROWS * GRID_COLS
    cell = imp.cell_row * GRID_COLS + imp.cell_col
    keys = np.char.add(np.char.add(imp.query.astype(str), "\x1f"), imp.item_id.astype(str)) \
        if len(imp) else np.array([], dtype=str)
    pair_keys, pair = np.unique(keys, return_inverse=True)
    y = imp.clicked
    n_cell = np.bincount(cell, minlength=n_cells).astype(float)
    n_pair = np.bincount(pair, minlength=len(pair_keys)).astype(float)
    gamma = np.full(n_cells, 0.5)
    alpha = np.full(len(pair_keys), 0.5)
    done = 0
    previous = -np.inf
    ll = 0.0
    for done in range(1, iterations + 1):  # noqa: B007 - `done` is reported
        g, a = gamma[cell], alpha[pair]
        denom = np.maximum(1 - g * a, 1e-12)
        post_e = np.where(y, 1.0, g * (1 - a) / denom)
        post_a = np.where(y, 1.0, a * (1 - g) / denom)
        gamma = np.where(n_cell > 0, np.bincount(cell, post_e, n_cells) / np.maximum(n_cell, 1),
                         0.5)
        alpha = (np.bincount(pair, post_a, len(pair_keys)) + PSEUDO / 2) / (n_pair + PSEUDO)
        p = np.clip(gamma[cell] * alpha[pair], 1e-12, 1 - 1e-12)
        ll = float(np.mean(np.where(y, np.log(p), np.log1p(-p)))) if len(y) else 0.0
        if ll - previous < tol:
            break
        previous = ll
    well = n_cell >= min_impressions
    scale = gamma[well].max() if well.any() else 1.0
    gamma, alpha = gamma / scale, alpha * scale
    grid = np.where(well, gamma, np.nan).reshape(MAX_ROWS, GRID_COLS)
    attraction: dict[str, dict[str, float]] = {}
    for key, value in zip(pair_keys, alpha, strict=True):
        query, item = str(key).split("\x1f", 1)
        attraction.setdefault(query, {})[item] = round(float(value), 6)
    return ExaminationFit(
        gamma=[[None if np.isnan(v) else round(float(v), 6) for v in row] for row in grid],
        counts=n_cell.astype(int).reshape(MAX_ROWS, GRID_COLS).tolist(),
        min_impressions=min_impressions, iterations=done, log_likelihood=round(ll, 6),
        attraction=attraction, impressions=len(imp), clicks=int(y.sum()))


def row_decay(fit: ExaminationFit) -> tuple[float, float]:
    """(beta, skip) read off a fitted grid: least squares of log gamma on
    row * log(beta) + [row >= 1] * log(1 - skip) + a free term per column, weighted by the
    cells' impressions. Comparable with ClickParams.beta / .skip."""
    g, n = fit.grid(), np.array(fit.counts, dtype=float)
    rows, cols = np.nonzero(np.isfinite(g) & (g > 0))
    if len(rows) < 3:
        return float("nan"), float("nan")
    x = np.zeros((len(rows), 2 + GRID_COLS))
    x[:, 0] = rows
    x[:, 1] = rows >= 1
    x[np.arange(len(rows)), 2 + cols] = 1
    w = np.sqrt(n[rows, cols])
    coef, *_ = np.linalg.lstsq(x * w[:, None], np.log(g[rows, cols]) * w, rcond=None)
    return float(np.exp(coef[0])), float(1 - np.exp(coef[1]))


def _impressions(data: FeedbackLog | Impressions | Iterable[Session], source: str | None,
                 batch: str | None) -> Impressions:
    if isinstance(data, Impressions):
        return data
    if isinstance(data, FeedbackLog):
        return data.impressions(source, batch=batch)
    return Impressions.from_sessions(data)
