import json
import re

import pytest

from serp_core.pipeline import replies
from serp_core.prompts import DEFAULT_DIR, PromptSet
from serp_core.schema import UX
from serp_core.schema import ContentType as T


def test_prompt_version_is_a_content_hash(tmp_path):
    a = PromptSet.load()
    assert a.version == PromptSet.load().version and len(a.version) == 12
    a.save(tmp_path / "copy")
    assert PromptSet.load(tmp_path / "copy").version == a.version
    edited = a.model_copy(deep=True)
    edited.blocks["layout"] += " I keep the answer short."
    assert edited.version != a.version


def test_every_block_is_first_person_and_fills_without_error():
    prompts = PromptSet.load()
    for name, text in prompts.blocks.items():  # each speaks as the model, in first person
        assert re.search(r"\bI (am|answer|look)\b", text), name
    filled = prompts.fill("layout", query="q $notaplaceholder", available="web (3 results)")
    assert "q $notaplaceholder" in filled and "$available" not in filled


def test_closest_examples_put_the_most_similar_last():
    examples = PromptSet.load().closest_examples({T.products, T.web, T.videos, T.chat_answer})
    assert len(examples) == 2
    assert examples[-1].query == "best espresso machine for beginners"
    assert (DEFAULT_DIR / "examples").is_dir()


def _integers(schema):
    if isinstance(schema, dict):
        if schema.get("type") == "integer":
            yield schema
        for v in schema.values():
            yield from _integers(v)
    elif isinstance(schema, list):
        for v in schema:
            yield from _integers(v)


@pytest.mark.parametrize("schema", [
    replies.layout_schema([T.chat_answer, T.web]), replies.rerank_schema(5),
    replies.ux_schema(T.images, 5),
    replies.polish_schema([T.web]), replies.score_schema(),
    replies.single_step_schema([T.web], 6)])
def test_schemas_use_enums_for_every_integer(schema):
    ints = list(_integers(schema))
    assert ints and all("enum" in s for s in ints)


def test_layout_schema_requires_every_type_once():
    schema = replies.layout_schema([T.chat_answer, T.web])
    assert schema["required"] == ["chat_answer", "web", "confidence"]
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("text", [
    '```json\n{"a": 1}\n```', 'Sure! Here it is: {"a": 1} hope that helps', '{"a": 1}{"b": 2}'])
def test_extract_json_tolerates_chatter(text):
    assert replies.extract_json(text) == {"a": 1}


@pytest.mark.parametrize("text, fragment", [
    ("no json here", "no JSON object"), ('{"a": ', "malformed"), ("[1, 2]", "no JSON object")])
def test_extract_json_says_what_is_wrong(text, fragment):
    with pytest.raises(replies.ReplyError, match=fragment):
        replies.extract_json(text)


def test_read_layout_is_lenient_but_needs_a_box():
    reply = replies.read_layout({"web": [40, -2, 1, 1],
                                 "bogus": {"col": 0, "row": 0, "width": 1, "height": 1},
                                 "images": "left", "news": [1, 2], "confidence": 99})
    assert set(reply.boxes) == {"web", "bogus"} and reply.confidence == 10
    assert reply.boxes["web"].col == 40 and reply.boxes["web"].row == -2
    with pytest.raises(replies.ReplyError):
        replies.read_layout({"web": "top"})


def test_read_order_drops_repeats_and_strays_and_keeps_the_rest():
    assert replies.read_order({"order": [3, 3, 9, "x", 1]}, 4) == [2, 0, 1, 3]
    with pytest.raises(replies.ReplyError):
        replies.read_order({"order": "best first"}, 4)


def test_read_ux_takes_wire_keys_and_reports_bad_values():
    base = UX(media_size="small")
    ux, fixed = replies.read_ux({"dir": "diagonal", "show": 2, "media": "large",
                                 "title_font": "large", "mystery": 1}, base)
    assert ux.orientation == "vertical" and ux.max_items == 2
    assert ux.media_size == "large" and ux.title_font == "large"
    assert fixed == ["orientation"] and base.media_size == "small"


def test_read_polish_and_score_validate():
    assert replies.read_polish({"action": "done"}).action == "done"
    move = replies.read_polish({"action": "move", "block": "web", "box": [1, 2, 3, 4]})
    assert (move.box.col, move.box.height) == (1, 4)
    with pytest.raises(replies.ReplyError):
        replies.read_polish({"action": "explode"})
    with pytest.raises(replies.ReplyError):
        replies.read_polish({"action": "move", "box": ["left"]})
    assert replies.read_score({"score": 14, "reason": "ok"}).score == 10
    with pytest.raises(replies.ReplyError):
        replies.read_score({"score": "great"})
    assert json.dumps(replies.score_schema())  # serialisable as sent


def test_ux_schema_asks_only_what_applies_to_the_type():
    assert list(replies.ux_schema(T.images, 4)["properties"]) == ["dir", "media", "show"]
    assert "media" not in replies.ux_schema(T.chat_answer, 1)["properties"]
    assert set(replies.UX_FIELDS) == set(T)


def test_every_block_has_a_place_for_the_reply_form():
    prompts = PromptSet.load()
    for name, text in prompts.blocks.items():
        if name not in ("system", "intent", "chat_answer", "answer_voice"):
            assert "$form" in text, name
