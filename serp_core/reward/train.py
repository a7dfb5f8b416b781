"""Training the multi-grained reward end to end, with no language model:

1. split the queries (train / validation / test, by query, seeded);
2. build pages for the training queries (template + random layouts) and simulate sessions on
   them into the feedback log (this job's batch of rows is replaced, others are kept);
3. fit examination per grid cell from the log (human rows included: they are impressions too);
4. item reward: Bradley-Terry on click pairs (IPS-weighted) and swap pairs, then a two-number
   calibration so that gamma * sigmoid(...) predicts the logged clicks;
5. page reward: Bradley-Terry on the four page families built from the logged pages, and on
   people's side-by-side judgments (reward.human), each pair weighted by its strength;
6. z statistics of both parts on the training pages; lam chosen on the validation queries;
7. evaluate on the test queries (evaluate.py); save model.json, summary.json and the
   training pairs as TRL preference JSONL (pairs.jsonl).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, Field
from scipy.optimize import minimize
from scipy.special import expit, log_expit

from ..query import Query
from ..schema import utcnow
from ..search.base import SearchTool
from .bt import fit_bradley_terry, pair_accuracy
from .evaluate import (
    DEFAULT_LAMBDAS,
    Candidates,
    choose_lambda,
    family_accuracy,
    item_pair_accuracy,
    lambda_ablation,
)
from .examination import ExaminationFit, fit_examination, row_decay
from .export import export_pairs
from .features import ITEM_FEATURES, PAGE_FEATURES, REDUNDANCY, exam_at, item_view, page_vector
from .feedback import FeedbackLog, concat, impressions_of
from .human import human_pairs
from .model import Calibration, Linear, RewardModel, ScoreParts, ZStats
from .pages import Page, page_pool
from .pairs import FAMILIES, PagePair, item_pairs, logged_items, page_pairs
from .simulator import ClickParams, ClickSimulator, true_examination_grid

SUMMARY_FILE = "summary.json"
PAIRS_FILE = "pairs.jsonl"


class TrainConfig(BaseModel):
    seed: int = 0
    pages_per_query: int = Field(8, ge=1)
    sessions_per_page: int = Field(20, ge=1)
    train_share: float = Field(0.7, gt=0, lt=1)
    validation_share: float = Field(0.1, ge=0, lt=1)
    candidates: int = Field(8, ge=2, description="candidate pages per held-out query")
    rounds: int = Field(4, ge=1, description=(
        "candidate sets per validation / test query: more decisions, steadier figures"))
    l2_item: float = 1e-3
    l2_page: float = 1e-2
    em_iterations: int = 200
    min_impressions: int = 30
    use_human: bool = True  # human rows of the log join the examination fit, and people's
    # side-by-side judgments (the Judge page) join the page reward's pairs
    human_weight: float = Field(1.0, ge=0, description=(
        "weight of one judged pair, times its strength |score - 5| / 5, against one "
        "simulated page pair"))
    params: ClickParams = ClickParams()
    lambdas: list[float] = list(DEFAULT_LAMBDAS)


def split_queries(queries: Sequence[str], config: TrainConfig) -> dict[str, list[str]]:
    rng = np.random.default_rng([config.seed, 1])
    order = [queries[i] for i in rng.permutation(len(queries))]
    n_train = max(1, round(config.train_share * len(order)))
    n_val = round(config.validation_share * len(order))
    return {"train": sorted(order[:n_train]), "validation": sorted(order[n_train:n_train + n_val]),
            "test": sorted(order[n_train + n_val:])}


def batch_name(queries: Sequence[str], config: TrainConfig) -> str:
    blob = json.dumps([list(queries), config.model_dump(mode="json")], sort_keys=True)
    return f"train-{config.seed}-{hashlib.sha256(blob.encode()).hexdigest()[:10]}"


def train(store_path: Path | str, *, queries: Iterable[str | Query], search: SearchTool,
          sessions_per_page: int | None = None, seed: int | None = None,
          out_dir: Path | str | None = None,
          config: TrainConfig | None = None) -> tuple[RewardModel, dict[str, Any]]:
    """Simulate, fit, train, evaluate on `queries` (texts, or Query objects), with `search`
    finding each query's items; save DIR/model.json and DIR/summary.json when out_dir is given.
    Returns the model and the summary."""
    started = time.perf_counter()
    config = (config or TrainConfig()).model_copy(update={
        k: v for k, v in (("seed", seed), ("sessions_per_page", sessions_per_page))
        if v is not None})
    texts = _texts(queries)
    split = split_queries(texts, config)
    timings: dict[str, float] = {}

    def lap(name: str, t0: float) -> float:
        timings[name] = round(time.perf_counter() - t0, 2)
        return time.perf_counter()

    t = time.perf_counter()
    rng = np.random.default_rng([config.seed, 2])
    pages = page_pool(search, split["train"], rng, config.pages_per_query)
    sim = ClickSimulator(config.params, seed=config.seed)
    log = FeedbackLog(store_path)
    batch = batch_name(texts, config)
    log.clear("simulated", batch=batch)
    written = log.add_simulated((sim.simulate(p, config.sessions_per_page) for p in pages),
                                batch=batch)
    t = lap("simulate", t)

    simulated = log.impressions("simulated", batch=batch)
    human = log.impressions("human") if config.use_human else None
    fit = fit_examination(concat([simulated, human] if human is not None else [simulated]),
                          iterations=config.em_iterations, min_impressions=config.min_impressions)
    gamma = fit.filled()
    t = lap("examination", t)

    contexts = {p.query: p for p in pages}
    logged = logged_items(simulated, contexts, fit, gamma)
    ipairs = item_pairs(logged, rng)
    w_item = fit_bradley_terry(ipairs.diff, ipairs.weight, config.l2_item)
    calibration = _calibrate(logged.x @ w_item, logged.exam, logged.imp.clicked)
    partial = RewardModel(gamma=gamma.tolist(), item=Linear(features=ITEM_FEATURES,
                          weights=w_item.tolist()), calibration=calibration,
                          page=Linear(features=PAGE_FEATURES, weights=[0.0] * len(PAGE_FEATURES)))
    t = lap("item_reward", t)

    ppairs = page_pairs(pages, fit, gamma, rng)
    hpairs = human_pairs(store_path, weight=config.human_weight) if config.use_human else []
    page_model = _train_page(partial, ppairs + hpairs, config.l2_page)
    model = partial.model_copy(update={"page": page_model})
    raw = [model.parts(p) for p in pages]
    model = model.model_copy(update={
        "z_page": _zstats([r.page for r in raw]), "z_item": _zstats([r.item for r in raw])})
    t = lap("page_reward", t)

    val_rng = np.random.default_rng([config.seed, 3])
    lam = 0.5
    if split["validation"]:
        val = Candidates(model, _candidate_sets(search, split["validation"], val_rng, config),
                         config.params)
        lam = choose_lambda(val, config.lambdas)
    beta_hat, skip_hat = row_decay(fit)
    model = model.model_copy(update={"lam": lam, "training": {
        "seed": config.seed, "config": config.model_dump(mode="json"), "split": split,
        "batch": batch, "impressions": fit.impressions, "clicks": fit.clicks,
        "human_impressions": 0 if human is None else len(human),
        "item_pairs": {k: int((ipairs.family == k).sum()) for k in ("click", "swap")},
        "page_pairs": {f: sum(p.family == f for p in ppairs) for f in FAMILIES},
        "human_pairs": len(hpairs),
        "examination": {"iterations": fit.iterations, "log_likelihood": fit.log_likelihood,
                        "beta": round(beta_hat, 4), "skip": round(skip_hat, 4)},
    }}).stamped()
    model.created_at = utcnow().isoformat()
    t = lap("lambda", t)

    summary = evaluate_model(model, split["test"], search=search, config=config)
    summary["training"] = {**model.training, "written_impressions": written}
    summary["examination"] = examination_summary(fit, config.params)
    summary["human_pairs"] = human_pair_summary(model, hpairs)
    lap("evaluate", t)
    summary["timings_s"] = {**timings, "total": round(time.perf_counter() - started, 2)}
    if out_dir is not None:
        summary["pairs_file"] = PAIRS_FILE  # the training pairs, beside summary.json
        export_pairs(Path(out_dir) / PAIRS_FILE, ppairs + hpairs)
        save(model, summary, out_dir)
    return model, summary


def evaluate(model_or_path: RewardModel | Path | str, *, search: SearchTool,
             queries: Iterable[str | Query] | None = None, config: TrainConfig | None = None,
             out_dir: Path | str | None = None) -> dict[str, Any]:
    """Evaluate a saved model on its own test queries (or the given ones), with the config it
    was trained with unless one is given; writes DIR/summary.json when out_dir is given."""
    model = (model_or_path if isinstance(model_or_path, RewardModel)
             else RewardModel.load(model_or_path))
    if config is None:
        config = TrainConfig.model_validate(model.training.get("config", {}))
    texts = (_texts(queries) if queries is not None
             else list(model.training.get("split", {}).get("test", [])))
    if not texts:
        raise ValueError("no queries to evaluate on: pass queries=")
    summary = evaluate_model(model, texts, search=search, config=config)
    if out_dir is not None:
        save(model, summary, out_dir, write_model=False)
    return summary


def evaluate_model(model: RewardModel, queries: Sequence[str], *, search: SearchTool,
                   config: TrainConfig) -> dict[str, Any]:
    """Held-out traffic on the test queries is simulated in memory (it never enters the
    log), fitted for its own engagement labels, and turned into pairs and candidates."""
    rng = np.random.default_rng([config.seed, 4])
    pages = page_pool(search, queries, rng, config.pages_per_query)
    sim = ClickSimulator(config.params, seed=config.seed + 1)
    imp = impressions_of(sim.simulate(p, config.sessions_per_page) for p in pages)
    fit = fit_examination(imp, iterations=config.em_iterations,
                          min_impressions=config.min_impressions)
    gamma = model.gamma_grid()
    ppairs = page_pairs(pages, fit, gamma, rng)
    ipairs = item_pairs(logged_items(imp, {p.query: p for p in pages}, fit, gamma), rng)
    cands = Candidates(model, _candidate_sets(search, queries, rng, config), config.params)
    ablation = lambda_ablation(cands, model.lam, config.lambdas)
    return {
        "model_version": model.version,
        "lambda": model.lam,
        "test_queries": len(queries),
        "pair_accuracy": family_accuracy(model, ppairs, ClickSimulator(config.params)),
        "item_pair_accuracy": item_pair_accuracy(model, ipairs),
        "ablation": ablation,
        "verdict": _verdict(ablation),
    }


def human_pair_summary(model: RewardModel, pairs: Sequence[PagePair]) -> dict[str, Any]:
    """How many of people's judged pairs the page reward trained on, and how many of them
    the trained reward ranks as people did (in sample: they are training pairs)."""
    if not pairs:
        return {"n": 0, "queries": 0, "fit_accuracy": None}
    chosen = [model.parts(p.chosen) for p in pairs]
    rejected = [model.parts(p.rejected) for p in pairs]

    def accuracy(part: Callable[[ScoreParts], float]) -> float:
        return round(pair_accuracy(np.array([part(c) for c in chosen]),
                                   np.array([part(r) for r in rejected])), 4)

    # Only the page part learns from them; the item part learns from clicks alone.
    return {"n": len(pairs), "queries": len({p.query for p in pairs}),
            "fit_accuracy": {"page": accuracy(lambda s: s.z_page),
                             "joint": accuracy(lambda s: s.combined(model.lam))}}


def examination_summary(fit: ExaminationFit, params: ClickParams) -> dict[str, Any]:
    g, truth = fit.grid(), true_examination_grid(params)
    seen = np.isfinite(g)
    corr = float(np.corrcoef(g[seen], truth[seen])[0, 1]) if seen.sum() > 2 else float("nan")
    beta_hat, skip_hat = row_decay(fit)
    return {"cells_fitted": int(seen.sum()), "corr_with_truth": round(corr, 4),
            "beta": {"fitted": round(beta_hat, 4), "true": params.beta},
            "skip": {"fitted": round(skip_hat, 4), "true": params.skip}}


def save(model: RewardModel, summary: dict[str, Any], out_dir: Path | str,
         write_model: bool = True) -> Path:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if write_model:
        model.save(out)
    path = out / SUMMARY_FILE
    path.write_text(json.dumps(summary, indent=1, sort_keys=False, default=_json_default),
                    encoding="utf-8")
    return path


# --- helpers -------------------------------------------------------------------------------
def _train_page(partial: RewardModel, pairs: Sequence[PagePair], l2: float) -> Linear:
    if not pairs:
        return Linear(features=PAGE_FEATURES, weights=[0.0] * len(PAGE_FEATURES))
    feats = {}
    for p in pairs:
        for page in (p.chosen, p.rejected):
            if id(page) not in feats:
                feats[id(page)] = _page_features(partial, page)
    x = np.array(list(feats.values()))
    mean, std = x.mean(axis=0), x.std(axis=0)
    std = np.where(std > 1e-9, std, 1.0)
    diff = np.array([(feats[id(p.chosen)] - feats[id(p.rejected)]) / std for p in pairs])
    w = fit_bradley_terry(diff, np.array([p.weight for p in pairs]), l2)
    return Linear(features=PAGE_FEATURES, weights=w.tolist(), mean=mean.tolist(),
                  std=std.tolist())


def _page_features(model: RewardModel, page: Page) -> np.ndarray:
    view = item_view(page)
    exam = exam_at(view.slots, model.gamma_grid())
    base = view.x.copy()
    base[:, REDUNDANCY] = 0
    relevance = model._attraction(base @ np.array(model.item.weights))
    return page_vector(page, view, exam, relevance)


def _calibrate(score: np.ndarray, exam: np.ndarray, clicked: np.ndarray) -> Calibration:
    """(scale, shift) maximising the clicks' likelihood under gamma * sigmoid(a s + b)."""
    if len(score) == 0:
        return Calibration()
    y = clicked.astype(bool)
    g = np.clip(exam, 1e-6, 1.0)

    def nll(v: np.ndarray) -> float:
        p = g * expit(v[0] * score + v[1])
        return -float(np.mean(np.where(y, np.log(g) + log_expit(v[0] * score + v[1]),
                                       np.log1p(-np.minimum(p, 1 - 1e-9)))))

    result = minimize(nll, np.array([1.0, 0.0]), method="Nelder-Mead",
                      options={"xatol": 1e-5, "fatol": 1e-9, "maxiter": 400})
    return Calibration(scale=round(float(result.x[0]), 6), shift=round(float(result.x[1]), 6))


def _zstats(values: Sequence[float]) -> ZStats:
    v = np.asarray(values, dtype=float)
    std = float(v.std()) if len(v) > 1 else 1.0
    return ZStats(mean=round(float(v.mean()), 6) if len(v) else 0.0,
                  std=round(std if std > 1e-9 else 1.0, 6))


def _candidate_sets(search: SearchTool, queries: Sequence[str], rng: np.random.Generator,
                    config: TrainConfig) -> dict[str, list[Page]]:
    """`rounds` independent candidate sets per query (each: the template page and random
    pages), keyed "query#round"."""
    out: dict[str, list[Page]] = {}
    for r in range(config.rounds):
        pages = page_pool(search, queries, rng, config.candidates)
        for n, q in enumerate(queries):
            out[f"{q}#{r}"] = pages[n * config.candidates:(n + 1) * config.candidates]
    return out


def _verdict(ablation: dict[str, Any]) -> str:
    s = ablation["scorers"]
    j, p, i = (s[k]["expected_clicks"] for k in ("joint", "page_only", "item_only"))
    lam = s["joint"]["lambda"]
    if ablation["joint_beats_both"]:
        return (f"joint (lambda={lam}) beats both halves on expected clicks: "
                f"{j} vs page-only {p} and item-only {i}")
    better = "page-only" if p >= i else "item-only"
    return (f"joint (lambda={lam}) does NOT beat both halves on expected clicks: joint {j}, "
            f"page-only {p}, item-only {i}; {better} is as good or better")


def _texts(queries: Iterable[str | Query]) -> list[str]:
    out: list[str] = []
    for q in queries:
        text = q if isinstance(q, str) else getattr(q, "text", None)
        if not isinstance(text, str):
            raise TypeError(f"not a query: {q!r}")
        out.append(text)
    return list(dict.fromkeys(out))


def _json_default(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
