"""The vision pair judge: both pages' screenshots in both presentation orders, reasons kept
with each verdict, through the real openai SDK against the fake server."""

from __future__ import annotations

import base64
import json

import pytest

from serp_core.baseline import baseline_run
from serp_core.experiments.judgements import Judgements
from serp_core.experiments.judges import JudgeSetup, open_judge
from serp_core.llm.base import ModelUnavailable
from serp_core.query import Query
from serp_core.render.screenshot import Screenshots, page_html, png_size
from serp_core.store import RunStore
from tests.fake_openai import Reply
from tests.serp_responder import images_of, prompt_text

pytestmark = pytest.mark.browser

QUERY = Query(text="weekend in lisbon", vertical="travel")


@pytest.fixture
def runs(corpus):
    """Two different chosen pages for the query: the template page and the same page with
    its first two blocks' places swapped."""
    x = baseline_run(QUERY.text, corpus)
    y = x.model_copy(deep=True)
    y.id = "other-" + x.id
    a, b = y.candidates[0].layout.blocks[:2]
    (a.col, a.row, a.width), (b.col, b.row, b.width) = (b.col, b.row, b.width), \
        (a.col, a.row, a.width)
    return x, y


@pytest.fixture
def setup(fake_openai, tmp_path):
    store = RunStore(tmp_path / "runs.sqlite")
    return JudgeSetup(model=fake_openai.chat_model(), verdicts=Judgements(store.db),
                      screenshots=Screenshots.beside(store.path))


def png_of(image_url: dict) -> bytes:
    return base64.b64decode(image_url["url"].split(",", 1)[1])


def answer(score: int, reason: str) -> str:
    return json.dumps({"reasons": [reason], "score": score})


def test_both_screenshots_in_both_orders_and_the_reasons_kept(fake_openai, setup, runs):
    x, y = runs
    fake_openai.reply(answer(8, "Page A puts the answer first")) \
        .reply(answer(3, "Page B puts the answer first"))
    judge = open_judge("vision", setup)
    assert judge.pair(QUERY, x, y) == pytest.approx((8 + 10 - 3) / 2)
    first, second = fake_openai.requests
    png_x = setup.screenshots.first_screen(page_html(x.query, *_page(x)))
    png_y = setup.screenshots.first_screen(page_html(y.query, *_page(y)))
    assert png_x != png_y
    assert [png_of(i) for i in images_of(first)] == [png_x, png_y]  # X as Page A
    assert [png_of(i) for i in images_of(second)] == [png_y, png_x]  # then Y as Page A
    for body in (first, second):
        assert {png_size(png_of(i)) for i in images_of(body)} == {(1280, 720)}
        parts = [p for m in body["messages"] if isinstance(m["content"], list)
                 for p in m["content"]]
        labels = [p["text"] for p in parts if p["type"] == "text"][1:]
        assert labels == ["Page A:", "Page B:"] and parts[2]["type"] == "image_url"
        assert "a screenshot of each one's first screen" in prompt_text(body)
    reasons = ["page X puts the answer first", "page X puts the answer first"]
    assert judge.reasons(QUERY, x, y) == reasons
    # Kept with its reasons: another judge on the same store asks nothing again.
    again = open_judge("vision", setup)
    assert again.pair(QUERY, x, y) == pytest.approx(7.5)
    assert again.reasons(QUERY, x, y) == reasons and len(fake_openai.requests) == 2


def test_a_page_on_its_own_is_scored_on_its_screenshot(fake_openai, setup, runs):
    x, _ = runs
    fake_openai.reply(json.dumps({"reason": "Clear map and answer.", "score": 6}))
    judge = open_judge("vision", setup)
    assert judge.point(QUERY, x) == 6.0
    (body,) = fake_openai.requests
    (image,) = images_of(body)
    assert png_size(png_of(image)) == (1280, 720)
    assert judge.point(QUERY, x) == 6.0 and len(fake_openai.requests) == 1  # kept


def test_a_model_that_refuses_images_stops_the_judging_in_one_line(fake_openai, setup, runs):
    fake_openai.push(Reply(status=400, error={"message": "This model does not support image "
                                              "input.", "type": "invalid_request_error"}))
    judge = open_judge("vision", setup)
    with pytest.raises(ModelUnavailable, match="^the vision judge cannot judge: model 'fake' "
                       ".* does not take images \\(HTTP 400: This model does not support"):
        judge.pair(QUERY, *runs)


def test_a_model_without_vision_cannot_be_the_vision_judge(fake_openai, setup):
    model = fake_openai.chat_model()
    model.vision = False
    with pytest.raises(ValueError, match="needs a model that takes images"):
        open_judge("vision", JudgeSetup(model=model))


def _page(run):
    return run.winner.layout, run.items
