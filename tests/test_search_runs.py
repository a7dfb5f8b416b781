"""Provider answers in runs: cached in the run store and served again (by key within their
lifetime, by entry whatever their age), recorded per tool on the run and its events, put
through the same relevance and layout floor as the corpus's, failing over to the corpus with
one message; the search settings, from the environment to the command line, keys included."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest

from serp_core import grid
from serp_core.compaction import FLOOR_WHITESPACE
from serp_core.export import candidate_html
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.schema import (
    ContentType,
    ErrorEvent,
    Final,
    Reasoning,
    RunConfig,
    SearchSource,
    ToolResult,
)
from serp_core.search.composite import CompositeSearch, check_search, routes_for
from serp_core.search.providers.brave import Brave
from serp_core.search.providers.searxng import Searxng
from serp_core.settings import Settings, load_settings
from serp_core.store import RunStore, record
from tests.fake_search import BRAVE_KEY, FakeSearch
from tests.search_support import QUERY, search_with
from tests.serp_responder import SerpResponder
from tests.test_cli import cli, one_line_error
from tests.test_pipeline import model_for
from tests.test_render import Page

T = ContentType
TOOLS = [T.web, T.images, T.videos, T.news, T.places, T.knowledge_panel]


@pytest.fixture
def fake():
    with FakeSearch(slow_s=1.5) as server:
        yield server


def searxng_search(fake, corpus, tmp_path, **kwargs) -> CompositeSearch:
    return search_with(Searxng(fake.base_url, timeout=2), TOOLS, corpus, tmp_path, **kwargs)


def run_with(fake_openai, search, query=QUERY, store: RunStore | None = None, **config):
    fake_openai.responder = SerpResponder()
    prompts = PromptSet.load()
    run = new_run(query, RunConfig(backend="openai", beam=2, **config), search=search,
                  prompts=prompts)
    events = generate(run, model=model_for(fake_openai), search=search, prompts=prompts)
    events = list(record(store, run, events) if store else events)
    assert isinstance(events[-1], Final)
    return events[-1].run, events


# --- the cache ----------------------------------------------------------------------------
def test_a_query_asked_again_is_answered_from_the_cache(fake, corpus, tmp_path):
    search = searxng_search(fake, corpus, tmp_path)
    first = search.find(QUERY, T.news)
    again = search.find("  Weather in REYKJAVIK   tomorrow ", T.news)  # case and spaces
    assert again.source.cached and again.source.entry == first.source.entry
    assert again.source.fetched_at == first.source.fetched_at
    assert [i.model_dump() for i in again.items] == [i.model_dump() for i in first.items]
    assert again.items[0].thumbnail  # pictures are cached with the answer
    assert len(fake.requests("/search")) == 1
    assert search.find(QUERY, T.web).source.cached is False  # another tool, another key


def test_answers_expire_after_their_lifetime(fake, corpus, tmp_path):
    always = searxng_search(fake, corpus, tmp_path, max_age=timedelta(0))
    entries = {always.find(QUERY, T.news).source.entry for _ in range(2)}
    assert len(entries) == 2 and len(fake.requests("/search")) == 2

    search = searxng_search(fake, corpus, tmp_path, max_age=timedelta(hours=1))
    old = search.find(QUERY, T.videos).source
    with search.cache.db.transaction() as con:  # make it two hours old
        con.execute("UPDATE search_cache SET fetched_at = '2000-01-01T00:00:00.000000+00:00' "
                    "WHERE id = ?", (old.entry,))
    assert search.frozen().find(QUERY, T.videos).source.entry == old.entry  # any age
    fresh = search.find(QUERY, T.videos).source
    assert fresh.entry != old.entry and not fresh.cached


def test_a_recorded_source_is_served_again_exactly(fake, corpus, tmp_path):
    search = searxng_search(fake, corpus, tmp_path, max_age=timedelta(0))
    then = search.find(QUERY, T.images)
    fake.modes["searxng"] = "error"  # the provider is down now, and answers expire at once
    again = search.replaying({T.images: then.source}).find(QUERY, T.images)
    assert again.source.entry == then.source.entry and again.source.cached
    assert [i.id for i in again.items] == [i.id for i in then.items]
    # ... even by a search that would ask no provider at all.
    corpus_only = CompositeSearch(corpus, cache=search.cache)
    assert corpus_only.replaying({T.images: then.source}).find(QUERY, T.images).items
    # A source whose entry is gone (another store) is answered as today.
    gone = SearchSource(provider="searxng", entry=10_000)
    assert corpus_only.replaying({T.images: gone}).find(QUERY, T.images).source.provider \
        == "corpus"
    # A tool the corpus answered (after a failure) is answered by the corpus again.
    fell_back = search.find("weekend in lisbon", T.web)
    assert fell_back.source.provider == "corpus"
    replayed = search.replaying({T.web: fell_back.source}).find("weekend in lisbon", T.web)
    assert [i.id for i in replayed.items] == [i.id for i in fell_back.items]


def test_a_damaged_cache_entry_is_a_miss(fake, corpus, tmp_path):
    search = searxng_search(fake, corpus, tmp_path)
    entry = search.find(QUERY, T.news).source.entry
    with search.cache.db.transaction() as con:
        con.execute("UPDATE search_cache SET items = '[{\"broken\": 1}]' WHERE id = ?",
                    (entry,))
    found = search.find(QUERY, T.news)
    assert found.items and found.source.entry != entry  # asked again, stored anew


# --- runs ---------------------------------------------------------------------------------
def test_a_run_records_which_provider_and_entry_served_each_tool(fake_openai, fake, corpus,
                                                                  tmp_path):
    store = RunStore(tmp_path / "runs.sqlite")
    search = searxng_search(fake, corpus, tmp_path)
    run, events = run_with(fake_openai, search, store=store)
    assert run.status == "done", run.error
    called = {e.tool for e in events if isinstance(e, ToolResult)} - {T.chat_answer}
    assert set(run.sources) == called and T.products in called  # the responder calls all
    assert run.sources[T.products] == SearchSource(provider="corpus")  # SearXNG has none
    for tool in called - {T.products}:
        assert run.sources[tool].provider == "searxng" and run.sources[tool].entry
    results = {e.tool: e.source for e in events if isinstance(e, ToolResult)}
    assert results[T.web] == run.sources[T.web]
    stored = store.get(run.id)
    assert stored.sources == run.sources  # kept with the run

    # The same query again reruns on the same results, from the cache.
    again, _ = run_with(fake_openai, search, store=store)
    assert {t: s.entry for t, s in again.sources.items()} == \
        {t: s.entry for t, s in run.sources.items()}
    assert all(s.cached for t, s in again.sources.items() if t is not T.products)
    assert set(again.items) == set(run.items)


def test_provider_results_pass_the_same_relevance_and_layout_floor(fake_openai, fake, corpus,
                                                                    tmp_path):
    run, events = run_with(fake_openai, searxng_search(fake, corpus, tmp_path),
                           query="reykjavik weather")
    assert run.status == "done", run.error
    said = " ".join(e.text for e in events if isinstance(e, Reasoning) and not e.delta)
    # The result about pizza in Naples shares no word with the query: it is left out.
    assert "“The best pizza in Naples”" in said
    assert not any("pizza" in i.title.lower() for i in run.items.values())
    web = [i for i in run.items.values() if i.type == T.web]
    assert web and all(i.via == "SearXNG" for i in web)
    # "Reykjavík" is the query's "reykjavik", diacritics and all.
    assert any(i.type == T.knowledge_panel and i.title == "Reykjavík"
               for i in run.items.values())
    # The answer is grounded on the provider's sources.
    assert set(run.items["answer"].citations) <= {i.id for i in web} | {
        i.id for i in run.items.values() if i.type == T.knowledge_panel}
    for c in run.candidates:
        m = grid.metrics(c.layout)
        assert m.holes == 0 and m.whitespace <= FLOOR_WHITESPACE + 1e-9, (c.index, m)
        assert grid.validate(c.layout) == []
        assert any(r.kind in ("snap", "fit", "pack", "widen", "fill") for r in c.repairs)
    page = candidate_html(run, run.best)
    assert ">via SearXNG</span>" in page and "<script" not in page.lower()
    assert "cloudy, alert(&#39;x&#39;) a little rain" in page  # the snippet's text, inert
    srcs = [a["src"] for tag, a in Page(page).tags if tag == "img"]
    assert srcs and all(s.startswith("data:image/") for s in srcs)
    assert any(s.startswith("data:image/jpeg;base64,") for s in srcs)  # fetched pictures


def test_a_failing_provider_falls_back_with_one_message_per_tool(fake_openai, fake, corpus,
                                                                 tmp_path):
    fake.modes["searxng"] = "429"
    run, events = run_with(fake_openai, searxng_search(fake, corpus, tmp_path),
                           query="weekend in lisbon")
    assert run.status == "done", run.error
    errors = [e.message for e in events if isinstance(e, ErrorEvent)]
    monologue = [e.text for e in events if isinstance(e, Reasoning) and not e.delta]
    for tool in TOOLS:
        assert errors.count(f"{tool}: SearXNG is rate-limiting requests (HTTP 429, retry after "
                            "30 s); the bundled corpus answered instead") == 1
        assert monologue.count(f"I could not search {tool} with SearXNG, so I use the bundled "
                               "corpus for it.") == 1
        assert run.sources[tool].provider == "corpus" and run.sources[tool].wanted == "searxng"
    assert any(i.type == T.web for i in run.items.values())  # the corpus filled the page


# --- settings, the command line, keys -----------------------------------------------------
def test_the_search_settings_route_each_tool(monkeypatch):
    monkeypatch.setenv("GENSERP_SEARCH", "ddgs,wikipedia")
    monkeypatch.setenv("GENSERP_SEARCH_IMAGES", "searxng")
    monkeypatch.setenv("GENSERP_SEARXNG_URL", "http://127.0.0.1:8888/")
    s = load_settings({"data_dir": "/tmp/x"})
    routes = {t: spec.name for t, spec in routes_for(s).items()}
    assert routes == {T.web: "ddgs", T.images: "searxng", T.videos: "ddgs", T.news: "ddgs",
                      T.knowledge_panel: "wikipedia", T.places: "corpus", T.products: "corpus"}
    assert s.searxng_url == "http://127.0.0.1:8888"
    check_search(s)


@pytest.mark.parametrize("values, message", [
    ({"search": "bing"}, "unknown search provider 'bing' (for web); known: corpus, brave, "
                         "ddgs, searxng, wikipedia"),
    ({"search_places": "brave"}, "GENSERP_SEARCH_PLACES: no provider there can answer places "
                                 "(brave answers web, images, videos, news)"),
    ({"search": "searxng"}, "the searxng search provider needs GENSERP_SEARXNG_URL"),
    ({"search": "brave"}, "the brave search provider needs BRAVE_API_KEY"),
])
def test_unusable_search_settings_are_one_line(values, message):
    with pytest.raises(ValueError) as e:
        check_search(Settings(**values))
    assert str(e.value).startswith(message) and "\n" not in str(e.value)


def test_the_brave_key_is_kept_like_the_model_key(fake_openai, fake, corpus, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    s = Settings(search="brave", brave_api_key=BRAVE_KEY, data_dir=tmp_path)
    assert BRAVE_KEY not in repr(s) and BRAVE_KEY not in s.model_dump_json()
    assert "brave_api_key" not in s.model_dump()
    store = RunStore(tmp_path / "runs.sqlite")
    search = search_with(Brave(s.brave_api_key, timeout=2, base_url=fake.base_url),
                         [T.web, T.images, T.videos, T.news], corpus, tmp_path)
    run, events = run_with(fake_openai, search, store=store)
    assert run.status == "done" and run.sources[T.web].provider == "brave"
    assert fake.requests("/res/v1/")[0].headers["x-subscription-token"] == BRAVE_KEY
    assert BRAVE_KEY not in run.model_dump_json() and BRAVE_KEY not in caplog.text
    assert all(BRAVE_KEY not in e.model_dump_json() for e in events)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert BRAVE_KEY.encode() not in path.read_bytes(), path


def test_the_command_line_runs_on_searxng_and_keeps_the_key_out(tmp_path, fake_openai, fake):
    fake_openai.responder = SerpResponder()
    out = tmp_path / "r"
    # A Brave key in the environment (unused here: every request stays on 127.0.0.1).
    proc = cli("generate", QUERY, "--beam", "1", "--backend", "openai", "--base-url",
               fake_openai.base_url, "--out", str(out), data_dir=tmp_path / "data",
               env={"OPENAI_API_KEY": "sk-test", "GENSERP_SEARCH": "searxng",
                    "BRAVE_API_KEY": BRAVE_KEY, "GENSERP_SEARXNG_URL": fake.base_url})
    assert proc.returncode == 0, proc.stderr
    assert "found via SearXNG" in proc.stdout
    result = json.loads((out / "result.json").read_text())
    assert result["sources"]["web"]["provider"] == "searxng"
    assert result["sources"]["web"]["entry"] >= 1
    assert {i["via"] for i in result["items"].values() if i["type"] == "web"} == {"SearXNG"}
    # Pictures at 127.0.0.1 are refused by default: the page keeps its drawn placeholders.
    best = (out / "best.html").read_text()
    assert "data:image/jpeg" not in best and fake.base_url not in best
    assert fake.requests("/img/") == []
    for path in [*out.rglob("*"), *(tmp_path / "data").rglob("*")]:
        if path.is_file():
            assert BRAVE_KEY.encode() not in path.read_bytes(), path
    assert BRAVE_KEY not in proc.stdout + proc.stderr


def test_the_command_line_refuses_unusable_search_settings_in_one_line(tmp_path):
    proc = cli("generate", QUERY, data_dir=tmp_path, env={"GENSERP_SEARCH": "searxng"})
    assert proc.returncode == 2
    assert one_line_error(proc).startswith("genserp: error: the searxng search provider needs "
                                           "GENSERP_SEARXNG_URL")
