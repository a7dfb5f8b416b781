"""Search providers' answers, kept in the run store (table search_cache, owned here): keyed by
provider, tool and query, each answer a row with its own id, so a run can record which one
served each tool and be served it again however old it is. A newer answer for the same key
is a new row; older rows stay for the runs that refer to them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import TypeAdapter, ValidationError

from ..db import Database
from ..schema import ContentType, Item

log = logging.getLogger(__name__)

_ITEMS = TypeAdapter(list[Item])


def cache_key(query: str) -> str:
    """Queries that differ only in case or spacing share their answers."""
    return " ".join(query.lower().split())


@dataclass
class CachedAnswer:
    id: int
    provider: str
    tool: ContentType
    query: str
    fetched_at: datetime
    items: list[Item]


class SearchCache:
    def __init__(self, db: Database) -> None:
        self.db = db

    def put(self, provider: str, tool: ContentType, query: str,
            items: list[Item]) -> CachedAnswer:
        fetched = datetime.now(UTC)
        with self.db.transaction() as con:
            cur = con.execute(
                "INSERT INTO search_cache(provider, tool, query, fetched_at, items) "
                "VALUES (?, ?, ?, ?, ?)",
                (provider, tool.value, cache_key(query), _stamp(fetched),
                 _ITEMS.dump_json(items).decode()))
        return CachedAnswer(cur.lastrowid, provider, tool, cache_key(query), fetched, items)

    def latest(self, provider: str, tool: ContentType, query: str,
               max_age: timedelta | None) -> CachedAnswer | None:
        """The newest answer for the key no older than `max_age` (None: of any age)."""
        since = _stamp(datetime.now(UTC) - max_age) if max_age is not None else ""
        row = self.db.conn().execute(
            "SELECT id, provider, tool, query, fetched_at, items FROM search_cache "
            "WHERE provider = ? AND tool = ? AND query = ? AND fetched_at >= ? "
            "ORDER BY fetched_at DESC, id DESC LIMIT 1",
            (provider, tool.value, cache_key(query), since)).fetchone()
        return _answer(row)

    def get(self, entry: int) -> CachedAnswer | None:
        row = self.db.conn().execute(
            "SELECT id, provider, tool, query, fetched_at, items FROM search_cache "
            "WHERE id = ?", (entry,)).fetchone()
        return _answer(row)

    def count(self) -> int:
        return self.db.conn().execute("SELECT count(*) FROM search_cache").fetchone()[0]


def _stamp(moment: datetime) -> str:
    # One fixed format in UTC, so the text sorts as the time does.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _answer(row: tuple | None) -> CachedAnswer | None:
    if row is None:
        return None
    id_, provider, tool, query, fetched, items = row
    try:
        return CachedAnswer(id_, provider, ContentType(tool), query,
                            datetime.fromisoformat(fetched), _ITEMS.validate_json(items))
    except (ValueError, ValidationError):  # a damaged row is a miss, never a crash
        log.warning("search cache entry %s is unreadable; ignoring it", id_)
        return None
