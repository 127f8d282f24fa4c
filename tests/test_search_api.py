"""``GET /api/assistant/search/`` on the tests' indexed catalog (real USE vectors, pgvector).

The catalog (tests/catalog_data.py) holds single-language products (JACKET-EN,
CAFETERA-ES, TENT-DE, HEADPHONES-JA, LAMP-FR) that are the only ones of their kind, so a
query in another language must reach them through the multilingual vectors.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers
from rest_framework.test import APIClient

from shop_assistant.api.search_serializers import SearchResultSerializer
from shop_assistant.filters import Filters
from shop_assistant.models import CatalogEntry, SearchLog
from shop_assistant.search import search
from shop_assistant.search.log import log_search

from .catalog_data import CATEGORIES
from .catalog_data import LANGUAGES as CATALOG_LANGUAGES

pytestmark = pytest.mark.django_db

URL = "/api/assistant/search/"


@pytest.fixture
def client() -> APIClient:
    cache.clear()  # throttle history and cached query vectors
    return APIClient()


def get(client: APIClient, **params: object) -> dict:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(body: dict) -> list[int]:
    return [hit["product_id"] for hit in body["results"]]


def entries_of(product_ids: list[int]) -> dict[int, CatalogEntry]:
    return {e.product_id: e for e in CatalogEntry.objects.filter(product_id__in=product_ids)}


# -- cross-lingual retrieval -----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "sku"),
    [
        ("chaqueta impermeable azul marino", "JACKET-EN"),
        ("aluminium stovetop espresso maker for six cups", "CAFETERA-ES"),
        ("二人用の超軽量テント", "TENT-DE"),
        ("auriculares con cancelación de ruido", "HEADPHONES-JA"),
        ("linen bedside lamp", "LAMP-FR"),
    ],
)
def test_a_query_finds_a_product_described_only_in_another_language(
    client, indexed_catalog, query, sku
):
    body = get(client, q=query, page_size=5)

    product = indexed_catalog.pk(sku)
    assert product in ids(body)[:3], (query, body["results"][:3])
    entry = CatalogEntry.objects.get(product_id=product)
    assert body["language"] not in entry.languages  # truly across languages
    hit = body["results"][ids(body).index(product)]
    assert hit["explanation"]["vector"]["rank"] is not None
    assert hit["explanation"]["language_match"] is False


def test_explanation_names_both_sides_and_the_matching_passage(client, indexed_catalog):
    body = get(client, q="cafetera italiana de aluminio", page_size=3)

    top = body["results"][0]
    assert top["product_id"] == indexed_catalog.pk("CAFETERA-ES")
    explanation = top["explanation"]
    assert explanation["vector"]["rank"] >= 1 and 0 < explanation["vector"]["score"] <= 1
    assert explanation["lexical"]["rank"] >= 1
    assert set(explanation["lexical"]["matched_terms"]) >= {"cafetera", "aluminio"}
    assert explanation["passage"]["language"] == "es"
    assert "aluminio" in explanation["passage"]["text"].lower()
    assert explanation["rules"] == []
    assert body["language"] == "es" and body["language_source"] == "detected"
    # Exactly the documented fields: no internal ids leak into the response.
    assert set(explanation) == {
        "source",
        "vector",
        "lexical",
        "title_similarity",
        "language_match",
        "passage",
        "product_similarity",
        "matched_by",
        "boosts",
        "figures",
        "rules",
        "pinned",
    }
    assert explanation["source"] == "search" and explanation["pinned"] is False
    assert set(explanation["vector"]) == {"rank", "score", "passage"}
    assert set(explanation["lexical"]) == {"rank", "score", "coverage", "matched_terms", "passage"}
    assert set(explanation["passage"]) == {"kind", "language", "text"}


def test_the_planned_response_equals_drfs_own_representation(indexed_catalog):
    class Generic(SearchResultSerializer):
        def to_representation(self, instance):
            return serializers.Serializer.to_representation(self, instance)

    for q in ("cafetera italiana de aluminio", "rain jacket", "Zelt"):
        result = search(q, page_size=10, log=False)
        assert result.hits
        assert SearchResultSerializer(result).data == Generic(result).data


def test_titles_come_in_the_search_language_when_translated(client, indexed_catalog):
    body = get(client, q="rain jacket", lang="de", page_size=10)

    assert body["language"] == "de" and body["language_source"] == "given"
    entries = entries_of(ids(body))
    for hit in body["results"]:
        entry = entries[hit["product_id"]]
        if "de" in entry.titles:
            assert (hit["title"], hit["title_language"]) == (entry.titles["de"], "de")
        else:
            assert hit["title"] == entry.titles[hit["title_language"]]
    assert any(hit["title_language"] == "de" for hit in body["results"])


def test_accept_language_decides_when_the_query_is_too_short_to_detect(client, indexed_catalog):
    response = client.get(URL, {"q": "usb"}, HTTP_ACCEPT_LANGUAGE="fr-CH, fr;q=0.9, en;q=0.5")

    assert response.status_code == 200
    assert response.json()["language"] == "fr"
    assert response.json()["language_source"] == "header"


# -- filters, pagination, facets --------------------------------------------------------


def test_category_filter_includes_subcategories_and_keeps_every_match(client, indexed_catalog):
    kettles = set(
        CatalogEntry.objects.filter(category_path__contains=["kettles"]).values_list(
            "product_id", flat=True
        )
    )
    assert len(kettles) > 3

    body = get(client, q="kettle", category="kitchen", page_size=100)

    assert body["count"] == len(body["results"]) and kettles <= set(ids(body))
    entries = entries_of(ids(body))
    assert all("kitchen" in entries[pid].category_path for pid in ids(body))
    facets = {f["value"]: f["count"] for f in body["facets"]["category"]}
    assert facets["kitchen"] == body["count"] and facets["kettles"] == len(kettles)


def test_brand_price_stock_and_attribute_filters(client, indexed_catalog):
    body = get(
        client,
        q="waterproof",
        brand="Nordwand",
        min_price="50",
        max_price="200",
        in_stock="true",
        page_size=100,
    )
    expected = CatalogEntry.objects.filter(
        brand="Nordwand", price__gte=50, price__lte=200, in_stock=True
    )
    assert body["count"] == len(body["results"]) > 0
    assert set(ids(body)) <= set(expected.values_list("product_id", flat=True))
    for hit in body["results"]:
        assert Decimal("50") <= Decimal(hit["price"]) <= Decimal("200") and hit["in_stock"]

    navy = get(client, q="jacket", **{"attr.color": "navy"}, page_size=50)
    all_navy = CatalogEntry.objects.filter(attributes__color="navy")
    assert set(ids(navy)) <= set(all_navy.values_list("product_id", flat=True))
    assert ids(navy)[0] == indexed_catalog.pk("JACKET-EN")  # the only navy jacket

    sold_out = get(client, q="jacket", in_stock="false", page_size=100)
    out_of_stock = CatalogEntry.objects.filter(in_stock=False).values_list("product_id", flat=True)
    assert set(ids(sold_out)) <= set(out_of_stock)
    assert sold_out["count"] == len(sold_out["results"])


def test_a_filter_matching_fewer_products_than_a_page_returns_all_of_them(client, indexed_catalog):
    wanted = set(
        CatalogEntry.objects.filter(category_path__contains=["tents"]).values_list(
            "product_id", flat=True
        )
    )
    body = get(client, q="tent", category="tents", page_size=50)

    assert set(ids(body)) == wanted and body["count"] == len(wanted)
    # A query about something else entirely: no tent matches it, none is shown.
    assert get(client, q="espresso machine", category="tents")["count"] == 0


def test_pages_are_disjoint_slices_of_one_ranking(client, indexed_catalog):
    whole = get(client, q="headphones", page_size=30)
    first = get(client, q="headphones", page_size=4, page=1)
    second = get(client, q="headphones", page_size=4, page=2)

    assert ids(first) + ids(second) == ids(whole)[:8]
    assert not set(ids(first)) & set(ids(second))
    assert first["count"] == second["count"] == whole["count"] >= 10


def test_deep_pages_continue_the_first_without_repeats_then_run_out(
    client, indexed_catalog, monkeypatch
):
    from shop_assistant.search import service

    whole = get(client, q="headphones", page_size=100)
    total = whole["count"]
    assert total >= 10
    # Each side retrieves 4 products first: pages 2 and 3 make both sides go deeper.
    monkeypatch.setattr(service, "CANDIDATE_DEPTH", 4)
    pages = [get(client, q="headphones", page_size=4, page=p) for p in range(1, 6)]
    found = [pid for page in pages for pid in ids(page)]

    assert [len(page["results"]) for page in pages[:2]] == [4, 4]
    assert len(found) == len(set(found)) == total and set(found) == set(ids(whole))
    assert ids(get(client, q="headphones", page_size=2, page=4)) == ids(pages[1])[2:]
    assert pages[-1]["results"] == []


def test_facet_counts_cover_every_matching_product_not_just_the_page(client, indexed_catalog):
    everything = get(client, q="tent", category="outdoor", page_size=100)
    page = get(client, q="tent", category="outdoor", page_size=5)

    assert len(page["results"]) == 5 and page["count"] == everything["count"] > 5
    entries = entries_of(ids(everything))
    brands = Counter(e.brand for e in entries.values() if e.brand)
    categories = Counter(slug for e in entries.values() for slug in e.category_path)
    facets = page["facets"]
    assert {f["value"]: f["count"] for f in facets["brand"]} == dict(brands)
    assert {f["value"]: f["count"] for f in facets["category"]} == dict(categories)
    assert categories["tents"] == everything["count"]  # tents only: nothing else matches
    counts = [f["count"] for f in facets["brand"]]
    assert counts == sorted(counts, reverse=True) and len(counts) > 1


def test_merchandising_rules_apply_and_are_explained(client, indexed_catalog):
    from shop_assistant.models import MerchandisingRule

    lamp = indexed_catalog.pk("LAMP-FR")
    MerchandisingRule.objects.create(name="Koyo out", action="exclude", brand="Koyo")
    MerchandisingRule.objects.create(
        name="Lamp first", action="pin", product_id=lamp, queries=["headphones"], weight=1
    )

    body = get(client, q="headphones", page_size=20)

    assert ids(body)[0] == lamp
    assert body["results"][0]["explanation"]["rules"] == ["pin #1: Lamp first"]
    entries = entries_of(ids(body))
    assert all(entries[pid].brand != "Koyo" for pid in ids(body))
    assert not any(f["value"] == "Koyo" for f in body["facets"]["brand"])


# -- log, replica, throttle -------------------------------------------------------------


def test_every_search_is_logged_under_its_query_id(client, indexed_catalog):
    body = get(client, q="zapatillas de running", brand="Cumbre", page_size=5)

    log = SearchLog.objects.get(query_id=body["query_id"])
    assert log.query == "zapatillas de running"
    assert (log.language, log.language_source) == (body["language"], body["language_source"])
    assert log.filters == {"brand": "Cumbre"}
    assert log.result_ids == ids(body)
    assert log.count == body["count"] and log.latency_ms > 0


@pytest.mark.django_db(transaction=True)
def test_search_log_commits_on_its_own_outside_a_request_transaction():
    # Outside ATOMIC_REQUESTS the log row gets its own transaction (not waiting for the
    # WAL flush); it must be stored and visible to another connection.
    with CaptureQueriesContext(connections["default"]) as captured:
        query_id = log_search(
            query="tent",
            language="en",
            language_source="given",
            filters=Filters(brand="Cumbre"),
            result_ids=[3, "sku-9"],
            count=2,
            latency_ms=1.23456,
        )

    assert len(captured.captured_queries) == 1  # SET LOCAL + INSERT in one round trip
    assert not connections["default"].in_atomic_block
    row = SearchLog.objects.get(query_id=query_id)
    assert (row.query, row.filters, row.result_ids) == ("tent", {"brand": "Cumbre"}, [3, "sku-9"])
    assert row.latency_ms == pytest.approx(1.235)
    assert row.created_at is not None and row.language_source == "given"


@pytest.fixture
def replica():
    yield connections["replica"]
    connections["replica"].close()  # else the test database cannot be dropped at the end


@pytest.mark.django_db(databases=["default", "replica"])
def test_reads_go_to_the_configured_database_alias(client, indexed_catalog, settings, replica):
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "DATABASE": "replica"}

    with (
        CaptureQueriesContext(replica) as replica_queries,
        CaptureQueriesContext(connections["default"]) as default,
    ):
        body = get(client, q="tienda de campaña", category="outdoor", page_size=5)

    assert body["results"]
    replica_sql = " ".join(q["sql"] for q in replica_queries.captured_queries)
    for table in ("shop_assistant_embedding", "shop_assistant_passage", "catalogentry"):
        assert table in replica_sql
    default_sql = [q["sql"] for q in default.captured_queries]
    assert not any("shop_assistant_embedding" in sql for sql in default_sql)
    assert any("INSERT INTO" in sql and "searchlog" in sql for sql in default_sql)


def test_the_search_scope_throttles(client, indexed_catalog, settings):
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "THROTTLE_RATES": {"search": "2/minute"}}
    codes = [client.get(URL, {"q": "kettle"}).status_code for _ in range(3)]

    assert codes == [200, 200, 429]


# -- validation --------------------------------------------------------------------------


def test_an_empty_price_range_or_a_page_beyond_the_served_results_is_empty(client):
    """Valid requests that match nothing: an empty page, not an error."""
    empty_range = client.get(URL, {"q": "kettle", "min_price": "30", "max_price": "10"})
    assert empty_range.status_code == 200 and empty_range.json()["results"] == []
    deep = client.get(URL, {"q": "kettle", "page": "20", "page_size": "100"})  # results 1901+
    assert deep.status_code == 200 and deep.json()["results"] == []


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "q", "q is required"),
        ({"q": "   "}, "q", "must not be blank"),
        ({"q": "x" * 513}, "q", "at most 512"),
        ({"q": "kettle", "lang": "xx"}, "lang", "Allowed: de, en, es, fr, it, ja"),
        ({"q": "kettle", "min_price": "-1"}, "min_price", "must not be negative"),
        ({"q": "kettle", "max_price": "-0.5"}, "max_price", "must not be negative"),
        ({"q": "kettle", "min_price": "cheap"}, "min_price", "must be a number"),
        ({"q": "kettle", "page_size": "101"}, "page_size", "at most 100"),
        ({"q": "kettle", "page_size": "ten"}, "page_size", "whole number"),
        ({"q": "kettle", "page": "0"}, "page", "1 or more"),
        ({"q": "kettle", "page": "first"}, "page", "whole number"),
        ({"q": "kettle", "page": "1001"}, "page", "at most 1000"),
        ({"q": "kettle", "in_stock": "maybe"}, "in_stock", "true or false"),
        ({"q": "kettle", "attr.color": ""}, "attr.color", "needs a value"),
    ],
)
def test_invalid_parameters_are_a_400_naming_the_problem(client, params, field, message):
    response = client.get(URL, params)

    assert response.status_code == 400
    body = response.json()
    assert field in body, body
    assert message in " ".join(body[field]), body
    assert not SearchLog.objects.exists()


# -- OpenAPI ------------------------------------------------------------------------------


def test_the_schema_describes_every_search_parameter_and_response_field(client):
    response = client.get("/api/assistant/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()

    operation = schema["paths"]["/api/assistant/search/"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    expected = {"q", "lang", "category", "brand", "min_price", "max_price", "in_stock"}
    assert expected | {"page", "page_size", "Accept-Language"} <= set(params)
    assert "attr.<name>" not in params and "attr.<name>=<value>" in operation["description"]
    assert all(p.get("description") for p in params.values())
    assert params["q"]["required"] is True

    components = schema["components"]["schemas"]
    undocumented = [
        f"{name}.{field}"
        for name in ("SearchResult", "ProductCard", "Explanation", "FacetValue")
        for field, spec in components[name]["properties"].items()
        if not spec.get("description")
    ]
    assert undocumented == []
    hit = components["ProductCard"]["properties"]
    assert {"product_id", "title", "url", "price", "score", "explanation"} <= set(hit)


def test_swagger_ui_is_served_without_a_cdn(client):
    response = client.get("/api/assistant/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html and "/static/drf_spectacular_sidecar/" in html
    assert "cdn.jsdelivr" not in html and "/api/assistant/schema/" in html


# -- what a result list means (issue 13) ----------------------------------------------------


def test_every_result_matches_and_says_why(client, indexed_catalog):
    body = get(client, q="tent", page_size=100)

    assert body["count"] == len(body["results"]) > 0
    for hit in body["results"]:
        explanation = hit["explanation"]
        assert explanation["matched_by"], hit["title"]
        assert set(explanation["matched_by"]) <= {"keywords", "spelling", "category", "meaning"}
        assert explanation["product_similarity"] is not None
    tents = entries_of(ids(body))
    assert all("tents" in entry.category_path for entry in tents.values())


def test_gibberish_returns_no_results_but_help(client, indexed_catalog):
    body = get(client, q="asdfghjkl qwertz")

    assert body["count"] == 0 and body["results"] == []
    assert all(values == [] for values in body["facets"].values())
    help_ = body["suggestions"]
    assert help_["categories"] and help_["related"]
    assert len(help_["related"]) <= 4
    for card in help_["related"]:  # shown apart, never as results
        assert card["explanation"]["matched_by"] == []
    found = get(client, q="tent")
    assert found["count"] > 0 and found["suggestions"] is None


def names_of(slug: str) -> dict[str, str]:
    return dict(zip(CATALOG_LANGUAGES, CATEGORIES[slug][1], strict=True))


@pytest.mark.parametrize(
    ("lang", "language_code", "expected"),
    [
        ("es", "en", "es"),  # the search language
        ("ko", "de", "de"),  # not named in Korean: the shop's LANGUAGE_CODE
        ("ko", "pl", "en"),  # neither: a language it is named in (the first)
    ],
)
def test_related_categories_are_named_in_the_shoppers_language(
    client, indexed_catalog, settings, lang, language_code, expected
):
    settings.LANGUAGE_CODE = language_code
    body = get(client, q="asdfghjkl qwertz", lang=lang)

    assert body["count"] == 0
    categories = body["suggestions"]["categories"]
    assert categories
    for category in categories:
        assert category["value"] in CATEGORIES
        assert category["label"] == names_of(category["value"])[expected], category
        assert category["label_language"] == expected


def test_did_you_mean_comes_from_the_catalog_vocabulary(indexed_catalog):
    from shop_assistant.search.suggestions import did_you_mean

    assert did_you_mean("wasserkocherr", using="default") == "wasserkocher"
    assert did_you_mean("headphonez for kids", using="default") == "headphones for kids"
    assert did_you_mean("tent", using="default") is None  # nothing to correct
    assert did_you_mean("qqqqqq", using="default") is None  # nothing close


def test_facets_of_price_stock_and_attributes_count_the_result_set(
    client, indexed_catalog, settings
):
    settings.SHOP_ASSISTANT = {
        **settings.SHOP_ASSISTANT,
        "FACETS": ["category", "brand", "price", "in_stock", "attr.color"],
    }
    body = get(client, q="tent", page_size=5)
    everything = get(client, q="tent", page_size=100)
    entries = entries_of(ids(everything))
    facets = body["facets"]

    stock = {f["value"]: f["count"] for f in facets["in_stock"]}
    assert sum(stock.values()) == body["count"] == len(entries)
    assert stock.get("false", 0) == sum(not e.in_stock for e in entries.values())
    prices = facets["price"]
    assert sum(p["count"] for p in prices) == sum(e.price is not None for e in entries.values())
    for bucket in prices:  # each range filters to exactly its count
        params = {"min_price": bucket["min"] or "", "max_price": bucket["max"] or ""}
        filtered = get(client, q="tent", page_size=100, **{k: v for k, v in params.items() if v})
        assert filtered["count"] == bucket["count"], bucket
    colors = Counter(
        e.attributes.get("color") for e in entries.values() if e.attributes.get("color")
    )
    assert {f["value"]: f["count"] for f in facets["attr.color"]} == dict(colors)
    assert all(f["label"] == f["value"] for f in facets["attr.color"])  # no labels given
    category = {f["value"]: f for f in facets["category"]}
    assert category["tents"]["parent"] == "outdoor" and category["outdoor"]["parent"] is None


def test_attribute_values_in_any_language_filter_and_label_facets(
    client, indexed_catalog, settings
):
    fields = settings.SHOP_ASSISTANT["ADAPTER_FIELDS"]
    settings.SHOP_ASSISTANT = {
        **settings.SHOP_ASSISTANT,
        "ADAPTER_FIELDS": {
            **fields,
            "value_labels": {"color": {"navy": {"es": "azul marino", "de": "Marineblau"}}},
        },
        "FACETS": ["attr.color"],
    }
    stored = get(client, q="jacket", **{"attr.color": "navy"})
    spanish = get(client, q="chaqueta", lang="es", **{"attr.color": "Azul Marino"})
    german = get(client, q="jacket", **{"attr.color": "marineblau"})

    assert ids(stored) and ids(stored)[0] == indexed_catalog.pk("JACKET-EN")
    assert ids(german) == ids(stored)
    assert indexed_catalog.pk("JACKET-EN") in ids(spanish)
    assert spanish["facets"]["attr.color"] == [
        {"value": "navy", "count": spanish["count"], "label": "azul marino"}
    ]


def test_in_stock_and_query_language_signals_are_added_and_explained(
    client, indexed_catalog, settings
):
    with_signals = get(client, q="tent", page_size=100)
    settings.SHOP_ASSISTANT = {
        **settings.SHOP_ASSISTANT,
        "RANKING_SIGNALS": {"in_stock": 0, "query_language": 0},
    }
    without = {hit["product_id"]: hit for hit in get(client, q="tent", page_size=100)["results"]}

    assert set(without) == set(ids(with_signals))  # signals reorder, never filter
    stock = [hit["in_stock"] for hit in with_signals["results"]]
    assert True in stock and False in stock
    for hit in with_signals["results"]:
        boosts = hit["explanation"]["boosts"]
        expected = {}
        if hit["in_stock"]:
            expected["in_stock"] = 0.05
        if hit["explanation"]["language_match"]:
            expected["query_language"] = 0.005
        assert boosts == expected
        base = without[hit["product_id"]]
        assert base["explanation"]["boosts"] == {}
        assert hit["score"] == pytest.approx(base["score"] + sum(expected.values()), abs=1e-5)
