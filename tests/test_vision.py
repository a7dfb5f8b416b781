"""Scoring what the user sees: the vision scorer through the real openai SDK against the fake
server, screenshots drawn by a real Chromium (Playwright), cached on disk."""

from __future__ import annotations

import base64
import io
import json
import math

import pytest
from PIL import Image

from serp_core.geometry import BLOCK_MARGIN_X_PX as BLOCK_MARGIN_X
from serp_core.geometry import COL_WIDTH_PX
from serp_core.llm.local_backend import LocalChatModel
from serp_core.pipeline.run import generate, new_run
from serp_core.prompts import PromptSet
from serp_core.render.screenshot import Screenshots, page_html, png_size
from serp_core.schema import (
    ROW_HEIGHT_PX,
    CallTraced,
    ErrorEvent,
    Final,
    Reasoning,
    RunConfig,
)
from tests.fake_openai import Reply
from tests.serp_responder import SerpResponder, images_of, prompt_text
from tests.test_cli import cli, one_line_error

pytestmark = pytest.mark.browser

QUERY = "weekend in lisbon"
MARK = (214, 0, 111)  # page.css .mark
REFUSAL = "Invalid content type. image_url is only supported by certain models."


@pytest.fixture
def shots(tmp_path):
    return Screenshots(tmp_path / "screenshots")


def run_vision(srv, corpus, shots, *, model=None, **config):
    prompts = PromptSet.load()
    run = new_run(QUERY, RunConfig(backend="openai", **{"scorer": "vision", **config}),
                  search=corpus, prompts=prompts)
    events = list(generate(run, model=model or srv.chat_model(), search=corpus,
                           prompts=prompts, screenshots=shots))
    assert isinstance(events[-1], Final)
    return events, events[-1].run


def image_requests(srv):
    return [b for b in srv.requests if images_of(b)]


def decoded(image_url: dict) -> bytes:
    head, data = image_url["url"].split(",", 1)
    assert head == "data:image/png;base64"
    return base64.b64decode(data)


def test_the_score_request_carries_the_first_screen_as_a_png(fake_openai, responder, corpus,
                                                              shots):
    events, run = run_vision(fake_openai, corpus, shots, beam=2)
    assert run.status == "done", run.error
    sent = image_requests(fake_openai)
    assert len(sent) == 2  # one per candidate
    for body in sent:
        (image,) = images_of(body)
        png = decoded(image)
        assert png_size(png) == (1280, 720)
        with Image.open(io.BytesIO(png)) as im:
            assert im.format == "PNG" and im.size == (1280, 720)
            colours = im.convert("RGB").getcolors(maxcolors=1280 * 720)
            assert colours is not None and len(colours) > 50  # a drawn page, not a blank
        assert image["detail"] == "auto"
        text = prompt_text(body)
        assert f'"{QUERY}"' in text and "[col,row,width,height] per block" in text
        assert "a screenshot of its first screen, 1280×720 pixels" in text
        assert body["logprobs"] is True  # the expectation is asked for
    # The pages shown are the candidates as scored: each screenshot is the candidate's own.
    for c in run.candidates:
        png = shots.first_screen(page_html(run.query, c.layout, run.items))
        assert any(decoded(images_of(b)[0]) == png for b in sent)
        assert c.score_reason.endswith("seen on its screenshot")
    # Traces keep the image's size and hash, not its data.
    traced = [e.trace for e in events if isinstance(e, CallTraced) and e.trace.stage == "score"]
    urls = [p["image_url"]["url"] for t in traced for m in t.messages
            if isinstance(m["content"], list) for p in m["content"] if p["type"] == "image_url"]
    assert len(urls) == 2 and all(u.startswith("data:image/png;base64,<") and "sha256" in u
                                  for u in urls)


def test_the_score_is_the_expectation_over_the_score_tokens(fake_openai, responder, corpus,
                                                             shots):
    lp = [{"token": '{"reason":"Clear.","score":', "logprob": 0.0, "top_logprobs": []},
          {"token": "8", "logprob": math.log(0.5),
           "top_logprobs": [{"token": "8", "logprob": math.log(0.5)},
                            {"token": "6", "logprob": math.log(0.5)}]},
          {"token": "}", "logprob": 0.0, "top_logprobs": []}]
    responder.overrides["score"] = lambda body: Reply(
        text='{"reason":"Clear.","score":8}', logprobs=lp) if images_of(body) else None
    _, run = run_vision(fake_openai, corpus, shots, beam=1)
    assert run.candidates[0].score == 7.0  # 0.5 * 8 + 0.5 * 6, not the sampled 8
    assert "expected 7.00 over the score tokens (sampled 8)" in run.candidates[0].score_reason


def test_set_of_mark_labels_each_block_where_it_is(fake_openai, responder, corpus, shots):
    _, run = run_vision(fake_openai, corpus, shots, beam=1, scorer="vision-marks")
    (body,) = image_requests(fake_openai)
    marked = Image.open(io.BytesIO(decoded(images_of(body)[0]))).convert("RGB")
    c = run.candidates[0]
    plain = Image.open(io.BytesIO(shots.first_screen(page_html(run.query, c.layout,
                                                                run.items)))).convert("RGB")
    assert marked.size == plain.size == (1280, 720)
    magenta = [(x, y) for y in range(720) for x in range(1280)
               if _near(marked.getpixel((x, y)), MARK)]
    assert magenta and not any(_near(plain.getpixel(p), MARK) for p in magenta[::50])
    # The grid's top is where the first block's outline starts; every block that starts on
    # the first screen has its label in its own top-left corner.
    top = min(y for _, y in magenta)
    shown = [b for b in c.layout.blocks if top + b.row * ROW_HEIGHT_PX + 40 < 720]
    assert shown
    for b in shown:
        x = round(b.col * COL_WIDTH_PX) + BLOCK_MARGIN_X + 4  # the label's left padding
        y = top + b.row * ROW_HEIGHT_PX + 12
        assert _near(marked.getpixel((x, y)), MARK), (b.type, x, y)
        assert marked.getpixel((x, y)) != plain.getpixel((x, y))
    # The description is numbered as the labels are, so the reason can name blocks.
    assert "1. chat_answer [" in prompt_text(body) and "outlined and labelled" in \
        prompt_text(body)


def _near(rgb, target, tolerance=30):
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, target, strict=True))


def test_a_model_that_refuses_images_is_asked_once_then_scored_from_text(
        fake_openai, responder, corpus, shots):
    responder.overrides["score"] = lambda body: Reply(status=400, error={
        "message": REFUSAL, "type": "invalid_request_error", "code": None}) \
        if images_of(body) else None
    events, run = run_vision(fake_openai, corpus, shots, beam=3)
    assert run.status == "done", run.error
    assert len(image_requests(fake_openai)) == 1  # not once per candidate
    errors = [e.message for e in events if isinstance(e, ErrorEvent)]
    assert errors == [f"model 'fake' at {fake_openai.base_url} does not take images "
                      f"(HTTP 400: {REFUSAL})"]
    said = [e.text for e in events if isinstance(e, Reasoning) and not e.delta]
    assert said.count("The model does not take images, so I score the pages from their "
                      "description instead.") == 1
    text_scored = [b for b in fake_openai.requests
                   if not images_of(b) and "score" in (b.get("response_format") or {})
                   .get("json_schema", {}).get("schema", {}).get("properties", {})]
    assert len(text_scored) == 3
    for c in run.candidates:  # every page has the text model's score, not the metrics'
        assert c.score is not None and "screenshot" not in c.score_reason
        assert "Clear answer on top" in c.score_reason


def test_a_backend_without_vision_gets_the_text_scorer_and_one_message(
        fake_openai, responder, corpus, shots):
    model = fake_openai.chat_model()
    model.vision = False  # what the embedded backend says of itself
    events, run = run_vision(fake_openai, corpus, shots, model=model, beam=2)
    assert run.status == "done" and not image_requests(fake_openai)
    errors = [e.message for e in events if isinstance(e, ErrorEvent)]
    assert errors == ["fake reads text only (the embedded model has no vision): the text "
                      "scorer scores this run's pages"]
    assert all("Clear answer on top" in c.score_reason for c in run.candidates)
    assert LocalChatModel.vision is False


def test_a_rescore_takes_no_new_screenshot(fake_openai, responder, corpus, shots, tmp_path):
    _, first = run_vision(fake_openai, corpus, shots, beam=2)
    pages = {page_html(first.query, c.layout, first.items) for c in first.candidates}
    assert shots.drawn == len(pages)  # equal pages are drawn once
    assert len(list(shots.directory.glob("*-first.png"))) == len(pages)
    again = Screenshots(shots.directory)  # another process would open the same folder
    _, second = run_vision(fake_openai, corpus, again, beam=2)
    assert [c.layout for c in second.candidates] == [c.layout for c in first.candidates]
    assert again.drawn == 0 and len(image_requests(fake_openai)) == 4  # scored, not redrawn


def test_the_command_line_scores_with_vision_and_judges_on_screenshots(tmp_path, fake_openai):
    responder = SerpResponder()
    responder.overrides["score"] = lambda body: json.dumps(  # the pair judges
        {"reasons": ["Page A shows the map"], "score": 6}) if "reasons" in \
        responder._schema(body)["properties"] else None
    fake_openai.responder = responder
    data = tmp_path / "data"
    proc = cli("generate", QUERY, "--beam", "2", "--scorer", "vision-marks", "--backend",
               "openai", "--base-url", fake_openai.base_url, "--out", str(tmp_path / "r"),
               data_dir=data, env={"OPENAI_API_KEY": "k"})
    assert proc.returncode == 0, proc.stderr
    assert len(image_requests(fake_openai)) == 2 and list((data / "screenshots").glob("*.png"))
    result = json.loads((tmp_path / "r" / "result.json").read_text())
    assert result["config"]["scorer"] == "vision-marks"
    assert all("seen on its screenshot" in c["score_reason"] for c in result["candidates"])

    queries = tmp_path / "queries.csv"
    queries.write_text("query,vertical\nweekend in lisbon,travel\n")
    proc = cli("experiment", "coarse-vs-single", "--queries", str(queries), "--n", "1",
               "--judge", "vision", "--backend", "openai", "--base-url", fake_openai.base_url,
               "--beam", "1", "--out", str(tmp_path / "report"), "--no-png", data_dir=data,
               env={"OPENAI_API_KEY": "k"})
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((tmp_path / "report" / "summary.json").read_text())
    vision = summary["vision_judge"]
    assert vision["model"] == "gpt-4o-mini on screenshots" and vision["table"][-1]["n"] == 1
    assert vision["reasons"] == {QUERY: ["page X shows the map", "page Y shows the map"]}
    pairs = [b for b in fake_openai.requests if len(images_of(b)) == 2]
    assert len(pairs) == 2  # both orders


def test_an_unknown_judge_is_one_line(tmp_path):
    proc = cli("experiment", "coarse-vs-single", "--judge", "oracle", data_dir=tmp_path)
    assert proc.returncode == 2 and "invalid choice: 'oracle'" in one_line_error(proc)
