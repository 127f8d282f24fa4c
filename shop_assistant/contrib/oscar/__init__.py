"""django-oscar integration: map oscar's catalogue with no code from the shop.

Three settings lines::

    INSTALLED_APPS += ["shop_assistant.contrib.oscar"]   # after "shop_assistant"
    SHOP_ASSISTANT_PRODUCT_MODEL = "catalogue.Product"
    SHOP_ASSISTANT = {"ADAPTER": "shop_assistant.contrib.oscar.OscarProductAdapter"}

:class:`~.adapter.OscarProductAdapter` reads prices and availability through oscar's
strategy, the category tree, attributes, images, approved reviews and order lines;
:mod:`.receivers` keep the index fresh for every way oscar changes a product.
"""

from __future__ import annotations

from typing import Any

__all__ = ["OscarProductAdapter"]


def __getattr__(name: str) -> Any:
    # Lazy: INSTALLED_APPS imports this package before oscar's models are ready.
    if name == "OscarProductAdapter":
        from .adapter import OscarProductAdapter

        return OscarProductAdapter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
