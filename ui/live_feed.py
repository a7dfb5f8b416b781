"""The live feed: an HTTP route beside Streamlit's own that answers "what does the run under
way look like now?" as HTML, for the live panel to patch in place. A Streamlit rerun redraws
every element of a page in the browser (0.1 to 0.3 s of CPU each, on the cores the model
needs); asking this route costs one small store query, and nothing at all when no event has
arrived since the panel's last answer.

Pure Starlette, no st.*: serve.py mounts `route()`, and the Playground registers each run it
shows live with `watch()`. Runs are followed by the server process, not by a session, so any
number of tabs can watch one run for the price of one."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from serp_core.store import RunStore

from . import stage_html
from .live import LiveView

PATH = "/genserp/live"  # outside Streamlit's reserved /_stcore/, /media/, /component/, /static/
FORGET_AFTER_S = 120.0  # a finished run stays answerable this long, for tabs still polling

_mounted_at: str | None = None  # the feed's path, once serve.py mounted it


@dataclass
class _Followed:
    store: RunStore
    beam: int
    view: LiveView
    lock: threading.Lock = field(default_factory=threading.Lock)
    answer: dict | None = None  # for view.last_seq
    finished_at: float | None = None


_followed: dict[str, _Followed] = {}
_registry_lock = threading.Lock()


def route(base_url_path: str = "") -> Route:
    """The feed's route, under Streamlit's server.baseUrlPath when there is one."""
    global _mounted_at
    base = base_url_path.strip("/")
    _mounted_at = (f"/{base}" if base else "") + PATH
    return Route(_mounted_at + "/{run_id}", _endpoint, methods=["GET"])


def url(run_id: str) -> str | None:
    """Where the panel asks about a run; None when the app runs without the feed (started
    with `streamlit run app.py` instead of serve.py, or under AppTest)."""
    return f"{_mounted_at}/{run_id}" if mounted() else None


def mounted() -> bool:
    return _mounted_at is not None


def watch(run_id: str, store: RunStore, beam: int) -> None:
    """Follow a run (again, harmlessly) so the feed can answer about it."""
    with _registry_lock:
        now = time.monotonic()
        for gone in [k for k, f in _followed.items()
                     if f.finished_at is not None and now - f.finished_at > FORGET_AFTER_S]:
            del _followed[gone]
        _followed.setdefault(run_id, _Followed(store, beam, LiveView(run_id)))


def answer(run_id: str, after: int) -> dict | None:
    """The run's live panel as of its latest event, or None when the asker already has it
    (its `after` is the latest event's number). KeyError: the run is not followed."""
    with _registry_lock:
        followed = _followed[run_id]
    with followed.lock:
        view = followed.view
        if not view.finished and view.update(followed.store) and view.finished:
            followed.finished_at = time.monotonic()
        if view.last_seq == after:
            return None
        if followed.answer is None or followed.answer["seq"] != view.last_seq:
            calls = followed.store.traces.count(run_id)
            followed.answer = {
                "seq": view.last_seq,
                "html": stage_html.live_panel(view, followed.beam, calls),
                "stages": len(view.stages),
                "finished": view.finished,
            }
        return followed.answer


def _endpoint(request: Request) -> Response:
    # A plain function: Starlette runs it in its thread pool, off the event loop.
    run_id = request.path_params["run_id"]
    try:
        after = int(request.query_params.get("after", "-1"))
    except ValueError:
        return JSONResponse({"error": "after must be an event number"}, status_code=400)
    try:
        body = answer(run_id, after)
    except KeyError:
        return JSONResponse({"error": f"run {run_id} is not followed here"}, status_code=404)
    except sqlite3.Error as e:
        return JSONResponse({"error": f"the run store cannot be read: {e}"}, status_code=503)
    if body is None:
        return Response(status_code=204)
    return JSONResponse(body, headers={"Cache-Control": "no-store"})
