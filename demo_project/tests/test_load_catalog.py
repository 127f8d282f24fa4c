"""``demo_load_catalog`` imports ESCI-style JSONL (the shared eval products' format)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from demo_project.shop.models import Product

pytestmark = pytest.mark.django_db

ROWS = [
    {"id": "es-1", "lang": "es", "title": "cafetera italiana", "brand": " Sol ", "color": "rojo"},
    {"id": "us-2", "lang": "en", "title": "rain jacket", "bullet_points": "Hood\nZip"},
    {"id": "us-3", "title": "kettle", "description": "Boils fast."},
]


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def load(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("demo_load_catalog", "--jsonl", str(path), *args, stdout=out)
    return out.getvalue()


def test_rows_become_products_in_the_imported_category_and_replace_drops_the_rest(tmp_path):
    assert "Loaded 3 products" in load(write(tmp_path / "all.jsonl", ROWS))

    cafetera = Product.objects.get(sku="es-1")
    assert (cafetera.language, cafetera.title) == ("es", "cafetera italiana")
    assert cafetera.brand.name == "Sol"  # trimmed
    assert (cafetera.color, cafetera.attributes, cafetera.price) == ("rojo", {}, None)
    assert Product.objects.get(sku="us-2").bullet_points == "Hood\nZip"
    assert Product.objects.get(sku="us-3").language == "en"  # no lang: English
    assert set(Product.objects.values_list("category__slug", flat=True)) == {"imported"}

    output = load(write(tmp_path / "two.jsonl", ROWS[:2]), "--replace")
    assert "Removed 1 rows not in two.jsonl." in output
    assert sorted(Product.objects.values_list("sku", flat=True)) == ["es-1", "us-2"]


def test_a_missing_file_or_a_bad_row_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        load(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x-1", "title": "ok"}\n{"title": "no id"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="bad.jsonl:2: not a product row"):
        load(bad)
    assert not Product.objects.exists()
