"""Comparisons and superlatives: "the lightest tent", "which is cheaper, A or B",
"cheapest waterproof jacket under 100 €".

Answered from structured attributes only: the values are parsed with their units
(:mod:`.units`) and the extreme product is the true extreme of the products compared,
all of which are cited. When the compared attribute is missing (for a named product, or
for every product of the set) the question is refused.

* Between named products: the question splits on the language's "or" ("A or B",
  "A oder B", "A还是B"); each part that the search service finds as a product whose
  title shares the part's words names that product.
* Over the catalog: the products of the category the search finds for the question
  (the most frequent category among its best candidates), within the question's price
  bounds and having every yes/no attribute it asks for ("dishwasher safe").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..catalog import ProductAdapter
from ..filters import Filters
from ..models import CatalogEntry
from ..search import retrieve_candidates
from .constraints import PriceConstraints
from .cues import GENERIC
from .evidence import fact_evidence
from .intents import AttributeVocabulary, Intent, detect_intents
from .text import keywords, normalize
from .types import Evidence
from .units import Quantity, quantity
from .vocabulary import as_bool, label, price_text, value_text
from .vocabulary import language as use_language

#: (concept or None, lowest?) -> cue words in the 15 languages. A concept's own cues
#: ("lightest") name the attribute; direction-only cues ("highest") need an attribute
#: intent ("the longest battery life").
SUPERLATIVES: dict[tuple[str | None, bool], tuple[str, ...]] = {
    ("price", True): (
        "cheapest", "cheaper", "least expensive", "lowest price", "mas barat", "mas economic",
        "billigste", "gunstigste", "billiger", "gunstiger", "moins cher", "piu economic",
        "meno costos", "meno car", "mais barat", "goedkoopste", "goedkoper", "najtansz",
        "tansz", "самый дешев", "самая дешев", "дешевле", "一番安い", "最も安い", "最安",
        "より安い", "最便宜", "更便宜", "哪个便宜", "가장 저렴", "가장 싼", "더 저렴", "더 싼",
        "الأرخص", "أرخص", "ถูกที่สุด", "ถูกกว่า", "en ucuz", "daha ucuz",
    ),
    ("price", False): (
        "most expensive", "more expensive", "pricier", "mas car", "teuerste", "teurer",
        "plus cher", "piu costos", "piu car", "mais car", "duurste", "duurder", "najdrozsz",
        "drozsz", "самый дорог", "самая дорог", "дороже", "一番高い", "最も高い", "より高い",
        "最贵", "更贵", "가장 비싼", "더 비싼", "الأغلى", "أغلى", "แพงที่สุด", "แพงกว่า",
        "en pahalı", "daha pahalı",
    ),
    ("weight", True): (
        "lightest", "lighter", "mas liger", "mas livian", "leichteste", "leichter",
        "plus leger", "plus legere", "piu legger", "mais leve", "lichtste", "lichter",
        "najlzejsz", "lzejsz", "самый легк", "самая легк", "легче", "一番軽い", "最も軽い",
        "より軽い", "最轻", "更轻", "가장 가벼운", "더 가벼운", "الأخف", "أخف", "เบาที่สุด",
        "เบากว่า", "en hafif", "daha hafif",
    ),
    ("weight", False): (
        "heaviest", "heavier", "mas pesad", "schwerste", "schwerer", "plus lourd",
        "piu pesant", "mais pesad", "zwaarste", "zwaarder", "najciezsz", "ciezsz",
        "самый тяжел", "самая тяжел", "тяжелее", "一番重い", "最も重い", "より重い", "最重",
        "更重", "가장 무거운", "더 무거운", "الأثقل", "أثقل", "หนักที่สุด", "หนักกว่า",
        "en ağır", "daha ağır",
    ),
    (None, False): (
        "most", "highest", "largest", "biggest", "longest", "greatest", "mayor", "mas larg",
        "mas grande", "meiste", "hochste", "grosste", "langste", "le plus", "la plus",
        "il piu", "la piu", "o mais", "a mais", "meeste", "hoogste", "grootste", "langste",
        "najwiek", "najwyzsz", "najdluzsz", "самый больш", "наибольш", "самый длин",
        "一番大きい", "一番長い", "最も", "最大", "最长", "最多", "最高", "가장 큰", "가장 긴",
        "가장 많은", "가장 높은", "الأكبر", "الأطول", "الأكثر", "มากที่สุด", "ใหญ่ที่สุด",
        "นานที่สุด", "en büyük", "en uzun", "en çok", "en yüksek",
    ),
    (None, True): (
        "least", "lowest", "smallest", "shortest", "fewest", "menor", "mas pequen",
        "wenigste", "niedrigste", "kleinste", "kurzeste", "le moins", "la moins",
        "plus petit", "il meno", "piu piccol", "o menos", "menor", "minste", "laagste",
        "kleinste", "najmniejsz", "najnizsz", "najkrotsz", "наименьш", "самый маленьк",
        "一番小さい", "最小", "最少", "最低", "最短", "가장 작은", "가장 적은", "가장 낮은",
        "الأصغر", "الأقل", "น้อยที่สุด", "เล็กที่สุด", "en küçük", "en az", "en düşük",
    ),
}
#: Words joining the alternatives of "A or B" (normalized).
_OR = re.compile(
    r"\s(?:or|o|oder|ou|of|lub|czy|или|veya|ya da|yoksa|أو|หรือ|아니면)\s|还是|或者|または|か、|"
    r"\s?(?:vs\.?|versus)\s"
)
_SUBSTRING_SCRIPTS = ((0x0600, 0x06FF), (0x0E00, 0x0E7F), (0x2E80, 0x10FFFF))
#: Candidates whose category decides a catalog-wide superlative.
CATEGORY_VOTERS = 5
#: Categories tried, best voted first, until one has the compared value.
CATEGORIES_TRIED = 3
#: Largest product set a superlative compares.
MAX_COMPARED = 500
#: Share of a catalog set that must have the compared value for a superlative answer.
MIN_COVERAGE = 0.8
#: Share of a part's words a product title must contain to be the product it names.
NAME_MATCH = 0.5


@dataclass(frozen=True)
class Superlative:
    """What a comparative question asks: the lowest or highest of a concept or attribute."""

    concept: str | None
    lowest: bool


@dataclass
class Compared:
    entry: CatalogEntry
    field: str
    value: Any
    quantity: Quantity
    fact: Evidence | None = None  # the cited fact (see cite)
    title: str = ""
    shown: str = ""  # the value in the asker's language


@dataclass
class Comparison:
    """The products compared on ``field``, the extreme first; ``missing`` lack the value."""

    field: str
    lowest: bool
    ranked: list[Compared] = field(default_factory=list)
    missing: list[CatalogEntry] = field(default_factory=list)
    named: bool = False
    label: str = ""  # the attribute's name in the asker's language (see cite)

    @property
    def answerable(self) -> bool:
        """Named products: all of them have the value. A catalog set: at least
        :data:`MIN_COVERAGE` of it does (else "the lightest" would be a guess)."""
        if self.named:
            return len(self.ranked) >= 2 and not self.missing
        total = len(self.ranked) + len(self.missing)
        return bool(self.ranked) and len(self.ranked) >= MIN_COVERAGE * total


def _pattern(word: str) -> str:
    word = normalize(word)
    if any(low <= ord(c) <= high for c in word for low, high in _SUBSTRING_SCRIPTS):
        return re.escape(word)
    return r"(?<!\w)" + re.escape(word)


_COMPILED = {
    key: re.compile("|".join(_pattern(w) for w in words)) for key, words in SUPERLATIVES.items()
}


def detect_superlative(question: str) -> Superlative | None:
    """The comparison a question asks for, concept cues ("cheapest") before direction
    cues ("highest")."""
    text = normalize(question)
    for (concept, lowest), pattern in _COMPILED.items():
        if concept is not None and pattern.search(text):
            return Superlative(concept, lowest)
    for (concept, lowest), pattern in _COMPILED.items():
        if concept is None and pattern.search(text):
            return Superlative(None, lowest)
    return None


def without_superlatives(question: str) -> str:
    """The question without its comparative words ("cheapest waterproof jacket" ->
    "waterproof jacket"): what names the products to compare."""
    text = normalize(question)
    for pattern in _COMPILED.values():
        text = pattern.sub(" ", text)
    return " ".join(text.split()) or question


def compared_fields(
    superlative: Superlative, intents: Sequence[Intent], vocabulary: AttributeVocabulary
) -> tuple[str, ...]:
    """The fields that answer the comparison: the concept's, else the first non-price
    attribute intent's."""
    if superlative.concept is not None:
        concept = next(c for c in GENERIC if c.name == superlative.concept)
        return vocabulary.concept_fields(concept) if vocabulary.keys else concept.facets
    for intent in intents:
        if intent.name not in ("price", "stock", "brand"):
            return intent.fields
    return ()


def named_products(question: str, language: str, using: str) -> list[CatalogEntry]:
    """The products a question names as alternatives ("A or B"), in order; fewer than two
    when it names none."""
    parts = [p.strip(" ,;:?¿!¡？、") for p in _OR.split(normalize(question))]
    parts = [p.split(",")[-1].strip() if "," in p else p for p in parts]
    if len(parts) < 2:
        return []
    found: list[CatalogEntry] = []
    for part in parts:
        words = keywords(part)
        if not words:
            continue
        candidates = retrieve_candidates(part, language, Filters(), 3)
        entries = CatalogEntry.objects.using(using).published().in_bulk(
            [c.entry_id for c in candidates]
        )
        for candidate in candidates:
            entry = entries.get(candidate.entry_id)
            if entry is None:
                continue
            title_words = keywords(" ".join(str(t) for t in (entry.titles or {}).values()))
            if len(words & title_words) >= max(1, NAME_MATCH * len(words)):
                if entry not in found:
                    found.append(entry)
                break
    return found


def category_sets(
    question: str,
    language: str,
    constraints: PriceConstraints,
    using: str,
) -> list[list[CatalogEntry]]:
    """Published products of the categories the question may be about, best voted first
    (at most :data:`CATEGORIES_TRIED`), within its price bounds."""
    filters = Filters(min_price=constraints.min_price, max_price=constraints.max_price)
    text = without_superlatives(constraints.rest or question)
    # Both rankings vote: the keyword side alone is thrown off by the few generic words
    # left ("какой чайник", "的电水壶是哪个"), the meaning side alone by close categories.
    paths: Counter[tuple[str, ...]] = Counter()
    for mode in ("hybrid", "vector"):
        candidates = retrieve_candidates(text, language, filters, CATEGORY_VOTERS, mode=mode)
        entries = CatalogEntry.objects.using(using).in_bulk([c.entry_id for c in candidates])
        for rank, candidate in enumerate(candidates):  # the best candidates weigh most
            if candidate.entry_id in entries:
                paths[tuple(entries[candidate.entry_id].category_path)] += 1 / (rank + 1)
    sets = []
    for path, _votes in paths.most_common(CATEGORIES_TRIED):
        rows = CatalogEntry.objects.using(using).published().filter(category_path=list(path))
        if constraints.min_price is not None:
            rows = rows.filter(price__gte=constraints.min_price)
        if constraints.max_price is not None:
            rows = rows.filter(price__lte=constraints.max_price)
        sets.append(list(rows.order_by("pk")[:MAX_COMPARED]))
    return [entries for entries in sets if entries]


def compare(
    entries: Sequence[CatalogEntry],
    fields: Sequence[str],
    superlative: Superlative,
    *,
    required: Sequence[str] = (),
    labels: Any = None,
    named: bool = False,
) -> Comparison:
    """Rank ``entries`` on the first of ``fields`` each has (one dimension), after keeping
    those whose ``required`` yes/no attributes are "yes"."""
    kept = [
        e
        for e in entries
        if all(as_bool((e.attributes or {}).get(name)) is True for name in required)
    ]
    comparison = Comparison(field=fields[0] if fields else "", lowest=superlative.lowest)
    comparison.named = named
    for entry in kept:
        value, name = _value(entry, fields)
        amount = quantity(value, name, label(name, labels)) if name else None
        if amount is None:
            comparison.missing.append(entry)
            continue
        comparison.ranked.append(Compared(entry, name, value, amount))
    dimensions = Counter(c.quantity.dimension for c in comparison.ranked)
    if len(dimensions) > 1:  # e.g. a fabric weight (g/m²) among weights: keep the usual one
        usual = dimensions.most_common(1)[0][0]
        comparison.missing += [c.entry for c in comparison.ranked if c.quantity.dimension != usual]
        comparison.ranked = [c for c in comparison.ranked if c.quantity.dimension == usual]
    comparison.ranked.sort(
        key=lambda c: (c.quantity.amount if superlative.lowest else -c.quantity.amount, c.entry.pk)
    )
    if comparison.ranked:
        comparison.field = comparison.ranked[0].field
    return comparison


def comparison_for(
    question: str,
    language: str,
    constraints: PriceConstraints,
    adapter: ProductAdapter,
    using: str,
) -> Comparison | None:
    """The comparison a catalog-wide question asks for, cited in ``language``; None when
    it asks for none (or names no attribute to compare on)."""
    superlative = detect_superlative(question)
    if superlative is None:
        return None
    named = named_products(question, language, using)
    sets = [named] if len(named) >= 2 else category_sets(question, language, constraints, using)
    labels = adapter.get_attribute_labels()
    refused: Comparison | None = None  # the first set compared, when none answers
    for entries in sets:
        keys = {str(k) for e in entries for k in (e.attributes or {})} | {"price"}
        vocabulary = AttributeVocabulary.of(keys, labels)
        intents = detect_intents(question, vocabulary, language=language)
        fields = compared_fields(superlative, intents, vocabulary)
        if not fields:
            continue  # not this category's attribute: the next voted one may have it
        required = [
            intent.fields[0]
            for intent in intents
            if intent.fields[0] not in fields and _yes_no(entries, intent.fields[0])
        ]
        comparison = compare(
            entries, fields, superlative, required=required, labels=labels, named=len(named) >= 2
        )
        if comparison.answerable:
            cite(comparison, language, labels, adapter.get_value_labels())
            return comparison
        refused = refused or comparison
    return refused


def _yes_no(entries: Sequence[CatalogEntry], name: str) -> bool:
    values = [(e.attributes or {}).get(name) for e in entries]
    present = [v for v in values if v not in (None, "")]
    return bool(present) and all(as_bool(v) is not None for v in present)


def cite(comparison: Comparison, language: str, labels: Any, value_labels: Any) -> None:
    """Fill in the facts, titles and shown values of the compared products."""
    with use_language(language):
        comparison.label = label(comparison.field, labels)
        for item in comparison.ranked:
            facts = fact_evidence(item.entry, language, labels, value_labels)
            item.fact = next((f for f in facts if f.field == item.field), None)
            titles = item.entry.titles or {}
            item.title = str(titles.get(language) or next(iter(titles.values()), ""))
            if item.field == "price":
                item.shown = price_text(Decimal(str(item.value)), item.entry.currency or "EUR")
            else:
                item.shown = value_text(item.value, (value_labels or {}).get(item.field))


def _value(entry: CatalogEntry, fields: Sequence[str]) -> tuple[Any, str]:
    for name in fields:
        if name == "price":
            if entry.price is not None:
                return entry.price, name
            continue
        value = (entry.attributes or {}).get(name)
        if value not in (None, ""):
            return value, name
    return None, ""
