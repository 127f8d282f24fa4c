"""Ranking metrics of :mod:`shop_assistant.evaluation` on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from shop_assistant.evaluation import (
    JudgedQuery,
    evaluate,
    is_cross_lingual,
    mrr,
    ndcg,
    read_queries,
    recall,
)


def test_ndcg_uses_graded_gains_and_the_ideal_order():
    grades = {"a": 3, "b": 1, "c": 0}

    assert ndcg(["a", "b"], grades) == pytest.approx(1.0)
    swapped = (1 / math.log2(2) + 7 / math.log2(3)) / (7 / math.log2(2) + 1 / math.log2(3))
    assert ndcg(["b", "a"], grades) == pytest.approx(swapped)
    assert ndcg(["x", "y"], grades) == 0.0
    assert ndcg(["x"] * 10 + ["a"], grades, k=10) == 0.0  # beyond the cutoff


def test_recall_and_mrr_count_only_relevant_products():
    relevant = {"a", "b"}

    assert recall(["x", "a", "y"], relevant) == 0.5
    assert recall(["a", "b"], relevant) == 1.0
    assert mrr(["x", "y", "b"], relevant) == pytest.approx(1 / 3)
    assert mrr(["x"] * 10 + ["a"], relevant, k=10) == 0.0


def test_groups_split_by_language_and_cross_lingual():
    queries = [
        JudgedQuery("1", "zapatos", "es", {"p-es": 3}),
        JudgedQuery("2", "shoes", "en", {"p-es": 3}),
        JudgedQuery("3", "boots", "en", {"p-en": 3, "p-es": 0}),
    ]
    languages = {"p-es": ["es"], "p-en": ["en"]}
    rankings = {"1": ["p-es"], "2": ["p-en", "p-es"], "3": ["p-es", "p-en"]}

    report = evaluate(queries, lambda q: rankings[q.qid], languages)

    assert report["all"]["n"] == 3
    assert report["lang:en"]["n"] == 2 and report["lang:es"]["n"] == 1
    assert report["cross_lingual"]["n"] == 1
    assert report["cross_lingual"]["mrr@10"] == 0.5
    assert report["lang:es"]["ndcg@10"] == 1.0
    assert list(report)[0] == "all" and list(report)[-1] == "cross_lingual"
    assert is_cross_lingual(queries[1], languages) and not is_cross_lingual(queries[2], languages)


def test_read_queries_names_the_bad_line(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"qid": "a", "query": "q", "lang": "en", "relevant": [{"id": "x", "grade": 2}]}\n'
        '{"qid": "b", "query": "q"}\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"q\.jsonl:2"):
        read_queries(path)
    path.write_text(path.read_text().splitlines()[0] + "\n", encoding="utf-8")
    assert read_queries(path)[0].grades == {"x": 2}


def test_precision_pools_every_returned_result_and_counts_empty_lists():
    from shop_assistant.evaluation import RankedList

    queries = [
        JudgedQuery("q1", "tent", "en", {"a": 3, "b": 0}),
        JudgedQuery("q2", "kettle", "en", {"c": 2}),
        JudgedQuery("q3", "gibberish", "en", {"d": 1}),
    ]
    lists = {
        "q1": RankedList(["a", "b", "x"], 40),  # a page of 3 out of 40 results
        "q2": ["c"],
        "q3": RankedList([], 0),
    }

    report = evaluate(queries, lambda q: lists[q.qid], {})["all"]

    assert report["precision"] == pytest.approx(2 / 4)  # a and c of a, b, x, c
    assert report["count"] == pytest.approx((40 + 1 + 0) / 3, abs=0.01)
    assert report["empty"] == pytest.approx(1 / 3, abs=1e-4)
