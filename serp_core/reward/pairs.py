"""Preference pairs from the feedback log.

Item level (what the item reward learns from):
- click pairs: in one session, a clicked item is preferred to an examined-but-skipped one.
  Weight = inverse propensity of the click, min(1 / gamma, IPS_CLIP), times the posterior
  that the skipped item was examined, gamma (1 - alpha) / (1 - gamma alpha).
- swap pairs: two items of one query seen in the same anchor cell of the same block type
  (other layouts of the query, or exploration shuffles) whose click rates there differ
  (one-sided two-proportion z >= 1.645): same examination, so the difference is the item's.

Page level, four families built from each logged page; the original is always preferred:
- relevance: its most engaged shown items (highest fitted alpha) swapped for the query's
  unshown items of the same type that were seen elsewhere and engaged at most half as much;
- ranking: an engaged item swapped, within its block, with a less engaged item in a cell
  whose fitted examination is clearly lower;
- diversity: the page collapsed toward one category: the block with most items keeps all its
  results, one other block stays, the rest go;
- redundancy: a near-duplicate of a block's most engaged item (same URL and title) put in
  place of the block's second most engaged item (in up to two blocks).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel

from ..schema import ContentType, Layout
from .examination import ExaminationFit
from .features import ITEM_FEATURES, REDUNDANCY, exam_at, item_vector, retrieval_ranks
from .feedback import Impressions
from .pages import Page
from .similarity import earlier_similar, similarity_matrix
from .slots import shown_ids

# The four families are built from logged pages; "judged" pairs come from people's
# side-by-side judgments (reward.human).
Family = Literal["relevance", "ranking", "diversity", "redundancy", "judged"]
FAMILIES: tuple[Family, ...] = ("relevance", "ranking", "diversity", "redundancy")
Source = Literal["simulated", "human"]
IPS_CLIP = 10.0
SKIPS_PER_CLICK = 4
SWAP_MIN_VIEWS = 5
SWAP_Z = 1.645
ENGAGED_RATIO = 0.5  # an "unengaged" replacement has at most half the alpha
EXAM_GAP = 0.05  # a "low-examination" cell is at least this much below the item's own


class PagePair(BaseModel):
    family: Family
    query: str
    chosen: Page
    rejected: Page
    source: Source = "simulated"  # where the preference comes from
    weight: float = 1.0  # in the Bradley-Terry loss


@dataclass
class ItemPairs:
    diff: np.ndarray  # (m, d) x_preferred - x_other
    weight: np.ndarray  # (m,)
    family: np.ndarray  # (m,) 'click' | 'swap'


@dataclass
class LoggedItems:
    """Every impression's item features, with the fitted examination and attraction."""

    imp: Impressions
    x: np.ndarray  # (n, d)
    exam: np.ndarray  # (n,) fitted gamma at the impression's cell
    alpha: np.ndarray  # (n,) fitted attraction of (query, item); NaN if unknown


def logged_items(imp: Impressions, contexts: Mapping[str, Page], fit: ExaminationFit,
                 gamma: np.ndarray) -> LoggedItems:
    """Featurise impressions of queries we have content for (others are dropped)."""
    keep = np.array([q in contexts for q in imp.query], dtype=bool)
    imp = imp.subset(keep)
    n = len(imp)
    x = np.zeros((n, len(ITEM_FEATURES)))
    base: dict[tuple[str, str], np.ndarray] = {}
    sims: dict[str, tuple[dict[str, int], np.ndarray]] = {}
    ranks: dict[str, dict[str, int]] = {}
    for start, stop in _groups(imp.session):
        query = imp.query[start]
        page = contexts[query]
        if query not in sims:
            ids = list(page.items)
            sims[query] = ({i: k for k, i in enumerate(ids)},
                           similarity_matrix([page.items[i] for i in ids]))
            ranks[query] = retrieval_ranks(page)
        index, sim = sims[query]
        items = imp.item_id[start:stop]
        for r, item_id in enumerate(items, start):
            key = (query, item_id)
            if key not in base:
                base[key] = item_vector(page, item_id, ranks[query].get(item_id, 99))
            x[r] = base[key]
        idx = np.array([index[i] for i in items])
        order = np.lexsort((imp.slot_col[start:stop], imp.cell_row[start:stop]))
        x[start:stop, REDUNDANCY] = np.log1p(earlier_similar(sim[np.ix_(idx, idx)], order))
    exam = gamma[imp.cell_row, imp.cell_col] if n else np.zeros(0)
    alpha = np.array([fit.attraction.get(q, {}).get(i, np.nan)
                      for q, i in zip(imp.query, imp.item_id, strict=True)], dtype=float)
    return LoggedItems(imp, x, exam, alpha)


def item_pairs(logged: LoggedItems, rng: np.random.Generator) -> ItemPairs:
    imp, x = logged.imp, logged.x
    # click pairs, as (preferred row, other row, weight)
    first: list[np.ndarray] = []
    second: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for start, stop in _groups(imp.session):
        clicked = np.flatnonzero(imp.clicked[start:stop]) + start
        skipped = np.flatnonzero(~imp.clicked[start:stop]) + start
        if not len(clicked) or not len(skipped):
            continue
        g, a = logged.exam[skipped], np.nan_to_num(logged.alpha[skipped], nan=0.5)
        post = g * (1 - a) / np.maximum(1 - g * a, 1e-9)
        k = min(SKIPS_PER_CLICK, len(skipped))
        for i in clicked:
            pick = rng.choice(len(skipped), size=k, replace=False)
            ips = min(1 / max(logged.exam[i], 1e-9), IPS_CLIP)
            first.append(np.full(k, i))
            second.append(skipped[pick])
            weights.append(ips * post[pick] * len(skipped) / k)
    d = len(ITEM_FEATURES)
    diff = np.zeros((0, d))
    weight = np.zeros(0)
    if first:
        a_rows, b_rows = np.concatenate(first), np.concatenate(second)
        diff, weight = x[a_rows] - x[b_rows], np.concatenate(weights)
    family = np.array(["click"] * len(weight), dtype=object)
    swaps = _swap_pairs(logged)
    if len(swaps):
        # the two kinds weigh the same in total, whatever their counts
        total = float(weight.sum()) if len(weight) else float(len(swaps))
        diff = np.vstack([diff, swaps])
        weight = np.concatenate([weight, np.full(len(swaps), total / len(swaps))])
        family = np.concatenate([family, np.array(["swap"] * len(swaps), dtype=object)])
    return ItemPairs(diff, weight, family)


def _swap_pairs(logged: LoggedItems) -> np.ndarray:
    """Per (query, cell, block type) and item: views, clicks and summed features; then the
    significantly better-clicked item of each pair there is preferred."""
    imp, x = logged.imp, logged.x
    groups: dict[tuple, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r, key in enumerate(zip(imp.query, imp.cell_row, imp.cell_col, imp.block_type,
                                strict=True)):
        groups[key][imp.item_id[r]].append(r)
    rows: list[np.ndarray] = []
    for stats in groups.values():
        seen = [(len(rs), int(imp.clicked[rs].sum()), rs) for rs in stats.values()
                if len(rs) >= SWAP_MIN_VIEWS]
        for va, ca, ra in seen:
            for vb, cb, rb in seen:
                if ra is not rb and _z(ca, va, cb, vb) >= SWAP_Z:
                    rows.append(x[ra].mean(axis=0) - x[rb].mean(axis=0))
    return np.array(rows).reshape(-1, len(ITEM_FEATURES))


def _z(ca: int, va: int, cb: int, vb: int) -> float:
    p = (ca + cb) / (va + vb)
    se = math.sqrt(p * (1 - p) * (1 / va + 1 / vb))
    return (ca / va - cb / vb) / se if se > 0 else 0.0


def _groups(session: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of equal session indices (rows come grouped by session)."""
    if len(session) == 0:
        return []
    cuts = np.flatnonzero(np.diff(session)) + 1
    starts = np.concatenate([[0], cuts])
    stops = np.concatenate([cuts, [len(session)]])
    return list(zip(starts.tolist(), stops.tolist(), strict=True))


# --- page families -------------------------------------------------------------------------
def page_pairs(pages: Sequence[Page], fit: ExaminationFit, gamma: np.ndarray,
               rng: np.random.Generator,
               families: Sequence[Family] = FAMILIES) -> list[PagePair]:
    makers = {"relevance": _relevance, "ranking": _ranking, "diversity": _diversity,
              "redundancy": _redundancy}
    pairs: list[PagePair] = []
    for page in pages:
        alpha = fit.attraction.get(page.query, {})
        for family in families:
            variant = makers[family](page, alpha, gamma, rng)
            if variant is not None:
                pairs.append(PagePair(family=family, query=page.query, chosen=page,
                                      rejected=variant))
    return pairs


def _with_layout(page: Page, layout: Layout, **update: object) -> Page:
    return page.model_copy(update={"layout": layout, **update})


def _engaged(page: Page, alpha: Mapping[str, float]) -> list[tuple[int, str]]:
    """(block index, item id) of shown items with a fitted alpha, most engaged first."""
    shown = [(b, i) for b, block in enumerate(page.layout.blocks)
             for i in shown_ids(block, page.items) if i in alpha]
    return sorted(shown, key=lambda bi: -alpha[bi[1]])


def _relevance(page: Page, alpha: Mapping[str, float], gamma: np.ndarray,
               rng: np.random.Generator) -> Page | None:
    layout = page.layout.model_copy(deep=True)
    on_page = {i for b in layout.blocks for i in shown_ids(b, page.items)}
    swaps = 0
    for b, item_id in _engaged(page, alpha)[:4]:
        block = layout.blocks[b]
        spare = [i for i in block.item_ids if i not in on_page and i in alpha
                 and alpha[i] <= ENGAGED_RATIO * alpha[item_id]]
        if not spare:
            continue
        worst = min(spare, key=lambda i: alpha[i])
        ids = block.item_ids
        p, q = ids.index(item_id), ids.index(worst)
        ids[p], ids[q] = ids[q], ids[p]
        on_page = (on_page - {item_id}) | {worst}
        swaps += 1
        if swaps == 2:
            break
    return _with_layout(page, layout) if swaps else None


def _ranking(page: Page, alpha: Mapping[str, float], gamma: np.ndarray,
             rng: np.random.Generator) -> Page | None:
    slots = page.slots()
    exam = dict(zip((s.item_id for s in slots), exam_at(slots, gamma), strict=True))
    for b, item_id in _engaged(page, alpha):
        block = page.layout.blocks[b]
        others = [i for i in shown_ids(block, page.items) if i != item_id and i in alpha
                  and alpha[i] < alpha[item_id] and exam[i] < exam[item_id] - EXAM_GAP]
        if others:
            target = min(others, key=lambda i: exam[i])
            layout = page.layout.model_copy(deep=True)
            ids = layout.blocks[b].item_ids
            p, q = ids.index(item_id), ids.index(target)
            ids[p], ids[q] = ids[q], ids[p]
            return _with_layout(page, layout)
    return None


def _diversity(page: Page, alpha: Mapping[str, float], gamma: np.ndarray,
               rng: np.random.Generator) -> Page | None:
    blocks = [b for b in page.layout.blocks if shown_ids(b, page.items)]
    if len({b.type for b in blocks}) < 3:
        return None
    main = max(blocks, key=lambda b: len(shown_ids(b, page.items)))
    others = [b for b in blocks if b is not main]
    kept = others[int(rng.integers(len(others)))]
    grown = main.model_copy(deep=True)
    grown.ux.max_items = min(10, max(grown.ux.max_items, len(grown.item_ids)))
    return _with_layout(page, Layout(blocks=[grown if b is main else b.model_copy(deep=True)
                                             for b in blocks if b is main or b is kept]))


def _redundancy(page: Page, alpha: Mapping[str, float], gamma: np.ndarray,
                rng: np.random.Generator) -> Page | None:
    """In up to two blocks, a near-duplicate of the block's most engaged item (same URL and
    title) takes the place of its second most engaged one. Replacing an engaged item, rather
    than the block's last, keeps the label honest under a click model: a repeat of a strong
    item can out-draw a weak item it pushes out, but not a comparably strong one."""
    layout = page.layout.model_copy(deep=True)
    items, ranks = dict(page.items), dict(retrieval_ranks(page))
    relevance = dict(page.relevance)
    done = 0
    for block in layout.blocks:
        engaged = sorted((i for i in shown_ids(block, page.items) if i in alpha),
                         key=lambda i: -alpha[i])
        if block.type == ContentType.chat_answer or len(engaged) < 2:
            continue
        best, second = engaged[0], engaged[1]
        copy_id = f"{best}~dup"
        items[copy_id] = items[best].model_copy(update={"id": copy_id})
        ranks[copy_id] = ranks[best]
        if best in relevance:
            relevance[copy_id] = relevance[best]
        block.item_ids[block.item_ids.index(second)] = copy_id
        done += 1
        if done == 2:
            break
    if not done:
        return None
    return _with_layout(page, layout, items=items, ranks=ranks, relevance=relevance)
