"""Merchandising rules (pin, boost, bury, exclude) applied to every ranked list.

Integration point shared by search and recommendations; the rule engine itself is
built with the recommendations work (issue 5).
"""

from __future__ import annotations

from typing import Literal

from .ranking import Candidate

Surface = Literal["search", "similar", "bought_together", "personalized", "trending"]


def apply_rules(
    candidates: list[Candidate],
    *,
    query: str = "",
    language: str = "",
    surface: Surface = "search",
    filters: object | None = None,
) -> list[Candidate]:
    """Return ``candidates`` re-ordered by the active rules, excluded ones removed,
    pinned ones (fetched when missing and matching ``filters``) inserted at their position,
    each affected candidate naming its rule in ``explanation["rules"]``."""
    return candidates
