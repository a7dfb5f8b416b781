"""What the model is asked to reply, and how its replies are read.

Schemas sent to the model use enums for every small integer range: llama.cpp's schema grammar
ignores minimum/maximum, and a 135M model given a free integer writes widths of 40. Replies
are parsed leniently (any int) and checked strictly afterwards by the grid repair, so an
out-of-grid reply from a server that ignores the schema is repaired and recorded, not lost.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from ..compaction import ALIGNED_COLS, ALIGNED_WIDTHS
from ..llm.base import TokenLogprob
from ..schema import UX, Box, ContentType

PROPOSAL_ROWS = 16  # a proposal may reach two screens down
MAX_HEIGHT = 8
SIZES = ["small", "medium", "large"]
UX_VALUES = ["vertical", "horizontal", *SIZES, "true", "false", *map(str, range(1, 11))]


class ReplyError(ValueError):
    """The reply could not be read; the message is short enough to show the model."""


def enum_of(values: list[Any]) -> dict[str, Any]:
    kind = "integer" if all(isinstance(v, int) for v in values) else "string"
    return {"type": kind, "enum": values}


def object_of(props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": list(props),
            "additionalProperties": False}


# A block's place as [col, row, width, height]: half the tokens of an object with keys.
# Only aligned columns and widths are offered (they tile the 12 columns), so every choice
# the model can make lands on the page's column system.
BOX = {"type": "array", "prefixItems": [
    enum_of(list(ALIGNED_COLS)), enum_of(list(range(PROPOSAL_ROWS))),
    enum_of(list(ALIGNED_WIDTHS)), enum_of(list(range(1, MAX_HEIGHT + 1)))],
    "items": False, "minItems": 4, "maxItems": 4}

# UX settings go over the wire under short keys (every key token costs a forward pass).
UX_KEYS = {"dir": "orientation", "title": "title_font", "body": "body_font",
           "media": "media_size", "show": "max_items", "cut": "truncate_text"}


# The settings that mean something for each type (images have no body text, an answer has
# no thumbnails): fewer keys, fewer tokens, and no meaningless choices.
UX_FIELDS: dict[ContentType, tuple[str, ...]] = {
    ContentType.chat_answer: ("title", "body", "cut"),
    ContentType.web: ("title", "body", "show", "cut"),
    ContentType.images: ("dir", "media", "show"),
    ContentType.videos: ("dir", "media", "show"),
    ContentType.news: ("dir", "media", "show", "cut"),
    ContentType.knowledge_panel: ("body", "media", "cut"),
    ContentType.places: ("media", "show"),
    ContentType.products: ("dir", "media", "show"),
}


def _ux_props(n_items: int, keys: tuple[str, ...] = tuple(UX_KEYS)) -> dict[str, Any]:
    every = {"dir": enum_of(["vertical", "horizontal"]), "title": enum_of(SIZES),
             "body": enum_of(SIZES), "media": enum_of(SIZES),
             "show": enum_of(list(range(1, max(n_items, 1) + 1))), "cut": {"type": "boolean"}}
    return {k: every[k] for k in keys}


CONFIDENCE = enum_of(list(range(11)))


def tools_schema(tools: list[ContentType]) -> dict[str, Any]:
    # At least two: a small model otherwise often answers with an empty list.
    return object_of({"tools": {"type": "array", "items": enum_of([str(t) for t in tools]),
                              "minItems": 2, "maxItems": len(tools)}})


def layout_schema(types: list[ContentType]) -> dict[str, Any]:
    # One key per type, all required: the grammar then rules out missing and duplicate blocks.
    return object_of({**{str(t): BOX for t in types}, "confidence": CONFIDENCE})


def rerank_schema(n_items: int) -> dict[str, Any]:
    return object_of({"order": {"type": "array", "items": enum_of(list(range(1, n_items + 1))),
                              "minItems": n_items, "maxItems": n_items}})


def ux_schema(type_: ContentType, n_items: int) -> dict[str, Any]:
    return object_of(_ux_props(n_items, UX_FIELDS[type_]))


def polish_schema(types: list[ContentType]) -> dict[str, Any]:
    """Three shapes, so that 'done' costs a few tokens and a move or a UX change must carry
    what it needs. Nested under one key: OpenAI wants an object at the root, not anyOf."""
    block = enum_of([str(t) for t in types])
    return object_of({"decision": {"anyOf": [
        object_of({"action": enum_of(["done"]), "confidence": CONFIDENCE}),
        object_of({"action": enum_of(["move"]), "block": block, "box": BOX,
                 "confidence": CONFIDENCE}),
        object_of({"action": enum_of(["ux"]), "block": block, "setting": enum_of(list(UX_KEYS)),
                 "value": enum_of(UX_VALUES), "confidence": CONFIDENCE})]}})


def score_schema() -> dict[str, Any]:
    # A bounded reason: unbounded, a small model rambles until max_tokens cuts the JSON.
    return object_of({"reason": {"type": "string", "maxLength": 90}, "score": CONFIDENCE})


def single_step_schema(types: list[ContentType], n_items: int) -> dict[str, Any]:
    block = object_of({"box": BOX, **_ux_props(n_items)})
    return object_of({str(t): block for t in types})


# --- showing the form -----------------------------------------------------------------
def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def reply_form(*forms: str) -> str:
    """The last line of a JSON prompt. Showing the keys matters under a grammar: a model
    that expects other keys spells the allowed ones in fragments, token by token."""
    return "I reply with the JSON object only, like " + " or ".join(forms) + "."


def ux_form(type_: ContentType, ux: UX, n_items: int, keys: tuple[str, ...] | None = None) -> str:
    """The type's current look as a reply, e.g. {"dir":"horizontal","media":"large","show":6}."""
    wire = {key: getattr(ux, UX_KEYS[key]) for key in keys or UX_FIELDS[type_]}
    if "show" in wire:
        wire["show"] = min(wire["show"], n_items)
    return compact(wire)


# --- reading replies ------------------------------------------------------------------
def extract_json(text: str) -> dict[str, Any]:
    """The first JSON object in a reply, tolerating code fences and chatter around it."""
    text = re.sub(r"```(?:json)?", "", text)
    start = text.find("{")
    if start < 0:
        raise ReplyError("the reply has no JSON object")
    try:
        value, _ = json.JSONDecoder().raw_decode(text[start:])
    except json.JSONDecodeError as e:
        raise ReplyError(f"the JSON is malformed ({e.msg} at char {e.pos})") from None
    if not isinstance(value, dict):
        raise ReplyError("the reply is not a JSON object")
    return value


def read_box(value: Any) -> Box | None:
    """[col, row, width, height] as asked, or an object with those keys; else None."""
    if isinstance(value, dict) and isinstance(value.get("box"), list):
        value = value["box"]
    if isinstance(value, list) and len(value) == 4:
        value = dict(zip(("col", "row", "width", "height"), value, strict=True))
    if not isinstance(value, dict):
        return None
    try:
        return Box.model_validate(value)
    except ValidationError:
        return None


def read_tools(data: dict[str, Any], names: list[str]) -> list[str]:
    """The known tool names, in the model's order, without repeats."""
    tools = data.get("tools")
    if not isinstance(tools, list):
        raise ReplyError("'tools' must be a list of tool names")
    return list(dict.fromkeys(t for t in tools if t in names))


class LayoutReply(BaseModel):
    boxes: dict[str, Box]
    confidence: int = 5


def read_layout(data: dict[str, Any]) -> LayoutReply:
    """Lenient: every key that holds a box is a block; unknown types are left for the caller
    to record. Raises ReplyError when no box is readable at all."""
    boxes = {key: box for key, value in data.items()
             if key != "confidence" and (box := read_box(value)) is not None}
    if not boxes:
        raise ReplyError("no block has an integer [col, row, width, height]")
    return LayoutReply(boxes=boxes, confidence=_clamp_int(data.get("confidence"), 0, 10, 5))


def read_order(data: dict[str, Any], n_items: int) -> list[int]:
    """0-based indices from the 1-based numbers shown; repeats and strays are dropped and
    the items left out follow in their original order."""
    raw = data.get("order")
    if not isinstance(raw, list):
        raise ReplyError("'order' must be a list of item numbers")
    order: list[int] = []
    for v in raw:
        if isinstance(v, int) and 1 <= v <= n_items and v - 1 not in order:
            order.append(v - 1)
    return order + [i for i in range(n_items) if i not in order]


def read_ux(data: dict[str, Any], base: UX) -> tuple[UX, list[str]]:
    """`base` with the settings the reply gives (short wire keys or field names); settings
    with an unusable value keep the base value and are named in the returned list."""
    ux = base.model_copy()
    fixed = []
    for key, value in data.items():
        name = UX_KEYS.get(key, key)
        if name not in UX.model_fields:
            continue
        try:
            ux = UX.model_validate({**ux.model_dump(), name: value})
        except ValidationError:
            fixed.append(name)
    return ux, fixed


class PolishReply(BaseModel):
    action: str
    block: str = ""
    box: Box | None = None
    setting: str = ""
    value: str = ""
    confidence: int = 5


def read_polish(data: dict[str, Any]) -> PolishReply:
    if isinstance(data.get("decision"), dict):
        data = data["decision"]
    action = data.get("action")
    if action not in ("done", "move", "ux"):
        raise ReplyError("'action' must be done, move or ux")
    box = read_box(data.get("box", data)) if action == "move" else None
    if action == "move" and box is None:
        raise ReplyError("a move needs an integer [col, row, width, height] box")
    return PolishReply(action=action, block=str(data.get("block", "")), box=box,
                       setting=str(data.get("setting", "")), value=str(data.get("value", "")),
                       confidence=_clamp_int(data.get("confidence"), 0, 10, 5))


class ScoreReply(BaseModel):
    score: float
    reason: str = ""


def read_score(data: dict[str, Any]) -> ScoreReply:
    score = data.get("score")
    if isinstance(score, bool) or not isinstance(score, int | float):
        raise ReplyError("'score' must be a number from 0 to 10")
    return ScoreReply(score=min(max(float(score), 0.0), 10.0),
                      reason=str(data.get("reason", ""))[:300])


def _clamp_int(value: Any, lo: int, hi: int, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return int(min(max(value, lo), hi))


def expected_number(logprobs: list[TokenLogprob] | None, key: str = "score",
                    top: int = 10) -> float | None:
    """The expectation of a reply's integer field `key` (0..top) over the probabilities the
    model gave its tokens (G-Eval): far less noisy than the one sampled value. None when the
    reply has no such field or the server sent no log probabilities.

    The first digit's alternatives carry the distribution. A model whose tokenizer splits
    numbers into digits writes 10 as "1" then "0": when it did, the next token's
    probabilities split the mass of "1" between 1 and 10; when it sampled another digit, the
    mass of "1" stays on 1 (the share of 10 in it is not observed)."""
    if not logprobs:
        return None
    tokens = [t.token for t in logprobs]
    joined = "".join(tokens)
    m = re.search(rf'"{re.escape(key)}"\s*:\s*"?(\d)', joined)
    if m is None:
        return None
    start, at, i = m.start(1), 0, 0
    while at + len(tokens[i]) <= start:  # the token holding the first digit
        at += len(tokens[i])
        i += 1
    prefix = joined[at:start]  # what the digit's token carries before the digit (": ", ...)
    chosen = logprobs[i]
    alternatives = {**chosen.top, chosen.token: chosen.logprob}
    mass: dict[int, float] = {}
    for alt, lp in alternatives.items():
        digits = re.match(r"\d+", alt[len(prefix):]) if alt.startswith(prefix) else None
        if digits is None or int(digits.group()) > top:
            continue
        mass[int(digits.group())] = mass.get(int(digits.group()), 0.0) + math.exp(lp)
    if not mass:
        return None
    split_ten = chosen.token[len(prefix):] == "1" and top >= 10 and i + 1 < len(logprobs)
    if split_ten and 1 in mass:
        after = logprobs[i + 1]
        nxt = {**after.top, after.token: after.logprob}
        zero = sum(math.exp(lp) for t, lp in nxt.items() if t.startswith("0"))
        total = sum(math.exp(lp) for t, lp in nxt.items())
        share = zero / total if total else 0.0
        mass[10] = mass.get(10, 0.0) + mass[1] * share
        mass[1] *= 1 - share
    total = sum(mass.values())
    return sum(v * p for v, p in mass.items()) / total
