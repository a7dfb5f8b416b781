"""Experiments in the background, for an app: one at a time per process, in a worker thread
that makes no UI calls. A page starts one, polls its progress, and shows its result; the
report (summary.json and plots) is written to the job's folder when it ends."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..llm.base import ChatModel, ModelUnavailable
from ..prompts import PromptSet
from ..schema import RunConfig
from ..search.base import SearchTool
from ..store import RunStore
from .catalog import Experiment
from .experiment import ExperimentProgress, ExperimentResult, run_experiment
from .judges import Judge
from .query_sets import Query
from .report import write_report

log = logging.getLogger(__name__)

JobStatus = Literal["running", "done", "stopped", "failed"]


@dataclass
class Job:
    id: str
    experiment: Experiment
    queries: int
    out: Path
    status: JobStatus = "running"
    progress: ExperimentProgress | None = None
    result: ExperimentResult | None = None
    error: str = ""
    stop: threading.Event = field(default_factory=threading.Event)


class ExperimentJobs:
    def __init__(self, store: RunStore, search: SearchTool) -> None:
        self.store, self.search = store, search
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, experiment: Experiment, queries: list[Query], *, model: ChatModel,
              prompts: PromptSet, base: RunConfig, out: Path, concurrency: int = 1,
              extra_judges: Sequence[Judge] = (), search: SearchTool | None = None) -> Job:
        """Start an experiment in the background; ValueError (one line) while one is running.
        `search`: the search its runs are given, when not the jobs' own."""
        with self._lock:
            running = self.running()
            if running is not None:
                raise ValueError(f"“{running.experiment.title}” is still running: stop it or "
                                 "wait for it to finish")
            job = Job(id=uuid.uuid4().hex[:8], experiment=experiment, queries=len(queries),
                      out=out)
            self._jobs[job.id] = job
        threading.Thread(target=self._work, name=f"genserp-experiment-{job.id}", daemon=True,
                         args=(job, queries, model, prompts, base, concurrency,
                               tuple(extra_judges), search or self.search)).start()
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def running(self) -> Job | None:
        return next((j for j in self._jobs.values() if j.status == "running"), None)

    def latest(self, name: str) -> Job | None:
        """The most recent job of the named experiment in this process."""
        jobs = [j for j in self._jobs.values() if j.experiment.name == name]
        return jobs[-1] if jobs else None

    def _work(self, job: Job, queries: list[Query], model: ChatModel, prompts: PromptSet,
              base: RunConfig, concurrency: int, extra_judges: Sequence[Judge],
              search: SearchTool) -> None:
        def progress(p: ExperimentProgress) -> None:
            job.progress = p

        try:
            job.result = run_experiment(job.experiment, queries, store=self.store,
                                        search=search, model=model, prompts=prompts,
                                        base=base, concurrency=concurrency,
                                        extra_judges=extra_judges,
                                        on_progress=progress, stop=job.stop)
            write_report(job.result, job.out)
            job.status = "stopped" if job.result.stopped else "done"
        except (ModelUnavailable, ValueError) as e:  # one line meant for the user
            job.status, job.error = "failed", str(e)
        except Exception as e:  # a bug: keep the app alive and say what happened
            log.exception("experiment %s failed", job.experiment.name)
            job.status, job.error = "failed", f"internal error: {type(e).__name__}: {e}"
