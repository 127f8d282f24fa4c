"""What every ranked list (search, recommendations) is made of before it is hydrated:
:class:`Candidate` products, each with a typed :class:`Explanation` of why it is there.

Retrieval fills the explanation (search: both sides' evidence; recommendations: the
strategy that found the product and its figures); merchandising only appends the rules it
applied and marks pins; the API serializes it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PassageRef:
    """A passage as a result shows it: which text of the product, in which language."""

    kind: str
    language: str
    text: str


@dataclass
class VectorEvidence:
    """How the vector side saw a product."""

    rank: int | None  # among the vector side's results; None: not ranked by it
    score: float  # similarity of the best passage, less its kind's penalty
    passage_id: int
    passage: PassageRef | None = None  # filled when the result is hydrated


@dataclass
class LexicalEvidence:
    """How the keyword side saw a product."""

    rank: int
    score: float
    coverage: float  # IDF-weighted share of the query's terms found in the product
    matched_terms: list[str]
    passage_id: int
    passage: PassageRef | None = None


@dataclass
class Explanation:
    """Why a product is in a list.

    ``source`` names the strategy that found it (``search``, ``similar``, ``co_purchase``,
    ``also_bought``, ``popular_related``, ``personalized``, ``trending``, ``popular``, or
    ``pinned`` for a product a rule brought in); ``figures`` holds a recommendation
    strategy's own numbers (lift, support, similarity, orders, ...).
    """

    source: str
    vector: VectorEvidence | None = None
    lexical: LexicalEvidence | None = None
    title_similarity: float = 0.0
    language_match: bool = False
    passage: PassageRef | None = None  # the passage that matched best (search)
    # Search: similarity of the query to the product as a whole (its mean vector), what
    # the space's relevance threshold is compared with.
    product_similarity: float | None = None
    # Search: why the product is a result: "keywords", "spelling", "category", "meaning" (see
    # shop_assistant.search.relevance); empty when it is shown without matching.
    matched_by: list[str] = field(default_factory=list)
    # Search: business signals added to the score ("in_stock", "query_language").
    boosts: dict[str, float] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    pinned: bool = False

    def note_rule(self, label: str) -> None:
        self.rules.append(label)


@dataclass
class Candidate:
    """A product in a ranked list, with what rules need to match it and why it is here."""

    entry_id: int
    product_id: Any
    score: float
    brand: str = ""
    category_path: list[str] = field(default_factory=list)
    explanation: Explanation = field(default_factory=lambda: Explanation("search"))
    in_stock: bool = True
    price: Any = None  # Decimal or None
    attributes: dict[str, str] = field(default_factory=dict)
