"""The Heatmaps page, driven through AppTest over runs seeded straight into the store."""

import pytest

from serp_core.schema import LayoutProposed
from serp_core.store import RunStore
from tests.app_support import charts, page, texts, use_fake_model
from tests.run_factory import add_run, layout
from tests.serp_responder import SerpResponder

TOP = {"chat_answer": (0, 0, 6, 2)}
RIGHT = {"chat_answer": (6, 0, 6, 2), "images": (0, 0, 6, 2)}
ANSWER, IMAGES = 0, 2  # panel order follows ContentType


@pytest.fixture
def store(tmp_path, monkeypatch, fake_openai):
    fake_openai.responder = SerpResponder()
    use_fake_model(monkeypatch, fake_openai.base_url, tmp_path)
    return RunStore(tmp_path / "runs.sqlite")


def test_with_no_runs_it_points_to_the_playground(store):
    at = page("heatmaps.py").run()
    assert not at.exception
    assert "Playground" in at.info[0].value
    assert charts(at) == []


def test_the_maps_show_the_share_of_layouts_covering_each_cell(store):
    add_run(store, "r1", [TOP, RIGHT], best=1)
    add_run(store, "r2", [TOP, TOP], best=0)
    at = page("heatmaps.py").run()
    assert not at.exception
    assert "2 runs · 4 layouts" in texts(at)
    (figure,) = charts(at)
    answer, images = figure["data"][ANSWER], figure["data"][IMAGES]
    assert answer["name"] == "Chat answer" and images["name"] == "Images"
    assert answer["z"][0][0] == 0.75 and answer["z"][0][11] == 0.25 and answer["z"][2][0] == 0
    assert images["z"][1][5] == 0.25
    titles = [a["text"] for a in figure["layout"]["annotations"]]
    assert "Chat answer · in 4 of 4" in titles and "Images · in 1 of 4" in titles

    at.radio(key="hm_source").set_value("winners").run()
    assert "2 runs · 2 layouts" in texts(at)
    assert charts(at)[0]["data"][ANSWER]["z"][0][11] == 0.5


def test_filters_narrow_the_runs_counted(store):
    add_run(store, "t", [TOP], vertical="travel", prompt_version="v1")
    add_run(store, "h", [RIGHT], vertical="health", prompt_version="v1")
    add_run(store, "s", [RIGHT, RIGHT], vertical="health", prompt_version="v2",
            mode="single-step")
    at = page("heatmaps.py").run()
    assert "3 runs · 4 layouts" in texts(at)
    at.multiselect(key="hm_vertical").set_value(["health"]).run()
    assert "2 runs · 3 layouts" in texts(at)
    assert charts(at)[0]["data"][ANSWER]["z"][0][0] == 0
    at.multiselect(key="hm_mode").set_value(["coarse-to-fine"]).run()
    assert "1 run · 1 layout" in texts(at)
    at.multiselect(key="hm_vertical").set_value(["travel"]).run()
    assert "1 run · 1 layout" in texts(at)
    assert charts(at)[0]["data"][ANSWER]["z"][0][0] == 1


def test_a_filter_that_matches_nothing_says_so(store):
    add_run(store, "t", [TOP], vertical="travel")
    add_run(store, "h", [TOP], vertical="health", mode="single-step")
    at = page("heatmaps.py").run()
    at.multiselect(key="hm_vertical").set_value(["travel"])
    at.multiselect(key="hm_mode").set_value(["single-step"]).run()
    assert "No layouts match these filters yet." in texts(at)
    assert charts(at) == []


def test_the_difference_view_shows_a_minus_b(store):
    add_run(store, "a", [TOP], prompt_version="aaaa")
    add_run(store, "b", [RIGHT], prompt_version="bbbb")
    at = page("heatmaps.py").run()
    at.radio(key="hm_view").set_value("Difference A − B").run()
    at.radio(key="hm_a_source").set_value("candidates")
    at.multiselect(key="hm_a_prompt_version").set_value(["aaaa"])
    at.multiselect(key="hm_b_prompt_version").set_value(["bbbb"]).run()
    assert not at.exception
    assert "**A** rests on 1 run · 1 layout" in texts(at)
    (figure,) = charts(at)
    traces = figure["data"]
    assert len(traces) == 24  # A, B and A − B for 8 types
    diff_answer, diff_images = traces[3 * ANSWER + 2], traces[3 * IMAGES + 2]
    assert diff_answer["coloraxis"] == "coloraxis2"
    assert diff_answer["z"][0][0] == 1 and diff_answer["z"][0][11] == -1
    assert diff_images["z"][0][0] == -1


def test_runs_in_progress_count_and_update_on_the_next_refresh(store):
    add_run(store, "done", [TOP])
    add_run(store, "live", [RIGHT], status="running")
    at = page("heatmaps.py").run()
    assert "2 runs · 2 layouts · 1 in progress" in texts(at)
    store.append("live", LayoutProposed(candidate=1, step=1, layout=layout(RIGHT),
                                        confidence=8))
    at.run()  # what the fragment's timer does in the browser
    assert "2 runs · 3 layouts · 1 in progress" in texts(at)
    assert charts(at)[0]["data"][ANSWER]["z"][0][11] == pytest.approx(2 / 3)
