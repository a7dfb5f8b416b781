"""Helpers for AppTest tests of single pages, with the engine pointed at the fake OpenAI
server and a fresh data directory."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from serp_core.store import RunStore

ROOT = Path(__file__).resolve().parents[1]


def use_fake_model(monkeypatch: pytest.MonkeyPatch, base_url: str, data_dir: Path) -> None:
    monkeypatch.delenv("GENSERP_SETTINGS", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("GENSERP_BACKEND", "openai")
    monkeypatch.setenv("GENSERP_BASE_URL", base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "test")
    monkeypatch.setenv("GENSERP_DATA_DIR", str(data_dir))


def page(name: str) -> AppTest:
    return AppTest.from_file(str(ROOT / "app_pages" / name), default_timeout=30)


def charts(at: AppTest) -> list[dict]:
    """The Plotly figures a page drew, as dicts (AppTest has no browser to render them)."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def texts(at: AppTest) -> str:
    """Everything the page wrote as markdown, captions and alerts, in one string, without the
    backslashes that keep user text literal."""
    parts = [el.value for kind in ("markdown", "caption", "info", "warning", "error", "success")
             for el in getattr(at, kind)]
    return "\n".join(parts).replace("\\", "")


def wait_until_finished(data_dir: Path, expected: int, timeout: float = 90) -> None:
    store = RunStore(data_dir / "runs.sqlite")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = store.list()
        if len(runs) >= expected and all(r.status in ("done", "failed") for r in runs):
            return
        time.sleep(0.2)
    raise AssertionError(f"runs did not finish: {[(r.query, r.status) for r in store.list()]}")
