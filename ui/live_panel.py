"""The live panel: a running run (its stages so far, the candidates so far), kept up to date
in the browser from the live feed without a Streamlit rerun. It asks the feed once a second
while the tab is looked at and never while it is hidden, patches only the nodes that changed
(a re-set innerHTML would make the browser lay out the whole panel again), and asks for a
rerun only when the page must change around it: the run has started (the page said
"Queued") or finished (Streamlit draws the results once). Each rerun redraws the whole page
in the browser, on the cores the model needs."""

from __future__ import annotations

import streamlit as st

from .stage_html import CSS

POLL_MS = 1000  # the model streams a few words a second; sooner would show nothing new
RETRY_STALE_MS = 5000  # a rerun asked for but not (yet) drawn: ask again this much later

_JS = """
function sameAttributes(a, b) {
  if (a.attributes.length !== b.attributes.length) return false;
  for (const { name, value } of b.attributes) if (a.getAttribute(name) !== value) return false;
  return true;
}
// Make `live`'s children those of `fresh`, touching only the nodes that differ.
function patch(live, fresh) {
  const want = Array.from(fresh.childNodes);
  want.forEach((node, i) => {
    const have = live.childNodes[i];
    if (!have) { live.appendChild(node.cloneNode(true)); return; }
    if (have.nodeType !== node.nodeType || have.nodeName !== node.nodeName
        || (node.nodeType === 1 && !sameAttributes(have, node))) {
      live.replaceChild(node.cloneNode(true), have);
    } else if (node.nodeType === 1) {
      patch(have, node);
    } else if (have.nodeValue !== node.nodeValue) {
      have.nodeValue = node.nodeValue;
    }
  });
  while (live.childNodes.length > want.length) live.removeChild(live.lastChild);
}

export default function(component) {
  const { data, parentElement, setTriggerValue } = component;
  // Streamlit calls this again each time the data changes and keeps only the newest call's
  // cleanup for the unmount (1.67), so an older loop would poll and ask for reruns forever:
  // stop it here, and let any loop stop itself once its panel has left the page.
  parentElement.genserpStop?.();
  let root = parentElement.querySelector('.genserp-live-root');
  if (!root) {
    root = document.createElement('div');
    root.className = 'genserp-live-root';
    parentElement.appendChild(root);
  }
  let note = parentElement.querySelector('.genserp-live-note');
  if (!note) {
    note = document.createElement('p');
    note.className = 'genserp-muted genserp-live-note';
    parentElement.appendChild(note);
  }
  let seq = -1, timer = null, inFlight = false, stopped = false;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', shown);
  };
  parentElement.genserpStop = stop;
  const schedule = (ms) => { if (!stopped && timer === null) timer = setTimeout(poll, ms); };
  const stale = () => {  // Streamlit draws what changed; the rerun replaces this panel
    setTriggerValue('stale', Date.now());
    schedule(data.retry_ms);
  };
  async function poll() {
    timer = null;
    if (!root.isConnected) return stop();
    if (stopped || inFlight || document.visibilityState !== 'visible') return;
    inFlight = true;
    try {
      const r = await fetch(`${data.url}?after=${seq}`, { cache: 'no-store' });
      if (stopped) return;
      if (r.status === 404) return stale();
      if (r.status === 200) {
        const a = await r.json();
        if (stopped) return;
        if (a.finished || (data.queued && a.stages > 0)) return stale();
        const fresh = document.createElement('template');
        fresh.innerHTML = a.html;  // built by stage_html: every text in it is escaped
        patch(root, fresh.content);
        seq = a.seq;
        note.textContent = '';
      } else if (r.status !== 204) {
        const why = (await r.json().catch(() => ({}))).error || `HTTP ${r.status}`;
        note.textContent = `Live updates paused: ${why}. Retrying…`;
      } else {
        note.textContent = '';
      }
    } catch (e) {
      note.textContent = 'Live updates paused: the app does not answer. Retrying…';
    } finally {
      inFlight = false;
    }
    schedule(data.poll_ms);
  }
  function shown() { if (document.visibilityState === 'visible') poll(); }
  document.addEventListener('visibilitychange', shown);
  poll();
  return stop;
}
"""
_COMPONENT = st.components.v2.component("genserp_live_panel", js=_JS, css=CSS)


def live_panel(url: str, run_id: str, queued: bool) -> None:
    """Mount the panel for a run; on a page that says the run is queued, it asks for a rerun
    once a stage has started."""
    _COMPONENT(key=f"live-{run_id}", on_stale_change=lambda: None,
               data={"url": url, "queued": queued, "poll_ms": POLL_MS,
                     "retry_ms": RETRY_STALE_MS})
