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
    seconds_mean: float | None = None


class OtherJudge(_Part):
    """A judge beside the model (the learned reward, the vision judge): its verdicts and
    mean score per arm."""

    model: str = ""  # its identity (a reward's version)
    table: list[JudgedRow] = []
    score_mean: list[float | None] = []
    reasons: dict[str, list[str]] = {}  # per query, the reasons of its verdict (if it gives any)


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
