"""The Streamlit app driven headlessly with AppTest, the engine answering through the fake
OpenAI-compatible server. Runs go through the app's real background Runner."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from serp_core.runner import Runner
from serp_core.schema import Reasoning, StageStart, ToolCall, ToolResult
from tests.serp_responder import SerpResponder
from ui import stage_html, state
from ui.exports import pages_zip, result_json
from ui.live import LiveView

ROOT = Path(__file__).resolve().parents[1]
RUN_TIMEOUT_S = 60
ENV_VARS = ("GENSERP_BACKEND", "GENSERP_BASE_URL", "OPENAI_BASE_URL", "OPENAI_API_KEY",
            "GENSERP_MODEL", "GENSERP_JSON_MODE", "GENSERP_DATA_DIR", "GENSERP_TIMEOUT",
            "GENSERP_MAX_RETRIES", "GENSERP_SETTINGS")


@pytest.fixture
def env(monkeypatch, tmp_path):
    """A clean environment with its own data directory; returns a setter for more."""
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GENSERP_DATA_DIR", str(tmp_path))
    return monkeypatch


@pytest.fixture
def fake_model(env, fake_openai):
    """The app pointed at the fake server, which answers every GenSERP call correctly."""
    fake_openai.responder = SerpResponder()
    env.setenv("GENSERP_BACKEND", "openai")
    env.setenv("GENSERP_BASE_URL", fake_openai.base_url)
    env.setenv("OPENAI_API_KEY", "test")
    return fake_openai


def new_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT_S)
    return at.run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def submit(at: AppTest, query: str, beam: int = 2) -> AppTest:
    at.text_input(key="query").set_value(query)
    at.number_input(key="beam").set_value(beam)
    button(at, "Run").click()
    return at.run()


def wait(run_id: str, tmp_path: Path) -> None:
    state._runner(str(tmp_path)).wait(run_id, timeout=RUN_TIMEOUT_S)


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def plain(text: str) -> str:
    """Shown text without the backslashes that make it inert markdown."""
    return text.replace("\\", "")


def all_markdown(at: AppTest) -> str:
    return texts(at.markdown) + texts(at.caption)


def test_a_run_shows_each_stage_then_the_candidates_and_the_winner(fake_model, tmp_path):
    at = submit(new_app(), "weekend in lisbon", beam=2)
    assert not at.exception and not at.error
    run_id = at.session_state.run_id
    assert at.query_params["run"] == [run_id] or at.query_params["run"] == run_id
    wait(run_id, tmp_path)
    at.run()

    assert not at.exception and not at.error
    labels = [s.label for s in at.status]
    assert [label.split(":")[0] for label in labels] == ["Gather", "Populate", "Polish", "Score"]
    shown = all_markdown(at)
    # The streamed intent, the tools and what they returned, each stage's proposals.
    stages = texts(at.html)
    assert "plan a trip and see the best options" in stages
    assert "<b>Web</b>" in stages and "results:" in stages
    run = state._workspace(str(tmp_path)).store.get(run_id)
    assert f"<b>Chat answer</b>, written: {stage_html.text(run.items['answer'].text[:40])}" \
        in stages
    assert run.status == "done" and len(run.candidates) == 2
    assert all(f"<b>Candidate {c.index}</b>" in stages for c in run.candidates)
    for c in run.candidates:  # and every candidate's score, in the gallery
        assert f"candidate {c.index}** · score {c.score:g}/10" in shown
    assert "Done in" in texts(at.success)
    assert f"the best is candidate {run.best}" in texts(at.success)
    # Every candidate is rendered (inert pages on data: URLs), and so is the template page.
    pages = [base64.b64decode(f.proto.src.split(",", 1)[1]).decode() for f in at.get("iframe")]
    for c in run.candidates:
        assert any(f"candidate {c.index} · score {c.score:g}" in page for page in pages)
    assert all("default-src 'none'" in page for page in pages)
    assert "**Template page**" in shown
    assert "Repairs" in shown


def test_the_run_survives_a_page_switch_and_a_reload(fake_model, tmp_path):
    fake_model.responder.delay = 0.05  # long enough to still be running after the switch
    at = submit(new_app(), "flu symptoms vs covid", beam=2)
    run_id = at.session_state.run_id
    at.switch_page("app_pages/runs.py").run()
    assert not at.exception
    at.switch_page("app_pages/playground.py").run()
    wait(run_id, tmp_path)
    at.run()
    assert "Done in" in texts(at.success)

    # A reload is a new session: the URL's ?run= finds the run, with all its output.
    reloaded = AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT_S)
    reloaded.query_params["run"] = run_id
    reloaded.run()
    assert not reloaded.exception and not reloaded.error
    assert reloaded.session_state.run_id == run_id
    assert "Done in" in texts(reloaded.success)
    assert "flu symptoms vs covid" in plain(all_markdown(reloaded))
    assert len(reloaded.status) == 4


def test_runs_queue_up_and_each_shows_its_progress(fake_model, tmp_path):
    fake_model.responder.delay = 0.2  # slow enough for the second run to wait its turn
    at = submit(new_app(), "weekend in lisbon", beam=1)
    first = at.session_state.run_id
    at = submit(at, "best running shoes", beam=1)
    second = at.session_state.run_id
    assert first != second
    assert "Queued: it starts when the 1 run(s) ahead of it finish." in texts(at.info)
    # The sidebar lists every run in progress with its latest stage. (Read from a first
    # script run: AppTest drops sidebar deltas on reruns of an st.navigation app.)
    queue = [b.label for b in new_app().sidebar.button]
    assert queue[0].startswith("weekend in lisbon · ") and "queued" not in queue[0]
    assert queue[1] == "best running shoes · queued"
    wait(first, tmp_path)
    wait(second, tmp_path)
    assert new_app().sidebar.button.len == 0
    at.run()
    assert "Done in" in texts(at.success)


def test_a_run_whose_result_is_recorded_leaves_the_sidebar_at_once(fake_model, tmp_path,
                                                                   monkeypatch):
    """The page that shows a run reruns as soon as its result is stored, which can be before
    the runner's thread has ended; the sidebar must not list the run as in progress then."""
    at = submit(new_app(), "weekend in lisbon", beam=1)
    done = at.session_state.run_id
    wait(done, tmp_path)
    # The runner still counts it, beside a run that has recorded nothing yet.
    monkeypatch.setattr(Runner, "pending", lambda self: [done, "not-started"])
    queue = [b.label for b in new_app().sidebar.button]
    assert queue == ["not-started · queued"]


@pytest.mark.parametrize(("query", "message"), [
    ("   ", "the query is empty"),
    ("x" * 600, "the query is 600 characters long"),
])
def test_an_unusable_query_shows_one_error_line(fake_model, query, message):
    at = submit(new_app(), query)
    assert not at.exception
    assert len(at.error) == 1
    assert message in plain(at.error[0].value)
    assert "run_id" not in at.session_state


def test_html_in_a_query_is_shown_as_text(fake_model, tmp_path):
    at = submit(new_app(), "<script>alert(1)</script> **hotels** in rome", beam=1)
    run_id = at.session_state.run_id
    wait(run_id, tmp_path)
    at.run()
    heading = next(m.value for m in at.markdown if m.value.startswith("### "))
    # Every markup character is escaped: markdown shows it literally, HTML is never rendered.
    assert heading == r"### \<script\>alert\(1\)\<\/script\> \*\*hotels\*\* in rome"
    assert not any(m.proto.allow_html for m in at.markdown)


def test_an_unreachable_endpoint_fails_the_run_with_one_line(env, tmp_path):
    env.setenv("GENSERP_BACKEND", "openai")
    env.setenv("GENSERP_BASE_URL", "http://127.0.0.1:9/v1")
    env.setenv("GENSERP_MAX_RETRIES", "0")
    env.setenv("GENSERP_TIMEOUT", "2")
    at = submit(new_app(), "hotels in rome", beam=1)
    run_id = at.session_state.run_id
    wait(run_id, tmp_path)
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert plain(at.error[0].value).startswith(
        "The run failed: unreachable: cannot reach the model endpoint at http://127.0.0.1:9/v1")


def test_the_runs_page_lists_shares_and_exports_a_run(fake_model, tmp_path):
    at = submit(new_app(), "weekend in lisbon", beam=2)
    run_id = at.session_state.run_id
    wait(run_id, tmp_path)
    at.switch_page("app_pages/runs.py").run()
    assert not at.exception and not at.error
    assert "weekend in lisbon" in all_markdown(at)
    link = texts(at.code)
    assert f"?run={run_id}" in link
    downloads = [d.proto.label for d in at.get("download_button")]
    assert downloads == ["result.json", "Pages (zip)", "Calls (JSON lines)",
                         "OpenTelemetry spans (OTLP JSON)"]

    run = state._workspace(str(tmp_path)).store.get(run_id)
    exported = json.loads(result_json(run))
    assert exported["run_id"] == run_id and len(exported["candidates"]) == 2
    names = zipfile.ZipFile(io.BytesIO(pages_zip(run, state._baseline(
        str(tmp_path), run.id, run.query, None)))).namelist()
    assert sorted(names) == ["baseline.html", "best.html", "candidates/0.html",
                             "candidates/1.html"]

    # The shared link opens the run on the Playground in a new session.
    shared = AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT_S)
    shared.query_params["run"] = run_id
    shared.run()
    assert "Done in" in texts(shared.success)


def test_a_query_outside_the_corpus_says_so_and_points_at_real_search(fake_model, tmp_path):
    at = submit(new_app(), "zqxv wqmptr florbish", beam=1)
    wait(at.session_state.run_id, tmp_path)
    at.run()
    assert not at.exception
    assert "Nothing in the bundled demo corpus" in texts(at.info)
    at = submit(at, "weekend in lisbon", beam=1)
    wait(at.session_state.run_id, tmp_path)
    at.run()
    assert "Done in" in texts(at.success)
    assert "Nothing in the bundled demo corpus" not in texts(at.info)


def test_a_failed_run_is_redone_from_the_runs_page(fake_model, tmp_path, env):
    env.setenv("GENSERP_MAX_RETRIES", "0")
    fake_model.error(500, "boom", times=200)  # every call, until the server recovers
    at = submit(new_app(), "weekend in lisbon", beam=1)
    old_id = at.session_state.run_id
    wait(old_id, tmp_path)
    with fake_model._lock:
        fake_model._script.clear()
    at.switch_page("app_pages/runs.py").run()
    assert not at.exception
    assert "This run failed: server error" in plain(texts(at.error))
    button(at, "Redo").click()
    at.run()
    new_id = at.session_state.run_id
    assert new_id != old_id
    wait(new_id, tmp_path)
    store = state._workspace(str(tmp_path)).store
    old, new = store.get(old_id), store.get(new_id)
    assert (old.status, new.status) == ("failed", "done")
    assert new.redo_of == old_id and new.query == old.query
    assert new.config == old.config and new.prompt_version == old.prompt_version


def test_settings_switch_the_backend_and_never_store_the_key(fake_model, tmp_path):
    fake_model_url = fake_model.base_url
    at = new_app()
    at.switch_page("app_pages/settings.py").run()
    assert not at.exception
    at.text_input(key="settings_base_url").set_value(fake_model_url)
    at.text_input(key="settings_model").set_value("fake-large")
    at.text_input(key="settings_api_key").set_value("sk-very-secret-key")
    button(at, "Save").click()
    at.run()
    assert not at.error
    assert "Saved for this session" in texts(at.success)
    assert at.text_input(key="settings_api_key").value == ""  # the field lets go of the key
    in_use = next(m.value for m in at.markdown if m.value.startswith("**In use:**"))
    assert "fake\\-large" in in_use and "OpenAI\\-compatible" in in_use

    at.switch_page("app_pages/playground.py").run()
    at = submit(at, "weekend in lisbon", beam=1)
    run_id = at.session_state.run_id
    wait(run_id, tmp_path)
    at.run()
    assert "Done in" in texts(at.success)
    assert fake_model.log[-1].headers["authorization"] == "Bearer sk-very-secret-key"
    assert fake_model.log[-1].body["model"] == "fake-large"
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"sk-very-secret-key" not in path.read_bytes(), path
    run = state._workspace(str(tmp_path)).store.get(run_id)
    assert "sk-very-secret-key" not in result_json(run)


def test_settings_report_an_unreachable_endpoint_in_one_line(env):
    at = new_app()
    at.switch_page("app_pages/settings.py").run()
    at.text_input(key="settings_base_url").set_value("http://127.0.0.1:9/v1")
    at.number_input(key="settings_retries").set_value(0)
    button(at, "Save").click()
    at.run()
    button(at, "Test the connection").click()
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert plain(at.error[0].value).startswith(
        "No answer: unreachable: cannot reach the model endpoint at http://127.0.0.1:9/v1")


def test_the_embedded_model_is_named_as_small_when_it_is_in_use(env):
    at = new_app()
    banner = texts(at.sidebar.warning)
    assert "embedded" in banner and "small" in banner and "offline trials" in banner
    backend = at.selectbox(key="backend")
    assert backend.value == "local" and backend.disabled  # no endpoint or key: embedded only


def test_streamed_reasoning_is_joined_and_sentences_stay_apart():
    view = LiveView("r")
    for event in [
        StageStart(stage="gather"),
        Reasoning(stage="gather", text="I think", delta=True),
        Reasoning(stage="gather", text=" they want", delta=True),
        Reasoning(stage="gather", text=" a trip.", delta=True),
        Reasoning(stage="gather", text="I call: web, images."),
        ToolCall(tool="web", query="q"),
        ToolResult(tool="web", item_ids=["a"], titles=["A"]),
    ]:
        view.apply(event)
    stage = view.stages["gather"]
    assert stage.reasoning[None] == ["I think they want a trip.", "I call: web, images."]
    assert stage.tools[0].titles == ["A"] and view.progress() == "gather"
    assert not view.finished


def test_a_sample_query_fills_the_query_box(env):
    at = new_app()
    at.selectbox(key="sample").select("flu symptoms vs covid").run()
    assert at.text_input(key="query").value == "flu symptoms vs covid"
    assert "Health: flu symptoms vs covid" in at.selectbox(key="sample").options
