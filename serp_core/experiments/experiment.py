"""Run one of the catalog's experiments over a query set and analyse it: the orchestration.

    result = run_experiment(get("beam-vs-greedy"), select(bundled(), n=20), store=store,
                            search=search, model=model, prompts=prompts, base=RunConfig())
    result.summary   # typed (experiments.summary): arms, the table, the tests and their basis
    result.figures   # name -> plotly figure

Each arm is a resumable batch (experiments.batch), so running an experiment again only runs
what is missing, and verdicts of the judges are kept in the run store's file (table
`judgements`, experiments.judgements), so they are not asked again either. What is computed
from the runs is the analysis of the experiment's kind (experiments.analyses).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Literal, TextIO

import plotly.graph_objects as go
from pydantic import BaseModel, ConfigDict

from ..human_judgments import HumanJudgments
from ..llm.base import ChatModel
from ..prompts import PromptSet
from ..query import Query
from ..schema import Run, RunConfig
from ..search.base import SearchTool
from ..store import RunStore
from ..traces import cost
from ..traces.cost import PriceTable
from .analyses import Material, analyses
from .batch import Batch, Progress, run_batch, text_bar
from .catalog import Arm, Experiment
from .judgements import Judgements
from .judges import Judge, JudgeSetup
from .summary import ArmReport, ExperimentSummary


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

    summary: ExperimentSummary  # of the analysis' kind, or the common part when stopped
    figures: dict[str, go.Figure] = {}
    stopped: bool = False


def run_experiment(experiment: Experiment, queries: list[Query], *, store: RunStore,
                   search: SearchTool, model: ChatModel, prompts: PromptSet,
                   base: RunConfig, judge: ChatModel | None = None,
                   extra_judges: Sequence[Judge] = (), concurrency: int = 1,
                   on_progress: Callable[[ExperimentProgress], None] | None = None,
                   stop: threading.Event | None = None) -> ExperimentResult:
    """Run every arm over the queries (what is already done is kept), then the analysis of
    the experiment's kind. A judged one asks the `model` judge on `judge` (default: the runs'
    model) and each of `extra_judges` (e.g. open_judge("reward", ...)). Failed runs are left
    out of the analysis and counted; `stop` ends early with what there is."""
    stop = stop or threading.Event()
    report = on_progress or (lambda p: None)
    analysis = analyses.get(experiment.analysis)
    total = (len(experiment.arms) + analysis.steps_per_query) * len(queries)
    finished = failed = 0
    arms: list[ArmReport] = []
    runs: list[dict[str, Run]] = []  # per arm: query -> its done run
    prices = PriceTable(store.db).all()

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
        runs.append({q: r for q, r in done.items() if r is not None and r.winner is not None})
        spent = cost.total(cost.usage_cost(r.usage, r.config.model, prices)
                           for r in done.values() if r is not None)
        arms.append(ArmReport(name=arm.name, label=arm.label, batch_id=batch.id,
                              prompt_version=arm_prompts.version,
                              config=batch.config.model_dump(mode="json", exclude={"model"}),
                              done=result.done, failed=result.failed, resumed=result.skipped,
                              cost_usd=None if spent is None else round(spent, 6)))
        if stop.is_set():
            break

    common = ExperimentSummary(
        experiment=experiment.name, title=experiment.title, paper=experiment.paper,
        question=experiment.question, analysis=experiment.analysis, model=model.name,
        queries=len(queries), verticals=dict(Counter(str(q.vertical) for q in queries)),
        arms=arms)
    if stop.is_set():
        return ExperimentResult(summary=common, stopped=True)

    def progress(n: int, detail: str) -> None:
        report(ExperimentProgress(phase="judging", finished=finished + n, total=total,
                                  failed=failed, detail=detail))

    summary, figures = analysis.run(Material(
        experiment=experiment, queries=queries, runs=runs, summary=common,
        judge=JudgeSetup(model=judge or model, prompts=prompts, verdicts=Judgements(store.db)),
        extra_judges=extra_judges, progress=progress, stop=stop,
        humans=HumanJudgments(store.db), prices=prices))
    if stop.is_set():
        return ExperimentResult(summary=summary, figures=figures, stopped=True)
    summary.complete = all(a.failed == 0 for a in arms)
    report(ExperimentProgress(phase="done", finished=total, total=total, failed=failed,
                              detail="done"))
    return ExperimentResult(summary=summary, figures=figures)


def experiment_bar(file: TextIO | None = None) -> Callable[[ExperimentProgress], None]:
    """An on_progress callback drawing one self-rewriting terminal line."""
    draw = text_bar(file)
    return lambda p: draw(p.finished, p.total,
                          f"{p.phase}: {p.detail} · failed {p.failed}".ljust(50))
