"""Editing prompt sets as a person does in the prompt lab: named versions in a folder, a
few-shot example as rows of a table (type, col, row, width, height), and the checks that keep
an edited set usable (names that are safe folder names, examples that obey the grid rules,
blocks that keep their placeholders)."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from string import Template

from .. import grid
from ..schema import Block, Box, ContentType, Layout
from . import DEFAULT_DIR, Example, PromptSet

log = logging.getLogger(__name__)

DEFAULT_NAME = "default"  # the shipped set; never overwritten
EXAMPLE_COLUMNS = ("type", "col", "row", "width", "height")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def check_name(name: str, what: str = "version name") -> str:
    """A name that is safe as a folder or file name, or ValueError saying why not."""
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise ValueError(f"a {what} is 1-40 lower-case letters, digits, '-' or '_', "
                         "starting with a letter or digit")
    return name


def saved_versions(directory: Path) -> dict[str, PromptSet]:
    """The shipped set and every named version saved under `directory`, by name."""
    versions = {DEFAULT_NAME: PromptSet.load(DEFAULT_DIR)}
    if directory.is_dir():
        for path in sorted(p for p in directory.iterdir() if (p / "blocks").is_dir()):
            if path.name == DEFAULT_NAME:
                continue
            try:
                versions[path.name] = PromptSet.load(path)
            except (OSError, ValueError) as e:  # a half-written or hand-broken folder
                log.warning("skipping prompt version %s: %s", path, e)
    return versions


def version_names(versions: Mapping[str, PromptSet]) -> dict[str, str]:
    """Content hash -> name, to label the hashes recorded on runs."""
    return {p.version: name for name, p in reversed(list(versions.items()))}


def save_version(prompts: PromptSet, directory: Path, name: str) -> PromptSet:
    """Save as `directory/<name>` and return the set as it now loads from disk (whose
    `.version` is what runs will record). Refuses the shipped name and broken examples."""
    name = check_name(name)
    if name == DEFAULT_NAME:
        raise ValueError("'default' is the shipped prompt set: save under another name")
    problems = [p for e in prompts.examples for p in example_problems(e)]
    if problems:
        raise ValueError("fix the examples first: " + "; ".join(problems))
    names = [e.name for e in prompts.examples]
    if len(set(names)) != len(names):
        raise ValueError("two examples have the same name")
    target = directory / name
    prompts.model_copy(update={"name": name}).save(target)
    return PromptSet.load(target)


# --- a few-shot example as table rows ---------------------------------------------------
def example_rows(example: Example) -> list[dict[str, object]]:
    return [{"type": t.value, **box.model_dump()} for t, box in example.layout.items()]


def example_from_rows(name: str, query: str,
                      rows: Iterable[Mapping[str, object]]) -> tuple[Example, list[str]]:
    """An example from edited table rows, and what was wrong with rows that were left out
    (incomplete, an unknown type, a type given twice)."""
    layout: dict[ContentType, Box] = {}
    problems: list[str] = []
    for i, row in enumerate(rows, start=1):
        values = {k: row.get(k) for k in EXAMPLE_COLUMNS}
        if any(_blank(v) for v in values.values()):
            if not all(_blank(v) for v in values.values()):
                problems.append(f"row {i} is incomplete")
            continue
        try:
            type_ = ContentType(str(values["type"]))
        except ValueError:
            problems.append(f"row {i}: unknown content type {values['type']!r}")
            continue
        if type_ in layout:
            problems.append(f"row {i}: {type_} is already placed")
            continue
        layout[type_] = Box(**{k: int(values[k]) for k in EXAMPLE_COLUMNS[1:]})
    return Example(name=name, query=query, layout=layout), problems


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def example_layout(example: Example) -> Layout:
    return Layout(blocks=[Block(type=t, **box.model_dump()) for t, box in example.layout.items()])


def example_problems(example: Example) -> list[str]:
    """The grid rules the example breaks, each prefixed with the example's name. An example
    teaches the model by showing: a broken one teaches broken layouts."""
    problems = [f"no query in {example.name}"] if not example.query.strip() else []
    if not example.layout:
        problems.append(f"{example.name} places nothing")
    problems += [f"{example.name}: {p}" for p in grid.validate(example_layout(example))]
    return problems


# --- monologue blocks ---------------------------------------------------------------------
def placeholders(text: str) -> set[str]:
    """The $names a block fills in (string.Template syntax, as PromptSet.fill uses)."""
    found = set()
    for m in Template.pattern.finditer(text):
        name = m.group("named") or m.group("braced")
        if name:
            found.add(name)
    return found


def missing_placeholders(reference: str, text: str) -> list[str]:
    """Placeholders of the reference block that an edited block no longer has: the engine
    would then not pass that information to the model at all."""
    return sorted(placeholders(reference) - placeholders(text))
