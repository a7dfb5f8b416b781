"""Stage 2, candidate generation: per content type, a listwise re-rank and the UX decisions;
then a bird's-eye polish loop over the whole page until the model is confident."""

from __future__ import annotations

from functools import partial

from .. import grid
from ..schema import DEFAULT_UX, UX, Block, ContentType, Layout, PolishStep, Repair
from .context import RunContext, parallel
from .replies import (
    UX_KEYS,
    PolishReply,
    polish_schema,
    read_order,
    read_polish,
    read_ux,
    reply_form,
    rerank_schema,
    ux_form,
    ux_schema,
)

POLISH_FORM = reply_form(
    '{"decision":{"action":"done","confidence":<0-10>}}',
    '{"decision":{"action":"move","block":"<type>","box":[<col>,<row>,<width>,<height>],'
    '"confidence":<0-10>}}',
    '{"decision":{"action":"ux","block":"<type>","setting":"<dir|title|body|media|show|cut>",'
    '"value":"<value>","confidence":<0-10>}}')


def rerank(ctx: RunContext) -> None:
    """Listwise re-rank of each type's results, once per run (the list and the query are the
    same for every beam candidate, so the candidates share it), every type at once."""
    parallel(lambda t: _rerank(ctx, t), [t for t, ids in ctx.by_type.items() if len(ids) > 1])


def _rerank(ctx: RunContext, t: ContentType) -> None:
    ctx.check()
    ids = ctx.by_type[t]
    ctx.caller.say("populate", f"I am re-ranking the {t} results.")
    prompt = ctx.prompts.fill(
        "rerank", type=t, query=ctx.query, items=ctx.numbered_items(t),
        # Placeholders, not numbers: a small model copies the order of an example.
        form=reply_form('{"order":[<all the numbers, most useful first>]}'))
    order = ctx.caller.json("populate", prompt, rerank_schema(len(ids)),
                            partial(read_order, n_items=len(ids)),
                            max_tokens=8 + 3 * len(ids), block="rerank",
                            fallback="keep the search order")
    if order is None:
        ctx.caller.say("populate", f"I keep the search order for {t}.")
        return
    ctx.by_type[t] = [ids[i] for i in order]
    if order[0] != 0:
        ctx.caller.say("populate", f"I move “{ctx.items[ids[order[0]]].title[:50]}” "
                       f"to the top of {t}.")


def populate(ctx: RunContext, candidate: int, layout: Layout) -> tuple[Layout, list[Repair]]:
    """One content type at a time: the re-ranked items go into the block's slots and the
    model decides how they look in a block of that size. The types' decisions do not depend
    on each other, so they are asked at once."""
    layout = layout.model_copy(deep=True)
    found = parallel(lambda block: _look(ctx, candidate, block), grid.reading_order(layout))
    layout, tightened = ctx.compact(layout)
    return layout, [r for repairs in found for r in repairs] + tightened


def _look(ctx: RunContext, candidate: int, block: Block) -> list[Repair]:
    """The model's UX decisions for one block, set on the block."""
    repairs: list[Repair] = []
    ctx.check()
    ids = ctx.by_type[block.type]
    block.item_ids = list(ids)
    prompt = ctx.prompts.fill(
        "populate", type=block.type, width=block.width, height=block.height,
        query=ctx.query, count=len(ids), lead=f"“{ctx.items[ids[0]].title[:40]}”",
        form=reply_form(ux_form(block.type, DEFAULT_UX[block.type], len(ids))))
    reply = ctx.caller.json("populate", prompt, ux_schema(block.type, len(ids)),
                            partial(read_ux, base=DEFAULT_UX[block.type]),
                            max_tokens=40, candidate=candidate, block="populate",
                            fallback="the default look")
    if reply is None:
        block.ux = DEFAULT_UX[block.type].model_copy()
        repairs.append(Repair(kind="fallback", block=block.type,
                              detail="no usable look from the model: the default look"))
        return repairs
    block.ux, fixed = reply
    if fixed:
        repairs.append(Repair(kind="ux_default", block=block.type,
                              detail=f"unreadable {', '.join(fixed)}: kept defaults"))
    ux = block.ux
    ctx.caller.say("populate", f"I place the {block.type} {ux.orientation}ly, showing "
                   f"{ux.max_items}, {ux.media_size} media.", candidate)
    return repairs


def polish(ctx: RunContext, candidate: int, layout: Layout) -> tuple[Layout, list[Repair]]:
    """Bird's-eye review: move/resize one block or change one UX setting per step."""
    repairs: list[Repair] = []
    types = ctx.types()
    for step in range(1, ctx.config.max_polish_steps + 1):
        ctx.check()
        m = grid.metrics(layout)
        prompt = ctx.prompts.fill(
            "polish", query=ctx.query, form=POLISH_FORM, page=ctx.describe_page(layout),
            whitespace=f"{m.whitespace:.0%}",
            holes=f"{m.holes:.0%}")
        answer = ctx.caller.ask_json("polish", prompt, polish_schema(types), read_polish,
                                     max_tokens=90, candidate=candidate, step=step,
                                     block="polish", fallback="keep the page as it is",
                                     history=ctx.turns.get(candidate))
        reply = answer.value
        if answer.completion is not None:  # the next step and the score continue from here
            ctx.turns[candidate] = [*ctx.turns.get(candidate, []),
                                    {"role": "user", "content": prompt},
                                    {"role": "assistant", "content": answer.completion.text}]
        if reply is None or reply.action == "done":
            detail = "no usable polish reply" if reply is None else "the page is ready"
            ctx.emit(PolishStep(candidate=candidate, step=step, action="done", detail=detail,
                                layout=layout))
            break
        layout, detail, rejected = _apply(layout, reply)
        layout, tightened = ctx.compact(layout)
        repairs += rejected + tightened
        ctx.emit(PolishStep(candidate=candidate, step=step, action=reply.action, detail=detail,
                            layout=layout))
        if reply.confidence >= ctx.config.theta:
            break
    return layout, repairs


def _apply(layout: Layout, reply: PolishReply) -> tuple[Layout, str, list[Repair]]:
    target = next((b for b in layout.blocks if str(b.type) == reply.block), None)
    if target is None:
        return layout, "I keep the page as it is.", [Repair(
            kind="polish_rejected", detail=f"no '{reply.block[:40]}' block on the page")]
    new = layout.model_copy(deep=True)
    block = new.block(target.type)
    if reply.action == "move":
        block.col, block.row = reply.box.col, reply.box.row
        block.width, block.height = reply.box.width, reply.box.height
        fixed, repairs = grid.repair(new, keep=target.type)  # the others make room
        moved = fixed.block(target.type)
        return fixed, (f"I move {moved.type} to col {moved.col}, row {moved.row}, "
                       f"{moved.width}x{moved.height}."), repairs
    value: object = reply.value
    if value in ("true", "false"):
        value = value == "true"
    elif str(value).isdigit():
        value = int(value)
    block.ux, fixed = read_ux({reply.setting: value}, block.ux)
    if fixed or UX_KEYS.get(reply.setting, reply.setting) not in UX.model_fields:
        return layout, "I keep the page as it is.", [Repair(
            kind="polish_rejected", block=block.type,
            detail=f"cannot set {reply.setting[:30]} to {reply.value[:30]}")]
    return new, f"I set {block.type} {reply.setting} to {reply.value}.", []
