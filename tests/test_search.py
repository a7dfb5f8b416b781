"""The bundled demo corpus and the local FTS5 search tool."""

from __future__ import annotations

import json
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from pydantic import TypeAdapter

import tools.build_corpus as build_corpus
from serp_core.schema import RETRIEVAL_TOOLS, ContentType, Item, Vertical
from serp_core.search import (
    CORPUS_PATH,
    DEMO_QUERIES_CSV,
    LocalCorpus,
    SearchTool,
    load_topics,
)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in CORPUS_PATH.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> LocalCorpus:
    return LocalCorpus(index_path=tmp_path_factory.mktemp("index") / "corpus.sqlite")


def _items(record: dict, type_: ContentType) -> list[str]:
    return [item["id"] for item in record["items"] if item["type"] == type_.value]


# --- the data ---------------------------------------------------------------------------------
def test_demo_queries_are_50_per_vertical():
    topics = load_topics()
    assert DEMO_QUERIES_CSV.exists()
    assert len(topics) == 200
    assert len({t.text for t in topics}) == 200
    counts = Counter(t.vertical for t in topics)
    assert counts == {
        Vertical.travel: 50,
        Vertical.entertainment: 50,
        Vertical.shopping: 50,
        Vertical.health: 50,
    }


def test_corpus_matches_the_query_list(records):
    assert [(r["query"], r["vertical"]) for r in records] == [
        (t.text, t.vertical.value) for t in load_topics()
    ]
    assert CORPUS_PATH.stat().st_size < 6_000_000


def test_item_ids_are_unique_and_stable(records):
    ids = [item["id"] for r in records for item in r["items"]]
    assert len(ids) == len(set(ids))
    for r in records:
        for item in r["items"]:
            assert re.fullmatch(rf"{r['id']}-[a-z]+-\d+", item["id"])


def test_every_item_validates_against_the_schema(records):
    adapter = TypeAdapter(Item)
    for r in records:
        for raw in r["items"]:
            item = adapter.validate_python(raw)
            assert item.type is not ContentType.chat_answer  # the model writes those
            assert item.title


def test_each_topic_has_a_plausible_mix(records):
    for r in records:
        counts = Counter(item["type"] for item in r["items"])
        assert 6 <= counts["web"] <= 10, r["query"]
        assert counts["knowledge_panel"] <= 1, r["query"]
        assert len(counts) >= 2, r["query"]  # "urgent care near me": places + web
        for type_ in ("images", "videos", "news", "places", "products"):
            assert counts[type_] == 0 or 3 <= counts[type_] <= 8, (r["query"], type_)
        if r["vertical"] == "health":
            assert counts["products"] == 0, r["query"]
        if r["vertical"] == "shopping":
            assert counts["products"] or counts["places"], r["query"]


def test_items_carry_realistic_fields(records):
    for r in records:
        for item in r["items"]:
            if item["type"] == "news":
                assert re.fullmatch(r"2026-\d\d-\d\d", item["date"]) and item["source"]
            elif item["type"] == "videos":
                assert re.fullmatch(r"(\d+:)?\d+:\d\d", item["duration"]) and item["views"] > 0
                assert item["visual"]["aspect"] == pytest.approx(16 / 9)
            elif item["type"] == "products":
                assert item["price"] > 0 and item["merchant"]
                assert item["visual"]["aspect"] == 1.0
            elif item["type"] == "places":
                assert item["address"] and -90 <= item["lat"] <= 90 and item["lat"] != 0
            elif item["type"] == "images":
                assert item["visual"]["aspect"] in (pytest.approx(4 / 3), pytest.approx(3 / 2))
            elif item["type"] == "web":
                assert item["site"] and item["snippet"] and item["url"].startswith("https://")


def test_visual_motifs_come_from_the_shared_list(records):
    motifs = set(build_corpus.data.MOTIFS)
    used = {item["visual"]["motif"] for r in records for item in r["items"] if item.get("visual")}
    assert used <= motifs


def test_every_motif_is_one_the_renderer_draws():
    svg = pytest.importorskip("serp_core.render.svg")
    drawable = set(svg.MOTIFS) | set(getattr(svg, "MOTIF_ALIASES", {}))
    assert set(build_corpus.data.MOTIFS) <= drawable


def test_committed_corpus_is_what_the_generator_writes():
    assert build_corpus.main(["--check"]) == 0


# --- search -----------------------------------------------------------------------------------
def test_local_corpus_is_a_search_tool(corpus):
    assert isinstance(corpus, SearchTool)


def test_demo_query_returns_its_own_items_first(corpus, records):
    for r in records:
        for type_ in RETRIEVAL_TOOLS:
            want = _items(r, type_)
            got = [item.id for item in corpus.search(r["query"], type_, k=10)]
            assert got[: len(want)] == want[:10], (r["query"], type_)


def test_k_limits_the_results(corpus):
    query = "best hiking trails near seattle"
    assert len(corpus.search(query, ContentType.web, k=3)) == 3
    assert corpus.search(query, ContentType.web, k=0) == []
    assert corpus.search(query, ContentType.chat_answer) == []


def test_paraphrase_finds_the_same_topic(corpus):
    exact = corpus.search("best hiking trails near seattle", ContentType.places)
    assert exact and exact[0].id.startswith("t001-")
    for paraphrase in (
        "hiking trails seattle best",
        "Seattle hikes",
        "BEST HIKING TRAILS SEATTLE?",
    ):
        assert corpus.search(paraphrase, ContentType.places) == exact
    assert corpus.search("dune reviews", ContentType.knowledge_panel)[0].title == "Dune: Part Two"


def test_health_queries_find_no_products(corpus):
    for topic in load_topics():
        if topic.vertical is Vertical.health:
            assert corpus.search(topic.text, ContentType.products) == []


def test_unrelated_query_returns_a_list(corpus):
    for type_ in RETRIEVAL_TOOLS:
        result = corpus.search("quantum chromodynamics lecture notes", type_)
        assert result == []
    # Off-topic but with known words: item-level fallback finds something relevant.
    places = corpus.search("pizza in seattle", ContentType.places)
    assert places and any("Pizza" in p.title for p in places)
    assert corpus.vertical_of("quantum chromodynamics lecture notes") is Vertical.other


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        "'",
        "a AND",
        "AND OR NOT",
        "NEAR(",
        "NEAR(seattle hikes, 2)",
        "*",
        "seattle*",
        "-",
        "col:val",
        "q : seattle",
        "(((",
        "^seattle",
        "{q body}: dune",
        "<script>alert(1)</script>",
        "hiking_trails",
        "🙂 ü ß ٣",
        "\x00\x1f",
        "x" * 5000,
        "seattle " * 1000,
    ],
)
def test_fts_hostile_input_does_not_raise(corpus, query):
    for type_ in RETRIEVAL_TOOLS:
        assert isinstance(corpus.search(query, type_), list)
    assert isinstance(corpus.vertical_of(query), Vertical)
    assert set(corpus.types_for(query)) == set(RETRIEVAL_TOOLS)


def test_empty_query_finds_nothing(corpus):
    assert corpus.search("", ContentType.web) == []
    assert corpus.vertical_of("") is Vertical.other
    assert set(corpus.types_for("").values()) == {0}


def test_vertical_of_demo_queries(corpus):
    for topic in load_topics():
        assert corpus.vertical_of(topic.text) is topic.vertical, topic.text


def test_types_for_counts_what_search_returns(corpus, records):
    for r in records[::17]:
        counts = corpus.types_for(r["query"])
        assert ContentType.chat_answer not in counts
        for type_ in RETRIEVAL_TOOLS:
            assert counts[type_] == len(_items(r, type_))
            assert len(corpus.search(r["query"], type_, k=50)) == counts[type_]


# --- the index cache --------------------------------------------------------------------------
def test_index_file_is_reused_and_rebuilt_on_change(tmp_path):
    data = tmp_path / "corpus.jsonl"
    lines = CORPUS_PATH.read_text(encoding="utf-8").splitlines()[:5]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = tmp_path / "cache" / "index.sqlite"

    first = LocalCorpus(index_path=index, corpus_path=data)
    assert first.rebuilt and index.exists()
    assert first.search("best hiking trails near seattle", ContentType.web)
    stamp = index.stat().st_mtime_ns
    first.close()

    again = LocalCorpus(index_path=index, corpus_path=data)
    assert not again.rebuilt and index.stat().st_mtime_ns == stamp
    again.close()

    record = json.loads(lines[0])
    record["query"] = "snowshoe routes near seattle"
    data.write_text("\n".join([json.dumps(record), *lines[1:]]) + "\n", encoding="utf-8")
    changed = LocalCorpus(index_path=index, corpus_path=data)
    assert changed.rebuilt
    assert changed.search("snowshoe routes", ContentType.web)[0].id == "t001-web-1"
    assert not list(index.parent.glob("*.tmp"))  # the build went through a temp file


def test_a_corrupt_index_file_is_rebuilt(tmp_path):
    index = tmp_path / "index.sqlite"
    index.write_bytes(b"this is not a database")
    corpus = LocalCorpus(index_path=index)
    assert corpus.rebuilt
    assert corpus.search("dune part two reviews", ContentType.videos)


def test_in_memory_index_works():
    corpus = LocalCorpus()
    assert (
        corpus.search("flu symptoms vs covid", ContentType.knowledge_panel)[0].title == "Influenza"
    )


def test_concurrent_searches_from_many_threads(corpus):
    queries = [t.text for t in load_topics()[::5]] + ["seattle hikes", "pizza in seattle", '"']
    jobs = [(q, t) for q in queries for t in RETRIEVAL_TOOLS] * 3
    expected = {(q, t): [i.id for i in corpus.search(q, t)] for q, t in set(jobs)}

    def run(job):
        query, type_ = job
        corpus.vertical_of(query)
        return job, [i.id for i in corpus.search(query, type_)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        for job, ids in pool.map(run, jobs):
            assert ids == expected[job]
