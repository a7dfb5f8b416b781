"""Batches: one configuration run over a query set, a few runs at a time, resumable.

A batch's id is a hash of what defines it (experiment, arm, configuration, prompt version and
the ordered queries), so starting the same batch again finds the runs it already finished and
does only the rest. Which run answers which query is kept in the run store's own SQLite file,
in the `batch_runs` table next to the runs (owned by BatchRuns); every run's events are
persisted as they stream, as for any other run.

    batch = Batch(experiment="beam-vs-single", arm="beam3", config=RunConfig(beam=3),
                  prompt_version=prompts.version, queries=select(bundled(), n=40))
    result = run_batch(batch, store=store, search=search, model=model, prompts=prompts,
                       concurrency=2, on_progress=progress_bar())
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, Literal, TextIO

from pydantic import BaseModel, PrivateAttr, field_validator
from tqdm import tqdm

from ..db import Database
from ..llm.base import ChatModel
from ..pipeline.run import generate, new_run
from ..prompts import PromptSet
from ..query import Query
from ..render.screenshot import Screenshots
from ..schema import Final, Run, RunConfig, Vertical
from ..search.base import SearchTool
from ..store import RunStore, record

log = logging.getLogger(__name__)

Status = Literal["queued", "running", "done", "failed", "interrupted"]

INTERRUPTED = "interrupted: the batch stopped before this run finished"


class Batch(BaseModel):
    """What a batch runs. Its `id` is fixed when it is made (the config is copied, so runs
    filling in `config.model` do not change it)."""

    experiment: str = "batch"
    arm: str = ""  # the treatment label, when an experiment compares several batches
    config: RunConfig
    prompt_version: str
    queries: list[Query]

    _id: str = PrivateAttr(default="")

    @field_validator("config")
    @classmethod
    def _copy(cls, config: RunConfig) -> RunConfig:
        return config.model_copy(deep=True)

    @field_validator("queries")
    @classmethod
    def _distinct(cls, queries: list[Query]) -> list[Query]:
        seen: set[str] = set()
        for q in queries:
            if q.text in seen:
                raise ValueError(f"the query {q.text!r} is in the batch twice")
            seen.add(q.text)
        return queries

    def model_post_init(self, _: Any) -> None:
        payload = json.dumps({
            "experiment": self.experiment,
            "arm": self.arm,
            "config": self.config.model_dump(mode="json"),
            "prompt_version": self.prompt_version,
            "queries": [q.text for q in self.queries],
        }, sort_keys=True, ensure_ascii=False)
        self._id = hashlib.sha256(payload.encode()).hexdigest()[:16]

    @property
    def id(self) -> str:
        return self._id


class Progress(BaseModel):
    """Where a batch stands. `done` counts every finished query, including the `skipped` ones
    an earlier attempt had already done; (done + failed) / total is the bar."""

    done: int = 0
    failed: int = 0
    total: int = 0
    skipped: int = 0
    query: str | None = None  # the query whose run just ended (None: the opening report)
    run_id: str | None = None
    status: Status | None = None


class BatchResult(BaseModel):
    batch_id: str
    total: int = 0
    run_ids: dict[str, str] = {}  # query -> its run in this batch (the latest attempt)
    statuses: dict[str, Status] = {}  # query -> status of that run
    done: int = 0
    failed: int = 0
    skipped: int = 0  # done by an earlier attempt, not run again
    stopped: bool = False  # `stop` was set before every query had been run

    @property
    def complete(self) -> bool:
        return self.done == self.total


# --- membership -----------------------------------------------------------------------


class BatchRuns:
    """The owner of the `batch_runs` table: which run answers which query of a batch."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def of(self, batch_id: str) -> list[tuple[str, str, str]]:
        """(query, run_id, status) of every query the batch has started, in batch order."""
        rows = self.db.conn().execute(
            "SELECT query, run_id, status FROM batch_runs WHERE batch_id = ? "
            "ORDER BY position, query", (batch_id,)).fetchall()
        return [(q, r, s) for q, r, s in rows]

    def set(self, batch_id: str, query: str, run_id: str, status: str, position: int) -> None:
        with self.db.transaction() as con:
            con.execute("INSERT INTO batch_runs (batch_id, query, run_id, status, position) "
                        "VALUES (?,?,?,?,?) ON CONFLICT(batch_id, query) DO UPDATE SET "
                        "run_id = excluded.run_id, status = excluded.status, "
                        "position = excluded.position",
                        (batch_id, query, run_id, status, position))


# --- running --------------------------------------------------------------------------


def run_batch(batch: Batch, *, store: RunStore, search: SearchTool, model: ChatModel,
              prompts: PromptSet, concurrency: int = 1,
              on_progress: Callable[[Progress], None] | None = None,
              stop: threading.Event | None = None) -> BatchResult:
    """Run the batch's queries not already done in it, `concurrency` at a time.

    A query whose run in this batch is done is skipped; one whose run failed, or was left
    queued/running by a crash, is run again as a new run (the old run is kept, marked failed).
    A failed run is recorded, never raised. `on_progress` is called in this thread, once
    before the first run and after every run. Setting `stop` (or an exception from
    on_progress, which is re-raised) ends the runs in flight as failed ("interrupted") and
    starts no more; running the batch again picks up from there."""
    if concurrency < 1:
        raise ValueError(f"concurrency must be 1 or more, not {concurrency}")
    if prompts.version != batch.prompt_version:
        raise ValueError(f"the batch was made for prompt version {batch.prompt_version}, "
                         f"not {prompts.version}")
    if batch.config.model and batch.config.model != model.name:
        raise ValueError(f"the batch is configured for model {batch.config.model!r}, "
                         f"not {model.name!r}")
    stop = stop or threading.Event()
    result = BatchResult(batch_id=batch.id, total=len(batch.queries))
    membership = BatchRuns(store.db)
    members = {q: (run_id, status) for q, run_id, status in membership.of(batch.id)}
    todo: list[tuple[int, Query]] = []
    for position, query in enumerate(batch.queries):
        earlier = members.get(query.text)
        run = store.get(earlier[0]) if earlier else None
        if run is not None and run.status == "done":
            if run.config.model and run.config.model != model.name:
                raise ValueError(
                    f"batch {batch.id} was run with model {run.config.model!r}, not "
                    f"{model.name!r}: set config.model so the two make different batches")
            if earlier[1] != "done":  # the process died between saving the run and this row
                membership.set(batch.id, query.text, run.id, "done", position)
            result.run_ids[query.text], result.statuses[query.text] = run.id, "done"
            result.done += 1
            result.skipped += 1
            continue
        if run is not None and run.status in ("queued", "running") and \
                not store.is_alive(run):
            store.interrupt(run)  # left behind by a crash
        todo.append((position, query))

    total = len(batch.queries)

    def report(query: str | None = None, run_id: str | None = None,
               status: Status | None = None) -> None:
        if on_progress is not None:
            on_progress(Progress(done=result.done, failed=result.failed, total=total,
                                 skipped=result.skipped, query=query, run_id=run_id,
                                 status=status))

    def one(position: int, query: Query) -> tuple[str, Status] | None:
        if stop.is_set():
            return None
        return _run_one(batch, position, query, store=store, membership=membership,
                        search=search, model=model, prompts=prompts, stop=stop)

    report()
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="genserp-batch")
    try:
        futures: dict[Future[tuple[str, Status] | None], Query] = {
            pool.submit(one, position, query): query for position, query in todo}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                query = futures[future]
                outcome = future.result()  # _run_one does not raise
                if outcome is None:
                    continue  # never started: stop was set
                run_id, status = outcome
                result.run_ids[query.text], result.statuses[query.text] = run_id, status
                if status == "done":
                    result.done += 1
                else:
                    result.failed += 1
                report(query.text, run_id, status)
    except BaseException:
        stop.set()  # runs in flight end at their next event; queued ones never start
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    result.stopped = stop.is_set() and result.done < total
    order = [q.text for q in batch.queries]  # batch order, not the order runs ended in
    result.run_ids = {q: result.run_ids[q] for q in order if q in result.run_ids}
    result.statuses = {q: result.statuses[q] for q in order if q in result.statuses}
    return result


def _run_one(batch: Batch, position: int, query: Query, *, store: RunStore,
             membership: BatchRuns, search: SearchTool, model: ChatModel, prompts: PromptSet,
             stop: threading.Event) -> tuple[str, Status]:
    """Run one query of the batch to its end; never raises."""
    run_id, status = "", "failed"
    run: Run | None = None
    try:
        run = new_run(query.text, batch.config.model_copy(deep=True), search=search,
                      prompts=prompts)
        run_id = run.id
        if query.vertical != Vertical.other:
            run.vertical = query.vertical  # the query set's label beats the corpus's guess
        # Membership first, so a crash mid-run leaves the row (and its run id) behind.
        membership.set(batch.id, query.text, run.id, "running", position)
        events = generate(run, model=model, search=search, prompts=prompts,
                          screenshots=Screenshots.beside(store.path))
        for event in record(store, run, events):
            if isinstance(event, Final):
                status = event.run.status
            elif stop.is_set():
                break  # closing the generator cancels the run's own threads
        if stop.is_set() and status != "done":
            store.mark_failed(run, INTERRUPTED)
            status = "failed"
    except Exception as e:  # the store failed, or a bug: say so on the run, do not raise
        log.exception("batch %s: the run for %r could not be recorded", batch.id, query.text)
        status = "failed"
        if run is not None:
            store.mark_failed(run, f"could not record the run: {type(e).__name__}: {e}")
    if run_id:
        try:
            membership.set(batch.id, query.text, run_id, status, position)
        except Exception:
            log.exception("batch %s: membership of %r could not be saved", batch.id, query.text)
    return run_id, status


# --- a text progress bar --------------------------------------------------------------


def progress_bar(file: TextIO | None = None, width: int = 30) -> Callable[[Progress], None]:
    """An on_progress callback drawing one self-rewriting line, e.g.
    `[#########.....................]  12/40 done 11 · failed 1 · resumed 4`."""
    draw = text_bar(file, width)

    def show(p: Progress) -> None:
        line = f"done {p.done} · failed {p.failed}"
        if p.skipped:
            line += f" · resumed {p.skipped}"
        draw(p.done + p.failed, p.total, line)

    return show


def text_bar(file: TextIO | None = None,
             width: int = 30) -> Callable[[int, int, str], None]:
    """A terminal progress line drawn by tqdm: call it with (finished, total, text) as often
    as there is news; `[#####.....] 12/40 text`, rewritten in place, ended once finished."""
    bar: tqdm | None = None

    def draw(finished: int, total: int, text: str) -> None:
        nonlocal bar
        if bar is None or bar.disable or bar.total != total:
            bar = tqdm(total=total, initial=finished, desc=text, file=file or sys.stderr,
                       ascii=".#", mininterval=0,
                       bar_format=f"[{{bar:{width}}}] {{n_fmt:>{len(str(total))}}}/"
                                  "{total_fmt} {desc}")
        else:
            bar.n = finished
            bar.set_description_str(text, refresh=True)
        if finished >= total:
            bar.close()

    return draw
