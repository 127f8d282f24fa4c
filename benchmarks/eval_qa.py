"""Grounded Q&A on the demo catalog, scored on the hand-written evaluation set.

    python benchmarks/eval_qa.py [--set qa_eval_15|qa_eval] [--sample N] [--no-record]

Loads the demo catalog and its FAQ into a throwaway embedded PostgreSQL, indexes it with
the USE encoder, asks every question of the set (with its product, and the asker's
Accept-Language) through the default extractive answerer, and reports:

* citation accuracy (the first citation is the expected product and field / kind;
  catalog-wide: a cited product meets the question's hand-written criterion; comparisons:
  the true extreme or the expected product) -- budget 92% (issue 12);
* refusal on unanswerable questions -- budget 97%;
* answer written in the asker's language, measured on the answer's own words (quotes
  left out) by script and lingua, not on the ``language`` field -- 97%;
* the same per language (every language ≥ 90%).

Sets: ``qa_eval_15`` (default; 315 questions, 21 in each of the encoder's 15 languages,
written by ``benchmarks/make_qa_eval_15.py``) and ``qa_eval`` (the first set, 146
questions in six languages). ``--sample N`` asks every Nth question only, ``--only TEXT``
those whose id contains one of TEXT's comma-separated parts (quick checks, not recorded).
Appends the figures and the per-language table to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-record", action="store_true", help="Do not append to RESULTS.md")
    parser.add_argument("--verbose", action="store_true", help="Print every failure")
    parser.add_argument("--set", default="qa_eval_15", choices=["qa_eval_15", "qa_eval"])
    parser.add_argument("--sample", type=int, default=1, help="Ask every Nth question only")
    parser.add_argument("--only", default="", help="Comma-separated id parts to ask")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        from demo_project.database import embedded_database_url

        pgdata = Path(tempfile.mkdtemp(prefix="eval_qa_")) / "pg"
        os.environ["DATABASE_URL"] = embedded_database_url(pgdata, cleanup_mode="delete")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_project.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from demo_project.shop.catalog_data import CATEGORIES, demo_catalog
    from demo_project.shop.faq_data import load_faq
    from demo_project.shop.loading import load_categories, load_products
    from demo_project.shop.models import Product
    from demo_project.tests.qa_scoring import load_rows, score
    from shop_assistant.indexing import Indexer
    from shop_assistant.indexing.spaces import get_or_create_active_space
    from shop_assistant.qa import ask

    call_command("migrate", verbosity=0)
    catalog = demo_catalog()
    load_products(catalog, load_categories(CATEGORIES))
    load_faq()
    Indexer(get_or_create_active_space()).index_all()
    sku_to_pk = dict(Product.objects.values_list("sku", "pk"))

    rows = load_rows(ROOT / "benchmarks" / f"{args.set}.jsonl")[:: max(args.sample, 1)]
    parts = [part for part in args.only.split(",") if part]
    rows = [row for row in rows if not parts or any(p in row["id"] for p in parts)]
    started = time.perf_counter()
    report = score(rows, sku_to_pk, ask, catalog)
    seconds = time.perf_counter() - started
    languages = sorted({row["lang"] for row in rows})
    if args.verbose:
        print("\n".join(report.failures))
    print(report.summary())
    print(f"{seconds / len(rows) * 1000:.0f} ms per question (first ask of each text)")
    print(report.language_table())
    if args.no_record or args.sample > 1 or args.only:
        return
    per_type = ", ".join(
        f"{t} {report.right_by_type[t]}/{n}" for t, n in sorted(report.by_type.items())
    )
    with (ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as out:
        out.write(
            f"\n## Grounded Q&A evaluation, {args.set} ({datetime.date.today().isoformat()})\n\n"
            f"Command: `python benchmarks/eval_qa.py --set {args.set}` — {len(rows)} "
            f"hand-written questions ({', '.join(languages)}) in `benchmarks/{args.set}.jsonl`, "
            "demo catalog, USE encoder, extractive answerer. Answer language measured on the "
            "answer text (script, then lingua), quotes left out.\n\n"
            f"| metric | value | budget |\n|---|---|---|\n"
            f"| citation accuracy | {report.citation_accuracy:.1%} "
            f"({report.cited_right}/{report.answerable}) | ≥ 92% |\n"
            f"| refusal on unanswerable | {report.refusal_rate:.1%} "
            f"({report.refused}/{report.unanswerable}) | ≥ 97% |\n"
            f"| answer written in the asker's language | {report.language_accuracy:.1%} "
            f"({report.language_right}/{report.total}) | ≥ 97% |\n\n"
            f"Per type (right/total): {per_type}. "
            f"{seconds / len(rows) * 1000:.0f} ms per question.\n\n"
            f"Per language (right = cited right or refused as expected):\n\n"
            f"{report.language_table()}\n"
        )


if __name__ == "__main__":
    main()
