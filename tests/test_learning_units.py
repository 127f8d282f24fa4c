"""Pure logic of learning from traffic (no database, no encoder): the adapter's training,
the fusion model, the product prior, the held-back split, the position-bias weights, the
learned fusion's languages."""

from __future__ import annotations

import numpy as np
from django.test import override_settings

from shop_assistant.indexing.ann import PassageVectors
from shop_assistant.learning.adapter import AdapterExample, AdapterSettings, train_adapter
from shop_assistant.learning.data import QueryTraffic, held_back, propensity_weight
from shop_assistant.learning.prior import product_prior
from shop_assistant.learning.ranker import FEATURES, CandidateList, fit_fusion, rank_by
from shop_assistant.search.fusion import BUILT_IN_WEIGHTS
from shop_assistant.search.learned import Learned, adapt


def toy_passages(rng: np.random.Generator, products: int = 12, dimension: int = 16):
    vectors = rng.normal(size=(products * 2, dimension))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    entry_ids = np.repeat(np.arange(1, products + 1), 2)
    return PassageVectors(entry_ids, ["title", "description"] * products, vectors.astype("f4"))


def test_the_adapter_learns_to_put_the_chosen_products_first_and_is_seeded():
    rng = np.random.default_rng(1)
    passages = toy_passages(rng)
    examples = [
        AdapterExample(rng.normal(size=16), shown=list(range(1, 13)), gains={1 + i % 12: 1.0})
        for i in range(24)
    ]
    settings = AdapterSettings(epochs=30, learning_rate=0.01, batch_size=8)

    first = train_adapter(examples, passages, {"description": 0.1}, seed=5, settings=settings)
    again = train_adapter(examples, passages, {"description": 0.1}, seed=5, settings=settings)

    assert first.loss_after < 0.7 * first.loss_before
    assert np.array_equal(first.matrix, again.matrix)
    assert first.matrix.shape == (16, 16) and first.matrix.dtype == np.float32


def test_early_stopping_keeps_no_epoch_when_validation_never_improves():
    rng = np.random.default_rng(2)
    passages = toy_passages(rng)
    train = [AdapterExample(rng.normal(size=16), list(range(1, 13)), {3: 1.0}) for _ in range(8)]
    # The validation queries want what each query already ranks first: nothing to gain.
    penalty = np.array([0.0, 0.1] * 12)
    validation = []
    for example in train:
        scores = passages.vectors @ example.vector - penalty
        top = int(passages.entry_ids[int(np.argmax(scores))])
        validation.append(AdapterExample(example.vector, list(range(1, 13)), {top: 1.0}))
    result = train_adapter(
        train,
        passages,
        {},
        settings=AdapterSettings(epochs=10, learning_rate=0.05, patience=3),
        validation=validation,
    )
    assert result.epochs == 0 and not result.matrix.any()
    assert (
        result.validation is not None
        and result.validation[0] == 1.0
        and len(result.validation) <= 4
    )


def test_a_zero_adapter_changes_nothing_and_adapt_normalizes():
    vectors = np.array([[3.0, 4.0], [1.0, 0.0]], dtype="f4")
    assert np.allclose(adapt(vectors, np.zeros((2, 2), "f4")), [[0.6, 0.8], [1.0, 0.0]])
    swapped = adapt(vectors, np.array([[-1.0, 1.0], [1.0, -1.0]], "f4"))
    assert np.allclose(swapped, [[0.8, 0.6], [0.0, 1.0]])


def test_fusion_weights_recover_the_feature_that_decides():
    rng = np.random.default_rng(3)
    lists = []
    for _ in range(40):
        features = rng.uniform(size=(10, len(FEATURES)))
        truth = features[:, 0] + 2.0 * features[:, 2]  # similarity and trigram decide
        gains = np.zeros(10)
        gains[np.argmax(truth)] = 1.0
        lists.append(CandidateList(features, gains))

    weights = fit_fusion(lists)

    assert weights is not None and weights["similarity"] == 1.0
    assert weights["trigram"] > 1.0 > abs(weights["coverage"])
    assert np.mean([lst.gains[rank_by(weights, lst)[0]] for lst in lists]) > 0.8
    assert fit_fusion([CandidateList(np.ones((3, 4)), np.zeros(3))]) is None


def test_the_held_back_split_is_stable_by_query_text_and_seed():
    texts = [f"query {i}" for i in range(400)]
    held = [t for t in texts if held_back(t, 0.2, seed=0)]
    assert 50 < len(held) < 110
    assert held == [t for t in texts if held_back(t.upper() + "  ", 0.2, seed=0)]
    assert held != [t for t in texts if held_back(t, 0.2, seed=1)]


@override_settings(SHOP_ASSISTANT={"LEARN_POSITION_BIAS": 1.0, "LEARN_MAX_PROPENSITY_WEIGHT": 5})
def test_position_bias_weights_grow_with_the_position_and_are_capped():
    assert [propensity_weight(p) for p in (1, 2, 4, 9)] == [1.0, 2.0, 4.0, 5.0]


def traffic(text: str, examined: dict[int, float], chosen: dict[int, float]) -> QueryTraffic:
    return QueryTraffic(text, text, "es", examined=examined, chosen=chosen)


def test_the_product_prior_is_position_debiased_smoothed_and_relative_to_the_mean():
    queries = [
        # 1 is shown first every time (looked at 10 times), 2 at rank 5 (looked at 2
        # times): both chosen twice, so 2 was chosen far more often when seen.
        traffic("a", {1: 10.0, 2: 2.0, 3: 10.0}, {1: 2.0, 2: 2.0}),
        traffic("b", {3: 10.0, 4: 0.1}, {3: 1.0}),
    ]
    prior = product_prior(queries)

    assert prior[2] > prior[1] > prior[3]  # chosen once in 20 looks: below the mean
    assert prior[1] > 0 > prior[3]
    assert abs(prior[4]) < 0.05  # looked at once in ten searches: no evidence, the mean
    assert 5 not in prior  # never shown: 0, the mean, by absence
    assert product_prior([traffic("c", {1: 3.0}, {})]) == {}  # nothing chosen: no prior
    # More evidence, same rates: further from the mean.
    doubled = product_prior(
        [
            traffic(q.text, *({e: 2 * v for e, v in d.items()} for d in (q.examined, q.chosen)))
            for q in queries
        ]
    )
    assert doubled[2] > prior[2] and doubled[3] < prior[3]


def test_the_popularity_weight_is_never_negative():
    rng = np.random.default_rng(5)
    popularity = FEATURES.index("popularity")
    lists = []
    for _ in range(30):
        features = rng.uniform(size=(8, len(FEATURES)))
        gains = np.zeros(8)
        chosen = np.argmin(features[:, popularity])  # visitors choose the least popular
        features[chosen, 0] += 1.0
        gains[chosen] = 1.0
        lists.append(CandidateList(features, gains))

    weights = fit_fusion(lists)

    assert weights is not None and weights["popularity"] == 0.0
    assert np.mean([item.gains[rank_by(weights, item)[0]] for item in lists]) > 0.8


def test_learned_fusion_applies_to_its_languages_and_popularity_to_all():
    fusion = {"similarity": 1.0, "coverage": 1.2, "trigram": 1.3, "popularity": 0.2}
    spanish = Learned(1, None, fusion, {7: 1.0}, frozenset({"es"}))

    assert spanish.weights_for("es") == fusion
    assert spanish.weights_for("en") == {**BUILT_IN_WEIGHTS, "popularity": 0.2}
    without = {**fusion, "popularity": 0.0}
    assert Learned(1, None, without, None, frozenset({"es"})).weights_for("en") is None
    assert Learned(1, None, fusion).weights_for("en") == fusion  # learned on every language
    assert Learned().weights_for("es") is None
