"""Refitting the simulator's examination from its own clicks, and Bradley-Terry."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit
from scipy.stats import spearmanr

from serp_core.reward import ClickParams, ClickSimulator, fit_examination, page_pool, row_decay
from serp_core.reward.bt import fit_bradley_terry, pair_accuracy
from serp_core.reward.feedback import impressions_of
from serp_core.reward.simulator import true_examination_grid
from serp_core.search.local import load_topics


@pytest.fixture(scope="module")
def pool(corpus):
    queries = [q.text for q in load_topics()][::4]  # 50 queries, every vertical
    return page_pool(corpus, queries, np.random.default_rng(0), per_query=6)


_FITS: dict = {}


def refit(pool, params: ClickParams, sessions: int = 40, min_impressions: int = 100):
    key = (params.model_dump_json(), len(pool), sessions, min_impressions)
    if key not in _FITS:  # tests that ask for the same data share one fit
        sim = ClickSimulator(params, seed=11)
        imp = impressions_of(sim.simulate(p, sessions) for p in pool)
        _FITS[key] = fit_examination(imp, min_impressions=min_impressions)
    return _FITS[key]


# A pure position model (no size or salience term): the fitted grid should be the truth.
PURE = {"kappa": 0.0, "type_factor": {}}


@pytest.mark.parametrize("beta,skip", [(0.85, 0.15), (0.7, 0.15)])
def test_refit_recovers_the_simulators_examination(pool, beta, skip):
    params = ClickParams(beta=beta, skip=skip, **PURE)
    fit = refit(pool, params)
    g, truth = fit.grid(), true_examination_grid(params)
    seen = np.isfinite(g)
    assert seen.sum() >= 100  # the random layouts reach most of the page
    assert np.corrcoef(g[seen], truth[seen])[0, 1] > 0.97
    assert np.nanmax(g) == pytest.approx(1.0)  # the scale convention
    assert np.nanmedian(np.abs(g[seen] - truth[seen])) < 0.05
    beta_hat, skip_hat = row_decay(fit)
    # Row decay is well identified (s.d. about 0.01-0.02 over seeds at this size); row
    # skipping only roughly (s.d. about 0.05-0.09: it rests on the row 0 / row 1 contrast).
    assert beta_hat == pytest.approx(beta, abs=0.04)
    assert skip_hat == pytest.approx(skip, abs=0.15)


def test_refit_under_default_params_still_tracks_the_truth(pool):
    params = ClickParams()  # with size and salience terms the fit averages them per cell
    fit = refit(pool, params)
    g, truth = fit.grid(), true_examination_grid(params)
    seen = np.isfinite(g)
    assert np.corrcoef(g[seen], truth[seen])[0, 1] > 0.93
    assert row_decay(fit)[0] == pytest.approx(params.beta, abs=0.05)


def test_fitted_attraction_orders_items_by_relevance(pool):
    fit = refit(pool, ClickParams(beta=0.85, skip=0.15, **PURE))
    rhos = []
    for page in pool[::6]:
        alpha = fit.attraction[page.query]
        ids = [i for i in alpha if i in page.relevance]
        rhos.append(spearmanr([alpha[i] for i in ids], [page.relevance[i] for i in ids]).statistic)
    assert np.mean(rhos) > 0.8


def test_sparse_cells_are_masked_and_filled_pessimistically(pool):
    fit = refit(pool[:24], ClickParams(**PURE), sessions=10, min_impressions=40)
    g, counts = fit.grid(), np.array(fit.counts)
    assert (counts < fit.min_impressions).any() and (counts >= fit.min_impressions).any()
    assert np.isnan(g[counts < fit.min_impressions]).all()
    assert np.isfinite(g[counts >= fit.min_impressions]).all()
    filled = fit.filled()
    assert np.isfinite(filled).all()
    assert filled[np.isnan(g)].max() <= np.nanmax(g)


# --- Bradley-Terry -------------------------------------------------------------------------
def planted(seed: int, n_items: int = 300, d: int = 6, n_pairs: int = 6000):
    rng = np.random.default_rng(seed)
    w = np.array([2.0, -1.5, 1.0, 0.5, -0.25, 0.0])[:d]
    x = rng.normal(size=(n_items, d))
    a, b = rng.integers(0, n_items, n_pairs), rng.integers(0, n_items, n_pairs)
    a_wins = rng.random(n_pairs) < expit((x[a] - x[b]) @ w)
    diff = np.where(a_wins[:, None], x[a] - x[b], x[b] - x[a])
    return w, x, diff


def test_bradley_terry_recovers_a_planted_preference():
    w, x, diff = planted(0)
    w_hat = fit_bradley_terry(diff, l2=1e-4)
    assert np.sign(w_hat[:5]).tolist() == np.sign(w[:5]).tolist()
    assert abs(w_hat[5]) < 0.15  # the irrelevant feature stays near zero
    assert w_hat @ w / np.linalg.norm(w_hat) / np.linalg.norm(w) > 0.99
    assert spearmanr(w_hat, w).statistic > 0.95
    # it ranks items the way the planted weights do
    assert spearmanr(x @ w_hat, x @ w).statistic > 0.98
    assert w_hat == pytest.approx(w, abs=0.25)  # near the true scale with little L2


def test_bradley_terry_weights_count_like_repeated_pairs():
    _, _, diff = planted(1, n_pairs=400)
    weights = np.where(np.arange(len(diff)) % 2 == 0, 2.0, 1.0)
    repeated = np.vstack([diff, diff[::2]])
    assert fit_bradley_terry(diff, weights, l2=1e-3) == pytest.approx(
        fit_bradley_terry(repeated, None, l2=1e-3), abs=1e-4)


def test_bradley_terry_l2_shrinks_and_pair_accuracy_counts_ties_half():
    _, _, diff = planted(2)
    loose, tight = fit_bradley_terry(diff, l2=1e-4), fit_bradley_terry(diff, l2=10.0)
    assert np.linalg.norm(tight) < 0.2 * np.linalg.norm(loose)
    assert pair_accuracy(np.array([2.0, 1.0, 0.0]), np.array([1.0, 1.0, 1.0])) == pytest.approx(
        0.5)
