"""The bundled demo corpus, searched with SQLite FTS5 (bm25).

A query is first matched against the demo topics (their queries and the text of their items);
when it clearly is one of them, that topic's items are returned in their original order, so a
demo query always gets its own page. Otherwise items of the requested type are ranked one by one
with bm25 over the whole corpus.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import os
import sqlite3
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pydantic import TypeAdapter

from serp_core import text
from serp_core.query import Query
from serp_core.schema import (
    RETRIEVAL_TOOLS,
    ContentType,
    Item,
    SearchSource,
    Vertical,
    item_text,
)
from serp_core.search.base import Found

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parents[2] / "assets"
CORPUS_PATH = ASSETS / "corpus" / "corpus.jsonl"
DEMO_QUERIES_CSV = ASSETS / "queries" / "demo.csv"

INDEX_VERSION = "1"  # part of the cache key: bump when the schema or tokenizer changes
TOKENIZER = "porter unicode61 remove_diacritics 2"  # stems, so "hikes" finds "hiking"
MAX_TERMS = 12  # a pasted essay is cut down to its first words
TOPIC_MATCH = 0.6  # a query "is" a demo topic when its match score reaches this
NEAR_TIE = 0.05  # topics this close to the best are merged into the answer ("seattle")
MAX_TOPICS = 3
VERTICAL_MATCH = 0.4  # weaker evidence is enough to name a vertical
ITEM_CUTOFF = 0.5  # item-level fallback keeps hits at least half as relevant as the best
KNOWN_SHARE = 0.4  # ...and runs only if the corpus knows enough of the query's (weighted) words
FALLBACK_LIMIT = 50

_ITEM = TypeAdapter(Item)


def load_topics(path: Path = DEMO_QUERIES_CSV) -> list[Query]:
    """The bundled demo queries with their verticals, in corpus order."""
    with path.open(newline="", encoding="utf-8") as f:
        return [Query(text=row["query"], vertical=Vertical(row["vertical"]))
                for row in csv.DictReader(f)]


def terms(query: str) -> tuple[str, ...]:
    """The search terms of user text: its informative words (all its words if it has none),
    de-duplicated and capped at MAX_TERMS.

    Only letters and digits survive, so every term can be double-quoted into an FTS5 MATCH
    expression: quotes, `*`, `-`, `:`, parentheses and operators like NEAR/AND never reach it.
    """
    every = text.words(query)[: 8 * MAX_TERMS]
    kept = [w for w in every if w not in text.STOPWORDS] or every
    return tuple(text.distinct(kept))[:MAX_TERMS]


def _phrase(term: str) -> str:
    return f'"{term}"'


class _Scored(NamedTuple):
    topic: int  # rowid in the topics table
    score: float  # 0..1, see LocalCorpus._rank
    bm25: float  # tie-breaker, lower is better


class _Ranking(NamedTuple):
    topics: list[_Scored]  # best first
    known: float  # 0..1: weighted share of the query's terms found anywhere in the corpus


class LocalCorpus:
    """SQLite FTS5 search over the bundled corpus; safe to share between threads."""

    def __init__(self, index_path: Path | None = None, corpus_path: Path = CORPUS_PATH):
        data = Path(corpus_path).read_bytes()
        digest = hashlib.sha256(INDEX_VERSION.encode() + data).hexdigest()
        self._lock = threading.Lock()  # one connection, used by one thread at a time
        self.rebuilt = False
        if index_path is None:
            self._con = sqlite3.connect(":memory:", check_same_thread=False)
            _build(self._con, data, digest)
            self.rebuilt = True
        else:
            index_path = Path(index_path)
            if _stored_digest(index_path) != digest:
                _build_file(index_path, data, digest)
                self.rebuilt = True
            self._con = sqlite3.connect(index_path, check_same_thread=False)
        self._qlen = dict(self._sql("SELECT id, qlen FROM topics"))
        self._n_topics = len(self._qlen)
        self._rank_cached = lru_cache(maxsize=1024)(self._rank)
        self._n_items = self._sql("SELECT count(*) FROM items")[0][0]
        self._idf = lru_cache(maxsize=8192)(self._count)

    # --- the SearchTool interface ------------------------------------------------------------
    def search(self, query: str, type_: ContentType, k: int = 8) -> list[Item]:
        type_ = ContentType(type_)
        qterms = terms(query or "")
        if k <= 0 or not qterms or type_ is ContentType.chat_answer:
            return []
        try:
            topics = self._topics(qterms)
            if topics:
                rows = self._topic_items(topics, type_, k)
            else:
                rows = self._fallback(qterms, type_)[:k]
        except sqlite3.Error:  # a query must never break a run: log it and find nothing
            log.exception("search failed for %r", query)
            return []
        found = []
        for row, about in rows:
            item = _ITEM.validate_json(row)
            item.about = about
            found.append(item)
        return found

    def find(self, query: str, type_: ContentType, k: int = 8) -> Found:
        return Found(self.search(query, type_, k), SearchSource(provider="corpus"))

    def idf(self, term: str) -> float:
        return self._idf(term)

    def _count(self, term: str) -> float:
        words = terms(term)
        if not words:
            return math.log(self._n_items + 1)
        (df,) = self._sql(_TERM_DF, _phrase(words[0]))[0]
        return math.log((self._n_items - df + 0.5) / (df + 0.5) + 1)

    def vertical_of(self, query: str) -> Vertical:
        qterms = terms(query or "")
        try:
            ranked = self._rank_cached(qterms).topics if qterms else []
        except sqlite3.Error:
            log.exception("vertical_of failed for %r", query)
            return Vertical.other
        if not ranked or ranked[0].score < VERTICAL_MATCH:
            return Vertical.other
        return Vertical(
            self._sql("SELECT vertical FROM topics WHERE id = ?", ranked[0].topic)[0][0]
        )

    def types_for(self, query: str) -> dict[ContentType, int]:
        counts = dict.fromkeys(RETRIEVAL_TOOLS, 0)
        qterms = terms(query or "")
        if not qterms:
            return counts
        try:
            topics = self._topics(qterms)
            if topics:
                marks = ",".join("?" * len(topics))
                sql = f"SELECT type, count(*) FROM items WHERE topic IN ({marks}) GROUP BY type"
                counts |= {ContentType(t): n for t, n in self._sql(sql, *topics)}
            else:
                counts |= {ct: len(self._fallback(qterms, ct)) for ct in RETRIEVAL_TOOLS}
        except sqlite3.Error:
            log.exception("types_for failed for %r", query)
        return counts

    # --- matching ------------------------------------------------------------------------------
    def _topics(self, qterms: tuple[str, ...]) -> list[int]:
        """The demo topic(s) the query clearly is, best first; [] when none is."""
        ranked = self._rank_cached(qterms).topics
        if not ranked or ranked[0].score < TOPIC_MATCH:
            return []
        best = ranked[0].score
        return [r.topic for r in ranked if r.score >= best - NEAR_TIE][:MAX_TOPICS]

    def _rank(self, qterms: tuple[str, ...]) -> _Ranking:
        """Every topic sharing a term with the query, scored 0..1.

        The score blends, with rarer terms weighing more (bm25's idf):
          - how much of the query is found in the topic's own query (the strongest signal),
          - how much of it is found anywhere in the topic (its items' text),
          - how much of the topic's query the query covers (prefers the exact topic over a
            longer one that merely contains it).
        bm25 over both columns breaks ties.
        """
        in_query, in_topic = {}, {}
        for t in qterms:
            in_topic[t] = {r[0] for r in self._sql(_TOPIC_HITS, _phrase(t))}
            in_query[t] = {r[0] for r in self._sql(_TOPIC_HITS, f"q : {_phrase(t)}")}
        n = self._n_topics
        weight = {
            t: math.log((n - len(in_topic[t]) + 0.5) / (len(in_topic[t]) + 0.5) + 1) for t in qterms
        }
        total = sum(weight.values())
        known = sum(weight[t] for t in qterms if in_topic[t]) / total
        candidates = set().union(*in_topic.values())
        if not candidates:
            return _Ranking([], 0.0)
        or_query = " OR ".join(_phrase(t) for t in qterms)
        bm25 = dict(self._sql(_TOPIC_BM25, or_query))
        scored = []
        for topic in candidates:
            hits_q = [t for t in qterms if topic in in_query[t]]
            q_cov = sum(weight[t] for t in hits_q) / total
            t_cov = sum(weight[t] for t in qterms if topic in in_topic[t]) / total
            back = min(1.0, len(hits_q) / max(self._qlen[topic], 1))
            score = 0.6 * q_cov + 0.25 * t_cov + 0.15 * back
            scored.append(_Scored(topic, score, bm25.get(topic, 0.0)))
        scored.sort(key=lambda s: (-s.score, s.bm25, s.topic))
        return _Ranking(scored, known)

    def _topic_items(self, topics: list[int], type_: ContentType,
                     k: int) -> list[tuple[str, str]]:
        """(item json, its topic's query) of the topics' items, best topic first."""
        rows: list[tuple[str, str]] = []
        for topic in topics:  # the best topic's items first, then near-ties'
            sql = ("SELECT i.json, t.query FROM items i JOIN topics t ON t.id = i.topic "
                   "WHERE i.topic = ? AND i.type = ? ORDER BY i.pos LIMIT ?")
            rows += self._sql(sql, topic, type_.value, k - len(rows))
            if len(rows) >= k:
                break
        return rows

    def _fallback(self, qterms: tuple[str, ...], type_: ContentType) -> list[tuple[str, str]]:
        """Item-level bm25 over all items of the type, for queries that are no demo topic:
        (item json, its topic's query)."""
        if self._rank_cached(qterms).known < KNOWN_SHARE:
            return []  # mostly words the corpus has never seen: a stray match would mislead
        or_query = " OR ".join(_phrase(t) for t in qterms)
        hits = self._sql(_ITEM_HITS, or_query, type_.value, FALLBACK_LIMIT)
        if type_ is ContentType.knowledge_panel:  # a panel is about one entity: name it
            hits = [(doc, r, about) for doc, r, about in hits
                    if set(terms(json.loads(doc)["title"])) <= set(qterms)]
        if not hits:
            return []
        cutoff = ITEM_CUTOFF * hits[0][1]  # bm25 is negative: more negative is better
        return [(doc, about) for doc, rank, about in hits if rank <= cutoff]

    def _sql(self, sql: str, *args) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def close(self) -> None:
        with self._lock:
            self._con.close()


_TOPIC_HITS = "SELECT rowid FROM topic_fts WHERE topic_fts MATCH ?"
_TOPIC_BM25 = "SELECT rowid, bm25(topic_fts, 4.0, 1.0) FROM topic_fts WHERE topic_fts MATCH ?"
_ITEM_HITS = """
    SELECT i.json, bm25(item_fts) AS rank, t.query FROM item_fts
    JOIN items i ON i.id = item_fts.rowid JOIN topics t ON t.id = i.topic
    WHERE item_fts MATCH ? AND item_fts.type = ? ORDER BY rank LIMIT ?
"""
_TERM_DF = "SELECT count(*) FROM item_fts WHERE item_fts MATCH ?"
_SCHEMA = f"""
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE topics(id INTEGER PRIMARY KEY, tid TEXT, query TEXT, vertical TEXT, qlen INT);
    CREATE TABLE items(id INTEGER PRIMARY KEY, topic INT, pos INT, type TEXT, json TEXT);
    CREATE INDEX items_by_topic ON items(topic, type, pos);
    CREATE VIRTUAL TABLE topic_fts USING fts5(q, body, tokenize='{TOKENIZER}');
    CREATE VIRTUAL TABLE item_fts USING fts5(text, type UNINDEXED, tokenize='{TOKENIZER}');
"""


def _build(con: sqlite3.Connection, data: bytes, digest: str) -> None:
    """Index the corpus into an empty database, validating every item against the schema."""
    con.executescript(_SCHEMA)
    for topic_id, line in enumerate(data.decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        rec = json.loads(line)
        items = [_ITEM.validate_python(raw) for raw in rec["items"]]
        con.execute(
            "INSERT INTO topics VALUES (?, ?, ?, ?, ?)",
            (topic_id, rec["id"], rec["query"], rec["vertical"], len(terms(rec["query"]))),
        )
        body = " ".join(item_text(item) for item in items)
        con.execute(
            "INSERT INTO topic_fts(rowid, q, body) VALUES (?, ?, ?)", (topic_id, rec["query"], body)
        )
        for pos, item in enumerate(items):
            cur = con.execute(
                "INSERT INTO items(topic, pos, type, json) VALUES (?, ?, ?, ?)",
                (topic_id, pos, item.type.value, item.model_dump_json()),
            )
            con.execute(
                "INSERT INTO item_fts(rowid, text, type) VALUES (?, ?, ?)",
                (cur.lastrowid, item_text(item), item.type.value),
            )
    con.execute("INSERT INTO meta VALUES ('digest', ?)", (digest,))
    con.commit()


def _build_file(path: Path, data: bytes, digest: str) -> None:
    """Build next to the target and rename into place, so readers never see a half index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            _build(con, data, digest)
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stored_digest(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return con.execute("SELECT value FROM meta WHERE key = 'digest'").fetchone()[0]
        finally:
            con.close()
    except (sqlite3.Error, TypeError):  # not a database, or not ours: rebuild it
        return None
