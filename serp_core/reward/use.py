"""The reward at work: a Stage 3 score, a pairwise judge for experiments, and the
examination heatmaps (fitted beside the simulator's truth) for the app."""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..schema import Item, Layout, Run, Vertical
from .examination import fit_examination
from .feedback import FeedbackLog, FeedbackSource
from .model import MODEL_FILE, RewardModel
from .pages import Page
from .simulator import ClickParams, true_examination_grid

MODEL_DIR_NAME = "reward"  # suggested home: <data_dir>/reward/model.json


def default_model_dir(data_dir: Path | str) -> Path:
    return Path(data_dir) / MODEL_DIR_NAME


def load_model(path: Path | str) -> RewardModel:
    """A saved model (a model.json file or the folder holding it)."""
    return RewardModel.load(path)


_loaded: dict[tuple[Path, int], RewardModel] = {}
_lock = threading.Lock()


def cached_model(path: Path | str) -> RewardModel:
    """load_model, read again only when the file changes: Stage 3 scores every candidate of
    every run with it. OSError or ValueError (one line) when there is no usable model."""
    if not str(path).strip():
        raise ValueError("no reward model chosen: train one with "
                         "`python -m serp_core reward train`")
    file = Path(path)
    file = file / MODEL_FILE if file.is_dir() else file
    key = (file.resolve(), file.stat().st_mtime_ns)
    with _lock:
        model = _loaded.get(key)
    if model is None:
        model = load_model(file)
        with _lock:
            _loaded[key] = model
    return model


def _page(query: str, layout: Layout, items: Mapping[str, Item],
          vertical: Vertical | str) -> Page:
    return Page(query=query, vertical=Vertical(vertical), layout=layout, items=dict(items))


def score_layout(model: RewardModel, query: str, layout: Layout, items: Mapping[str, Item],
                 vertical: Vertical | str = Vertical.other) -> float:
    """0-10, like the other Stage 3 scorers: 10 * Phi(combined z). 5 is an average page of
    the training pool; 8.4 is one s.d. better, 9.8 two. Pass the run's vertical: the item
    reward knows which types serve which vertical."""
    z = model.score(_page(query, layout, items, vertical))
    return round(5 * (1 + math.erf(z / math.sqrt(2))), 2)


def score_candidate(model: RewardModel, run: Run, index: int) -> float:
    """score_layout for candidate `index` of a stored run."""
    c = next(c for c in run.candidates if c.index == index)
    return score_layout(model, run.query, c.layout, run.items, run.vertical)


def judge_pair(model: RewardModel, query: str, x: tuple[Layout, Mapping[str, Item]],
               y: tuple[Layout, Mapping[str, Item]],
               vertical: Vertical | str = Vertical.other) -> float:
    """A side-by-side verdict on the judges' 0-10 scale (0 = Y far better, 5 = tie,
    10 = X far better): 10 * P(X preferred) under Bradley-Terry on the combined scores. It is
    symmetric by construction, so there is no position bias to cancel."""
    zx = model.score(_page(query, *x, vertical))
    zy = model.score(_page(query, *y, vertical))
    return round(10 / (1 + math.exp(-(zx - zy))), 2)


def examination_heatmaps(log: FeedbackLog | Path | str, *, source: FeedbackSource | None = None,
                         batch: str | None = None, params: ClickParams | None = None,
                         min_impressions: int = 30) -> dict[str, Any]:
    """What the app draws side by side: the examination fitted per cell from the log
    (NaN where a cell has fewer than min_impressions), the simulator's truth for `params`,
    and the impressions per cell. Both grids are scaled so that their best cell is 1."""
    log = log if isinstance(log, FeedbackLog) else FeedbackLog(log)
    fit = fit_examination(log, source=source, batch=batch, min_impressions=min_impressions)
    return {"fitted": fit.grid(), "truth": true_examination_grid(params or ClickParams()),
            "counts": np.array(fit.counts), "fit": fit}
