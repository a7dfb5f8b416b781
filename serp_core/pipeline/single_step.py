"""The single-step ablation (paper Table 2): one call places every type and sets its look,
with no intent, no re-ranking and no polish. Items keep their search order."""

from __future__ import annotations

import json

from ..schema import DEFAULT_UX, ITEMS_PER_TYPE, Layout, LayoutProposed, Repair, Vertical
from .context import RunContext
from .gather import fallback_layout, to_layout
from .replies import (
    UX_KEYS,
    ReplyError,
    compact,
    read_layout,
    read_ux,
    reply_form,
    single_step_schema,
    ux_form,
)


def read_single_step(data: dict) -> tuple:
    """The page's boxes (at least one) and the reply itself, for each block's look."""
    reply = read_layout(data)
    if not reply.boxes:
        raise ReplyError("no blocks")
    return reply, data


def single_step_layout(ctx: RunContext, candidate: int,
                       vertical: Vertical) -> tuple[Layout, list[Repair]]:
    types = ctx.types()
    example = {str(t): {"box": [0, 3 * i, 8, 3],
                        **json.loads(ux_form(t, DEFAULT_UX[t], ITEMS_PER_TYPE, tuple(UX_KEYS)))}
               for i, t in enumerate(types[:2])}
    prompt = ctx.prompts.fill("single_step", query=ctx.query, available=ctx.available(),
                              form=reply_form(compact(example)[:-1] + ',...}'))

    got = ctx.caller.json("populate", prompt, single_step_schema(types, ITEMS_PER_TYPE),
                          read_single_step, max_tokens=20 + 60 * len(types), candidate=candidate,
                          block="single_step", fallback="the template layout")
    if got is None:
        layout = fallback_layout(ctx, vertical)
        repairs = [Repair(kind="fallback", detail="no usable page from the model; "
                          "used the template layout")]
    else:
        reply, data = got
        layout, repairs = to_layout(ctx, reply)
        for block in layout.blocks:
            block.ux, _ = read_ux(data.get(str(block.type), {}), block.ux)
    ctx.emit(LayoutProposed(candidate=candidate, step=1, layout=layout, confidence=0,
                            repairs=repairs))
    layout, tightened = ctx.compact(layout)
    return layout, repairs + tightened
