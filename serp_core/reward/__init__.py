"""A page reward learned from implicit feedback: PageLLM's multi-grained reward.

    slots.py        ItemSlot: where each shown item sits, from serp_core.geometry
    simulator.py    click simulator for grid pages (examination x attraction, exploration)
    pages.py        pages without a model: template and random layouts of the corpus items
    feedback.py     the feedback log (simulated and human impressions, one SQLite table)
    examination.py  examination per grid cell, position-based-model EM
    pairs.py        item pairs (IPS click pairs, swap pairs), four page pair families
    model.py        RewardModel: lam * z(page) + (1 - lam) * z(item); save / load / version
    train.py        train() and evaluate(): the whole job, summary.json
    evaluate.py     held-out pair accuracy per family, the lambda ablation, grid NDCG
    export.py       pairs as TRL preference JSONL
    use.py          Stage 3 score, pairwise judge, heatmaps for the app
    plugin.py       registers the Stage 3 scorer `reward` and the experiments' judge `reward`
"""

from .evaluate import grid_ndcg
from .examination import ExaminationFit, fit_examination, row_decay
from .export import export_pairs, trl_record
from .feedback import FeedbackLog, Impressions
from .model import RewardModel, ScoreParts
from .pages import Page, page_pool, query_content, random_layout
from .pairs import FAMILIES, PagePair, page_pairs
from .simulator import (
    ClickParams,
    ClickSimulator,
    Session,
    Shown,
    examination,
    expected_clicks,
    true_examination_grid,
)
from .slots import ItemSlot, item_slots
from .train import TrainConfig, evaluate, train
from .use import (
    cached_model,
    default_model_dir,
    examination_heatmaps,
    judge_pair,
    load_model,
    score_candidate,
    score_layout,
)

__all__ = [
    "FAMILIES",
    "ClickParams",
    "ClickSimulator",
    "ExaminationFit",
    "FeedbackLog",
    "Impressions",
    "Page",
    "PagePair",
    "RewardModel",
    "ScoreParts",
    "Session",
    "Shown",
    "ItemSlot",
    "TrainConfig",
    "cached_model",
    "default_model_dir",
    "evaluate",
    "examination",
    "examination_heatmaps",
    "expected_clicks",
    "export_pairs",
    "fit_examination",
    "grid_ndcg",
    "item_slots",
    "judge_pair",
    "load_model",
    "page_pairs",
    "page_pool",
    "query_content",
    "random_layout",
    "row_decay",
    "score_candidate",
    "score_layout",
    "train",
    "trl_record",
    "true_examination_grid",
]
