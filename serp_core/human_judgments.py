"""People's side-by-side judgments of two runs' chosen pages: the owner of the store's
`human_judgments` table (see db.py).

A judgment is one judge's verdict on one pair (run X, run Y) of the same query, on the paper's
scale: 0 = Y's page far better, 5 = a tie, 10 = X's page far better. The judge saw the two
pages left and right in an order drawn for them (`x_left`) and moved a slider between "left
far better" (0) and "right far better" (10): that `raw` value is kept beside the `score`,
which is always relative to X (`score_of`). A skipped pair is a row without a score, so a
judge who comes back later starts where they stopped. One row per (judge, pair): judging a
pair again replaces the judge's earlier verdict.

    judgments = HumanJudgments(store.db)
    judgments.put(HumanJudgment(judge="ana", run_x=x.id, run_y=y.id, query=x.query,
                                x_left=True, raw=2, reasons=["less white space"]))
    judgments.of_pairs([(x.id, y.id)])   # every judge's rows on these pairs

Both the experiments (aggregation, agreement) and the reward (preference pairs) read it, so
it sits below both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, Field, field_validator, model_validator

from .db import Database
from .schema import utcnow

MAX_REASONS = 3
REASON_CHARS = 200
NAME_CHARS = 60


def clean_judge_name(name: str) -> str:
    """A judge's name as kept: printable, one line, 1-60 characters; ValueError otherwise."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in name).split())
    if not text:
        raise ValueError("enter your name first: it tells your judgments from the others'")
    if len(text) > NAME_CHARS:
        raise ValueError(f"the name is {len(text)} characters long; the limit is {NAME_CHARS}")
    return text


def score_of(raw: float, x_left: bool) -> float:
    """The slider's value (0 = left far better, 10 = right far better) as X's score."""
    return 10.0 - raw if x_left else float(raw)


class HumanJudgment(BaseModel):
    judge: str
    run_x: str
    run_y: str
    session: str = ""  # where it was given: an experiment's name, or "" for two chosen runs
    query: str = ""
    vertical: str = "other"
    x_left: bool  # X's page was shown on the left
    raw: float | None = Field(None, ge=0, le=10)  # the slider as shown; None: skipped
    reasons: list[str] = []
    at: datetime = Field(default_factory=utcnow)

    @field_validator("judge")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_judge_name(value)

    @field_validator("reasons")
    @classmethod
    def _reasons(cls, value: list[str]) -> list[str]:
        kept = [" ".join(r.split())[:REASON_CHARS] for r in value if r.strip()]
        if len(kept) > MAX_REASONS:
            raise ValueError(f"give at most {MAX_REASONS} reasons, not {len(kept)}")
        return list(dict.fromkeys(kept))

    @model_validator(mode="after")
    def _two_runs(self) -> HumanJudgment:
        if self.run_x == self.run_y:
            raise ValueError("a pair needs two different runs")
        return self

    @property
    def skipped(self) -> bool:
        return self.raw is None

    @property
    def score(self) -> float | None:
        """0-10 relative to X (5 = tie); None when skipped."""
        return None if self.raw is None else score_of(self.raw, self.x_left)

    @property
    def pair(self) -> tuple[str, str]:
        return self.run_x, self.run_y


_COLUMNS = ("judge, run_x, run_y, session, query, vertical, x_left, raw, score, reasons, "
            "created_at, updated_at")


class HumanJudgments:
    def __init__(self, db: Database) -> None:
        self.db = db

    def put(self, j: HumanJudgment) -> None:
        """Keep a judgment (or a skip), replacing the judge's earlier one on the pair."""
        at = j.at.isoformat()
        with self.db.transaction() as con:
            con.execute(
                f"INSERT INTO human_judgments ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(judge, run_x, run_y) DO UPDATE SET session=excluded.session, "
                "x_left=excluded.x_left, raw=excluded.raw, score=excluded.score, "
                "reasons=excluded.reasons, updated_at=excluded.updated_at",
                (j.judge, j.run_x, j.run_y, j.session, j.query, j.vertical, int(j.x_left),
                 j.raw, j.score, json.dumps(j.reasons, ensure_ascii=False), at, at))

    def of_pairs(self, pairs: Iterable[tuple[str, str]]) -> list[HumanJudgment]:
        """Every judge's rows (skips included) on these (run_x, run_y) pairs."""
        wanted = set(pairs)
        xs = sorted({x for x, _ in wanted})
        if not xs:
            return []
        rows = self.db.conn().execute(
            f"SELECT {_COLUMNS} FROM human_judgments WHERE run_x IN "
            f"({','.join('?' * len(xs))}) ORDER BY created_at, judge", xs).fetchall()
        return [j for j in map(_judgment, rows) if j.pair in wanted]

    def all(self) -> list[HumanJudgment]:
        rows = self.db.conn().execute(
            f"SELECT {_COLUMNS} FROM human_judgments ORDER BY created_at, judge").fetchall()
        return [_judgment(r) for r in rows]


def _judgment(row: tuple) -> HumanJudgment:
    (judge, run_x, run_y, session, query, vertical, x_left, raw, _score, reasons, _created,
     updated) = row
    return HumanJudgment(judge=judge, run_x=run_x, run_y=run_y, session=session, query=query,
                         vertical=vertical, x_left=bool(x_left), raw=raw,
                         reasons=json.loads(reasons), at=datetime.fromisoformat(updated))
