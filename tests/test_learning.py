"""Learning from traffic over the shared eval catalog (799 ESCI products, real USE vectors,
real PostgreSQL): simulated visitors, a learned version trained, evaluated, activated only
when it wins, and rolled back.

The catalog is loaded and indexed once for the module; each test's traffic (search log,
events) and versions are rolled back with its transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from shop_assistant.evaluation import JudgedQuery, read_queries
from shop_assistant.learning.adapter import AdapterSettings
from shop_assistant.learning.data import normalize_query, product_ids, read_traffic
from shop_assistant.learning.service import (
    LearningError,
    activate_version,
    learn,
    rollback_version,
)
from shop_assistant.learning.traffic import ClickModel, simulate_traffic
from shop_assistant.models import CatalogEntry, Embedding, Interaction, LearnedVersion, SearchLog
from shop_assistant.search.learned import using_version

from .catalogs import LoadedCatalog, load_eval_catalog, wipe_catalog
from .paths import EVAL_DIR

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: Small and quick: the first Spanish dev queries, a few visits each, few epochs.
QUERIES = 45
FAST = AdapterSettings(epochs=10)


@pytest.fixture(scope="module")
def eval_catalog(django_db_setup, django_db_blocker) -> Iterator[LoadedCatalog]:
    with django_db_blocker.unblock():
        catalog = load_eval_catalog(EVAL_DIR / "products.jsonl")
    yield catalog
    with django_db_blocker.unblock():
        wipe_catalog()


@pytest.fixture
def space(eval_catalog):
    from shop_assistant.indexing.spaces import get_or_create_active_space

    return get_or_create_active_space()


def spanish_queries() -> list[JudgedQuery]:
    queries = read_queries(EVAL_DIR / "queries_dev.jsonl")
    return [q for q in queries if q.language == "es"][:QUERIES]


def simulate(*, random_clicks: bool = False, sessions: int = 3 * QUERIES) -> None:
    simulate_traffic(
        spanish_queries(),
        id_of=product_ids("sku"),
        sessions=sessions,
        seed=7,
        model=ClickModel(random_clicks=random_clicks),
    )


def ranking(query: str) -> list:
    from shop_assistant.search import search

    return [hit.product_id for hit in search(query, page_size=10, log=False).hits]


def vectors_checksum(space) -> float:
    rows = Embedding.objects.filter(space=space).values_list("embedding", flat=True)
    return float(sum(np.asarray(v, dtype=np.float64).sum() for v in rows))


def test_simulated_traffic_is_logged_searches_with_attributed_events(space):
    simulate(sessions=QUERIES)

    logs = SearchLog.objects.all()
    assert logs.count() == QUERIES  # every session searched (none invalid)
    events = Interaction.objects.filter(search__isnull=False)
    assert events.filter(type="search_click").exists()
    assert set(events.values_list("type", flat=True)) <= {
        "search_click",
        "add_to_cart",
        "purchase",
    }
    # Every event is on a product its search showed.
    for event in events.select_related("search")[:50]:
        assert event.product_id in event.search.result_ids
    traffic = read_traffic()
    assert traffic.searches == QUERIES and traffic.events == events.count()
    clicked = [q for q in traffic.queries if q.gains]
    assert clicked and all(set(q.gains) <= set(q.shown) for q in clicked)


def test_training_is_deterministic_for_a_seed_and_changes_with_it(space):
    simulate()

    first = learn(space, seed=3, settings=FAST, adapter_scale=1.0)
    second = learn(space, seed=3, settings=FAST, adapter_scale=1.0)
    other = learn(space, seed=4, settings=FAST, adapter_scale=1.0)

    assert bytes(first.adapter) == bytes(second.adapter)
    assert first.fusion == second.fusion
    assert first.report["held_back_queries"] == second.report["held_back_queries"]
    assert first.report["after"] == second.report["after"]
    assert np.abs(first.adapter_matrix()).max() > 0  # it learned something
    assert first.report["held_back_queries"] != other.report["held_back_queries"]
    assert bytes(first.adapter) != bytes(other.adapter)


def test_the_adapter_changes_query_vectors_only(space):
    from shop_assistant.search.learned import adapt, learned_version

    simulate()
    before = vectors_checksum(space)
    version = learn(space, seed=3, settings=FAST, adapter_scale=1.0)
    activate_version(version)

    assert vectors_checksum(space) == before  # no document vector re-encoded or changed
    learned = learned_version(space)
    assert learned.version_id == version.pk
    encoder = space.get_encoder()
    adapted = learned.encoder(encoder)
    assert adapted.model_id != encoder.model_id  # the query cache keys on the version
    raw = encoder.encode_queries(["camiseta sin manga"])
    expected = adapt(raw, version.adapter_matrix())
    assert np.allclose(adapted.encode_queries(["camiseta sin manga"]), expected)
    assert not np.allclose(expected, raw, atol=1e-4)
    assert np.array_equal(
        adapted.encode_documents(["camiseta"]), encoder.encode_documents(["camiseta"])
    )


def test_rollback_restores_the_previous_ranking_exactly(space):
    queries = [q.query for q in spanish_queries()[:8]]
    built_in = [ranking(q) for q in queries]
    rng = np.random.default_rng(0)
    strong = (rng.normal(size=(space.dimension, space.dimension)) * 0.2).astype(np.float32)
    first = activate_version(LearnedVersion.objects.create(space=space, adapter=strong.tobytes()))
    with_first = [ranking(q) for q in queries]
    second = activate_version(
        LearnedVersion.objects.create(
            space=space,
            adapter=(-strong).tobytes(),
            fusion={
                "similarity": 1.0,
                "coverage": 0.0,
                "trigram": 2.0,
                "language_match": 0.5,
                "popularity": 0.3,
            },
            priors={str(e): 2.0 for e in CatalogEntry.objects.values_list("id", flat=True)[:40]},
        )
    )
    with_second = [ranking(q) for q in queries]
    assert with_first != built_in and with_second != with_first  # versions do change search

    assert rollback_version(space) == first
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("active", "rolled_back")
    assert [ranking(q) for q in queries] == with_first
    assert rollback_version(space) is None
    assert [ranking(q) for q in queries] == built_in
    with pytest.raises(LearningError):
        rollback_version(space)


@override_settings(SHOP_ASSISTANT={"LEARN_MIN_QUERIES": 5})
def test_products_chosen_across_queries_gain_a_prior_that_lifts_held_back_queries(space):
    """A shop whose visitors pick the same few products whenever they see them: the prior
    is learned (cross-fitted, so its weight is earned on queries other than those that
    clicked), it wins on held-back queries, and those queries rank the products higher
    though none of their own clicks was trained on."""
    from collections import Counter

    from shop_assistant.search.learned import learned_version

    queries = spanish_queries()
    id_of = product_ids("sku")
    rankings = [ranking(q.query) for q in queries]
    shown = Counter(p for r in rankings for p in r)
    bestsellers = [product for product, _count in shown.most_common(12)]  # seen most
    # Visitors take the bestsellers whenever they look at them, and nothing else.
    liked = [
        JudgedQuery(q.qid, q.query, q.language, {id_of[p]: 3 for p in bestsellers}) for q in queries
    ]
    model = ClickModel(noise=0.0)
    simulate_traffic(liked, id_of=id_of, sessions=6 * QUERIES, seed=7, model=model)

    version = learn(space, seed=3, settings=FAST, adapter_scale=0.0, activate_if_better=True)

    assert version.fusion.get("popularity", 0) > 0, json.dumps(version.report["fusion"])
    entry_of = dict(CatalogEntry.objects.values_list("product_id", "id"))
    priors = {int(e): v for e, v in version.priors.items()}
    favourites = {entry_of[p] for p in bestsellers}
    top = sorted(priors, key=lambda e: -priors[e])[:5]
    assert set(top) <= favourites and priors[top[0]] > 0.5  # the bestsellers come first
    assert min(priors.values()) < 0  # products shown and passed over: below the mean
    assert version.report["wins"] and version.state == LearnedVersion.State.ACTIVE
    assert learned_version(space).priors == priors
    held_back = set(version.report["held_back_queries"])
    held = [q for q in queries if normalize_query(q.query) in held_back]
    before, after = [], []
    for query in held:
        with using_version(None):
            old = ranking(query.query)
        new = ranking(query.query)
        for product in bestsellers:
            if product in old:
                before.append(old.index(product))
                after.append(new.index(product) if product in new else 10)
    assert before and sum(after) < sum(before)  # held-back queries rank them higher


def test_random_click_traffic_is_not_activated(space):
    from shop_assistant.tasks import learn_task

    simulate(random_clicks=True)

    version_id = learn_task.delay(space.pk, seed=3).get()  # activates only if it wins

    version = LearnedVersion.objects.get(pk=version_id)
    assert version.state == LearnedVersion.State.TRAINED
    assert not version.report["wins"]
    assert version.report["gain"] < 0.005
    assert LearnedVersion.objects.active_for(space) is None


def test_the_commands_learn_print_the_report_and_roll_back(space, tmp_path):
    out = StringIO()
    call_command(
        "shop_assistant_simulate_traffic",
        "--queries",
        str(EVAL_DIR / "queries_dev.jsonl"),
        "--languages",
        "es",
        "--sessions",
        str(3 * QUERIES),
        stdout=out,
    )
    assert f"{3 * QUERIES} searches over 186 queries" in out.getvalue()
    out = StringIO()
    held = tmp_path / "held.jsonl"
    call_command(
        "shop_assistant_learn",
        "--languages",
        "es",
        "--queries",
        str(EVAL_DIR / "queries_dev.jsonl"),
        "--write-holdout",
        str(held),
        stdout=out,
        stderr=StringIO(),
    )
    version = LearnedVersion.objects.get()
    assert version.report["labels"] == "judged"
    assert "lang:es" in out.getvalue() and "before" in out.getvalue()
    written = read_queries(held)
    assert written and {q.language for q in written} == {"es"}
    with pytest.raises(CommandError, match="no learned version"):
        call_command("shop_assistant_learn", "--rollback", stdout=StringIO())
    with pytest.raises(CommandError, match="at least"):
        call_command("shop_assistant_learn", "--languages", "ko", stdout=StringIO())
