import json

import pytest

from serp_core.prompts import PromptSet
from serp_core.prompts.editing import (
    check_name,
    example_from_rows,
    example_problems,
    example_rows,
    missing_placeholders,
    placeholders,
    save_version,
    saved_versions,
    version_names,
)
from serp_core.schema import ContentType


def test_names_must_be_safe_folder_names():
    assert check_name(" answer-first_2 ") == "answer-first_2"
    for bad in ("", "../up", "Has Caps", "a/b", "-dash-first", "x" * 41):
        with pytest.raises(ValueError):
            check_name(bad)


def test_saving_a_version_creates_its_folder_and_a_new_version_id(tmp_path):
    shipped = PromptSet.load()
    edited = shipped.model_copy(deep=True)
    edited.blocks["layout"] += "\nI keep the chat answer short.  "
    saved = save_version(edited, tmp_path, "short-answer")
    assert (tmp_path / "short-answer" / "blocks" / "layout.md").is_file()
    assert saved.name == "short-answer" and saved.version != shipped.version
    assert PromptSet.load(tmp_path / "short-answer").version == saved.version
    versions = saved_versions(tmp_path)
    assert list(versions) == ["default", "short-answer"]
    assert version_names(versions)[saved.version] == "short-answer"
    assert version_names(versions)[shipped.version] == "default"


def test_saving_refuses_the_shipped_name_and_broken_examples(tmp_path):
    prompts = PromptSet.load()
    with pytest.raises(ValueError, match="shipped"):
        save_version(prompts, tmp_path, "default")
    broken = prompts.model_copy(deep=True)
    broken.examples[0].layout[ContentType.web].col = 10  # runs past column 12
    with pytest.raises(ValueError, match="runs past column 12"):
        save_version(broken, tmp_path, "broken")
    assert not (tmp_path / "broken").exists()


def test_a_broken_folder_is_skipped(tmp_path):
    (tmp_path / "half" / "blocks").mkdir(parents=True)
    assert list(saved_versions(tmp_path)) == ["default"]


def test_an_example_round_trips_through_table_rows():
    example = PromptSet.load().examples[0]
    rows = example_rows(example)
    assert rows[0] == {"type": "chat_answer", "col": 0, "row": 0, "width": 8, "height": 3}
    again, problems = example_from_rows(example.name, example.query, rows)
    assert again == example and problems == []


def test_table_rows_that_cannot_be_used_are_reported_not_kept():
    rows = [
        {"type": "web", "col": 0, "row": 0, "width": 8, "height": 4},
        {"type": "web", "col": 8, "row": 0, "width": 4, "height": 4},
        {"type": "images", "col": None, "row": 4, "width": float("nan"), "height": 2},
        {"type": None, "col": None, "row": None, "width": None, "height": None},  # blank
        {"type": "banner", "col": 0, "row": 9, "width": 4, "height": 2},
    ]
    example, problems = example_from_rows("x", "q", rows)
    assert list(example.layout) == [ContentType.web]
    assert problems == ["row 2: web is already placed", "row 3 is incomplete",
                        "row 5: unknown content type 'banner'"]


def test_example_problems_name_the_grid_rules_broken():
    rows = [{"type": "chat_answer", "col": 0, "row": 0, "width": 8, "height": 3},
            {"type": "images", "col": 4, "row": 2, "width": 8, "height": 2}]
    example, _ = example_from_rows("overlap", "", rows)
    assert example_problems(example) == ["no query in overlap",
                                         "overlap: chat_answer overlaps images"]


def test_placeholders_dropped_from_a_block_are_found():
    assert placeholders("I place $query with ${available}; costs $$5") == {"query", "available"}
    assert missing_placeholders("$query and $examples", "only $query") == ["examples"]


def test_saved_examples_are_the_json_the_table_described(tmp_path):
    prompts = PromptSet.load()
    rows = example_rows(prompts.examples[0])
    rows[0]["width"] = 7
    prompts.examples[0], _ = example_from_rows(prompts.examples[0].name,
                                               prompts.examples[0].query, rows)
    save_version(prompts, tmp_path, "narrow")
    body = json.loads((tmp_path / "narrow" / "examples" / "01_travel.json").read_text())
    assert body["layout"]["chat_answer"] == {"col": 0, "row": 0, "width": 7, "height": 3}
