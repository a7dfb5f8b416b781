"""What model calls cost: a per-model price table and the cost of a call, a candidate, a run.

Prices are US dollars per million tokens, three rates per model: prompt tokens evaluated,
prompt tokens served from the provider's cache, and completion tokens. The built-in
defaults (DEFAULT_PRICES) are OpenAI's list prices for common models; the store's `prices`
table (edited on the Settings page) overrides and extends them. The embedded model costs
nothing. A model found in neither has no price, and its cost is unknown, never $0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, Field

from ..db import Database
from ..schema import CallRecord, Usage

PRICES_SOURCE = ("OpenAI's standard-tier list prices, USD per 1M tokens, as published on "
                 "OpenAI's API pricing page and reproduced by price trackers in May-June 2026")


class Price(BaseModel):
    prompt: float = Field(ge=0)  # per 1M prompt tokens evaluated
    cached: float = Field(ge=0)  # per 1M prompt tokens served from the cache
    completion: float = Field(ge=0)  # per 1M completion tokens


def _p(prompt: float, cached: float, completion: float) -> Price:
    return Price(prompt=prompt, cached=cached, completion=completion)


FREE = _p(0, 0, 0)
EMBEDDED_MODEL = "SmolLM2-135M-Instruct"  # the embedded model's name starts with this
DEFAULT_PRICES: dict[str, Price] = {
    EMBEDDED_MODEL: FREE,
    "gpt-4o-mini": _p(0.15, 0.075, 0.60),
    "gpt-4o": _p(2.50, 1.25, 10.00),
    "gpt-4.1-nano": _p(0.10, 0.025, 0.40),
    "gpt-4.1-mini": _p(0.40, 0.10, 1.60),
    "gpt-4.1": _p(2.00, 0.50, 8.00),
    "gpt-5-nano": _p(0.05, 0.005, 0.40),
    "gpt-5-mini": _p(0.25, 0.025, 2.00),
    "gpt-5": _p(1.25, 0.125, 10.00),
    "gpt-5.4-nano": _p(0.20, 0.02, 1.25),
    "gpt-5.4-mini": _p(0.75, 0.075, 4.50),
    "gpt-5.4": _p(2.50, 0.25, 15.00),
    "gpt-5.5": _p(5.00, 0.50, 30.00),
    "o4-mini": _p(1.10, 0.275, 4.40),
    "o3": _p(2.00, 0.50, 8.00),
}
Prices = Mapping[str, Price]
_SEPARATOR = re.compile(r"[-.:@_/]")


def price_for(model: str, prices: Prices) -> Price | None:
    """The model's price: its own entry, or that of the longest name it extends
    ("gpt-4o-mini-2024-07-18" takes "gpt-4o-mini"); None when there is none."""
    name = model.strip().lower()
    found, length = None, -1
    for key, price in prices.items():
        k = key.strip().lower()
        if name == k:
            return price
        if name.startswith(k) and _SEPARATOR.match(name, len(k)) and len(k) > length:
            found, length = price, len(k)
    return found


def tokens_cost(price: Price | None, prompt: int | None, cached: int | None,
                completion: int | None) -> float | None:
    """USD for one call's tokens; None when the price or the counts are unknown."""
    if price is None or prompt is None or completion is None:
        return None
    cached = min(cached or 0, prompt)
    return ((prompt - cached) * price.prompt + cached * price.cached
            + completion * price.completion) / 1e6


def call_cost(call: CallRecord, model: str, prices: Prices) -> float | None:
    return tokens_cost(price_for(model, prices), call.prompt_tokens, call.cached_tokens,
                       call.completion_tokens)


def usage_cost(usage: Usage, model: str, prices: Prices) -> float | None:
    """USD for these calls, over the calls whose counts are known (Usage keeps no others);
    None when the model has no price or no call's counts are known."""
    if usage.calls and usage.unknown_calls == usage.calls:
        return None
    return tokens_cost(price_for(model, prices), usage.prompt_tokens, usage.cached_tokens,
                       usage.completion_tokens)


def total(costs: Iterable[float | None]) -> float | None:
    """The sum of the known costs; None when none is known."""
    known = [c for c in costs if c is not None]
    return sum(known) if known else None


def usd(amount: float | None) -> str:
    """$1.23, $0.0123, $0.000123; "cost unknown" for None."""
    if amount is None:
        return "cost unknown"
    if amount == 0:
        return "$0"
    if amount >= 1:
        return f"${amount:,.2f}"
    return f"${amount:.4f}" if amount >= 0.01 else f"${amount:.6f}"


def describe(usage: Usage, model: str, prices: Prices) -> str:
    """The cost of these calls in words, e.g. "$0.0021" or why it is unknown."""
    cost = usage_cost(usage, model, prices)
    if cost is not None:
        partial = f" (without {usage.unknown_calls} calls of unknown size)" \
            if usage.unknown_calls else ""
        return usd(cost) + partial
    if price_for(model, prices) is None:
        return f"cost unknown: no price for model {model!r} (add one in Settings)"
    return "cost unknown: the server sent no token counts"


class PriceTable:
    """The owner of the store's `prices` table: the prices edited in Settings, over the
    defaults."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def stored(self) -> dict[str, Price]:
        rows = self.db.conn().execute(
            "SELECT model, prompt, cached, completion FROM prices ORDER BY model")
        return {m: _p(p, c, o) for m, p, c, o in rows}

    def all(self) -> dict[str, Price]:
        """The defaults, with the stored prices over them."""
        return {**DEFAULT_PRICES, **self.stored()}

    def save(self, prices: Mapping[str, Price]) -> None:
        """Keep these prices: the ones that differ from the defaults, and new models. A
        default left out keeps its default price."""
        rows = [(m.strip(), p.prompt, p.cached, p.completion) for m, p in prices.items()
                if m.strip() and DEFAULT_PRICES.get(m.strip()) != p]
        with self.db.transaction() as con:
            con.execute("DELETE FROM prices")
            con.executemany("INSERT OR REPLACE INTO prices VALUES (?,?,?,?)", rows)
