"""The Prompt lab page through AppTest, with runs made by the fake OpenAI-compatible model."""

import json

import pytest

from serp_core.prompts import PromptSet
from serp_core.store import RunStore
from tests.app_support import charts, page, texts, use_fake_model, wait_until_finished
from tests.serp_responder import SerpResponder


@pytest.fixture
def data_dir(tmp_path, monkeypatch, fake_openai):
    fake_openai.responder = SerpResponder()
    use_fake_model(monkeypatch, fake_openai.base_url, tmp_path)
    return tmp_path


def keyed(widgets, part: str):
    """The one widget whose key contains `part` (keys carry a revision number)."""
    (found,) = [w for w in widgets if w.key and part in w.key]
    return found


def button(at, label: str):
    (found,) = [b for b in at.button if b.label.startswith(label)]
    return found


def save_as(at, name: str):
    at.text_input(key="lab_save_name").set_value(name)
    button(at, "Save version").click().run()
    assert not at.exception
    return at


def save_other_version(data_dir, name: str = "v2") -> PromptSet:
    edited = PromptSet.load()
    edited.blocks["layout"] += "\nI put images right under the answer."
    edited.save(data_dir / "prompts" / name)
    return PromptSet.load(data_dir / "prompts" / name)


def test_saving_a_version_creates_its_folder_and_a_new_version_id(data_dir):
    shipped = PromptSet.load()
    at = page("prompt_lab.py").run()
    assert not at.exception
    assert f"Editing **default** · version `{shipped.version}`" in texts(at)
    block = keyed(at.text_area, "block_layout")
    block.set_value(block.value + "\nI keep the chat answer to two lines.").run()
    assert "unsaved changes" in texts(at)

    save_as(at, "short-answer")
    saved = PromptSet.load(data_dir / "prompts" / "short-answer")
    assert saved.version != shipped.version
    assert saved.blocks["layout"].endswith("I keep the chat answer to two lines.")
    assert f"as version `{saved.version}`" in texts(at)
    assert f"Editing **short-answer** · version `{saved.version}`" in texts(at)


def test_a_bad_name_is_refused_with_a_reason(data_dir):
    at = page("prompt_lab.py").run()
    save_as(at, "default")
    assert "Not saved" in texts(at) and "shipped" in texts(at)
    save_as(at, "../escape")
    assert "lower-case letters" in texts(at)
    assert not (data_dir / "prompts").exists()


def test_editing_an_example_grid_changes_the_saved_json(data_dir):
    at = page("prompt_lab.py").run()
    table = at.data_editor[0]
    assert list(table.value.columns) == ["type", "col", "row", "width", "height"]
    assert table.value.iloc[0].to_dict() == {"type": "chat_answer", "col": 0, "row": 0,
                                             "width": 8, "height": 3}
    # The first row is the chat answer at (0, 0), 8 x 3: make it 6 wide and 2 high.
    at.session_state[table.key] = {"edited_rows": {0: {"width": 6, "height": 2}},
                                   "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    preview = charts(at)[0]
    answer_box = preview["layout"]["shapes"][0]
    assert (answer_box["x1"], answer_box["y1"]) == (6, 2)
    save_as(at, "narrow-answer")
    saved = json.loads((data_dir / "prompts" / "narrow-answer" / "examples" /
                        "01_travel.json").read_text())
    assert saved["layout"]["chat_answer"] == {"col": 0, "row": 0, "width": 6, "height": 2}
    assert saved["layout"]["places"] == {"col": 8, "row": 0, "width": 4, "height": 5}


def test_an_example_that_breaks_the_grid_is_flagged_and_not_saved(data_dir):
    at = page("prompt_lab.py").run()
    table = at.data_editor[0]
    at.session_state[table.key] = {"edited_rows": {0: {"width": 12}},
                                   "added_rows": [], "deleted_rows": []}
    at.run()
    assert "01_travel: chat_answer overlaps places" in texts(at)
    save_as(at, "broken")
    assert "fix the examples first" in texts(at)
    assert not (data_dir / "prompts" / "broken").exists()


def test_raw_json_replaces_the_table(data_dir):
    at = page("prompt_lab.py").run()
    area = keyed(at.text_area, "ex_json")
    layout = json.loads(area.value)
    layout["web"]["height"] = 6
    area.set_value(json.dumps(layout))
    button(at, "Apply JSON").click().run()
    assert not at.exception
    web = at.data_editor[0].value.set_index("type").loc["web"]
    assert web["height"] == 6


def test_the_version_new_runs_use_is_shared_with_the_playground(data_dir):
    save_other_version(data_dir, "v2")
    at = page("prompt_lab.py").run()
    assert at.session_state["prompt_version_name"] == "default"
    at.selectbox(key="lab_use").set_value("v2").run()
    assert at.session_state["prompt_version_name"] == "v2"


def test_two_versions_are_compared_once_their_runs_finish(data_dir):
    v2 = save_other_version(data_dir, "v2")
    at = page("prompt_lab.py").run()
    assert "No query has been run on both versions yet" in texts(at)
    at.selectbox(key="lab_cmp_b").set_value("v2")
    at.text_area(key="lab_cmp_typed").set_value("weekend in lisbon\nflu symptoms vs covid")
    at.run()
    button(at, "Run 2 queries on both versions").click().run()
    assert not at.exception
    wait_until_finished(data_dir, expected=4)
    at.run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if d.editing_mode == "read_only"]
    assert list(table.columns) == ["Query", "A · default", "B · v2", "A − B"]
    assert set(table["Query"]) == {"weekend in lisbon", "flu symptoms vs covid"}
    for column in ("A · default", "B · v2"):
        assert all(0 <= float(score) <= 10 for score in table[column])
    means = {m.label: m.value for m in at.metric}
    assert means["Queries scored on both"] == "2"
    assert means["A · default · mean best score"] != "—"
    assert means["B · v2 · mean best score"] != "—"
    (figure,) = [c for c in charts(at) if len(c["data"]) == 24]  # A, B and A − B per type
    assert figure["layout"]["yaxis"]["title"]["text"] == "A · default"
    # Each query ran once on each version, and each run records the version it used.
    runs = RunStore(data_dir / "runs.sqlite").list()
    assert sorted((r.query, r.prompt_version) for r in runs) == sorted(
        (q, v) for q in ("weekend in lisbon", "flu symptoms vs covid")
        for v in (PromptSet.load().version, v2.version))
