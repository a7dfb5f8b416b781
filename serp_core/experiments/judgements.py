"""The judges' verdict cache: the owner of the store's `judgements` table (see db.py).

A verdict is kept per (kind, subject, judge, prompt version), so resuming an experiment does
not ask a judge again. No verdict (the judge gave no usable answer) is not kept: it is asked
next time.
"""

from __future__ import annotations

from collections.abc import Callable

from ..db import Database


class Judgements:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, kind: str, subject: str, judge: str, version: str) -> float | None:
        row = self.db.conn().execute(
            "SELECT score FROM judgements WHERE kind = ? AND subject = ? AND judge = ? AND "
            "prompt_version = ?", (kind, subject, judge, version)).fetchone()
        return None if row is None else row[0]

    def put(self, kind: str, subject: str, judge: str, version: str, score: float) -> None:
        with self.db.transaction() as con:
            con.execute("INSERT OR REPLACE INTO judgements VALUES (?,?,?,?,?)",
                        (kind, subject, judge, version, score))

    def cached(self, kind: str, subject: str, judge: str, version: str,
               ask: Callable[[], float | None]) -> float | None:
        """The kept verdict, or `ask()`'s (kept when it is one)."""
        found = self.get(kind, subject, judge, version)
        if found is not None:
            return found
        score = ask()
        if score is not None:
            self.put(kind, subject, judge, version, score)
        return score
