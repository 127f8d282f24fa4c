"""Pure logic of the recommendations: event weights, interest clustering, MMR.

Hand-made unit vectors stand in for product vectors here; the real ones are exercised
in tests/test_recommend.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from shop_assistant.indexing.ann import normalize
from shop_assistant.recommend.personalized import cluster_interests, event_weight
from shop_assistant.recommend.vectors import mmr


def unit(*values: float) -> np.ndarray:
    return normalize(np.array(values, dtype=np.float32))


def test_event_weight_follows_type_and_half_life(settings):
    settings.SHOP_ASSISTANT = {
        **settings.SHOP_ASSISTANT,
        "TASTE_HALF_LIFE_DAYS": 10,
        "EVENT_WEIGHTS": {"view": 1, "purchase": 6},
    }
    assert event_weight("view", 0) == 1
    assert event_weight("purchase", 0) == 6
    assert event_weight("purchase", 10) == pytest.approx(3)
    assert event_weight("purchase", 30) == pytest.approx(0.75)
    assert event_weight("view", -1) == 1  # a clock a little ahead is not a bonus
    assert event_weight("add_to_cart", 0) == 1  # unlisted types count as a view


def test_interests_are_clustered_by_meaning_heaviest_first():
    tents = [unit(1, 0.1, 0), unit(0.95, 0.2, 0), unit(1, 0, 0.1)]
    kettles = [unit(0, 1, 0.1), unit(0.1, 1, 0)]
    lamp = unit(0, 0, 1)
    items = [("t1", 1.0, tents[0]), ("k1", 2.5, kettles[0]), ("t2", 1.0, tents[1])]
    items += [("l", 0.5, lamp), ("t3", 1.0, tents[2]), ("k2", 1.0, kettles[1])]
    interests = cluster_interests(items)
    assert [sorted(i.members) for i in interests] == [["k1", "k2"], ["t1", "t2", "t3"], ["l"]]
    assert [i.weight for i in interests] == pytest.approx([3.5, 3.0, 0.5])
    assert interests[0].members[0] == "k1"  # heaviest member first
    assert float(interests[1].vector @ unit(1, 0.1, 0.03)) > 0.99
    assert np.linalg.norm(interests[0].vector) == pytest.approx(1.0)


def test_interests_are_capped_by_joining_the_closest():
    items = [(f"p{i}", 1.0 - i / 10, unit(*np.eye(5)[i])) for i in range(5)]
    interests = cluster_interests(items, max_interests=3)
    assert len(interests) == 3
    assert sum(len(i.members) for i in interests) == 5


def test_mmr_trades_relevance_for_novelty():
    vectors = {1: unit(1, 0), 2: unit(0.99, 0.14), 3: unit(0, 1)}
    relevance = [(1, 0.9), (2, 0.88), (3, 0.6)]
    assert [e for e, _ in mmr(relevance, vectors, 3, 0.0)] == [1, 2, 3]
    diverse = mmr(relevance, vectors, 3, 0.5)
    assert [e for e, _ in diverse] == [1, 3, 2]
    scores = [s for _, s in diverse]
    assert scores == sorted(scores, reverse=True)
    assert [e for e, _ in mmr(relevance, vectors, 2, 0.5)] == [1, 3]
