"""Generate the bundled demo corpus: assets/corpus/corpus.jsonl and assets/queries/demo.csv.

Each demo query ("topic") gets a realistic mix of search results built from hand-curated facts
(places, products, people, knowledge-panel facts) poured into varied templates. The facts and
templates are data, in data/*.toml (read by data.py); the code that fills them is generate.py.

    python -m tools.build_corpus          # (re)write the corpus files
    python -m tools.build_corpus --check  # exit 1 unless the committed files are what it makes
"""

from .generate import build, main

__all__ = ["build", "main"]
