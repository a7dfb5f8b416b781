"""How good is a reward? Held-out pair accuracy per family, and the lambda ablation.

Ablation: for each held-out query a set of candidate pages (the template page and random
ones, as Stage 3 would see from a beam); each scorer picks its argmax and the pick is measured
with the simulator's truth:
- expected clicks: sum over slots of P(E) * alpha, the simulator's own outcome;
- grid NDCG: sum over slots of gain * D(cell) / ideal, with gain = relevance * delta**repeats
  (alpha-nDCG style, Clarke et al. 2008), D = the simulator's position-only examination
  V(row) * H(col) (a grid discount after Xie et al., WWW 2019: row decay, row skipping and
  column bias, but no size or salience term), and the ideal = the query's best items, in
  relevance order, in the page's best-discounted slots. NDCG so rewards putting the right
  items in the page's best cells; expected clicks also rewards pages whose cells are good.
Scorers: page only (lam = 1), item only (lam = 0), joint (the model's lam, chosen on the
validation queries), plus reference lines: a random pick (the candidates' mean), the template
page, and the oracle (the best candidate by each measure).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.stats import wilcoxon

from .. import grid
from .bt import pair_accuracy
from .model import RewardModel, ScoreParts
from .pages import Page
from .pairs import FAMILIES, ItemPairs, PagePair
from .similarity import earlier_similar, similarity_matrix
from .simulator import ClickParams, ClickSimulator, true_examination_grid

DEFAULT_LAMBDAS = tuple(round(x, 2) for x in np.linspace(0, 1, 11))


def grid_ndcg(page: Page, params: ClickParams) -> float:
    slots = page.slots()
    if not slots:
        return 0.0
    truth = true_examination_grid(params)
    discount = np.array([truth[s.cell] for s in slots])
    relevance = np.array([page.relevance.get(s.item_id, 0.0) for s in slots])
    sim = similarity_matrix([page.items[s.item_id] for s in slots])
    gain = relevance * params.delta ** earlier_similar(sim, grid.reading_indices(slots))
    pool = sorted(page.relevance.values(), reverse=True)[: len(slots)]
    ideal = float(np.sort(discount)[::-1][: len(pool)] @ np.array(pool))
    return float(gain @ discount / ideal) if ideal > 0 else 0.0


def family_accuracy(model: RewardModel, pairs: Sequence[PagePair],
                    sim: ClickSimulator) -> dict[str, dict[str, float]]:
    """Per family: accuracy of the page part, the item part and the joint score, and how
    often the simulator's expected clicks agree with the family's label (label quality)."""
    out: dict[str, dict[str, float]] = {}
    by_family: dict[str, list[PagePair]] = defaultdict(list)
    for p in pairs:
        by_family[p.family].append(p)
    for family in FAMILIES:
        group = by_family.get(family, [])
        if not group:
            out[family] = {"n": 0}
            continue
        a = [model.parts(p.chosen) for p in group]
        b = [model.parts(p.rejected) for p in group]
        truth_a = np.array([sim.expected_clicks(p.chosen) for p in group])
        truth_b = np.array([sim.expected_clicks(p.rejected) for p in group])
        out[family] = {
            "n": len(group),
            "page": _acc([x.z_page for x in a], [y.z_page for y in b]),
            "item": _acc([x.z_item for x in a], [y.z_item for y in b]),
            "joint": _acc([x.combined(model.lam) for x in a],
                          [y.combined(model.lam) for y in b]),
            "truth_agreement": _acc(truth_a, truth_b),
        }
    return out


def item_pair_accuracy(model: RewardModel, pairs: ItemPairs) -> dict[str, dict[str, float]]:
    margin = pairs.diff @ np.array(model.item.weights) if len(pairs.weight) else np.zeros(0)
    out = {}
    for kind in ("click", "swap"):
        m = pairs.family == kind
        w = pairs.weight[m]
        out[kind] = {"n": int(m.sum()),
                     "accuracy": _round(pair_accuracy(margin[m], np.zeros(m.sum()))),
                     "weighted_accuracy": _round(float(w @ (margin[m] > 0) / w.sum())
                                                 if m.any() and w.sum() > 0 else float("nan"))}
    return out


def _acc(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    return _round(pair_accuracy(np.asarray(a), np.asarray(b)))


def _round(x: float, nd: int = 4) -> float:
    return round(float(x), nd) if np.isfinite(x) else float("nan")


class Candidates:
    """Candidate pages per query, scored once: model parts and simulator outcomes."""

    def __init__(self, model: RewardModel, pages_by_query: dict[str, list[Page]],
                 params: ClickParams) -> None:
        sim = ClickSimulator(params)
        self.queries = list(pages_by_query)
        self.parts: list[list[ScoreParts]] = []
        self.clicks: list[np.ndarray] = []
        self.ndcg: list[np.ndarray] = []
        for q in self.queries:
            pages = pages_by_query[q]
            self.parts.append([model.parts(p) for p in pages])
            self.clicks.append(np.array([sim.expected_clicks(p) for p in pages]))
            self.ndcg.append(np.array([grid_ndcg(p, params) for p in pages]))

    def picks(self, lam: float) -> np.ndarray:
        return np.array([int(np.argmax([p.combined(lam) for p in parts]))
                         for parts in self.parts])

    def outcome(self, picks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (np.array([c[i] for c, i in zip(self.clicks, picks, strict=True)]),
                np.array([n[i] for n, i in zip(self.ndcg, picks, strict=True)]))


def choose_lambda(cands: Candidates, lambdas: Sequence[float] = DEFAULT_LAMBDAS) -> float:
    """The lam whose picks get the most expected clicks (ties: closest to 1/2)."""
    best = max(lambdas, key=lambda lam: (round(float(cands.outcome(cands.picks(lam))[0].mean()),
                                                   9), -abs(lam - 0.5)))
    return float(best)


def lambda_ablation(cands: Candidates, lam: float,
                    lambdas: Sequence[float] = DEFAULT_LAMBDAS) -> dict[str, Any]:
    rows: dict[str, dict[str, float]] = {}
    per_query: dict[str, np.ndarray] = {}
    for name, value in (("page_only", 1.0), ("item_only", 0.0), ("joint", lam)):
        clicks, ndcg = cands.outcome(cands.picks(value))
        per_query[name] = clicks
        per_query[name + "_ndcg"] = ndcg
        rows[name] = {"lambda": value, "expected_clicks": _round(clicks.mean()),
                      "grid_ndcg": _round(ndcg.mean())}
    rows["random"] = {"expected_clicks": _round(np.mean([c.mean() for c in cands.clicks])),
                      "grid_ndcg": _round(np.mean([n.mean() for n in cands.ndcg]))}
    rows["template"] = {"expected_clicks": _round(np.mean([c[0] for c in cands.clicks])),
                        "grid_ndcg": _round(np.mean([n[0] for n in cands.ndcg]))}
    rows["oracle"] = {"expected_clicks": _round(np.mean([c.max() for c in cands.clicks])),
                      "grid_ndcg": _round(np.mean([n.max() for n in cands.ndcg]))}
    curve = []
    for value in lambdas:
        clicks, ndcg = cands.outcome(cands.picks(value))
        curve.append({"lambda": float(value), "expected_clicks": _round(clicks.mean()),
                      "grid_ndcg": _round(ndcg.mean())})
    tests = {}
    for other in ("page_only", "item_only"):
        for measure, suffix in (("expected_clicks", ""), ("grid_ndcg", "_ndcg")):
            d = per_query["joint" + suffix] - per_query[other + suffix]
            tests[f"joint_vs_{other}:{measure}"] = {
                "mean_diff": _round(d.mean(), 5), "wins": int((d > 0).sum()),
                "losses": int((d < 0).sum()), "ties": int((d == 0).sum()),
                "p_wilcoxon": _wilcoxon(d)}
    beats = {other: rows["joint"]["expected_clicks"] > rows[other]["expected_clicks"]
             for other in ("page_only", "item_only")}
    return {"decisions": len(cands.queries), "candidates_per_decision": _candidates(cands),
            "scorers": rows, "lambda_curve": curve, "paired_tests": tests,
            "joint_beats_both": bool(all(beats.values())), "joint_beats": beats}


def _candidates(cands: Candidates) -> float:
    return float(np.mean([len(c) for c in cands.clicks])) if cands.clicks else 0.0


def _wilcoxon(d: np.ndarray) -> float:
    if len(d) < 2 or not np.any(d != 0):
        return 1.0
    return float(f"{wilcoxon(d, zero_method='zsplit').pvalue:.3g}")
