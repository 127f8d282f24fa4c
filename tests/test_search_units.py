"""Pieces of search on their own: fusion, facets, filters, query terms, passages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop_assistant.catalog import LocalizedText, ProductDocument
from shop_assistant.filters import Filters, filter_entries, filter_sql
from shop_assistant.indexing.ann import Neighbor
from shop_assistant.indexing.passages import build_passages, title_head
from shop_assistant.models import CatalogEntry
from shop_assistant.ranking import Candidate, VectorEvidence
from shop_assistant.search.facets import facet_counts
from shop_assistant.search.fusion import LEXICAL_WEIGHT, EntryFacts, fuse
from shop_assistant.search.lexical import LexicalMatch
from shop_assistant.search.terms import analyze
from shop_assistant.search.values import canonical_filters, stored_value

from .factories import category, product

# -- fusion (pure) -------------------------------------------------------------------------


def _facts(*ids: int, languages: list[str] | None = None) -> dict[int, EntryFacts]:
    return {i: EntryFacts(i, 100 + i, "", [], languages or ["en"]) for i in ids}


def _lexical(entry_id: int, coverage: float, position: int = 1) -> LexicalMatch:
    return LexicalMatch(entry_id, coverage, coverage, 0.1, entry_id * 10, ("t",), position)


def test_full_keyword_coverage_outranks_a_slightly_nearer_vector():
    vector = [Neighbor(1, 0.60, 10, 1, 1), Neighbor(2, 0.55, 20, 1, 2)]
    ranked = fuse(
        mode="hybrid",
        language="en",
        vector=vector,
        lexical=[_lexical(2, 1.0)],
        similarities={},
        trigram={},
        facts=_facts(1, 2),
    )

    assert [c.entry_id for c in ranked] == [2, 1]
    assert ranked[0].score == pytest.approx(0.55 + LEXICAL_WEIGHT)
    assert ranked[0].explanation.lexical.coverage == 1.0
    assert ranked[1].explanation.lexical is None


def test_an_incidental_keyword_does_not_beat_a_clearly_nearer_vector():
    # One query word of four matched ("for"): the cross-language product stays first.
    vector = [Neighbor(1, 0.62, 10, 1, 1), Neighbor(2, 0.50, 20, 0, 2)]
    ranked = fuse(
        mode="hybrid",
        language="en",
        vector=vector,
        lexical=[_lexical(2, 0.25)],
        similarities={},
        trigram={},
        facts=_facts(1, 2),
    )

    assert [c.entry_id for c in ranked] == [1, 2]
    assert ranked[1].score == pytest.approx(0.50 + LEXICAL_WEIGHT / 16)


def test_modes_use_one_side_only_and_lexical_only_products_get_their_similarity():
    vector = [Neighbor(1, 0.7, 10, 1, 1)]
    lexical = [_lexical(2, 1.0)]
    similarities = {2: Neighbor(2, 0.3, 21, 0, 0)}
    common = {"language": "en", "similarities": similarities, "facts": _facts(1, 2)}

    only_vector = fuse(mode="vector", vector=vector, lexical=lexical, trigram={}, **common)
    only_lexical = fuse(mode="lexical", vector=vector, lexical=lexical, trigram={}, **common)
    hybrid = fuse(mode="hybrid", vector=vector, lexical=lexical, trigram={2: 0.5}, **common)

    assert [c.entry_id for c in only_vector] == [1]
    assert [c.entry_id for c in only_lexical] == [2]
    by_id = {c.entry_id: c for c in hybrid}
    assert by_id[2].explanation.vector == VectorEvidence(rank=None, score=0.3, passage_id=21)
    assert by_id[2].explanation.title_similarity == 0.5
    assert by_id[1].product_id == 101


def test_facets_count_every_ancestor_and_skip_missing_brands():
    candidates = [
        Candidate(1, 1, 1.0, brand="Koyo", category_path=["electronics", "headphones"]),
        Candidate(2, 2, 0.9, brand="Koyo", category_path=["electronics", "tablets"]),
        Candidate(3, 3, 0.8, brand="", category_path=["electronics", "headphones"]),
    ]

    facets = facet_counts(candidates)

    assert facets["brand"] == [{"value": "Koyo", "count": 2}]
    assert facets["category"] == [
        {"value": "electronics", "count": 3, "parent": None},
        {"value": "headphones", "count": 2, "parent": "electronics"},
        {"value": "tablets", "count": 1, "parent": "electronics"},
    ]


def test_price_stock_and_attribute_facets_with_localized_labels():
    candidates = [
        Candidate(i, i, 1.0, in_stock=i != 3, price=Decimal(p), attributes=attrs)
        for i, (p, attrs) in enumerate(
            [
                ("12.00", {"color": "red"}),
                ("19.99", {"color": "red"}),
                ("47.50", {"color": "navy"}),
                ("130.00", {}),
                ("262.00", {"color": "red", "size": "L"}),
            ],
            1,
        )
    ]
    labels = {"color": {"red": {"es": "rojo", "de": "Rot"}}}

    facets = facet_counts(
        candidates, ["price", "in_stock", "attr.color"], language="es", labels=labels
    )

    assert facets["in_stock"] == [{"value": "true", "count": 4}, {"value": "false", "count": 1}]
    assert facets["attr.color"] == [
        {"value": "red", "count": 3, "label": "rojo"},
        {"value": "navy", "count": 1, "label": "navy"},  # no label: as stored
    ]
    ranges = facets["price"]
    # Cut at the quartiles (19.99, 47.50, 130) rounded down (15, 45, 100).
    assert [r["value"] for r in ranges] == ["-14.99", "15-44.99", "45-99.99", "100-"]
    assert [r["count"] for r in ranges] == [1, 1, 1, 2]
    assert ranges[0]["min"] is None and ranges[-1]["max"] is None
    assert ranges[2]["min"] == Decimal("45") and ranges[2]["max"] == Decimal("99.99")


def test_attribute_filters_accept_a_value_in_any_language():
    labels = {"color": {"red": {"es": "rojo", "de": "Rot"}, "navy": {"fr": "bleu marine"}}}
    filters = Filters(attributes={"color": "ROJO", "size": "L"})

    assert canonical_filters(filters, labels).attributes == {"color": "red", "size": "L"}
    assert stored_value("color", "Bleu Marine", labels) == "navy"
    assert stored_value("color", "rot", labels) == "red"  # case-insensitive
    assert stored_value("color", "verde", labels) == "verde"  # unknown: as given


# -- passages (pure) -----------------------------------------------------------------------


def test_long_titles_get_a_head_passage_and_categories_bridge_languages():
    title = "bonlux usb led strip 5v 4.5w 450lm 200cm cold light for camping"
    document = ProductDocument(
        product_id=1,
        texts={"en": LocalizedText(title=title)},
        brand="Bonlux",
        category_names={"en": "Lighting", "es": "Iluminación"},
    )

    passages = {p.slot: p.text for p in build_passages(document, 600)}

    assert passages[("title", "en", 1)] == "bonlux usb led strip 5v 4.5w 450lm 200cm"
    assert passages[("attributes", "es", 0)] == "Bonlux · Iluminación"
    assert ("title", "es", 0) not in passages
    assert title_head("short title here") == ""


# -- database ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_raw_sql_filters_select_the_same_entries_as_the_orm():
    clothing = category("clothing")
    jackets = category("rain-jackets", clothing)
    rows = [
        product("A", category=jackets, brand="Nordwand", price=Decimal("50"), color="navy"),
        product("B", category=clothing, brand="Nordwand", price=Decimal("150"), stock=0),
        product("C", brand="Koyo", price=Decimal("20"), color="navy"),
        product("D", category=jackets, brand="Koyo", price=None, is_published=False),
    ]
    for row in rows:
        CatalogEntry.objects.create(
            product=row,
            brand=row.brand.name if row.brand else "",
            price=row.price,
            in_stock=row.stock > 0,
            category_path=[
                c.slug for c in ([row.category.parent, row.category] if row.category else []) if c
            ],
            attributes={"color": row.color} if row.color else {},
            is_published=row.is_published,
        )
    cases = [
        Filters(),
        Filters(category="clothing"),
        Filters(category="rain-jackets", brand="Nordwand"),
        Filters(min_price=Decimal("40"), max_price=Decimal("150")),
        Filters(in_stock=False),
        Filters(attributes={"color": "navy"}),
        Filters(attributes={"color": "red"}),
    ]
    from django.db import connection

    for filters in cases:
        where, params = filter_sql(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT c.product_id FROM shop_assistant_catalogentry c WHERE {where}", params
            )
            raw = {r[0] for r in cursor.fetchall()}
        orm = set(filter_entries(filters).values_list("product_id", flat=True))
        assert raw == orm, filters
    assert set(
        filter_entries(Filters(category="clothing")).values_list("product__title", flat=True)
    ) == {"A", "B"}
    assert Filters(brand="x", in_stock=False).as_dict() == {"brand": "x", "in_stock": False}
    assert Filters().is_empty() and not Filters(in_stock=False).is_empty()


@pytest.mark.django_db
def test_query_terms_drop_stop_words_and_stem_for_every_catalog_language():
    terms = analyze("zapatillas de running para niño", "es", "default")

    tokens = [t.token for t in terms.terms]
    assert tokens == ["zapatillas", "running", "nino"]
    zapatillas = terms.terms[0]
    assert {"zapatill", "zapatillas"} <= set(zapatillas.lexemes)  # Spanish stem + as typed
    assert "'zapatill'" in zapatillas.tsquery
    assert analyze("the of and", "en", "default").terms == ()
