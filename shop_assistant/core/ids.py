"""Host product primary keys: coerced once, the same way everywhere.

Ids arrive as URL segments, JSON values, command-line words and task arguments; each is
turned into the product model's pk type with the pk field's own ``to_python``, and stored
in JSON (jobs, the search log) as an int or a string.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from ..conf import get_product_model

__all__ = ["json_pk", "to_pk", "to_pks"]


def to_pk(value: Any) -> Any:
    """``value`` as the product model's pk type; ``ValueError`` when it cannot be one."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"Not a valid product id: {value!r}.")
    try:
        return get_product_model()._meta.pk.to_python(value)
    except (ValidationError, TypeError, ValueError) as exc:
        raise ValueError(f"Not a valid product id: {value!r}.") from exc


def to_pks(values: Iterable[Any]) -> list[Any]:
    """Distinct pks, in their first order (see :func:`to_pk`)."""
    return list(dict.fromkeys(to_pk(value) for value in values))


def json_pk(pk: Any) -> int | str:
    """A pk as JSON stores it (UUIDs and other types as strings)."""
    return pk if isinstance(pk, int | str) and not isinstance(pk, bool) else str(pk)
