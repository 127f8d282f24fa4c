"""Offline evaluation of the recommendations on generated demo sessions and orders.

    python benchmarks/eval_recommend.py [--visitors 400] [--orders 1500] [--seed 7]

Loads and indexes the demo catalog (real USE vectors) on a throwaway embedded
PostgreSQL, generates activity with the demo's generator (``demo_project/shop/activity.py``:
visitors with 2–3 interests, orders with companion products; a seed other than the
demo's), then measures side by side in one run:

* **personalized hit-rate@10**, leave-last-out: for each visitor with at least three
  earlier views, the product of their last first-time view is held out (with everything
  after it); a hit is the held-out product among the 10 recommendations computed from the
  earlier events. Baseline: the 10 most popular products (most events over all visitors'
  training events) the visitor has not seen. Budget: ≥ 1.5× the baseline.
* **bought-together precision@5**: orders split 80/20 at random; co-purchase pairs are
  refreshed from the training orders only (through the adapter's ``get_orders``); for
  every product of a test order with two or more products, the share of the 5
  recommendations found in the rest of that order. Baseline: 5 random products of the
  product's category (expected value, exact). Budget: ≥ 2× the baseline.

Prints the figures and appends them to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=400)
    parser.add_argument("--orders", type=int, default=1500, help="orders of non-browsing buyers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-record", action="store_true", help="Do not append to RESULTS.md")
    parser.add_argument(
        "--wipe-activity",
        action="store_true",
        help="With DATABASE_URL set: delete its events, orders and scores first (never "
        "point this at a real shop)",
    )
    args = parser.parse_args()
    if os.environ.get("DATABASE_URL") and not args.wipe_activity:
        raise SystemExit("DATABASE_URL is set: pass --wipe-activity to reuse that database.")

    if not os.environ.get("DATABASE_URL"):
        from demo_project.database import embedded_database_url

        pgdata = Path(tempfile.mkdtemp(prefix="eval_recommend_")) / "pg"
        os.environ["DATABASE_URL"] = embedded_database_url(pgdata, cleanup_mode="delete")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_project.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from demo_project.shop.activity import catalog_refs, plan_activity
    from demo_project.shop.catalog_data import CATEGORIES, demo_catalog
    from demo_project.shop.loading import load_categories, load_products
    from shop_assistant.indexing import Indexer
    from shop_assistant.indexing.spaces import get_or_create_active_space

    call_command("migrate", verbosity=0)
    _wipe_activity()
    load_products(demo_catalog(), load_categories(CATEGORIES))
    started = time.perf_counter()
    Indexer(get_or_create_active_space()).index_all()
    print(f"demo catalog indexed in {time.perf_counter() - started:.0f} s", flush=True)

    refs = catalog_refs()
    plan = plan_activity(
        refs, visitors=args.visitors, offline_orders=args.orders, seed=args.seed, prefix="eval-"
    )
    lines = [
        f"catalog: {len(refs)} products; generated: {len(plan.interests)} visitors, "
        f"{len(plan.events)} events, {len(plan.orders)} orders (seed {args.seed})"
    ]
    lines += evaluate_bought_together(plan, refs, random.Random(args.seed))
    lines += evaluate_personalized(plan)
    print("\n".join(lines))
    if not args.no_record:
        _record(" ".join(sys.argv[1:]), lines)


def evaluate_bought_together(plan, refs, rng: random.Random) -> list[str]:
    from demo_project.shop.activity import Activity, load_activity
    from shop_assistant.filters import Filters
    from shop_assistant.recommend.base import ListContext
    from shop_assistant.recommend.bought_together import bought_together
    from shop_assistant.recommend.copurchase import refresh_bought_together

    orders = plan.orders[:]
    rng.shuffle(orders)
    cut = int(len(orders) * 0.8)
    train, test = orders[:cut], orders[cut:]
    load_activity(Activity(orders=train))  # Order rows only: read through get_orders()
    report = refresh_bought_together()
    category = {r.pk: r.category for r in refs}
    members = Counter(category.values())
    context = ListContext(filters=Filters(), language="en", limit=5)
    model = baseline = 0.0
    queries = 0
    sources: Counter[str] = Counter()
    started = time.perf_counter()
    for order in test:
        items = list(dict.fromkeys(order.products))
        if len(items) < 2 or len(items) > 20:  # the wholesale order is no shopper's basket
            continue
        for anchor in items:
            truth = set(items) - {anchor}
            results = bought_together(anchor, context)
            sources.update(r.explanation.source for r in results if r.explanation)
            model += len(truth & {r.product_id for r in results}) / 5
            same = sum(1 for p in truth if category[p] == category[anchor])
            baseline += same / (members[category[anchor]] - 1)
            queries += 1
    seconds = time.perf_counter() - started
    model, baseline = model / queries, baseline / queries
    return [
        f"bought-together: {report.pairs} pairs from {len(train)} training orders; "
        f"{queries} queries from {len(test)} test orders ({seconds / queries * 1000:.0f} ms each)",
        f"  precision@5 lift+fallbacks: {model:.4f}   random-from-category: {baseline:.4f}   "
        f"ratio: {model / baseline:.2f}x (budget >= 2x)",
        "  sources: " + ", ".join(f"{k} {v}" for k, v in sources.most_common()),
    ]


def evaluate_personalized(plan) -> list[str]:
    from demo_project.shop.activity import Activity, load_activity
    from shop_assistant.filters import Filters
    from shop_assistant.models import Interaction
    from shop_assistant.recommend.base import ListContext
    from shop_assistant.recommend.identity import Visitor
    from shop_assistant.recommend.personalized import recommendations

    by_visitor: dict[str, list] = {}
    for event in plan.events:
        by_visitor.setdefault(event.visitor, []).append(event)
    kept, held_out = [], {}
    for visitor, events in by_visitor.items():
        views = [i for i, e in enumerate(events) if e.type == "view"]
        last = views[-1]
        if len(views) >= 4 and events[last].product not in {e.product for e in events[:last]}:
            held_out[visitor] = events[last].product
            kept += events[:last]
        else:
            kept += events
    load_activity(Activity(events=kept))
    popular = [
        pid
        for pid, _n in Counter(
            Interaction.objects.filter(visitor_id__in=list(by_visitor)).values_list(
                "product_id", flat=True
            )
        ).most_common()
    ]
    seen: dict[str, set] = {}
    for event in kept:
        seen.setdefault(event.visitor, set()).add(event.product)
    context = ListContext(filters=Filters(), language="en", limit=10)
    hits = baseline_hits = 0
    sources: Counter[str] = Counter()
    started = time.perf_counter()
    for visitor, product in held_out.items():
        results = recommendations(Visitor(visitor_id=visitor), context)
        sources.update(r.explanation.source for r in results if r.explanation)
        hits += product in {r.product_id for r in results}
        top = [pid for pid in popular if pid not in seen[visitor]][:10]
        baseline_hits += product in top
    seconds = time.perf_counter() - started
    count = len(held_out)
    rate, base = hits / count, baseline_hits / count
    return [
        f"personalized: {count} visitors held out ({seconds / count * 1000:.0f} ms each)",
        f"  hit-rate@10 personalized: {rate:.4f}   most-popular unseen: {base:.4f}   "
        f"ratio: {rate / base:.2f}x (budget >= 1.5x)",
        "  sources: " + ", ".join(f"{k} {v}" for k, v in sources.most_common()),
    ]


def _wipe_activity() -> None:
    from demo_project.shop.models import Order
    from shop_assistant.models import CoPurchase, Interaction, TrendingScore

    for model in (Interaction, CoPurchase, TrendingScore, Order):
        model.objects.all().delete()


def _record(argv: str, lines: list[str]) -> None:
    results = ROOT / "benchmarks" / "RESULTS.md"
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    command = f"python benchmarks/eval_recommend.py {argv}".strip()
    with results.open("a", encoding="utf-8") as out:
        out.write(f"\n## eval_recommend — {stamp}\n\n`{command}`\n\n```\n")
        out.write("\n".join(lines) + "\n```\n")


if __name__ == "__main__":
    main()
