"""What a vision model is shown: the text prompt it would get anyway (the page described
block by block), a note on the screenshot that follows (a prompt block file, vision_*.md),
and the screenshot itself as an image part."""

from __future__ import annotations

from ..llm.base import Detail, image_part, text_part
from ..prompts import DEFAULT_DIR

DETAIL: Detail = "auto"  # the API's choice of resolution; "low" is cheaper, "high" reads small text
BLOCKS = DEFAULT_DIR / "blocks"


def block(name: str) -> str:
    """A vision prompt block's text (vision_score, vision_pair, vision_marks), read afresh."""
    return (BLOCKS / f"{name}.md").read_text().strip()


def numbered(description: str) -> str:
    """'web [0,0,8,3] ...' lines as '1. web [0,0,8,3] ...': the numbers the marks show."""
    return "\n".join(f"{n}. {line}" for n, line in enumerate(description.splitlines(), 1))


def score_parts(prompt: str, png: bytes, *, marks: bool) -> list[dict]:
    """The score prompt, the screenshot note, then the first screen."""
    note = block("vision_score").replace("$marks", " " + block("vision_marks") if marks else "")
    return [text_part(f"{prompt}\n{note}"), image_part(png, DETAIL)]


def pair_parts(prompt: str, png_a: bytes, png_b: bytes) -> list[dict]:
    """The pair prompt, the screenshot note, then Page A's first screen and Page B's."""
    return [text_part(f"{prompt}\n{block('vision_pair')}"),
            text_part("Page A:"), image_part(png_a, DETAIL),
            text_part("Page B:"), image_part(png_b, DETAIL)]
