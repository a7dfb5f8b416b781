"""Words of user and result text: the one tokenizer every part of the engine shares.

Uncapped on purpose: a consumer that needs a bound (the search's query sanitiser) applies its
own, so a search setting can never change, say, a trained reward's features.
"""

from __future__ import annotations

import re

# Words that say little about what is meant. "near" and "vs" are here too because
# "urgent care near me" and "flu vs covid" are about urgent care and flu.
_STOPWORD_TEXT = (
    "a about after all also an and any are as at be been before best but by can could did do "
    "does doing for from get gets good had has have how i if in into is it its just like me "
    "more most my near new not now of on one or our out over should so some than that the "
    "their them then there these they thing things this those to top up us vs was way ways "
    "we were what when where which while who why will with would you your")
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-cased runs of letters and digits, in order, repeats kept."""
    return _WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """`words` without stopwords and without one-character tokens."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def distinct(tokens: list[str]) -> list[str]:
    """First occurrences only, in order."""
    return list(dict.fromkeys(tokens))
