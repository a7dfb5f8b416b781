"""The Settings page's trace sections: the per-model price table and the privacy option.
Both belong to the data directory (the store keeps them), so the app, the command line and
experiments writing there all use them."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from serp_core.traces.cost import DEFAULT_PRICES, PRICES_SOURCE, Price, PriceTable

from . import state
from .components import inert

COLUMNS = {"model": "Model", "prompt": "Prompt $/1M", "cached": "Cached $/1M",
           "completion": "Completion $/1M"}


def price_editor() -> None:
    table = PriceTable(state.workspace().store.db)
    st.subheader("Prices", divider="gray")
    st.caption("US dollars per million tokens: prompt tokens the model evaluates, prompt "
               "tokens served from the provider's cache, and completion tokens. A model is "
               "priced by its own row or the longest name it extends (gpt-4o-mini-2024-07-18 "
               f"takes gpt-4o-mini). Defaults: {PRICES_SOURCE}. The embedded model is free.")
    rows = [{"model": m, **p.model_dump()} for m, p in table.all().items()]
    edited = st.data_editor(
        pd.DataFrame(rows), key="prices-editor", num_rows="dynamic", hide_index=True,
        width="stretch", column_config={
            "model": st.column_config.TextColumn(COLUMNS["model"], required=True),
            **{k: st.column_config.NumberColumn(COLUMNS[k], min_value=0.0, format="%.4f",
                                                required=True)
               for k in ("prompt", "cached", "completion")}})
    save_col, reset_col = st.columns(2)
    if save_col.button("Save prices", icon=":material/save:", width="stretch"):
        try:
            table.save(read_prices(edited.to_dict("records")))
            st.success("Prices saved for this data directory.", icon=":material/check_circle:")
        except ValueError as e:
            st.error(f"Not saved: {inert(str(e), 300)}", icon=":material/error:")
    if reset_col.button("Restore the defaults", icon=":material/restart_alt:", width="stretch"):
        table.save(DEFAULT_PRICES)
        st.session_state.pop("prices-editor", None)
        st.rerun()


def read_prices(rows: list[dict]) -> dict[str, Price]:
    """Edited rows as prices, or ValueError naming the first bad row."""
    prices: dict[str, Price] = {}
    for n, row in enumerate(rows, start=1):
        model = str(row.get("model") or "").strip()
        values = {k: row.get(k) for k in ("prompt", "cached", "completion")}
        if not model and all(_blank(v) for v in values.values()):
            continue  # an empty row the editor added
        if not model:
            raise ValueError(f"row {n} has no model name")
        if model in prices:
            raise ValueError(f"{model} is priced twice")
        if any(_blank(v) or float(v) < 0 for v in values.values()):
            raise ValueError(f"{model} needs three prices of 0 or more")
        prices[model] = Price(**{k: float(v) for k, v in values.items()})
    return prices


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def privacy_options() -> None:
    traces = state.workspace().store.traces
    st.subheader("Privacy", divider="gray")
    keep = st.toggle("Keep message text in traces", value=traces.keep_text(),
                     key="settings_keep_text",
                     help="Off: a call's trace keeps its counts (tokens, characters, latency) "
                          "but not the messages sent or the reply.")
    if keep != traces.keep_text():
        traces.set_keep_text(keep)
    st.caption("For every run stored in this data directory from now on, from the app, the "
               "command line and experiments. The API key is never part of a trace.")
    if not keep and st.button("Remove the text from traces already stored",
                              icon=":material/delete_sweep:"):
        st.success(f"Removed the text from {traces.redact_stored():,} call(s).",
                   icon=":material/check_circle:")
