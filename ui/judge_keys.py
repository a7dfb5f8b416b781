"""Keyboard shortcuts for the Judge page: Streamlit has no key bindings, so a frameless v2
component listens for keys on the app's document and sends each one to Python as an action
name ("left", "next", "reason-3", ...). Keys typed into a text field are left alone, and so
are the arrow keys while the slider itself has the focus (it moves on its own).

Keys go one at a time: each waits until the page has been redrawn for the one before it (the
server acknowledges it in the component's data). Sent together, a key would replace the
trigger of the one before it, or be applied in a rerun that a later key interrupts, whose
slider and reasons the browser then overwrites; "1" then Enter in quick succession lost the
reason. A key the page could not take within 10 s is dropped."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

_JS = """
export default function(component) {
  const { setTriggerValue, data } = component;
  const STALE_MS = 10000;  // a key the page has not taken by then is dropped
  // The queue outlives redraws (this function runs again on each); a reload starts afresh.
  const q = window.__genserpJudgeQueue ||= {seq: 0, waiting: [], sent: 0, sentAt: 0};
  q.ack = (data && data.ack) || 0;
  const pump = () => {
    const now = performance.now();
    q.waiting = q.waiting.filter((k) => now - k.at < STALE_MS);
    if ((q.sent > q.ack && now - q.sentAt < STALE_MS) || !q.waiting.length) return;
    const next = q.waiting.shift();
    q.sent = next.seq;
    q.sentAt = now;
    setTriggerValue('key', {seq: next.seq, action: next.action});
  };
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
    q.waiting.push({seq: ++q.seq, action, at: performance.now()});
    pump();
  };
  // The page was redrawn: the next waiting key can go, once the widgets above have taken
  // their new values (their effects run in this same commit).
  setTimeout(pump, 0);
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
    ack = f"{key}_ack"

    def pressed() -> None:
        sent = (st.session_state[key] or {}).get("key") or {}
        seq, action = sent.get("seq", 0), sent.get("action")
        if seq <= st.session_state.get(ack, 0):
            return  # already taken
        st.session_state[ack] = seq
        if action in actions:
            actions[action]()

    _COMPONENT(key=key, data={"ack": st.session_state.get(ack, 0)}, on_key_change=pressed)
