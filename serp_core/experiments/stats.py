"""The experiments' statistics: where blocks land (per content type, two arms compared), and
whether a judge's verdicts lean away from a tie.

For every content type and each measure (block centre x, centre y, area) the two arms
(control, treatment) are compared with a **two-sided Mann-Whitney U test**
(``scipy.stats.mannwhitneyu``, ``method="auto"``). Why a rank test and not a t-test:

* grid positions are discrete and bounded (col 0..12, row 0..24), so the values are
  heavily tied and nothing like normal; a layout model also tends to snap to a few
  favourite placements, which makes distributions multi-modal;
* the samples are small (tens of runs per arm) so the t-test's normality cannot be
  rescued by the central limit theorem with any confidence;
* a rank test only asks "does one arm tend to put this block further right / lower /
  bigger than the other?", which is the question we care about.

``method="auto"`` uses the exact null distribution for small tie-free samples and
otherwise the normal approximation with the tie correction (and continuity correction).

Assumptions: every layout is an independent observation (one run = one layout, not
several candidates of the same run), and only the first block of a type in a layout is
measured. The test is of stochastic dominance, not strictly of a median shift.

Many (type, measure) pairs are tested per comparison, so the raw p-values are corrected
across all of them: Holm-Bonferroni by default (controls the family-wise error rate,
no assumption about dependence between the tests - centre y and area of one block are
clearly dependent), or Benjamini-Hochberg (``"fdr_bh"``, controls the false discovery
rate; more power, weaker guarantee).

The effect size is Cliff's delta, P(T > C) - P(T < C) over all pairs of one treatment
and one control value, equal to the rank-biserial correlation of the U test. It lies in
[-1, 1]; positive means the treatment's values tend to be larger (further right, lower
down the page, bigger). Rough reading: |d| < 0.15 negligible, < 0.33 small, < 0.47
medium, otherwise large.

A judge's 0-10 pair scores (5 = tie) are tested with a **two-sided Wilcoxon signed-rank
test** against 5 (``scipy.stats.wilcoxon``, ``zero_method="wilcox"``: ties are dropped), see
``signed_rank``; the rows of a verdict table are Holm-corrected with ``holm``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel
from scipy import stats

from serp_core.schema import ContentType, Layout, Run

Measure = Literal["centre_x", "centre_y", "area"]
MEASURES: tuple[Measure, ...] = ("centre_x", "centre_y", "area")
Correction = Literal["holm", "fdr_bh"]
MIN_SAMPLES = 3  # layouts per arm below which a type is reported but not tested
TEST_NAME = "mann-whitney-u (two-sided)"


class TypeTest(BaseModel):
    """One (content type, measure) comparison between control and treatment."""

    content_type: ContentType
    measure: Measure
    n_control: int  # layouts (runs) in the control arm that contain this type
    n_treatment: int
    median_control: float | None = None
    median_treatment: float | None = None
    test: str | None = None  # None when not tested
    statistic: float | None = None  # U of the treatment sample
    p_value: float | None = None  # raw, two-sided
    p_adjusted: float | None = None  # after the multiple-comparison correction
    correction: Correction = "holm"
    effect_size: float | None = None  # Cliff's delta, > 0 = treatment larger
    significant: bool = False  # p_adjusted < alpha
    reason: str = ""  # why it was not tested


# --- features ---------------------------------------------------------------------------
def block_features(layouts: Iterable[Layout]) -> dict[ContentType, dict[str, np.ndarray]]:
    """Per content type: centre x (columns), centre y (rows) and area (cells).

    One value per layout that contains the type (its first block of that type).
    """
    values: dict[ContentType, dict[str, list[float]]] = {}
    for layout in layouts:
        seen: set[ContentType] = set()
        for b in layout.blocks:
            if b.type in seen:
                continue
            seen.add(b.type)
            v = values.setdefault(b.type, {m: [] for m in MEASURES})
            v["centre_x"].append(b.col + b.width / 2)
            v["centre_y"].append(b.row + b.height / 2)
            v["area"].append(float(b.width * b.height))
    return {t: {m: np.asarray(xs, dtype=float) for m, xs in v.items()} for t, v in values.items()}


def best_layouts(runs: Iterable[Run]) -> list[Layout]:
    """The chosen layout of every finished run: one independent observation per run."""
    return [w.layout for r in runs if r.status == "done" and (w := r.winner) is not None]


# --- statistics -------------------------------------------------------------------------
def cliffs_delta(treatment: Sequence[float], control: Sequence[float]) -> float:
    """P(T > C) - P(T < C) over all pairs; ties count for neither side."""
    t = np.asarray(treatment, dtype=float)[:, None]
    c = np.asarray(control, dtype=float)[None, :]
    return float(np.sign(t - c).mean())


def signed_rank(scores: Sequence[float], center: float) -> tuple[float, float]:
    """(statistic, p) of a two-sided Wilcoxon signed-rank test of the scores against
    `center`; scores equal to it are dropped (zero_method="wilcox")."""
    diff = np.asarray(scores, dtype=float) - center
    res = stats.wilcoxon(diff, zero_method="wilcox", alternative="two-sided")
    return float(res.statistic), float(res.pvalue)


def holm(p_values: Sequence[float]) -> np.ndarray:
    """Holm-Bonferroni adjusted p-values, in the input order.

    Sort ascending; the k-th smallest (k = 0..m-1) is multiplied by m - k, then a running
    maximum keeps the adjusted values monotone, and they are capped at 1.
    """
    p = np.asarray(p_values, dtype=float)
    m = p.size
    if m == 0:
        return p
    order = np.argsort(p, kind="stable")
    scaled = np.minimum(1.0, (m - np.arange(m)) * p[order])
    adjusted = np.empty(m)
    adjusted[order] = np.maximum.accumulate(scaled)
    return adjusted


def adjust(p_values: Sequence[float], correction: Correction = "holm") -> np.ndarray:
    if correction == "holm":
        return holm(p_values)
    if correction == "fdr_bh":
        p = np.asarray(p_values, dtype=float)
        return stats.false_discovery_control(p, method="bh") if p.size else p
    raise ValueError(f"unknown correction {correction!r} (use 'holm' or 'fdr_bh')")


def compare(
    control: Sequence[Layout],
    treatment: Sequence[Layout],
    *,
    alpha: float = 0.05,
    correction: Correction = "holm",
    min_samples: int = MIN_SAMPLES,
) -> list[TypeTest]:
    """Test every (content type, measure) between two arms; see the module docstring.

    Types found in either arm are reported; those in fewer than ``min_samples`` layouts
    of an arm get ``p_value=None`` and a ``reason``. The correction runs over all tests
    actually performed in this call.
    """
    if correction not in ("holm", "fdr_bh"):
        raise ValueError(f"unknown correction {correction!r} (use 'holm' or 'fdr_bh')")
    fc, ft = block_features(control), block_features(treatment)
    results: list[TypeTest] = []
    for ctype in ContentType:  # stable order
        if ctype not in fc and ctype not in ft:
            continue
        for measure in MEASURES:
            c = fc[ctype][measure] if ctype in fc else np.empty(0)
            t = ft[ctype][measure] if ctype in ft else np.empty(0)
            row = TypeTest(
                content_type=ctype,
                measure=measure,
                n_control=c.size,
                n_treatment=t.size,
                median_control=float(np.median(c)) if c.size else None,
                median_treatment=float(np.median(t)) if t.size else None,
                correction=correction,
            )
            if min(c.size, t.size) < min_samples:
                row.reason = (
                    f"too few layouts (control {c.size}, treatment {t.size}; "
                    f"need {min_samples} per arm)"
                )
            else:
                res = stats.mannwhitneyu(t, c, alternative="two-sided", method="auto")
                p = float(res.pvalue)
                row.test = TEST_NAME
                row.statistic = float(res.statistic)
                row.p_value = 1.0 if np.isnan(p) else p  # all values equal: no difference
                row.effect_size = cliffs_delta(t, c)
            results.append(row)

    tested = [r for r in results if r.p_value is not None]
    for r, p_adj in zip(tested, adjust([r.p_value for r in tested], correction), strict=True):
        r.p_adjusted = float(p_adj)
        r.significant = bool(p_adj < alpha)
    return results


def summary_rows(tests: Iterable[TypeTest]) -> list[dict]:
    """A flat, JSON-ready view: one dict per (type, measure), numbers rounded for tables."""

    def rnd(x: float | None, digits: int) -> float | None:
        return None if x is None else round(x, digits)

    return [
        {
            "type": t.content_type.value,
            "measure": t.measure,
            "n_control": t.n_control,
            "n_treatment": t.n_treatment,
            "median_control": rnd(t.median_control, 2),
            "median_treatment": rnd(t.median_treatment, 2),
            "test": t.test,
            "statistic": rnd(t.statistic, 2),
            "p": rnd(t.p_value, 4),
            "p_adjusted": rnd(t.p_adjusted, 4),
            "correction": t.correction,
            "cliffs_delta": rnd(t.effect_size, 3),
            "significant": t.significant,
            "reason": t.reason,
        }
        for t in tests
    ]


# --- agreement --------------------------------------------------------------------------
# Between judges who scored the same pairs: Krippendorff's alpha with the interval metric on
# the 0-10 scores (the `krippendorff` package), which takes any number of judges, missing
# scores (not every judge sees every pair) and chance agreement into account; 1 is perfect
# agreement, 0 what chance gives, below 0 systematic disagreement. Its interval is a
# percentile bootstrap over the units (the pairs), the judges kept as they are.
ALPHA_BOOTSTRAP = 1000


def krippendorff_alpha(scores: np.ndarray) -> float | None:
    """Interval alpha of a (judges x pairs) matrix, NaN where a judge gave no score; None
    when it is undefined (fewer than two scores on every pair, or no variation at all)."""
    import krippendorff

    data = _pairable(np.asarray(scores, dtype=float))
    if data.shape[1] == 0 or np.unique(data[~np.isnan(data)]).size < 2:
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="interval"))


def alpha_interval(scores: np.ndarray, *, n_boot: int = ALPHA_BOOTSTRAP, seed: int = 0,
                   level: float = 0.95) -> tuple[float, float] | None:
    """The percentile bootstrap interval of `krippendorff_alpha`, resampling pairs; None when
    too few resamples have an alpha."""
    data = _pairable(np.asarray(scores, dtype=float))
    n = data.shape[1]
    if n < 2:
        return None
    rng = np.random.default_rng(seed)
    found = [a for _ in range(n_boot)
             if (a := krippendorff_alpha(data[:, rng.integers(0, n, n)])) is not None]
    if len(found) < n_boot / 2:
        return None
    low, high = np.quantile(found, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


def _pairable(data: np.ndarray) -> np.ndarray:
    """Only the pairs with two scores or more: the others carry no agreement."""
    if data.ndim != 2:
        raise ValueError("scores must be a (judges x pairs) matrix")
    return data[:, (~np.isnan(data)).sum(axis=0) >= 2]


def spearman(x: Sequence[float], y: Sequence[float]) -> tuple[float, float] | None:
    """(rho, two-sided p) of Spearman's rank correlation; None when either side is constant
    (a judge that calls every pair a tie ranks nothing) or there are fewer than 3 pairs."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.size < 3 or np.unique(a).size < 2 or np.unique(b).size < 2:
        return None
    res = stats.spearmanr(a, b)
    return float(res.statistic), float(res.pvalue)


def side_agreement(x: Sequence[float], y: Sequence[float], center: float = 5.0) -> float | None:
    """Share of pairs on which two judges pick the same side: X, the tie or Y."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.size == 0:
        return None
    return float(np.mean(np.sign(a - center) == np.sign(b - center)))
