"""The judges' verdict cache: the owner of the store's `judgements` table (see db.py).

A verdict is kept per (kind, subject, judge, prompt version), with the judge's reasons, so
resuming an experiment does not ask a judge again. No verdict (the judge gave no usable
answer) is not kept: it is asked next time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ..db import Database

Verdict = tuple[float | None, list[str]]  # a score (None: no verdict) and its reasons


class Judgements:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, kind: str, subject: str, judge: str, version: str) -> float | None:
        found = self.verdict(kind, subject, judge, version)
        return None if found is None else found[0]

    def verdict(self, kind: str, subject: str, judge: str, version: str) -> Verdict | None:
        row = self.db.conn().execute(
            "SELECT score, reasons FROM judgements WHERE kind = ? AND subject = ? AND "
            "judge = ? AND prompt_version = ?", (kind, subject, judge, version)).fetchone()
        return None if row is None else (row[0], json.loads(row[1] or "[]"))

    def put(self, kind: str, subject: str, judge: str, version: str, score: float,
            reasons: Sequence[str] = ()) -> None:
        with self.db.transaction() as con:
            con.execute("INSERT OR REPLACE INTO judgements (kind, subject, judge, "
                        "prompt_version, score, reasons) VALUES (?,?,?,?,?,?)",
                        (kind, subject, judge, version, score,
                         json.dumps(list(reasons), ensure_ascii=False)))

    def cached(self, kind: str, subject: str, judge: str, version: str,
               ask: Callable[[], float | None]) -> float | None:
        """The kept verdict, or `ask()`'s (kept when it is one)."""
        return self.cached_verdict(kind, subject, judge, version, lambda: (ask(), []))[0]

    def cached_verdict(self, kind: str, subject: str, judge: str, version: str,
                       ask: Callable[[], Verdict]) -> Verdict:
        """`cached` for a judge that gives reasons: the kept (score, reasons), or `ask()`'s."""
        found = self.verdict(kind, subject, judge, version)
        if found is not None and found[0] is not None:
            return found
        score, reasons = ask()
        if score is not None:
            self.put(kind, subject, judge, version, score, reasons)
        return score, reasons
