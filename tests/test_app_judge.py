"""The Judge page through AppTest: a name once, then a judged experiment's pairs one at a time
from its shared link (?judge=<experiment>), each judgment stored on X's side whatever side X
was shown on; skip, back and a reload lose nothing; two runs of one query can be judged too;
the Experiments page shows people's table and agreement and writes them into summary.json."""

from __future__ import annotations

import json

import pytest

from serp_core.db import Database
from serp_core.experiments.human import placements
from serp_core.experiments.summary import Pair
from serp_core.human_judgments import HumanJudgment, HumanJudgments, score_of
from tests.app_support import page, texts
from tests.judging_support import NAME, judged_experiment
from ui.judging import REASONS


@pytest.fixture
def data_dir(tmp_path, monkeypatch, corpus):
    for name in ("GENSERP_SETTINGS", "OPENAI_BASE_URL", "GENSERP_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GENSERP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GENSERP_BACKEND", "local")  # nothing here asks a model
    return tmp_path


@pytest.fixture
def summary(data_dir, corpus):
    return judged_experiment(data_dir, corpus, model_scores={0: 8, 1: 3, 2: 6, 3: 5})


def stored(data_dir) -> HumanJudgments:
    return HumanJudgments(Database(data_dir / "runs.sqlite"))


def open_as(name: str, link: str | None = NAME):
    at = page("judge.py")
    if link is not None:
        at.query_params["judge"] = link
    at.run()
    assert not at.exception
    at.text_input(key="jg_name_input").input(name)
    at.button[0].click().run()  # "Start judging", the form's only button
    assert not at.exception
    return at


def on_pair(widgets, name: str):
    """The pair on screen's widget (each pair has its own key: jg_score-0, jg_score-1, ...)."""
    (widget,) = [w for w in widgets if (w.key or "").startswith(f"jg_{name}-")]
    return widget


def judge_current(at, raw: int, reasons=(REASONS[0],), other: str = ""):
    on_pair(at.select_slider, "score").set_value(raw)
    on_pair(at.button_group, "reasons").set_value(list(reasons))
    on_pair(at.text_input, "other").input(other)
    at.button(key="jg_save").click().run()
    assert not at.exception


def plan(summary, judge="Ana"):
    pairs = [Pair(**v.model_dump(exclude={"scores"})) for v in summary.verdicts]
    return placements(pairs, judge=judge, session=NAME)


def test_the_shared_link_opens_the_experiments_pairs_after_a_name(data_dir, summary):
    at = page("judge.py")
    at.query_params["judge"] = NAME
    at.run()
    assert "Your name" in [t.label for t in at.text_input]
    at.text_input(key="jg_name_input").input("   ")
    at.button[0].click().run()
    assert "enter your name first" in at.error[0].value
    at = open_as("Ana")
    assert at.selectbox(key="jg_experiment").value == NAME
    assert "judge?judge=beam-vs-greedy" in at.code[0].value
    first = plan(summary)[0]
    assert "Pair 1 of 4 · 0 judged · 0 skipped" in at.get("progress")[0].proto.text
    assert f"#### {first.pair.query}" in texts(at).replace("\\", "")


def test_each_judgment_is_stored_on_xs_side_with_its_reasons(data_dir, summary):
    at = open_as("Ana")
    on_pair(at.select_slider, "score").set_value(2)
    at.button(key="jg_save").click().run()
    assert "give 1 to 3 reasons" in at.error[0].value.replace("\\", "")
    assert stored(data_dir).all() == []  # nothing kept without a reason

    judge_current(at, 2, [REASONS[0], REASONS[3]], other="the map helps")
    assert "Pair 2 of 4 · 1 judged" in at.get("progress")[0].proto.text
    (kept,) = stored(data_dir).all()
    first = plan(summary)[0]
    assert (kept.run_x, kept.run_y) == first.pair.runs and kept.x_left == first.x_left
    assert kept.raw == 2 and kept.score == score_of(2, first.x_left)
    assert kept.score == (8 if first.x_left else 2)  # "the left page better by 3"
    assert kept.reasons == [REASONS[0], REASONS[3], "the map helps"]
    assert kept.session == NAME and kept.judge == "Ana"


def test_skip_and_back_go_through_the_pairs_and_bring_back_what_was_given(data_dir, summary):
    at = open_as("Ana")
    judge_current(at, 9, [REASONS[1]], other="clearer")
    at.button(key="jg_skip").click().run()
    assert "Pair 3 of 4 · 1 judged · 1 skipped" in at.get("progress")[0].proto.text
    skipped = [j for j in stored(data_dir).all() if j.skipped]
    assert [j.pair for j in skipped] == [plan(summary)[1].pair.runs]
    at.button(key="jg_back").click().run()
    at.button(key="jg_back").click().run()
    assert "Pair 1 of 4" in at.get("progress")[0].proto.text
    assert on_pair(at.select_slider, "score").value == 9
    assert on_pair(at.button_group, "reasons").value == [REASONS[1]]
    assert on_pair(at.text_input, "other").value == "clearer"
    judge_current(at, 4, [REASONS[2]])  # judged again: replaced, not added
    (ana,) = [j for j in stored(data_dir).all() if not j.skipped]
    assert ana.raw == 4 and ana.reasons == [REASONS[2]]


def test_a_reload_loses_nothing_and_the_judge_carries_on(data_dir, summary):
    at = open_as("Ana")
    judge_current(at, 3)
    judge_current(at, 7)
    again = open_as("Ana")  # a new browser session: the name is asked again, nothing else
    assert "Pair 3 of 4 · 2 judged · 0 skipped" in again.get("progress")[0].proto.text
    judge_current(again, 5)
    judge_current(again, 5)
    assert "You have been through all 4 pairs: 4 judged, 0 skipped" in texts(again)
    other = open_as("Ben")  # another judge starts from the beginning of their own order
    assert "Pair 1 of 4 · 0 judged" in other.get("progress")[0].proto.text


def test_two_runs_of_one_query_can_be_judged(data_dir, summary):
    at = open_as("Ana", link=None)
    at.radio(key="jg_source").set_value("Two runs of one query").run()
    assert not at.exception
    query = at.selectbox(key="jg_query").value
    x, y = at.selectbox(key="jg_run_x").value, at.selectbox(key="jg_run_y").value
    assert x != y
    judge_current(at, 6)
    (kept,) = stored(data_dir).all()
    assert (kept.query, kept.run_x, kept.run_y, kept.session) == (query, x, y, "")
    assert "all 1 pairs" in texts(at)


def test_a_link_to_an_experiment_without_a_report_is_one_clear_line(data_dir):
    at = open_as("Ana", link="no-such-experiment")
    assert "no judged report for “no-such-experiment”" in at.error[0].value.replace("\\", "")
    assert "No query has two finished runs yet" in texts(at)  # nothing else to judge


def test_the_experiments_page_shows_the_people_and_writes_them_to_the_report(data_dir,
                                                                             summary):
    judgments = stored(data_dir)
    for judge, scores in (("Ana", (8, 3, 7, 5)), ("Ben", (9, 2, 6, 6))):
        for v, score in zip(summary.verdicts, scores, strict=True):
            judgments.put(HumanJudgment(judge=judge, run_x=v.run_x, run_y=v.run_y,
                                        query=v.query, vertical=v.vertical, x_left=False,
                                        raw=score, reasons=[REASONS[0]]))
    at = page("experiments.py").run()
    at.selectbox(key="exp_name").select(NAME).run()
    assert not at.exception
    shown = texts(at)
    assert "People as judges** (8 judgments by 2 judges, 0 skipped)" in shown
    assert "Krippendorff's α = " in shown and "on 4 pairs judged by two or more" in shown
    report = json.loads((data_dir / "experiments" / NAME / "summary.json").read_text())
    humans = report["humans"]
    assert humans["judgments"] == 8 and humans["table"][-1]["group"] == "all"
    assert humans["table"][-1]["mean_score"] == pytest.approx((8.5 + 2.5 + 6.5 + 5.5) / 4)
    (model,) = humans["agreement"]
    assert model["judge"] == "model" and model["pairs"] == 4
    assert model["spearman"] == pytest.approx(1.0)  # 8 3 6 5 ranks as 8.5 2.5 6.5 5.5
