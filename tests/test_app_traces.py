"""The Trace view in the app, driven with AppTest: a permalink opens one call, the prompt and
its block are shown with a link to the Prompt lab, a replay sends the edited block to the
model in use and saves it as a prompt version, a comparison diffs two runs' prompts, and the
Settings page holds the prices and the privacy option."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from serp_core.prompts import PromptSet
from serp_core.prompts.editing import saved_versions
from serp_core.store import RunStore
from serp_core.traces.cost import DEFAULT_PRICES, Price, PriceTable
from tests.serp_responder import SerpResponder
from tests.test_traces import bad_first_layout, reasked_run, run_stored
from ui.trace_settings import read_prices

ROOT = Path(__file__).resolve().parents[1]
MARKER = "I keep the answer at the very top, full width."
ENV_VARS = ("GENSERP_BACKEND", "GENSERP_BASE_URL", "OPENAI_BASE_URL", "OPENAI_API_KEY",
            "GENSERP_MODEL", "GENSERP_JSON_MODE", "GENSERP_DATA_DIR", "GENSERP_TIMEOUT",
            "GENSERP_MAX_RETRIES", "GENSERP_SETTINGS")


@pytest.fixture
def app_env(monkeypatch, tmp_path, fake_openai):
    """The app on its own data directory, its model the fake server."""
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GENSERP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GENSERP_BACKEND", "openai")
    monkeypatch.setenv("GENSERP_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("GENSERP_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("OPENAI_API_KEY", "test")
    return tmp_path


@pytest.fixture
def stored(app_env, fake_openai, corpus):
    """A run in the app's store whose first layout reply was re-asked."""
    store, run, _ = reasked_run(fake_openai, corpus, app_env / "runs.sqlite")
    fake_openai.responder = SerpResponder()
    return store, run


def open_app(page: str = "", **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def call_box(at: AppTest, run_id: str):
    return at.selectbox(key=f"trace-call-{run_id}")


def codes(at: AppTest) -> list[str]:
    return [str(c.value) for c in at.code]


def test_a_permalink_opens_one_call_on_the_playground(stored):
    store, run = stored
    traces = store.traces.of(run.id)
    reask = next(t for t in traces if t.attempt == 2 and t.block == "layout")
    at = open_app(run=run.id, call=str(reask.index))
    assert not at.exception
    assert call_box(at, run.id).value == reask.index
    headings = [m.value for m in at.markdown if m.value.startswith("##### Call")]
    assert headings == [f"##### Call #{reask.index}: gather, candidate {reask.candidate}, "
                        "layout\\, step 1\\, try 2 \\(re\\-ask\\)"]
    shown = codes(at)
    # The messages as sent (system, the block's prompt, the unusable reply, the reason), the
    # reply, the block it was filled from, and the permalink itself.
    for m in reask.messages:
        assert m["content"] in shown
    assert reask.reply in shown and reask.template in shown
    assert any(c.endswith(f"/?run={run.id}&call={reask.index}") for c in shown)
    links = [link for link in at.get("page_link") if "Prompt lab" in link.proto.label]
    assert links and "block=layout" in links[0].proto.page + str(links[0].proto.query_string)

    # Opening another call puts it in the URL.
    other = next(t for t in traces if t.block == "populate")
    call_box(at, run.id).set_value(other.index).run()
    assert at.query_params["call"] in ([str(other.index)], str(other.index))
    assert any(m.value.startswith(f"##### Call #{other.index}: populate") for m in at.markdown)
    assert not at.exception


def test_without_a_permalink_the_first_unusable_call_opens(stored):
    store, run = stored
    at = open_app(run=run.id)
    first_bad = next(t for t in store.traces.of(run.id) if not t.ok)
    assert call_box(at, run.id).value == first_bad.index
    assert any("no JSON object" in w.value for w in at.warning)


def test_replay_sends_the_edited_block_and_saves_a_version(stored, fake_openai, app_env):
    store, run = stored
    # a first attempt: a re-ask's last message is the note, not the block (calls of the
    # beam candidates finish in any order)
    layout = next(t for t in store.traces.of(run.id)
                  if t.block == "layout" and t.ok and t.attempt == 1)
    before = [t.model_dump_json() for t in store.traces.of(run.id)]
    at = open_app(run=run.id, call=str(layout.index))
    key = f"replay-{run.id}-{layout.index}"
    at.text_area(key=f"{key}-text").set_value(layout.template + "\n" + MARKER).run()
    sent = len(fake_openai.requests)
    at.button(key=f"{key}-go").click().run()
    assert not at.exception
    assert len(fake_openai.requests) == sent + 1
    prompt = fake_openai.requests[-1]["messages"][-1]["content"]
    assert prompt.endswith(MARKER) and run.query in prompt
    assert any("Replayed now" in m.value for m in at.markdown)
    assert [t.model_dump_json() for t in store.traces.of(run.id)] == before

    save = at.button(key=f"{key}-save")
    assert not save.disabled
    save.click().run()
    assert not at.exception and at.success
    versions = saved_versions(app_env / "prompts")
    (name,) = [n for n in versions if n != "default"]
    assert versions[name].blocks["layout"].endswith(MARKER)
    assert versions[name].blocks["tools"] == PromptSet.load().blocks["tools"]


def test_compare_diffs_the_same_call_in_two_prompt_versions(stored, fake_openai, corpus):
    store, run = stored
    shipped = PromptSet.load()
    edited = shipped.model_copy(update={"blocks": {
        **shipped.blocks, "layout": shipped.blocks["layout"] + "\n" + MARKER}}, deep=True)
    bad_first_layout(fake_openai.responder)  # the same tools as the first run: every one
    other, _ = run_stored(fake_openai, corpus, store, prompts=edited)
    # a first attempt: a re-ask's last message is the note, not the block (calls of the
    # beam candidates finish in any order)
    layout = next(t for t in store.traces.of(run.id)
                  if t.block == "layout" and t.ok and t.attempt == 1)
    at = open_app(run=run.id, call=str(layout.index))
    at.selectbox(key=f"compare-{run.id}-{layout.index}").set_value(other.id).run()
    assert not at.exception
    diff = next(c for c in at.code if c.language == "diff")
    assert f"+ {MARKER}" in diff.value
    assert not [line for line in diff.value.splitlines() if line.startswith("- ")]
    theirs = next(t for t in store.traces.of(other.id) if t.block == "layout" and t.ok
                  and t.candidate == layout.candidate)
    assert theirs.reply in codes(at)


def test_the_runs_page_has_the_trace_and_a_redacted_run_shows_counts(stored, app_env,
                                                                     fake_openai, corpus):
    store, run = stored
    store.traces.set_keep_text(False)
    secret, _ = run_stored(fake_openai, corpus, store, beam=1)
    at = open_app("app_pages/runs.py", run=secret.id)
    assert not at.exception
    assert any("Trace: every model call" in m.value for m in at.markdown)
    assert any("keeps no message text" in i.value for i in at.info)
    assert secret.query not in "\n".join(codes(at))
    assert any("Not kept (privacy)" in c.value for c in at.caption)


def test_settings_hold_the_privacy_option_and_the_prices(app_env):
    at = open_app("app_pages/settings.py")
    assert not at.exception
    toggle = at.toggle(key="settings_keep_text")
    assert toggle.value is True
    toggle.set_value(False).run()
    assert not RunStore(app_env / "runs.sqlite").traces.keep_text()
    assert any(b.label == "Remove the text from traces already stored" for b in at.button)
    table = PriceTable(RunStore(app_env / "runs.sqlite").db)
    table.save({**DEFAULT_PRICES, "my-model": Price(prompt=1, cached=0.5, completion=2)})
    next(b for b in at.button if b.label == "Restore the defaults").click().run()
    assert table.stored() == {}


def test_edited_price_rows_are_checked():
    rows = [{"model": "m", "prompt": 1.0, "cached": 0.5, "completion": 2.0},
            {"model": None, "prompt": None, "cached": None, "completion": None}]
    assert read_prices(rows) == {"m": Price(prompt=1, cached=0.5, completion=2)}
    with pytest.raises(ValueError, match="priced twice"):
        read_prices(rows[:1] * 2)
    with pytest.raises(ValueError, match="three prices"):
        read_prices([{"model": "m", "prompt": -1, "cached": 0, "completion": 0}])
    with pytest.raises(ValueError, match="no model name"):
        read_prices([{"model": " ", "prompt": 1, "cached": 0, "completion": 0}])


def test_markup_in_a_trace_is_shown_not_run(app_env, fake_openai, corpus):
    fake_openai.responder = SerpResponder()
    store = RunStore(app_env / "runs.sqlite")
    query = "<script>alert(1)</script> weekend in lisbon"
    run, _ = run_stored(fake_openai, corpus, store, beam=1, query=query)
    at = open_app(run=run.id, call="0")
    assert not at.exception
    shown = [str(e.value) for kind in ("markdown", "caption", "warning", "info")
             for e in at.get(kind)]
    assert not [s for s in shown if "<script>" in s]  # escaped wherever it is markdown
    assert any("<script>alert(1)</script>" in c for c in codes(at))  # verbatim in code
