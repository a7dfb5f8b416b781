"""People's side-by-side judgments (the Judge page) as preference pairs for the page reward.

One pair per judged pair of runs: the mean of its judges' 0-10 scores (5 = tie) decides which
chosen page is preferred; a tie says nothing and gives no pair. Its weight is the strength of
the preference, |mean - 5| / 5 (1 for "far better"), times TrainConfig.human_weight. Both pages
carry the items of both runs (X's first), so the TRL prompt numbers items the same way for the
chosen and the rejected page. Pairs whose runs are gone from the store are left out.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from ..db import Database
from ..human_judgments import HumanJudgments
from ..schema import Run
from ..store import RunStore
from .pages import Page
from .pairs import PagePair

TIE = 5.0


def human_pairs(store_path: Path | str, *, weight: float = 1.0) -> list[PagePair]:
    path = Path(store_path)
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    for j in HumanJudgments(Database(path)).all():
        if j.score is not None:
            scores[j.pair].append(j.score)
    store = RunStore(path)
    pairs: list[PagePair] = []
    for (x_id, y_id), found in scores.items():
        mean = float(np.mean(found))
        x, y = store.get(x_id), store.get(y_id)
        if mean == TIE or x is None or y is None or x.winner is None or y.winner is None:
            continue
        items = {**x.items, **y.items}
        px, py = _page(x, items), _page(y, items)
        chosen, rejected = (px, py) if mean > TIE else (py, px)
        pairs.append(PagePair(family="judged", source="human", query=x.query, chosen=chosen,
                              rejected=rejected, weight=weight * abs(mean - TIE) / TIE))
    return pairs


def _page(run: Run, items: dict) -> Page:
    assert run.winner is not None
    return Page(query=run.query, vertical=run.vertical, layout=run.winner.layout, items=items)
