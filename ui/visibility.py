"""Whether the tab is being looked at. Streamlit's `run_every` timers live in the browser and a
hidden tab's timers keep firing (at most throttled to once a second), so without this the
server would keep redrawing live views nobody sees, on cores the model needs. A frameless v2
component reports the page's visibility changes; the rerun each one causes re-registers the
fragments with or without their timers (state.refresh_every)."""

from __future__ import annotations

import streamlit as st

_JS = """
export default function(component) {
  const { setTriggerValue } = component;
  const report = () => setTriggerValue('visibility', document.visibilityState);
  // A redraw replaces the listener before it; a page drawn while hidden says so at once.
  if (window.__genserpVisibility)
    document.removeEventListener('visibilitychange', window.__genserpVisibility);
  window.__genserpVisibility = report;
  document.addEventListener('visibilitychange', report);
  if (document.visibilityState === 'hidden') report();
  return () => {
    document.removeEventListener('visibilitychange', report);
    if (window.__genserpVisibility === report) window.__genserpVisibility = null;
  };
}
"""
_COMPONENT = st.components.v2.component("genserp_visibility", js=_JS)
_KEY = "tab_visibility"
_HIDDEN = "tab_hidden"


def watch() -> None:
    """Listen for the tab being hidden or shown (once per script run, from app.py)."""

    def changed() -> None:
        st.session_state[_HIDDEN] = (st.session_state[_KEY] or {}).get("visibility") == "hidden"

    _COMPONENT(key=_KEY, on_visibility_change=changed)


def looking() -> bool:
    """False while the tab is hidden (another tab in front, the window minimised)."""
    return not st.session_state.get(_HIDDEN, False)
