"""Preference pairs as JSONL in TRL's preference format, for fine-tuning elsewhere.

One line per pair: {"prompt": ..., "chosen": ..., "rejected": ..., "source": ..., "family": ...}
(TRL's "standard" preference format with an explicit prompt, as DPOTrainer / RewardTrainer
read it; "source" says whether the preference is simulated or a person's judgment). The prompt
is the query and the content at hand, numbered per type; each answer is the page written the
way the layout prompt's replies look: compact JSON of type -> [col, row, width, height] in
reading order, plus the order of the items shown in each block by those numbers. A
near-duplicate injected by the redundancy family carries the number of the item it copies.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .. import grid
from ..schema import ContentType
from .pages import Page
from .pairs import PagePair
from .slots import shown_ids

DUP_SUFFIX = "~dup"
TITLE_CHARS = 80


def _numbers(page: Page) -> dict[str, int]:
    """1-based number of each item within its type, in retrieval order (copies excluded)."""
    seen: dict[ContentType, int] = {}
    out: dict[str, int] = {}
    for item_id, item in page.items.items():
        if item_id.endswith(DUP_SUFFIX):
            continue
        seen[item.type] = seen.get(item.type, 0) + 1
        out[item_id] = seen[item.type]
    return out


def prompt_text(page: Page) -> str:
    numbers = _numbers(page)
    lines = [f'Search query: "{page.query}"', "Content available:"]
    by_type: dict[ContentType, list[str]] = {}
    for item_id, item in page.items.items():
        if item_id in numbers:
            by_type.setdefault(item.type, []).append(
                f"  {numbers[item_id]}. {item.title[:TITLE_CHARS]}")
    for t, entries in by_type.items():
        lines.append(f"{t.value}:")
        lines.extend(entries)
    lines.append("Lay out the page on a 12-column grid: for each content type a box "
                 "[col, row, width, height] and the order of the items it shows, by number.")
    return "\n".join(lines)


def page_text(page: Page) -> str:
    numbers = _numbers(page)
    layout, order = {}, {}
    for b in grid.reading_order(page.layout):
        layout[b.type.value] = [b.col, b.row, b.width, b.height]
        order[b.type.value] = [numbers.get(i.removesuffix(DUP_SUFFIX), 0)
                               for i in shown_ids(b, page.items)]
    return json.dumps({"layout": layout, "order": order}, separators=(",", ":"),
                      ensure_ascii=False)


def trl_record(pair: PagePair) -> dict[str, str]:
    """TRL's three fields, then where the preference comes from ("simulated" clicks or a
    "human" judgment) and its family; trainers read the three and ignore the rest."""
    return {"prompt": prompt_text(pair.chosen), "chosen": page_text(pair.chosen),
            "rejected": page_text(pair.rejected), "source": pair.source,
            "family": pair.family}


def export_pairs(path: Path | str, pairs: Iterable[PagePair]) -> int:
    """Write one TRL preference record per pair; returns how many lines were written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for pair in pairs:
            f.write(json.dumps(trl_record(pair), ensure_ascii=False) + "\n")
            n += 1
    return n
