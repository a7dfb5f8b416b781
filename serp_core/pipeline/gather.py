"""Stage 1, information gathering: intent, tool calls, the generated answer, and layout
prototypes refined until the model's confidence reaches theta (or a step limit)."""

from __future__ import annotations

import random
import string
from functools import partial

from .. import grid
from ..baseline import baseline_layout, extractive_answer
from ..schema import (
    ANSWER_ID,
    DEFAULT_UX,
    ITEMS_PER_TYPE,
    RETRIEVAL_TOOLS,
    Block,
    ChatAnswerItem,
    ContentType,
    ErrorEvent,
    Layout,
    LayoutProposed,
    Repair,
    ToolCall,
    ToolResult,
    Vertical,
)
from .context import RunContext
from .replies import (
    LayoutReply,
    compact,
    layout_schema,
    read_layout,
    read_tools,
    reply_form,
    tools_schema,
)

# The run's temperature diversifies beam layouts; the one shared answer should stay close to
# its sources.
ANSWER_TEMPERATURE = 0.3


def understand_intent(ctx: RunContext) -> None:
    ctx.intent = ctx.caller.text("gather", ctx.prompts.fill("intent", query=ctx.query),
                                 max_tokens=40)


def choose_tools(ctx: RunContext) -> list[ContentType]:
    """The model picks tools. Web results are always fetched, since every page needs them;
    a choice of nothing beyond web is taken as no choice, and every tool is called."""
    names = [str(t) for t in RETRIEVAL_TOOLS]
    prompt = ctx.prompts.fill("tools", query=ctx.query, intent=ctx.intent or "-",
                              tools=", ".join(names),
                              form=reply_form(compact({"tools": names})))
    reply = ctx.caller.json("gather", prompt, tools_schema(RETRIEVAL_TOOLS),
                            partial(read_tools, names=names), max_tokens=60)
    chosen = [ContentType.web] + [ContentType(t) for t in reply or [] if t != "web"]
    if len(chosen) == 1:
        ctx.caller.say("gather", "I have no clear choice of tools, so I call every tool.")
        return RETRIEVAL_TOOLS
    ctx.caller.say("gather", f"I call: {', '.join(chosen)}.")
    return chosen


def call_tools(ctx: RunContext, tools: list[ContentType]) -> None:
    for tool in tools:
        ctx.check()
        ctx.emit(ToolCall(tool=tool, query=ctx.query))
        found = ctx.search.search(ctx.query, tool, k=ITEMS_PER_TYPE)
        ctx.emit(ToolResult(tool=tool, item_ids=[i.id for i in found],
                            titles=[i.title for i in found]))
        if found:
            ctx.items.update({i.id: i for i in found})
            ctx.by_type[tool] = [i.id for i in found]


def write_answer(ctx: RunContext) -> None:
    """The chat answer is generated, not retrieved; grounded on the top web results. The
    run's answer probe (Section 5.3) may add paraphrases or blank out its meaning."""
    ctx.emit(ToolCall(tool=ContentType.chat_answer, query=ctx.query))
    sources = [ctx.items[i] for i in ctx.by_type.get(ContentType.web, [])[:3]]
    listing = "\n".join(f"- {s.title}: {getattr(s, 'snippet', '')[:160]}" for s in sources)
    prompt = ctx.prompts.fill("chat_answer", query=ctx.query, sources=listing or "- (no results)")
    text = ctx.caller.text("gather", prompt, max_tokens=70, show=False,
                           temperature=ANSWER_TEMPERATURE)
    if len(text.split()) < 4:  # empty or garbage: the template's answer stands in
        answer = extractive_answer(ctx.query, sources)
        ctx.emit(ErrorEvent(stage="gather", message="the generated answer was unusable; "
                            "showing the top result's snippet instead"))
    else:
        answer = ChatAnswerItem(id=ANSWER_ID, title=ctx.query, text=text,
                                citations=[s.id for s in sources])
    answers = [answer]
    if ctx.config.answer_probe == "random_text":
        answer.text = random_text(len(answer.text), seed=ctx.config.seed)
    elif ctx.config.answer_probe == "paraphrases":
        answers += _paraphrases(ctx, prompt, answer)
    ctx.items = {**{a.id: a for a in answers}, **ctx.items}
    ctx.by_type = {ContentType.chat_answer: [a.id for a in answers], **ctx.by_type}
    ctx.emit(ToolResult(tool=ContentType.chat_answer, item_ids=[a.id for a in answers],
                        titles=[a.text[:120] for a in answers]))


PARAPHRASES = 4
PARAPHRASE_TEMPERATURE = 1.0  # far enough from the answer's own to word it differently


def _paraphrases(ctx: RunContext, prompt: str, answer: ChatAnswerItem) -> list[ChatAnswerItem]:
    """The same answer worded again: the answer prompt resampled with other seeds. A sample
    too short to be an answer is left out (so there may be fewer than four)."""
    found = []
    for n in range(1, PARAPHRASES + 1):
        text = ctx.caller.text("gather", prompt, max_tokens=70, show=False,
                               temperature=PARAPHRASE_TEMPERATURE, sample=1 + n)
        if len(text.split()) >= 4:
            found.append(answer.model_copy(update={"id": f"{ANSWER_ID}-{n}", "text": text}))
    return found


def random_text(length: int, seed: int) -> str:
    """Lower-case letter runs of word-like lengths, exactly `length` characters long: an
    answer with the shape of text and none of its meaning."""
    rng = random.Random(seed)
    words: list[str] = []
    size = -1
    while size < length:
        word = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9)))
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:length].rstrip().ljust(length, "x")


def fallback_layout(ctx: RunContext, vertical: Vertical) -> Layout:
    return baseline_layout(vertical, ctx.by_type)


def _example_lines(ctx: RunContext) -> str:
    lines = []
    for e in ctx.prompts.closest_examples(set(ctx.types())):
        boxes = {str(t): [b.col, b.row, b.width, b.height] for t, b in e.layout.items()}
        lines.append(f'For "{e.query}" I proposed: {compact({**boxes, "confidence": 8})}')
    return "\n".join(lines)


def to_layout(ctx: RunContext, reply: LayoutReply) -> tuple[Layout, list[Repair]]:
    """Lenient reply -> strict layout: drop unknown types, add missing ones below, repair."""
    repairs: list[Repair] = []
    blocks = []
    for key, box in reply.boxes.items():
        if key not in ctx.by_type:
            repairs.append(Repair(kind="unknown_type", detail=f"dropped a block for '{key[:40]}'"))
            continue
        t = ContentType(key)
        blocks.append(Block(type=t, **box.model_dump(), ux=DEFAULT_UX[t].model_copy(),
                            item_ids=list(ctx.by_type[t])))
    layout = Layout(blocks=blocks)
    for t in ctx.types():
        if layout.block(t) is None:
            w, h = grid.MIN_SIZE[t]
            layout.blocks.append(Block(type=t, col=0, row=layout.rows_used(), width=max(w, 8),
                                       height=h, ux=DEFAULT_UX[t].model_copy(),
                                       item_ids=list(ctx.by_type[t])))
            repairs.append(Repair(kind="missing_block", block=t, detail="added below the page"))
    fixed, more = grid.repair(layout)
    return fixed, repairs + more


def propose_layout(ctx: RunContext, candidate: int,
                   vertical: Vertical) -> tuple[Layout, int, list[Repair]]:
    """One beam candidate's prototype, refined while confidence < theta."""
    types = ctx.types()
    schema = layout_schema(types)
    max_tokens = 10 + 32 * len(types)
    form = reply_form(compact({**{str(t): ["<col>", "<row>", "<width>", "<height>"]
                                  for t in types}, "confidence": "<0-10>"}))
    # Identical for every candidate (only the seed differs), so its evaluation is shared.
    prompt = ctx.prompts.fill("layout", query=ctx.query, available=ctx.available(),
                              examples=_example_lines(ctx), form=form)
    layout, confidence, repairs = None, 0, []
    history: list = []
    for step in range(1, ctx.config.max_gather_steps + 1):
        ctx.check()
        reply = ctx.caller.json("gather", prompt, schema, read_layout, max_tokens=max_tokens,
                                candidate=candidate, history=history)
        if reply is None:
            if layout is not None:
                break  # keep the last good prototype
            layout, confidence = fallback_layout(ctx, vertical), 0
            repairs.append(Repair(kind="fallback", detail="no usable layout from the model; "
                                  "started from the template layout"))
        else:
            layout, step_repairs = to_layout(ctx, reply)
            confidence = reply.confidence
            repairs += step_repairs
        ctx.emit(LayoutProposed(candidate=candidate, step=step, layout=layout,
                                confidence=confidence, repairs=repairs))
        if reply is None or confidence >= ctx.config.theta:
            break
        # Refine as the next turn of the same conversation: the model sees its proposal, and
        # the long first prompt is reused from the model's cache instead of evaluated again.
        said = {**{k: [b.col, b.row, b.width, b.height] for k, b in reply.boxes.items()},
                "confidence": reply.confidence}
        history = [*history, {"role": "user", "content": prompt},
                   {"role": "assistant", "content": compact(said)}]
        m = grid.metrics(layout)
        notes = "; ".join(r.detail for r in repairs[-3:])
        prompt = ctx.prompts.fill(
            "refine", query=ctx.query, form=form, page=ctx.describe_page(layout),
            whitespace=f"{m.whitespace:.0%}", holes=f"{m.holes:.0%}",
            repairs=f"The engine had to fix: {notes}." if notes else "")
    assert layout is not None
    return layout, confidence, repairs
