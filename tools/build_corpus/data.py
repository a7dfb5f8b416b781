"""The curated data the corpus is made from, read from the TOML files in data/: the corpus's
settings (corpus.toml), the cities (cities.toml), who publishes results (sources.toml), the
kinds of query with their template banks (kinds/<vertical>.toml) and the 200 demo topics
(topics/<vertical>.toml, in that order: travel, entertainment, shopping, health)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
VERTICALS = ("travel", "entertainment", "shopping", "health")


def _read(name: str) -> dict[str, Any]:
    with (DATA / name).open("rb") as f:
        return tomllib.load(f)


def _tuples(rows: list[list[Any]]) -> list[tuple]:
    return [tuple(r) for r in rows]


@dataclass
class Topic:
    query: str
    kind: str
    s: str  # the subject, as it reads inside a sentence ("Seattle", "Dune: Part Two")
    motif: str
    hue: int
    city: str | None = None
    places: list[str] = field(default_factory=list)  # "Name|Category|Address|lat,lon"
    products: list[str] = field(default_factory=list)  # "Name|price"
    people: list[str] = field(default_factory=list)  # cast, songs, titles, bosses ...
    kp: tuple[str, str, str, dict[str, str]] | None = None  # title, subtitle, description, facts
    web: list[tuple[str, str, str]] = field(default_factory=list)  # hand-written results first
    news: list[tuple[str, str]] = field(default_factory=list)  # hand-written headlines first
    x: dict[str, str] = field(default_factory=dict)  # kind-specific placeholders

    @property
    def vertical(self) -> str:
        return KINDS[self.kind].vertical



@dataclass
class City:
    name: str
    lat: float
    lon: float
    fmt: str  # address format with {n} (house number) and {street}
    streets: tuple[str, ...]
    dom: str = ""  # the tourism board's site
    sub: str = ""  # the city's subreddit



@dataclass
class Kind:
    vertical: str
    mix: dict[str, tuple]  # type -> (lo, hi) or (lo, hi, probability)
    web: list[tuple[str, str, str]]  # (site, title, snippet)
    videos: list[tuple[str, str]]  # (title, channel pool)
    news: list[tuple[str, str]]  # (headline, snippet)
    images: list[str]  # titles
    what: str = ""  # what the query is after, e.g. "hikes"
    where: str = "in {city}"
    sub: str = ""  # default subreddit



# --- the corpus as a whole ----------------------------------------------------------------
_CORPUS = _read("corpus.toml")
YEAR: int = _CORPUS["year"]
HOME: str = _CORPUS["home"]  # where "near me" queries are assumed to be asked from
WIDE: set[str] = set(_CORPUS["wide"])  # kinds whose places spread over a region
MOTIFS: tuple[str, ...] = tuple(_CORPUS["motifs"])  # names serp_core/render/svg.py can draw
WEB_MIX: dict[str, tuple] = {t: tuple(r) for t, r in _CORPUS["web_mix"].items()}
PLACE_CATEGORY: dict[str, str] = _CORPUS["place_category"]
FIX_CASE: dict[str, str] = _CORPUS["fix_case"]
SMALL_WORDS: set[str] = set(_CORPUS["small_words"])
PLAIN_WORDS: set[str] = SMALL_WORDS | set(_CORPUS["plain_words"])
MULTI_WORD_BRANDS: tuple[str, ...] = tuple(_CORPUS["multi_word_brands"])
TRAVEL_WEB: list[tuple[str, str, str]] = _tuples(_CORPUS["travel_web"])

# --- cities, publishers -------------------------------------------------------------------
CITIES: dict[str, City] = {
    key: City(**{**c, "streets": tuple(c["streets"])}) for key, c in _read("cities.toml").items()}

_SOURCES = _read("sources.toml")
NEWS_SOURCES: dict[str, list[str]] = _SOURCES["news_sources"]
IMAGE_SITES: dict[str, list[str]] = _SOURCES["image_sites"]
CHANNELS: dict[str, list[str]] = _SOURCES["channels"]
CAT_CHANNELS: dict[str, str] = _SOURCES["category_channels"]
REVIEWERS: dict[str, list[tuple[str, str]]] = {
    cat: _tuples(rows) for cat, rows in _SOURCES["reviewers"].items()}
MERCHANTS: dict[str, list[str]] = _SOURCES["merchants"]
MERCHANT_DOMAINS: dict[str, str] = _SOURCES["merchant_domains"]
SOURCE_DOMAINS: dict[str, str] = _SOURCES["source_domains"]


# --- kinds and topics ---------------------------------------------------------------------
def _kind(vertical: str, spec: dict[str, Any]) -> Kind:
    """A kind: its own mix over WEB_MIX ([] for none), its template banks."""
    mix = {**WEB_MIX, **{t: tuple(r) or None for t, r in spec.get("mix", {}).items()}}
    banks = {name: _tuples(spec[name]) for name in ("web", "videos", "news")}
    words = {k: v for k, v in spec.items() if k in ("what", "where", "sub")}
    return Kind(vertical, mix, images=spec["images"], **banks, **words)


def _topic(spec: dict[str, Any]) -> Topic:
    kp = spec.get("kp")
    rest = {k: v for k, v in spec.items() if k not in ("web", "news", "kp")}
    return Topic(**rest, web=_tuples(spec.get("web", [])), news=_tuples(spec.get("news", [])),
                 kp=(kp["title"], kp["subtitle"], kp["description"], kp["facts"]) if kp else None)


KINDS: dict[str, Kind] = {name: _kind(v, spec) for v in VERTICALS
                          for name, spec in _read(f"kinds/{v}.toml").items()}
TOPICS: list[Topic] = [_topic(spec) for v in VERTICALS
                       for spec in _read(f"topics/{v}.toml")["topic"]]
