"""Model judges, through the real openai SDK against the fake OpenAI-compatible server."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest

from serp_core.experiments.judges import (
    PairVerdict,
    describe_page,
    judge_pair,
    judge_point,
    pair_prompt,
)
from serp_core.llm.base import ModelUnavailable
from serp_core.llm.openai_backend import OpenAIChatModel
from serp_core.schema import Block, ContentType, Layout, WebItem
from tests.fake_openai import FakeOpenAI

QUERY = "trail running shoes"


def page(tag: str, *, row: int = 0) -> tuple[Layout, dict[str, WebItem]]:
    items = {f"{tag}{n}": WebItem(id=f"{tag}{n}", title=f"{tag} result {n}") for n in (1, 2)}
    block = Block(type=ContentType.web, col=0, row=row, width=8, height=4, item_ids=list(items))
    return Layout(blocks=[block]), items


X, Y = page("Xenon"), page("Yonder", row=1)


def model(srv: FakeOpenAI) -> OpenAIChatModel:
    return OpenAIChatModel(base_url=srv.base_url, model="fake-model", max_retries=0, timeout_s=5)


def first_prompt(body: dict[str, Any]) -> str:
    """The judge's question (a re-ask appends turns after it)."""
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def page_a_is_x(body: dict[str, Any]) -> bool:
    text = first_prompt(body)
    shown_a = text.split("Page A, ")[1].split("Page B, ")[0]
    shown_b = text.split("Page B, ")[1]
    assert ("Xenon" in shown_a) != ("Xenon" in shown_b)
    assert ("Yonder" in shown_a) != ("Yonder" in shown_b)
    return "Xenon" in shown_a


def answer(score: int, *reasons: str) -> str:
    return json.dumps({"reasons": list(reasons) or ["ok"], "score": score})


def judge(srv: FakeOpenAI, **kw: Any) -> PairVerdict:
    return judge_pair(model(srv), QUERY, X, Y, **kw)


def test_the_two_requests_show_the_pages_in_swapped_order(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = lambda body: answer(5)
    verdict = judge(fake_openai)
    first, second = fake_openai.requests
    assert page_a_is_x(first) and not page_a_is_x(second)
    assert QUERY in first_prompt(first) and QUERY in first_prompt(second)
    assert first["messages"][0]["role"] == "system"
    assert "GenSERP" not in first["messages"][0]["content"]  # a neutral annotator
    schema = first["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["score"]["enum"] == list(range(11))
    assert schema["properties"]["reasons"]["maxItems"] == 3
    assert verdict.score == 5 and verdict.error is None
    assert verdict.usage.calls == 2 and verdict.usage.prompt_tokens > 0
    assert verdict.prompt_version


def test_a_position_biased_judge_ends_at_a_tie(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = lambda body: answer(7, "Page A comes first")
    verdict = judge(fake_openai)
    assert (verdict.score_ab, verdict.score_ba) == (7, 7)
    assert verdict.score == 5.0


def test_a_real_preference_for_x_survives_both_orders(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = lambda body: answer(9 if page_a_is_x(body) else 1)
    verdict = judge(fake_openai)
    assert (verdict.score_ab, verdict.score_ba) == (9, 1)
    assert verdict.score == 9.0
    fake_openai.responder = lambda body: answer(2 if page_a_is_x(body) else 8)
    assert judge(fake_openai).score == 2.0  # and one for Y


def test_reasons_from_both_orders_are_kept_at_most_three_each(fake_openai: FakeOpenAI) -> None:
    # The fake ignores the schema, as several servers do: four reasons, one far too long.
    many = ["Page A leads with shoes", "Page B is sparse", "x" * 500, "a fourth"]
    fake_openai.responder = lambda body: (answer(8, *many) if page_a_is_x(body)
                                          else answer(3, "Page B has better titles"))
    verdict = judge(fake_openai)
    assert len(verdict.reasons_ab) == 3 and verdict.reasons_ba == ["Page B has better titles"]
    assert len(verdict.reasons_ab[2]) <= 160
    assert verdict.reasons[:2] == ["page X leads with shoes", "page Y is sparse"]
    assert verdict.reasons[3] == "page X has better titles"  # B was X in the swapped order
    assert verdict.model_dump()["reasons"] == verdict.reasons


def test_garbage_is_re_asked_once_and_the_answer_used(fake_openai: FakeOpenAI) -> None:
    fake_openai.reply("I think Page A is nicer!")
    fake_openai.responder = lambda body: answer(9 if page_a_is_x(body) else 1)
    verdict = judge(fake_openai)
    assert len(fake_openai.requests) == 3
    reask = fake_openai.requests[1]["messages"]
    assert reask[-2] == {"role": "assistant", "content": "I think Page A is nicer!"}
    assert "not usable" in reask[-1]["content"]
    assert verdict.score_ab == 9 and verdict.score == 9.0
    assert verdict.error is None and verdict.usage.calls == 3


def test_persistent_garbage_gives_no_score_and_an_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = lambda body: "sorry, I cannot compare pages"
    verdict = judge(fake_openai)
    assert verdict.score is None and verdict.score_ab is None
    assert "page X as Page A" in verdict.error and "no JSON object" in verdict.error
    assert len(fake_openai.requests) == 2  # one re-ask; the other order is not asked


def test_a_failure_in_the_second_order_leaves_no_score(fake_openai: FakeOpenAI) -> None:
    fake_openai.reply(answer(7))
    fake_openai.error(400, "context length exceeded")
    verdict = judge(fake_openai)
    assert verdict.score_ab == 7 and verdict.score is None  # one order alone is biased
    assert "page Y as Page A" in verdict.error and "context length" in verdict.error
    assert len(fake_openai.requests) == 2  # a ModelError is not re-asked


def test_an_unreachable_endpoint_raises_model_unavailable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = OpenAIChatModel(base_url=f"http://127.0.0.1:{port}/v1", model="m", max_retries=0,
                           timeout_s=2)
    with pytest.raises(ModelUnavailable):
        judge_pair(dead, QUERY, X, Y)
    with pytest.raises(ModelUnavailable):
        judge_point(dead, QUERY, *X)


def test_a_custom_prompt_text_is_used(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = lambda body: answer(5)
    verdict = judge(fake_openai, prompt="Q=$query\n$form\nPage A, $page_a\nPage B, $page_b")
    assert first_prompt(fake_openai.requests[0]).startswith(f"Q={QUERY}\nI reply with")
    assert verdict.prompt_version != judge(fake_openai).prompt_version
    assert pair_prompt().startswith("I compare two results pages")


def test_judge_point_uses_the_stage_3_scorer(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = lambda body: json.dumps({"reason": "clear", "score": 8})
    assert judge_point(model(fake_openai), QUERY, *X) == 8.0
    body = fake_openai.requests[0]
    assert "GenSERP" in body["messages"][0]["content"]  # the pipeline's own system prompt
    prompt = first_prompt(body)
    assert prompt.startswith(f'I am judging a results page for "{QUERY}"')
    assert 'web [0,0,8,4] vertical, shows 2, first "Xenon result 1"' in prompt
    assert body["response_format"]["json_schema"]["schema"]["properties"]["score"]["enum"] == \
        list(range(11))


def test_judge_point_without_a_usable_reply_is_none(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = lambda body: "eight out of ten"
    assert judge_point(model(fake_openai), QUERY, *X) is None  # not the metrics fallback
    assert len(fake_openai.requests) == 2


def test_pages_are_described_one_line_per_block_in_reading_order() -> None:
    layout, items = X
    layout = Layout(blocks=[Block(type=ContentType.images, col=8, row=4, width=4, height=2),
                            *layout.blocks])
    assert describe_page(layout, items).splitlines() == [
        'web [0,0,8,4] vertical, shows 2, first "Xenon result 1"',
        "images [8,4,4,2] vertical, shows 0"]
