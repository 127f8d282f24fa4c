"""``ask()``: a question, optionally about one product, answered in the asker's language.

1. The answer language is negotiated like search's (explicit ``lang`` > detected >
   ``Accept-Language`` > default).
2. The scope's evidence is collected (:mod:`.scope`) and ranked against the question by
   meaning and keywords (:mod:`.evidence`); catalog-wide questions first go through the
   search service, with price bounds ("under 500 euros") parsed into filters.
3. The configured answerer (``SHOP_ASSISTANT["ANSWERER"]``) answers from that evidence
   or refuses.

All reads go to ``SHOP_ASSISTANT["DATABASE"]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import signals
from ..catalog import get_adapter
from ..conf import app_settings
from ..core.errors import InvalidInput
from ..indexing.spaces import active_space
from ..language import negotiate
from .answerer import Answerer, load_answerer
from .compare import comparison_for
from .constraints import parse_price
from .crosslingual import best_sentence, names_every_word
from .evidence import Ranker, number, trustworthy
from .intents import AttributeVocabulary, confirmed, detect_intents
from .scope import (
    CATALOG_CANDIDATES,
    catalog_candidates,
    catalog_evidence,
    product_cards,
    product_evidence,
    published_entry,
)
from .types import Answer, QAContext

#: Longest question accepted.
MAX_QUESTION_CHARS = 500


class InvalidQuestion(InvalidInput):
    """A blank or too long question."""

    field = "question"


def ask(
    question: str,
    *,
    product_id: Any = None,
    lang: str | None = None,
    accept_language: str | None = None,
    answerer: Answerer | None = None,
) -> Answer:
    """Answer ``question`` about product ``product_id`` (or the whole catalog).

    Raises :class:`InvalidQuestion` for a blank or too long question,
    :class:`~shop_assistant.core.errors.ProductNotFound` for an unknown or unpublished product and
    :class:`~shop_assistant.language.UnknownLanguage` for a language the shop does not serve.
    """
    context = build_context(
        question, product_id=product_id, lang=lang, accept_language=accept_language
    )
    answer = (answerer or load_answerer()).answer(context)
    signals.answer_given.send(
        sender=ask, question=context.question, product_id=product_id, answer=answer
    )
    return answer


def ask_stream(
    question: str,
    *,
    product_id: Any = None,
    lang: str | None = None,
    accept_language: str | None = None,
    answerer: Answerer | None = None,
) -> Iterator[str | Answer]:
    """Like :func:`ask`, streamed: text as the answerer produces it, then the
    :class:`Answer` (which may replace that text, see
    :meth:`~shop_assistant.qa.generative.GenerativeAnswerer.stream`). An answerer that
    cannot stream gives its answer alone. Invalid input raises here, before any output.
    """
    context = build_context(
        question, product_id=product_id, lang=lang, accept_language=accept_language
    )
    answerer = answerer or load_answerer()
    stream = getattr(answerer, "stream", None)
    events = stream(context) if stream is not None else iter([answerer.answer(context)])
    return _announced(events, context.question, product_id)


def _announced(events: Iterator[str | Answer], question: str, product_id: Any):
    """``events``, sending :data:`~shop_assistant.signals.answer_given` for the answer."""
    for event in events:
        if isinstance(event, Answer):
            signals.answer_given.send(
                sender=ask, question=question, product_id=product_id, answer=event
            )
        yield event


def build_context(
    question: str,
    *,
    product_id: Any = None,
    lang: str | None = None,
    accept_language: str | None = None,
) -> QAContext:
    """The question, its language and the ranked, numbered evidence of its scope."""
    question = " ".join((question or "").split())
    if not question:
        raise InvalidQuestion("The question is blank.")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"The question is longer than {MAX_QUESTION_CHARS} characters.")
    using = app_settings.DATABASE
    choice = negotiate(question, lang=lang, accept_language=accept_language)
    space = active_space(using)
    encoder = space.get_encoder() if space is not None else None
    adapter = get_adapter()

    comparison = clause_match = None
    if product_id is not None:
        product, entry = published_entry(product_id, adapter, using)
        evidence = product_evidence(product, entry, choice.code, adapter, using)
        ranker = Ranker(question, choice.code, encoder)
        scope, products = "product", product_cards([entry], choice.code, using)
    else:
        constraints = parse_price(question)
        comparison = comparison_for(question, choice.code, constraints, adapter, using)
        entries = catalog_candidates(question, choice.code, constraints, adapter, using)
        if comparison is not None:  # the compared products, the extreme first
            entries = [c.entry for c in comparison.ranked[:CATALOG_CANDIDATES]] or entries
        evidence = catalog_evidence(entries, choice.code, adapter, using)
        ranker = Ranker(constraints.rest or question, choice.code, encoder)
        scope, products = "catalog", product_cards(entries, choice.code, using)
    ranked = trustworthy(ranker.rank(evidence))
    if product_id is not None:
        clause_match = best_sentence(
            question, ranked, ranker.vector, encoder, space, [entry.pk], using
        )
        named = ranked and ranked[0].kind == "attribute"
        if clause_match is not None and named and names_every_word(question, ranked[0], encoder):
            clause_match = None  # the best-ranked attribute names what is asked: it answers
    vocabulary = AttributeVocabulary.of(
        (e.field for e in evidence if e.kind == "attribute"), adapter.get_attribute_labels()
    )
    intents = detect_intents(
        question,
        vocabulary,
        language=choice.code,
        encoder=encoder,
        question_vector=ranker.vector,
    )
    return QAContext(
        question=question,
        language=choice.code,
        language_source=choice.source,
        scope=scope,  # type: ignore[arg-type]
        evidence=number(ranked),
        products=products,
        intents=confirmed(intents, ranked, clause_match),
        comparison=comparison,
        clause_match=clause_match,
    )
