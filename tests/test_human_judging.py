"""People as judges: the store keeps each judge's verdict per pair, the left/right draw is
undone in the scores, and the aggregation (Table 1 from people) and agreement (Krippendorff's
alpha, each model judge against the humans' mean) match values computed by hand."""

from __future__ import annotations

import json

import numpy as np
import pytest

from serp_core.db import Database
from serp_core.experiments import stats
from serp_core.experiments.human import (
    aggregate,
    experiment_pairs,
    first_open,
    placements,
    refresh_report,
    with_humans,
)
from serp_core.experiments.summary import JudgedSummary, Pair, PairVerdicts
from serp_core.human_judgments import HumanJudgment, HumanJudgments, score_of

NAN = np.nan


@pytest.fixture
def judgments(tmp_path) -> HumanJudgments:
    return HumanJudgments(Database(tmp_path / "runs.sqlite"))


def pairs(n: int, vertical: str = "travel") -> list[Pair]:
    return [Pair(query=f"q{i}", vertical=vertical, run_x=f"x{i}", run_y=f"y{i}")
            for i in range(n)]


def judgment(judge: str, pair: Pair, score: float | None, reasons=(), x_left=False,
             ) -> HumanJudgment:
    """A judgment whose slider was set so that X's score is `score` (None: a skip)."""
    raw = None if score is None else (10 - score if x_left else score)
    return HumanJudgment(judge=judge, run_x=pair.run_x, run_y=pair.run_y, query=pair.query,
                         vertical=pair.vertical, x_left=x_left, raw=raw, reasons=list(reasons))


# --- the store ---------------------------------------------------------------------------
def test_a_judgment_is_kept_replaced_by_the_same_judge_and_read_back(judgments):
    p, other = pairs(2)
    judgments.put(judgment("Ana", p, 7, ["cleaner layout"], x_left=True))
    judgments.put(judgment("Ben", p, None))  # skipped
    judgments.put(judgment("Ana", p, 2, ["better answer", "less white space"]))
    judgments.put(judgment("Ana", other, 5))
    rows = judgments.of_pairs([p.runs])
    assert [(j.judge, j.score, j.skipped) for j in rows] == [("Ana", 2, False),
                                                             ("Ben", None, True)]
    ana = rows[0]
    assert ana.x_left is False and ana.raw == 2
    assert ana.reasons == ["better answer", "less white space"]
    assert {j.pair for j in judgments.all()} == {p.runs, other.runs}


def test_bad_judgments_are_one_line_errors():
    p = pairs(1)[0]
    with pytest.raises(ValueError, match="enter your name"):
        judgment("   ", p, 5)
    with pytest.raises(ValueError, match="at most 3 reasons"):
        judgment("Ana", p, 5, ["a", "b", "c", "d"])
    with pytest.raises(ValueError, match="less than or equal to 10"):
        HumanJudgment(judge="Ana", run_x="x", run_y="y", x_left=True, raw=11)
    with pytest.raises(ValueError, match="two different runs"):
        HumanJudgment(judge="Ana", run_x="x", run_y="x", x_left=True, raw=5)


# --- sides -------------------------------------------------------------------------------
def test_the_slider_is_turned_back_to_the_first_arms_side():
    # 0 = left far better, 10 = right far better; X's score: 10 = X far better.
    assert score_of(0, x_left=True) == 10 and score_of(0, x_left=False) == 0
    assert score_of(7, x_left=True) == 3 and score_of(7, x_left=False) == 7
    assert score_of(5, x_left=True) == score_of(5, x_left=False) == 5


def test_a_judge_who_always_prefers_the_left_page_ends_at_a_tie():
    ps = pairs(10)
    plan = placements(ps, judge="lefty", session="beam-vs-greedy")
    assert sorted(p.pair.query for p in plan) == sorted(p.query for p in ps)  # each pair once
    assert sum(p.x_left for p in plan) == 5  # X on the left on exactly half the pairs
    scores = [score_of(2, p.x_left) for p in plan]  # "the left page is better by 3"
    assert set(scores) == {8, 2} and np.mean(scores) == 5
    # A judge who prefers X wherever it is shown keeps that preference whole.
    assert {score_of(2 if p.x_left else 8, p.x_left) for p in plan} == {8}


def test_the_draw_is_the_same_on_every_visit_and_differs_between_judges():
    ps = pairs(12)
    first = placements(ps, judge="ana", session="s")
    assert placements(ps, judge="ana", session="s") == first
    others = [placements(ps, judge=name, session="s") for name in ("ben", "cy", "dee")]
    assert any([p.x_left for p in o] != [p.x_left for p in first] for o in others)
    assert any([p.pair for p in o] != [p.pair for p in first] for o in others)


def test_a_judged_pair_keeps_its_side_and_the_judge_carries_on_after_it():
    ps = pairs(4)
    plan = placements(ps, judge="ana", session="s")
    done = plan[0]
    kept = {done.pair.runs: judgment("ana", done.pair, 6, x_left=not done.x_left)}
    again = placements(ps, judge="ana", session="s", kept=kept)
    assert again[0].x_left is not done.x_left  # as it was judged, not as drawn
    assert first_open(again, kept) == 1
    assert first_open(again, {p.pair.runs: None for p in again}) == 4


# --- aggregation, as Table 1 -------------------------------------------------------------
T = pairs(3, "travel")
H = [Pair(query=f"h{i}", vertical="health", run_x=f"hx{i}", run_y=f"hy{i}") for i in range(3)]
MODEL = [6, 9, 5, 7, 4, 10]  # the model judge on t0 t1 t2 h0 h1 h2
PAIRS = [PairVerdicts(**p.model_dump(), scores={"model": m, "reward": 5.0})
         for p, m in zip(T + H, MODEL, strict=True)]
JUDGMENTS = [  # X's scores; pair means 7, 8, 6 | 8, 6, 9
    judgment("ana", T[0], 8, ["better answer"]), judgment("ben", T[0], 6, x_left=True),
    judgment("ana", T[1], 7), judgment("ben", T[1], 9), judgment("cy", T[1], 8),
    judgment("ana", T[2], 6, ["better answer", "less white space"], x_left=True),
    judgment("cy", T[2], None),  # a skip: not a judgment
    judgment("ana", H[0], 9), judgment("cy", H[0], 7),
    judgment("ben", H[1], 6), judgment("cy", H[1], 6),
    judgment("ana", H[2], 10), judgment("ben", H[2], 8, ["cleaner layout"]),
]


def test_the_humans_table_matches_hand_computed_values():
    humans = aggregate(PAIRS, JUDGMENTS, {"model": "gpt-x", "reward": "r1"})
    assert (humans.judges, humans.judgments, humans.skipped) == (3, 12, 1)
    rows = {r.group: r for r in humans.table}
    assert list(rows) == ["travel", "health", "all"]
    travel, health, every = rows["travel"], rows["health"], rows["all"]
    assert (travel.n, travel.judgments, travel.judges) == (3, 6, 3)
    assert travel.mean_score == 7 and travel.sd == 1.0  # means 7, 8, 6
    assert health.mean_score == pytest.approx(23 / 3, abs=1e-3)  # 8, 6, 9
    assert health.sd == pytest.approx((14 / 3 / 2) ** 0.5, abs=1e-3)
    assert (every.n, every.judgments, every.wins, every.ties, every.losses) == (6, 12, 6, 0, 0)
    assert every.mean_score == pytest.approx(44 / 6, abs=1e-3)
    assert every.sd == pytest.approx((22 / 3 / 5) ** 0.5, abs=1e-3)
    assert every.judgment_sd == pytest.approx((21 / 11) ** 0.5, abs=1e-3)  # 12 scores, mean 7.5
    # Wilcoxon against 5, exact: 6 untied pairs all above 5 give 2 / 2**6; 3 give 2 / 2**3.
    assert every.p == pytest.approx(2 / 64, abs=1e-4)
    assert travel.p == pytest.approx(0.25) and health.p == pytest.approx(0.25)
    # Holm over the three rows: 3 * 0.03125, then max(2 * 0.25, ...) for both others.
    assert every.p_adjusted == pytest.approx(3 * 0.0312, abs=1e-3) and not every.significant
    assert travel.p_adjusted == health.p_adjusted == pytest.approx(0.5)
    assert humans.reasons == {"x": {"better answer": 2, "less white space": 1,
                                    "cleaner layout": 1}}


def test_agreement_with_each_model_judge_matches_hand_computed_values():
    humans = aggregate(PAIRS, JUDGMENTS, {"model": "gpt-x", "reward": "r1"})
    model, reward = humans.agreement
    assert (model.judge, model.model, model.pairs) == ("model", "gpt-x", 6)
    # Ranks: model (3, 5, 2, 4, 1, 6); humans' means 7 8 6 8 6 9 -> (3, 4.5, 1.5, 4.5, 1.5, 6).
    # Pearson of the ranks: 16.5 / sqrt(17.5 * 16.5).
    assert model.spearman == pytest.approx((16.5 / 17.5) ** 0.5, abs=1e-3)
    assert model.side_agreement == pytest.approx(4 / 6, abs=1e-3)  # a tie on t2, Y on h1
    assert reward.spearman is None and "same score (5)" in reward.reason
    assert reward.side_agreement == 0  # it calls every pair a tie; people never did


def alpha_by_hand(matrix: np.ndarray) -> float:
    """Interval alpha from its definition: 1 - D_o / D_e over the pairable values."""
    units = [col[~np.isnan(col)] for col in matrix.T]
    units = [u for u in units if u.size >= 2]
    values = np.concatenate(units)
    n = values.size
    d_o = sum(((u[:, None] - u[None, :]) ** 2).sum() / (u.size - 1) for u in units) / n
    d_e = ((values[:, None] - values[None, :]) ** 2).sum() / (n * (n - 1))
    return 1 - d_o / d_e


def test_alpha_between_the_judges_matches_its_definition_and_has_an_interval():
    humans = aggregate(PAIRS, JUDGMENTS)
    # judges ana, ben, cy (rows) x pairs t0 t1 t2 h0 h1 h2; t2 has one score: not pairable.
    matrix = np.array([[8, 7, 6, 9, NAN, 10], [6, 9, NAN, NAN, 6, 8], [NAN, 8, NAN, 7, 6, NAN]])
    assert humans.alpha.pairs == 5 and humans.alpha.judges == 3
    assert humans.alpha.alpha == pytest.approx(alpha_by_hand(matrix), abs=1e-3)
    assert humans.alpha.low <= humans.alpha.alpha <= humans.alpha.high


def test_krippendorffs_alpha_matches_published_and_hand_computed_values():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the 4 x 12 example:
    # interval alpha = 0.849.
    data = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
                     [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
                     [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
                     [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN]])
    assert stats.krippendorff_alpha(data) == pytest.approx(0.849, abs=1e-3)
    # Pairable values 1 1 | 2 2 | 3 4 (the last unit has one): D_o = 2 / 6, D_e = 82 / 30.
    small = np.array([[1, 2, 3, NAN], [1, 2, 4, 3]])
    assert stats.krippendorff_alpha(small) == pytest.approx(1 - (2 / 6) / (82 / 30))
    assert stats.krippendorff_alpha(np.array([[3, 7, 5], [3, 7, 5]])) == 1.0
    assert stats.krippendorff_alpha(np.array([[5, NAN], [NAN, 5]])) is None  # nothing shared
    low, high = stats.alpha_interval(data, n_boot=300)
    assert low < 0.849 < high <= 1


def test_without_two_judges_on_a_pair_there_is_no_alpha_and_it_says_why():
    humans = aggregate(PAIRS, [judgment("ana", T[0], 8), judgment("ben", T[1], 3)])
    assert humans.alpha.alpha is None and "two people" in humans.alpha.reason
    assert humans.table[-1].n == 2 and "too few pairs" in humans.table[-1].reason
    assert aggregate(PAIRS, []).table == [] and aggregate(PAIRS, []).judgments == 0


# --- the experiment's summary ------------------------------------------------------------
def summary() -> JudgedSummary:
    return JudgedSummary(experiment="beam-vs-greedy", verdicts=PAIRS,
                         judge_models={"model": "gpt-x"})


def test_the_pairs_of_an_experiment_are_its_verdicts_runs():
    assert [p.runs for p in experiment_pairs(summary())] == [p.runs for p in PAIRS]


def test_summary_json_gets_the_humans_and_keeps_its_other_keys(judgments, tmp_path):
    for j in JUDGMENTS:
        judgments.put(j)
    judgments.put(judgment("ana", pairs(1, "travel")[0].model_copy(
        update={"run_x": "elsewhere", "run_y": "other"}), 9))  # not this experiment's pair
    path = tmp_path / "summary.json"
    summary().save(path)
    before = json.loads(path.read_text())
    fresh = refresh_report(path, judgments)
    after = json.loads(path.read_text())
    assert after["humans"]["judgments"] == 12 and fresh.humans.table[-1].n == 6
    assert {k: v for k, v in after.items() if k != "humans"} == \
        {k: v for k, v in before.items() if k != "humans"}
    assert with_humans(summary(), judgments).humans == fresh.humans
