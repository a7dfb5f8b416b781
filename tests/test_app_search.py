"""Search providers in the app, driven headlessly with AppTest: chosen on the Settings page,
tried with "Test the provider", then a whole run on the Playground with SearXNG selected
(the fake SearXNG and the fake model, both on 127.0.0.1)."""

from __future__ import annotations

import base64

import pytest

from tests.fake_search import BRAVE_KEY, FakeSearch
from tests.test_app import ENV_VARS, button, new_app, plain, submit, texts, wait
from tests.test_app import fake_model as fake_model  # noqa: F401 (a fixture)
from ui import state

SEARCH_VARS = ("GENSERP_SEARCH", "GENSERP_SEARXNG_URL", "BRAVE_API_KEY",
               "GENSERP_SEARCH_IMAGES", "GENSERP_SEARCH_KNOWLEDGE_PANEL")


@pytest.fixture
def env(monkeypatch, tmp_path):
    for var in (*ENV_VARS, *SEARCH_VARS):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GENSERP_DATA_DIR", str(tmp_path))
    return monkeypatch


@pytest.fixture
def searxng():
    with FakeSearch(slow_s=1.0) as server:
        yield server


def choose_searxng(at, url: str, brave_key: str = ""):
    at.switch_page("app_pages/settings.py").run()
    assert not at.exception
    at.selectbox(key="search_provider").set_value("searxng")
    at.text_input(key="search_searxng_url").set_value(url)
    if brave_key:
        at.text_input(key="search_brave_key").set_value(brave_key)
    button(at, "Save").click()
    return at.run()


def test_settings_choose_searxng_and_test_it(env, searxng):
    at = choose_searxng(new_app(), searxng.base_url)
    assert not at.exception and not at.error
    assert "Saved for this session" in texts(at.success)
    shown = plain(texts(at.markdown))
    assert ("Search: SearXNG for web, images, videos, news, knowledge panel, places; the "
            "bundled corpus for products.") in shown

    button(at, "Test the provider").click()
    at.run()
    assert not at.exception and not at.error
    (table,) = [d for d in at.dataframe if "Tool" in d.value.columns]  # beside the prices
    rows = {r["Tool"]: (r["Provider"], r["Results"]) for r in table.value.to_dict("records")}
    assert rows["Web"] == ("SearXNG", 4) and rows["Places"] == ("SearXNG", 2)
    assert rows["Knowledge panel"] == ("SearXNG", 1)
    assert rows["Products"][0] == "the bundled corpus"
    assert "Every tool answered" in texts(at.success)
    asked = {r.query["q"][0] for r in searxng.requests("/search")}
    assert asked == {"weather in reykjavik tomorrow"}


def test_settings_show_a_failing_provider_in_one_line_per_tool(env, searxng):
    at = choose_searxng(new_app(), searxng.base_url)
    searxng.modes["searxng"] = "429"
    button(at, "Test the provider").click()
    at.run()
    assert not at.exception
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 6  # every tool but products, which the corpus answers
    assert errors[0] == "Web: SearXNG is rate-limiting requests (HTTP 429, retry after 30 s)"


def test_settings_refuse_searxng_without_an_address(env):
    at = choose_searxng(new_app(), "")
    assert not at.exception
    assert plain(at.error[0].value).startswith(
        "the searxng search provider needs GENSERP_SEARXNG_URL")


def test_an_unusable_search_environment_is_one_line(env):
    env.setenv("GENSERP_SEARCH", "altavista")
    at = new_app()
    assert not at.exception
    assert plain(at.error[0].value).startswith(
        "The settings are invalid: unknown search provider 'altavista'")


def test_a_whole_run_with_searxng_selected(fake_model, searxng, tmp_path):
    at = choose_searxng(new_app(), searxng.base_url, brave_key=BRAVE_KEY)
    assert "Saved for this session" in texts(at.success)
    assert at.text_input(key="search_brave_key").value == ""  # the field lets go of the key

    at.switch_page("app_pages/playground.py").run()
    at = submit(at, "reykjavik weather", beam=2)
    run_id = at.session_state.run_id
    wait(run_id, tmp_path)
    at.run()
    assert not at.exception and not at.error
    assert "Done in" in texts(at.success)
    stages = texts(at.html)  # each finished stage is drawn as HTML
    assert "<b>Web</b>: 3 results via SearXNG:" in stages
    assert "<b>Knowledge panel</b>: 1 results via SearXNG: Reykjavík" in stages
    assert "via SearXNG (cached)" not in stages

    run = state._workspace(str(tmp_path)).store.get(run_id)
    assert run.status == "done" and run.sources["web"].provider == "searxng"
    assert {i.via for i in run.items.values() if i.type == "web"} == {"SearXNG"}
    pages = [base64.b64decode(f.proto.src.split(",", 1)[1]).decode() for f in at.get("iframe")]
    winner = next(p for p in pages if f"candidate {run.best} ·" in p)
    assert ">via SearXNG</span>" in winner
    # The app's picture fetcher keeps the default policy: 127.0.0.1 is refused, so the page
    # shows its drawn placeholders and has asked for nothing.
    assert "data:image/jpeg" not in winner and searxng.requests("/img/") == []
    # The template page beside it was built from the same answers, asking nothing more.
    assert len(searxng.requests("/search")) == len(run.sources) - 1  # products: corpus
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert BRAVE_KEY.encode() not in path.read_bytes(), path
