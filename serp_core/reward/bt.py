"""Bradley-Terry on feature differences: P(a > b) = sigmoid(w . (x_a - x_b)).

A weighted logistic loss with L2, minimised with scipy's L-BFGS-B; deterministic (no random
start, the optimiser starts at zero).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit


def fit_bradley_terry(diff: np.ndarray, weights: np.ndarray | None = None,
                      l2: float = 1e-2, max_iter: int = 500) -> np.ndarray:
    """w minimising sum_k c_k log(1 + exp(-w . diff_k)) / sum_k c_k + l2 / 2 |w|^2, where
    each row of `diff` is x_preferred - x_other."""
    diff = np.asarray(diff, dtype=float)
    m, d = diff.shape
    if m == 0:
        return np.zeros(d)
    c = np.ones(m) if weights is None else np.asarray(weights, dtype=float)
    c = c / c.sum()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        margin = diff @ w
        value = -(c @ log_expit(margin)) + 0.5 * l2 * (w @ w)
        grad = -(diff.T @ (c * expit(-margin))) + l2 * w
        return float(value), grad

    result = minimize(loss, np.zeros(d), jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iter})
    return result.x


def pair_accuracy(scores_preferred: np.ndarray, scores_other: np.ndarray) -> float:
    """Share of pairs ranked the right way round; a tie counts half."""
    a, b = np.asarray(scores_preferred, float), np.asarray(scores_other, float)
    if len(a) == 0:
        return float("nan")
    return float(np.mean((a > b) + 0.5 * (a == b)))
