"""Stage 3: a pointwise 0-10 score per candidate page, then the argmax."""

from __future__ import annotations

from .. import grid
from ..reward import cached_model, score_layout
from ..schema import Candidate, ErrorEvent, Scored
from .context import RunContext
from .replies import read_score, reply_form, score_schema


def score(ctx: RunContext, c: Candidate) -> tuple[float, str]:
    if ctx.config.scorer == "metrics":
        value, reason = grid.metrics_score(c.metrics), "scored by page metrics"
    elif ctx.config.scorer == "reward":
        value, reason = _reward_score(ctx, c)
    else:
        prompt = ctx.prompts.fill(
            "score", query=ctx.query, page=ctx.describe_page(c.layout),
            form=reply_form('{"reason":"<one short sentence>","score":<0-10>}'))
        reply = ctx.caller.json("score", prompt, score_schema(), read_score, max_tokens=60,
                                candidate=c.index)
        if reply is None:
            value, reason = grid.metrics_score(c.metrics), "no usable score reply: page metrics"
        else:
            value, reason = reply.score, reply.reason.strip()
            if reason:
                ctx.caller.say("score", reason, c.index)
    ctx.emit(Scored(candidate=c.index, score=value, reason=reason))
    return value, reason


def _reward_score(ctx: RunContext, c: Candidate) -> tuple[float, str]:
    """The learned page reward (PageLLM's multi-grained reward); the page metrics stand in,
    with a message, when no trained model can be loaded."""
    try:
        model = cached_model(ctx.config.reward_model)
    except (OSError, ValueError) as e:
        if c.index == 0:  # one message per run, not one per candidate
            ctx.emit(ErrorEvent(stage="score", message=f"no reward model ({e}); "
                                "scoring by page metrics instead"))
        return grid.metrics_score(c.metrics), "no reward model: page metrics"
    value = score_layout(model, ctx.query, c.layout, ctx.items, ctx.search.vertical_of(ctx.query))
    return value, f"learned page reward {model.version} (λ={model.lam:g})"


def best_index(candidates: list[Candidate]) -> int | None:
    """Argmax of the scores; equal scores are broken by the page metrics, then order."""
    scored = [c for c in candidates if c.score is not None]
    if not scored:
        return None
    return max(scored, key=lambda c: (c.score, grid.metrics_score(c.metrics), -c.index)).index
