"""Model judges of finished pages: a side-by-side verdict on two pages (the paper's 5.1
protocol, with a model in the annotator's seat) and a pointwise score (the Stage 3 scorer,
callable on its own).

    verdict = judge_pair(model, query, (layout_x, items_x), (layout_y, items_y))
    verdict.score      # 0 = page Y far better, 5 = tie, 10 = page X far better; None: no verdict
    verdict.reasons    # the judge's reasons from both orders, in terms of page X and page Y

The pair judge is asked twice, once with X shown as "Page A" and once with Y shown as "Page A",
and the two answers are averaged as mean(score_ab, 10 - score_ba). A judge that favours
whatever is shown first (always 7 for Page A) so ends at exactly 5, a tie: its position bias
cancels. Without both answers there is no score, since one order alone carries that bias.

Both judges go through the pipeline's `Caller` (token metering, JSON validation, one re-ask on
an unusable reply) and describe pages with `RunContext.describe_page`, one line per block.

Judged experiments look their judges up by name in the `judges` registry: `model` (the two
judges above, verdicts kept in the store's cache) is built in; the learned reward registers
`reward` from serp_core.reward.plugin and the vision judge `vision` (the same protocol on
screenshots, `ask_both_orders`) from serp_core.vision.plugin, so the experiments import
neither.

    judge = open_judge("reward", JudgeSetup(reward_model="~/.local/share/genserp/reward"))
    judge.pair(query, run_x, run_y)   # 0-10 on the chosen pages, 5 = tie
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any, Protocol

from pydantic import BaseModel, computed_field

from ..llm.base import ChatModel, Content, EndpointError, ImagesRejected
from ..pipeline.calls import Answer, Caller
from ..pipeline.context import RunContext
from ..pipeline.replies import CONFIDENCE, ReplyError, read_score, reply_form
from ..pipeline.score import score as stage3_score
from ..plugins import Registry
from ..prompts import DEFAULT_DIR, PromptSet
from ..query import Query
from ..render.screenshot import Screenshots
from ..schema import (
    CallTrace,
    CallTraced,
    Candidate,
    ErrorEvent,
    Event,
    Item,
    Layout,
    Run,
    RunConfig,
    Usage,
)
from ..traces.store import CallTraces
from .judgements import Judgements

# Not one of PromptSet's blocks (prompts.BLOCK_NAMES): read here, or pass `prompt=`.
JUDGE_PAIR_PROMPT: Path = DEFAULT_DIR / "blocks" / "judge_pair.md"
# Neutral on purpose: the pipeline's system prompt says "I am GenSERP", and a judge that
# identifies with one side of the comparison is not a fair annotator.
JUDGE_SYSTEM = ("I judge search results pages as the person who searched them would. "
                "I answer exactly in the form I am asked for.")
MAX_REASONS = 3
REASON_CHARS = 80  # asked of the model; a server that ignores the schema is cut at KEEP_CHARS
KEEP_CHARS = 160
PAIR_MAX_TOKENS = 120  # three 80-character reasons and a score, with room to spare
PAIR_FORM = reply_form('{"reasons":["<short reason>"],"score":<0-10>}')

Page = tuple[Layout, Mapping[str, Item]]  # a layout and the items its blocks refer to
Traced = Callable[[CallTrace], None]  # gets each judge call's trace as it finishes


class PairVerdict(BaseModel):
    """A side-by-side verdict on page X against page Y, on the paper's 0-10 scale."""

    score: float | None = None  # mean(score_ab, 10 - score_ba); None when `error` is set
    score_ab: float | None = None  # X shown as Page A: how much better A is than B
    score_ba: float | None = None  # Y shown as Page A: how much better A is than B
    reasons_ab: list[str] = []  # as the judge wrote them ("Page A" is X here)
    reasons_ba: list[str] = []  # as the judge wrote them ("Page A" is Y here)
    usage: Usage = Usage()
    prompt_version: str = ""  # hash of the pair prompt text used
    error: str | None = None  # why there is no score

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reasons(self) -> list[str]:
        """Both orders' reasons (at most 3 each), "Page A"/"Page B" renamed to page X/Y."""
        return ([_rename(r, a="X", b="Y") for r in self.reasons_ab]
                + [_rename(r, a="Y", b="X") for r in self.reasons_ba])


class PairReply(BaseModel):
    score: float
    reasons: list[str] = []


def pair_schema() -> dict[str, Any]:
    """The reply asked for: 1-3 bounded reasons, then the score as an enum 0..10 (llama.cpp
    grammars ignore minimum/maximum; see pipeline.replies)."""
    reasons = {"type": "array", "items": {"type": "string", "maxLength": REASON_CHARS},
               "minItems": 1, "maxItems": MAX_REASONS}
    return {"type": "object", "properties": {"reasons": reasons, "score": CONFIDENCE},
            "required": ["reasons", "score"], "additionalProperties": False}


def read_pair(data: dict[str, Any]) -> PairReply:
    """Strict about the score (ReplyError: re-asked), lenient about the reasons: a missing
    list, a single "reason" string or more than three are taken as they come, trimmed."""
    value = read_score(data).score  # a number, clamped to 0-10
    raw = data.get("reasons", data.get("reason", []))
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise ReplyError("'reasons' must be a list of short strings")
    reasons = [str(r).strip()[:KEEP_CHARS] for r in raw if str(r).strip()]
    return PairReply(score=value, reasons=reasons[:MAX_REASONS])


def describe_page(layout: Layout, items: Mapping[str, Item]) -> str:
    """One line per block in reading order: type, [col,row,width,height], orientation, how
    many items show and the first title. Stage 3's own description (RunContext.describe_page)."""
    return _context("", items).describe_page(layout)


def pair_prompt() -> str:
    """The default pair prompt text ($query, $page_a, $page_b, $form), read afresh."""
    return JUDGE_PAIR_PROMPT.read_text().strip()


def prompt_version(text: str) -> str:
    """The version of a judge prompt's text, as recorded on its verdicts."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def judge_pair(model: ChatModel, query: str, page_x: Page, page_y: Page, *, seed: int = 0,
               temperature: float = 0.0, prompt: str | None = None,
               traced: Traced | None = None) -> PairVerdict:
    """Page X against page Y, asked in both orders with the same seed. An unusable reply is
    re-asked once; a second failure or a ModelError ends the verdict with `error` and no
    score (the other order is not asked then). ModelUnavailable propagates. `traced` gets
    each call's trace as it finishes."""
    text = prompt if prompt is not None else pair_prompt()
    x, y = describe_page(*page_x), describe_page(*page_y)

    def content(x_first: bool) -> str:
        a, b = (x, y) if x_first else (y, x)
        return Template(text).safe_substitute(query=query, page_a=a, page_b=b, form=PAIR_FORM)

    return ask_both_orders(model, prompt_version(text), content, seed=seed,
                           temperature=temperature, traced=traced)


def ask_both_orders(model: ChatModel, version: str, content: Callable[[bool], Content], *,
                    seed: int = 0, temperature: float = 0.0,
                    traced: Traced | None = None) -> PairVerdict:
    """The pair judge's protocol for any way of showing the pages: `content(x_first)` is the
    prompt (text, or parts with screenshots) with page X as Page A when `x_first`, asked
    first that way, then the other. ModelUnavailable and ImagesRejected propagate. `traced`
    gets each call's trace as it finishes."""
    verdict = PairVerdict(prompt_version=version)
    errors: list[str] = []
    caller = Caller(model, system=JUDGE_SYSTEM, prompt_version=version,
                    temperature=temperature, seed=seed, emit=_collect_errors(errors, traced))
    for order in ("ab", "ba"):
        # Stage "score": CallRecord only knows the pipeline's stages, and this is a scoring.
        try:
            answer = caller.ask_json("score", content(order == "ab"), pair_schema(),
                                     read_pair, max_tokens=PAIR_MAX_TOKENS, block="judge_pair",
                                     fallback="no verdict")
        except EndpointError as e:  # this verdict fails; the experiment goes on
            answer = Answer(None, None)
            errors.append(str(e))
        if isinstance(answer.error, ImagesRejected):
            raise answer.error
        reply = answer.value
        if reply is None:
            shown = "page X" if order == "ab" else "page Y"
            reason = errors[-1] if errors else "no usable reply"
            verdict.error = f"no verdict with {shown} as Page A: {reason}"
            break
        setattr(verdict, f"score_{order}", reply.score)
        setattr(verdict, f"reasons_{order}", reply.reasons)
    verdict.usage = caller.usage()
    if verdict.error is None and verdict.score_ab is not None and verdict.score_ba is not None:
        verdict.score = (verdict.score_ab + 10 - verdict.score_ba) / 2
    return verdict


def judge_point(model: ChatModel, query: str, layout: Layout, items: Mapping[str, Item], *,
                seed: int = 0, temperature: float = 0.0, prompts: PromptSet | None = None,
                traced: Traced | None = None) -> float | None:
    """The Stage 3 pointwise 0-10 score of one page, run through the pipeline's own `score`
    (its prompt block, schema, reader and re-ask). Stage 3 falls back to the page metrics when
    the model gives no usable reply; here that is None instead, so a judge's failures are not
    mixed with metric scores. ModelUnavailable propagates."""
    prompts = prompts or PromptSet.load()
    caller = Caller(model, system=prompts.blocks["system"], prompt_version=prompts.version,
                    temperature=temperature, seed=seed, emit=_collect_errors([], traced))
    config = RunConfig(scorer="llm", seed=seed, temperature=temperature)
    ctx = _context(query, items, caller=caller, prompts=prompts, config=config)
    try:
        result = stage3_score(ctx, Candidate(index=0, layout=layout))
    except EndpointError:  # no verdict (its trace says why); the experiment goes on
        return None
    return result.value if any(r.ok for r in caller.records) else None


# --- judges of experiments: a registry -------------------------------------------------
class Judge(Protocol):
    """A judge of finished runs' chosen pages (Run.winner), for judged experiments."""

    kind: str  # its name in the registry: "model", "reward", ...
    name: str  # who judges, as a summary names it: a model's name, a reward's version

    def pair(self, query: Query, x: Run, y: Run) -> float | None:
        """0-10: 0 = y's page far better, 5 = tie, 10 = x's far better; None: no verdict."""

    def point(self, query: Query, run: Run) -> float | None:
        """The run's page on its own, 0-10; None: no verdict."""

    # A judge that gives reasons also has `reasons(query, x, y) -> list[str]`: those of its
    # verdict on the pair (asked after `pair`), kept with the verdict.


@dataclass(frozen=True)
class JudgeSetup:
    """What a judge may be opened with; each judge reads what it needs."""

    model: ChatModel | None = None  # a judging language model
    prompts: PromptSet | None = None  # the prompt set of the runs judged
    verdicts: Judgements | None = None  # where verdicts are kept (asked once)
    reward_model: str = ""  # a saved learned reward (model.json or its folder)
    screenshots: Screenshots | None = None  # where judges that look at pages keep them


judges: Registry[Callable[[JudgeSetup], Judge]] = Registry("judge")


def open_judge(name: str, setup: JudgeSetup) -> Judge:
    """The named judge, opened; ValueError, OSError (one line) when it cannot judge."""
    return judges.get(name)(setup)


def chosen_page(run: Run) -> Page:
    winner = run.winner
    if winner is None:
        raise ValueError(f"run {run.id} has no chosen page")
    return winner.layout, run.items


class ModelJudge:
    """A language model as judge: judge_pair (both orders) and judge_point, every verdict
    kept in `verdicts` by run, judge and prompt version, so a resumed experiment asks none
    twice."""

    kind = "model"

    def __init__(self, setup: JudgeSetup) -> None:
        if setup.model is None or setup.prompts is None:
            raise ValueError("the model judge needs a model and the runs' prompt set")
        self.model, self.prompts, self.verdicts = setup.model, setup.prompts, setup.verdicts
        self.name = setup.model.name
        self.pair_version = prompt_version(pair_prompt())

    def pair(self, query: Query, x: Run, y: Run) -> float | None:
        subject = f"{x.id}|{y.id}"
        return self._kept("pair", subject, self.pair_version, lambda: judge_pair(
            self.model, query.text, chosen_page(x), chosen_page(y),
            traced=self._traced("pair", subject)).score)

    def point(self, query: Query, run: Run) -> float | None:
        return self._kept("point", run.id, self.prompts.version, lambda: judge_point(
            self.model, query.text, *chosen_page(run), prompts=self.prompts,
            traced=self._traced("point", run.id)))

    def _traced(self, kind: str, subject: str) -> Traced | None:
        """Keep a verdict's calls in the store's traces, under "judge:<kind>:<subject>"."""
        if self.verdicts is None:
            return None
        traces = CallTraces(self.verdicts.db)
        return lambda trace: traces.add(judgement_trace_id(kind, subject), trace)

    def _kept(self, kind: str, subject: str, version: str,
              ask: Callable[[], float | None]) -> float | None:
        if self.verdicts is None:
            return ask()
        return self.verdicts.cached(kind, subject, self.name, version, ask)


judges.register("model", ModelJudge)


# --- helpers --------------------------------------------------------------------------
def _context(query: str, items: Mapping[str, Item], *, caller: Caller | None = None,
             prompts: PromptSet | None = None, config: RunConfig | None = None) -> RunContext:
    """A RunContext with only what describe_page and score use (query, items, prompts,
    caller, config). No search tool: neither touches it."""
    return RunContext(query=query, config=config or RunConfig(), prompts=prompts,  # type: ignore[arg-type]
                      search=None, caller=caller, emit=lambda event: None,  # type: ignore[arg-type]
                      items=dict(items))


def judgement_trace_id(kind: str, subject: str) -> str:
    """Under what id a verdict's calls are traced (python -m serp_core trace ID)."""
    return f"judge:{kind}:{subject}"


def _collect_errors(errors: list[str], traced: Traced | None = None) -> Any:
    def emit(event: Event) -> None:
        if isinstance(event, ErrorEvent):
            errors.append(event.message)
        elif isinstance(event, CallTraced) and traced is not None:
            traced(event.trace)
    return emit


_PAGE = re.compile(r"\b([Pp]age)\s+([AB])\b")


def _rename(reason: str, *, a: str, b: str) -> str:
    """'Page A is cleaner' -> 'page X is cleaner' (for the order where A was X)."""
    return _PAGE.sub(lambda m: f"{m.group(1).lower()} {a if m.group(2) == 'A' else b}", reason)
