"""Training the learned reward in the background of the app: one training at a time per
server process, in a worker thread that makes no st.* calls; the page polls it."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from serp_core.experiments.query_sets import bundled
from serp_core.reward import train
from serp_core.search.base import SearchTool

log = logging.getLogger(__name__)


@dataclass
class Training:
    sessions: int
    seed: int
    status: Literal["running", "done", "failed"] = "running"
    error: str = ""
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0


class Trainer:
    def __init__(self, store_path: Path, search: SearchTool, out: Path) -> None:
        self.store_path, self.search, self.out = store_path, search, out
        self.current: Training | None = None
        self._lock = threading.Lock()

    def running(self) -> bool:
        return self.current is not None and self.current.status == "running"

    def start(self, *, sessions: int, seed: int) -> None:
        with self._lock:
            if self.running():
                raise ValueError("a training is already running")
            job = self.current = Training(sessions=sessions, seed=seed)
        threading.Thread(target=self._work, args=(job,), name="genserp-reward-training",
                         daemon=True).start()

    def _work(self, job: Training) -> None:
        try:
            train(self.store_path, queries=bundled(), search=self.search,
                  sessions_per_page=job.sessions, seed=job.seed, out_dir=self.out)
            job.status = "done"
        except Exception as e:  # keep the app alive and say what happened
            log.exception("reward training failed")
            job.status, job.error = "failed", f"{type(e).__name__}: {e}"
        job.seconds = time.monotonic() - job.started
