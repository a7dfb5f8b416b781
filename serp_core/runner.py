"""Runs in the background: queued, executed by worker threads that make no UI calls, every
event persisted as it happens. A UI submits a run and tails it from the store, so the run
keeps going whatever the user does to the page that started it."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from .llm.base import ChatModel
from .pipeline.run import generate
from .prompts import PromptSet
from .render.screenshot import Screenshots
from .schema import Run
from .search.base import SearchTool
from .store import RunStore, record

log = logging.getLogger(__name__)


class Runner:
    def __init__(self, store: RunStore, search: SearchTool, workers: int = 1) -> None:
        # One worker by default: an embedded model answers one call at a time anyway, and
        # queued runs then start in the order they were asked for.
        self.store, self.search = store, search
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="genserp-runner")
        self._futures: dict[str, Future[None]] = {}
        self._lock = threading.Lock()

    def submit(self, run: Run, model: ChatModel, prompts: PromptSet,
               search: SearchTool | None = None) -> str:
        """Queue a run (from pipeline.run.new_run); returns its id at once. `search`: the
        search the run is given, when not the runner's own (a session's providers)."""
        run.status, run.worker = "queued", self.store.worker
        self.store.save(run)
        future = self._pool.submit(self._execute, run, model, prompts, search or self.search)
        with self._lock:
            self._futures[run.id] = future
        return run.id

    def pending(self) -> list[str]:
        """Ids of runs queued or running in this process."""
        with self._lock:
            return [rid for rid, f in self._futures.items() if not f.done()]

    def wait(self, run_id: str, timeout: float | None = None) -> None:
        with self._lock:
            future = self._futures.get(run_id)
        if future is not None:
            future.result(timeout=timeout)

    def _execute(self, run: Run, model: ChatModel, prompts: PromptSet,
                 search: SearchTool) -> None:
        run.status = "running"
        try:
            events = generate(run, model=model, search=search, prompts=prompts,
                              screenshots=Screenshots.beside(self.store.path))
            for _ in record(self.store, run, events):
                pass
        except Exception as e:  # the store failed: say so on the run rather than vanish
            log.exception("run %s could not be recorded", run.id)
            self.store.mark_failed(run, f"could not record the run: {e}")

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
