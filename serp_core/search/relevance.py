"""Which results are about the query: the relevance floor every tool's results pass through,
the bundled corpus's and a real provider's alike.

An item is kept when it covers enough of the query's informative terms, each weighted by its
rarity (idf from the corpus index), so that sharing one common word is not enough. Rarity
alone cannot tell the subject of a query from its modifier, though: in "things to do in
kyoto in autumn", "autumn" is the rarer word, yet a trail "in autumn" is off topic and a
Kyoto guide is not. Names settle it: a query term that the results themselves write
capitalised in running text (Kyoto, Reykjavik, Tokyo; not month or day names) is an anchor,
weighs double, and an item must contain at least one anchor when the query has any. So is a
term rarer than every other term of the query that none of the results contains ("marvel",
"bangkok" with a corpus that has neither): the results that share only the filler around it
are not about the query. Numbers and times narrow a query rather than name its subject, and
weigh less.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .. import text
from ..schema import ContentType, Item, item_text

MIN_COVERAGE = 0.5  # an item must cover more than this share of the query's term weight
ANCHOR_BOOST = 2.0
ANCHOR_SHARE = 0.6  # capitalised in at least this share of its running-text occurrences
ANCHOR_MIN_SEEN = 2
# Running text (not titles, which capitalise every word) where capitals mark names.
SENTENCE_FIELDS = ("snippet", "description", "text", "subtitle", "address")
_CALENDAR_TEXT = (
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight "
    "yesterday weekend")
CALENDAR = frozenset(text.stem(w) for w in _CALENDAR_TEXT.split())  # times are not subjects
# "under 1000", "2026", "tomorrow": numbers and times narrow a query; they are not its subject
NUMBER_WEIGHT = 0.5
TIME_WEIGHT = 0.25


@dataclass
class Verdict:
    item_id: str
    kept: bool
    coverage: float  # weighted share of the query's terms the item covers, 0..1
    missing: list[str] = field(default_factory=list)  # query terms it lacks


@dataclass
class QueryTerms:
    weights: dict[str, float]  # stem -> weight
    anchors: set[str]

    def describe(self) -> str:
        shown = [f"{t}{'*' if t in self.anchors else ''}" for t in self.weights]
        return ", ".join(shown)


def query_terms(query: str, items: Sequence[Item], idf: Callable[[str], float]) -> QueryTerms:
    """The query's informative terms, weighted by rarity, and its anchors: the names the
    results write capitalised, and a term rarer than every term the results contain that no
    result contains at all ("marvel" when no result is about Marvel: the others are filler)."""
    # idf of the word as written: the index stems words its own way (porter), which would
    # miss our stems ("releas") and count them as never seen
    words: dict[str, str] = {}
    for w in text.content_words(query):
        words.setdefault(text.stem(w), w)
    terms = list(words)
    rarity = {t: idf(words[t]) * (NUMBER_WEIGHT if t.isdigit() else TIME_WEIGHT
                                  if t in CALENDAR else 1.0) for t in terms}
    present = set().union(*(_stems(i) for i in items)) if items else set()
    found = [rarity[t] for t in terms if t in present]
    anchors = {t for t in terms if t not in CALENDAR and not t.isdigit() and (
        _name_share(t, items) >= ANCHOR_SHARE
        or (t not in present and rarity[t] > max(found, default=0.0)))}
    weights = {t: rarity[t] * (ANCHOR_BOOST if t in anchors else 1.0) for t in terms}
    return QueryTerms(weights, anchors)


def _stems(item: Item) -> set[str]:
    return text.stems(f"{item_text(item)} {getattr(item, 'about', '')}")


def judge(query: str, items: Sequence[Item], idf: Callable[[str], float]) -> list[Verdict]:
    """A verdict per item, in order. A query with no informative term keeps everything."""
    terms = query_terms(query, items, idf)
    total = sum(terms.weights.values())
    verdicts = []
    for item in items:
        have = _stems(item)
        covered = [t for t in terms.weights if t in have]
        coverage = sum(terms.weights[t] for t in covered) / total if total else 1.0
        anchored = not terms.anchors or bool(terms.anchors & set(covered))
        verdicts.append(Verdict(item.id, kept=anchored and coverage > MIN_COVERAGE + 1e-9,
                                coverage=round(coverage, 3),
                                missing=[t for t in terms.weights if t not in have]))
    return verdicts


def _name_share(term: str, items: Sequence[Item]) -> float:
    """How often the results write `term` capitalised in running text, not at the start of a
    sentence (0 when it is seen fewer than ANCHOR_MIN_SEEN times)."""
    seen = capital = 0
    for item in items:
        for name in SENTENCE_FIELDS:
            value = getattr(item, name, "")
            if not isinstance(value, str) or not value:
                continue
            previous = "."
            for word in value.split():
                bare = word.strip("\"'“”‘’()[],;:!?")
                core = text.fold(bare).lower().split("'")[0]
                if core and text.stem(core) == term:
                    seen += 1
                    if bare[:1].isupper() and not previous.endswith((".", "!", "?", ":")):
                        capital += 1
                previous = word
    return capital / seen if seen >= ANCHOR_MIN_SEEN else 0.0


def keep(query: str, found: Mapping[ContentType, Sequence[Item]],
         idf: Callable[[str], float]) -> tuple[dict[ContentType, list[Item]], list[Item]]:
    """Each tool's results about the query (tools left with none are left out), judged over
    all tools' results together, and the items dropped."""
    pool = [i for hits in found.values() for i in hits]
    verdicts = {v.item_id: v.kept for v in judge(query, pool, idf)}
    kept = {t: [i for i in hits if verdicts[i.id]] for t, hits in found.items()}
    return {t: hits for t, hits in kept.items() if hits}, [i for i in pool if not verdicts[i.id]]
