"""Catalog indexing: see :mod:`shop_assistant.indexing.service`."""

from .service import Indexer, IndexReport, remove_products

__all__ = ["IndexReport", "Indexer", "remove_products"]
