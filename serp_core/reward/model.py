"""The learned page reward: an item-level and a page-level part over the fitted examination
grid, combined as  lam * z(page) + (1 - lam) * z(item).

- item part: attraction = sigmoid(scale * (w_item . x) + shift) per shown item, and the
  page's item-level reward is the examination-weighted sum over slots, sum gamma * attraction:
  the expected clicks the logs predict for the page.
- page part: w_page . standardised PAGE_FEATURES (Bradley-Terry scores).
Each part is z-scored with the mean and s.d. it had on the training pages, so lam weighs two
quantities on one scale. Saved as one JSON file; `version` is a hash of everything that
affects a score, so two trainings that agree byte for byte have the same version.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, PrivateAttr
from scipy.special import expit

from .features import (
    ITEM_FEATURES,
    PAGE_FEATURES,
    REDUNDANCY,
    exam_at,
    item_view,
    page_vector,
)
from .pages import Page

MODEL_FILE = "model.json"


class Linear(BaseModel):
    features: list[str]
    weights: list[float]
    mean: list[float] = []  # standardisation applied before the weights (empty: none)
    std: list[float] = []

    def apply(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if self.mean:
            x = (x - np.array(self.mean)) / np.array(self.std)
        return x @ np.array(self.weights)


class Calibration(BaseModel):
    """attraction = sigmoid(scale * score + shift), fitted to the logged clicks."""

    scale: float = 1.0
    shift: float = 0.0


class ZStats(BaseModel):
    mean: float = 0.0
    std: float = 1.0

    def z(self, value: float) -> float:
        return (value - self.mean) / self.std


class ScoreParts(BaseModel):
    page: float  # page-level reward, raw
    item: float  # item-level reward: expected clicks under the fitted model
    z_page: float
    z_item: float

    def combined(self, lam: float) -> float:
        return lam * self.z_page + (1 - lam) * self.z_item


class RewardModel(BaseModel):
    format: Literal["genserp-reward/1"] = "genserp-reward/1"
    version: str = ""
    created_at: str = ""
    lam: float = 0.5
    gamma: list[list[float]]  # fitted examination grid, masked cells filled (MAX_ROWS x 12)
    item: Linear
    calibration: Calibration = Calibration()
    page: Linear
    z_page: ZStats = ZStats()
    z_item: ZStats = ZStats()
    training: dict[str, Any] = {}

    _gamma: np.ndarray | None = PrivateAttr(default=None)

    # --- scoring ------------------------------------------------------------------------
    def gamma_grid(self) -> np.ndarray:
        if self._gamma is None:
            self._gamma = np.array(self.gamma, dtype=float)
        return self._gamma

    def parts(self, page: Page) -> ScoreParts:
        view = item_view(page)
        exam = exam_at(view.slots, self.gamma_grid())
        w = np.array(self.item.weights)
        base = view.x.copy()
        base[:, REDUNDANCY] = 0
        attraction = self._attraction(view.x @ w)
        relevance = self._attraction(base @ w)
        item = float(exam @ attraction)
        page_raw = float(self.page.apply(page_vector(page, view, exam, relevance)))
        return ScoreParts(page=page_raw, item=item, z_page=self.z_page.z(page_raw),
                          z_item=self.z_item.z(item))

    def _attraction(self, score: np.ndarray) -> np.ndarray:
        return expit(self.calibration.scale * score + self.calibration.shift)

    def score(self, page: Page, lam: float | None = None) -> float:
        """The combined reward, in training-page standard deviations (0 = an average page of
        the training pool)."""
        return self.parts(page).combined(self.lam if lam is None else lam)

    # --- persistence --------------------------------------------------------------------
    def content_hash(self) -> str:
        data = self.model_dump(mode="json", exclude={"version", "created_at"})
        blob = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def stamped(self) -> RewardModel:
        """A copy whose version is its content hash."""
        return self.model_copy(update={"version": self.content_hash()})

    def save(self, directory: Path | str) -> Path:
        """Write DIR/model.json (and DIR/model-<version>.json, so earlier versions written to
        the same folder stay loadable); returns the path of model.json."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        model = self if self.version == self.content_hash() else self.stamped()
        text = model.model_dump_json(indent=1)
        (directory / f"model-{model.version}.json").write_text(text, encoding="utf-8")
        path = directory / MODEL_FILE
        path.write_text(text, encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path | str) -> RewardModel:
        """From a model file or a folder holding model.json."""
        path = Path(path)
        if path.is_dir():
            path = path / MODEL_FILE
        model = cls.model_validate_json(path.read_text(encoding="utf-8"))
        check_features(model)
        if model.version and model.version != model.content_hash():
            raise ValueError(f"{path}: the file was changed after it was saved "
                             f"(version {model.version}, content {model.content_hash()})")
        return model


def check_features(model: RewardModel) -> None:
    """A model written by another version of the features cannot be scored with these."""
    if model.item.features != ITEM_FEATURES or model.page.features != PAGE_FEATURES:
        raise ValueError("the reward model was trained with other features; retrain it")
