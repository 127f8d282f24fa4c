"""Evidence: everything citable about a product, ranked by meaning and by keywords.

For one catalog entry the evidence is its structured facts (attributes, price, stock,
brand), its title and description sentences, the merchant's FAQ entries (the product's
and the shop-wide ones) and, when the adapter provides them, customer reviews. Texts
come in every language they exist in; when a product has a text kind in the asker's
language, only that language's copy of the kind is used (the others are translations).

Ranking: the question and every evidence text are embedded with the active embedding
space's encoder (vectors cached by text in the query-embedding cache, so a product's
sentences are encoded once); the score is the cosine similarity plus a keyword-overlap
bonus (:func:`~shop_assistant.qa.text.keyword_overlap`) and a small bonus for the
asker's language. FAQ entries are matched on their question and their answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..catalog import ProductAdapter
from ..conf import app_settings
from ..core.html import html_to_text
from ..embeddings import cached_query_embedding, cached_query_embeddings
from ..models import CatalogEntry, FAQEntry, Passage
from .text import keyword_overlap, keywords, sentences
from .types import Evidence
from .vocabulary import Labels, ValueLabels, attribute_text, label_language
from .vocabulary import language as use_language

#: Weight of the keyword overlap (0..1) added to the cosine similarity.
KEYWORD_WEIGHT = 0.25
#: Bonus of evidence written in the asker's language.
LANGUAGE_BONUS = 0.03
#: Weight of the FAQ question's similarity (the rest is the answer's).
FAQ_QUESTION_WEIGHT = 0.6
#: Most shop-wide FAQ entries considered per question (most recently updated first).
MAX_SHOP_FAQ = 500


class DocumentEncoder:
    """An encoder's document side seen through the query-embedding cache.

    The cache keys on ``model_id``; a distinct id keeps document vectors (which differ
    from query vectors for asymmetric models) apart from query vectors.
    """

    def __init__(self, encoder: Any) -> None:
        self.encoder = encoder
        self.model_id = f"{encoder.model_id}#documents"
        self.dimension = encoder.dimension

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder.encode_documents(texts)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder.encode_documents(texts)


@dataclass
class Ranker:
    """Scores evidence against one question with the active space's encoder."""

    question: str
    language: str
    encoder: Any | None

    def __post_init__(self) -> None:
        self.question_keywords = keywords(self.question)
        self._vector: np.ndarray | None = None
        if self.encoder is not None:
            self._vector = cached_query_embedding(
                self.encoder,
                self.question,
                cache_alias=app_settings.CACHE,
                timeout=app_settings.QUERY_CACHE_TIMEOUT,
            )

    @property
    def vector(self) -> np.ndarray | None:
        """The question's vector (None without an encoder)."""
        return self._vector

    def _similarities(self, texts: list[str], *, as_queries: bool = False) -> np.ndarray:
        if self._vector is None or not texts:
            return np.zeros(len(texts), dtype=np.float32)
        encoder = self.encoder if as_queries else DocumentEncoder(self.encoder)
        vectors = cached_query_embeddings(
            encoder,
            texts,
            cache_alias=app_settings.CACHE,
            timeout=app_settings.QUERY_CACHE_TIMEOUT,
        )
        return vectors @ self._vector

    def rank(self, items: list[Evidence]) -> list[Evidence]:
        """Set ``score`` on every item; return them best first."""
        if not items:
            return []
        meaning = self._similarities([item.text for item in items])
        faq_rows = [i for i, item in enumerate(items) if item.kind == "faq" and item.question]
        if faq_rows:
            # Any two questions about one product look alike; a FAQ entry matches when
            # both its question and its answer are close to what is asked.
            asked = self._similarities([items[i].question for i in faq_rows], as_queries=True)
            for row, similarity in zip(faq_rows, asked, strict=True):
                meaning[row] = (
                    FAQ_QUESTION_WEIGHT * similarity + (1 - FAQ_QUESTION_WEIGHT) * meaning[row]
                )
        for item, similarity in zip(items, meaning, strict=True):
            matched = keyword_overlap(self.question_keywords, f"{item.question} {item.text}")
            bonus = LANGUAGE_BONUS if item.language == self.language else 0.0
            item.score = float(similarity) + KEYWORD_WEIGHT * matched + bonus
        return sorted(items, key=lambda item: item.score, reverse=True)


# --- collection ------------------------------------------------------------------------


def fact_evidence(
    entry: CatalogEntry,
    language: str,
    labels: Labels | None = None,
    value_labels: ValueLabels | None = None,
) -> list[Evidence]:
    """Structured facts of an entry (localized ``label: value`` text, canonical value),
    named by the shop's attribute and value ``labels`` (its adapter's)."""
    facts: list[tuple[str, Any]] = []
    if entry.price is not None:
        facts.append(("price", entry.price))
    facts.append(("in_stock", entry.in_stock))
    if entry.brand:
        facts.append(("brand", entry.brand))
    facts += sorted((str(k), v) for k, v in (entry.attributes or {}).items() if v not in ("", None))
    return [
        Evidence(
            product_id=entry.product_id,
            kind="attribute",
            field=name,
            value=value,
            text=attribute_text(
                name,
                value,
                language,
                currency=entry.currency,
                labels=labels,
                value_labels=value_labels,
            ),
            language=_label_language(name, language, labels),
        )
        for name, value in facts
    ]


def _label_language(name: str, language: str, labels: Labels | None) -> str:
    with use_language(language):
        return label_language(name, labels)


def _preferred(passages: Iterable[Passage], language: str) -> list[Passage]:
    """Per kind, the asker's language when the product has it, else every language."""
    by_kind: dict[str, list[Passage]] = {}
    for passage in passages:
        by_kind.setdefault(passage.kind, []).append(passage)
    chosen: list[Passage] = []
    for group in by_kind.values():
        same = [p for p in group if p.language == language]
        chosen += same or group
    return chosen


def text_evidence(entries: Sequence[CatalogEntry], language: str, using: str) -> list[Evidence]:
    """Title and description sentences of the entries."""
    rows = (
        Passage.objects.using(using)
        .filter(entry__in=[e.pk for e in entries], kind__in=["title", "description"])
        .only("entry_id", "kind", "language", "position", "text")  # not the tsvector
        .order_by("entry_id", "kind", "language", "position")
    )
    product_of = {entry.pk: entry.product_id for entry in entries}
    per_entry: dict[int, list[Passage]] = {}
    for passage in rows:
        per_entry.setdefault(passage.entry_id, []).append(passage)
    items: list[Evidence] = []
    for entry_id, passages in per_entry.items():
        for passage in _preferred(passages, language):
            parts = [passage.text] if passage.kind == "title" else sentences(passage.text)
            items += [
                Evidence(
                    product_id=product_of[entry_id],
                    kind=passage.kind,  # type: ignore[arg-type]
                    text=part,
                    language=passage.language,
                    source=f"passage:{passage.pk}",
                    offset=offset,
                )
                for offset, part in enumerate(parts)
            ]
    return items


def faq_evidence(product_ids: Sequence[Any], using: str, *, shop_wide: bool) -> list[Evidence]:
    """Published FAQ entries of these products, plus the shop-wide ones if asked."""
    qs = FAQEntry.objects.using(using).filter(is_published=True)
    items: list[Evidence] = []
    if product_ids:
        for faq in qs.filter(product_id__in=list(product_ids)).order_by("pk"):
            items.append(_faq(faq))
    if shop_wide:
        for faq in qs.filter(product__isnull=True).order_by("-updated_at")[:MAX_SHOP_FAQ]:
            items.append(_faq(faq))
    return items


def _faq(faq: FAQEntry) -> Evidence:
    return Evidence(
        product_id=faq.product_id,
        kind="faq",
        text=" ".join(faq.answer.split()),
        language=faq.language,
        question=faq.question,
        field=str(faq.pk),
        source=f"faq:{faq.pk}",
    )


def review_evidence(adapter: ProductAdapter, product: Any) -> list[Evidence]:
    """Reviews the adapter provides, one evidence item per sentence."""
    items: list[Evidence] = []
    for number, review in enumerate(adapter.get_reviews(product)):
        for offset, part in enumerate(sentences(html_to_text(review.text))):
            items.append(
                Evidence(
                    product_id=product.pk,
                    kind="review",
                    text=part,
                    language=review.language,
                    field="" if review.id is None else str(review.id),
                    source=f"review:{review.id if review.id is not None else number}",
                    offset=offset,
                )
            )
    return items


#: Links, e-mail addresses and phone numbers: never quoted or sent to a model.
LINKS = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?:[a-z0-9-]+\.)+(?:com|net|org|io|shop|biz"
    r"|info|xyz|ru|cn)\b|\+?\d[\d ()-]{7,}\d",
    re.IGNORECASE,
)
#: Text that talks to a model rather than about the product.
INSTRUCTION = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier)|disregard (?:all|any|the)"
    r"|\b(?:system|assistant)\s*:|you are now|new instructions|</?evidence|</?item",
    re.IGNORECASE,
)


def _text_of(evidence: Evidence) -> str:
    return f"{evidence.question} {evidence.text}" if evidence.question else evidence.text


def trustworthy(evidence: Sequence[Evidence]) -> list[Evidence]:
    """``evidence`` without what free text could use against the shopper: sentences with a
    link, an e-mail address or a phone number, and in a text (a description, a review, a
    FAQ answer) the sentence that reads like instructions to a model and every sentence
    after it, which belong to the same attempt. Structured attributes are the shop's own
    data and stay."""
    from_here: dict[Any, int] = {}  # source -> first offset that reads like instructions
    for item in evidence:
        if item.kind != "attribute" and INSTRUCTION.search(_text_of(item)):
            key = item.source or id(item)
            from_here[key] = min(from_here.get(key, item.offset), item.offset)
    return [
        e
        for e in evidence
        if e.kind == "attribute"
        or (
            e.offset < from_here.get(e.source or id(e), e.offset + 1)
            and not LINKS.search(_text_of(e))
        )
    ]


def number(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Give the items the ids a generative answer cites: ``E1``, ``E2``, ..."""
    items = list(evidence)
    for index, item in enumerate(items, start=1):
        item.id = f"E{index}"
    return items
