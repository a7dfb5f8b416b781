"""Stage 3: a pointwise 0-10 score per candidate page, then the argmax.

Scorers are a registry the run looks up by name (`RunConfig.scorer`): the model, the page
metrics and `auto` are built in; other layers register theirs (the learned reward registers
`reward` from serp_core.reward.plugin), so the pipeline never imports them.

The model's score is the expectation over the probabilities of the score tokens (G-Eval),
not the one token it sampled; a server that sends no log probabilities gets the sampled score,
and the reason says so. `auto` is the default: on an endpoint it is the model's score; on the
embedded model, whose 135M parameters cannot judge a page alone, a blend of its expected
score, the page metrics and (when one is trained) the learned reward, every part kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from .. import grid
from ..plugins import Registry
from ..schema import Candidate, Scored
from .calls import Answer
from .context import RunContext
from .replies import ScoreReply, expected_number, read_score, reply_form, score_schema


@dataclass
class ScoreResult:
    value: float  # 0-10
    reason: str
    parts: dict[str, float] = field(default_factory=dict)  # a blend's components, each 0-10


class Scorer(Protocol):
    label: str  # for people: "The model", "Page metrics", ...

    def score(self, ctx: RunContext, c: Candidate) -> ScoreResult | None:
        """The candidate's score, or None when this scorer cannot score here (a blend then
        leaves it out; used alone, the page metrics stand in, with a message)."""


scorers: Registry[Scorer] = Registry("scorer")
SCORE_FORM = reply_form('{"reason":"<one short sentence>","score":<0-10>}')


def score(ctx: RunContext, c: Candidate) -> ScoreResult:
    """Score one candidate with the run's scorer and emit the Scored event."""
    result = scorers.get(ctx.config.scorer).score(ctx, c)
    if result is None:
        result = ScoreResult(grid.metrics_score(c.metrics),
                             f"the {ctx.config.scorer} scorer gave no score: page metrics")
    result.value = round(min(max(result.value, 0.0), 10.0), 2)
    ctx.emit(Scored(candidate=c.index, score=result.value, reason=result.reason,
                    parts=result.parts))
    return result


def best_index(candidates: list[Candidate]) -> int | None:
    """Argmax of the scores; equal scores are broken by the page metrics, then order."""
    scored = [c for c in candidates if c.score is not None]
    if not scored:
        return None
    return max(scored, key=lambda c: (c.score, grid.metrics_score(c.metrics), -c.index)).index


# --- the built-in scorers -----------------------------------------------------------------
class MetricsScorer:
    label = "Page metrics"

    def score(self, ctx: RunContext, c: Candidate) -> ScoreResult:
        return ScoreResult(grid.metrics_score(c.metrics), "scored by page metrics")


class ModelScorer:
    """The run's model reads the page described block by block and scores it 0-10."""

    label = "The model"

    def score(self, ctx: RunContext, c: Candidate) -> ScoreResult | None:
        # After polishing, the score continues the polish conversation: its long prompt is
        # not evaluated again, nor the page when polishing left it as it was.
        history = ctx.turns.get(c.index)
        page = ctx.describe_page(c.layout)
        if history and page in history[-2]["content"]:
            page = "(the page above, as it is)"
        prompt = ctx.prompts.fill("score", query=ctx.query, page=page, form=SCORE_FORM)
        answer = ctx.caller.ask_json("score", prompt, score_schema(), read_score,
                                     max_tokens=60, candidate=c.index, logprobs=True,
                                     block="score", fallback="the page metrics",
                                     history=history)
        return score_of(ctx, c, answer)


def score_of(ctx: RunContext, c: Candidate, answer: Answer[ScoreReply]) -> ScoreResult | None:
    """A score reply as a ScoreResult: the expectation over the score tokens' probabilities
    when the server sent them, else the sampled score (said once per run); None without a
    usable reply. The reason is said as the candidate's monologue."""
    if answer.value is None:
        return None
    reason = answer.value.reason.strip()
    if not _says_something(reason):
        reason = ""  # a placeholder or a number echoed back is not a reason
    expected = expected_number(answer.completion.logprobs if answer.completion else None)
    if expected is None:
        value = answer.value.score
        if not ctx.said_once("no-logprobs"):
            ctx.caller.say("score", "The server sends no token probabilities, so I use "
                           "each sampled score as it is.")
        how = f"sampled {value:g}"
    else:
        value = expected
        how = f"expected {value:.2f} over the score tokens (sampled {answer.value.score:g})"
    if reason:
        ctx.caller.say("score", reason, c.index)
    return ScoreResult(value, f"{reason} ({how})" if reason else how)


def _says_something(reason: str) -> bool:
    """A reason of a few words that is not the reply form's placeholder echoed back."""
    return len(reason.split()) >= 3 and not re.search(r"[<>]|one short sentence", reason)


# The embedded model's blend: the page metrics carry most of the weight because a 135M model
# scores almost every page alike; its expected score still separates pages a little.
AUTO_WEIGHTS = {"model": 0.25, "metrics": 0.45, "reward": 0.30}


class AutoScorer:
    label = "Auto (model on an endpoint; a blend on the embedded model)"

    def score(self, ctx: RunContext, c: Candidate) -> ScoreResult | None:
        if ctx.config.backend != "local":
            return scorers.get("llm").score(ctx, c)
        found = {"model": scorers.get("llm").score(ctx, c),
                 "metrics": scorers.get("metrics").score(ctx, c)}
        reward = scorers.find("reward")
        if reward is not None and ctx.config.reward_model:
            found["reward"] = reward.score(ctx, c)
        parts = {name: round(r.value, 2) for name, r in found.items() if r is not None}
        weight = sum(AUTO_WEIGHTS[name] for name in parts)
        value = sum(AUTO_WEIGHTS[name] * v for name, v in parts.items()) / weight
        shown = " + ".join(f"{AUTO_WEIGHTS[n] / weight:.2f}×{n} {v:g}" for n, v in parts.items())
        return ScoreResult(value, f"blend: {shown}", parts)


scorers.register("auto", AutoScorer())
scorers.register("llm", ModelScorer())
scorers.register("metrics", MetricsScorer())
