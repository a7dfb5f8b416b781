"""Background work for an app: long jobs (an experiment, training the reward) each in a worker
thread that makes no UI calls, at most one running per kind in a process. A page starts one,
polls its progress and shows its result; setting `stop` asks it to end early.

    job = jobs.start("experiment", work, name="beam-vs-greedy", title="Beam search vs greedy")
    job.status, job.progress        # "running", whatever `work` last reported
    job.result                      # what `work(job)` returned, once done

`work(job)` runs in the worker: it may call `job.report(progress)` and should watch
`job.stop`. A ValueError, OSError or ModelUnavailable it raises is one line for the user (the
job fails with it); anything else is logged as a bug and the job fails saying so.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from .llm.base import ModelUnavailable

log = logging.getLogger(__name__)

JobStatus = Literal["running", "done", "stopped", "failed"]


@dataclass
class Job:
    id: str
    kind: str  # one running at a time per kind: "experiment", "reward-training", ...
    name: str  # what it works on (an experiment's name), for finding the latest one
    title: str  # for people
    details: dict[str, Any] = field(default_factory=dict)  # what the page shows about it
    status: JobStatus = "running"
    progress: Any = None  # the last report
    result: Any = None
    error: str = ""
    stop: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    def report(self, progress: Any) -> None:
        self.progress = progress


class Jobs:
    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, kind: str, work: Callable[[Job], Any], *, name: str = "",
              title: str = "", details: dict[str, Any] | None = None) -> Job:
        """Start `work` in the background; ValueError (one line) while a job of this kind
        runs. A result with a true `stopped` attribute ends the job as stopped."""
        with self._lock:
            running = self.running(kind)
            if running is not None:
                raise ValueError(f"“{running.title}” is still running: stop it or wait for it "
                                 "to finish")
            job = Job(id=uuid.uuid4().hex[:8], kind=kind, name=name, title=title or name,
                      details=dict(details or {}))
            self._jobs[job.id] = job
        threading.Thread(target=self._work, args=(job, work), daemon=True,
                         name=f"genserp-{kind}-{job.id}").start()
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def running(self, kind: str) -> Job | None:
        return next((j for j in list(self._jobs.values())
                     if j.kind == kind and j.status == "running"), None)

    def latest(self, kind: str, name: str | None = None) -> Job | None:
        """The most recent job of this kind (and name) in this process."""
        found = [j for j in list(self._jobs.values())
                 if j.kind == kind and (name is None or j.name == name)]
        return found[-1] if found else None

    def _work(self, job: Job, work: Callable[[Job], Any]) -> None:
        try:
            job.result = work(job)
            job.status = "stopped" if getattr(job.result, "stopped", False) else "done"
        except (ModelUnavailable, ValueError, OSError) as e:  # one line meant for the user
            job.status, job.error = "failed", str(e)
        except Exception as e:  # a bug: keep the app alive and say what happened
            log.exception("%s job %s failed", job.kind, job.name)
            job.status, job.error = "failed", f"internal error: {type(e).__name__}: {e}"
        job.seconds = time.monotonic() - job.started
