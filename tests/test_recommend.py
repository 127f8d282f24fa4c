"""Recommendations on the tests' indexed catalog (real USE vectors, pgvector, PostgreSQL).

Similar, personalized, bought together and trending through the API, on the catalog of
tests/catalog_data.py: about eighty products in eleven leaf categories, a variant family
(``group``) and single-language products.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import numpy as np
import pytest
from django.contrib.auth import get_user_model, login
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.test import APIClient

from shop_assistant.indexing.ann import mean_vectors
from shop_assistant.models import CatalogEntry, CoPurchase, EmbeddingSpace, Interaction
from shop_assistant.recommend.copurchase import refresh_bought_together
from shop_assistant.recommend.identity import visitor_token
from shop_assistant.tasks import refresh_trending_task

from .testapp.models import Order, OrderLine, Product

pytestmark = pytest.mark.django_db

API = "/api/assistant/"
COOKIE = "shop_assistant_visitor"


@pytest.fixture
def client() -> APIClient:
    cache.clear()  # throttle history
    return APIClient()


def get(client: APIClient, path: str, **params: object) -> dict:
    response = client.get(API + path, params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(body: dict) -> list[int]:
    return [r["product_id"] for r in body["results"]]


def leaf(product_id: int) -> str:
    return CatalogEntry.objects.get(product_id=product_id).category_path[-1]


def in_category(slug: str, *, in_stock: bool | None = None) -> list[int]:
    entries = CatalogEntry.objects.filter(category_path__contains=[slug])
    if in_stock is not None:
        entries = entries.filter(in_stock=in_stock)
    return list(entries.order_by("product_id").values_list("product_id", flat=True))


def views(client: APIClient, product_ids: list[int], prefix: str, **headers: str) -> None:
    now = timezone.now()
    events = [
        {
            "event_id": f"{prefix}-{i}",
            "type": "view",
            "product_id": pk,
            "timestamp": (now - timedelta(minutes=len(product_ids) - i)).isoformat(),
        }
        for i, pk in enumerate(product_ids)
    ]
    response = client.post(API + "events/", {"events": events}, format="json", headers=headers)
    assert response.status_code == 201, response.content


def background_views(counts: dict[int, int], *, days_ago: float = 0.0) -> None:
    """Views by other visitors (trending material), then a trending refresh."""
    when = timezone.now() - timedelta(days=days_ago)
    Interaction.objects.bulk_create(
        Interaction(
            event_id=f"bg-{pk}-{i}-{days_ago}",
            type="view",
            product_id=pk,
            visitor_id=f"background-visitor-{i:03d}",
            timestamp=when,
        )
        for pk, count in counts.items()
        for i in range(count)
    )
    refresh_trending_task.delay().get()


# -- similar ------------------------------------------------------------------------------


def test_similar_products_are_in_the_category_and_never_the_product(client, indexed_catalog):
    skus = ["TENTS-02", "HEADPHONES-03", "KETTLES-02", "BOARD-GAMES-02", "LAMPS-03"]
    skus += ["TENT-DE", "HEADPHONES-JA", "CAFETERA-ES"]  # single-language products
    for sku in skus:
        pk = indexed_catalog.pk(sku)
        found = ids(get(client, f"products/{pk}/similar/", limit=5))
        assert len(found) == 5, sku
        assert pk not in found, sku
        share = sum(leaf(other) == leaf(pk) for other in found) / len(found)
        assert share >= 0.8, (sku, share)


def test_similar_products_exclude_variants_and_out_of_stock(client, indexed_catalog):
    tent = indexed_catalog.pk("TENTS-01")
    family = {indexed_catalog.pk(s) for s in ("TENTS-01", "TENTS-09", "TENTS-11")}
    body = get(client, f"products/{tent}/similar/", limit=30)
    assert not family & set(ids(body))
    assert all(r["in_stock"] for r in body["results"])
    assert {r["explanation"]["source"] for r in body["results"]} == {"similar"}
    sims = [r["explanation"]["figures"]["similarity"] for r in body["results"]]
    assert sims == sorted(sims, reverse=True) and sims[0] > 0.5
    # Without the variant exclusion the family would come first: they are the closest.
    space = EmbeddingSpace.objects.active()
    entries = dict(CatalogEntry.objects.values_list("product_id", "pk"))
    vectors = mean_vectors(space, [entries[p] for p in family], using="default")
    family_sim = float(vectors[entries[tent]] @ vectors[entries[indexed_catalog.pk("TENTS-09")]])
    assert family_sim > sims[0]
    out_of_stock = get(client, f"products/{tent}/similar/", in_stock="false", limit=5)
    assert out_of_stock["results"] and not any(r["in_stock"] for r in out_of_stock["results"])


def test_similar_products_take_the_search_filters(client, indexed_catalog):
    kettle = indexed_catalog.pk("KETTLES-01")
    body = get(client, f"products/{kettle}/similar/", category="coffee-makers", max_price="100")
    assert body["results"]
    for result in body["results"]:
        assert result["category_path"] == ["kitchen", "coffee-makers"]
        assert float(result["price"]) <= 100


def test_titles_come_in_the_visitors_language(client, indexed_catalog):
    tent = indexed_catalog.pk("TENTS-02")
    client.credentials(HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    spanish = get(client, f"products/{tent}/similar/")
    assert (spanish["language"], spanish["language_source"]) == ("es", "header")
    for result in spanish["results"]:
        titles = CatalogEntry.objects.get(product_id=result["product_id"]).titles
        # The shopper's language, else the shop's default (LANGUAGE_CODE), else the product's.
        expected = next((c for c in ("es", "en") if c in titles), next(iter(titles)))
        assert (result["title_language"], result["title"]) == (expected, titles[expected])
    german = get(client, f"products/{tent}/similar/", lang="de")
    assert german["language"] == "de" and german["language_source"] == "given"
    assert any(r["title_language"] == "de" for r in german["results"])
    bad = client.get(API + f"products/{tent}/similar/", {"lang": "xx"})
    assert bad.status_code == 400 and "Allowed" in str(bad.json()["lang"])


def test_diversity_spreads_the_similar_products(client, indexed_catalog):
    pk = indexed_catalog.pk("HEADPHONES-03")
    space = EmbeddingSpace.objects.active()

    def spread(found: list[int]) -> float:
        entries = dict(
            CatalogEntry.objects.filter(product_id__in=found).values_list("product_id", "pk")
        )
        vectors = mean_vectors(space, entries.values(), using="default")
        matrix = np.stack([vectors[entries[p]] for p in found])
        pairwise = matrix @ matrix.T
        return float(pairwise[np.triu_indices(len(found), 1)].mean())

    close = ids(get(client, f"products/{pk}/similar/"))
    varied = ids(get(client, f"products/{pk}/similar/", diversity="0.8"))
    assert close[0] == varied[0]  # the most similar product is always picked first
    assert spread(varied) < spread(close) - 0.05
    assert client.get(API + f"products/{pk}/similar/", {"diversity": 2}).status_code == 400


@pytest.mark.parametrize("product_id", ["999999999", "abc"])
def test_unknown_products_are_a_404(client, indexed_catalog, product_id):
    for path in ("similar", "bought-together"):
        response = client.get(API + f"products/{product_id}/{path}/")
        assert response.status_code == 404
        assert "not in the indexed catalog" in response.json()["detail"]


def test_an_unindexed_product_is_a_404(client, indexed_catalog):
    fresh = Product.objects.create(sku="NEW-1", title="Brand new tent", price=10, stock=3)
    response = client.get(API + f"products/{fresh.pk}/similar/")
    assert response.status_code == 404


# -- personalized ---------------------------------------------------------------------------


def test_recommendations_move_toward_the_viewed_category(client, indexed_catalog):
    background_views({pk: 3 for pk in in_category("kettles")[:4] + in_category("lamps")[:4]})
    headers = {"X-Visitor-Id": visitor_token("visitor-tents-0001")}
    tents = [indexed_catalog.pk(s) for s in ("TENTS-02", "TENTS-03", "TENTS-04", "TENTS-06")]
    before = get(client, "recommendations/", headers=headers)
    assert {r["explanation"]["source"] for r in before["results"]} == {"trending"}  # cold start
    views(client, tents, "t", **headers)
    after = client.get(API + "recommendations/", headers=headers).json()
    found = ids(after)
    assert len(found) == 10 and not set(tents) & set(found)
    share_before = sum(leaf(p) == "tents" for p in ids(before)) / 10
    share_after = sum(leaf(p) == "tents" for p in found) / 10
    assert share_before == 0 and share_after >= 0.6, (share_before, share_after)
    assert {r["explanation"]["source"] for r in after["results"]} == {"personalized"}
    assert set(after["results"][0]["explanation"]["figures"]["because"]) <= set(tents)


def test_recommendations_cover_each_interest(client, indexed_catalog):
    headers = {"X-Visitor-Id": visitor_token("visitor-two-interests")}
    tents = [indexed_catalog.pk(s) for s in ("TENTS-02", "TENTS-03", "TENTS-04")]
    kettles = [indexed_catalog.pk(s) for s in ("KETTLES-01", "KETTLES-02", "KETTLES-03")]
    views(client, [p for pair in zip(tents, kettles, strict=True) for p in pair], "m", **headers)
    body = client.get(API + "recommendations/", headers=headers).json()
    categories = Counter(leaf(p) for p in ids(body))
    assert categories["tents"] >= 3 and categories["kettles"] >= 3, categories
    assert {r["explanation"]["figures"]["interest"] for r in body["results"]} == {1, 2}


def test_bought_products_are_left_out_unless_rebuyable(client, indexed_catalog):
    headers = {"X-Visitor-Id": visitor_token("visitor-skincare-01")}
    bought = indexed_catalog.pk("SKINCARE-03")
    others = [indexed_catalog.pk(s) for s in ("SKINCARE-01", "SKINCARE-02", "SKINCARE-04")]
    views(client, others, "s", **headers)
    purchase = {"event_id": "buy", "type": "purchase", "product_id": bought, "order_id": "S1"}
    client.post(API + "events/", {"events": [purchase]}, format="json", headers=headers)
    found = ids(client.get(API + "recommendations/", headers=headers).json())
    assert bought not in found and not set(others) & set(found)
    CatalogEntry.objects.filter(product_id=bought).update(rebuyable=True)
    found = ids(client.get(API + "recommendations/", headers=headers).json())
    assert bought in found  # a consumable comes back as a re-order
    assert not set(others) & set(found)


def test_anonymous_history_carries_over_at_login(client, indexed_catalog):
    headphones = [indexed_catalog.pk(f"HEADPHONES-0{n}") for n in (1, 2, 4, 5)]
    views(client, headphones, "anon")  # a browser: the API sets the visitor cookie
    cookie = client.cookies[COOKIE].value
    user = get_user_model().objects.create_user("carla", password="x")
    request = RequestFactory().post("/login/")
    request.COOKIES[COOKIE] = cookie
    SessionMiddleware(lambda r: None).process_request(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")

    logged_in = APIClient()  # another device: no cookie, only the user
    logged_in.force_authenticate(user)
    body = get(logged_in, "recommendations/")
    assert {r["explanation"]["source"] for r in body["results"]} == {"personalized"}
    assert sum(leaf(p) == "headphones" for p in ids(body)) >= 6
    assert not set(headphones) & set(ids(body))


def test_cold_start_prefers_trending_in_the_visitors_language(client, indexed_catalog):
    english_only = indexed_catalog.pk("JACKET-EN")
    japanese_only = indexed_catalog.pk("HEADPHONES-JA")
    background_views({english_only: 20, japanese_only: 5})
    japanese = get(client, "recommendations/", lang="ja")
    assert ids(japanese)[0] == japanese_only
    assert japanese["results"][0]["title_language"] == "ja"
    assert ids(japanese)[1] == english_only  # trending in any language comes next
    assert [r["explanation"]["source"] for r in japanese["results"]] == ["trending", "trending"]
    english = get(client, "recommendations/", lang="en")
    assert ids(english)[0] == english_only


def test_cold_start_falls_back_to_popular_products(client, indexed_catalog):
    popular = [indexed_catalog.pk(s) for s in ("BOARD-GAMES-01", "BOARD-GAMES-02", "LAMPS-01")]
    for number, pks in enumerate([popular, popular[:2], popular[:1]]):
        order = Order.objects.create(number=f"P-{number}")
        OrderLine.objects.bulk_create(OrderLine(order=order, product_id=p, price=1) for p in pks)
    refresh_bought_together()
    body = get(client, "recommendations/")
    assert ids(body) == popular
    assert [r["explanation"]["figures"]["orders"] for r in body["results"]] == [3, 2, 1]
    assert {r["explanation"]["source"] for r in body["results"]} == {"popular"}


# -- bought together ---------------------------------------------------------------------


def _orders(baskets: dict[str, list[int]]) -> None:
    for number, pks in baskets.items():
        order = Order.objects.create(number=number)
        OrderLine.objects.bulk_create(OrderLine(order=order, product_id=p, price=1) for p in pks)


def test_bought_together_ranks_by_lift_and_ignores_a_giant_order(client, indexed_catalog, settings):
    a, b, c = (indexed_catalog.pk(s) for s in ("TENTS-03", "BACKPACKS-02", "KETTLES-01"))
    fillers = [indexed_catalog.pk(f"BOARD-GAMES-0{n}") for n in (1, 2, 3)]
    fillers += [indexed_catalog.pk(s) for s in ("LAMPS-02", "LAMPS-03", "LAMPS-04")]
    taken = {a, b, c, *fillers}
    giant = [p for p in in_category("board-games") + in_category("skincare") if p not in taken]
    _orders(
        {
            "O-1": [a, b],
            "O-2": [a, b],
            "O-4": [a, c],
            "O-5": [a, c],
            **{f"O-C{i}": [c, filler] for i, filler in enumerate(fillers)},
            "O-GIANT": [a, *giant],
        }
    )
    # The third A+B order is only known from purchase events (same namespace of order ids).
    purchases = [
        {"event_id": f"p{i}", "type": "purchase", "product_id": p, "order_id": "O-3"}
        for i, p in enumerate((a, b))
    ]
    token = visitor_token("buyer-0003")
    client.post(
        API + "events/", {"events": purchases}, format="json", headers={"X-Visitor-Id": token}
    )
    report = refresh_bought_together()
    assert report.baskets == 12

    # N = 12 orders, A in 6, B in 3, C in 8: lift(A,B) = 3·12/(6·3), lift(A,C) = 2·12/(6·8).
    pair = CoPurchase.objects.get(product_id=a, other_id=b)
    assert (pair.support, pair.lift) == (3, pytest.approx(2.0))
    assert CoPurchase.objects.get(product_id=a, other_id=c).lift == pytest.approx(0.5)
    assert not CoPurchase.objects.filter(product_id=a, other_id__in=giant).exists()

    results = get(client, f"products/{a}/bought-together/")["results"]
    co_bought = [r for r in results if r["explanation"]["source"] == "co_purchase"]
    assert [r["product_id"] for r in co_bought] == [b, c]
    assert co_bought[0]["explanation"]["source"] == "co_purchase"
    assert co_bought[0]["explanation"]["figures"] == {"lift": 2.0, "support": 3}

    # Only the minimum support keeps the giant order's products out ...
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "BOUGHT_TOGETHER_MIN_SUPPORT": 1}
    refresh_bought_together()
    assert CoPurchase.objects.filter(product_id=a, other_id__in=giant).count() == len(giant)
    first = get(client, f"products/{a}/bought-together/")["results"][0]
    assert first["product_id"] == b  # ... and even then the damped lift keeps B first
    # ... and the size cap drops such an order altogether.
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "BASKET_MAX_ITEMS": len(giant)}
    refresh_bought_together()
    assert not CoPurchase.objects.filter(product_id=a, other_id__in=giant).exists()


def test_bought_together_falls_back_and_names_each_source(client, indexed_catalog):
    tent, lamp = indexed_catalog.pk("TENTS-07"), indexed_catalog.pk("LAMPS-05")
    backpacks = in_category("backpacks", in_stock=True)
    # Two people bought the tent and, another day, a lamp: "also bought", other category.
    long_ago = timezone.now() - timedelta(days=3)
    for buyer in ("buyer-a-0001", "buyer-b-0001"):
        Interaction.objects.create(
            event_id="t", type="purchase", product_id=tent, visitor_id=buyer, timestamp=long_ago
        )
        Interaction.objects.create(
            event_id="l",
            type="purchase",
            product_id=lamp,
            visitor_id=buyer,
            timestamp=timezone.now(),
        )
    _orders({f"B-{i}": [backpacks[i % 3]] for i in range(6)})  # popular backpacks
    refresh_bought_together()
    body = get(client, f"products/{tent}/bought-together/", limit=4)
    results = body["results"]
    assert results[0]["product_id"] == lamp
    assert results[0]["explanation"]["source"] == "also_bought"
    assert results[0]["explanation"]["figures"]["buyers"] == 2
    related = results[1:]
    assert {r["explanation"]["source"] for r in related} == {"popular_related"}
    assert {leaf(r["product_id"]) for r in related} == {"backpacks"}  # tents' sibling category
    assert [r["explanation"]["figures"]["orders"] for r in related] == [2, 2, 2]
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


# -- trending ---------------------------------------------------------------------------------


def test_trending_decays_with_time_and_takes_a_category(client, indexed_catalog, settings):
    recent, old = indexed_catalog.pk("LAMPS-05"), indexed_catalog.pk("TENTS-08")
    background_views({old: 12}, days_ago=10)
    background_views({recent: 5})
    body = get(client, "trending/")
    assert ids(body)[:2] == [recent, old]
    # 5 views now; 12 views three and a third half-lives (3 days) ago.
    scores = [r["explanation"]["figures"]["trending_score"] for r in body["results"][:2]]
    assert scores[0] == pytest.approx(5.0, abs=0.01)
    assert scores[1] == pytest.approx(12 * 0.5 ** (10 / 3), rel=0.01)
    tents = get(client, "trending/", category="tents")
    assert ids(tents) == [old]


# -- the OpenAPI schema ------------------------------------------------------------------------


def test_the_schema_documents_the_endpoints_with_examples(client):
    schema = client.get(API + "schema/", {"format": "json"}).json()
    paths = schema["paths"]
    expected = {
        "/api/assistant/events/": "post",
        "/api/assistant/events/mine/": "delete",
        "/api/assistant/products/{product_id}/similar/": "get",
        "/api/assistant/products/{product_id}/bought-together/": "get",
        "/api/assistant/recommendations/": "get",
        "/api/assistant/trending/": "get",
    }
    for path, method in expected.items():
        operation = paths[path][method]
        assert operation["description"], path
        content = operation["responses"]["200" if method != "post" else "201"]["content"]
        assert content["application/json"].get("examples"), path
    similar = paths["/api/assistant/products/{product_id}/similar/"]["get"]
    parameters = {p["name"] for p in similar["parameters"]}
    assert {"diversity", "category", "in_stock", "limit", "lang"} <= parameters
    assert not {"q", "page", "page_size"} & parameters  # search's, without query and paging
    events = paths["/api/assistant/events/"]["post"]
    assert events["requestBody"]["content"]["application/json"]["examples"]


# -- the index plan -------------------------------------------------------------------------


def test_the_index_plan_uses_the_spaces_hnsw_index_and_agrees_with_the_exact_scan(
    indexed_catalog, monkeypatch
):
    from django.db import connection

    from shop_assistant.recommend import vectors

    space = EmbeddingSpace.objects.active()
    entry = CatalogEntry.objects.get(product_id=indexed_catalog.pk("HEADPHONES-03"))
    vector = mean_vectors(space, [entry.pk], using="default")[entry.pk]
    allowed = CatalogEntry.objects.filter(in_stock=True).exclude(pk=entry.pk)
    exact = vectors.nearest_entries(space, vector, allowed, 10, using="default")
    monkeypatch.setattr(vectors, "EXACT_SCAN_MAX_PRODUCTS", 0)  # force the index plan
    statements: list[tuple[str, list]] = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        indexed = vectors.nearest_entries(space, vector, allowed, 10, using="default")
    assert len({e for e, _ in indexed} & {e for e, _ in exact}) >= 9
    assert indexed[0] == pytest.approx(exact[0])

    sql, params = next((sql, params) for sql, params in statements if "ORDER BY distance" in sql)
    with connection.cursor() as cursor:
        # A tiny table: rule out the plans that scan everything and sort by distance, so
        # the plan shows whether the query's expression can use the space's HNSW index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert space.index_name in plan


def test_few_allowed_gives_every_allowed_id_or_none_past_the_exact_scan_limit(
    indexed_catalog, monkeypatch
):
    from shop_assistant.recommend import vectors

    allowed = CatalogEntry.objects.filter(in_stock=True)
    ids = sorted(allowed.values_list("id", flat=True))
    assert len(ids) > 2

    assert sorted(vectors.few_allowed(allowed)) == ids
    assert vectors.few_allowed(allowed.filter(pk__in=[])) == []
    monkeypatch.setattr(vectors, "EXACT_SCAN_MAX_PRODUCTS", len(ids))
    assert sorted(vectors.few_allowed(allowed)) == ids
    monkeypatch.setattr(vectors, "EXACT_SCAN_MAX_PRODUCTS", len(ids) - 1)
    assert vectors.few_allowed(allowed) is None


def test_the_interests_index_scans_in_one_statement_find_what_each_finds_alone(
    indexed_catalog, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shop_assistant.recommend import vectors

    space = EmbeddingSpace.objects.active()
    skus = ["HEADPHONES-03", "JACKET-EN"]
    entries = [CatalogEntry.objects.get(product_id=indexed_catalog.pk(sku)) for sku in skus]
    means = mean_vectors(space, [e.pk for e in entries], using="default")
    interests = [means[e.pk] for e in entries]
    allowed = CatalogEntry.objects.filter(in_stock=True).exclude(pk__in=[e.pk for e in entries])
    monkeypatch.setattr(vectors, "EXACT_SCAN_MAX_PRODUCTS", 0)  # force the index plan
    alone = [vectors.nearest_entries(space, v, allowed, 5, using="default") for v in interests]

    with CaptureQueriesContext(connection) as captured:
        together = vectors.nearest_entries_each(space, interests, allowed, 5, using="default")

    assert together == alone
    assert len(alone[0]) == 5 and alone[0] != alone[1]
    scans = [q for q in captured.captured_queries if "ORDER BY distance" in q["sql"]]
    assert len(scans) == 1  # both index scans in one statement
