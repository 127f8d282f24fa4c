"""What the Q&A pipeline passes around: evidence items and the final :class:`Answer`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..cards import ProductCard

EvidenceKind = Literal["attribute", "title", "description", "faq", "review"]
AnswererName = Literal["extractive", "generative", "refusal"]


@dataclass
class Evidence:
    """One citable fact: a structured attribute, a sentence, a FAQ entry or a review.

    ``score`` is the relevance to the question (meaning and keywords, see
    :mod:`shop_assistant.qa.evidence`); ``id`` (``"E3"``) is what a generative answer cites.
    """

    product_id: Any
    kind: EvidenceKind
    text: str
    language: str
    field: str = ""
    score: float = 0.0
    id: str = ""
    value: Any = None  # attribute evidence: the canonical value (e.g. "yes", Decimal("89.00"))
    question: str = ""  # FAQ evidence: the merchant's question
    source: str = ""  # the text it was cut from ("passage:12", "review:3", "faq:7")
    offset: int = 0  # which sentence of that text it is

    def key(self) -> tuple[Any, str, str, str, str]:
        return (self.product_id, self.kind, self.field, self.language, self.text)


@dataclass
class Citation:
    """The evidence an answer rests on, as returned to the client."""

    product_id: Any
    kind: EvidenceKind
    text: str
    language: str
    field: str = ""

    @classmethod
    def of(cls, evidence: Evidence) -> Citation:
        return cls(
            product_id=evidence.product_id,
            kind=evidence.kind,
            text=evidence.text,
            language=evidence.language,
            field=evidence.field,
        )


@dataclass
class Answer:
    """A grounded answer (``grounded=True`` with citations) or a refusal."""

    answer: str
    language: str
    grounded: bool
    confidence: float
    citations: list[Citation] = field(default_factory=list)
    products: list[ProductCard] = field(default_factory=list)
    language_source: str = ""
    answerer: AnswererName = "extractive"
    intent: str = ""


Scope = Literal["product", "catalog"]


@dataclass
class QAContext:
    """Everything an answerer gets: the question, its language and the ranked evidence."""

    question: str
    language: str
    scope: Scope
    evidence: list[Evidence]  # best first, numbered E1, E2, ...
    products: list[ProductCard]  # the asked product, or the catalog candidates in rank order
    intents: list[Any] = field(default_factory=list)  # shop_assistant.qa.intents.Intent
    language_source: str = ""
    comparison: Any = None  # shop_assistant.qa.compare.Comparison, for comparative questions
    clause_match: Evidence | None = None  # a sentence answering by one clause (crosslingual)

    def facts(self, product_id: Any, fields: tuple[str, ...]) -> list[Evidence]:
        """Attribute evidence of one product for the first of ``fields`` it has."""
        for name in fields:
            found = [
                e
                for e in self.evidence
                if e.kind == "attribute" and e.field == name and e.product_id == product_id
            ]
            if found:
                return found
        return []

    def variant_facts(self, fields: tuple[str, ...]) -> list[Evidence]:
        """Attribute evidence of the asked product's variants (same variant group)."""
        asked = self.products[0].product_id if self.products else None
        return [
            e
            for e in self.evidence
            if e.kind == "attribute" and e.field in fields and e.product_id != asked
        ]

    def grounded(
        self,
        text: str,
        cited: list[Evidence],
        confidence: float,
        answerer: AnswererName,
        products: list[ProductCard] | None = None,
    ) -> Answer:
        """A grounded answer citing ``cited``; ``products`` default to the asked product
        (none for a catalog-wide question)."""
        if products is None:
            products = list(self.products) if self.scope == "product" else []
        return Answer(
            answer=text,
            language=self.language,
            grounded=True,
            confidence=round(min(max(confidence, 0.0), 1.0), 3),
            citations=[Citation.of(e) for e in cited],
            products=products,
            language_source=self.language_source,
            answerer=answerer,
            intent=",".join(i.name for i in self.intents),
        )
