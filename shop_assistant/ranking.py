"""What every ranked list (search, recommendations) is made of before it is hydrated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Candidate:
    """A product in a ranked list, with what rules need to match it and why it is here."""

    entry_id: int
    product_id: Any
    score: float
    brand: str = ""
    category_path: list[str] = field(default_factory=list)
    explanation: dict[str, Any] = field(default_factory=dict)

    def note_rule(self, description: str) -> None:
        self.explanation.setdefault("rules", []).append(description)
