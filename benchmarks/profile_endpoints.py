"""SQL statements per request and cProfile shares for the load mix's endpoints.

    .venv/bin/python benchmarks/profile_endpoints.py [--products 5000] [--requests 40]
        [--data-dir DIR] [--top 25] [--only search,similar,...]

Counts and shares, not timings: meant for a shared machine. The catalog is
bench_search.py's (title and description vectors, synthetic), in an embedded PostgreSQL
(kept and reused with ``--data-dir``). For each endpoint of bench_load.py's mix (search,
similar, recommendations, product ask, view event) it warms the process once, then
reports the SQL statements per request (``CaptureQueriesContext``) and the cProfile
functions with the largest cumulative share over ``--requests`` requests, each with a
different query/product (the query-embedding cache is cleared before each request, as
the endpoint sees a new query under load).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import build_catalog, make_queries, setup_django  # noqa: E402

QUESTIONS = ["Is it in stock?", "What does it cost?", "Which colour is it?", "Is it waterproof?"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--only", default="search,similar,recommendations,ask,event")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--sql", action="store_true", help="print one request's statements")
    args = parser.parse_args()

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="profile_endpoints_")) / "pg"
    reuse = args.data_dir is not None and (data_dir / "PG_VERSION").exists()
    setup_django(data_dir, keep=args.data_dir is not None)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from shop_assistant.models import CatalogEntry

    if not reuse:
        build_catalog(args.products, args.seed, kinds=("title", "description"))
    rng = random.Random(args.seed)
    products = list(CatalogEntry.objects.values_list("product_id", flat=True)[:2000])
    queries = make_queries(args.requests * 2 + 10, args.seed)
    client = Client()

    def event(product: int) -> tuple[str, str, dict]:
        body = {
            "events": [
                {"event_id": f"e{rng.getrandbits(48)}", "type": "view", "product_id": product}
            ]
        }
        return "post", "/api/assistant/events/", body

    def make(kind: str, i: int) -> tuple[str, str, dict | None]:
        product = rng.choice(products)
        if kind == "search":
            return "get", "/api/assistant/search/", {"q": queries[i]}
        if kind == "similar":
            return "get", f"/api/assistant/products/{product}/similar/", None
        if kind == "recommendations":
            return "get", "/api/assistant/recommendations/", None
        if kind == "ask":
            return (
                "post",
                "/api/assistant/ask/",
                {"question": rng.choice(QUESTIONS), "product_id": product},
            )
        return event(product)

    def call(method: str, path: str, data: dict | None) -> int:
        cache.clear()
        if method == "post":
            response = client.post(path, data, content_type="application/json")
        else:
            response = client.get(path, data or {})
        assert response.status_code < 300, (path, response.status_code, response.content[:300])
        return response.status_code

    for _ in range(5):  # a visitor with history (recommendations) and warm models
        call(*event(rng.choice(products)))
    for kind in args.only.split(","):
        for i in range(3):
            call(*make(kind, i))
    for kind in args.only.split(","):
        counts = []
        shapes: Counter[str] = Counter()
        profile = cProfile.Profile()
        for i in range(args.requests):
            request = make(kind, 10 + i)
            with CaptureQueriesContext(connection) as captured:
                profile.enable()
                call(*request)
                profile.disable()
            counts.append(len(captured.captured_queries))
            for query in captured.captured_queries:
                shapes[query["sql"][:90]] += 1
            if args.sql and i == 0:
                for query in captured.captured_queries:
                    print("   SQL:", query["sql"][:300])
        print(
            f"\n=== {kind}: SQL statements per request mean {sum(counts) / len(counts):.2f} "
            f"(min {min(counts)}, max {max(counts)}) over {len(counts)} requests"
        )
        for shape, n in shapes.most_common(40):
            print(f"   {n / len(counts):5.2f}/req  {shape}")
        total = pstats.Stats(profile).total_tt
        print(f"   total profiled CPU {total:.2f} s; shares below are of it")
        for order, title in (("cumulative", "cumulative, shop_assistant"), ("tottime", "own time")):
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out)
            restrict = ("shop_assistant", args.top) if order == "cumulative" else (args.top,)
            stats.sort_stats(order).print_stats(*restrict)
            print(f"   -- {title}")
            for line in out.getvalue().splitlines():
                parts = line.split(None, 5)
                if len(parts) < 6 or not parts[0][0].isdigit():
                    continue
                try:
                    seconds = float(parts[3] if order == "cumulative" else parts[1])
                except ValueError:
                    continue
                print(f"   {seconds / total * 100:5.1f}%  {parts[0]:>9} calls  {parts[5][-110:]}")


if __name__ == "__main__":
    main()
