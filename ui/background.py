"""The app's background jobs (serp_core.jobs): an experiment, training the reward. Each runs in
a worker thread of this server process, one of each kind at a time; pages poll them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from serp_core.experiments.catalog import Experiment
from serp_core.experiments.experiment import run_experiment
from serp_core.experiments.judges import Judge
from serp_core.experiments.query_sets import bundled
from serp_core.experiments.report import write_report
from serp_core.jobs import Job
from serp_core.llm import ChatModel
from serp_core.prompts import PromptSet
from serp_core.query import Query
from serp_core.reward import train
from serp_core.schema import RunConfig
from serp_core.search.base import SearchTool

from . import state

EXPERIMENT = "experiment"
TRAINING = "reward-training"


def start_experiment(experiment: Experiment, queries: list[Query], *, model: ChatModel,
                     prompts: PromptSet, base: RunConfig, out: Path, concurrency: int = 1,
                     extra_judges: Sequence[Judge] = (),
                     search: SearchTool | None = None) -> Job:
    """Run an experiment in the background and write its report to `out` when it ends;
    ValueError (one line) while another one runs. `search`: the search its runs are given
    (default: the workspace's bundled corpus)."""
    ws = state.workspace()

    def work(job: Job):
        result = run_experiment(experiment, queries, store=ws.store, search=search or ws.search,
                                model=model, prompts=prompts, base=base,
                                concurrency=concurrency, extra_judges=tuple(extra_judges),
                                on_progress=job.report, stop=job.stop)
        write_report(result, out)
        return result

    return state.jobs().start(EXPERIMENT, work, name=experiment.name, title=experiment.title,
                              details={"out": out, "queries": len(queries)})


def training_queries() -> list[Query]:
    """What the app trains the reward on: the bundled queries."""
    return bundled()


def start_training(*, sessions: int, seed: int) -> Job:
    """Train the learned reward in the background, into the data directory's reward folder;
    ValueError (one line) while a training runs."""
    ws, out = state.workspace(), state.reward_dir()

    def work(job: Job):
        return train(ws.store.path, queries=training_queries(), search=ws.search,
                     sessions_per_page=sessions, seed=seed, out_dir=out)

    return state.jobs().start(TRAINING, work, name="reward", title="the reward's training",
                              details={"sessions": sessions, "seed": seed})
