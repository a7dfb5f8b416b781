"""The whole GenSERP run as a generator of typed events.

Stages run one after another; within a stage the k beam candidates are developed
concurrently in threads. Workers put events on a queue and this generator yields them, so a
CLI prints them as they come and an app persists them.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from typing import TypeVar

from .. import grid
from ..baseline import baseline_run
from ..llm.base import ChatModel, EndpointError, ModelUnavailable
from ..prompts import PromptSet
from ..query import clean_query
from ..render.screenshot import Screenshots
from ..schema import (
    RETRIEVAL_TOOLS,
    Candidate,
    CandidatePopulated,
    ErrorEvent,
    Event,
    Final,
    Run,
    RunConfig,
    Scored,
    Stage,
    StageEnd,
    StageStart,
)
from ..search.base import SearchTool
from .answer import write_answer
from .calls import Caller
from .context import Cancelled, RunContext, parallel
from .gather import call_tools, choose_tools, propose_layout, understand_intent
from .populate import polish, populate, rerank
from .score import best_index, score
from .single_step import single_step_layout

T = TypeVar("T")
log = logging.getLogger(__name__)


def new_run(query: str, config: RunConfig, *, search: SearchTool, prompts: PromptSet,
            run_id: str | None = None) -> Run:
    """A run ready to generate; raises BadQuery (one sentence) for an unusable query."""
    query = clean_query(query)
    return Run(id=run_id or uuid.uuid4().hex[:12], query=query, config=config,
               prompt_version=prompts.version, vertical=search.vertical_of(query))


def generate(run: Run, *, model: ChatModel, search: SearchTool, prompts: PromptSet,
             screenshots: Screenshots | None = None) -> Iterator[Event]:
    """Yield the run's events; the last one is Final (the run, done or failed). Never
    raises: the endpoint's failures and bugs end the run with one fatal error event (a
    bug's traceback goes to the log, serp_core.logs). `screenshots`: where
    a scorer that looks at pages keeps them (beside the run store; default: a user cache)."""
    # What answers, on the run at once: store.record saves it before the first event, and a
    # run interrupted then is redone on the same model.
    run.config.model = run.config.model or model.name
    return _events(run, model=model, search=search, prompts=prompts, screenshots=screenshots)


def _events(run: Run, *, model: ChatModel, search: SearchTool, prompts: PromptSet,
            screenshots: Screenshots | None) -> Iterator[Event]:
    events: queue.Queue[Event | None] = queue.Queue()
    config = run.config
    caller = Caller(model, system=prompts.blocks["system"], prompt_version=prompts.version,
                    temperature=config.temperature, seed=config.seed, emit=events.put)
    ctx = RunContext(query=run.query, config=config, prompts=prompts, search=search,
                     caller=caller, emit=events.put, screenshots=screenshots)

    def work() -> None:
        try:
            _run_stages(ctx, run)
            run.status = "done"
        except Cancelled:
            run.status, run.error = "failed", "cancelled"
        except (ModelUnavailable, EndpointError) as e:  # one line, the cause first
            log.info("run %s failed: %s", run.id, e)
            run.status, run.error = "failed", str(e)
            events.put(ErrorEvent(message=str(e), fatal=True))
        except Exception as e:  # a bug must end the run with a message, not a hung UI
            log.exception("run %s failed", run.id)  # the traceback, for the server log
            run.status, run.error = "failed", f"internal error: {type(e).__name__}: {e}"
            events.put(ErrorEvent(message=run.error, fatal=True))
        finally:
            run.usage = caller.usage()
            run.calls = list(caller.records)
            events.put(Final(run=run))
            events.put(None)

    worker = threading.Thread(target=work, name=f"genserp-run-{run.id}", daemon=True)
    worker.start()
    try:
        while (event := events.get()) is not None:
            yield event
    finally:
        ctx.cancelled.set()  # the consumer stopped early: let the worker wind down


def _run_stages(ctx: RunContext, run: Run) -> None:
    started = time.perf_counter()
    if ctx.config.mode == "template":
        _template_page(ctx, run)
        run.timings["total"] = round(time.perf_counter() - started, 3)
        return
    k = ctx.config.beam
    single = ctx.config.mode == "single-step"

    with _stage(ctx, run, "gather"):
        if single:  # the ablation: no intent or tool planning, every tool is called
            call_tools(ctx, RETRIEVAL_TOOLS)
        else:
            understand_intent(ctx)
            call_tools(ctx, choose_tools(ctx))
        write_answer(ctx)
        run.items, run.sources = ctx.items, ctx.sources
        if not single:
            # Stage 2's re-ranks depend only on the results: asked now, beside the layout
            # prototypes, they are decoded in the same batches instead of after them.
            jobs = [lambda: rerank(ctx), *(partial(propose_layout, ctx, i, run.vertical)
                                           for i in range(k))]
            proposals = parallel(lambda job: job(), jobs)[1:]
            run.candidates = [Candidate(index=i, layout=lay, proposal_confidence=conf,
                                        repairs=reps)
                              for i, (lay, conf, reps) in enumerate(proposals)]

    with _stage(ctx, run, "populate"):
        if single:
            built = _each(ctx, k, lambda i: single_step_layout(ctx, i, run.vertical))
            run.candidates = [Candidate(index=i, layout=lay, repairs=reps)
                              for i, (lay, reps) in enumerate(built)]
        else:
            filled = _each(ctx, k, lambda i: populate(ctx, i, run.candidates[i].layout))
            for c, (layout, repairs) in zip(run.candidates, filled, strict=True):
                c.layout, c.repairs = layout, c.repairs + repairs
        for c in run.candidates:
            _refresh(ctx, c)
            ctx.emit(CandidatePopulated(candidate=c.model_copy(deep=True)))  # a snapshot

    if not single and ctx.config.max_polish_steps:
        with _stage(ctx, run, "polish"):
            polished = _each(ctx, k, lambda i: polish(ctx, i, run.candidates[i].layout))
            for c, (layout, repairs) in zip(run.candidates, polished, strict=True):
                c.layout, c.repairs = layout, c.repairs + repairs
                _refresh(ctx, c)

    with _stage(ctx, run, "score"):
        scores = _each(ctx, k, lambda i: score(ctx, run.candidates[i]))
        for c, result in zip(run.candidates, scores, strict=True):
            c.score, c.score_reason, c.score_parts = result.value, result.reason, result.parts
            _refresh(ctx, c)
        run.best = best_index(run.candidates)

    run.timings["total"] = round(time.perf_counter() - started, 3)


class _stage:
    """Emit StageStart/StageEnd around a stage and record its wall time on the run."""

    def __init__(self, ctx: RunContext, run: Run, stage: Stage) -> None:
        self.ctx, self.run, self.stage = ctx, run, stage

    def __enter__(self) -> None:
        self.ctx.check()
        self.started = time.perf_counter()
        self.ctx.emit(StageStart(stage=self.stage))

    def __exit__(self, exc_type: object, *_: object) -> None:
        seconds = round(time.perf_counter() - self.started, 3)
        self.run.timings[self.stage] = seconds
        if exc_type is None:
            self.ctx.emit(StageEnd(stage=self.stage, seconds=seconds))


def _each(ctx: RunContext, k: int, work: Callable[[int], T]) -> list[T]:
    """Run work(i) for the k candidates concurrently; results in candidate order."""
    return parallel(work, range(k))


def _template_page(ctx: RunContext, run: Run) -> None:
    """The rule-based page for the run's vertical, with no model call: the baseline GenSERP
    is compared against (Table 1), run and stored like any other run."""
    with _stage(ctx, run, "gather"):
        page = baseline_run(run.query, ctx.search)
        run.items, run.candidates, run.best = page.items, page.candidates, page.best
    for c in run.candidates:
        ctx.emit(CandidatePopulated(candidate=c.model_copy(deep=True)))
        ctx.emit(Scored(candidate=c.index, score=c.score or 0.0, reason=c.score_reason))


def _refresh(ctx: RunContext, c: Candidate) -> None:
    c.metrics = grid.metrics(c.layout)
    c.usage = ctx.caller.usage(c.index, every=False)
    c.latency_s = ctx.caller.latency(c.index)


