"""Settings: the model endpoint, the API key, the search providers and where runs are kept,
for this session; the price table and the traces' privacy, for the data directory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import streamlit as st

from serp_core.llm import ModelError, ModelUnavailable
from serp_core.search.composite import check_search
from serp_core.settings import DEFAULT_OPENAI_MODEL, JSON_MODES, load_settings
from ui import state
from ui.components import backend_label, inert
from ui.search_settings import (
    TEST_QUERY,
    forget_search_inputs,
    in_use_caption,
    search_fields,
    search_overrides,
    test_providers,
)
from ui.trace_settings import price_editor, privacy_options

BACKENDS = {"auto": "Automatic", "local": "Embedded (offline)", "openai": "OpenAI-compatible"}
JSON_MODE_HELP = ("json_schema sends the reply's JSON schema; json_object only asks for JSON "
                  "(llama-cpp-python's server needs it); none asks in the prompt only.")


def save() -> None:
    """Apply the form: environment and settings.toml stay the defaults underneath; the key
    is kept only in this session's settings (never written anywhere)."""
    ss = st.session_state
    current = state.settings()
    key = ss.settings_api_key.strip()
    if ss.settings_forget_key:
        key_value = None
    elif key:
        key_value = key
    else:
        key_value = current.api_key.get_secret_value() if current.api_key else None
    data_dir = Path(ss.settings_data_dir.strip() or current.data_dir).expanduser()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        new = load_settings({
            "backend": ss.settings_backend, "base_url": ss.settings_base_url,
            "model": ss.settings_model, "json_mode": ss.settings_json_mode,
            "timeout_s": ss.settings_timeout, "max_retries": ss.settings_retries,
            "data_dir": data_dir, "api_key": key_value, **search_overrides(current),
        })
        check_search(new)
    except OSError as e:
        ss.settings_notice = ("error", f"Cannot use {data_dir} as the data directory: "
                                       f"{e.strerror or e}")
        return
    except ValueError as e:
        ss.settings_notice = ("error", str(e))
        return
    if ss.settings_forget_key:
        new = new.model_copy(update={"api_key": None})
    ss.settings = new
    ss.settings_api_key = ""  # the field never holds on to the key
    ss.settings_forget_key = False
    forget_search_inputs()
    ss.settings_notice = ("success", "Saved for this session. New runs use "
                                     f"{backend_label(new.resolved_backend, new)}.")


def test_connection() -> None:
    s = state.settings()
    with st.spinner("Asking the model for one word…"):
        try:
            model = state.model()
            reply = "".join(model.stream_text(
                [{"role": "user", "content": "Reply with the single word OK."}],
                max_tokens=4, temperature=0.0, seed=0))
        except (ModelUnavailable, ModelError) as e:
            st.error(f"No answer: {inert(str(e), 300)}", icon=":material/error:")
            return
    st.success(f"{inert(backend_label(s.resolved_backend, s))} answered: "
               f"{inert(reply, 60) or '(an empty reply)'}", icon=":material/check_circle:")


s = state.settings()
st.title("Settings")
st.caption("These apply to this browser session. Their defaults come from environment "
           "variables and settings.toml in the data directory (see the README).")

with st.form("settings-form"):
    st.radio("Backend", list(BACKENDS), format_func=BACKENDS.get, horizontal=True,
             index=list(BACKENDS).index(s.backend or "auto"), key="settings_backend",
             help="Automatic uses an OpenAI-compatible endpoint when a base URL or key is set, "
                  "else the embedded SmolLM2-135M model.")
    url_col, model_col = st.columns([3, 2])
    url_col.text_input("Endpoint (base URL)", value=s.base_url or "", key="settings_base_url",
                       placeholder="https://api.openai.com/v1",
                       help="Any OpenAI-compatible server: OpenAI, Azure, vLLM, Ollama, "
                            "llama.cpp's llama-server")
    model_col.text_input("Model name", value=s.model or "", key="settings_model",
                         placeholder=DEFAULT_OPENAI_MODEL)
    key_col, forget_col = st.columns([3, 2], vertical_alignment="bottom")
    key_col.text_input("API key", type="password", key="settings_api_key",
                       placeholder="A key is set: leave blank to keep it" if s.api_key
                       else "sk-…",
                       help="Kept in this session's memory only: never written to the run "
                            "store, logs or exports. OPENAI_API_KEY works too.")
    forget_col.checkbox("Forget the API key", key="settings_forget_key",
                        disabled=s.api_key is None)
    mode_col, timeout_col, retries_col = st.columns(3)
    mode_col.selectbox("JSON mode", JSON_MODES, index=JSON_MODES.index(s.json_mode),
                       key="settings_json_mode", help=JSON_MODE_HELP)
    timeout_col.number_input("Timeout per call (s)", 1.0, 600.0, float(s.timeout_s), step=5.0,
                             format="%.0f", key="settings_timeout")
    retries_col.number_input("Retries per call", 0, 10, s.max_retries, key="settings_retries")
    st.text_input("Data directory", value=str(s.data_dir), key="settings_data_dir",
                  help="Where runs (runs.sqlite), the search index and saved prompts live")
    search_fields(s)
    st.form_submit_button("Save", type="primary", on_click=save, icon=":material/save:")

if notice := st.session_state.pop("settings_notice", None):
    kind, text = notice
    if kind == "error":
        st.error(inert(text, 300), icon=":material/error:")
    else:
        st.success(inert(text, 300), icon=":material/check_circle:")

st.markdown(f"**In use:** {inert(backend_label(s.resolved_backend, s))}")
if st.button("Test the connection", icon=":material/network_check:"):
    test_connection()

st.markdown(f"**{inert(in_use_caption())}**")
query_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
probe = query_col.text_input("Test query", value=TEST_QUERY, key="search_test_query")
if button_col.button("Test the provider", icon=":material/travel_explore:"):
    test_providers(probe.strip() or TEST_QUERY)
try:
    state.workspace()
except (OSError, sqlite3.Error):  # the data directory is unusable: app.py said why
    st.stop()
price_editor()
privacy_options()
