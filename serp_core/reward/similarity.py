"""Which items repeat each other: the redundancy the click simulator discounts and the reward
features count.

Two items are similar when they share a URL; or are of one type with mostly the same title
words (Jaccard >= 0.6 over content words, e.g. "Best Horror Movies of 2025, Ranked" and "Best
Horror Movies of 2025 - IMDb"); or are of one type from the same site/channel/merchant with a
third of their title words shared (two reviews of one product by one channel). A chat answer is
similar to the results it cites: it restates them. Thresholds were read off the bundled corpus,
where they mark about 2.4 pairs per topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from ..schema import ContentType, Item
from ..text import content_words

TITLE_JACCARD = 0.6
SAME_SOURCE_JACCARD = 0.34


def source_of(item: Item) -> str:
    for name in ("site", "source", "channel", "merchant"):
        value = getattr(item, name, "")
        if value:
            return str(value).lower()
    return ""


class _Sig(NamedTuple):
    """What similarity looks at, hashable: computed once per distinct item."""

    id: str
    type: ContentType
    url: str
    words: frozenset[str]
    source: str
    citations: tuple[str, ...]


_SIGS: dict[tuple[str, str, str, str], _Sig] = {}


def _sig(item: Item) -> _Sig:
    key = (item.id, item.type.value, item.url, item.title)
    sig = _SIGS.get(key)
    if sig is None:
        if len(_SIGS) > 200_000:  # a long-lived app: bound the cache
            _SIGS.clear()
        sig = _SIGS[key] = _Sig(item.id, item.type, item.url, frozenset(content_words(item.title)),
                                source_of(item), tuple(getattr(item, "citations", []) or []))
    return sig


@lru_cache(maxsize=500_000)
def _similar(a: _Sig, b: _Sig) -> bool:
    if a.id == b.id:
        return False
    if a.url and a.url == b.url:
        return True
    if a.type == ContentType.chat_answer or b.type == ContentType.chat_answer:
        answer, other = (a, b) if a.type == ContentType.chat_answer else (b, a)
        return other.id in answer.citations
    if a.type != b.type:
        return False
    jaccard = len(a.words & b.words) / max(1, len(a.words | b.words))
    if jaccard >= TITLE_JACCARD:
        return True
    return bool(a.source) and a.source == b.source and jaccard >= SAME_SOURCE_JACCARD


def similar(a: Item, b: Item) -> bool:
    return _similar(_sig(a), _sig(b))


def similarity_matrix(items: Sequence[Item]) -> np.ndarray:
    """Symmetric boolean n x n matrix, False on the diagonal."""
    sigs = [_sig(item) for item in items]
    n = len(sigs)
    sim = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            sim[i, j] = sim[j, i] = _similar(sigs[i], sigs[j])
    return sim


def earlier_similar(sim: np.ndarray, order: Sequence[int]) -> np.ndarray:
    """For each item, how many similar items come before it in `order` (a permutation of the
    row indices of `sim`, earliest first). Indexed like `sim`, not like `order`."""
    n = len(order)
    counts = np.zeros(n, dtype=np.int64)
    if n:
        idx = np.asarray(order)
        sub = sim[np.ix_(idx, idx)]
        counts[idx] = np.tril(sub, k=-1).sum(axis=1)
    return counts
