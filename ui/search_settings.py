"""The Settings page's search section: which provider answers each tool, what the providers
need (a SearXNG address, a Brave key kept in this session only), and "Test the provider"."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from serp_core.palette import TYPE_LABELS
from serp_core.schema import RETRIEVAL_TOOLS
from serp_core.search.providers import CORPUS, providers
from serp_core.settings import Settings

from . import state
from .components import inert

AS_ABOVE = ""
TEST_QUERY = "weather in reykjavik tomorrow"


def _label(name: str) -> str:
    spec = providers.find(name)
    return f"{spec.label} ({spec.note})" if spec is not None and spec.note else (
        spec.label if spec is not None else name)


def search_fields(s: Settings) -> None:
    """The search inputs, inside the settings form (their keys start with search_)."""
    st.markdown("**Search**")
    names = providers.names()
    choices = names if s.search in names else [*names, s.search]
    st.selectbox("Search provider", choices, index=choices.index(s.search),
                 format_func=_label, key="search_provider",
                 help="Answers every tool it can; the others, and any tool whose provider "
                      "fails, are answered by the bundled corpus. GENSERP_SEARCH works too.")
    with st.expander("Per tool (GENSERP_SEARCH_<TOOL>)"):
        cols = st.columns(4)
        for n, tool in enumerate(RETRIEVAL_TOOLS):
            able = [AS_ABOVE, *(p for p, spec in providers if spec.serves(tool))]
            own = getattr(s, f"search_{tool}") or AS_ABOVE
            options = able if own in able else [*able, own]
            cols[n % 4].selectbox(TYPE_LABELS[tool], options, index=options.index(own),
                                  key=f"search_tool_{tool}",
                                  format_func=lambda p: "as above" if p == AS_ABOVE else p)
    url_col, wiki_col = st.columns(2)
    url_col.text_input("SearXNG address", value=s.searxng_url or "", key="search_searxng_url",
                       placeholder="http://localhost:8888",
                       help="A SearXNG instance with the JSON format enabled in its "
                            "settings.yml (search: formats: [html, json]).")
    wiki_col.text_input("Wikipedia", value=s.wikipedia_url, key="search_wikipedia_url",
                        help="The language edition the knowledge panel comes from.")
    key_col, forget_col = st.columns([3, 2], vertical_alignment="bottom")
    key_col.text_input("Brave Search API key", type="password", key="search_brave_key",
                       placeholder="A key is set: leave blank to keep it" if s.brave_api_key
                       else "BSA…",
                       help="Kept in this session's memory only, like the model key: never "
                            "written to the run store, logs or exports. BRAVE_API_KEY works "
                            "too.")
    forget_col.checkbox("Forget the Brave key", key="search_forget_brave",
                        disabled=s.brave_api_key is None)
    timeout_col, cache_col = st.columns(2)
    timeout_col.number_input("Search timeout (s)", 1.0, 120.0, float(s.search_timeout_s),
                             step=1.0, format="%.0f", key="search_timeout")
    cache_col.number_input("Keep answers for (hours)", 0.0, 24.0 * 365, s.search_cache_hours,
                           step=1.0, format="%.0f", key="search_cache",
                           help="A query asked again within this time is answered from the "
                                "run store, without asking the provider; 0 always asks.")


def search_overrides(current: Settings) -> dict:
    """The search inputs as settings overrides (the Brave key kept, set or forgotten)."""
    ss = st.session_state
    key = ss.search_brave_key.strip()
    if ss.search_forget_brave:
        brave = ""
    elif key:
        brave = key
    else:
        brave = current.brave_api_key.get_secret_value() if current.brave_api_key else ""
    return {"search": ss.search_provider, "searxng_url": ss.search_searxng_url,
            "wikipedia_url": ss.search_wikipedia_url, "brave_api_key": brave,
            "search_timeout_s": ss.search_timeout, "search_cache_hours": ss.search_cache,
            **{f"search_{t}": ss[f"search_tool_{t}"] for t in RETRIEVAL_TOOLS}}


def forget_search_inputs() -> None:
    st.session_state.search_brave_key = ""  # the field never holds on to the key
    st.session_state.search_forget_brave = False


def in_use_caption() -> str:
    """Which provider answers which tool, in a line."""
    try:
        search = state.search()
    except ValueError as e:
        return f"Search: unusable ({e})"
    by: dict[str, list[str]] = {}
    for tool in RETRIEVAL_TOOLS:
        by.setdefault(search.provider_of(tool), []).append(TYPE_LABELS[tool].lower())
    if list(by) == [CORPUS]:
        return "Search: the bundled corpus for every tool (200 demo queries, offline)."
    return "Search: " + "; ".join(f"{providers.get(p).label} for {', '.join(tools)}"
                                  for p, tools in by.items()) + "."


def test_providers(query: str) -> None:
    """One query per tool through its provider: how many results, or the one-line error."""
    try:
        search = state.search()
    except ValueError as e:
        st.error(inert(str(e), 300), icon=":material/error:")
        return
    with st.spinner("Asking each tool's provider…"):
        probes = search.probe(query)
    failed = [p for p in probes if p.found is None]
    rows = [{"Tool": TYPE_LABELS[p.tool], "Provider": p.provider,
             "Results": "failed" if p.found is None else p.found, "Seconds": p.seconds}
            for p in probes]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    for p in failed:
        st.error(f"{inert(TYPE_LABELS[p.tool])}: {inert(p.error, 300)}", icon=":material/error:")
    if not failed:
        st.success(f"Every tool answered for “{inert(query, 80)}”.",
                   icon=":material/check_circle:")
