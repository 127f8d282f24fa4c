"""The demo catalog generator: structure, language coverage, fixed products, determinism.

Plain pytest: no Django, no database.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from demo_project.shop.catalog_data import (
    CATEGORIES,
    LANGUAGES,
    demo_catalog,
    generate_products,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
PRODUCT_KEYS = {
    "sku", "language", "title", "description", "translations", "category", "brand", "price",
    "currency", "stock", "attributes", "group",
}
HANDPICKED = {
    "DEMO-EN-RAINJACKET": ("en", "rain-jackets"),
    "DEMO-ES-CAFETERA": ("es", "coffee-makers"),
    "DEMO-DE-ZELT": ("de", "tents"),
    "DEMO-JA-HEADPHONES": ("ja", "headphones"),
    "DEMO-FR-LAMPE": ("fr", "lamps"),
}
EXPECTED_DEMO_COUNTS = {
    "rain-jackets": 18,
    "t-shirts": 15,
    "hiking-boots": 16,
    "running-shoes": 16,
    "coffee-makers": 16,
    "cookware": 16,
    "kettles": 15,
    "dishwashers": 15,
    "headphones": 17,
    "tablets": 15,
    "smartwatches": 15,
    "tents": 16,
    "backpacks": 17,
    "lamps": 16,
    "skincare": 16,
    "board-games": 15,
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
PARENTS = {c["slug"]: c["parent"] for c in CATEGORIES}
LEAVES = {c["slug"] for c in CATEGORIES} - {c["parent"] for c in CATEGORIES if c["parent"]}


@pytest.fixture(scope="module")
def demo() -> list[dict[str, Any]]:
    return demo_catalog()


@pytest.fixture(scope="module")
def bulk() -> list[dict[str, Any]]:
    return generate_products(20_000)


def _coverage(product: dict[str, Any]) -> str:
    if not product["translations"]:
        return "single"
    return "full" if len(product["translations"]) == len(LANGUAGES) - 1 else "partial"


def _texts(product: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    yield product["language"], product["title"], product["description"]
    for lang, text in product["translations"].items():
        yield lang, text["title"], text["description"]


def _numbers(text: str) -> set[str]:
    """Numbers in ``text``, with thousands separators and decimal commas normalised."""
    text = re.sub(r"(?<=\d)[,. \u00a0\u202f](?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=\d),(?=\d)", ".", text)
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def _sentences(text: str) -> int:
    text = text.replace("Co.", "Co")
    return len(re.findall(r"[.!?](?:\s|$)", text))


# --- categories ------------------------------------------------------------------------------


def test_categories_form_a_two_level_tree_with_names_in_every_served_language() -> None:
    served = {code.split("-")[0] for code, _name in settings.LANGUAGES}  # zh-hans: zh
    assert set(LANGUAGES) < served
    slugs = [c["slug"] for c in CATEGORIES]
    assert len(slugs) == len(set(slugs))
    assert len(slugs) >= 10
    assert len(LEAVES) >= 8
    seen: set[str] = set()
    for category in CATEGORIES:
        assert set(category) == {"slug", "parent", "names"}
        parent = category["parent"]
        if parent is not None:
            assert parent in seen, f"{category['slug']}: parent must come first"
            assert PARENTS[parent] is None, "depth must be 2"
        assert set(category["names"]) == served, category["slug"]
        assert all(name.strip() for name in category["names"].values())
        seen.add(category["slug"])
    tents = next(c for c in CATEGORIES if c["slug"] == "tents")["names"]
    assert JAPANESE.search(tents["ja"])
    assert tents["ko"] == "텐트"


# --- demo catalog ----------------------------------------------------------------------------


def test_demo_catalog_size_and_products_per_leaf(demo: list[dict[str, Any]]) -> None:
    assert len(demo) == 254
    counts = Counter(p["category"] for p in demo)
    assert dict(counts) == EXPECTED_DEMO_COUNTS
    assert sum(1 for n in counts.values() if n >= 15) >= 8


def test_demo_products_have_the_documented_shape(demo: list[dict[str, Any]]) -> None:
    skus = [p["sku"] for p in demo]
    assert len(skus) == len(set(skus))
    for product in demo:
        assert set(product) == PRODUCT_KEYS, product["sku"]
        assert product["language"] in LANGUAGES
        assert product["category"] in LEAVES
        assert product["currency"] == "EUR"
        assert isinstance(product["stock"], int) and product["stock"] >= 0
        price = Decimal(product["price"])
        assert price > 0 and price.as_tuple().exponent == -2, product["price"]
        assert product["title"].strip() and product["description"].strip()
        assert product["language"] not in product["translations"]
        for lang, text in product["translations"].items():
            assert lang in LANGUAGES
            assert set(text) == {"title", "description"}
            assert text["title"].strip() and text["description"].strip()
        assert isinstance(product["attributes"], dict) and product["attributes"]
        for key, value in product["attributes"].items():
            assert isinstance(key, str) and isinstance(value, str | int | float)
        assert product["group"] and len(product["group"]) <= 64


def test_demo_language_coverage(demo: list[dict[str, Any]]) -> None:
    total = len(demo)
    coverage = Counter(_coverage(p) for p in demo)
    assert 0.55 <= coverage["full"] / total <= 0.65
    assert 0.12 <= coverage["partial"] / total <= 0.18
    assert 0.22 <= coverage["single"] / total <= 0.28
    assert all(p["language"] == "en" for p in demo if _coverage(p) != "single")
    single = Counter(p["language"] for p in demo if _coverage(p) == "single")
    assert set(single) == set(LANGUAGES)
    assert min(single.values()) >= 8


def test_handpicked_single_language_products(demo: list[dict[str, Any]]) -> None:
    by_sku = {p["sku"]: p for p in demo}
    for sku, (language, category) in HANDPICKED.items():
        product = by_sku[sku]
        assert product["language"] == language
        assert product["category"] == category
        assert product["translations"] == {}
    jacket = by_sku["DEMO-EN-RAINJACKET"]
    assert "waterproof" in jacket["description"].lower()
    assert "hood" in jacket["title"].lower()
    assert jacket["attributes"]["color"] == "navy"
    assert jacket["attributes"]["waterproof"] == "yes"
    assert "cafetera italiana de aluminio" in by_sku["DEMO-ES-CAFETERA"]["title"].lower()
    assert "Ultraleichtes Zelt für zwei Personen" in by_sku["DEMO-DE-ZELT"]["title"]
    assert by_sku["DEMO-DE-ZELT"]["attributes"]["persons"] == 2
    headphones = by_sku["DEMO-JA-HEADPHONES"]
    assert "ワイヤレス ノイズキャンセリング ヘッドホン" in headphones["title"]
    assert headphones["attributes"]["noise_cancelling"] == "yes"
    assert "lampe de chevet en lin" in by_sku["DEMO-FR-LAMPE"]["title"].lower()
    assert by_sku["DEMO-FR-LAMPE"]["attributes"]["material"] == "linen"


@pytest.mark.parametrize("catalog", ["demo", "bulk"])
def test_no_near_duplicates_of_the_handpicked_products(
    catalog: str, request: pytest.FixtureRequest
) -> None:
    products = [p for p in request.getfixturevalue(catalog) if p["sku"] not in HANDPICKED]
    for product in products:
        attributes = product["attributes"]
        titles = " ".join(title.lower() for _, title, _ in _texts(product))
        category = product["category"]
        if category == "coffee-makers":
            for word in ("stovetop", "moka", "italiana", "espressokocher", "italienne", "直火"):
                assert word not in titles, product["sku"]
        if category == "rain-jackets" and _coverage(product) == "single":
            assert not (product["language"] == "en" and attributes["color"] == "navy")
        if category == "headphones":
            assert attributes.get("noise_cancelling") == "no", product["sku"]
            assert "noise" not in titles and "ノイズキャンセリング" not in titles
        if category == "tents":
            assert not (attributes["persons"] == 2 and attributes["weight_kg"] < 2)
            assert "ultra" not in titles
        if category == "lamps":
            assert attributes["material"] != "linen"
            for word in ("bedside", "chevet", "nachttisch", "mesita", "ベッドサイド"):
                assert word not in titles, product["sku"]


def test_translations_state_the_same_facts(demo: list[dict[str, Any]]) -> None:
    checked = 0
    for product in demo:
        if product["language"] != "en" or not product["translations"]:
            continue
        english = _numbers(product["title"] + " " + product["description"])
        assert english, product["sku"]
        for lang, text in product["translations"].items():
            other = _numbers(text["title"] + " " + text["description"])
            assert english <= other, (product["sku"], lang, english - other)
            assert product["brand"] in text["title"]
        checked += 1
    assert checked >= 180


def test_japanese_text_is_in_japanese_script_and_others_are_not(
    demo: list[dict[str, Any]],
) -> None:
    japanese_titles = 0
    for product in demo:
        for lang, title, description in _texts(product):
            if lang == "ja":
                assert JAPANESE.search(title), title
                assert JAPANESE.search(description)
                japanese_titles += 1
            else:
                assert not JAPANESE.search(title + description), (product["sku"], lang)
    assert japanese_titles >= 150


def test_descriptions_are_two_to_four_sentences_of_realistic_length(
    demo: list[dict[str, Any]],
) -> None:
    for product in demo:
        for lang, _, description in _texts(product):
            if lang == "ja":
                assert 2 <= description.count("。") <= 6, product["sku"]
            else:
                assert 2 <= _sentences(description) <= 4, (product["sku"], lang, description)
            assert 80 <= len(description) <= 600, (product["sku"], lang)
    assert 150 <= statistics.mean(len(p["description"]) for p in demo) <= 400


def test_attributes_are_category_specific_facets(demo: list[dict[str, Any]]) -> None:
    for product in demo:
        attributes = product["attributes"]
        category = product["category"]
        for key in ("color", "material"):
            if key in attributes:
                assert attributes[key] == attributes[key].lower()
        if category in ("rain-jackets", "hiking-boots", "running-shoes", "smartwatches", "tents"):
            assert attributes["waterproof"] in ("yes", "no")
        if category == "backpacks":
            assert isinstance(attributes["capacity_l"], int) and attributes["capacity_l"] >= 15
        if category == "kettles":
            assert 800 <= attributes["wattage"] <= 3000
        if category == "dishwashers":
            assert 38 <= attributes["noise_db"] <= 48
    waterproof = [p for p in demo if p["attributes"].get("waterproof") == "yes"]
    assert {p["category"] for p in waterproof} >= {"rain-jackets", "hiking-boots", "tents"}
    for product in waterproof:
        if product["language"] == "en":
            assert "waterproof" in product["description"].lower(), product["sku"]


def test_prices_brands_stock_and_variants_are_plausible(demo: list[dict[str, Any]]) -> None:
    prices: dict[str, list[Decimal]] = {}
    for product in demo:
        prices.setdefault(product["category"], []).append(Decimal(product["price"]))
    assert max(prices["t-shirts"]) < 100
    assert max(prices["board-games"]) < 100
    assert min(prices["dishwashers"]) > 200
    assert min(prices["tablets"]) > 90

    brand_tops: dict[str, set[str]] = {}
    for product in demo:
        brand_tops.setdefault(product["brand"], set()).add(PARENTS[product["category"]])
    assert 20 <= len(brand_tops) <= 30
    assert all(1 <= len(tops) <= 3 for tops in brand_tops.values())

    out_of_stock = sum(1 for p in demo if p["stock"] == 0) / len(demo)
    assert 0.10 <= out_of_stock <= 0.20

    families: dict[str, list[dict[str, Any]]] = {}
    for product in demo:
        families.setdefault(product["group"], []).append(product)
    variants = sum(len(members) - 1 for members in families.values())
    assert 0.07 <= variants / len(demo) <= 0.13
    for members in families.values():
        if len(members) > 1:
            assert len({(m["brand"], m["category"], m["price"]) for m in members}) == 1
            assert len({m["attributes"]["color"] for m in members}) > 1 or len(members) > 2
            assert len({m["title"] for m in members}) == len(members)
    assert len({p["title"] for p in demo}) == len(demo)


# --- determinism -----------------------------------------------------------------------------

_DIGEST_SCRIPT = (
    "import hashlib, json\n"
    "from demo_project.shop.catalog_data import demo_catalog, generate_products\n"
    "data = [demo_catalog(), generate_products(300, seed=3)]\n"
    "print(hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest())\n"
)


def test_output_is_deterministic_across_calls_and_hash_seeds(
    demo: list[dict[str, Any]],
) -> None:
    assert demo_catalog() == demo
    assert generate_products(300, seed=3) == generate_products(300, seed=3)
    assert generate_products(300, seed=3) != generate_products(300, seed=4)
    expected = hashlib.sha256(
        json.dumps([demo, generate_products(300, seed=3)], ensure_ascii=False).encode()
    ).hexdigest()
    for hash_seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", _DIGEST_SCRIPT],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == expected


def test_demo_catalog_returns_independent_copies() -> None:
    first = demo_catalog()
    first[0]["attributes"]["color"] = "changed"
    first[0]["translations"]["xx"] = {}
    assert demo_catalog()[0]["attributes"]["color"] != "changed"
    assert "xx" not in demo_catalog()[0]["translations"]


# --- bulk generation -------------------------------------------------------------------------


def test_generate_20k_products_quickly() -> None:
    started = time.process_time()
    products = generate_products(20_000, seed=1)
    assert time.process_time() - started < 5.0
    assert len(products) == 20_000


def test_generated_products_are_unique_varied_and_mixed(bulk: list[dict[str, Any]]) -> None:
    assert len(bulk) == 20_000
    assert len({p["sku"] for p in bulk}) == 20_000
    assert len({p["title"] for p in bulk}) >= 5_000
    assert 150 <= statistics.mean(len(p["description"]) for p in bulk) <= 400
    assert {p["category"] for p in bulk} == LEAVES
    for product in bulk[:2_000]:
        assert set(product) == PRODUCT_KEYS
        assert Decimal(product["price"]) > 0
        assert product["language"] not in product["translations"]
    coverage = Counter(_coverage(p) for p in bulk)
    assert 0.57 <= coverage["full"] / len(bulk) <= 0.63
    assert 0.13 <= coverage["partial"] / len(bulk) <= 0.17
    assert 0.22 <= coverage["single"] / len(bulk) <= 0.28
    single = Counter(p["language"] for p in bulk if _coverage(p) == "single")
    assert set(single) == set(LANGUAGES) and min(single.values()) >= 700
    groups = Counter(p["group"] for p in bulk)
    assert 0.05 <= sum(n - 1 for n in groups.values()) / len(bulk) <= 0.15
    assert 0.12 <= sum(1 for p in bulk if p["stock"] == 0) / len(bulk) <= 0.18


def test_generate_products_edge_cases() -> None:
    assert generate_products(0) == []
    assert len(generate_products(1, seed=99)) == 1
    with pytest.raises(ValueError):
        generate_products(-1)
