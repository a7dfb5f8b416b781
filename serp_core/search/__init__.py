"""Search over the bundled demo corpus (made by `python -m tools.build_corpus`)."""

from serp_core.search.base import SearchTool
from serp_core.search.local import (
    CORPUS_PATH,
    DEMO_QUERIES_CSV,
    LocalCorpus,
    load_topics,
)

__all__ = [
    "CORPUS_PATH",
    "DEMO_QUERIES_CSV",
    "LocalCorpus",
    "SearchTool",
    "load_topics",
]
