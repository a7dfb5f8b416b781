"""Stage 1, information gathering: intent, tool calls, the generated answer, and layout
prototypes refined until the model's confidence reaches theta (or a step limit)."""

from __future__ import annotations

from functools import partial

from .. import grid
from ..baseline import baseline_layout
from ..schema import (
    DEFAULT_UX,
    ITEMS_PER_TYPE,
    RETRIEVAL_TOOLS,
    Block,
    ContentType,
    ErrorEvent,
    Item,
    Layout,
    LayoutProposed,
    Repair,
    ToolCall,
    ToolResult,
    Vertical,
)
from ..search import relevance
from ..search.providers import provider_label
from .context import RunContext
from .replies import (
    LayoutReply,
    ReplyError,
    compact,
    enum_of,
    layout_schema,
    object_of,
    read_layout,
    read_tools,
    reply_form,
    tools_schema,
)

# What a person searching usually wants, for a model that chooses rather than writes.
GOALS = ("plan a trip or an outing", "buy something and compare options",
         "learn or understand something", "look after their health",
         "find a place nearby", "keep up with the news",
         "watch, play or follow something they enjoy", "fix, make or do something themselves")


def understand_intent(ctx: RunContext) -> None:
    """The model's reading of the query: written freely and streamed, or (for a model that
    cannot be trusted with free text) chosen among GOALS and said as a sentence."""
    ctx.caller.say("gather", f"I am reading “{ctx.query}” to understand what the person "
                   "wants.")
    if ctx.writes_freely():
        ctx.intent = ctx.caller.text("gather", ctx.prompts.fill("intent", query=ctx.query),
                                     max_tokens=40, block="intent",
                                     fallback="go on without a reading of the query")
        return
    goals = "\n".join(f"{n}. {goal}" for n, goal in enumerate(GOALS, 1))
    prompt = ctx.prompts.fill("intent_pick", query=ctx.query, goals=goals,
                              form=reply_form('{"goal":<number>}'))
    schema = object_of({"goal": enum_of(list(range(1, len(GOALS) + 1)))})
    goal = ctx.caller.json("gather", prompt, schema, read_goal, max_tokens=12,
                           block="intent_pick",
                           fallback="go on without a reading of the query")
    if goal is not None:
        ctx.intent = f"I think they want to {GOALS[goal - 1]}."
        ctx.caller.say("gather", ctx.intent)


def read_goal(data: dict) -> int:
    goal = data.get("goal")
    if not isinstance(goal, int) or not 1 <= goal <= len(GOALS):
        raise ReplyError(f"'goal' must be a number from 1 to {len(GOALS)}")
    return goal


def choose_tools(ctx: RunContext) -> list[ContentType]:
    """The model picks tools. Web results are always fetched, since every page needs them;
    a choice of nothing beyond web is taken as no choice, and every tool is called."""
    names = [str(t) for t in RETRIEVAL_TOOLS]
    prompt = ctx.prompts.fill("tools", query=ctx.query, intent=ctx.intent or "-",
                              tools=", ".join(names),
                              form=reply_form(compact({"tools": names})))
    reply = ctx.caller.json("gather", prompt, tools_schema(RETRIEVAL_TOOLS),
                            partial(read_tools, names=names), max_tokens=60, block="tools",
                            fallback="call every tool")
    chosen = [ContentType.web] + [ContentType(t) for t in reply or [] if t != "web"]
    if len(chosen) == 1:
        ctx.caller.say("gather", "I have no clear choice of tools, so I call every tool.")
        return RETRIEVAL_TOOLS
    ctx.caller.say("gather", f"I call: {', '.join(chosen)}.")
    return chosen


def call_tools(ctx: RunContext, tools: list[ContentType]) -> None:
    """Call each tool, then keep only the results about the query (judged over all of them
    together: the results' own text says which query words are names). A tool left with
    nothing relevant gets no block."""
    found: dict[ContentType, list[Item]] = {}
    for tool in tools:
        ctx.check()
        ctx.emit(ToolCall(tool=tool, query=ctx.query))
        found[tool], ctx.sources[tool] = ctx.search.find(ctx.query, tool, k=ITEMS_PER_TYPE)
        source = ctx.sources[tool]
        if source.error:  # the chosen provider failed: the corpus answered
            ctx.emit(ErrorEvent(stage="gather", message=f"{tool}: {source.error}; the "
                                "bundled corpus answered instead"))
            ctx.caller.say("gather", f"I could not search {tool} with "
                           f"{provider_label(source.wanted)}, so I use the bundled corpus "
                           "for it.")
    kept, dropped = relevance.keep(ctx.query, found, ctx.search.idf)
    for tool in found:
        hits = kept.get(tool, [])
        ctx.emit(ToolResult(tool=tool, item_ids=[i.id for i in hits],
                            titles=[i.title for i in hits], source=ctx.sources[tool]))
        if hits:
            ctx.items.update({i.id: i for i in hits})
            ctx.by_type[tool] = [i.id for i in hits]
    if dropped:
        shown = "; ".join(f"“{i.title[:40]}”" for i in dropped[:3])
        more = f" and {len(dropped) - 3} more" if len(dropped) > 3 else ""
        ctx.caller.say("gather", f"I leave out {len(dropped)} result(s) that are not about "
                       f"the query: {shown}{more}.")


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
                                candidate=candidate, step=step, history=history,
                                block="layout" if step == 1 else "refine",
                                fallback="the template layout" if layout is None
                                else "keep the last prototype")
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
