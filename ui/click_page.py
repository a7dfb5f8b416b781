"""A rendered results page that reports which item a person clicks (the feedback mode).

The page is mounted with Streamlit's v2 components inside a shadow root, so its stylesheet
cannot leak into the app. Its HTML is the renderer's own output: every text autoescaped, no
script (innerHTML does not run scripts anyway). A click on an item is captured, its link not
followed, and its id sent to Python; the feedback log knows where the item was shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import BaseModel

_JS = """
export default function(component) {
  const { data, setTriggerValue, parentElement } = component;
  let root = parentElement.querySelector('.genserp-click-root');
  if (!root) {
    root = document.createElement('div');
    root.className = 'genserp-click-root';
    parentElement.appendChild(root);
  }
  if (root.dataset.page !== data.id) {
    root.dataset.page = data.id;
    root.style.zoom = String(data.zoom);
    root.innerHTML = data.html;
  }
  root.onclick = (event) => {
    const item = event.target.closest('[data-item-id]');
    if (!item) return;
    event.preventDefault();  // record the click, do not leave the app
    setTriggerValue('click', {item_id: item.getAttribute('data-item-id')});
  };
}
"""
# More than one line on purpose: Streamlit takes a one-line string with glob characters
# ("[") for a file path.
_CSS = """.genserp-click-root [data-item-id] {
  cursor: pointer;
}"""
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_BODY = re.compile(r"<body>(.*?)</body>", re.S)
_COMPONENT = st.components.v2.component("genserp_click_page", js=_JS, css=_CSS)


class PageClick(BaseModel):
    item_id: str


def clickable_page(page_html: str, *, page_id: str, key: str, zoom: float,
                   on_click: Callable[[PageClick], Any]) -> None:
    """Show a page from serp_core.render; each click on an item calls `on_click`."""
    style = "".join(_STYLE.findall(page_html))
    body = _BODY.search(page_html)
    html = f"<style>{style}</style>{body.group(1) if body else ''}"

    def clicked() -> None:
        value = st.session_state[key].get("click")
        if value:
            on_click(PageClick.model_validate(value))

    _COMPONENT(key=key, data={"id": page_id, "html": html, "zoom": zoom},
               on_click_change=clicked)
