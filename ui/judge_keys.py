"""Keyboard shortcuts for the Judge page: Streamlit has no key bindings, so a frameless v2
component listens for keys on the app's document and sends each one to Python as an action
name ("left", "next", "reason-3", ...). Keys typed into a text field are left alone, and so
are the arrow keys while the slider itself has the focus (it moves on its own)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

_JS = """
export default function(component) {
  const { setTriggerValue } = component;
  const named = {ArrowLeft: 'left', ArrowRight: 'right', Enter: 'next',
                 t: 'tie', s: 'skip', b: 'back'};
  const typing = (el) => el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA'
                                || el.isContentEditable);
  const handler = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const path = event.composedPath();
    if (path.some(typing)) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    let action = named[key] || (/^[1-8]$/.test(key) ? 'reason-' + key : null);
    if (!action) return;
    const onSlider = path.some((el) => el && el.getAttribute
                                       && el.getAttribute('role') === 'slider');
    if (onSlider && (action === 'left' || action === 'right')) return;
    if (event.repeat && action !== 'left' && action !== 'right') return;
    event.preventDefault();  // Enter on a focused button must not press it as well
    setTriggerValue('key', action);
  };
  // One listener per page: a redraw replaces the one before it.
  if (window.__genserpJudgeKeys) document.removeEventListener('keydown', window.__genserpJudgeKeys);
  window.__genserpJudgeKeys = handler;
  document.addEventListener('keydown', handler);
  return () => {
    document.removeEventListener('keydown', handler);
    if (window.__genserpJudgeKeys === handler) window.__genserpJudgeKeys = null;
  };
}
"""
_COMPONENT = st.components.v2.component("genserp_judge_keys", js=_JS)


def judge_keys(actions: Mapping[str, Callable[[], None]], *, key: str) -> None:
    """Listen for the page's shortcut keys; each calls its action before the next rerun."""

    def pressed() -> None:
        action = (st.session_state[key] or {}).get("key")
        if action in actions:
            actions[action]()

    _COMPONENT(key=key, on_key_change=pressed)
