"""The live panel's HTML (every text in it inert) and the live feed's route, served over
real HTTP on 127.0.0.1 by uvicorn as serve.py serves it beside Streamlit."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import uvicorn
from starlette.applications import Starlette

from serp_core.schema import (
    Candidate,
    ContentType,
    ErrorEvent,
    Final,
    LayoutProposed,
    PolishStep,
    Reasoning,
    Scored,
    StageEnd,
    StageStart,
    ToolCall,
    ToolResult,
)
from serp_core.store import RunStore
from tests.run_factory import add_run, layout
from ui import live_feed, stage_html
from ui.live import LiveView

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">**bold** :red[x]'
BOXES = {"web": (0, 0, 8, 4), "images": (8, 0, 4, 4)}


SAFE_TAGS = {"div", "p", "b", "span", "figure", "figcaption", "img", "h4"}


def elements(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every element the browser would build from the HTML, with its attributes."""
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def hostile_events() -> list:
    """A gather stage and a candidate in which every model- or corpus-given text is hostile."""
    return [
        StageStart(stage="gather"),
        Reasoning(stage="gather", text=HOSTILE),
        ToolCall(tool="web", query=HOSTILE),
        ToolResult(tool="web", item_ids=["a", "b"], titles=[HOSTILE, "Plain title"]),
        ToolCall(tool="chat_answer", query=""),
        ToolResult(tool="chat_answer", item_ids=["answer"], titles=[HOSTILE]),
        LayoutProposed(candidate=0, step=1, layout=layout(BOXES), confidence=8),
        Reasoning(stage="gather", candidate=0, text=HOSTILE),
        ErrorEvent(message=HOSTILE, stage="gather", candidate=0),
        StageStart(stage="polish"),
        PolishStep(candidate=0, step=1, action=HOSTILE, detail=HOSTILE, layout=layout(BOXES)),
        Scored(candidate=0, score=7.5, reason=HOSTILE),
    ]


def test_every_text_in_the_stage_html_is_inert():
    view = LiveView("r")
    view.populated[0] = Candidate(index=0, layout=layout(BOXES))
    for event in hostile_events():
        view.apply(event)
    shown = stage_html.live_panel(view, beam=2, traced_calls=3)  # every stage_body in it
    tags = elements(shown)
    assert {tag for tag, _ in tags} <= SAFE_TAGS  # no script, no img but our own diagrams
    assert all(not name.startswith("on") for _, attrs in tags for name, _ in attrs)
    assert all(value.startswith("data:image/svg+xml;base64,") for tag, attrs in tags
               if tag == "img" for name, value in attrs if name == "src")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "**bold** :red[x]" in shown  # markdown is not interpreted either: shown as typed
    # What it says, as the Playground showed it before it drew stages as HTML.
    assert 'class="genserp-reasoning-gather"' in shown
    assert "<b>Web</b>: 2 results: " in shown and "Plain title" in shown
    assert "<b>Chat answer</b>, written: &lt;script&gt;" in shown
    assert "<b>Candidate 0</b> · score 7.5/10" in shown and "Candidate 1: populating…" in shown
    assert "candidate 0: &lt;script&gt;" in shown  # the warning names whose it is
    assert "3 model call(s) traced so far" in shown
    # Gather's proposal, polish's polished layout and the populated candidate, as diagrams.
    assert shown.count('src="data:image/svg+xml;base64,') == 3


def test_a_stage_under_way_says_it_waits_for_the_model_until_something_arrives():
    view = LiveView("r")
    view.apply(StageStart(stage="score"))
    assert "Waiting for the model…" in stage_html.live_panel(view, beam=1, traced_calls=0)
    view.apply(StageEnd(stage="score", seconds=1.5))
    panel = stage_html.live_panel(view, beam=1, traced_calls=0)
    assert "Waiting" not in panel and "pending" not in panel  # ended, with its check mark
    assert ">check_circle</span>Score: rate each page from 0 to 10 · 1.5 s" in panel


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def feed_url(monkeypatch) -> Iterator[str]:
    """The feed's route alone, served by uvicorn on 127.0.0.1 (mounted for this test only)."""
    monkeypatch.setattr(live_feed, "_mounted_at", None)
    monkeypatch.setattr(live_feed, "_followed", {})
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=[live_feed.route("/base/")]),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def get(url: str) -> tuple[int, dict | None]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            body = r.read()
            return r.status, json.loads(body) if body else None
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_the_feed_answers_what_is_new_and_nothing_when_nothing_is(feed_url, tmp_path: Path):
    store = RunStore(tmp_path / "runs.sqlite")
    run = add_run(store, "r1", [], status="running")
    path = live_feed.url("r1")
    assert path == "/base/genserp/live/r1"  # under Streamlit's base URL path
    assert get(f"{feed_url}{path}")[0] == 404  # nobody follows it yet
    live_feed.watch("r1", store, beam=1)

    store.append("r1", StageStart(stage="gather"))
    seq = store.append("r1", Reasoning(stage="gather", text=HOSTILE))
    status, body = get(f"{feed_url}{path}?after=-1")
    assert status == 200
    assert body["seq"] == seq and body["stages"] == 1
    assert not body["finished"] and "&lt;script&gt;" in body["html"]
    assert get(f"{feed_url}{path}?after={seq}") == (204, None)  # the panel has it already

    store.append("r1", StageEnd(stage="gather", seconds=2.0))
    status, body = get(f"{feed_url}{path}?after={seq}")
    assert status == 200 and ">check_circle</span>Gather" in body["html"]  # ended, in place
    run.status = "done"
    store.append("r1", Final(run=run))
    assert get(f"{feed_url}{path}?after={body['seq']}")[1]["finished"] is True

    status, body = get(f"{feed_url}{path}?after=soon")
    assert status == 400 and "event number" in body["error"]
    assert get(f"{feed_url}/base/genserp/live/unknown")[0] == 404


def test_a_feed_that_is_not_mounted_has_no_url(monkeypatch):
    monkeypatch.setattr(live_feed, "_mounted_at", None)
    assert live_feed.url("r1") is None and not live_feed.mounted()


@pytest.mark.parametrize("tool", [ContentType.web, ContentType.chat_answer])
def test_a_tool_still_working_says_so(tool):
    view = LiveView("r")
    view.apply(StageStart(stage="gather"))
    view.apply(ToolCall(tool=tool, query="q"))
    body = stage_html.stage_body(view.stages["gather"], beam=1)
    assert ("writing…" if tool == ContentType.chat_answer else "searching…") in body
