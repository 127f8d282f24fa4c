"""Our search side by side with tantivy (BM25) and faiss (HNSW), same catalog, same queries.

    .venv/bin/python benchmarks/bench_peers.py [--products 100000] [--queries 200]
        [--vectors synthetic|real] [--no-record]

One run, one throwaway embedded PostgreSQL (see bench_search.py, whose setup this
reuses), two parts:

**Quality** (always real vectors): the 799 products of the shared eval set
(``shared/eval/products.jsonl``) are loaded into the demo shop and indexed by the app's
own pipeline with the real USE encoder; each engine then ranks ``queries_dev.jsonl`` and
``queries_xling_dev.jsonl`` and gets nDCG@10 (``shop_assistant.evaluation``):

* tantivy: one document per product (title; description, bullet points, brand and colour
  as its body) in fields of the product's language, stemmed by tantivy's stemmer for
  that language (en, es, de, fr; lower-cased words for the others), BM25, the query
  parsed leniently over every field (an OR of its terms, each field stemming it its
  way);
* faiss: ``IndexHNSWFlat`` (inner product of unit vectors, i.e. cosine; ``M`` and
  ``efConstruction`` as the app's ``HNSW_M`` / ``HNSW_EF_CONSTRUCTION``, ``efSearch``
  100) over exactly the passage vectors the app stored; a product ranks by its best
  passage; queries encoded by the same USE encoder. The nDCG of an exact scan of the same
  vectors is noted beside it, so what HNSW itself loses is visible (smoke runs: 0.654
  exact against 0.486 through HNSW on queries_dev, while on the 799 titles alone faiss's
  HNSW recall@10 against an exact scan was 1.0; the cause is not established);
* ours: the search service in hybrid mode, the language detected as the API does, the
  relevance floor calibrated on queries_dev's judgements as RESULTS.md's quality figures
  are (the nDCG with the catalog's own calibration is noted beside it).

**Speed** at ``--products`` (default 100,000) products from ``generate_products`` (real
generated titles and descriptions in five languages), loaded as bench_search.py loads
them. Their title vectors are **synthetic** clustered 512-d vectors by default
(``--vectors synthetic``: the latency of an HNSW search depends on the index, not on
where the vectors came from, and encoding 100,000 texts with USE takes most of an hour
on 2 cores) or the real USE vectors of the titles (``--vectors real``). faiss indexes the
very same vectors as ours. Queries (the same list for every engine) are words of titles
of other generated products; one client, one query after the other:

* tantivy: title + description of every product; latency = parse + top-10 + reading the
  ids; build = adding the documents and committing; memory = the index on disk;
* faiss: latency = query encoding (USE) + HNSW search; build = ``index.add``; memory =
  the serialized index (the growth of this process's resident memory is noted);
* ours: ``GET /api/assistant/search/`` through Django's test client (everything
  bench_search.py measures, query encoding on a cold cache included); build = the HNSW
  index build (the load of products, passages and full-text vectors is reported
  apart); memory = what search reads on disk (embeddings + HNSW, passages + full-text
  index, catalog entries).

Queries/s = queries / wall seconds of the timed pass on one client. Printed as one table
and appended to benchmarks/RESULTS.md with the command (``--no-record`` to skip).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_search import (  # noqa: E402  (after the path is set)
    build_catalog,
    endpoint,
    make_queries,
    percentile,
    prewarm,
    setup_django,
)

EVAL = ROOT.parent / "shared" / "eval"  # ../shared/eval beside the checkout, as the README says
EF_SEARCH = 100  # the app's MIN_EF_SEARCH
K = 10


@dataclass
class Row:
    """One engine's line of the table."""

    engine: str
    build_s: float = float("nan")
    memory_mb: float = float("nan")
    latencies_ms: list[float] = field(default_factory=list)
    wall_s: float = float("nan")
    ndcg: dict[str, float] = field(default_factory=dict)
    note: str = ""

    def cells(self, eval_names: Sequence[str]) -> list[str]:
        qps = len(self.latencies_ms) / self.wall_s if self.latencies_ms else float("nan")
        return [
            self.engine,
            f"{self.build_s:.1f}",
            f"{self.memory_mb:.0f}",
            f"{percentile(self.latencies_ms, 50):.2f}" if self.latencies_ms else "",
            f"{percentile(self.latencies_ms, 95):.2f}" if self.latencies_ms else "",
            f"{qps:.1f}",
            *(f"{self.ndcg.get(name, float('nan')):.3f}" for name in eval_names),
        ]


# -- the engines ------------------------------------------------------------------------


#: tantivy's stemmers for the languages of the catalogs here; other languages go to
#: fields with tantivy's default tokenizer (lower-cased words).
STEMMERS = {"en": "english", "es": "spanish", "de": "german", "fr": "french"}


class Tantivy:
    """A BM25 index of (id, language, title, body) documents in a directory: one title and
    one body field per stemmed language (a product's text goes to its language's fields),
    a query searched over all of them, as a multilingual shop would set it up."""

    def __init__(self, directory: Path) -> None:
        import tantivy

        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        self.fields = ["title", "body"]
        builder.add_text_field("title")
        builder.add_text_field("body")
        for language in STEMMERS:
            for kind in ("title", "body"):
                builder.add_text_field(f"{kind}_{language}", tokenizer_name=f"stem_{language}")
                self.fields.append(f"{kind}_{language}")
        self.index = tantivy.Index(builder.build(), path=str(directory))
        for language, stemmer in STEMMERS.items():
            analyzer = (
                tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                .filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.ascii_fold())
                .filter(tantivy.Filter.stemmer(stemmer))
                .build()
            )
            self.index.register_tokenizer(f"stem_{language}", analyzer)
        self.searcher = None

    def build(self, documents: Sequence[tuple[str, str, str, str]]) -> float:
        import tantivy

        started = time.perf_counter()
        writer = self.index.writer(heap_size=256_000_000, num_threads=os.cpu_count() or 1)
        for doc_id, language, title, body in documents:
            suffix = f"_{language}" if language in STEMMERS else ""
            fields = {"id": doc_id, f"title{suffix}": title, f"body{suffix}": body}
            writer.add_document(tantivy.Document(**fields))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        return time.perf_counter() - started

    def search(self, text: str, k: int = K) -> list[str]:
        query, _errors = self.index.parse_query_lenient(text, self.fields)
        hits = self.searcher.search(query, k).hits
        return [self.searcher.doc(address)["id"][0] for _score, address in hits]

    def size_mb(self) -> float:
        size = sum(p.stat().st_size for p in self.directory.rglob("*") if p.is_file())
        return size / 1024 / 1024


class Faiss:
    """HNSW over unit vectors (inner product = cosine), labels = product ids."""

    def __init__(self, m: int, ef_construction: int) -> None:
        import faiss

        self.index = faiss.IndexHNSWFlat(512, m, faiss.METRIC_INNER_PRODUCT)
        self.index.hnsw.efConstruction = ef_construction
        self.labels = np.zeros(0, dtype=np.int64)
        self.products = 0

    def build(self, labels: np.ndarray, matrix: np.ndarray) -> tuple[float, float]:
        """Add the vectors; return (seconds, resident-memory growth in MB)."""
        before = rss_mb()
        started = time.perf_counter()
        matrix = np.asarray(matrix, dtype=np.float32)
        matrix = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)  # cosine
        self.index.add(np.ascontiguousarray(matrix))
        seconds = time.perf_counter() - started
        self.index.hnsw.efSearch = EF_SEARCH
        self.labels = np.asarray(labels)
        self.products = len(set(self.labels.tolist()))
        return seconds, rss_mb() - before

    def search(self, vector: np.ndarray, k: int = K, per_product: int = 4) -> list[int]:
        """The ``k`` best products by their best vector: ``per_product`` vectors fetched per
        product wanted, four times more (up to twice) when products with many close
        vectors crowd the window, as the app does."""
        query = (vector / np.linalg.norm(vector)).reshape(1, -1).astype(np.float32)
        found: list[int] = []
        for _attempt in range(3):
            _scores, rows = self.index.search(query, k * per_product)
            found = list(dict.fromkeys(int(self.labels[r]) for r in rows[0] if r >= 0))[:k]
            if len(found) == k or len(found) >= self.products:
                break
            per_product *= 4
        return found

    def serialized_mb(self) -> float:
        import faiss

        return faiss.serialize_index(self.index).nbytes / 1024 / 1024


def rss_mb() -> float:
    """This process's resident memory in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(run: Callable[[str], object], queries: Sequence[str]) -> tuple[list[float], float]:
    """Per-query milliseconds and the wall seconds of the whole pass (after 5 warm-ups)."""
    for text in queries[:5]:
        run(text)
    latencies = []
    started = time.perf_counter()
    for text in queries:
        begun = time.perf_counter()
        run(text)
        latencies.append((time.perf_counter() - begun) * 1000)
    return latencies, time.perf_counter() - started


# -- quality on the shared eval set ------------------------------------------------------


def quality(rows: dict[str, Row], workdir: Path, eval_dir: Path) -> list[str]:
    """Index the 799 eval products into each engine; nDCG@10 per query file. Returns
    the names of the query files evaluated."""
    from demo_project.shop.loading import (
        IMPORT_CATEGORY,
        load_categories,
        load_products,
        read_esci_jsonl,
    )
    from shop_assistant.conf import app_settings, get_product_model
    from shop_assistant.evaluation import evaluate, read_queries
    from shop_assistant.indexing import Indexer
    from shop_assistant.indexing.ann import passage_vectors
    from shop_assistant.indexing.calibration import calibrate
    from shop_assistant.indexing.spaces import get_or_create_active_space
    from shop_assistant.models import CatalogEntry
    from shop_assistant.search import InvalidSearch, search

    items = read_esci_jsonl(eval_dir / "products.jsonl")
    categories = load_categories(
        [{"slug": IMPORT_CATEGORY, "parent": None, "names": {"en": "Imported"}}]
    )
    load_products(items, categories)
    space = get_or_create_active_space()
    print(f"Quality: indexing {len(items)} eval products (real USE vectors) ...", flush=True)
    started = time.perf_counter()
    Indexer(space).index_all()
    calibration = calibrate(space)  # as a whole-catalog index job does when it ends
    print(
        f"  ours indexed and calibrated in {time.perf_counter() - started:.0f} s "
        f"({calibration})",
        flush=True,
    )

    entries = list(CatalogEntry.objects.values_list("id", "product_id", "languages"))
    sku_of = dict(get_product_model()._default_manager.values_list("pk", "sku"))
    languages = {sku_of[product_id]: list(langs) for _, product_id, langs in entries}
    sku_of_entry = {entry_id: sku_of[product_id] for entry_id, product_id, _ in entries}

    tantivy_index = Tantivy(workdir / "tantivy-eval")
    tantivy_index.build(
        [
            (
                item["sku"],
                item.get("language", ""),
                item["title"],
                " ".join(
                    str(item.get(key) or "")
                    for key in ("description", "bullet_points", "brand", "color")
                ),
            )
            for item in items
        ]
    )
    stored = passage_vectors(space, list(sku_of_entry), using="default")
    faiss_index = Faiss(int(app_settings.HNSW_M), int(app_settings.HNSW_EF_CONSTRUCTION))
    faiss_index.build(stored.entry_ids, stored.vectors)
    encoder = space.get_encoder()

    def ours(query) -> list[str]:
        try:
            result = search(query.query, page_size=K, log=False, with_facets=False)
        except InvalidSearch:
            return []
        return [sku_of.get(hit.product_id, "") for hit in result.hits]

    rankers = {
        "tantivy (BM25)": lambda q: tantivy_index.search(q.query),
        "faiss (HNSW)": lambda q: [
            sku_of_entry[e] for e in faiss_index.search(encoder.encode_queries([q.query])[0])
        ],
        "ours (hybrid)": ours,
    }
    unit = stored.vectors / np.linalg.norm(stored.vectors, axis=1, keepdims=True)

    def exact(query) -> list[str]:  # the same vectors compared exactly, best passage wins
        scores = unit @ encoder.encode_queries([query.query])[0]
        order = stored.entry_ids[np.argsort(-scores)]
        return [sku_of_entry[int(e)] for e in dict.fromkeys(order.tolist())][:K]

    exact_ndcg = []
    names = []
    for path in ("queries_dev.jsonl", "queries_xling_dev.jsonl"):
        queries = read_queries(eval_dir / path)
        name = path.removesuffix(".jsonl")
        names.append(name)
        for engine, rank in rankers.items():
            report = evaluate(queries, rank, languages, K)
            rows[engine].ndcg[name] = report["all"][f"ndcg@{K}"]
            print(f"  {name} {engine}: nDCG@10 {rows[engine].ndcg[name]:.3f}", flush=True)
        exact_ndcg.append(f"{evaluate(queries, exact, languages, K)['all'][f'ndcg@{K}']:.3f}")
    rows["faiss (HNSW)"].note = (
        "nDCG of an exact scan of the same vectors (no HNSW): " + " / ".join(exact_ndcg) + "; "
    )
    # The relevance floor calibrated on the dev split's judgements, as RESULTS.md's quality
    # figures are (`shop_assistant_calibrate --queries queries_dev.jsonl`); the figures of
    # the catalog's own calibration (no judged queries) are kept in the note.
    from django.core.management import call_command

    default = " / ".join(f"{rows['ours (hybrid)'].ndcg[name]:.3f}" for name in names)
    call_command(
        "shop_assistant_calibrate", queries=eval_dir / "queries_dev.jsonl", stdout=io.StringIO()
    )
    time.sleep(2.5)  # each process reuses the active space for up to 2 s
    for path, name in zip(("queries_dev.jsonl", "queries_xling_dev.jsonl"), names, strict=True):
        report = evaluate(read_queries(eval_dir / path), ours, languages, K)
        rows["ours (hybrid)"].ndcg[name] = report["all"][f"ndcg@{K}"]
        print(f"  {name} ours, calibrated on dev: nDCG@10 {report['all'][f'ndcg@{K}']:.3f}")
    rows["ours (hybrid)"].note = (
        "nDCG with the relevance floor calibrated on queries_dev's judgements "
        f"(with the catalog's own calibration, no judged queries: {default}); "
    )
    return names


def clear_catalog() -> None:
    """Empty the shop and the index (the speed part loads its own catalog)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE shop_assistant_embedding, shop_assistant_passage, "
            "shop_assistant_catalogentry, shop_product CASCADE"
        )


# -- speed at N products -----------------------------------------------------------------


def speed(rows: dict[str, Row], args: argparse.Namespace, workdir: Path) -> str:
    """Build each engine on the same N products and vectors, time the same queries."""
    from django.db import connection
    from django.test import Client

    from demo_project.shop.catalog_data import generate_products
    from shop_assistant.conf import app_settings
    from shop_assistant.indexing.spaces import get_or_create_active_space

    space = get_or_create_active_space()
    encoder = space.get_encoder()
    vectors = None
    if args.vectors == "real":

        def vectors(texts: list[str], _rng: np.random.Generator) -> np.ndarray:
            return np.asarray(encoder.encode_documents(texts), dtype=np.float32)

    print(f"Speed: {args.products} products, {args.vectors} title vectors ...", flush=True)
    catalog = build_catalog(args.products, args.seed, vectors=vectors, keep_vectors=True)
    prewarm()
    ours = rows["ours (hybrid)"]
    ours.build_s = catalog.index_seconds
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('shop_assistant_embedding') "
            "+ pg_total_relation_size('shop_assistant_passage') "
            "+ pg_total_relation_size('shop_assistant_catalogentry'), "
            "pg_relation_size(%s::regclass)",
            [space.index_name],
        )
        total, hnsw = cursor.fetchone()
    ours.memory_mb = total / 1024 / 1024
    ours.note += (
        f"build = HNSW only (load of products, passages, full text and vectors "
        f"{catalog.load_seconds:.0f} s); memory = tables + indexes search reads, HNSW "
        f"{hnsw / 1024 / 1024:.0f} MB"
    )

    documents = [
        (p["sku"], p["language"], p["title"], p.get("description", ""))
        for p in generate_products(args.products, args.seed)
    ]
    tantivy_index = Tantivy(workdir / "tantivy-speed")
    row = rows["tantivy (BM25)"]
    row.build_s = tantivy_index.build(documents)
    row.memory_mb = tantivy_index.size_mb()
    row.note = "build = add + commit; memory = index on disk; no query encoding"
    del documents

    faiss_index = Faiss(int(app_settings.HNSW_M), int(app_settings.HNSW_EF_CONSTRUCTION))
    row = rows["faiss (HNSW)"]
    row.build_s, grown = faiss_index.build(catalog.entry_ids, catalog.matrix)
    row.memory_mb = faiss_index.serialized_mb()
    row.note += (
        f"memory = the serialized index (this process grew {grown:.0f} MB while adding); "
        "latency includes query encoding"
    )
    del catalog

    queries = make_queries(args.queries, args.seed)
    client = Client()
    ours.latencies_ms, ours.wall_s = timed(lambda q: endpoint(client, q, K), queries)
    row = rows["tantivy (BM25)"]
    row.latencies_ms, row.wall_s = timed(tantivy_index.search, queries)
    row = rows["faiss (HNSW)"]
    row.latencies_ms, row.wall_s = timed(
        lambda q: faiss_index.search(encoder.encode_queries([q])[0], K, per_product=1), queries
    )
    encode_ms, _ = timed(lambda q: encoder.encode_queries([q]), queries)
    return (
        f"query encoding alone (USE, warm model): p50 {percentile(encode_ms, 50):.1f} ms, "
        f"p95 {percentile(encode_ms, 95):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--vectors",
        choices=("synthetic", "real"),
        default="synthetic",
        help="Title vectors of the speed part (the quality part always encodes for real).",
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--eval-dir",
        type=Path,
        default=EVAL,
        help="products.jsonl, queries_dev.jsonl and queries_xling_dev.jsonl.",
    )
    parser.add_argument("--no-record", action="store_true", help="Do not append to RESULTS.md.")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench_peers_"))
    try:
        setup_django(workdir / "pg", keep=False)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        rows = {name: Row(name) for name in ("tantivy (BM25)", "faiss (HNSW)", "ours (hybrid)")}
        eval_names = quality(rows, workdir, args.eval_dir)
        clear_catalog()
        encoding = speed(rows, args, workdir)
    finally:
        shutil.rmtree(workdir / "tantivy-eval", ignore_errors=True)
        shutil.rmtree(workdir / "tantivy-speed", ignore_errors=True)

    lines = report(rows, eval_names, args, encoding)
    print("\n".join(lines))
    if not args.no_record:
        with (ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write(
                f"\n## Peers: tantivy, faiss and ours ({dt.date.today().isoformat()})\n\n"
                f"`.venv/bin/python benchmarks/bench_peers.py {' '.join(sys.argv[1:])}`\n\n"
                + "\n".join(lines)
                + "\n"
            )


def report(
    rows: dict[str, Row], eval_names: list[str], args: argparse.Namespace, encoding: str
) -> list[str]:
    header = [
        "engine",
        "build s",
        "memory MB",
        "p50 ms",
        "p95 ms",
        "queries/s",
        *(f"nDCG@10 {name}" for name in eval_names),
    ]
    lines = [
        f"Speed: {args.products} generated products, {args.vectors} title vectors, "
        f"{args.queries} queries, one client. Quality: the 799 shared eval products, real "
        "USE vectors.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row.cells(eval_names)) + " |" for row in rows.values()),
        "",
    ]
    ours = rows["ours (hybrid)"]
    for name, row in rows.items():
        if row is not ours:
            lines.append(
                f"- ours / {name}: p95 "
                f"{percentile(ours.latencies_ms, 95) / percentile(row.latencies_ms, 95):.2f}×, "
                + ", ".join(
                    f"nDCG {e} {ours.ndcg[e] / row.ndcg[e]:.2f}×"
                    if row.ndcg.get(e)
                    else f"nDCG {e} n/a"
                    for e in eval_names
                )
            )
    lines += [f"- {name}: {row.note}" for name, row in rows.items()]
    lines += [
        f"- {encoding}",
        f"- machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
    ]
    return lines


if __name__ == "__main__":
    main()
