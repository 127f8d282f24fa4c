"""The default answerer: structured facts for attribute questions, quotes otherwise.

No language model is involved. An attribute question (see :mod:`.intents`) is answered
from the product's structured data with a localized sentence; any other question gets
the best evidence quoted (a description sentence, a FAQ answer, a review). When the
best evidence scores below ``min_confidence`` the answerer refuses, in the asker's
language, with ``grounded=False``.

Answerers are chosen by ``SHOP_ASSISTANT["ANSWERER"]`` (``CLASS`` + ``CONFIG``) and
loaded with :func:`load_answerer`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol

from ..conf import app_settings
from ..core.loading import instantiate
from . import phrases
from .cues import FACET_FIELDS as FACETS
from .intents import Intent, mentions
from .types import Answer, Evidence, QAContext
from .vocabulary import COLORS, MATERIALS, as_bool, language, price_text, value_names, value_text

#: Confidence reported for answers read from structured data.
FACT_CONFIDENCE = 0.95


class Answerer(Protocol):
    """Turns a :class:`QAContext` into an :class:`Answer`."""

    def answer(self, context: QAContext) -> Answer: ...


def refuse(context: QAContext, confidence: float = 0.0) -> Answer:
    """The honest "the information does not say", in the asker's language."""
    with language(context.language):
        text = phrases.refusal(catalog=context.scope == "catalog")
    return Answer(
        answer=text,
        language=phrases.written_language(context.language),
        grounded=False,
        confidence=round(max(confidence, 0.0), 3),
        citations=[],
        products=context.products if context.scope == "product" else [],
        language_source=context.language_source,
        answerer="refusal",
    )


class ExtractiveAnswerer:
    """Facts for attribute questions, quoted evidence for the rest, refusal below a threshold.

    Args:
        min_confidence: smallest evidence score (cosine similarity plus keyword bonus,
            see :mod:`shop_assistant.qa.evidence`) that is quoted as an answer.
        catalog_min_confidence: the same for catalog-wide questions, applied to the best
            product's evidence.
        max_products: products listed in a catalog-wide answer.
    """

    def __init__(
        self,
        min_confidence: float = 0.45,
        catalog_min_confidence: float = 0.45,
        max_products: int = 3,
    ) -> None:
        self.min_confidence = float(min_confidence)
        self.catalog_min_confidence = float(catalog_min_confidence)
        self.max_products = int(max_products)

    def answer(self, context: QAContext) -> Answer:
        with language(context.language):
            if context.scope == "product":
                return self._product(context)
            return self._catalog(context)

    # -- one product --------------------------------------------------------------------
    def _product(self, context: QAContext) -> Answer:
        sentences: list[str] = []
        cited: list[Evidence] = []
        for intent in _with_asked_color(context):
            built = self._fact_answer(context, intent)
            if built is not None:
                sentences.append(built[0])
                cited += [e for e in built[1] if e not in cited]
        if sentences:
            return self._grounded(context, " ".join(sentences), cited, FACT_CONFIDENCE)
        return self._quote(context, self.min_confidence)

    def _fact_answer(self, context: QAContext, intent: Intent) -> tuple[str, list[Evidence]] | None:
        product_id = context.products[0].product_id
        facts = context.facts(product_id, intent.fields)
        if not facts:
            return None
        fact = facts[0]
        builder = _BUILDERS.get(intent.name)
        if builder is not None:
            return builder(context, intent, fact)
        flag = as_bool(fact.value)
        if flag is not None and fact.language == context.language:
            return phrases.yes_no(flag, fact.text), [fact]
        if flag is not None:  # the shop names the attribute in another language: quoted
            return phrases.yes_no(flag, phrases.facts([_shown(context, fact)])[:-1]), [fact]
        return phrases.facts([_shown(context, fact)]), [fact]

    def _quote(self, context: QAContext, threshold: float) -> Answer:
        asked = context.products[0].product_id
        best = next(
            (e for e in context.evidence if e.kind != "attribute" or e.product_id == asked), None
        )
        clause = context.clause_match  # one clause of a sentence answers, maybe across languages
        if best is None or best.score < threshold:
            if clause is None:
                return refuse(context, best.score if best else 0.0)
            best = clause
        elif clause is not None and best.kind == "attribute" and best.score < clause.score:
            # An attribute near the question as a whole («有防雨罩吗？» ~ "waterproof: no")
            # yields to the sentence naming every word asked ("rain cover").
            best = clause
        if best.kind == "attribute":
            text = phrases.facts([_shown(context, best)])
        else:
            text = _quoted(context, best)
        return self._grounded(context, text, [best], best.score)

    # -- catalog-wide -------------------------------------------------------------------
    def _catalog(self, context: QAContext) -> Answer:
        if context.comparison is not None:
            return self._comparison(context)
        best = next((e for e in context.evidence), None)
        shop_faq = best is not None and best.kind == "faq" and best.product_id is None
        if shop_faq and best.score >= self.min_confidence:
            return self._grounded(context, _quoted(context, best), [best], best.score)
        relevance = _product_relevance(context.evidence)
        chosen = []
        for product in context.products:
            score = relevance.get(product.product_id, 0.0)
            if score < self.catalog_min_confidence:
                continue
            facts = _intent_facts(context, product.product_id)
            if facts is None:  # a yes/no attribute the question asks for is "no"
                continue
            chosen.append((product, score, facts))
            if len(chosen) == self.max_products:
                break
        if not chosen:
            top = max(relevance.values(), default=0.0)
            return refuse(context, top)
        items, cited = [], []
        for product, _score, facts in chosen:
            title = _title_evidence(context, product.product_id)
            details = [_detail(fact, product.currency) for fact in facts]
            items.append(phrases.product_item(title.text if title else product.title, details))
            cited += [e for e in ([title] if title else []) + facts if e not in cited]
        answer = self._grounded(context, phrases.products(items), cited, chosen[0][1])
        answer.products = [product for product, _s, _f in chosen]
        return answer

    def _comparison(self, context: QAContext) -> Answer:
        """The extreme of the compared products, and the others it was compared with."""
        comparison = context.comparison
        if not comparison.answerable:
            return refuse(context)
        shown = comparison.ranked[: self.max_products + 2]
        items = [phrases.product_item(c.title, [c.shown]) for c in shown]
        text = phrases.extreme(comparison.lowest, comparison.label, items[0])
        if len(items) > 1:
            text += " " + phrases.compared(items[1:])
        cited = [c.fact for c in shown if c.fact is not None]
        answer = self._grounded(context, text, cited, FACT_CONFIDENCE)
        by_id = {card.product_id: card for card in context.products}
        answer.products = [by_id[c.entry.product_id] for c in shown if c.entry.product_id in by_id]
        return answer

    def _grounded(
        self, context: QAContext, text: str, cited: list[Evidence], confidence: float
    ) -> Answer:
        answer = context.grounded(text, cited, confidence, "extractive")
        # The sentences are the catalog's templates: English or the default language's
        # when no catalog exists for the asker's (the generative answerer writes in any).
        answer.language = phrases.written_language(context.language)
        return answer


def _quoted(context: QAContext, evidence: Evidence) -> str:
    """Evidence quoted in its own language; the answer says which when it is not the
    asker's (no machine translation is available offline)."""
    text = phrases.quote(evidence.kind, evidence.text)
    if evidence.language and evidence.language != context.language:
        text += " " + phrases.source_language(evidence.language)
    return text


def _shown(context: QAContext, fact: Evidence) -> str:
    """A fact as shown in an answer: quoted when the shop names it in another language."""
    return fact.text if fact.language == context.language else phrases.quoted(fact.text)


# --- fact sentences per intent ----------------------------------------------------------

Built = tuple[str, list[Evidence]]


def _stock(context: QAContext, intent: Intent, fact: Evidence) -> Built:
    return phrases.in_stock(bool(fact.value)), [fact]


def _price(context: QAContext, intent: Intent, fact: Evidence) -> Built:
    currency = context.products[0].currency or "EUR"
    return phrases.price(price_text(Decimal(str(fact.value)), currency)), [fact]


def _brand(context: QAContext, intent: Intent, fact: Evidence) -> Built:
    return phrases.brand(str(fact.value)), [fact]


def _asked_value(
    context: QAContext, values: list[str], vocabulary: frozenset[str] = COLORS
) -> str | None:
    """A value the question names ("red", "rojo", "Baumwolle"): one of the product's own
    values first, then any value of the vocabulary (colours or materials)."""
    for canonical in [*values, *sorted(vocabulary)]:
        names = value_names(canonical, context.language)
        hit = mentions(context.question, names)
        if hit:
            return canonical
    return None


def _with_asked_color(context: QAContext) -> list[Intent]:
    """ "Is it available in orange?" asks about colours, not stock: a named colour turns a
    stock question into a colour question (when the product has a colour)."""
    intents = list(context.intents)
    names = [i.name for i in intents]
    if "stock" not in names or "color" in names:
        return intents
    product_id = context.products[0].product_id
    colors = context.facts(product_id, ("color",)) + context.variant_facts(("color",))
    known = [v for fact in colors for v in _split(fact.value)]
    if colors and _asked_value(context, known) is not None:
        stock = names.index("stock")
        intents[stock] = Intent("color", ("color",), intents[stock].position)
    return intents


def _split(value: Any) -> list[str]:
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _colors(context: QAContext, intent: Intent, fact: Evidence) -> Built:
    variants = context.variant_facts(("color",) if fact.field == "color" else (fact.field,))
    cited = [fact, *variants]
    values: list[str] = []
    for item in cited:
        values += [v for v in _split(item.value) if v.lower() not in {x.lower() for x in values}]
    asked = _asked_value(context, values)
    shown = [value_text(v) for v in values]
    if asked is None:
        return phrases.colors(shown), cited
    matches = asked.lower() in {v.lower() for v in values}
    return phrases.colors(shown, asked=value_text(asked), matches=matches), cited


def _sizes(context: QAContext, intent: Intent, fact: Evidence) -> Built:
    variants = context.variant_facts((fact.field,))
    cited = [fact, *variants]
    values: list[str] = []
    for item in cited:
        values += [v for v in _split(item.value) if v not in values]
    return phrases.sizes(values), cited


def _material(context: QAContext, intent: Intent, fact: Evidence) -> Built:
    values = _split(fact.value)
    asked = _asked_value(context, values, MATERIALS)
    shown = value_text(fact.value)
    if asked is None:
        return phrases.material(shown), [fact]
    matches = (
        asked.lower() in {v.lower() for v in values} or asked.lower() in str(fact.value).lower()
    )
    return phrases.material(shown, asked=value_text(asked), matches=matches), [fact]


_BUILDERS: dict[str, Callable[[QAContext, Intent, Evidence], Built]] = {
    "stock": _stock,
    "price": _price,
    "brand": _brand,
    "color": _colors,
    "size": _sizes,
    "material": _material,
}


# --- catalog helpers --------------------------------------------------------------------


def _product_relevance(evidence: list[Evidence]) -> dict[Any, float]:
    """Per product, the best score of its texts (titles, descriptions, FAQ, reviews)."""
    best: dict[Any, float] = {}
    for item in evidence:
        if item.kind == "attribute" or item.product_id is None:
            continue
        best[item.product_id] = max(best.get(item.product_id, float("-inf")), item.score)
    return best


def _title_evidence(context: QAContext, product_id: Any) -> Evidence | None:
    titles = [e for e in context.evidence if e.kind == "title" and e.product_id == product_id]
    same = [e for e in titles if e.language == context.language]
    return (same or titles or [None])[0]


def _intent_facts(context: QAContext, product_id: Any) -> list[Evidence] | None:
    """The facts a catalog-wide answer shows for a product (price by default).

    None when the question asks for a yes/no attribute the product
    does not have or has as "no": such a product does not answer the question.
    """
    facts: list[Evidence] = []
    for intent in context.intents:
        found = context.facts(product_id, intent.fields)
        if _asks_yes_no(context, intent) and (not found or as_bool(found[0].value) is not True):
            return None
        facts += found[:1]
    if not any(f.field == "price" for f in facts):
        facts += context.facts(product_id, ("price",))
    return facts


def _asks_yes_no(context: QAContext, intent: Intent) -> bool:
    """Whether the intent names a yes/no attribute (its values in the candidates are all
    yes/no), so that a product without a "yes" does not answer the question."""
    values = [
        e.value
        for e in context.evidence
        if e.kind == "attribute" and e.field in intent.fields and e.field not in FACETS
    ]
    return bool(values) and all(as_bool(v) is not None for v in values)


def _detail(fact: Evidence, currency: str) -> str:
    if fact.field == "price":
        return price_text(Decimal(str(fact.value)), currency or "EUR")
    return fact.text


# --- loading ----------------------------------------------------------------------------


def load_answerer(setting: Any = None) -> Answerer:
    """The answerer named by ``SHOP_ASSISTANT["ANSWERER"]`` (or ``setting``)."""
    value = app_settings.ANSWERER if setting is None else setting
    return instantiate('SHOP_ASSISTANT["ANSWERER"]', value)
