"""The experiments' analyses: a registry from analysis kind (`Experiment.analysis`) to what it
computes from the arms' runs, the summary type it fills and the figures it draws.

Built in, registered here: `judged` (a side-by-side judge per query, Tables 1-3), `placement`
(each treatment's block positions against the control's, Fig. 6-9 and 5.3) and `heatmaps`
(where one arm puts each type, Fig. 5). Another layer adds a kind by registering an `Analysis`
(serp_core.plugins), and a catalog entry naming it.

Each analysis uses each run's chosen page, one observation per query and arm; the numbers
come from stats.py, the figures from serp_core.charts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go

from .. import grid
from ..analysis import PlacementMaps, layout_maps
from ..charts import comparison_figure, effect_figure, judge_figure, placement_figure
from ..human_judgments import HumanJudgments
from ..plugins import Registry
from ..query import Query
from ..schema import FOLD_ROWS, ContentType, Layout, Run
from ..traces.cost import DEFAULT_PRICES, Prices, usage_cost
from . import stats
from .catalog import Arm, Experiment
from .human import with_humans
from .judges import Judge, JudgeSetup, open_judge
from .summary import (
    ArmCosts,
    ExperimentSummary,
    HeatmapRow,
    HeatmapsSummary,
    JudgedSummary,
    OtherJudge,
    Pairs,
    PairVerdicts,
    PlacementRow,
    PlacementSummary,
)
from .verdicts import JUDGE_TEST, verdict_table

Figures = dict[str, go.Figure]


@dataclass
class Material:
    """What an analysis works on, once every arm has run."""

    experiment: Experiment
    queries: list[Query]
    runs: list[dict[str, Run]]  # per arm: query text -> its done run with a chosen page
    summary: ExperimentSummary  # the common part, to extend
    judge: JudgeSetup  # for analyses that judge: the model judge's model, prompts, cache
    extra_judges: Sequence[Judge]  # other judges to ask as well (the learned reward, ...)
    progress: Callable[[int, str], None]  # (steps of this analysis done, what it is doing)
    stop: threading.Event
    humans: HumanJudgments | None = None  # people's judgments (the Judge page), when kept
    prices: Prices = field(default_factory=lambda: dict(DEFAULT_PRICES))  # for the costs

    def layouts(self, arm: int) -> list[Layout]:
        """The arm's chosen layouts, in query order."""
        return [chosen(self.runs[arm][q.text]) for q in self.queries if q.text in self.runs[arm]]

    def maps(self, arm: int) -> PlacementMaps:
        return layout_maps(self.layouts(arm))


@dataclass(frozen=True)
class Analysis:
    summary: type[ExperimentSummary]  # the summary it fills
    run: Callable[[Material], tuple[ExperimentSummary, Figures]]
    steps_per_query: int = 0  # progress steps per query beyond the runs (judging: 3)


analyses: Registry[Analysis] = Registry("analysis")


def read_summary(data: dict[str, Any], kind: str) -> ExperimentSummary:
    """A summary.json's content as its kind's model; without a table (an experiment stopped
    before its analysis), the common part only."""
    if "table" not in data:
        return ExperimentSummary.model_validate(data)
    return analyses.get(kind).summary.model_validate({**data, "analysis": kind})


def chosen(run: Run) -> Layout:
    winner = run.winner
    assert winner is not None, f"run {run.id} has no chosen page"
    return winner.layout


# --- judged -----------------------------------------------------------------------------
def judged(m: Material) -> tuple[JudgedSummary, Figures]:
    """Arm 0's page against arm 1's on each query, by the model judge in both orders (and
    by each extra judge), with each arm's pages scored on their own."""
    x_arm, y_arm = m.experiment.arms[0], m.experiment.arms[1]
    judge = open_judge("model", m.judge)
    both = [q for q in m.queries if q.text in m.runs[0] and q.text in m.runs[1]]
    verdicts: dict[str, float | None] = {}
    points: list[dict[str, float | None]] = [{}, {}]
    for n, q in enumerate(both, start=1):
        if m.stop.is_set():
            break
        rx, ry = m.runs[0][q.text], m.runs[1][q.text]
        verdicts[q.text] = judge.pair(q, rx, ry)
        for i, r in enumerate((rx, ry)):
            points[i][q.text] = judge.point(q, r)
        m.progress(3 * n, f"judged {n}/{len(both)} queries")

    others = {j.kind: _other_judge(both, m.runs, j) for j in m.extra_judges}
    summary = JudgedSummary(
        **dict(m.summary), table=verdict_table(both, verdicts),
        pairs=Pairs(asked=len(both), judged=sum(v is not None for v in verdicts.values())),
        arm_x=x_arm.name, arm_y=y_arm.name,
        pointwise=[_arm_costs(arm, m.runs[i], points[i], both, m.prices)
                   for i, arm in enumerate((x_arm, y_arm))],
        method={"judge": f"{judge.name}: side by side in both orders, "
                f"mean(score_ab, 10 - score_ba); > 5 favours {x_arm.label}",
                "test": JUDGE_TEST, "unit": "one verdict per query"},
        other_judges={kind: judged for kind, (judged, _) in others.items()},
        verdicts=[PairVerdicts(query=q.text, vertical=str(q.vertical), run_x=m.runs[0][q.text].id,
                               run_y=m.runs[1][q.text].id,
                               scores={"model": verdicts.get(q.text),
                                       **{k: v.get(q.text) for k, (_, v) in others.items()}})
                  for q in both],
        judge_models={"model": judge.name,
                      **{k: judged.model for k, (judged, _) in others.items()}})
    if m.humans is not None:
        summary = with_humans(summary, m.humans)
    title = f"{m.experiment.paper}: {m.experiment.title} (judge score, 5 = tie)"
    return summary, {"judge_scores": judge_figure(summary.table, x_arm.label, y_arm.label,
                                                  title)}


def _other_judge(both: list[Query], runs: list[dict[str, Run]],
                 judge: Judge) -> tuple[OtherJudge, dict[str, float | None]]:
    """Another judge's side-by-side verdicts (by query, with its reasons if it gives any) and
    its table, with its mean 0-10 score of each arm's pages."""
    verdicts = {q.text: judge.pair(q, runs[0][q.text], runs[1][q.text]) for q in both}
    explain = getattr(judge, "reasons", None)
    reasons = {q.text: explain(q, runs[0][q.text], runs[1][q.text]) for q in both
               if verdicts[q.text] is not None} if explain else {}
    means = [_mean(v for q in both if (v := judge.point(q, r[q.text])) is not None)
             for r in runs[:2]]
    return OtherJudge(model=judge.name, table=verdict_table(both, verdicts),
                      score_mean=means, reasons=reasons), verdicts


def _arm_costs(arm: Arm, runs: dict[str, Run], points: dict[str, float | None],
               queries: list[Query], prices: Prices) -> ArmCosts:
    chosen_runs = [runs[q.text] for q in queries]
    scored = [v for v in points.values() if v is not None]
    metrics = [grid.metrics_score(w.metrics) for r in chosen_runs if (w := r.winner) is not None]
    return ArmCosts(
        arm=arm.name, label=arm.label, runs=len(chosen_runs),
        judge_pointwise_mean=round(float(np.mean(scored)), 3) if scored else None,
        judge_pointwise_n=len(scored),
        page_metrics_score_mean=round(float(np.mean(metrics)), 3) if metrics else None,
        calls_mean=_mean(r.usage.calls for r in chosen_runs),
        tokens_mean=_mean(r.usage.prompt_tokens + r.usage.completion_tokens
                          for r in chosen_runs),
        cost_usd_mean=_cost_mean(chosen_runs, prices),
        seconds_mean=_mean(r.timings.get("total", 0.0) for r in chosen_runs))


def _cost_mean(runs: list[Run], prices: Prices) -> float | None:
    known = [c for r in runs if (c := usage_cost(r.usage, r.config.model, prices)) is not None]
    return round(float(np.mean(known)), 6) if known else None


def _mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return round(float(np.mean(found)), 3) if found else None


# --- placement --------------------------------------------------------------------------
def placement(m: Material) -> tuple[PlacementSummary, Figures]:
    """Every later arm's block positions tested against arm 0's, per type and measure."""
    control = m.layouts(0)
    table: list[PlacementRow] = []
    figures: Figures = {}
    for i, arm in enumerate(m.experiment.arms[1:len(m.runs)], start=1):
        table += [PlacementRow(treatment=arm.name, **row)
                  for row in stats.summary_rows(stats.compare(control, m.layouts(i)))]
        figures[f"heatmaps_{arm.name}"] = comparison_figure(
            m.maps(0), m.maps(i), names=(m.experiment.arms[0].label, arm.label))
    figures["effect_sizes"] = effect_figure(table)
    return PlacementSummary(**dict(m.summary), table=table, method={
        "test": stats.TEST_NAME, "why": "block positions are discrete, bounded, heavily tied "
        "and not normal; a rank test asks whether one arm tends to put a block further "
        "right, lower or larger (see serp_core/experiments/stats.py)",
        "correction": "holm, across the types and measures of each treatment",
        "effect_size": "Cliff's delta, > 0: the treatment's value is larger",
        "unit": "one chosen layout per query and arm"}), figures


# --- heatmaps ---------------------------------------------------------------------------
def heatmaps(m: Material) -> tuple[HeatmapsSummary, Figures]:
    """Where arm 0 puts each type: share of pages, median centre and area, above the fold."""
    layouts = m.layouts(0)
    features = stats.block_features(layouts)
    table = []
    for t in ContentType:
        blocks = [b for lay in layouts if (b := lay.block(t)) is not None]
        if not blocks:
            continue
        f = features[t]
        above = [len([c for c in b.cells() if c[0] < FOLD_ROWS]) / len(b.cells())
                 for b in blocks]
        table.append(HeatmapRow(type=t.value, layouts=len(blocks),
                                share_of_pages=round(len(blocks) / len(layouts), 3),
                                median_centre_x=float(np.median(f["centre_x"])),
                                median_centre_y=float(np.median(f["centre_y"])),
                                median_area=float(np.median(f["area"])),
                                above_fold_share=round(float(np.mean(above)), 3)))
    summary = HeatmapsSummary(**dict(m.summary), table=table, layouts=len(layouts),
                              method={"unit": "one chosen layout per query"})
    return summary, {"heatmaps": placement_figure(m.maps(0))}


analyses.register("judged", Analysis(JudgedSummary, judged, steps_per_query=3))
analyses.register("placement", Analysis(PlacementSummary, placement))
analyses.register("heatmaps", Analysis(HeatmapsSummary, heatmaps))
