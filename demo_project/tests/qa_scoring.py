"""Scoring of the Q&A evaluation set (``benchmarks/qa_eval.jsonl``), shared by the test
and ``benchmarks/eval_qa.py``.

* citation accuracy: over answerable questions, the answer is grounded and its first
  citation is an accepted (kind, field) of the expected product; for catalog-wide
  questions, a cited product is one of the expected products;
* refusal on unanswerable: ``grounded`` is false;
* comparisons: the first citation is the product the question asks for (the true
  extreme of the category by the catalog data, or the named product expected);
* answer language: the language of the answer's own words (quoted evidence, between
  quotation marks, is left out), measured on the text itself, not on the ``language``
  field: by script for Arabic, Thai, Hangul, kana, Han and Cyrillic, by lingua among the
  evaluated Latin-script languages otherwise.

Figures are kept per language too (outcome right, language right).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lingua import Language, LanguageDetectorBuilder

from shop_assistant.qa import Answer
from shop_assistant.qa.phrases import QUOTES

EVAL_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "qa_eval.jsonl"
_LINGUA = {
    "en": Language.ENGLISH, "es": Language.SPANISH, "de": Language.GERMAN,
    "fr": Language.FRENCH, "it": Language.ITALIAN, "pt": Language.PORTUGUESE,
    "nl": Language.DUTCH, "pl": Language.POLISH, "tr": Language.TURKISH,
}
#: Languages told by their script: (code, character ranges), checked in this order.
_SCRIPTS = (
    ("ar", ((0x0600, 0x06FF),)),
    ("th", ((0x0E00, 0x0E7F),)),
    ("ko", ((0xAC00, 0xD7AF), (0x1100, 0x11FF))),
    ("ja", ((0x3040, 0x30FF),)),
    ("zh", ((0x4E00, 0x9FFF),)),
    ("ru", ((0x0400, 0x04FF),)),
)


EVAL_FILE_15 = EVAL_FILE.with_name("qa_eval_15.jsonl")


def load_rows(path: Path = EVAL_FILE) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass
class QAReport:
    answerable: int = 0
    cited_right: int = 0
    unanswerable: int = 0
    refused: int = 0
    total: int = 0
    language_right: int = 0
    failures: list[str] = field(default_factory=list)
    by_type: Counter = field(default_factory=Counter)
    right_by_type: Counter = field(default_factory=Counter)
    by_lang: Counter = field(default_factory=Counter)
    right_by_lang: Counter = field(default_factory=Counter)
    spoken_by_lang: Counter = field(default_factory=Counter)

    def language_table(self) -> str:
        """Markdown table: per language, outcome right (cited right or refused) and answer
        written in the asker's language."""
        lines = ["| language | questions | right | written in it |", "|---|---|---|---|"]
        for lang in sorted(self.by_lang):
            n = self.by_lang[lang]
            lines.append(
                f"| {lang} | {n} | {self.right_by_lang[lang] / n:.0%} "
                f"| {self.spoken_by_lang[lang] / n:.0%} |"
            )
        return "\n".join(lines)

    @property
    def citation_accuracy(self) -> float:
        return self.cited_right / self.answerable if self.answerable else 0.0

    @property
    def refusal_rate(self) -> float:
        return self.refused / self.unanswerable if self.unanswerable else 0.0

    @property
    def language_accuracy(self) -> float:
        return self.language_right / self.total if self.total else 0.0

    def summary(self) -> str:
        per_type = ", ".join(
            f"{t} {self.right_by_type[t]}/{n}" for t, n in sorted(self.by_type.items())
        )
        return (
            f"{self.total} questions: citation accuracy {self.citation_accuracy:.1%} "
            f"({self.cited_right}/{self.answerable}), refusal on unanswerable "
            f"{self.refusal_rate:.1%} ({self.refused}/{self.unanswerable}), answer language "
            f"{self.language_accuracy:.1%} ({self.language_right}/{self.total}); {per_type}"
        )


def answer_language(text: str, languages: list[str]) -> str | None:
    """The language of the answer's own words (quotes removed): by script, else the most
    likely of the Latin-script ``languages`` by lingua."""
    spoken = QUOTES.sub(" ", text).strip()
    if not spoken:
        return None
    for code, ranges in _SCRIPTS:
        if any(low <= ord(c) <= high for c in spoken for low, high in ranges):
            return code
    latin = [_LINGUA[c] for c in languages if c in _LINGUA]
    if not latin:
        return None
    detector = LanguageDetectorBuilder.from_languages(*latin).build() if len(latin) > 1 else None
    if detector is None:
        return next(c for c in languages if c in _LINGUA)
    found = detector.detect_language_of(spoken)
    return next((code for code, lang in _LINGUA.items() if lang == found), None)


def extreme_products(spec: dict[str, Any], catalog: list[dict[str, Any]]) -> set[str]:
    """SKUs of the catalog data rows with the lowest / highest value of the first of
    ``fields`` they have, in ``category`` (weights in kg count as 1000 g)."""
    values: dict[str, float] = {}
    for item in catalog:
        if item.get("category") != spec["category"]:
            continue
        attributes = item.get("attributes") or {}
        for name in spec["fields"]:
            raw = item.get("price") if name == "price" else attributes.get(name)
            if raw not in (None, ""):
                values[item["sku"]] = float(raw) * (1000 if name.endswith("_kg") else 1)
                break
    if not values:
        return set()
    best = (min if spec["lowest"] else max)(values.values())
    return {sku for sku, value in values.items() if value == best}


def expected_products(where: dict[str, Any], catalog: list[dict[str, Any]]) -> set[str]:
    """SKUs of the catalog data rows meeting a hand-written criterion (category, price cap,
    attribute values, a title word in any language)."""
    found = set()
    for item in catalog:
        if item.get("category") != where["category"]:
            continue
        if "max_price" in where and float(item.get("price") or 0) > where["max_price"]:
            continue
        attributes = item.get("attributes") or {}
        if any(str(attributes.get(k)) != str(v) for k, v in where.get("attributes", {}).items()):
            continue
        translations = item.get("translations") or {}
        titles = [item["title"], *(t.get("title", "") for t in translations.values())]
        words = where.get("title_any")
        if words and not any(w.casefold() in t.casefold() for w in words for t in titles):
            continue
        found.add(item["sku"])
    return found


def _cited_right(
    row: dict[str, Any], answer: Answer, pk_to_sku: dict[Any, str], catalog: list[dict[str, Any]]
) -> bool:
    if not answer.grounded or not answer.citations:
        return False
    expect = row["expect"]
    if row["type"] == "comparison":
        first = pk_to_sku.get(answer.citations[0].product_id)
        if "first" in expect:
            return first == expect["first"]
        return first in extreme_products(expect["extreme"], catalog)
    if isinstance(expect, dict) and row["type"] == "catalog":
        wanted = expected_products(expect["where"], catalog)
        return any(pk_to_sku.get(c.product_id) in wanted for c in answer.citations)
    first = answer.citations[0]
    if first.kind != "faq" and pk_to_sku.get(first.product_id) != row["sku"]:
        return False
    return any(
        first.kind == kind and (name == "*" or first.field == name) for kind, name in expect
    )


def score(
    rows: list[dict[str, Any]],
    sku_to_pk: dict[str, Any],
    ask: Callable[..., Answer],
    catalog: list[dict[str, Any]],
) -> QAReport:
    """Ask every question (with its product, and the asker's Accept-Language) and score;
    ``catalog`` is the catalog data the expectations of catalog-wide questions refer to."""
    pk_to_sku = {pk: sku for sku, pk in sku_to_pk.items()}
    languages = sorted({row["lang"] for row in rows})
    report = QAReport()
    for row in rows:
        product_id = sku_to_pk[row["sku"]] if row["sku"] else None
        answer = ask(row["question"], product_id=product_id, accept_language=row["lang"])
        report.total += 1
        report.by_type[row["type"]] += 1
        report.by_lang[row["lang"]] += 1
        spoken = answer_language(answer.answer, languages)
        if spoken == row["lang"]:
            report.language_right += 1
            report.spoken_by_lang[row["lang"]] += 1
        else:
            report.failures.append(
                f"{row['id']} language {spoken} (field {answer.language}): {answer.answer[:80]!r}"
            )
        if row["expect"] == "refuse":
            report.unanswerable += 1
            ok = not answer.grounded
            report.refused += ok
        else:
            report.answerable += 1
            ok = _cited_right(row, answer, pk_to_sku, catalog)
            report.cited_right += ok
        report.right_by_type[row["type"]] += ok
        report.right_by_lang[row["lang"]] += ok
        if not ok:
            cites = [(c.kind, c.field, pk_to_sku.get(c.product_id)) for c in answer.citations]
            report.failures.append(
                f"{row['id']} [{row['type']}] {row['question']!r} -> {answer.answer[:90]!r} "
                f"{cites[:2]} conf={answer.confidence}"
            )
    return report
