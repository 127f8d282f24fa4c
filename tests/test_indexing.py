"""Indexing on real PostgreSQL + pgvector with the real USE encoder."""

from __future__ import annotations

import numpy as np
import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection

from shop_assistant.indexing import Indexer
from shop_assistant.indexing.ann import index_state
from shop_assistant.models import CatalogEntry, Embedding, Passage

from .factories import category, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    clothing = category("clothing", en="Clothing", es="Ropa")
    jackets = category("rain-jackets", clothing, en="Rain jackets", es="Chaquetas de lluvia")
    kitchen = category("kitchen", en="Kitchen", es="Cocina")
    jacket = product(
        "Waterproof hiking jacket",
        "A breathable shell with a hood. Taped seams keep the rain out.",
        translations={
            "es": {
                "title": "Chaqueta de senderismo impermeable",
                "description": "Una chaqueta transpirable con capucha. Las costuras selladas "
                "impiden que entre la lluvia.",
            }
        },
        category=jackets,
        brand="Nordwand",
        color="navy",
        material="nylon",
    )
    mug = product(
        "Ceramic coffee mug",
        "Holds 350 ml. Dishwasher safe.",
        category=kitchen,
        color="white",
        stock=0,
    )
    cafetera = product(
        "Cafetera italiana de aluminio",
        "Prepara seis tazas de café espresso en la cocina de gas.",
        language="es",
        category=kitchen,
    )
    return {"jacket": jacket, "mug": mug, "cafetera": cafetera}


def test_index_writes_entries_passages_and_vectors_per_language(space, catalog):
    report = Indexer(space).index_all()

    assert report.products == 3 and report.failed == 0
    jacket = CatalogEntry.objects.get(product=catalog["jacket"])
    assert jacket.languages == ["en", "es"]
    assert jacket.titles["es"] == "Chaqueta de senderismo impermeable"
    assert jacket.category_path == ["clothing", "rain-jackets"]
    assert jacket.brand == "Nordwand" and jacket.attributes["color"] == "navy"
    assert CatalogEntry.objects.get(product=catalog["mug"]).in_stock is False
    assert CatalogEntry.objects.get(product=catalog["cafetera"]).languages == ["es"]
    kinds = set(jacket.passages.values_list("kind", "language"))
    assert kinds == {
        (k, lang) for k in ("title", "description", "attributes") for lang in ("en", "es")
    }
    # Every passage has exactly one vector in the space, of the space's dimension.
    assert Embedding.objects.filter(space=space).count() == Passage.objects.count()
    assert report.passages_encoded == Passage.objects.count()
    vector = Embedding.objects.filter(space=space).first().embedding
    assert len(vector) == space.dimension == 512
    assert index_state(space) == "valid"


def test_vectors_are_kept_in_the_row_not_in_the_toast_table(space, catalog):
    def toast_bytes() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_relation_size(reltoastrelid) FROM pg_class "
                "WHERE relname = 'shop_assistant_embedding'"
            )
            return cursor.fetchone()[0]

    before = toast_bytes()
    Indexer(space).index_all()

    # A 512-d vector (2 KB) makes a row long enough to be toasted by default: the vector
    # or the content hash would then add a TOAST chunk per row.
    assert Embedding.objects.filter(space=space).count() == Passage.objects.count() > 0
    assert toast_bytes() == before


def test_full_text_vector_uses_the_passage_language(space, catalog):
    Indexer(space).index_all()
    passages = Passage.objects.filter(entry__product=catalog["jacket"], kind="description")
    # Spanish stemming: the plural "costuras" in the text matches the singular query.
    costura = SearchQuery("costura", config="spanish")
    assert passages.filter(language="es", search_vector=costura).exists()
    assert not passages.filter(language="en", search_vector=costura).exists()
    # English stemming + unaccent on the English text.
    assert passages.filter(language="en", search_vector=SearchQuery("seam", config="english"))


def test_second_run_encodes_nothing_and_edit_reencodes_only_changed_passages(space, catalog):
    Indexer(space).index_all()
    again = Indexer(space).index_all()
    assert again.passages_encoded == 0
    assert again.passages_skipped == Passage.objects.count()

    jacket = catalog["jacket"]
    jacket.description = "A breathable shell with a hood and two zipped pockets."
    jacket.save()
    before = dict(
        Embedding.objects.filter(entry__product=jacket).values_list("passage_id", "content_hash")
    )
    report = Indexer(space).index_ids([jacket.pk])
    assert report.passages_encoded == 1  # the English description only
    after = dict(
        Embedding.objects.filter(entry__product=jacket).values_list("passage_id", "content_hash")
    )
    changed = {pid for pid in after if before.get(pid) != after[pid]}
    assert len(changed) == 1
    assert Passage.objects.get(pk=changed.pop()).kind == "description"
    assert Embedding.objects.filter(space=space).count() == Passage.objects.count()


def test_removed_translation_and_deleted_product_leave_no_rows(space, catalog):
    Indexer(space).index_all()
    jacket = catalog["jacket"]
    jacket.translations = {}
    jacket.save()
    Indexer(space).index_ids([jacket.pk])
    spanish = Passage.objects.filter(entry__product=jacket, language="es")
    # Only the attribute line remains: it carries the Spanish category name.
    assert list(spanish.values_list("kind", flat=True)) == ["attributes"]
    assert Embedding.objects.filter(space=space).count() == Passage.objects.count()

    entry_id = CatalogEntry.objects.get(product=jacket).pk
    jacket.delete()
    assert not CatalogEntry.objects.filter(pk=entry_id).exists()
    assert not Passage.objects.filter(entry_id=entry_id).exists()
    assert not Embedding.objects.filter(entry_id=entry_id).exists()


def test_ann_query_uses_the_space_index_and_finds_the_translation(space, catalog):
    Indexer(space).index_all()
    query = space.get_encoder().encode_queries(["chaqueta impermeable"])[0]
    sql = (
        "SELECT e.entry_id FROM shop_assistant_embedding e WHERE e.space_id = %s "
        "ORDER BY (e.embedding::vector(512)) <=> %s::vector(512) LIMIT 3"
    )
    with connection.cursor() as cursor:
        # A tiny table: make the planner show the plan it would use on a real catalog.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, [space.pk, str(query.tolist())])
        plan = "\n".join(r[0] for r in cursor.fetchall())
        cursor.execute(sql, [space.pk, str(query.tolist())])
        top = cursor.fetchone()[0]
    assert space.index_name in plan
    assert top == CatalogEntry.objects.get(product=catalog["jacket"]).pk
    assert np.isclose(np.linalg.norm(query), 1.0, atol=1e-3)


def test_reindex_command_prints_a_summary(space, catalog, capsys):
    call_command("shop_assistant_reindex", "--all")
    out = capsys.readouterr().out
    assert "3 products" in out and "0 failed" in out
    call_command("shop_assistant_reindex", "--ids", str(catalog["mug"].pk))
    assert "0 passages encoded" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_batches_written_on_a_second_connection_while_the_next_is_encoded(settings):
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "WRITE_BATCH_SIZE": 2}
    from shop_assistant.indexing.spaces import get_or_create_active_space

    kitchen = category("kitchen", en="Kitchen")
    products = [
        product(f"Enamel saucepan {size} cm", "Cast iron with an enamel coat.", category=kitchen)
        for size in (14, 16, 18, 20, 22)
    ]
    space = get_or_create_active_space()
    seen: list[tuple[int, int]] = []
    report = Indexer(space).index_all(progress=lambda done, total: seen.append((done, total)))

    assert report.products == 5 and report.failed == 0
    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert CatalogEntry.objects.filter(product__in=products).count() == 5
    assert Embedding.objects.filter(space=space).count() == Passage.objects.count() > 5
    assert index_state(space) == "valid"


def test_texts_are_encoded_in_batches_of_similar_length_and_kept_in_order(
    settings, space, monkeypatch
):
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "ENCODE_BATCH_SIZE": 3}
    indexer = Indexer(space)
    texts = ["a long description of a waterproof jacket with a hood " * 4, "Mug", "Red kettle"]
    texts += ["Cast iron skillet, 28 cm, oven safe to 260 °C", "Tea", "Hiking boots"]
    batches: list[list[str]] = []
    encode = indexer.encoder.encode_documents

    def spy(batch):
        batches.append(list(batch))
        return encode(batch)

    # The encoder is shared by the process: the spy must not outlive this test.
    monkeypatch.setattr(indexer.encoder, "encode_documents", spy)
    vectors = indexer._encode(texts)

    # The short texts share a batch; the longest ones the other.
    assert [sorted(map(len, b)) == list(map(len, b)) for b in batches] == [True, True]
    assert {len(t) for t in batches[0]} == set(sorted(map(len, texts))[:3])
    # Each vector is still its own text's.
    alone = np.vstack([encode([t]) for t in texts])
    assert np.allclose(vectors, alone, atol=1e-5)
