"""People as judges, the way the paper's annotators judged (Section 5.1): each pair of pages
side by side, a 0-10 score (5 = tie) and 1-3 reasons, several judges per pair.

    pairs = experiment_pairs(summary)                     # a judged experiment's pairs
    plan = placements(pairs, judge="ana", session=summary.experiment, kept=...)
    plan[0].x_left                                        # X's page goes on the left
    summary = with_humans(summary, HumanJudgments(store.db))
    summary.humans.table[-1].mean_score                   # the "all" row, as Table 1
    summary.humans.alpha.alpha                            # how far the judges agree

Sides: each judge sees X on the left on half the pairs (drawn at random per judge and
session, in a random order of pairs), and the slider's value is turned back into X's score
(human_judgments.score_of), so a judge who always prefers the left page ends at 5 on average.

Aggregation: one score per pair, the mean of its judges (the paper: "for each query we take
the averaged scores from all annotators"), tested as the model judges' are (verdicts.py).
Agreement: Krippendorff's alpha between the judges, and each model judge against the humans'
mean per pair (Spearman's rho, and how often both pick the same side); see stats.py.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..human_judgments import HumanJudgment, HumanJudgments
from ..query import Query
from . import stats
from .summary import (
    AlphaResult,
    HumanRow,
    HumanSummary,
    JudgeAgreement,
    JudgedSummary,
    Pair,
    PairVerdicts,
)
from .verdicts import JUDGE_TEST, TIE, verdict_table

MIN_AGREEMENT_PAIRS = 3
METHOD = {
    "unit": "one score per pair: the mean of its judges' 0-10 scores (5 = tie, > 5 favours "
            "the first arm)",
    "test": JUDGE_TEST,
    "sides": "each judge sees the first arm's page on the left on half the pairs, drawn at "
             "random per judge; the slider's value is turned back to the first arm's side",
    "alpha": "Krippendorff's alpha, interval metric on the 0-10 scores, between the judges; "
             f"95% percentile bootstrap over the pairs ({stats.ALPHA_BOOTSTRAP} resamples)",
    "agreement": "each judge against the humans' mean per pair: Spearman's rho, and the share "
                 "of pairs where both prefer the same page or both call a tie",
}


@dataclass(frozen=True)
class Placement:
    """A pair as one judge sees it: X on the left or on the right."""

    pair: Pair
    x_left: bool

    def left_right(self) -> tuple[str, str]:
        """The runs shown (left, right)."""
        x, y = self.pair.runs
        return (x, y) if self.x_left else (y, x)


def experiment_pairs(summary: JudgedSummary) -> list[Pair]:
    """The pairs of a judged experiment: each query's two chosen pages, X the first arm's."""
    return [Pair(**p.model_dump(exclude={"scores"})) for p in summary.verdicts]


def placements(pairs: Sequence[Pair], *, judge: str, session: str,
               kept: Mapping[tuple[str, str], HumanJudgment] | None = None) -> list[Placement]:
    """The judge's order of the pairs and the side X is shown on, the same on every visit
    (drawn from the judge's name and the session); a pair already judged keeps the side it
    was judged on."""
    kept = kept or {}
    seed = hashlib.sha256(f"{session}\x1f{judge}".encode()).digest()[:8]
    rng = np.random.default_rng(int.from_bytes(seed, "big"))
    n = len(pairs)
    order = rng.permutation(n)
    # Half of them (balanced); with an odd count, the side of the extra one is drawn too.
    x_left = rng.permutation((np.arange(n) % 2 == 0) ^ bool(rng.integers(2)))
    out = []
    for position, index in enumerate(order):
        pair = pairs[int(index)]
        earlier = kept.get(pair.runs)
        out.append(Placement(pair, earlier.x_left if earlier else bool(x_left[position])))
    return out


def first_open(plan: Sequence[Placement], kept: Mapping[tuple[str, str], HumanJudgment]) -> int:
    """Where a judge carries on: the first pair they neither judged nor skipped."""
    return next((n for n, p in enumerate(plan) if p.pair.runs not in kept), len(plan))


# --- aggregation ------------------------------------------------------------------------
def with_humans(summary: JudgedSummary, judgments: HumanJudgments) -> JudgedSummary:
    """The summary with its `humans` part computed afresh from the store's judgments."""
    rows = judgments.of_pairs(p.runs for p in summary.verdicts)
    humans = aggregate(summary.verdicts, rows, summary.judge_models)
    return summary.model_copy(update={"humans": humans})


def refresh_report(path: Path, judgments: HumanJudgments) -> JudgedSummary:
    """A judged experiment's summary.json with its humans brought up to date, written back
    when they changed. OSError / ValueError when the file is missing or unreadable."""
    summary = JudgedSummary.model_validate(json.loads(path.read_text(encoding="utf-8")))
    fresh = with_humans(summary, judgments)
    if fresh.humans != summary.humans:
        fresh.save(path)
    return fresh


def aggregate(pairs: Sequence[PairVerdicts], judgments: Sequence[HumanJudgment],
              judge_models: Mapping[str, str] | None = None) -> HumanSummary:
    """Table 1 from people's judgments, their agreement, and the reasons they gave."""
    known = {p.runs: p for p in pairs}
    scored = [j for j in judgments if j.score is not None and j.pair in known]
    by_pair: dict[tuple[str, str], list[HumanJudgment]] = defaultdict(list)
    for j in scored:
        by_pair[j.pair].append(j)
    judged = [p for p in pairs if p.runs in by_pair]
    means = {p.query: float(np.mean([j.score for j in by_pair[p.runs]])) for p in judged}
    queries = [Query(text=p.query, vertical=p.vertical) for p in judged]
    table = []
    for row in verdict_table(queries, means):
        group = [p for p in judged if row.group in ("all", p.vertical)]
        scores = [j.score for p in group for j in by_pair[p.runs]]
        table.append(HumanRow(
            **row.model_dump(), judges=len({j.judge for p in group for j in by_pair[p.runs]}),
            judgments=len(scores), sd=_sd([means[p.query] for p in group]),
            judgment_sd=_sd(scores)))
    return HumanSummary(
        judges=len({j.judge for j in scored}), judgments=len(scored),
        skipped=sum(j.skipped and j.pair in known for j in judgments), table=table,
        alpha=_alpha(judged, by_pair),
        agreement=[_agreement(kind, (judge_models or {}).get(kind, ""), judged, means)
                   for kind in _judge_kinds(pairs)],
        reasons=_reasons(scored), method=dict(METHOD) if scored else {})


def _alpha(pairs: Sequence[Pair], by_pair: Mapping[tuple[str, str], list[HumanJudgment]]
           ) -> AlphaResult:
    judges = sorted({j.judge for p in pairs for j in by_pair[p.runs]})
    matrix = np.full((len(judges), len(pairs)), np.nan)
    index = {name: n for n, name in enumerate(judges)}
    for col, p in enumerate(pairs):
        for j in by_pair[p.runs]:
            matrix[index[j.judge], col] = j.score
    shared = int(((~np.isnan(matrix)).sum(axis=0) >= 2).sum()) if pairs else 0
    result = AlphaResult(pairs=shared, judges=len(judges))
    if shared == 0:
        result.reason = "no pair has been judged by two people yet"
        return result
    alpha = stats.krippendorff_alpha(matrix)
    if alpha is None:
        result.reason = "every judgment is the same score: alpha is undefined"
        return result
    result.alpha = round(alpha, 3)
    interval = stats.alpha_interval(matrix)
    if interval is None:
        result.reason = "too few pairs judged by two people for a bootstrap interval"
    else:
        result.low, result.high = (round(v, 3) for v in interval)
    return result


def _agreement(kind: str, model: str, pairs: Sequence[PairVerdicts],
               means: Mapping[str, float]) -> JudgeAgreement:
    both = [(p.scores[kind], means[p.query]) for p in pairs if p.scores.get(kind) is not None]
    row = JudgeAgreement(judge=kind, model=model, pairs=len(both))
    if not both:
        row.reason = "no pair has both its verdict and a human score"
        return row
    theirs, ours = (np.array(v, dtype=float) for v in zip(*both, strict=True))
    row.side_agreement = round(float(stats.side_agreement(theirs, ours, TIE)), 3)
    rho = stats.spearman(theirs, ours)
    if rho is not None:
        row.spearman, row.p = round(rho[0], 3), round(rho[1], 4)
    elif len(both) < MIN_AGREEMENT_PAIRS:
        row.reason = f"too few pairs for a rank correlation ({len(both)}; need " \
                     f"{MIN_AGREEMENT_PAIRS})"
    elif np.unique(theirs).size < 2:
        row.reason = f"the judge gives every pair the same score ({theirs[0]:g}): it ranks " \
                     "nothing"
    else:
        row.reason = "the humans give every pair the same mean score"
    return row


def _judge_kinds(pairs: Sequence[PairVerdicts]) -> list[str]:
    return list(dict.fromkeys(kind for p in pairs for kind in p.scores))


def _reasons(scored: Sequence[HumanJudgment]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {"x": Counter(), "tie": Counter(), "y": Counter()}
    for j in scored:
        assert j.score is not None
        side = "x" if j.score > TIE else "y" if j.score < TIE else "tie"
        counts[side].update(j.reasons)
    return {side: dict(c.most_common()) for side, c in counts.items() if c}


def _sd(values: Sequence[float]) -> float | None:
    return round(float(np.std(values, ddof=1)), 3) if len(values) > 1 else None
