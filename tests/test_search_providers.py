"""Each search provider against a fake of its service on 127.0.0.1 speaking its documented
format: the happy path item by item, an empty answer, and every way it can fail (HTTP
errors, 429, a refused request, garbage, a timeout, an unreachable service), where the
corpus answers the tool instead and the source says why."""

from __future__ import annotations

import logging
import socket

import pytest
from pydantic import SecretStr

from serp_core.schema import (
    ContentType,
    ImageItem,
    KnowledgePanelItem,
    NewsItem,
    PlaceItem,
    VideoItem,
    WebItem,
)
from serp_core.search.providers.brave import Brave
from serp_core.search.providers.ddgs_search import Ddgs
from serp_core.search.providers.searxng import Searxng
from serp_core.search.providers.wikipedia import Wikipedia
from tests.fake_ddgs import FakeDdgs
from tests.fake_search import BRAVE_KEY, FakeSearch
from tests.search_support import QUERY, search_with

T = ContentType
DEMO = "weekend in lisbon"  # a corpus query: what the corpus answers when a provider fails
SEARXNG_TOOLS = [T.web, T.images, T.videos, T.news, T.places, T.knowledge_panel]
BRAVE_TOOLS = [T.web, T.images, T.videos, T.news]


@pytest.fixture
def fake():
    with FakeSearch(slow_s=1.5) as server:
        yield server


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


# --- SearXNG ------------------------------------------------------------------------------
def test_searxng_answers_every_tool_it_has_in_the_engines_types(fake, corpus, tmp_path):
    search = search_with(Searxng(fake.base_url, timeout=2), SEARXNG_TOOLS, corpus, tmp_path)

    web = search.find(QUERY, T.web, k=6)
    assert web.source.provider == "searxng" and web.source.entry is not None
    assert not web.source.error and not web.source.cached
    assert all(isinstance(i, WebItem) and i.via == "SearXNG" for i in web.items)
    assert [i.site for i in web.items] == ["en.vedur.is", "yr.no", "timeanddate.com",
                                          "example-pizza.it"]  # the result with no URL: skipped
    first = web.items[0]
    assert first.title == "Weather forecast for Reykjavík - Icelandic Met Office"
    assert first.snippet.startswith("The weather in Reykjavik tomorrow")  # <b> dropped
    assert "<" not in web.items[2].snippet  # a <script> in a snippet is text, without tags

    images = search.find(QUERY, T.images, k=6).items
    assert all(isinstance(i, ImageItem) for i in images)
    assert len(images) == 5  # the one without a picture is no image result
    embedded = {i.title: i.thumbnail for i in images}
    assert embedded["Rain over Reykjavik harbour"].startswith("data:image/jpeg;base64,")
    assert embedded["Clouds above Reykjavik"].startswith("data:image/jpeg;base64,")
    # Too big, too many pixels, a private address: each keeps its drawn placeholder.
    assert embedded["Reykjavik panorama (huge file)"] == ""
    assert embedded["Reykjavik at night (too many pixels)"] == ""
    assert embedded["Reykjavik from the cloud metadata service"] == ""
    assert images[0].visual.aspect == pytest.approx(1.6, abs=0.01)  # the picture's own shape
    assert images[1].visual.aspect == 2.5  # 3:1, clamped like every aspect
    assert images[0].site == "Wikimedia Commons"

    videos = search.find(QUERY, T.videos, k=6).items
    assert [(v.duration, v.channel) for v in videos] == [("3:42", "Icelandic Met Office"),
                                                          ("12:05", "Nordic Skies")]
    assert all(isinstance(v, VideoItem) and v.thumbnail for v in videos)

    news = search.find(QUERY, T.news, k=6).items
    assert [(n.date, n.source, bool(n.visual)) for n in news] == [
        ("2026-11-30", "ruv.is", True), ("2026-11-29", "icelandmonitor.mbl.is", False)]
    assert all(isinstance(n, NewsItem) for n in news)

    places = search.find(QUERY, T.places, k=6).items
    assert all(isinstance(p, PlaceItem) for p in places)
    assert [(p.lat, p.lon) for p in places] == [(64.1275, -21.9026), (64.129, -21.9184)]
    assert places[0].address == "Bústaðavegur 7-9, 105 Reykjavik, Iceland"

    (panel,) = search.find(QUERY, T.knowledge_panel, k=1).items
    assert isinstance(panel, KnowledgePanelItem) and panel.title == "Reykjavík"
    assert panel.facts == {"Country": "Iceland", "Population": "139,875"}
    assert panel.url == "https://en.wikipedia.org/wiki/Reykjav%C3%ADk" and panel.thumbnail

    asked = fake.requests("/search")
    assert {r.query["categories"][0] for r in asked} == {"general", "images", "videos",
                                                         "news", "map"}
    assert all(r.query["format"] == ["json"] and r.query["q"] == [QUERY] for r in asked)
    assert "GenSERP-Playground" in asked[0].headers["user-agent"]


def test_searxng_with_nothing_found_gives_an_empty_tool_not_a_fallback(fake, corpus, tmp_path):
    fake.modes["searxng"] = "empty"
    found = search_with(Searxng(fake.base_url, timeout=2), [T.web], corpus, tmp_path).find(
        DEMO, T.web)
    assert found.items == [] and found.source.provider == "searxng" and not found.source.error


@pytest.mark.parametrize("mode, message", [
    ("error", "SearXNG answered HTTP 500"),
    ("429", "SearXNG is rate-limiting requests (HTTP 429, retry after 30 s)"),
    ("403", "SearXNG answered HTTP 403: its JSON format is off: add json to search.formats "
            "in the instance's settings.yml"),
    ("malformed", "SearXNG sent something other than JSON (application/json)"),
    ("wrong", "SearXNG sent an unexpected answer (results: input should be a valid list)"),
    ("slow", "SearXNG did not answer within 0.5 s"),
    ("unresponsive", "SearXNG's engines did not answer: google (CAPTCHA), duckduckgo "
                     "(timeout)"),
])
def test_a_failing_searxng_falls_back_to_the_corpus_and_says_why(fake, corpus, tmp_path, mode,
                                                                 message):
    fake.modes["searxng"] = mode
    search = search_with(Searxng(fake.base_url, timeout=0.5), [T.web], corpus, tmp_path)
    found = search.find(DEMO, T.web, k=6)
    assert found.source.error == message
    assert found.source.provider == "corpus" and found.source.wanted == "searxng"
    assert found.source.entry is None
    assert [i.id for i in found.items] == [i.id for i in corpus.search(DEMO, T.web, k=6)]
    assert found.items  # the corpus knows this demo query
    assert search.cache.count() == 0  # a failure is never cached: the next run asks again


def test_an_unreachable_searxng_is_one_line(corpus, tmp_path):
    url = closed_port()
    found = search_with(Searxng(url, timeout=1), [T.news], corpus, tmp_path).find(DEMO, T.news)
    assert found.source.error.startswith(f"SearXNG is unreachable at {url} (")
    assert "\n" not in found.source.error


# --- Brave --------------------------------------------------------------------------------
def brave(fake, key: str = BRAVE_KEY, timeout: float = 2) -> Brave:
    return Brave(SecretStr(key), timeout=timeout, base_url=fake.base_url)


def test_brave_answers_web_images_videos_and_news(fake, corpus, tmp_path):
    search = search_with(brave(fake), BRAVE_TOOLS, corpus, tmp_path)
    web = search.find(QUERY, T.web, k=6).items
    assert [(w.title, w.site) for w in web] == [
        ("Weather forecast for Reykjavík - Icelandic Met Office", "Icelandic Met Office"),
        ("Reykjavík - 10 day weather forecast - Yr", "yr.no")]
    images = search.find(QUERY, T.images, k=6).items
    assert [i.site for i in images] == ["commons.wikimedia.org", "example.org"]
    assert all(i.thumbnail.startswith("data:image/jpeg;base64,") for i in images)
    (video,) = search.find(QUERY, T.videos, k=6).items
    assert (video.duration, video.views, video.channel) == ("3:42", 15230,
                                                            "Icelandic Met Office")
    (story,) = search.find(QUERY, T.news, k=6).items
    assert (story.date, story.source, story.via) == ("2026-11-30", "ruv.is", "Brave")

    asked = fake.requests("/res/v1/")
    assert [r.path for r in asked] == ["/res/v1/web/search", "/res/v1/images/search",
                                       "/res/v1/videos/search", "/res/v1/news/search"]
    assert all(r.headers["x-subscription-token"] == BRAVE_KEY for r in asked)
    assert asked[0].query["text_decorations"] == ["false"]
    assert all(r.query["count"] == ["6"] and r.query["q"] == [QUERY] for r in asked)


def test_brave_without_web_results_is_an_empty_tool(fake, corpus, tmp_path):
    fake.modes["brave"] = "empty"
    found = search_with(brave(fake), [T.web], corpus, tmp_path).find(QUERY, T.web)
    assert found.items == [] and found.source.provider == "brave"


@pytest.mark.parametrize("mode, key, message", [
    ("ok", "a-wrong-key", "Brave answered HTTP 422: the API key or a parameter was refused "
                          "(BRAVE_API_KEY)"),
    ("429", BRAVE_KEY, "Brave is rate-limiting requests (HTTP 429, retry after 1 s)"),
    ("error", BRAVE_KEY, "Brave answered HTTP 500"),
    ("malformed", BRAVE_KEY, "Brave sent something other than JSON (application/json)"),
    ("wrong", BRAVE_KEY, "Brave sent an unexpected answer (results is not a list)"),
])
def test_a_failing_brave_falls_back_and_never_shows_the_key(fake, corpus, tmp_path, caplog,
                                                            mode, key, message):
    caplog.set_level(logging.DEBUG)
    fake.modes["brave"] = mode
    found = search_with(brave(fake, key), [T.images], corpus, tmp_path).find(DEMO, T.images)
    assert found.source.error == message and found.source.provider == "corpus"
    assert key not in found.source.model_dump_json() and key not in caplog.text


# --- Wikipedia ----------------------------------------------------------------------------
def test_wikipedia_gives_the_knowledge_panel_of_the_page_the_query_names(fake, corpus,
                                                                         tmp_path):
    search = search_with(Wikipedia(fake.base_url, timeout=2), [T.knowledge_panel], corpus,
                         tmp_path)
    (panel,) = search.find(QUERY, T.knowledge_panel, k=1).items
    assert panel.title == "Reykjavík" and panel.subtitle == "Capital and largest city of Iceland"
    assert panel.description.startswith("Reykjavík is the capital and largest city of Iceland.")
    assert panel.facts == {"Coordinates": "64.15° N, 21.94° W"}
    assert panel.url == "https://en.wikipedia.org/wiki/Reykjav%C3%ADk"
    assert panel.thumbnail.startswith("data:image/jpeg;base64,") and panel.via == "Wikipedia"
    assert panel.visual is not None and panel.visual.aspect == pytest.approx(1.6, abs=0.01)
    paths = [r.path for r in fake.requests("/")]
    assert paths[:2] == ["/w/rest.php/v1/search/page", "/api/rest_v1/page/summary/Reykjavík"]
    assert all("GenSERP-Playground" in r.headers["user-agent"] for r in fake.requests("/w"))


def test_wikipedia_skips_pages_without_a_summary(fake, corpus, tmp_path):
    provider = Wikipedia(fake.base_url, timeout=2)
    assert provider._panel("Climate_of_Reykjavík") is None  # a 404 from the summary endpoint
    fake.modes["wikipedia"] = "empty"
    found = search_with(provider, [T.knowledge_panel], corpus, tmp_path).find(
        QUERY, T.knowledge_panel)
    assert found.items == [] and found.source.provider == "wikipedia"


@pytest.mark.parametrize("mode, message", [
    ("error", "Wikipedia answered HTTP 500"),
    ("429", "Wikipedia is rate-limiting requests (HTTP 429, retry after 30 s)"),
    ("wrong", "Wikipedia sent an unexpected answer (pages is not a list)"),
])
def test_a_failing_wikipedia_falls_back(fake, corpus, tmp_path, mode, message):
    fake.modes["wikipedia"] = mode
    found = search_with(Wikipedia(fake.base_url, timeout=2), [T.knowledge_panel], corpus,
                        tmp_path).find(DEMO, T.knowledge_panel)
    assert found.source.error == message and found.source.wanted == "wikipedia"


# --- ddgs ---------------------------------------------------------------------------------
@pytest.fixture
def duck(fake, tmp_path):
    with FakeDdgs(tmp_path, pictures_url=fake.base_url) as server:
        yield server


def ddgs(duck) -> Ddgs:
    # The duckduckgo engines only (the fake is DuckDuckGo), reached through ddgs's own proxy
    # and CA-bundle options.
    return Ddgs(timeout=3, backend="duckduckgo", proxy=duck.proxy, verify=duck.ca_path)


def test_ddgs_answers_web_images_videos_and_news(duck, corpus, tmp_path):
    search = search_with(ddgs(duck), BRAVE_TOOLS, corpus, tmp_path)
    web = search.find(QUERY, T.web, k=6)
    assert web.source.provider == "ddgs" and not web.source.error
    assert [w.url for w in web.items] == [
        "https://en.vedur.is/weather/forecasts/areas/reykjavik/",
        "https://www.yr.no/en/forecast/daily-table/2-3413829/Iceland/Reykjavik"]
    assert web.items[0].snippet.startswith("The weather in Reykjavik tomorrow")
    images = search.find(QUERY, T.images, k=6).items
    assert [i.title for i in images] == ["Rain over Reykjavik harbour", "Clouds above Reykjavik"]
    assert all(i.thumbnail for i in images)
    (video,) = search.find(QUERY, T.videos, k=6).items
    assert (video.url, video.duration, video.views, video.channel) == (
        "https://www.youtube.com/watch?v=rvk-weather-1", "3:42", 15230, "Icelandic Met Office")
    (story,) = search.find(QUERY, T.news, k=6).items
    assert (story.date, story.source) == ("2025-11-30", "RÚV")  # from DuckDuckGo's Unix time
    assert story.snippet == "The Met Office has issued a yellow warning for gales in " \
                            "Reykjavik tomorrow."
    hosts = {(method, host, path) for method, host, path in duck.seen}
    assert ("POST", "html.duckduckgo.com", "/html/") in hosts
    assert {("GET", "duckduckgo.com", p) for p in ("/i.js", "/v.js", "/news.js")} <= hosts


@pytest.mark.parametrize("mode, tool, message", [
    ("empty", T.web, "ddgs found no results (its engines may be refusing requests)"),
    ("429", T.web, "ddgs found no results (its engines may be refusing requests)"),
    ("error", T.images, "ddgs failed: _extract_vqd() query='weekend in lisbon' Could not "
                        "extract vqd."),
    ("malformed", T.news, "ddgs failed: Expecting property name enclosed in double quotes: "
                          "line 1 column 2 (char 1)"),
])
def test_a_failing_ddgs_falls_back(duck, corpus, tmp_path, mode, tool, message):
    duck.mode = mode
    found = search_with(ddgs(duck), [tool], corpus, tmp_path).find(DEMO, tool)
    assert found.source.error == message
    assert found.source.provider == "corpus" and found.source.wanted == "ddgs"
    assert [i.id for i in found.items] == [i.id for i in corpus.search(DEMO, tool)]
