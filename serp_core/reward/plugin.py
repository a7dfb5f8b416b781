"""The learned page reward's extensions, registered like any plugin's: the Stage 3 scorer
`reward` (serp_core.plugins loads this module; the pipeline never imports the reward)."""

from __future__ import annotations

from ..pipeline.context import RunContext
from ..pipeline.score import ScoreResult, scorers
from ..schema import Candidate, ErrorEvent
from .use import cached_model, score_layout


class RewardScorer:
    label = "Learned reward"

    def score(self, ctx: RunContext, c: Candidate) -> ScoreResult | None:
        """The learned reward's 0-10 score, with no model call; None when no trained model
        can be loaded (said once per run when the reward is the run's own scorer)."""
        try:
            model = cached_model(ctx.config.reward_model)
        except (OSError, ValueError) as e:
            if ctx.config.scorer == "reward" and not ctx.said_once("no-reward-model"):
                ctx.emit(ErrorEvent(stage="score", message=f"no reward model ({e}); "
                                    "scoring by page metrics instead"))
            return None
        value = score_layout(model, ctx.query, c.layout, ctx.items,
                             ctx.search.vertical_of(ctx.query))
        return ScoreResult(value, f"learned page reward {model.version} (λ={model.lam:g})")


scorers.register("reward", RewardScorer())
