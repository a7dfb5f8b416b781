"""Prompt treatments of the paper's Section 5 that change the prompt set itself (the ones that
change a run, such as the content order or the answer probes, are RunConfig fields)."""

from __future__ import annotations

import random

from ..prompts import Example, PromptSet
from ..schema import Box, ContentType


def shuffled_examples(prompts: PromptSet, seed: int = 0) -> PromptSet:
    """Fig. 6-7's treatment: in every few-shot example the chat answer goes to the bottom of
    the page and the other types trade boxes at random (the same rectangles, dealt out
    again), so the examples no longer teach where each type belongs. A new prompt version."""
    rng = random.Random(seed)
    return prompts.model_copy(update={
        "name": f"{prompts.name}-shuffled",
        "examples": [_shuffle(e, rng) for e in prompts.examples]})


def _shuffle(example: Example, rng: random.Random) -> Example:
    boxes = dict(example.layout)
    answer = boxes.pop(ContentType.chat_answer, None)
    types = list(boxes)
    dealt = [boxes[t] for t in types]
    if len({(b.col, b.row, b.width, b.height) for b in dealt}) > 1:
        while dealt == [boxes[t] for t in types]:  # a real change, every time
            rng.shuffle(dealt)
    moved = _lift(dict(zip(types, dealt, strict=True)))
    if answer is not None:
        bottom = max((b.row + b.height for b in moved.values()), default=0)
        moved[ContentType.chat_answer] = answer.model_copy(update={"row": bottom})
    return example.model_copy(update={"layout": moved})


def _lift(boxes: dict[ContentType, Box]) -> dict[ContentType, Box]:
    """Move every box up as far as it goes without overlapping the boxes above it, closing
    the gap the answer left at the top."""
    placed: dict[ContentType, Box] = {}
    for t, b in sorted(boxes.items(), key=lambda kv: (kv[1].row, kv[1].col)):
        row = b.row
        while row > 0 and not any(b.model_copy(update={"row": row - 1}).cells() & o.cells()
                                  for o in placed.values()):
            row -= 1
        placed[t] = b.model_copy(update={"row": row})
    return placed
