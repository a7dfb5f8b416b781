"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_openai import FakeOpenAI


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A fresh fake OpenAI-compatible server on 127.0.0.1; `fake_openai.base_url` ends in /v1."""
    with FakeOpenAI() as srv:
        yield srv


@pytest.fixture
def responder(fake_openai):
    """The fake server answering every GenSERP call correctly (tests script it further)."""
    from tests.serp_responder import SerpResponder

    r = fake_openai.responder = SerpResponder()
    return r


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The bundled corpus, indexed once per test session."""
    from serp_core.search.local import LocalCorpus

    return LocalCorpus(index_path=tmp_path_factory.mktemp("index") / "corpus.sqlite")
