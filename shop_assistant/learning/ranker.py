"""Fusion weights learned from choices: a pairwise logistic regression over the features
each search hit already explains (vector similarity, keyword coverage², title trigram
similarity, language match) and the product's prior learned from traffic (popularity,
:mod:`.prior`).

For every query, each chosen product is paired with each product of its candidate list
that gained less; the model learns ``w`` so that ``w·(x_chosen − x_other) > 0``, each pair
weighted by the difference of gains. No intercept (it cancels in a pair), L2-regularized,
full-batch gradient descent: deterministic. The weights are scaled so that similarity
weighs 1, like the built-in fusion, so they read side by side with it. The popularity
weight is kept at 0 or above (projected after each step): a product chosen more often is
never ranked lower for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..search.fusion import BUILT_IN_WEIGHTS

FEATURES = ("similarity", "coverage", "trigram", "language_match", "popularity")
#: The built-in fusion over :data:`FEATURES`.
BUILT_IN = BUILT_IN_WEIGHTS


@dataclass(frozen=True)
class CandidateList:
    """One query's candidates: a feature row each (in :data:`FEATURES` order), and gains."""

    features: np.ndarray  # (candidates, len(FEATURES))
    gains: np.ndarray  # (candidates,)


def fit_fusion(
    lists: Sequence[CandidateList], *, l2: float = 1e-3, iterations: int = 500, rate: float = 1.0
) -> dict[str, float] | None:
    """Learned weights per feature, or None when there is nothing to learn from (no pair)
    or the learned similarity weight is not positive (then no scale is comparable)."""
    differences, weights = [], []
    for item in lists:
        for i in np.flatnonzero(item.gains > 0):
            lower = np.flatnonzero(item.gains < item.gains[i])
            if not len(lower):
                continue
            differences.append(item.features[i] - item.features[lower])
            weights.append(item.gains[i] - item.gains[lower])
    if not differences:
        return None
    x = np.concatenate(differences)
    sample = np.concatenate(weights)
    sample = sample / sample.sum()
    w = np.array([BUILT_IN.get(name, 0.0) for name in FEATURES])  # start from the built-in
    popularity = FEATURES.index("popularity")
    for _ in range(iterations):
        margin = x @ w
        grad = -(x.T @ (sample * _sigmoid(-margin))) + l2 * w
        w -= rate * grad
        w[popularity] = max(w[popularity], 0.0)
    if w[0] <= 0:
        return None
    return {name: round(float(value / w[0]), 4) for name, value in zip(FEATURES, w, strict=True)}


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(values, -50, 50)))


def rank_by(weights: dict[str, float], item: CandidateList) -> np.ndarray:
    """Candidate indices best first under ``weights`` (ties: the given order)."""
    scores = item.features @ np.array([weights.get(name, 0.0) for name in FEATURES])
    return np.argsort(-scores, kind="stable")
