"""The shopping guide on the demo catalog, scored on its conversation set.

    python benchmarks/eval_guide.py [--no-record] [--verbose]

Loads the demo catalog into a throwaway embedded PostgreSQL, indexes it with the USE
encoder, and holds every conversation of ``benchmarks/guide_eval_set.py`` (144, in 12
languages) through ``POST /api/assistant/chat/`` with Django's test client, no LLM.
Reports, per language and overall:

* constraint extraction: the constraints a turn expects (category, price ceiling,
  colour) are all in the reply's ``constraints`` -- goal 90%;
* turn success: the first product satisfies the need (category, budget, colour), the
  comparison puts the cheapest product shown first, a vague need gets a clarifying
  question -- goal 85%;
* reply language = asker's, detected on the reply text with the product titles and
  prices taken out -- goal 97%;
* p95 latency per turn (server side, in process) -- goal 300 ms.

Appends the figures to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-record", action="store_true", help="Do not append to RESULTS.md")
    parser.add_argument("--verbose", action="store_true", help="Print every failure")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        from demo_project.database import embedded_database_url

        pgdata = Path(tempfile.mkdtemp(prefix="eval_guide_")) / "pg"
        os.environ["DATABASE_URL"] = embedded_database_url(pgdata, cleanup_mode="delete")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_project.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from rest_framework.test import APIClient

    from benchmarks.guide_eval_set import COLOURS, NEEDS, conversations
    from demo_project.shop.catalog_data import CATEGORIES, demo_catalog
    from demo_project.shop.loading import load_categories, load_products
    from shop_assistant.indexing import Indexer
    from shop_assistant.indexing.spaces import get_or_create_active_space
    from shop_assistant.language import detect, primary_code
    from shop_assistant.models import CatalogEntry

    settings.ALLOWED_HOSTS = ["*"]
    settings.SHOP_ASSISTANT = {
        **getattr(settings, "SHOP_ASSISTANT", {}),
        "THROTTLE_RATES": {"guide": None, "search": None, "qa": None},
    }
    call_command("migrate", verbosity=0)
    catalog = demo_catalog()
    load_products(catalog, load_categories(CATEGORIES))
    Indexer(get_or_create_active_space()).index_all()

    budgets = {}
    for category, (colour, _needs) in NEEDS.items():
        prices = [float(p["price"]) for p in catalog if p["category"] == category]
        coloured = [
            float(p["price"])
            for p in catalog
            if p["category"] == category and p["attributes"].get("color") == colour
        ]
        budgets[category] = int(math.ceil(max(statistics.median(prices), min(coloured)) / 10) * 10)
    entries = {str(e.product_id): e for e in CatalogEntry.objects.all()}
    languages = [code for code, _ in settings.LANGUAGES]

    def reply_language(body: dict) -> str | None:
        text = body["reply"]
        for product in body["products"]:
            text = text.replace(product["title"], " ")
        text = "".join(ch for ch in text if not ch.isdigit())
        found = detect(text, languages)
        return found and primary_code(found)

    totals: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    latencies: list[float] = []
    failures: list[str] = []
    sets = conversations(budgets)
    for conversation in sets:
        client = APIClient()
        conversation_id = None
        for number, turn in enumerate(conversation.turns, 1):
            body = {"message": turn.message}
            if conversation_id:
                body["conversation_id"] = conversation_id
            started = time.perf_counter()
            response = client.post("/api/assistant/chat/", body, format="json")
            latencies.append(time.perf_counter() - started)
            data = response.json()
            conversation_id = data.get("conversation_id")
            expect = turn.expect
            lang = conversation.language
            scores = totals[lang]
            top = entries.get(str(data["products"][0]["product_id"])) if data.get(
                "products"
            ) else None
            if expect.get("clarify"):
                ok = data.get("action") == "clarify"
            elif expect.get("cheapest"):
                prices = [p["price"] and float(p["price"]) for p in data.get("products", [])]
                ok = data.get("action") == "compare" and prices and prices[0] == min(prices)
            else:
                constraints = data.get("constraints", {})
                extracted = constraints.get("category") == expect["category"] and (
                    float(constraints.get("max_price") or 0) == expect["max_price"]
                )
                if "color" in expect:
                    wanted = COLOURS[expect["color"]]["en"]
                    extracted = extracted and constraints.get("attributes", {}).get(
                        "color"
                    ) == wanted
                scores["constraints"].append(extracted)
                ok = (
                    top is not None
                    and top.category_path[-1] == expect["category"]
                    and float(top.price) <= expect["max_price"]
                    and (
                        "color" not in expect
                        or top.attributes.get("color") == COLOURS[expect["color"]]["en"]
                    )
                )
            scores["success"].append(bool(ok))
            scores["language"].append(reply_language(data) == lang)
            if not ok:
                seen = top and (top.category_path[-1], str(top.price), top.attributes.get("color"))
                failures.append(
                    f"{conversation.id} turn {number} {turn.message!r}: action="
                    f"{data.get('action')} constraints={data.get('constraints')} "
                    f"top={seen} reply={data.get('reply')!r}"
                )

    def rate(metric: str, lang: str | None = None) -> tuple[int, int]:
        groups = [totals[lang]] if lang else list(totals.values())
        values = [v for group in groups for v in group[metric]]
        return sum(values), len(values)

    def pct(metric: str, lang: str | None = None) -> str:
        right, total = rate(metric, lang)
        return f"{right / total:.1%}" if total else "-"

    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    p50 = statistics.median(latencies) * 1000
    rows = [
        f"| {lang} | {pct('constraints', lang)} | {pct('success', lang)} "
        f"| {pct('language', lang)} |"
        for lang in sorted(totals)
    ]
    table = (
        "| language | constraints | turn success | reply language |\n|---|---|---|---|\n"
        + "\n".join(rows)
        + f"\n| **all** | **{pct('constraints')}** | **{pct('success')}** "
        f"| **{pct('language')}** |"
    )
    if args.verbose:
        print("\n".join(failures))
    print(table)
    print(f"{len(sets)} conversations, {len(latencies)} turns; p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    if args.no_record:
        return
    with (ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as out:
        out.write(
            f"\n## Shopping guide evaluation ({datetime.date.today().isoformat()})\n\n"
            f"Command: `python benchmarks/eval_guide.py` — {len(sets)} conversations "
            f"({len(latencies)} turns) in {len(totals)} languages "
            "(`benchmarks/guide_eval_set.py`), demo catalog, USE encoder, no LLM, through "
            "`POST /api/assistant/chat/` in process. Goals: constraints ≥ 90 %, turn "
            "success ≥ 85 %, reply language ≥ 97 %, p95 ≤ 300 ms.\n\n"
            f"{table}\n\nLatency per turn: p50 {p50:.0f} ms, p95 {p95:.0f} ms "
            "(machine shared with other jobs).\n"
        )


if __name__ == "__main__":
    main()
