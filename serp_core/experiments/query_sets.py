"""Query sets for experiments: the bundled demo set (4 verticals x 50 queries) or a CSV of the
user's own, and a deterministic subset or sample of either.

A CSV needs a header with a `query` column; a `vertical` column is optional (a missing or
unknown vertical is "other"). Blank rows and repeated queries are dropped; a query the engine
would refuse (see serp_core.query) makes the whole file a one-line ValueError naming its line,
so an experiment never silently runs on fewer queries than the file lists.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable
from pathlib import Path

from ..query import BadQuery, Query, as_vertical, clean_query
from ..schema import Vertical
from ..search.local import DEMO_QUERIES_CSV, load_topics

BUNDLED_NAMES = ("bundled", "demo")


def bundled() -> list[Query]:
    """The 200 bundled demo queries (travel, entertainment, shopping, health; 50 each)."""
    return load_topics(DEMO_QUERIES_CSV)


def read_csv_file(path: str | Path, *, skip_bad: bool = False) -> list[Query]:
    """The queries of a CSV file (UTF-8, a BOM allowed). Raises ValueError (one line) for a
    missing or unreadable file, and as read_csv_text does."""
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ValueError(f"{path} is a directory, not a CSV file") from None
    except OSError as e:
        raise ValueError(f"{path} cannot be read: {e.strerror or e}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text") from None
    return read_csv_text(text, skip_bad=skip_bad, source=str(path))


def read_csv_text(text: str, *, skip_bad: bool = False, source: str = "the CSV") -> list[Query]:
    """The queries of CSV text (an upload, say). Raises ValueError (one line, naming `source`)
    for no `query` column, no queries at all, or -- unless skip_bad -- a query the engine
    would refuse."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        header = next(rows, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(rows, None)  # blank lines before the header
        if header is None:
            raise ValueError(f"{source} is empty: it needs a header row with a 'query' column")
        names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
        if "query" not in names:
            shown = ", ".join(repr(n) for n in names if n) or "none"
            raise ValueError(f"{source} has no 'query' column in its header (columns: {shown})")
        q_col = names.index("query")
        v_col = names.index("vertical") if "vertical" in names else None
        queries: list[Query] = []
        seen: set[str] = set()
        bad: list[str] = []
        for row in rows:
            line = rows.line_num
            cell = row[q_col] if q_col < len(row) else ""
            if not cell.strip():
                continue  # a blank line, or a row without a query
            try:
                query = clean_query(cell)
            except BadQuery as e:
                bad.append(f"line {line}: {e}")
                continue
            key = query.casefold()
            if key in seen:
                continue
            seen.add(key)
            vertical = row[v_col] if v_col is not None and v_col < len(row) else ""
            queries.append(Query(text=query, vertical=as_vertical(vertical)))
    except csv.Error as e:
        raise ValueError(f"{source} is not a readable CSV: {e}") from None
    if bad and not skip_bad:
        more = f" (and {len(bad) - 1} more bad rows)" if len(bad) > 1 else ""
        raise ValueError(f"{source}: {bad[0]}{more}")
    if not queries:
        raise ValueError(f"{source} has no queries under its 'query' column")
    return queries


def select(queries: Iterable[Query], *, verticals: Iterable[str] | None = None,
           n: int | None = None, seed: int = 0) -> list[Query]:
    """The queries of the given verticals, then a seeded sample of n of them.

    With several verticals the sample is stratified: each gets n // k queries (the remainder
    going to a seeded choice of verticals; a vertical with too few queries gives its share to
    the others). The same arguments always give the same queries, in their original order."""
    pool = list(queries)
    if verticals is not None:
        wanted = {as_vertical(v, strict=True) for v in verticals}
        pool = [q for q in pool if q.vertical in wanted]
    if n is None or n >= len(pool):
        return pool
    if n < 0:
        raise ValueError(f"the sample size must be 0 or more, not {n}")
    groups: dict[Vertical, list[int]] = {}
    for i, q in enumerate(pool):
        groups.setdefault(q.vertical, []).append(i)
    quotas = _quotas({v: len(ix) for v, ix in groups.items()}, n, random.Random(seed))
    chosen: set[int] = set()
    for vertical, indices in groups.items():
        rng = random.Random(f"{seed}:{vertical.value}")  # str seeds are stable across runs
        chosen.update(rng.sample(indices, quotas[vertical]))
    return [pool[i] for i in sorted(chosen)]


def resolve(name_or_path: str | Path) -> list[Query]:
    """A query set by name ("bundled" or "demo") or the path of a CSV file (for a
    `--queries FILE_OR_SET` option)."""
    if isinstance(name_or_path, str) and name_or_path.strip().lower() in BUNDLED_NAMES:
        return bundled()
    path = Path(name_or_path).expanduser()
    if not path.is_file():
        raise ValueError(f"unknown query set {str(name_or_path)!r}: use 'bundled' or the path "
                         "of a CSV file with a 'query' column")
    return read_csv_file(path)


# --- helpers --------------------------------------------------------------------------
def _quotas(sizes: dict[Vertical, int], n: int, rng: random.Random) -> dict[Vertical, int]:
    """Share n as evenly as possible over groups of the given sizes (n <= their total)."""
    quotas = dict.fromkeys(sizes, 0)
    left = n
    open_ = [v for v in sizes if sizes[v] > 0]
    while left and open_:
        share, extra = divmod(left, len(open_))
        lucky = set(rng.sample(open_, extra))
        for v in open_:
            quotas[v] += share + (v in lucky)
        # Groups given more than they hold hand the surplus back for another round.
        left = 0
        for v in open_:
            if quotas[v] > sizes[v]:
                left += quotas[v] - sizes[v]
                quotas[v] = sizes[v]
        open_ = [v for v in open_ if quotas[v] < sizes[v]]
    return quotas
