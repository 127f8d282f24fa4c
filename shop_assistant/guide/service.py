"""The shopping guide: one turn of a conversation, grounded in the catalog, no LLM needed.

Each message updates the conversation's constraints (:mod:`.understand`, :mod:`.values`,
:mod:`.categories`) and is answered in one of four ways:

* a **comparison** over the products shown ("which is lighter?"), from their data;
* a **question about a product shown** («¿es impermeable?»), through the Q&A service
  with its citations (taken only when the answer is grounded);
* a **clarifying question** when a new need names none of the shop's categories and is
  too vague to search well (no keyword matches, no product near in meaning);
* **products** found by the search service under the constraints (or, for "more like
  the second one", by similar products), each with a reason read from its own data; the
  category is the one the need names, else the one most of the best matches share; when
  the need's words find nothing in it, the category's own name is searched; a
  constraint that leaves nothing is relaxed and the reply says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..cards import ProductCard
from ..cards import cards as hydrate
from ..catalog import get_adapter
from ..conf import app_settings
from ..core.errors import ShopAssistantError
from ..core.loading import instantiate
from ..filters import Filters
from ..indexing.ann import mean_vectors
from ..indexing.spaces import active_space
from ..language import negotiate
from ..models import CatalogEntry
from ..qa import ask
from ..qa.text import normalize
from ..qa.types import Citation
from ..recommend.base import ListContext
from ..recommend.identity import Visitor
from ..recommend.personalized import taste_of
from ..recommend.similar import similar_products
from ..search import search
from . import conversations
from .categories import CategoryMatch, match_categories, name_of
from .phrases import phrase, written_language
from .understand import Message, understand
from .values import match_values

MAX_MESSAGE_LENGTH = 1000
#: Products a reply shows.
SHOWN = 5
#: How much the visitor's taste (cosine to their interests, 0..1) adds to a search score.
TASTE_WEIGHT = 0.3
#: A new need that matches no keyword and whose nearest product is less similar than this
#: is too vague to search well (USE multilingual; judged on the tests' catalog).
VAGUE_SIMILARITY = 0.2
#: Words naming a product's weight in attribute keys or labels (the library's own cue
#: set; a shop's attributes are matched through their keys and labels).
_WEIGHT = re.compile(
    r"weight|gewicht|peso|poids|вес|waga|ağırlık|agirlik|重量|重さ|무게|وزن|น้ำหนัก|massa",
    re.IGNORECASE,
)
_MEASURE = re.compile(r"(-?\d+(?:[.,]\d+)?)\s*(kg|g|lb|lbs|oz)?\b", re.IGNORECASE)
_GRAMS = {"kg": 1000.0, "g": 1.0, "lb": 453.6, "lbs": 453.6, "oz": 28.35}


class InvalidMessage(ShopAssistantError):
    """A blank or too long message."""

    status_code = 400
    code = "invalid_message"
    field = "message"


@dataclass
class GuideReply:
    conversation_id: str
    reply: str
    language: str
    products: list[ProductCard] = field(default_factory=list)
    reasons: dict[Any, str] = field(default_factory=dict)  # product id -> why it is shown
    constraints: dict[str, Any] = field(default_factory=dict)
    clarifying_question: str | None = None
    citations: list[Citation] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    action: str = "products"  # products | compare | answer | clarify | nothing


def chat(
    message: str,
    *,
    visitor: Visitor,
    conversation_id: str | None = None,
    lang: str | None = None,
    accept_language: str | None = None,
) -> GuideReply:
    """Answer one message of ``visitor``'s conversation (a new one without an id).

    Raises :class:`InvalidMessage`, :class:`~.conversations.ConversationNotFound` (an
    unknown, expired or another visitor's conversation) and
    :class:`~shop_assistant.core.errors.UnknownLanguage`.
    """
    text = " ".join(str(message or "").split())
    if not text:
        raise InvalidMessage("The message is blank.")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise InvalidMessage(f"The message is longer than {MAX_MESSAGE_LENGTH} characters.")
    conversation = conversations.open(conversation_id, visitor)
    state = conversation.state
    if lang is None and state.get("language") and len(text.split()) <= 3:
        lang = state["language"]  # a short follow-up keeps the conversation's language
    language = negotiate(text, lang=lang, accept_language=accept_language).code
    state["language"] = language
    turn = _Turn(understand(text, language), state, written_language(language), visitor)
    reply = turn.answer_with_llm(text, conversation.turns) or turn.answer()
    reply.conversation_id = conversations.save(conversation, text, reply)
    return reply


class _Turn:
    def __init__(
        self, message: Message, state: dict[str, Any], language: str, visitor: Visitor
    ) -> None:
        self.message = message
        self.state = state
        self.language = language
        self.visitor = visitor
        self.using = app_settings.DATABASE
        self._read: dict[str, CatalogEntry] = {}  # entries read in this turn, by product

    # -- dispatch ------------------------------------------------------------------------
    def answer_with_llm(self, text: str, history: list[dict[str, Any]]) -> GuideReply | None:
        """The optional LLM's reply (``GUIDE_LLM``), checked; None to let the rules answer."""
        if app_settings.GUIDE_LLM is None:
            return None
        guide = instantiate('SHOP_ASSISTANT["GUIDE_LLM"]', app_settings.GUIDE_LLM)
        result = guide.reply(text, self.state["language"], history)
        if result is None:
            return None
        reply_text, cards, citations, constraints = result
        self.state.update(constraints)
        reply = self._reply(reply_text, cards, action="products" if cards else "answer")
        reply.citations = citations
        reply.language = self.state["language"]
        return reply

    def answer(self) -> GuideReply:
        message, shown = self.message, self.state.get("shown", [])
        if message.compare and shown:
            return self._compare(shown)
        values = match_values(message.text, language=self.language, using=self.using)
        rest = message.rest  # normalized
        for found in values:
            rest = rest.replace(normalize(found.words), " ")
        message.rest = rest
        if shown and message.is_question and not values and not message.refines:
            answered = self._product_question(shown)
            if answered is not None:
                return answered
        # "¿y en rojo?", «A w kolorze srebrnym?»: a value and a word or two refine the need.
        refines_only = bool(values) and bool(self.state.get("need")) and message.content_words <= 2
        new_need = message.has_need and not refines_only
        if new_need:
            self.state.update(need=message.need, like=None)
            for key in ("category", "min_price", "max_price", "in_stock"):
                self.state.pop(key, None)
            self.state["attributes"], self.state["brand_exclude"] = {}, []
        self._refine(values, shown)
        return self._products(new_need)

    def _refine(self, values: list[Any], shown: list[Any]) -> None:
        message, state = self.message, self.state
        if message.min_price is not None:
            state["min_price"] = str(message.min_price)
        if message.max_price is not None:
            state["max_price"] = str(message.max_price)
        if message.in_stock:
            state["in_stock"] = True
        for found in values:
            state.setdefault("attributes", {})[found.key] = found.value
        entries = self._entries(shown) if shown else {}
        first = entries.get(_key(shown[0])) if shown else None
        if message.cheaper and first is not None and first.price is not None:
            state["max_price"] = str(first.price - Decimal("0.01"))
        if message.other_brand and first is not None and first.brand:
            state.setdefault("brand_exclude", []).append(first.brand)
        if message.more_like is not None and len(shown) > message.more_like:
            state["like"] = shown[message.more_like]

    # -- the four kinds of reply ------------------------------------------------------
    def _products(self, new_need: bool) -> GuideReply:
        state = self.state
        if not state.get("need") and not state.get("like"):
            return self._clarify()
        named: list[CategoryMatch] = []
        if new_need and state.get("like") is None:
            named = match_categories(state["need"], using=self.using)
        if len(named) == 1:
            state["category"] = named[0].slug  # the shop's category the message names
        cards = self._find(self._filters())
        if len(named) > 1:
            # Close names ("coffee maker for the kitchen"): the best matches decide.
            state["category"] = _chosen_category(cards, [m.slug for m in named])
            cards = self._find(self._filters())
        if new_need and not named and (self._vague(cards) if cards else not self._constrained()):
            # Nothing near, or nothing at all with no constraint to relax: ask, not list.
            return self._clarify()
        if new_need and not named and cards and (category := _shared_category(cards)):
            # The need's category (most of the best matches share it) holds from now on.
            state["category"] = category
            cards = self._find(self._filters())
        text = phrase("found", self.language)
        if not cards:
            cards, text = self._relax()
        if not cards:
            self.state["shown"] = []
            return self._reply(phrase("nothing", self.language), [], action="nothing")
        return self._reply(text, cards[:SHOWN])

    def _find(self, filters: Filters) -> list[ProductCard]:
        state = self.state
        if state.get("like") is not None:
            context = ListContext(filters=filters, language=self.language, limit=SHOWN * 3)
            found = similar_products(state["like"], context)
        else:
            found = self._search(state["need"], filters)
            if not found and filters.category:
                # The need's words find nothing in the category («러닝화», a word the
                # encoder does not know): the category's own name does.
                name = name_of(filters.category, self.language, using=self.using)
                found = self._search(name, filters) if name else []
        excluded = set(state.get("brand_exclude", []))
        return self._personalize([card for card in found if card.brand not in excluded])

    def _search(self, query: str, filters: Filters) -> list[ProductCard]:
        return search(
            query,
            lang=self.state["language"],
            filters=filters,
            page_size=SHOWN * 3,
            with_facets=False,
        ).hits

    def _personalize(self, cards: list[ProductCard]) -> list[ProductCard]:
        """Search results re-ranked toward the visitor's taste (the interests the
        recommendations learn from their events), when they have one."""
        if len(cards) < 2 or any(card.score is None for card in cards):
            return cards
        context = ListContext(language=self.language, using=self.using)
        taste = taste_of(self.visitor, context)
        space = active_space(self.using)
        if not taste.interests or space is None:
            return cards
        entries = self._entries([card.product_id for card in cards])
        vectors = mean_vectors(space, [e.pk for e in entries.values()], using=self.using)
        by_product = {key: vectors[e.pk] for key, e in entries.items() if e.pk in vectors}
        total = sum(interest.weight for interest in taste.interests)

        def affinity(card: ProductCard) -> float:
            vector = by_product.get(_key(card.product_id))
            if vector is None:
                return 0.0
            return sum(
                interest.weight / total * float(interest.vector @ vector)
                for interest in taste.interests
            )

        return sorted(cards, key=lambda card: -(card.score + TASTE_WEIGHT * affinity(card)))

    def _filters(self, *, relax: str = "") -> Filters:
        state = self.state
        return Filters(
            category=state.get("category") if relax != "category" else None,
            min_price=_decimal(state.get("min_price")) if relax != "price" else None,
            max_price=_decimal(state.get("max_price")) if relax != "price" else None,
            in_stock=state.get("in_stock"),
            attributes=dict(state.get("attributes", {})) if relax != "attributes" else {},
        )

    def _relax(self) -> tuple[list[ProductCard], str]:
        """Products without the constraint that left nothing, and a reply saying so."""
        state = self.state
        if state.get("attributes"):
            cards = self._find(self._filters(relax="attributes"))
            if cards:
                value = ", ".join(state["attributes"].values())
                state["attributes"] = {}
                return cards, phrase("relaxed_attribute", self.language, value=value)
        if state.get("min_price") or state.get("max_price"):
            cards = [c for c in self._find(self._filters(relax="price")) if c.price is not None]
            category = state.get("category") or _shared_category(cards)
            if category:  # the closest of the kind of product asked for
                state["category"] = category
                cards = [c for c in cards if c.category_path and c.category_path[-1] == category]
            if cards:
                bound = _decimal(state.get("max_price"))
                if bound is not None:  # the closest to a ceiling is the cheapest
                    cards.sort(key=lambda card: card.price)
                closest = cards[0]
                text = phrase(
                    "relaxed_price", self.language, title=closest.title, price=money(closest)
                )
                state.pop("min_price", None), state.pop("max_price", None)
                return cards, text
        if state.get("category"):
            state.pop("category")
            return self._find(self._filters()), phrase("found", self.language)
        return [], ""

    def _vague(self, cards: list[ProductCard]) -> bool:
        """No keyword matches and no product near in meaning: "a gift", «algo bonito»."""
        if self.state.get("attributes") or self.state.get("like") is not None:
            return False
        best = 0.0
        for card in cards[:SHOWN]:
            explanation = card.explanation
            if explanation is None:
                continue
            if explanation.lexical is not None and explanation.lexical.coverage > 0:
                return False
            if explanation.vector is not None:
                best = max(best, explanation.vector.score)
        return best < VAGUE_SIMILARITY

    def _constrained(self) -> bool:
        state = self.state
        return any(state.get(key) for key in ("min_price", "max_price", "attributes", "in_stock"))

    def _clarify(self) -> GuideReply:
        question = phrase("clarify", self.language)
        reply = self._reply(question, [], action="clarify")
        reply.clarifying_question = question
        return reply

    def _product_question(self, shown: list[Any]) -> GuideReply | None:
        position = self.message.ordinal if self.message.ordinal is not None else 0
        if position >= len(shown):
            return None
        answer = ask(self.message.text, product_id=shown[position], lang=self.state["language"])
        if not answer.grounded:
            return None
        cards = self._cards(shown)
        reply = self._reply(answer.answer, cards, action="answer", remember=False)
        reply.citations = answer.citations
        return reply

    def _compare(self, shown: list[Any]) -> GuideReply:
        what, direction = self.message.compare or ("price", "min")
        cards = self._cards(shown)
        entries = self._entries(shown)
        values: dict[Any, tuple[float, str, str]] = {}  # product -> (number, shown, field)
        for card in cards:
            entry = entries.get(_key(card.product_id))
            if entry is None:
                continue
            if what == "price" and card.price is not None:
                values[card.product_id] = (float(card.price), money(card), "price")
            elif what == "weight" and (weight := weight_of(entry.attributes)) is not None:
                values[card.product_id] = weight
        if not values:
            return self._reply(phrase("no_data", self.language), cards, action="compare")
        pick = min if direction == "min" else max
        winner = pick(values, key=lambda product: values[product][0])
        number, shown_value, attribute = values[winner]
        best = next(card for card in cards if card.product_id == winner)
        label = phrase("price", self.language) if what == "price" else self._label(attribute)
        key = "lowest" if direction == "min" else "highest"
        text = phrase(key, self.language, title=best.title, what=label, value=shown_value)
        ordered = [best, *(card for card in cards if card.product_id != winner)]
        reply = self._reply(text, ordered, action="compare", remember=False)
        reply.citations = [
            Citation(product, "attribute", values[product][1], self.language, values[product][2])
            for product in values
        ]
        return reply

    # -- helpers ---------------------------------------------------------------------
    def _entries(self, product_ids: list[Any]) -> dict[str, CatalogEntry]:
        """The published entries of ``product_ids``, each read once per turn."""
        missing = [p for p in product_ids if _key(p) not in self._read]
        self._read.update(entries_of(missing, self.using))
        return {_key(p): self._read[_key(p)] for p in product_ids if _key(p) in self._read}

    def _cards(self, product_ids: list[Any]) -> list[ProductCard]:
        entries = self._entries(product_ids)
        by_entry = hydrate([e.pk for e in entries.values()], self.language, using=self.using)
        by_product = {_key(card.product_id): card for card in by_entry.values()}
        return [by_product[_key(p)] for p in product_ids if _key(p) in by_product]

    def _label(self, attribute: str) -> str:
        labels = get_adapter().get_attribute_labels().get(attribute, {})
        return labels.get(self.language) or labels.get("en") or attribute.replace("_", " ")

    def _reply(
        self,
        text: str,
        cards: list[ProductCard],
        *,
        action: str = "products",
        remember: bool = True,
    ) -> GuideReply:
        if remember:
            self.state["shown"] = [card.product_id for card in cards]
        entries = self._entries([card.product_id for card in cards])
        reasons = {
            card.product_id: self._reason(card, entries.get(_key(card.product_id)))
            for card in cards
        }
        return GuideReply(
            conversation_id="",
            reply=text,
            language=self.language,
            products=cards,
            reasons=reasons,
            constraints=constraints_of(self.state),
            suggestions=self._suggestions(cards),
            action=action,
        )

    def _reason(self, card: ProductCard, entry: CatalogEntry | None) -> str:
        """Why a product is shown, from its own data: the wanted values, weight, price,
        stock ("red · 360 g · 79.99 EUR · in stock")."""
        parts: list[str] = []
        attributes = entry.attributes if entry is not None else {}
        for key in self.state.get("attributes", {}):
            if attributes.get(key) not in (None, ""):
                parts.append(str(attributes[key]))
        weight = weight_of(attributes)
        if weight is not None:
            parts.append(weight[1])
        if card.price is not None:
            parts.append(money(card))
        parts.append(phrase("in_stock" if card.in_stock else "out_of_stock", self.language))
        return " · ".join(parts)

    def _suggestions(self, cards: list[ProductCard]) -> list[str]:
        if not cards:
            return []
        chips = ["chip_cheaper", "chip_more_like"]
        if not self.state.get("in_stock") and any(not card.in_stock for card in cards):
            chips.insert(1, "chip_in_stock")
        if len(cards) > 1:
            chips.append("chip_cheapest")
        return [phrase(chip, self.language) for chip in chips]


def constraints_of(state: dict[str, Any]) -> dict[str, Any]:
    """The constraints a reply reports (what the guide understood so far)."""
    keys = ("need", "category", "min_price", "max_price", "in_stock", "attributes")
    found = {key: state[key] for key in keys if state.get(key) not in (None, "", {}, [])}
    if state.get("brand_exclude"):
        found["exclude_brands"] = list(state["brand_exclude"])
    if state.get("like") is not None:
        found["similar_to"] = state["like"]
    return found


def entries_of(product_ids: list[Any], using: str) -> dict[str, CatalogEntry]:
    if not product_ids:
        return {}
    rows = CatalogEntry.objects.using(using).published().filter(product_id__in=product_ids)
    return {_key(entry.product_id): entry for entry in rows}


def _key(product_id: Any) -> str:
    return str(product_id)


def _chosen_category(cards: list[ProductCard], candidates: list[str]) -> str:
    """Of ``candidates`` (best named first), the one most of the best ``cards`` are in."""
    leaves = Counter(
        card.category_path[-1]
        for card in cards[:SHOWN]
        if card.category_path and card.category_path[-1] in candidates
    )
    if not leaves:
        return candidates[0]
    return max(candidates, key=lambda slug: (leaves[slug], -candidates.index(slug)))


def _shared_category(cards: list[ProductCard], at_least: int = 3) -> str | None:
    """The leaf category most of ``cards`` share (at least ``at_least`` of them)."""
    leaves = Counter(card.category_path[-1] for card in cards[:SHOWN] if card.category_path)
    if not leaves:
        return None
    leaf, count = leaves.most_common(1)[0]
    return leaf if count >= min(at_least, len(cards)) else None


def weight_of(attributes: dict[str, Any]) -> tuple[float, str, str] | None:
    """(grams, the value as written, the attribute) of the first weight attribute."""
    for key, raw in attributes.items():
        if not _WEIGHT.search(key):
            continue
        match = _MEASURE.search(str(raw))
        if match is None:
            continue
        number = float(match.group(1).replace(",", "."))
        unit = (match.group(2) or _unit_of(key) or "g").lower()
        written = str(raw) if match.group(2) else f"{raw} {unit}"
        return number * _GRAMS.get(unit, 1.0), written, key
    return None


def _unit_of(key: str) -> str | None:
    """The unit a key names ("net_weight_g", "mass_kg")."""
    match = re.search(r"(?:^|_)(kg|g|lb|lbs|oz)$", key, re.IGNORECASE)
    return match.group(1) if match else None


def money(card: ProductCard) -> str:
    return f"{card.price} {card.currency}".strip()


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
