"""The chat answer: generated, not retrieved, and always grounded on the retrieved sources.

Two paths, chosen by `RunConfig.writing` (auto: the first on an endpoint, the second on the
embedded model):

* write: the model writes two or three sentences from the numbered sources, marking facts
  with [n]; the text is checked (serp_core.grounding) and, if it is not an answer drawn from
  the sources, the answer is composed from the sources' sentences instead;
* pick: the model chooses one to three of the sources' sentences by number (an enum, like
  the layout slots) and at most writes a short lead, which is checked the same way.

The answer's prompt speaks in the page's voice (the `answer_voice` block), never the
GenSERP persona of the other calls. The monologue says which path was taken and why.
"""

from __future__ import annotations

import random
import string
from functools import partial
from typing import Any

from .. import grounding
from ..schema import ChatAnswerItem, ContentType, Item, ToolCall, ToolResult
from .context import RunContext
from .replies import ReplyError, reply_form

ANSWER_TEMPERATURE = 0.3  # the one shared answer stays close to its sources
MAX_SOURCES = 4
MAX_PICKS = 3
WRITE_TOKENS = 110
PARAPHRASES = 4
PARAPHRASE_TEMPERATURE = 1.0  # far enough from the answer's own to word it differently


def write_answer(ctx: RunContext) -> None:
    """Add the answer (and, for the Section 5.3 probes, its paraphrases or its random-text
    twin) to the run's items, first among them."""
    ctx.emit(ToolCall(tool=ContentType.chat_answer, query=ctx.query))
    sources = _sources(ctx)
    answers = [_answer(ctx, sources)]
    if ctx.config.answer_probe == "random_text":
        answers[0].text = random_text(len(answers[0].text), seed=ctx.config.seed)
    elif ctx.config.answer_probe == "paraphrases":
        answers += [_answer(ctx, sources, sample=n + 1, say=False)
                    .model_copy(update={"id": f"{answers[0].id}-{n}"})
                    for n in range(1, PARAPHRASES + 1)]
    ctx.items = {**{a.id: a for a in answers}, **ctx.items}
    ctx.by_type = {ContentType.chat_answer: [a.id for a in answers], **ctx.by_type}
    ctx.emit(ToolResult(tool=ContentType.chat_answer, item_ids=[a.id for a in answers],
                        titles=[a.text[:160] for a in answers]))


def _sources(ctx: RunContext) -> list[Item]:
    """The relevant results an answer may draw on: the web results, then a knowledge panel."""
    ids = [*ctx.by_type.get(ContentType.web, [])[:MAX_SOURCES],
           *ctx.by_type.get(ContentType.knowledge_panel, [])[:1]]
    return [ctx.items[i] for i in ids]


def _answer(ctx: RunContext, sources: list[Item], sample: int = 1,
            say: bool = True) -> ChatAnswerItem:
    sentences = grounding.source_sentences(ctx.query, sources)
    if not sentences:
        if say:
            ctx.caller.say("gather", "No result says anything about the query, so the answer "
                           "says that in one sentence.")
        return grounding.nothing_found(ctx.query)
    if ctx.writes_freely():
        written = _write(ctx, sources, sample, say)
        if written is not None:
            return written
    return _pick(ctx, sources, sentences, sample, say)


def _write(ctx: RunContext, sources: list[Item], sample: int,
           say: bool) -> ChatAnswerItem | None:
    listing = "\n".join(f"[{n}] {s.title}: {grounding.sources_text(s)[:300]}"
                        for n, s in enumerate(sources, 1))
    prompt = ctx.prompts.fill("chat_answer", query=ctx.query, sources=listing)
    text = ctx.caller.text("gather", prompt, max_tokens=WRITE_TOKENS, show=False,
                           block="chat_answer", fallback="compose the answer from the sources",
                           temperature=PARAPHRASE_TEMPERATURE if sample > 1
                           else ANSWER_TEMPERATURE, sample=sample,
                           system=ctx.prompts.blocks["answer_voice"])
    wrong = grounding.problems(text, sources, ctx.query)
    if wrong:
        if say:
            ctx.caller.say("gather", f"The written answer is not usable ({wrong[0]}), so I "
                           "answer with the sources' own sentences.")
        return None
    if say:
        ctx.caller.say("gather", "I wrote the answer from the top results and checked it "
                       "against them.")
    return grounding.cited(ctx.query, text, sources)


def _pick(ctx: RunContext, sources: list[Item], sentences: list[grounding.Sentence],
          sample: int, say: bool) -> ChatAnswerItem:
    listing = "\n".join(f"{s.n}. {s.text}" for s in sentences)
    # Placeholders, not numbers: a small model copies the numbers of an example.
    form = reply_form('{"lead":"<a few words, or empty>","pick":[<one to three numbers>]}')
    prompt = ctx.prompts.fill("answer_pick", query=ctx.query, sentences=listing, form=form)
    reply = ctx.caller.json("gather", prompt, pick_schema(len(sentences)),
                            partial(read_pick, n=len(sentences)), max_tokens=40,
                            block="answer_pick", fallback="the two most on-point sentences",
                            system=ctx.prompts.blocks["answer_voice"], sample=sample)
    if reply is None:
        picked, lead = sentences[:2], ""
        note = "there was no usable choice, so I take the two most on-point sentences"
    else:
        chosen, lead = reply
        picked = [sentences[i - 1] for i in chosen]
        note = f"I chose sentences {', '.join(map(str, chosen))} of {len(sentences)}"
        wrong = grounding.lead_problems(lead, sources, ctx.query)
        if wrong:
            note += f" and left out the lead ({wrong[0]})"
            lead = ""
    if say:
        ctx.caller.say("gather", f"I answer with sentences from the sources: {note}.")
    return grounding.compose(ctx.query, picked, lead)


def pick_schema(n: int) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": ["lead", "pick"],
            "properties": {"lead": {"type": "string", "maxLength": 60},
                           "pick": {"type": "array", "items": {"type": "integer",
                                                               "enum": list(range(1, n + 1))},
                                    "minItems": 1, "maxItems": min(MAX_PICKS, n)}}}


def read_pick(data: dict[str, Any], n: int) -> tuple[list[int], str]:
    raw = data.get("pick")
    if not isinstance(raw, list):
        raise ReplyError("'pick' must be a list of sentence numbers")
    chosen = list(dict.fromkeys(v for v in raw if isinstance(v, int) and 1 <= v <= n))
    if not chosen:
        raise ReplyError(f"'pick' names no sentence from 1 to {n}")
    lead = data.get("lead")
    return chosen[:MAX_PICKS], lead.strip() if isinstance(lead, str) else ""


def random_text(length: int, seed: int) -> str:
    """Lower-case letter runs of word-like lengths, exactly `length` characters long: an
    answer with the shape of text and none of its meaning (the Section 5.3 probe)."""
    rng = random.Random(seed)
    words: list[str] = []
    size = -1
    while size < length:
        word = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9)))
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:length].rstrip().ljust(length, "x")
