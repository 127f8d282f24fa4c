"""Q&A and recommendation latency at catalog scale, side by side with their raw SQL.

    .venv/bin/python benchmarks/bench_qa_recs.py [--products 100000] [--queries 100]
        [--no-record]

The catalog is bench_search.py's (its setup is reused): ``--products`` generated
products (real titles and descriptions in five languages) in a throwaway embedded
PostgreSQL, title **and** description passages with **synthetic** clustered 512-d
vectors (Q&A reads its evidence with the stored vectors; where they came from does not
change the latency), questions encoded with the real USE encoder.

Measured per call through Django's test client (middleware, DRF, the service), one
client, one call after the other, cold cache (the query-embedding cache is cleared
before each call):

* ``POST /api/assistant/ask/`` about one product (``product_id``: a question on its
  colour, price, material... in the product's language);
* ``POST /api/assistant/ask/`` over the whole catalog (no ``product_id``);
* ``GET /api/assistant/products/<id>/similar/``;
* ``GET /api/assistant/recommendations/`` for a visitor who viewed five products (events
  posted first through ``/api/assistant/events/``, the visitor cookie kept by the client).

Beside each, the baseline: the SQL statements that very call ran (captured), replayed
raw on a bare cursor in a rolled-back transaction, plus the question's encoding for the
two asks; so the ratio is what Django, DRF and the service's Python add. p50 / p95 of
both, and their ratio at p95. Appended to benchmarks/RESULTS.md (``--no-record`` to
skip). Budgets (issue 17): product ask p95 <= 100 ms, catalog ask <= 250 ms,
similar / recommendations <= 30 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_search import (  # noqa: E402  (after the path is set)
    build_catalog,
    make_queries,
    percentile,
    prewarm,
    setup_django,
)

#: Questions about one product, by language (answered from its title, description or
#: facets). Generic shopper questions, not tied to the generated catalog's vocabulary.
PRODUCT_QUESTIONS = {
    "en": [
        "What colour is it?",
        "How much does it cost?",
        "Is it in stock?",
        "What is it made of?",
    ],
    "es": ["¿De qué color es?", "¿Cuánto cuesta?", "¿Está disponible?", "¿De qué material es?"],
    "de": ["Welche Farbe hat es?", "Was kostet es?", "Ist es auf Lager?", "Aus welchem Material?"],
    "fr": ["De quelle couleur est-il ?", "Combien coûte-t-il ?", "Est-il en stock ?"],
    "ja": ["色は何ですか？", "値段はいくらですか？", "在庫はありますか？"],
}

BUDGETS = {
    "ask, one product": 100.0,
    "ask, whole catalog": 250.0,
    "similar products": 30.0,
    "recommendations": 30.0,
}

Statement = tuple[str, object, bool]


def call(client, method: str, path: str, data: dict | None = None) -> tuple[float, list]:
    """One call through the test client on a cold cache: milliseconds, the SQL it ran."""
    from django.core.cache import cache
    from django.db import connection

    statements: list[Statement] = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    cache.clear()
    with connection.execute_wrapper(capture):
        started = time.perf_counter()
        if method == "POST":
            response = client.post(path, data, content_type="application/json")
        else:
            response = client.get(path, data or {})
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    return elapsed, statements


def replay(encoder, text: str | None, statements: list[Statement]) -> float:
    """The question's encoding (when ``text``) + the captured SQL replayed raw, in ms."""
    from django.db import connection, transaction

    def fresh(params: object) -> object:  # new ids for rows the call inserted (logs)
        if isinstance(params, list | tuple):
            return [fresh(p) for p in params]
        return uuid.uuid4() if isinstance(params, uuid.UUID) else params

    started = time.perf_counter()
    if text is not None:
        encoder.encode_queries([text])
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, params, many in statements:
            if many:
                cursor.executemany(sql, fresh(params))
            else:
                cursor.execute(sql, fresh(params) if params is not None else None)
                if cursor.description is not None:
                    cursor.fetchall()
        elapsed = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    return elapsed


def measure(
    runs: list[tuple[str, str, dict | None, str | None]], client_for: Callable, encoder
) -> tuple[list[float], list[float]]:
    """(endpoint ms, baseline ms) per run; each run = (method, path, data, encoded text)."""
    endpoint_ms, baseline_ms = [], []
    for index, (method, path, data, text) in enumerate(runs):
        client = client_for(index)
        elapsed, statements = call(client, method, path, data)
        endpoint_ms.append(elapsed)
        baseline_ms.append(replay(encoder, text, statements))
    return endpoint_ms, baseline_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100, help="Calls per kind.")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--no-record", action="store_true", help="Do not append to RESULTS.md.")
    args = parser.parse_args()

    setup_django(Path(tempfile.mkdtemp(prefix="bench_qa_recs_")) / "pg", keep=False)
    from django.test import Client

    from shop_assistant.models import CatalogEntry, EmbeddingSpace

    print(f"Building {args.products} products (title and description vectors) ...", flush=True)
    catalog = build_catalog(args.products, args.seed, kinds=("title", "description"))
    print(f"  {catalog.products} products, {catalog.vectors} vectors", flush=True)
    prewarm()
    space = EmbeddingSpace.objects.active()
    encoder = space.get_encoder()
    rng = np.random.default_rng(args.seed)
    entries = list(CatalogEntry.objects.values_list("product_id", "languages"))
    picked = [entries[i] for i in rng.integers(0, len(entries), args.queries)]

    product_asks = []
    for product_id, languages in picked:
        questions = PRODUCT_QUESTIONS.get(
            languages[0] if languages else "en", PRODUCT_QUESTIONS["en"]
        )
        question = questions[int(rng.integers(0, len(questions)))]
        product_asks.append(
            (
                "POST",
                "/api/assistant/ask/",
                {"question": question, "product_id": product_id},
                question,
            )
        )
    catalog_asks = [
        (
            "POST",
            "/api/assistant/ask/",
            {"question": f"Do you have {text}?"},
            f"Do you have {text}?",
        )
        for text in make_queries(args.queries, args.seed)
    ]
    similar = [
        ("GET", f"/api/assistant/products/{product_id}/similar/", {"page_size": 10}, None)
        for product_id, _ in picked
    ]

    shared = Client()
    visitors = [Client() for _ in range(args.queries)]
    for number, visitor in enumerate(visitors):  # five views each; the cookie is kept
        viewed = [entries[i][0] for i in rng.integers(0, len(entries), 5)]
        response = visitor.post(
            "/api/assistant/events/",
            {
                "events": [
                    {"event_id": f"v{number}-{i}", "type": "view", "product_id": product_id}
                    for i, product_id in enumerate(viewed)
                ]
            },
            content_type="application/json",
        )
        assert response.status_code in (200, 201, 202), response.content[:300]
    recommendations = [
        ("GET", "/api/assistant/recommendations/", {"page_size": 10}, None)
    ] * args.queries

    kinds = {
        "ask, one product": (product_asks, lambda _i: shared),
        "ask, whole catalog": (catalog_asks, lambda _i: shared),
        "similar products": (similar, lambda _i: shared),
        "recommendations": (recommendations, lambda i: visitors[i]),
    }
    for runs, client_for in kinds.values():  # warm-up: models loaded, connections open
        measure(runs[:3], client_for, encoder)

    lines = [
        f"products: {catalog.products} ({catalog.vectors} title and description vectors, "
        f"synthetic clustered 512-d; questions encoded with the real USE encoder), "
        f"{args.queries} calls per kind, one client, cold cache",
        "",
        "| call | p50 ms | p95 ms | raw SQL (+ encoding) p50 ms | p95 ms | ratio p95 "
        "| budget p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    met = True
    for name, (runs, client_for) in kinds.items():
        endpoint_ms, baseline_ms = measure(runs, client_for, encoder)
        p95 = percentile(endpoint_ms, 95)
        met &= p95 <= BUDGETS[name]
        lines.append(
            f"| {name} | {percentile(endpoint_ms, 50):.1f} | {p95:.1f} | "
            f"{percentile(baseline_ms, 50):.1f} | {percentile(baseline_ms, 95):.1f} | "
            f"{p95 / percentile(baseline_ms, 95):.2f} | {BUDGETS[name]:.0f} |"
        )
        print(lines[-1], flush=True)
    lines += [
        "",
        f"- verdict: {'budgets met' if met else 'budgets NOT met'}",
        f"- machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
    ]
    print("\n".join(lines))
    if not args.no_record:
        with (ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write(
                f"\n## Q&A and recommendations at scale ({dt.date.today().isoformat()})\n\n"
                f"`.venv/bin/python benchmarks/bench_qa_recs.py {' '.join(sys.argv[1:])}`\n\n"
                + "\n".join(lines)
                + "\n"
            )


if __name__ == "__main__":
    main()
