"""What an experiment reports: summary.json, typed. One model per analysis kind, each adding
its own fields to what every summary says (ExperimentSummary, which alone is the summary of
an experiment stopped before its analysis).

    summary = read_summary(json.loads(path.read_text()), experiment.analysis)  # analyses.py
    if isinstance(summary, JudgedSummary):
        summary.table[-1].mean_score      # the "all" row

`to_json()` is summary.json's content. Reading is lenient (a missing number is None or 0), so
an older report still opens.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ArmReport(_Part):
    """One arm's batch: its identity and how its runs went."""

    name: str = ""
    label: str = ""
    batch_id: str = ""
    prompt_version: str = ""
    config: dict[str, Any] = {}
    done: int = 0
    failed: int = 0
    resumed: int = 0  # done by an earlier attempt and reused
    cost_usd: float | None = None  # the done runs' model calls (traces.cost); None: unknown


class ExperimentSummary(_Part):
    experiment: str = ""
    title: str = ""
    paper: str = ""
    question: str = ""
    analysis: str = ""
    model: str = ""
    queries: int = 0
    verticals: dict[str, int] = {}
    arms: list[ArmReport] = []
    complete: bool = False  # every run of every arm done, and analysed

    @property
    def analysed(self) -> bool:
        """False for an experiment stopped before its analysis."""
        return type(self) is not ExperimentSummary

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def save(self, path: Path) -> None:
        """Write summary.json (whole or not at all: a reader never sees half a file)."""
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False, allow_nan=False)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text + "\n", encoding="utf-8")
        partial.replace(path)


# --- judged: a side-by-side judge per query (Tables 1-3) ---------------------------------
class JudgedRow(_Part):
    """The verdicts of one vertical (or of "all"), tested against the tie."""

    group: str
    n: int = 0
    mean_score: float = 0.0
    wins: int = 0  # > 5: the first arm's page preferred
    ties: int = 0
    losses: int = 0
    win_rate: float = 0.0
    statistic: float | None = None
    p: float | None = None
    p_adjusted: float | None = None
    significant: bool = False
    reason: str = ""  # why it was not tested


class Pairs(_Part):
    asked: int = 0
    judged: int = 0


class ArmCosts(_Part):
    """Each arm's chosen pages: the pointwise judge's mean score, the page metrics and cost."""

    arm: str
    label: str = ""
    runs: int = 0
    judge_pointwise_mean: float | None = None
    judge_pointwise_n: int = 0
    page_metrics_score_mean: float | None = None
    calls_mean: float | None = None
    tokens_mean: float | None = None
    cost_usd_mean: float | None = None  # over the runs whose cost is known
    seconds_mean: float | None = None


class OtherJudge(_Part):
    """A judge beside the model (the learned reward, the vision judge): its verdicts and
    mean score per arm."""

    model: str = ""  # its identity (a reward's version)
    table: list[JudgedRow] = []
    score_mean: list[float | None] = []
    reasons: dict[str, list[str]] = {}  # per query, the reasons of its verdict (if it gives any)


class Pair(_Part):
    """Two runs of one query whose chosen pages are compared; X is the first arm's."""

    query: str
    vertical: str = "other"
    run_x: str = ""
    run_y: str = ""

    @property
    def runs(self) -> tuple[str, str]:
        return self.run_x, self.run_y


class PairVerdicts(Pair):
    """One judged pair with each judge's 0-10 score (5 = tie, > 5 favours X)."""

    scores: dict[str, float | None] = {}  # by judge kind: "model", "reward", ...


class HumanRow(JudgedRow):
    """The people's verdicts of one vertical: `n` pairs, each scored by the mean of its
    judges; the spread of those means and of the single judgments."""

    judges: int = 0
    judgments: int = 0
    sd: float | None = None  # of the pairs' mean scores
    judgment_sd: float | None = None  # of every single judgment


class AlphaResult(_Part):
    """Krippendorff's alpha (interval) between the human judges, with its bootstrap interval."""

    alpha: float | None = None
    low: float | None = None
    high: float | None = None
    pairs: int = 0  # pairs scored by two judges or more: the only ones alpha uses
    judges: int = 0
    reason: str = ""  # why there is no alpha


class JudgeAgreement(_Part):
    """A judge (the model, the learned reward) against the humans' mean score per pair."""

    judge: str  # its kind
    model: str = ""  # its identity
    pairs: int = 0  # pairs with both its verdict and a human mean
    spearman: float | None = None
    p: float | None = None
    side_agreement: float | None = None  # share of pairs where both pick X, the tie or Y
    reason: str = ""


class HumanSummary(_Part):
    """What people said about the experiment's pairs (the Judge page)."""

    judges: int = 0
    judgments: int = 0
    skipped: int = 0
    table: list[HumanRow] = []
    alpha: AlphaResult = AlphaResult()
    agreement: list[JudgeAgreement] = []
    reasons: dict[str, dict[str, int]] = {}  # "x" / "tie" / "y" (who won) -> reason -> count
    method: dict[str, str] = {}


JUDGE_SUFFIX = "_judge"  # other judges are summary keys "<kind>_judge"


class JudgedSummary(ExperimentSummary):
    analysis: Literal["judged"] = "judged"
    table: list[JudgedRow] = []
    pairs: Pairs = Pairs()
    arm_x: str = ""
    arm_y: str = ""
    pointwise: list[ArmCosts] = []
    method: dict[str, str] = {}
    other_judges: dict[str, OtherJudge] = {}  # by judge kind; in JSON "<kind>_judge"
    verdicts: list[PairVerdicts] = []  # every pair, with every judge's score
    judge_models: dict[str, str] = {}  # judge kind -> who judged (a model's name, a version)
    humans: HumanSummary = HumanSummary()  # people's judgments (the Judge page)

    @model_validator(mode="before")
    @classmethod
    def _gather_judges(cls, data: Any) -> Any:
        if isinstance(data, dict) and "other_judges" not in data:
            found = {k.removesuffix(JUDGE_SUFFIX): v for k, v in data.items()
                     if k.endswith(JUDGE_SUFFIX) and isinstance(v, dict)}
            if found:
                data = {**data, "other_judges": found}
        return data

    @model_serializer(mode="wrap")
    def _spread_judges(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        others = data.pop("other_judges", {})
        return {**data, **{f"{kind}{JUDGE_SUFFIX}": v for kind, v in others.items()}}


# --- placement: each treatment's block positions against the control's (Fig. 6-9) ---------
class PlacementRow(_Part):
    """One (treatment, type, measure) test: stats.summary_rows with the treatment's name."""

    treatment: str
    type: str
    measure: str
    n_control: int = 0
    n_treatment: int = 0
    median_control: float | None = None
    median_treatment: float | None = None
    test: str | None = None
    statistic: float | None = None
    p: float | None = None
    p_adjusted: float | None = None
    correction: str = "holm"
    cliffs_delta: float | None = None
    significant: bool = False
    reason: str = ""


class PlacementSummary(ExperimentSummary):
    analysis: Literal["placement"] = "placement"
    table: list[PlacementRow] = []
    method: dict[str, str] = {}


# --- heatmaps: where one arm puts each type (Fig. 5) -------------------------------------
class HeatmapRow(_Part):
    type: str
    layouts: int = 0  # chosen layouts showing the type
    share_of_pages: float | None = None
    median_centre_x: float | None = None
    median_centre_y: float | None = None
    median_area: float | None = None
    above_fold_share: float | None = None


class HeatmapsSummary(ExperimentSummary):
    analysis: Literal["heatmaps"] = "heatmaps"
    table: list[HeatmapRow] = []
    layouts: int = 0
    method: dict[str, str] = {}
