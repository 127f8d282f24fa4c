"""Whole catalogs loaded and indexed for many tests at once (committed, then wiped).

Used by the session-scoped ``indexed_catalog`` fixture (tests/conftest.py) and by the
eval-catalog fixture of tests/test_eval_command.py. Rows are committed outside the
per-test transactions, so every test using the fixture sees them; ``wipe_catalog``
removes them again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import connection


@dataclass(frozen=True)
class LoadedCatalog:
    """What a test needs to address the loaded products."""

    product_ids: dict[str, int]  # sku -> product pk

    def pk(self, sku: str) -> int:
        return self.product_ids[sku]


def index_and_analyze() -> None:
    from shop_assistant.indexing import Indexer
    from shop_assistant.indexing.calibration import calibrate
    from shop_assistant.indexing.spaces import get_or_create_active_space

    space = get_or_create_active_space()
    Indexer(space).index_all()
    with connection.cursor() as cursor:  # planner statistics (search reads term frequencies)
        cursor.execute("ANALYZE shop_assistant_passage")
    calibrate(space)  # as a full reindex job does: the space's relevance threshold


def load_small_catalog() -> LoadedCatalog:
    """The tests' own multilingual catalog (tests/catalog_data.py), indexed with USE."""
    from .catalog_data import create_catalog

    product_ids = create_catalog()
    index_and_analyze()
    return LoadedCatalog(product_ids)


def load_eval_catalog(path: Path) -> LoadedCatalog:
    """The shared eval products (ESCI, 799 rows), one product per row: the id as sku, the
    row's language, title, description, bullets, brand and colour, in one category."""
    from .factories import brand, category
    from .testapp.models import Product

    imported = category("imported", en="Imported")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    brands = {name: brand(name) for name in {(r.get("brand") or "").strip()[:120] for r in rows}}
    brands.pop("", None)
    Product.objects.bulk_create(
        Product(
            sku=row["id"],
            language=row.get("lang") or "en",
            title=row["title"],
            description=row.get("description") or "",
            bullet_points=row.get("bullet_points") or "",
            brand=brands.get((row.get("brand") or "").strip()[:120]),
            color=(row.get("color") or "").strip()[:60],
            category=imported,
            price=None,
            stock=10,
        )
        for row in rows
    )
    index_and_analyze()
    return LoadedCatalog(dict(Product.objects.values_list("sku", "pk")))


def wipe_catalog() -> None:
    """Empty the shop's tables (every model of the product model's app), the index and the
    search log (and, through CASCADE, whatever refers to them), as fast for 20,000 rows as
    for 20."""
    from shop_assistant.conf import get_product_model
    from shop_assistant.models import CatalogEntry, Embedding, EmbeddingSpace, Passage, SearchLog

    shop = get_product_model()._meta.app_config.get_models()
    models = (Embedding, Passage, CatalogEntry, EmbeddingSpace, SearchLog, *shop)
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        # Planner statistics of a big catalog (e.g. "all vectors are in space 3") would
        # mislead the plans of later tests on a few rows: forget them (PostgreSQL 18+).
        cursor.execute("SELECT 1 FROM pg_proc WHERE proname = 'pg_clear_attribute_stats'")
        if cursor.fetchone():
            cursor.execute(
                "SELECT count(pg_clear_relation_stats(n.nspname::text, c.relname::text)) "
                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relname = ANY(%s) AND n.nspname = current_schema()",
                [tables],
            )
            cursor.execute(
                "SELECT count(pg_clear_attribute_stats(n.nspname::text, c.relname::text, "
                "a.attname::text, false)) FROM pg_attribute a "
                "JOIN pg_class c ON c.oid = a.attrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relname = ANY(%s) AND n.nspname = current_schema() "
                "AND a.attnum > 0 AND NOT a.attisdropped",
                [tables],
            )
