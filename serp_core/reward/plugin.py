"""The learned page reward's extensions, registered like any plugin's: the Stage 3 scorer
`reward` and the experiments' judge `reward` (serp_core.plugins loads this module; neither
the pipeline nor the experiments import the reward)."""

from __future__ import annotations

from ..experiments.judges import JudgeSetup, chosen_page, judges
from ..pipeline.context import RunContext
from ..pipeline.score import ScoreResult, scorers
from ..query import Query
from ..schema import Candidate, ErrorEvent, Run
from .use import cached_model, judge_pair, score_layout


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


class RewardJudge:
    """The learned page reward as a judge: its side-by-side verdict (symmetric, so one order
    is enough) and its 0-10 score of a page, in the query's vertical. No model call, nothing
    kept: it is fast and deterministic."""

    kind = "reward"

    def __init__(self, setup: JudgeSetup) -> None:
        self.model = cached_model(setup.reward_model)  # OSError / ValueError: no usable model
        self.name = self.model.version

    def pair(self, query: Query, x: Run, y: Run) -> float | None:
        return judge_pair(self.model, query.text, chosen_page(x), chosen_page(y),
                          query.vertical)

    def point(self, query: Query, run: Run) -> float | None:
        return score_layout(self.model, query.text, *chosen_page(run), query.vertical)


scorers.register("reward", RewardScorer())
judges.register("reward", RewardJudge)
