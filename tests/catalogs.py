"""Whole catalogs loaded and indexed for many tests at once (committed, then wiped).

Used by the session-scoped ``demo_catalog`` fixture (tests/conftest.py) and by the
eval-catalog fixture of tests/test_eval_command.py. Rows are committed outside the
per-test transactions, so every test using the fixture sees them; ``wipe_catalog``
removes them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import connection


@dataclass(frozen=True)
class LoadedCatalog:
    """What a test needs to address the loaded products."""

    product_ids: dict[str, int]  # sku -> product pk

    def pk(self, sku: str) -> int:
        return self.product_ids[sku]


def _index_and_analyze() -> None:
    from shop_assistant.indexing import Indexer
    from shop_assistant.indexing.spaces import get_or_create_active_space

    Indexer(get_or_create_active_space()).index_all()
    with connection.cursor() as cursor:  # planner statistics (search reads term frequencies)
        cursor.execute("ANALYZE shop_assistant_passage")


def load_demo_catalog() -> LoadedCatalog:
    """The demo shop's catalog (about 250 products in en/es/de/fr/ja), indexed with USE."""
    from demo_project.shop.catalog_data import CATEGORIES, demo_catalog
    from demo_project.shop.loading import load_categories, load_products
    from demo_project.shop.models import Product

    load_products(demo_catalog(), load_categories(CATEGORIES))
    _index_and_analyze()
    return LoadedCatalog(dict(Product.objects.values_list("sku", "pk")))


def load_eval_catalog(path: Path) -> LoadedCatalog:
    """The shared eval products (ESCI, 799 rows) as ``demo_load_catalog`` imports them."""
    from django.core.management import call_command

    from demo_project.shop.models import Product

    call_command("demo_load_catalog", "--jsonl", str(path), "--replace", verbosity=0)
    _index_and_analyze()
    return LoadedCatalog(dict(Product.objects.values_list("sku", "pk")))


def wipe_catalog() -> None:
    """Empty the product, category, brand, index and search-log tables (and, through
    CASCADE, whatever refers to them), as fast for 20,000 rows as for 20."""
    from demo_project.shop.models import Brand, Category, OrderLine, Product
    from shop_assistant.models import (
        CatalogEntry,
        Embedding,
        EmbeddingSpace,
        Passage,
        SearchLog,
    )

    models = (Embedding, Passage, CatalogEntry, EmbeddingSpace, SearchLog, OrderLine, Product)
    tables = [m._meta.db_table for m in (*models, Brand, Category)]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        # Planner statistics of the big catalog (e.g. "all vectors are in space 3") would
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
