"""Words of user and result text: the one tokenizer every part of the engine shares.

Uncapped on purpose: a consumer that needs a bound (the search's query sanitiser) applies its
own, so a search setting can never change, say, a trained reward's features.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

# Words that say little about what is meant. "near" and "vs" are here too because
# "urgent care near me" and "flu vs covid" are about urgent care and flu.
_STOPWORD_TEXT = (
    "a about after all also an and any are as at be been before best but by can could did do "
    "does doing for from get gets good had has have how i if in into is it its just like me "
    "more most my near new not now of on one or our out over per should so some than that the "
    "their them then there these they thing things this those to top under up us vs was way ways "
    "we were what when where which while who why will with would you your")
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Text without diacritics ("Reykjavík" -> "Reykjavik"), as the corpus index folds them
    (FTS5 remove_diacritics): a word is the same word however a result spells it."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Lower-cased runs of letters and digits, diacritics folded, in order, repeats kept."""
    return _WORD.findall(fold(text).lower())


def content_words(text: str) -> list[str]:
    """`words` without stopwords and without one-character tokens."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def distinct(tokens: list[str]) -> list[str]:
    """First occurrences only, in order."""
    return list(dict.fromkeys(tokens))


# Snowball stemmers are not thread-safe; the engine searches from several threads.
_stemmers = threading.local()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The English (Porter2) stem of a lower-case word: "leaking" -> "leak", the family of
    the porter tokenizer the corpus index uses."""
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


def stems(text: str) -> set[str]:
    return {stem(w) for w in words(text)}
