"""A scripted 'model' for the fake OpenAI server that answers each GenSERP call by the JSON
schema it was sent, the way a capable model would; tests override single call kinds to inject
garbage, out-of-grid layouts and overlaps."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from serp_core.experiments.query_sets import Query
from serp_core.pipeline.replies import UX_KEYS

Override = Callable[[dict[str, Any]], str | None]

# One query per vertical, each with results in the bundled corpus.
QUERIES = [Query(text="weekend in lisbon", vertical="travel"),
           Query(text="flu symptoms vs covid", vertical="health"),
           Query(text="best running shoes", vertical="shopping"),
           Query(text="new sci-fi movies", vertical="entertainment")]


def prompt_text(body: dict[str, Any]) -> str:
    """The last message's text (its text parts joined, when it shows images too)."""
    content = body["messages"][-1]["content"]
    if isinstance(content, list):
        return "\n".join(p["text"] for p in content if p.get("type") == "text")
    return content


def images_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The image parts of a request's messages, in order."""
    return [p["image_url"] for m in body["messages"] if isinstance(m["content"], list)
            for p in m["content"] if p.get("type") == "image_url"]


def query_of(body: dict[str, Any]) -> str:
    """The query a call is about: every prompt names it first, in double quotes."""
    found = re.search(r'"([^"]+)"', prompt_text(body))
    return found.group(1) if found else ""


def call_kind(body: dict[str, Any]) -> str:
    fmt = body.get("response_format") or {}
    schema = (fmt.get("json_schema") or {}).get("schema") or fmt.get("schema")
    if not schema:
        prompt = body["messages"][-1]["content"]
        return "intent" if prompt.startswith("I am reading the query") else "answer"
    props = schema["properties"]
    if "pick" in props:
        return "pick"
    if "decision" in props:
        return "polish"
    if "tools" in props:
        return "tools"
    if "order" in props:
        return "rerank"
    if set(props) <= set(UX_KEYS):
        return "ux"
    if "score" in props:
        return "score"
    if "confidence" in props:
        return "layout"
    return "single_step"


class SerpResponder:
    def __init__(self, *, delay: float = 0.0) -> None:
        self.overrides: dict[str, Override] = {}
        self.counts: dict[str, int] = {}
        self.delay = delay
        self.in_flight = 0
        self.max_in_flight = 0
        self.queries_in_flight: dict[str, int] = {}  # query -> its calls now in flight
        self.max_queries_in_flight = 0  # how many runs (of distinct queries) at once
        self._lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> str:
        kind = call_kind(body)
        query = query_of(body)
        with self._lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.queries_in_flight[query] = self.queries_in_flight.get(query, 0) + 1
            self.max_queries_in_flight = max(self.max_queries_in_flight, sum(
                n > 0 for n in self.queries_in_flight.values()))
        try:
            time.sleep(self.delay)
            override = self.overrides.get(kind)
            reply = override(body) if override else None
            return reply if reply is not None else getattr(self, kind)(body)
        finally:
            with self._lock:
                self.in_flight -= 1
                self.queries_in_flight[query] -= 1

    @staticmethod
    def _schema(body: dict[str, Any]) -> dict[str, Any]:
        return body["response_format"]["json_schema"]["schema"]

    def intent(self, body: dict[str, Any]) -> str:
        return "I think they want to plan a trip and see the best options with pictures."

    def answer(self, body: dict[str, Any]) -> str:
        """What a capable model writes: the first two sources, restated with citations."""
        prompt = body["messages"][-1]["content"]
        found = re.findall(r"^\[(\d+)\] [^:]*: (.+)$", prompt, flags=re.MULTILINE)
        if not found:
            return "The best choices are the ones most people rate highly."
        return " ".join(f"{text.split('. ')[0].rstrip('.')}. [{n}]" for n, text in found[:2])

    def pick(self, body: dict[str, Any]) -> str:
        return json.dumps({"lead": "", "pick": [1, 2][:len(
            self._schema(body)["properties"]["pick"]["items"]["enum"])]})

    def tools(self, body: dict[str, Any]) -> str:
        return json.dumps({"tools": ["images", "places", "videos", "news", "products",
                                     "knowledge_panel"]})

    def layout(self, body: dict[str, Any]) -> str:
        types = [t for t in self._schema(body)["properties"] if t != "confidence"]
        # A clean stacked page in the main column: [col, row, width, height].
        boxes = {t: [0, 3 * i, 8, 3] for i, t in enumerate(types)}
        return json.dumps({**boxes, "confidence": 9})

    def rerank(self, body: dict[str, Any]) -> str:
        n = len(self._schema(body)["properties"]["order"]["items"]["enum"])
        return json.dumps({"order": list(range(n, 0, -1))})  # reversed

    def ux(self, body: dict[str, Any]) -> str:
        """Every setting the schema asks for, and only those."""
        props = self._schema(body)["properties"]
        choice = {"dir": "horizontal", "title": "large", "body": "small", "media": "medium",
                  "show": min(3, len(props.get("show", {}).get("enum", [1]))), "cut": True}
        return json.dumps({k: v for k, v in choice.items() if k in props})

    def polish(self, body: dict[str, Any]) -> str:
        return json.dumps({"decision": {"action": "ux", "block": "web", "setting": "title",
                                        "value": "small", "confidence": 9}})

    def score(self, body: dict[str, Any]) -> str:
        prompt = prompt_text(body)
        # Deterministic but candidate-dependent: longer pages score lower.
        return json.dumps({"reason": "Clear answer on top.",
                           "score": max(0, 10 - prompt.count("\n") // 4)})

    def single_step(self, body: dict[str, Any]) -> str:
        types = list(self._schema(body)["properties"])
        return json.dumps({t: {"box": [0, 3 * i, 12, 3], "dir": "vertical", "title": "medium",
                               "body": "medium", "media": "small", "show": 2, "cut": False}
                           for i, t in enumerate(types)})
