"""Prompt sets: first-person monologue blocks and few-shot layout examples, kept as files.

A prompt set's version is a hash of its content, recorded on every run, so two versions can
be compared on the same queries. Blocks use `$name` placeholders (string.Template), which
leave JSON braces in the text alone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from string import Template

from pydantic import BaseModel

from ..schema import Box, ContentType

DEFAULT_DIR = Path(__file__).parent / "default"
BLOCK_NAMES = ("system", "intent", "intent_pick", "tools", "answer_voice", "chat_answer",
               "answer_pick",
               "layout", "refine", "rerank", "populate", "polish", "score", "single_step")
# Blocks newer than some saved prompt versions: a version saved without one takes the
# default's text for it (any other missing block makes the folder unusable).
LATER_BLOCKS = ("intent_pick", "answer_voice", "answer_pick")


class Example(BaseModel):
    """A few-shot layout example: a query and where each content type went."""

    name: str
    query: str
    layout: dict[ContentType, Box]


class Filled(str):
    """A prompt filled from a block: the text, and what it was made from (the block's name,
    its text and the values put in), so a call's trace can name its block and a replay can
    fill an edited block with the same values."""

    block: str
    template: str
    values: dict[str, str]

    def __new__(cls, block: str, template: str, values: dict[str, str]) -> Filled:
        made = super().__new__(cls, Template(template).safe_substitute(values))
        made.block, made.template, made.values = block, template, values
        return made


class PromptSet(BaseModel):
    name: str = "default"
    blocks: dict[str, str]
    examples: list[Example]

    @property
    def version(self) -> str:
        payload = json.dumps(
            {"blocks": self.blocks, "examples": [e.model_dump(mode="json") for e in self.examples]},
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:12]

    def fill(self, block: str, **values: object) -> Filled:
        # safe_substitute: an edited block with a stray "$" must not break a run.
        return Filled(block, self.blocks[block], {k: str(v) for k, v in values.items()})

    def closest_examples(self, types: set[ContentType], n: int = 2) -> list[Example]:
        """The n examples whose content types best match, most similar last (closest to the
        question), scored as LayoutPrompter does: 2*|A & B| / (|A| + |B|)."""

        def similarity(e: Example) -> float:
            other = set(e.layout)
            return 2 * len(types & other) / (len(types) + len(other) or 1)

        ranked = sorted(self.examples, key=lambda e: (similarity(e), e.name))
        return ranked[-n:] if n else []

    @classmethod
    def load(cls, directory: Path = DEFAULT_DIR) -> PromptSet:
        def block(name: str) -> str:
            path = directory / "blocks" / f"{name}.md"
            if not path.is_file() and name in LATER_BLOCKS:
                path = DEFAULT_DIR / "blocks" / f"{name}.md"
            return path.read_text().strip()

        blocks = {name: block(name) for name in BLOCK_NAMES}
        examples = [Example(name=p.stem, **json.loads(p.read_text()))
                    for p in sorted((directory / "examples").glob("*.json"))]
        return cls(name=directory.name, blocks=blocks, examples=examples)

    def save(self, directory: Path) -> None:
        (directory / "blocks").mkdir(parents=True, exist_ok=True)
        (directory / "examples").mkdir(parents=True, exist_ok=True)
        for name, text in self.blocks.items():
            (directory / "blocks" / f"{name}.md").write_text(text.strip() + "\n")
        for old in (directory / "examples").glob("*.json"):
            old.unlink()
        for e in self.examples:
            body = e.model_dump(mode="json", exclude={"name"})
            (directory / "examples" / f"{e.name}.json").write_text(json.dumps(body, indent=2))
