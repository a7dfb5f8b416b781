"""The Reward page through AppTest: training from one click, then the evidence (pair
accuracy, the λ ablation, examination fitted beside the truth), the feedback log and the
preference pairs."""

import time

import pytest

import ui.background
from serp_core.experiments.query_sets import bundled, select
from serp_core.reward import FeedbackLog
from tests.app_support import charts, page, texts, use_fake_model

QUERIES = select(bundled(), n=16, seed=2)


@pytest.fixture
def data_dir(tmp_path, monkeypatch, fake_openai):
    use_fake_model(monkeypatch, fake_openai.base_url, tmp_path)
    # The page trains on the 200 bundled queries (about a minute); 16 keep the test short.
    monkeypatch.setattr(ui.background, "training_queries", lambda: QUERIES)
    return tmp_path


def test_one_click_trains_the_reward_and_the_evidence_shows(data_dir):
    at = page("reward.py").run()
    assert not at.exception
    assert "No reward trained yet" in texts(at)
    at.number_input(key="rw_sessions").set_value(5).run()
    at.button(key="rw_train").click().run()
    deadline = time.monotonic() + 120
    while "Simulating sessions, fitting examination" in texts(at):
        assert time.monotonic() < deadline, "the training did not finish"
        time.sleep(0.5)
        at.run()
    assert not at.exception and not at.error
    shown = texts(at)
    assert "both halves on expected clicks" in shown
    assert (data_dir / "reward" / "model.json").is_file()
    accuracy, curve, exam = charts(at)
    assert [bar["name"] for bar in accuracy["data"]] == ["page", "item", "joint"]
    assert accuracy["data"][0]["x"] == ["relevance", "ranking", "diversity", "redundancy"]
    assert [t["name"] for t in curve["data"]] == ["expected clicks", "grid NDCG"]
    assert len(exam["data"]) == 2  # fitted and truth
    simulated = FeedbackLog(data_dir / "runs.sqlite").counts()["simulated"]
    assert simulated["sessions"] > 0 and simulated["clicks"] > 0
    assert at.get("download_button")  # the TRL preference pairs


def test_a_damaged_model_file_is_one_clear_error(data_dir):
    (data_dir / "reward").mkdir()
    (data_dir / "reward" / "model.json").write_text("{not json")
    at = page("reward.py").run()
    assert not at.exception
    assert "The saved reward cannot be used" in at.error[0].value
