"""The owner of the store's `call_traces` and `trace_options` tables (see db.py).

A trace is written when its call finishes (store.record routes every CallTraced event here),
so a run in progress, or one whose process died, has every call that finished. With the
privacy option off (`keep_text`), a trace is written without its text: messages keep their
roles and lengths, the reply its length, and nothing the model was told or said is kept.
"""

from __future__ import annotations

from ..db import Database
from ..schema import CallTrace

KEEP_TEXT = "keep_text"


def redact(trace: CallTrace) -> CallTrace:
    """The trace with its text removed: counts only."""
    if trace.redacted:
        return trace
    messages = [{"role": str(m.get("role", "")), "chars": len(str(m.get("content", "")))}
                for m in trace.messages]
    return trace.model_copy(update={
        "messages": messages, "reply": "", "reply_chars": len(trace.reply), "parsed": None,
        "template": "", "values": {}, "redacted": True})


class CallTraces:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the privacy option ---------------------------------------------------------------
    def keep_text(self) -> bool:
        """Whether traces keep message text (on unless turned off for this store)."""
        row = self.db.conn().execute("SELECT value FROM trace_options WHERE key = ?",
                                     (KEEP_TEXT,)).fetchone()
        return row is None or row[0] == "1"

    def set_keep_text(self, keep: bool) -> None:
        with self.db.transaction() as con:
            con.execute("INSERT OR REPLACE INTO trace_options VALUES (?, ?)",
                        (KEEP_TEXT, "1" if keep else "0"))

    def redact_stored(self) -> int:
        """Remove the text from every trace already stored; returns how many changed."""
        changed = 0
        with self.db.transaction() as con:
            rows = con.execute("SELECT run_id, idx, trace FROM call_traces WHERE "
                               "json_extract(trace, '$.redacted') IS NOT 1").fetchall()
            for run_id, idx, text in rows:
                trace = redact(CallTrace.model_validate_json(text))
                con.execute("UPDATE call_traces SET trace = ? WHERE run_id = ? AND idx = ?",
                            (trace.model_dump_json(), run_id, idx))
                changed += 1
        return changed

    # --- traces ---------------------------------------------------------------------------
    def add(self, run_id: str, trace: CallTrace) -> None:
        if not trace.redacted and not self.keep_text():
            trace = redact(trace)
        with self.db.transaction() as con:
            con.execute(
                "INSERT OR REPLACE INTO call_traces VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (run_id, trace.index, trace.stage, trace.candidate, trace.step, trace.block,
                 trace.attempt, int(trace.ok), trace.model, trace.prompt_tokens,
                 trace.completion_tokens, trace.cached_tokens, trace.latency_s,
                 trace.started_at.isoformat(), trace.model_dump_json()))

    def of(self, run_id: str) -> list[CallTrace]:
        """The run's calls in the order they finished."""
        rows = self.db.conn().execute(
            "SELECT trace FROM call_traces WHERE run_id = ? ORDER BY idx", (run_id,))
        return [CallTrace.model_validate_json(text) for (text,) in rows]

    def get(self, run_id: str, index: int) -> CallTrace | None:
        row = self.db.conn().execute(
            "SELECT trace FROM call_traces WHERE run_id = ? AND idx = ?",
            (run_id, index)).fetchone()
        return CallTrace.model_validate_json(row[0]) if row else None

    def count(self, run_id: str) -> int:
        (n,) = self.db.conn().execute("SELECT COUNT(*) FROM call_traces WHERE run_id = ?",
                                      (run_id,)).fetchone()
        return n
