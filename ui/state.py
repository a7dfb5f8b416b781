"""What every page shares: this session's settings, and the per-process workspace, runner and
models. Per-user data lives in st.session_state; shared resources in st.cache_resource."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import streamlit as st

from serp_core.analysis import LayoutReader
from serp_core.baseline import baseline_run
from serp_core.jobs import Jobs
from serp_core.llm import ChatModel, make_model
from serp_core.pipeline.run import new_run
from serp_core.prompts import PromptSet
from serp_core.redo import redo
from serp_core.render.screenshot import Screenshots
from serp_core.reward import FeedbackLog, default_model_dir
from serp_core.runner import Runner
from serp_core.schema import ANSWER_ID, ChatAnswerItem, Run, RunConfig
from serp_core.search.composite import CompositeSearch, check_search
from serp_core.settings import SEARCH_SETTINGS, Settings, load_settings
from serp_core.traces.cost import Price, PriceTable
from serp_core.workspace import Workspace

from . import visibility
from .live import LiveView


def settings() -> Settings:
    """This session's settings: file and environment defaults, changed on the Settings page.
    The API key stays here (or in the environment): it is never written anywhere."""
    if "settings" not in st.session_state:
        loaded = load_settings()
        check_search(loaded)  # a ValueError app.py shows in one line, like a bad backend
        st.session_state.settings = loaded
    return st.session_state.settings


@st.cache_resource(show_spinner=False)
def _workspace(data_dir: str) -> Workspace:
    return Workspace.open(load_settings({"data_dir": Path(data_dir)}))


@st.cache_resource(show_spinner=False)
def _runner(data_dir: str) -> Runner:
    ws = _workspace(data_dir)
    return Runner(ws.store, ws.search)


@st.cache_resource(show_spinner=False)
def _jobs(data_dir: str) -> Jobs:
    return Jobs()


def jobs() -> Jobs:
    """Background jobs of this server process for this data directory: experiments and the
    reward's training (ui.background starts them)."""
    return _jobs(str(settings().data_dir))


def feedback_log() -> FeedbackLog:
    """Clicks people make in feedback mode, in the run store's file beside the simulated
    sessions the reward is trained on."""
    return FeedbackLog(workspace().store.db)


def reward_dir() -> Path:
    """Where the learned reward is saved (model.json, summary.json, pairs.jsonl)."""
    return default_model_dir(settings().data_dir)


def workspace() -> Workspace:
    return _workspace(str(settings().data_dir))


def search() -> CompositeSearch:
    """The search this session's settings choose (the Settings page), over the workspace's
    corpus, cache and picture fetcher; built again only when those settings change. Raises
    ValueError (one line) for unusable providers."""
    s = settings()
    key = (str(s.data_dir), *(getattr(s, name) for name in SEARCH_SETTINGS))
    built = st.session_state.get("_search")
    if built is None or built[0] != key:
        built = st.session_state["_search"] = (key, workspace().search_for(s))
    return built[1]


def screenshots() -> Screenshots:
    """The screenshot cache beside this data directory's run store (the vision scorer's
    screenshots are found there too)."""
    return Screenshots.beside(workspace().store.path)


def runner() -> Runner:
    """One background runner per data directory and server process: runs go on whatever
    happens to the page or the session that started them."""
    return _runner(str(settings().data_dir))


@st.cache_resource(show_spinner="Loading the embedded model…")
def _local_model() -> ChatModel:
    from serp_core.llm.local_backend import LocalChatModel

    return LocalChatModel()


def model() -> ChatModel:
    """The model for this session's settings (raises ModelUnavailable with one line)."""
    return model_for(settings().resolved_backend)


def model_for(backend: str) -> ChatModel:
    """The model for a backend chosen on the Playground, with this session's endpoint."""
    if backend == "local":
        return _local_model()
    return make_model(settings().model_copy(update={"backend": "openai"}))


def refresh_every(seconds: float, busy: bool | None = None) -> float | None:
    """A fragment's run_every: tick only while there is something to follow (`busy`; by
    default, runs queued or running) and the tab is looked at. When a run ends, the live view
    showing it or app.py's queue fragment reruns the whole page, which draws the final state;
    a tab shown again reruns it too."""
    if busy is None:
        busy = bool(runner().pending())
    return seconds if busy and visibility.looking() else None


def submit_run(query: str, config: RunConfig, prompts: PromptSet) -> str:
    """Queue a run in the background runner and return its id. Raises BadQuery or
    ModelUnavailable, each with one line for the user."""
    tool = search()
    run = new_run(query, config, search=tool, prompts=prompts)
    return runner().submit(run, model_for(config.backend), prompts, search=tool)


def redo_run(run_id: str) -> str:
    """Queue an interrupted or failed run again as a new run (serp_core.redo), its tools
    answered as they were for it, and make it the current run; returns its id. Raises
    ValueError or ModelUnavailable, each with one line for the user."""
    old = workspace().store.get(run_id)
    run, prompts = redo(workspace().store, run_id, prompt_dir())
    tool = search().replaying(old.sources if old else {})
    run_id = runner().submit(run, model_for(run.config.backend), prompts, search=tool)
    open_run(run_id)
    return run_id


# The named prompt version new runs use: chosen on the Playground or in the Prompt lab.
PROMPT_VERSION_KEY = "prompt_version_name"


def prompt_dir() -> Path:
    """Where named prompt versions are saved (one folder each)."""
    return settings().prompts_dir


def html_src(html: str) -> str:
    """A rendered page as a data: URL for st.iframe: an opaque origin, so even a page that
    escaped our escaping could not reach the app (the page's CSP already forbids script)."""
    return "data:text/html;base64," + base64.b64encode(html.encode("utf-8")).decode("ascii")


# --- the run on screen ------------------------------------------------------------------
# The current run id lives in session state (it survives page switches) and in the URL as
# ?run=<id> (it survives a reload, and the URL is a shareable link).


def sync_current_run() -> None:
    """Called by app.py on every script run: the URL wins (a reload or a shared link);
    otherwise the session's run is put back in the URL, which a page switch clears."""
    in_url = st.query_params.get("run")
    if in_url and in_url != st.session_state.get("run_id"):
        st.session_state.run_id = in_url
    elif st.session_state.get("run_id") and not in_url:
        st.query_params["run"] = st.session_state.run_id


def delete_run(run_id: str) -> None:
    """Delete a stored run and forget it in this session (its live view, the current run)."""
    workspace().store.delete(run_id)
    st.session_state.get("live_views", {}).pop(run_id, None)
    if st.session_state.get("run_id") == run_id:
        del st.session_state.run_id
        st.query_params.pop("run", None)


def current_run_id() -> str | None:
    return st.session_state.get("run_id")


def open_run(run_id: str) -> None:
    st.session_state.run_id = run_id
    st.query_params["run"] = run_id
    st.query_params.pop("call", None)  # a call of the run shown before


def prices() -> dict[str, Price]:
    """The price per model: the store's price table over the defaults (Settings edits it)."""
    return PriceTable(workspace().store.db).all()


def live_view(run_id: str) -> LiveView:
    """The run's events folded so far, caught up with the store (only new events are read)."""
    views: dict[str, LiveView] = st.session_state.setdefault("live_views", {})
    view = views.get(run_id)
    if view is None:
        view = views[run_id] = LiveView(run_id)
    if not view.finished:
        view.update(workspace().store)
    return view


def in_progress() -> list[str]:
    """Runs queued or running in this app. One whose result is recorded is not, even in the
    moment before its thread ends: the page showing it reruns on that result, and would
    otherwise list it as running until something else redraws the sidebar."""
    return [run_id for run_id in runner().pending() if not live_view(run_id).finished]


def share_url(run_id: str) -> str:
    """A link that opens the run in the Playground (the default page) for anyone."""
    return page_url("", run=run_id)


def page_url(page: str, **params: str) -> str:
    """A link to one of the app's pages (by url_path; "" is the default page) with query
    parameters, on the address this session reached the app at."""
    url = urlsplit(st.context.url or "http://localhost:8501")
    path = url.path.rstrip("/")
    current = st.session_state.get("page_url_path", "")
    if current and path.endswith("/" + current):
        path = path[: -len(current) - 1]
    return f"{url.scheme}://{url.netloc}{path}/{page}?{urlencode(params)}"


def baseline_for(run: Run) -> Run:
    """The template page for the run's query, with the run's own generated answer."""
    answer = run.items.get(ANSWER_ID)
    return _baseline(str(settings().data_dir), run.id, run.query,
                     answer.model_dump_json() if answer is not None else None,
                     search().replaying(run.sources))


@st.cache_data(show_spinner=False, max_entries=64)
def _baseline(data_dir: str, run_id: str, query: str, answer_json: str | None,
              _search: CompositeSearch | None = None) -> Run:
    """The tools the run called answer as they did for it (its recorded sources); `_search`
    is not part of the cache key (a leading underscore), the run is."""
    answer = ChatAnswerItem.model_validate_json(answer_json) if answer_json else None
    return baseline_run(query, _search or _workspace(data_dir).search, answer=answer)


@st.cache_resource(show_spinner=False)
def _layout_reader(data_dir: str) -> LayoutReader:
    return LayoutReader(_workspace(data_dir).store)


def layout_reader() -> LayoutReader:
    """Reads runs' layouts for heatmaps; shared, because a finished run's layouts never change
    and are read from the store only once."""
    return _layout_reader(str(settings().data_dir))
