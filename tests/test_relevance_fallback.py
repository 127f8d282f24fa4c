"""A catalog the relevance floor cannot be calibrated on (one category, no judged queries)
keeps every candidate instead of a guessed floor; real encoder and PostgreSQL."""

from __future__ import annotations

import pytest

from shop_assistant.indexing import Indexer
from shop_assistant.indexing.calibration import calibrate, has_floor
from shop_assistant.search import search

from .factories import category, product

pytestmark = pytest.mark.django_db


def test_a_single_category_catalog_has_no_floor_until_judged_queries_calibrate_it(space):
    mugs = category("mugs", en="Mugs")
    for colour in ("red", "blue", "green", "white", "black", "yellow"):
        product(f"Ceramic coffee mug, {colour}", f"A {colour} mug for coffee.", category=mugs)
    Indexer(space).index_all()

    calibration = calibrate(space)
    assert calibration.source == "fallback" and not has_floor(space)
    # Nothing holds "thermos" or is close to it by a calibrated bar: without a floor the
    # nearest products still come back, as before the floor existed.
    assert len(search("thermos flask", log=False).hits) == 6

    space.min_similarity, space.calibration = 0.9, {"source": "judged", "relative": 0.0}
    space.save(update_fields=["min_similarity", "calibration"])
    assert has_floor(space) and search("thermos flask", log=False).hits == []
