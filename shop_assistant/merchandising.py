"""Merchandising rules (pin, boost, bury, exclude) applied to every ranked list.

Search and every recommendation list call :func:`apply_rules` on their ranked
candidates; the semantics are those documented on
:class:`~shop_assistant.models.MerchandisingRule`:

1. rules that *apply* are the active ones whose languages (if any) include the list's
   language and whose queries (if any) include the search query, compared as search
   matches words (case, accents and inflections aside, see :meth:`Rule.applies`);
2. **exclude** removes the products a rule targets (all of its product, category with
   subcategories, and brand that are set);
3. **boost** multiplies a targeted candidate's score by ``1 + weight``, **bury** divides
   it by ``1 + weight``; the list is then re-sorted by score (stable);
4. **pin** moves the rule's product to position ``int(weight)`` (1-based), fetching it
   from the catalog when it is not in the list but matches the list's ``filters``; an
   excluded product is never pinned.

Every affected candidate names its rules in its :class:`~shop_assistant.ranking.Explanation`
(``rules``; a pinned one is marked ``pinned``); merchandising knows nothing else of the list.
:func:`exclusion_q` gives the same exclusions as a queryset condition, so that
retrieval can skip excluded products up front instead of under-filling the list.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from .conf import app_settings
from .core import memo
from .filters import Filters, filter_entries
from .language import query_key
from .models import CatalogEntry, MerchandisingRule
from .ranking import Candidate, Explanation

Action = MerchandisingRule.Action


@dataclass(frozen=True)
class Rule:
    """An active rule, normalized for matching."""

    id: int
    name: str
    action: str
    product_id: str | None
    category: str
    brand: str  # casefolded
    queries: frozenset[str]  # casefolded, stripped (matched stemmed, see applies)
    languages: frozenset[str]
    weight: float

    @classmethod
    def from_model(cls, rule: MerchandisingRule) -> Rule:
        return cls(
            id=rule.pk,
            name=rule.name,
            action=rule.action,
            product_id=str(rule.product_id) if rule.product_id is not None else None,
            category=rule.category.strip(),
            brand=rule.brand.strip().casefold(),
            queries=frozenset(_normalize_query(q) for q in rule.queries if q.strip()),
            languages=frozenset(code.strip().lower() for code in rule.languages if code.strip()),
            weight=float(rule.weight),
        )

    @property
    def has_target(self) -> bool:
        return bool(self.product_id or self.category or self.brand)

    @property
    def position(self) -> int:
        return max(1, int(self.weight))

    @property
    def label(self) -> str:
        if self.action == Action.PIN:
            return f"pin #{self.position}: {self.name}"
        if self.action in (Action.BOOST, Action.BURY):
            return f"{self.action} ×{1 + max(self.weight, 0):g}: {self.name}"
        return f"{self.action}: {self.name}"

    def applies(self, query: str, language: str) -> bool:
        """The rule's languages include ``language`` and, when it names queries, ``query``
        is one of them as search matches words: case, accents, plurals and other
        inflections of the language aside ("Tents" applies a rule for "tent")."""
        if self.queries and not (
            query.strip()
            and query_key(query, language) in {query_key(q, language) for q in self.queries}
        ):
            return False
        if self.languages:
            code = language.strip().lower()
            return code in self.languages or code.split("-")[0] in self.languages
        return True

    def targets(self, candidate: Candidate) -> bool:
        if not self.has_target:
            return False
        if self.product_id is not None and str(candidate.product_id) != self.product_id:
            return False
        if self.category and self.category not in candidate.category_path:
            return False
        return not (self.brand and candidate.brand.strip().casefold() != self.brand)

    def entry_q(self) -> Q:
        """This rule's targets as a condition on :class:`CatalogEntry`."""
        condition = Q()
        if self.product_id is not None:
            condition &= Q(product_id=self.product_id)
        if self.category:
            condition &= Q(category_path__contains=[self.category])
        if self.brand:
            condition &= Q(brand__iexact=self.brand)
        return condition


def _normalize_query(query: str) -> str:
    return " ".join(query.casefold().split())


def active_rules(*, query: str = "", language: str = "", using: str | None = None) -> list[Rule]:
    """The active rules applying to a list for ``query`` in ``language``."""
    alias = using or app_settings.DATABASE

    def load() -> tuple[Rule, ...]:
        rows = MerchandisingRule.objects.using(alias).filter(is_active=True)
        return tuple(Rule.from_model(row) for row in rows.order_by("name", "pk"))

    rules = memo.memoized(("merchandising-rules", alias), load)
    return [rule for rule in rules if rule.has_target and rule.applies(query, language)]


def exclusion_q(rules: Iterable[Rule]) -> Q | None:
    """Entries excluded by ``rules`` as one condition (None when nothing is excluded)."""
    condition: Q | None = None
    for rule in rules:
        if rule.action == Action.EXCLUDE:
            condition = rule.entry_q() if condition is None else condition | rule.entry_q()
    return condition


def apply_rules(
    candidates: list[Candidate],
    *,
    query: str = "",
    language: str = "",
    filters: Filters | None = None,
    exclude: Collection[Any] = (),
    rules: list[Rule] | None = None,
    using: str | None = None,
) -> list[Candidate]:
    """Return ``candidates`` re-ordered by the active rules, excluded ones removed,
    pinned ones (fetched when missing and matching ``filters``) inserted at their position,
    each affected candidate naming its rule in ``explanation["rules"]``.

    ``exclude`` lists product ids a pin must never bring in (a list's own product, what
    the visitor bought); ``rules`` skips loading them again when the caller already did.
    """
    if rules is None:
        rules = active_rules(query=query, language=language, using=using)
    if not rules:
        return candidates
    excluding = [r for r in rules if r.action == Action.EXCLUDE]
    scoring = [r for r in rules if r.action in (Action.BOOST, Action.BURY)]
    pins = sorted((r for r in rules if r.action == Action.PIN), key=lambda r: r.position)

    ranked = [c for c in candidates if not _excluded(c, excluding)]
    if scoring and _rescore(ranked, scoring):
        ranked.sort(key=lambda c: -c.score)
    if pins:
        ranked = _pin(ranked, pins, excluding, filters, exclude, using)
    return ranked


def _excluded(candidate: Candidate, rules: list[Rule]) -> bool:
    return any(rule.targets(candidate) for rule in rules)


def _rescore(candidates: list[Candidate], rules: list[Rule]) -> bool:
    changed = False
    for candidate in candidates:
        for rule in rules:
            if not rule.targets(candidate):
                continue
            factor = 1.0 + max(rule.weight, 0.0)
            boost = rule.action == Action.BOOST
            if candidate.score < 0:  # keep "more" meaning "better" for negative scores
                boost = not boost
            candidate.score = candidate.score * factor if boost else candidate.score / factor
            candidate.explanation.note_rule(rule.label)
            changed = True
    return changed


def _pin(
    ranked: list[Candidate],
    pins: list[Rule],
    excluding: list[Rule],
    filters: Filters | None,
    exclude: Collection[Any],
    using: str | None,
) -> list[Candidate]:
    forbidden = {str(pid) for pid in exclude}
    placed: dict[int, int] = {}  # position -> pins already placed there
    for rule in pins:
        if rule.product_id in forbidden:
            continue
        found = next((c for c in ranked if str(c.product_id) == rule.product_id), None)
        if found is not None:
            ranked.remove(found)
        else:
            found = _fetch_pinned(rule.product_id, filters, using)
            if found is None or _excluded(found, excluding):
                continue
        index = min(rule.position - 1 + placed.get(rule.position, 0), len(ranked))
        placed[rule.position] = placed.get(rule.position, 0) + 1
        if found.explanation.source == "pinned":
            neighbour = ranked[index] if index < len(ranked) else (ranked[-1] if ranked else None)
            found.score = neighbour.score if neighbour is not None else 0.0
        found.explanation.note_rule(rule.label)
        found.explanation.pinned = True
        ranked.insert(index, found)
    return ranked


def _fetch_pinned(product_id: Any, filters: Filters | None, using: str | None) -> Candidate | None:
    """The pinned product as a candidate, if published and matching ``filters``."""
    db = using or app_settings.DATABASE
    if filters is not None:
        entries = filter_entries(filters, using=db)
    else:
        entries = CatalogEntry.objects.using(db).published()
    entry = entries.filter(product_id=product_id).first()
    if entry is None:
        return None
    return Candidate(
        entry_id=entry.pk,
        product_id=entry.product_id,
        score=0.0,
        brand=entry.brand,
        category_path=list(entry.category_path),
        explanation=Explanation("pinned"),
    )
