"""A click simulator for grid pages, under the examination hypothesis:

    P(click) = P(examined | slot) * P(attractive | item, what came before)

    P(E)  = V(row) * H(column) * S(block area) * T(block type), capped at 1
    V(r)  = beta**r * (1 - skip)**[r >= 1]          row decay with row skipping
    H(c)  = left * left_decay**x + (1 - left) * exp(-((x - middle) / spread)**2 / 2),
            x = c + 0.5, scaled so that max_c H = 1   F-pattern mixed with middle bias
    S(a)  = (a / area_ref)**kappa                      bigger blocks draw the eye
    alpha = floor + (1 - floor) * relevance * delta**(similar items earlier)

r and c are the slot's anchor cell (slots.ItemSlot.cell). Every value below is a starting point
taken from the literature cited on each field, not fitted to those studies' data. Sessions
are independent (a position-based model), so the simulator is exactly the model that
examination.py fits, and a refit can be checked against `true_examination_grid`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from .. import grid
from ..schema import GRID_COLS, MAX_ROWS, ContentType
from .pages import Page
from .similarity import earlier_similar, similarity_matrix
from .slots import ItemSlot


def _default_type_factor() -> dict[ContentType, float]:
    T = ContentType
    return {T.chat_answer: 1.0, T.web: 1.0, T.images: 1.15, T.videos: 1.1, T.news: 0.9,
            T.knowledge_panel: 0.95, T.places: 1.0, T.products: 1.05}


class ClickParams(BaseModel):
    model_config = ConfigDict(frozen=True)

    beta: float = Field(0.85, gt=0, le=1, description=(
        "Examination decay per grid row (90 px). Joachims et al., SIGIR 2005 (eye tracking, "
        "'golden triangle'): ranks 1-10 viewed by about 100,100,100,85,60,50,50,30,30,20 %; "
        "Xie et al., WWW 2019 (grid-based evaluation metrics): decay is slower on grids."))
    skip: float = Field(0.15, ge=0, lt=1, description=(
        "Row skipping g: the share lost once the eye leaves the first row (Xie et al., "
        "WWW 2019: users skip rows on grid result pages)."))
    left: float = Field(0.5, ge=0, le=1, description=(
        "Weight of the left-to-right decay (F-shaped reading, Nielsen 2006) against the "
        "middle bias found on grids (Xie et al., WWW 2019)."))
    left_decay: float = Field(0.88, gt=0, le=1, description=(
        "Per-column decay of the F-pattern term (Nielsen 2006: attention thins rightwards)."))
    middle: float = Field(6.0, ge=0, le=GRID_COLS, description=(
        "Centre of the middle-bias term, in columns (Xie et al., WWW 2019)."))
    spread: float = Field(3.0, gt=0, description=(
        "Width (s.d., columns) of the middle-bias term (Xie et al., WWW 2019)."))
    kappa: float = Field(0.4, ge=0, description=(
        "Size exponent: examination grows as (block area / area_ref)**kappa; larger "
        "presentations are examined more (Xie et al., WWW 2019, on image size; Chen et al., "
        "WSDM 2012, on vertical blocks)."))
    area_ref: float = Field(24.0, gt=0, description="Block area (cells) with S = 1; 8 x 3.")
    type_factor: dict[ContentType, float] = Field(default_factory=_default_type_factor,
                                                  description=(
        "Visual salience of the block type: media and vertical results attract the eye (Chen "
        "et al., WSDM 2012, 'Beyond ten blue links'; Liu et al., SIGIR 2015, influence of "
        "vertical results on examination)."))
    floor: float = Field(0.05, ge=0, lt=1, description=(
        "Attraction floor epsilon: people click irrelevant results too (click models, "
        "Craswell et al., WSDM 2008; Chuklin, Markov and de Rijke, 2015)."))
    delta: float = Field(0.7, gt=0, le=1, description=(
        "Redundancy discount per similar item placed earlier (diminishing returns of "
        "redundant results, as in alpha-nDCG: Clarke et al., SIGIR 2008)."))
    explore: float = Field(0.1, ge=0, le=1, description=(
        "Share of sessions whose items are randomly permuted among the page's slots: the "
        "randomised slice that makes examination identifiable from logs (Wang et al., SIGIR "
        "2016; Joachims et al., WSDM 2017)."))


# --- examination -------------------------------------------------------------------------
def row_factor(row: np.ndarray | float, p: ClickParams) -> np.ndarray:
    r = np.asarray(row, dtype=float)
    return p.beta ** r * np.where(r >= 1, 1 - p.skip, 1.0)


def column_factor(col: np.ndarray | float, p: ClickParams) -> np.ndarray:
    def raw(c: np.ndarray) -> np.ndarray:
        x = c + 0.5
        return p.left * p.left_decay ** x + (1 - p.left) * np.exp(
            -0.5 * ((x - p.middle) / p.spread) ** 2)
    return raw(np.asarray(col, dtype=float)) / raw(np.arange(GRID_COLS, dtype=float)).max()


def examination(slot: ItemSlot, params: ClickParams) -> float:
    return float(examination_vector([slot], params)[0])


def examination_vector(slots: Sequence[ItemSlot], p: ClickParams) -> np.ndarray:
    if not slots:
        return np.zeros(0)
    cells = np.array([s.cell for s in slots], dtype=float)
    area = np.array([s.block_area for s in slots], dtype=float)
    salience = np.array([p.type_factor.get(s.block_type, 1.0) for s in slots])
    e = (row_factor(cells[:, 0], p) * column_factor(cells[:, 1], p)
         * (area / p.area_ref) ** p.kappa * salience)
    return np.minimum(e, 1.0)


def true_examination_grid(params: ClickParams) -> np.ndarray:
    """MAX_ROWS x GRID_COLS: examination of an anchor cell for a reference block (area_ref
    cells, salience 1), i.e. V(r) * H(c). Its maximum is 1, the convention fits use too."""
    return np.outer(row_factor(np.arange(MAX_ROWS), params),
                    column_factor(np.arange(GRID_COLS), params))


def attraction_vector(relevance: np.ndarray, sim: np.ndarray, order: Sequence[int],
                      p: ClickParams) -> np.ndarray:
    """alpha per slot: relevance discounted by delta for each similar item read earlier."""
    dup = earlier_similar(sim, order)
    return p.floor + (1 - p.floor) * np.clip(relevance, 0, 1) * p.delta ** dup


# --- sessions ----------------------------------------------------------------------------
FeedbackSource = Literal["simulated", "human"]


class Shown(BaseModel):
    slot: ItemSlot
    examined: bool | None = None  # hidden truth of a simulated session; None for a person
    clicked: bool = False


class Session(BaseModel):
    id: str
    query: str
    source: FeedbackSource = "simulated"
    explored: bool = False
    run_id: str | None = None
    shown: list[Shown] = []


class _Prepared:
    """What a page's sessions share: its slots, examination, relevance and redundancy."""

    def __init__(self, page: Page, params: ClickParams) -> None:
        self.slots = page.slots()
        shown = [page.items[s.item_id] for s in self.slots]
        self.exam = examination_vector(self.slots, params)
        self.relevance = np.array([page.relevance.get(s.item_id, 0.0) for s in self.slots])
        self.sim = similarity_matrix(shown)
        self.order = grid.reading_indices(self.slots)
        self.attr = attraction_vector(self.relevance, self.sim, self.order, params)


@dataclass
class SimulatedSessions:
    """n sessions on one page, as arrays: the fast path into the feedback log.

    shown[s, j] is the index (into `slots`) of the item shown in slot j during session s;
    it is the identity except in explored sessions."""

    page: Page
    slots: list[ItemSlot]
    ids: list[str]
    explored: np.ndarray  # (n,) bool
    shown: np.ndarray  # (n, k) int
    examined: np.ndarray  # (n, k) bool
    clicked: np.ndarray  # (n, k) bool

    def slot(self, s: int, j: int) -> ItemSlot:
        item = self.slots[self.shown[s, j]]
        base = self.slots[j]
        if item is base:
            return base
        return base.model_copy(update={"item_id": item.item_id, "type": item.type})

    def to_sessions(self) -> list[Session]:
        k = len(self.slots)
        return [Session(id=self.ids[s], query=self.page.query, explored=bool(self.explored[s]),
                        shown=[Shown(slot=self.slot(s, j), examined=bool(self.examined[s, j]),
                                     clicked=bool(self.clicked[s, j])) for j in range(k)])
                for s in range(len(self.ids))]


class ClickSimulator:
    """Simulated people on pages; deterministic for a seed and the same sequence of calls."""

    def __init__(self, params: ClickParams | None = None, seed: int = 0) -> None:
        self.params = params or ClickParams()
        self.rng = np.random.default_rng(seed)

    def click_probabilities(self, page: Page) -> np.ndarray:
        """P(click) per slot of page.slots(), for the page as laid out (no exploration)."""
        prep = _Prepared(page, self.params)
        return prep.exam * prep.attr

    def expected_clicks(self, page: Page) -> float:
        return float(self.click_probabilities(page).sum())

    def session(self, page: Page) -> Session:
        return self.simulate(page, 1).to_sessions()[0]

    def sessions(self, page: Page, n: int) -> list[Session]:
        return self.simulate(page, n).to_sessions()

    def simulate(self, page: Page, n: int) -> SimulatedSessions:
        p = self.params
        prep = _Prepared(page, p)
        k = len(prep.slots)
        explored = self.rng.random(n) < p.explore
        shown = np.tile(np.arange(k), (n, 1))
        attr = np.tile(prep.attr, (n, 1))
        for s in np.flatnonzero(explored):
            # the items are permuted among the slots; examination stays with the slot
            # (reading order is a property of the slots, so it does not change)
            perm = self.rng.permutation(k)
            shown[s] = perm
            attr[s] = attraction_vector(prep.relevance[perm], prep.sim[np.ix_(perm, perm)],
                                        prep.order, p)
        examined = self.rng.random((n, k)) < prep.exam
        clicked = examined & (self.rng.random((n, k)) < attr)
        ids = [f"sim-{int(x):016x}" for x in self.rng.integers(0, 2**63, size=n)]
        return SimulatedSessions(page, prep.slots, ids, explored, shown, examined, clicked)


def expected_clicks(page: Page, params: ClickParams | None = None) -> float:
    return ClickSimulator(params).expected_clicks(page)
