"""Run one of the catalog's experiments over a query set and analyse it.

    result = run_experiment(get("beam-vs-greedy"), select(bundled(), n=20), store=store,
                            search=search, model=model, prompts=prompts, base=RunConfig())
    result.summary   # JSON-ready: arms, the table's numbers, the tests and what they rest on
    result.figures   # name -> plotly figure

Each arm is a resumable batch (experiments.batch), so running an experiment again only runs
what is missing, and verdicts of the judges are kept in the run store's file (table
`judgements`, experiments.judgements), so they are not asked again either. Analyses use each
run's chosen page, one observation per query and arm. """

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, TextIO

import numpy as np
import plotly.graph_objects as go
from pydantic import BaseModel, ConfigDict
from scipy import stats as sps

from .. import grid
from ..analysis import layout_maps
from ..charts import comparison_figure, placement_figure
from ..llm.base import ChatModel
from ..palette import TYPE_LABELS
from ..prompts import PromptSet
from ..schema import FOLD_ROWS, ContentType, Layout, Run, RunConfig, Vertical
from ..search.base import SearchTool
from ..store import RunStore
from . import stats
from .batch import Batch, Progress, draw_bar, run_batch
from .catalog import Arm, Experiment
from .judgements import Judgements
from .judges import Judge, JudgeSetup, open_judge
from .query_sets import Query

JUDGE_TEST = ("wilcoxon signed-rank (two-sided) of the pair score against 5, ties dropped; "
              "Holm-corrected across the rows of the table")
TIE = 5.0
MIN_UNTIED = 3  # pairs that are not ties, below which a row is reported but not tested


class ExperimentProgress(BaseModel):
    """Where an experiment stands: `finished` of `total` steps (runs of every arm, then
    verdicts), and what it is doing now."""

    phase: Literal["runs", "judging", "done"]
    finished: int
    total: int
    failed: int = 0
    detail: str = ""


class ExperimentResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    summary: dict[str, Any]
    figures: dict[str, go.Figure] = {}
    stopped: bool = False


def run_experiment(experiment: Experiment, queries: list[Query], *, store: RunStore,
                   search: SearchTool, model: ChatModel, prompts: PromptSet,
                   base: RunConfig, judge: ChatModel | None = None,
                   extra_judges: Sequence[Judge] = (), concurrency: int = 1,
                   on_progress: Callable[[ExperimentProgress], None] | None = None,
                   stop: threading.Event | None = None) -> ExperimentResult:
    """Run every arm over the queries (what is already done is kept), judge if the
    experiment is judged (by the `model` judge on `judge`, default the runs' model, and by
    each of `extra_judges`, e.g. open_judge("reward", ...)), and analyse. Failed runs are
    left out of the analysis and counted; `stop` ends early with what there is."""
    stop = stop or threading.Event()
    report = on_progress or (lambda p: None)
    judged = experiment.analysis == "judged"
    total = len(experiment.arms) * len(queries) + (3 * len(queries) if judged else 0)
    finished = failed = 0
    arms: list[dict[str, Any]] = []
    runs: list[dict[str, Run]] = []  # per arm: query -> its done run

    for arm in experiment.arms:
        arm_prompts = arm.prompt_set(prompts)
        batch = Batch(experiment="paper", arm=arm.name, config=arm.run_config(base),
                      prompt_version=arm_prompts.version, queries=queries)
        offset, offset_failed = finished, failed

        def forward(p: Progress, arm: Arm = arm, offset: int = offset,
                    offset_failed: int = offset_failed) -> None:
            report(ExperimentProgress(phase="runs", finished=offset + p.done + p.failed,
                                      total=total, failed=offset_failed + p.failed,
                                      detail=f"{arm.label}: {p.done + p.failed}/{p.total}"))

        result = run_batch(batch, store=store, search=search, model=model,
                           prompts=arm_prompts, concurrency=concurrency,
                           on_progress=forward, stop=stop)
        finished += result.done + result.failed
        failed += result.failed
        done = {q: store.get(run_id) for q, run_id in result.run_ids.items()
                if result.statuses[q] == "done"}
        runs.append({q: r for q, r in done.items() if r is not None and r.best is not None})
        arms.append({"name": arm.name, "label": arm.label, "batch_id": batch.id,
                     "prompt_version": arm_prompts.version,
                     "config": batch.config.model_dump(mode="json", exclude={"model"}),
                     "done": result.done, "failed": result.failed,
                     "resumed": result.skipped})
        if stop.is_set():
            break

    summary: dict[str, Any] = {
        "experiment": experiment.name, "title": experiment.title, "paper": experiment.paper,
        "question": experiment.question, "analysis": experiment.analysis,
        "model": model.name, "queries": len(queries),
        "verticals": dict(Counter(str(q.vertical) for q in queries)),
        "arms": arms, "complete": False}
    if stop.is_set():
        return ExperimentResult(summary=summary, stopped=True)

    figures: dict[str, go.Figure] = {}
    if experiment.analysis == "judged":
        def judged_progress(n: int, detail: str) -> None:
            report(ExperimentProgress(phase="judging", finished=finished + n, total=total,
                                      failed=failed, detail=detail))
        main = open_judge("model", JudgeSetup(model=judge or model, prompts=prompts,
                                              verdicts=Judgements(store.db)))
        summary.update(_judged(experiment, queries, runs, judge=main,
                               progress=judged_progress, stop=stop))
        for extra in extra_judges:
            summary.update(_extra_judged(queries, runs, extra))
        figures["judge_scores"] = judge_figure(summary["table"], experiment)
    elif experiment.analysis == "placement":
        summary.update(_placement(experiment, queries, runs))
        for arm, arm_runs in zip(experiment.arms[1:], runs[1:], strict=False):
            figures[f"heatmaps_{arm.name}"] = comparison_figure(
                _maps(runs[0], queries), _maps(arm_runs, queries),
                names=(experiment.arms[0].label, arm.label))
        figures["effect_sizes"] = effect_figure(summary["table"])
    else:
        summary.update(_heatmaps(queries, runs[0]))
        figures["heatmaps"] = placement_figure(_maps(runs[0], queries))
    if stop.is_set():
        return ExperimentResult(summary=summary, figures=figures, stopped=True)
    summary["complete"] = all(a["failed"] == 0 for a in arms)
    report(ExperimentProgress(phase="done", finished=total, total=total, failed=failed,
                              detail="done"))
    return ExperimentResult(summary=summary, figures=figures)


def experiment_bar(file: TextIO | None = None) -> Callable[[ExperimentProgress], None]:
    """An on_progress callback drawing one self-rewriting terminal line."""
    out = file or sys.stderr
    return lambda p: draw_bar(out, p.finished, p.total,
                              f"{p.phase}: {p.detail} · failed {p.failed}".ljust(50))


# --- analyses ---------------------------------------------------------------------------
def _winner(run: Run) -> Layout:
    winner = run.winner
    assert winner is not None
    return winner.layout


def _maps(runs: dict[str, Run], queries: list[Query]):
    return layout_maps([_winner(runs[q.text]) for q in queries if q.text in runs])


def _placement(experiment: Experiment, queries: list[Query],
               runs: list[dict[str, Run]]) -> dict[str, Any]:
    control = [_winner(runs[0][q.text]) for q in queries if q.text in runs[0]]
    table = []
    for arm, arm_runs in zip(experiment.arms[1:], runs[1:], strict=False):
        treated = [_winner(arm_runs[q.text]) for q in queries if q.text in arm_runs]
        table += [{"treatment": arm.name, **row}
                  for row in stats.summary_rows(stats.compare(control, treated))]
    return {"table": table, "method": {
        "test": stats.TEST_NAME, "why": "block positions are discrete, bounded, heavily tied "
        "and not normal; a rank test asks whether one arm tends to put a block further "
        "right, lower or larger (see serp_core/experiments/stats.py)",
        "correction": "holm, across the types and measures of each treatment",
        "effect_size": "Cliff's delta, > 0: the treatment's value is larger",
        "unit": "one chosen layout per query and arm"}}


def _heatmaps(queries: list[Query], runs: dict[str, Run]) -> dict[str, Any]:
    layouts = [_winner(runs[q.text]) for q in queries if q.text in runs]
    features = stats.block_features(layouts)
    table = []
    for t in ContentType:
        blocks = [b for lay in layouts if (b := lay.block(t)) is not None]
        if not blocks:
            continue
        f = features[t]
        above = [len([c for c in b.cells() if c[0] < FOLD_ROWS]) / len(b.cells())
                 for b in blocks]
        table.append({"type": t.value, "layouts": len(blocks),
                      "share_of_pages": round(len(blocks) / len(layouts), 3),
                      "median_centre_x": float(np.median(f["centre_x"])),
                      "median_centre_y": float(np.median(f["centre_y"])),
                      "median_area": float(np.median(f["area"])),
                      "above_fold_share": round(float(np.mean(above)), 3)})
    return {"table": table, "layouts": len(layouts),
            "method": {"unit": "one chosen layout per query"}}


def _judged(experiment: Experiment, queries: list[Query], runs: list[dict[str, Run]], *,
            judge: Judge, progress: Callable[[int, str], None],
            stop: threading.Event) -> dict[str, Any]:
    x_arm, y_arm = experiment.arms[0], experiment.arms[1]
    both = [q for q in queries if q.text in runs[0] and q.text in runs[1]]
    verdicts: dict[str, float | None] = {}
    points: list[dict[str, float | None]] = [{}, {}]
    for n, q in enumerate(both, start=1):
        if stop.is_set():
            break
        rx, ry = runs[0][q.text], runs[1][q.text]
        verdicts[q.text] = judge.pair(q, rx, ry)
        for i, r in enumerate((rx, ry)):
            points[i][q.text] = judge.point(q, r)
        progress(3 * n, f"judged {n}/{len(both)} queries")

    table = _verdict_table(both, verdicts)
    return {
        "table": table,
        "pairs": {"asked": len(both), "judged": sum(v is not None for v in verdicts.values())},
        "arm_x": x_arm.name, "arm_y": y_arm.name,
        "pointwise": [_arm_costs(arm, runs[i], points[i], both)
                      for i, arm in enumerate((x_arm, y_arm))],
        "method": {"judge": f"{judge.name}: side by side in both orders, "
                   f"mean(score_ab, 10 - score_ba); > 5 favours {x_arm.label}",
                   "test": JUDGE_TEST, "unit": "one verdict per query"}}


def _extra_judged(queries: list[Query], runs: list[dict[str, Run]],
                  judge: Judge) -> dict[str, Any]:
    """Another judge beside the model (the learned reward, say): its side-by-side verdicts
    and its mean 0-10 score of each arm's pages, under `<kind>_judge`."""
    both = [q for q in queries if q.text in runs[0] and q.text in runs[1]]
    verdicts = {q.text: judge.pair(q, runs[0][q.text], runs[1][q.text]) for q in both}
    table = _verdict_table(both, verdicts)
    means = [_mean(v for q in both if (v := judge.point(q, r[q.text])) is not None)
             for r in runs[:2]]
    return {f"{judge.kind}_judge": {"model": judge.name, "table": table, "score_mean": means}}


def _verdict_table(queries: list[Query], verdicts: Mapping[str, float | None]) -> list[dict]:
    """Rows per vertical and overall, Holm-corrected across them."""
    groups: dict[str, list[float]] = {}
    for q in queries:
        score = verdicts.get(q.text)
        if score is not None:
            groups.setdefault(str(q.vertical), []).append(score)
            groups.setdefault("all", []).append(score)
    order = [str(v) for v in Vertical if str(v) in groups] + (["all"] if groups else [])
    table = [_judged_row(name, groups[name]) for name in order]
    tested = [r for r in table if r["p"] is not None]
    for r, p in zip(tested, stats.holm([r["p"] for r in tested]), strict=True):
        r["p_adjusted"] = round(float(p), 4)
        r["significant"] = bool(p < 0.05)
    return table


def _judged_row(name: str, scores: list[float]) -> dict[str, Any]:
    s = np.asarray(scores, dtype=float)
    wins, ties, losses = int((s > TIE).sum()), int((s == TIE).sum()), int((s < TIE).sum())
    row: dict[str, Any] = {"group": name, "n": int(s.size), "mean_score": round(float(s.mean()), 3),
                           "wins": wins, "ties": ties, "losses": losses,
                           "win_rate": round(wins / s.size, 3), "statistic": None, "p": None,
                           "p_adjusted": None, "significant": False, "reason": ""}
    if wins + losses < MIN_UNTIED:
        row["reason"] = f"too few pairs that are not ties ({wins + losses}; need {MIN_UNTIED})"
        return row
    res = sps.wilcoxon(s - TIE, zero_method="wilcox", alternative="two-sided")
    row["statistic"], row["p"] = round(float(res.statistic), 3), round(float(res.pvalue), 4)
    return row


def _arm_costs(arm: Arm, runs: dict[str, Run], points: dict[str, float | None],
               queries: list[Query]) -> dict[str, Any]:
    chosen = [runs[q.text] for q in queries]
    scored = [v for v in points.values() if v is not None]
    metrics = [grid.metrics_score(w.metrics) for r in chosen if (w := r.winner) is not None]
    return {"arm": arm.name, "label": arm.label, "runs": len(chosen),
            "judge_pointwise_mean": round(float(np.mean(scored)), 3) if scored else None,
            "judge_pointwise_n": len(scored),
            "page_metrics_score_mean": round(float(np.mean(metrics)), 3) if metrics else None,
            "calls_mean": _mean(r.usage.calls for r in chosen),
            "tokens_mean": _mean(r.usage.prompt_tokens + r.usage.completion_tokens
                                 for r in chosen),
            "seconds_mean": _mean(r.timings.get("total", 0.0) for r in chosen)}


def _mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return round(float(np.mean(found)), 3) if found else None


# --- figures ----------------------------------------------------------------------------
def judge_figure(table: list[dict[str, Any]], experiment: Experiment) -> go.Figure:
    """Wins, ties and losses per vertical as stacked shares, the mean score beside each."""
    groups = [r["group"] for r in table]
    fig = go.Figure()
    x, y = experiment.arms[0].label, experiment.arms[1].label
    for key, name, color in (("wins", f"{x} better", "#2563eb"), ("ties", "tie", "#9ca3af"),
                             ("losses", f"{y} better", "#d97706")):
        fig.add_bar(y=groups, x=[r[key] / r["n"] for r in table], name=name, orientation="h",
                    marker_color=color, text=[r[key] for r in table], textposition="inside")
    for r in table:
        p = "untested" if r["p_adjusted"] is None else f"p={r['p_adjusted']:.3f}"
        fig.add_annotation(x=1.01, xref="paper", y=r["group"], xanchor="left", showarrow=False,
                           text=f"mean {r['mean_score']:.2f} · n={r['n']} · {p}")
    fig.update_layout(barmode="stack", height=90 + 45 * len(groups), width=900,
                      margin={"l": 110, "r": 230, "t": 50, "b": 40},
                      title=f"{experiment.paper}: {experiment.title} (judge score, 5 = tie)",
                      xaxis={"tickformat": ".0%", "range": [0, 1]},
                      yaxis={"autorange": "reversed"},
                      legend={"orientation": "h", "y": -0.2, "traceorder": "normal"},
                      plot_bgcolor="white")
    return fig


def effect_figure(table: list[dict[str, Any]]) -> go.Figure:
    """Cliff's delta per type and measure, one bar group per treatment; significant bars
    solid, the rest faint."""
    tested = [r for r in table if r["cliffs_delta"] is not None]
    fig = go.Figure()
    for treatment in dict.fromkeys(r["treatment"] for r in tested):
        rows = [r for r in tested if r["treatment"] == treatment]
        fig.add_bar(x=[f"{TYPE_LABELS[ContentType(r['type'])]} · {r['measure']}" for r in rows],
                    y=[r["cliffs_delta"] for r in rows], name=treatment,
                    marker_opacity=[1.0 if r["significant"] else 0.35 for r in rows],
                    customdata=[[r["p_adjusted"], r["n_control"], r["n_treatment"]]
                                for r in rows],
                    hovertemplate="%{x}<br>delta %{y:+.2f}<br>p (Holm) %{customdata[0]}"
                                  "<br>n %{customdata[1]} vs %{customdata[2]}<extra>"
                                  "%{fullData.name}</extra>")
    fig.update_layout(barmode="group", height=420, width=1000, plot_bgcolor="white",
                      title="Effect sizes (Cliff's delta vs control; solid = significant "
                            "after Holm)",
                      yaxis={"range": [-1, 1], "zeroline": True, "title": "Cliff's delta"},
                      margin={"l": 60, "r": 20, "t": 50, "b": 140})
    return fig
