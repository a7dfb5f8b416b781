"""The Experiments page through AppTest: an experiment runs in the background from one click,
its progress and then its tables and plots show, and its report lands in the data dir."""

import json
import time

import pytest

from tests.app_support import charts, page, texts, use_fake_model
from tests.serp_responder import SerpResponder


@pytest.fixture
def data_dir(tmp_path, monkeypatch, fake_openai):
    fake_openai.responder = SerpResponder()
    use_fake_model(monkeypatch, fake_openai.base_url, tmp_path)
    return tmp_path


def run_until_idle(at, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        at.run()
        if not at.get("progress"):
            return at
        time.sleep(0.3)
    raise AssertionError("the experiment did not finish")


def test_one_click_runs_the_experiment_and_shows_its_tables_and_plot(data_dir):
    at = page("experiments.py").run()
    assert not at.exception
    at.selectbox(key="exp_name").select("beam-vs-greedy").run()
    assert "Greedy (beam 1)" in texts(at)
    at.number_input(key="exp_n").set_value(4).run()
    at.button(key="exp_run").click().run()
    assert not at.exception and not at.error
    run_until_idle(at)
    assert not at.exception and not at.error
    assert "Side-by-side verdicts" in texts(at) and "(4 of 4 pairs judged)" in texts(at)
    (figure,) = charts(at)
    assert figure["data"][0]["name"] == "GenSERP better"
    summary = json.loads((data_dir / "experiments" / "beam-vs-greedy" / "summary.json")
                         .read_text())
    assert [a["done"] for a in summary["arms"]] == [4, 4]


def test_a_stored_report_is_shown_after_a_restart(data_dir):
    out = data_dir / "experiments" / "placement-heatmaps"
    out.mkdir(parents=True)
    (out / "summary.json").write_text(json.dumps({
        "queries": 1, "model": "m", "verticals": {"travel": 1},
        "arms": [{"label": "GenSERP", "done": 1, "failed": 0, "resumed": 0,
                  "prompt_version": "abc"}],
        "table": [{"type": "web", "layouts": 1}], "method": {"unit": "one layout"}}))
    at = page("experiments.py").run()
    at.selectbox(key="exp_name").select("placement-heatmaps").run()
    assert not at.exception
    assert "The last report" in texts(at) and "run it again" in texts(at)
    assert len(at.dataframe) == 2


def test_an_upload_choice_without_a_file_is_one_clear_error(data_dir):
    at = page("experiments.py").run()
    at.radio(key="exp_source").set_value("Upload a CSV").run()
    at.button(key="exp_run").click().run()
    assert not at.exception
    assert "choose a CSV file" in at.error[0].value
