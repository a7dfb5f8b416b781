"""A verdict table, as the paper's Table 1: 0-10 pair scores (5 = tie) per vertical and
overall, with wins, ties and losses and a two-sided Wilcoxon signed-rank test against the tie,
Holm-corrected across the rows. Every judge's table is made here: the model's, the learned
reward's and the people's (there, one score per pair: the mean of its judges)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..query import Query
from ..schema import Vertical
from . import stats
from .summary import JudgedRow

JUDGE_TEST = ("wilcoxon signed-rank (two-sided) of the pair score against 5, ties dropped; "
              "Holm-corrected across the rows of the table")
TIE = 5.0
MIN_UNTIED = 3  # pairs that are not ties, below which a row is reported but not tested


def verdict_table(queries: list[Query], verdicts: Mapping[str, float | None]) -> list[JudgedRow]:
    """Rows per vertical and overall, Holm-corrected across them."""
    groups: dict[str, list[float]] = {}
    for q in queries:
        score = verdicts.get(q.text)
        if score is not None:
            groups.setdefault(str(q.vertical), []).append(score)
            groups.setdefault("all", []).append(score)
    order = [str(v) for v in Vertical if str(v) in groups] + (["all"] if groups else [])
    table = [judged_row(name, groups[name]) for name in order]
    tested = [r for r in table if r.p is not None]
    for r, p in zip(tested, stats.holm([r.p for r in tested]), strict=True):
        r.p_adjusted = round(float(p), 4)
        r.significant = bool(p < 0.05)
    return table


def judged_row(name: str, scores: list[float]) -> JudgedRow:
    s = np.asarray(scores, dtype=float)
    wins, ties, losses = int((s > TIE).sum()), int((s == TIE).sum()), int((s < TIE).sum())
    row = JudgedRow(group=name, n=int(s.size), mean_score=round(float(s.mean()), 3),
                    wins=wins, ties=ties, losses=losses, win_rate=round(wins / s.size, 3))
    if wins + losses < MIN_UNTIED:
        row.reason = f"too few pairs that are not ties ({wins + losses}; need {MIN_UNTIED})"
        return row
    statistic, p = stats.signed_rank(s, TIE)
    row.statistic, row.p = round(statistic, 3), round(p, 4)
    return row
